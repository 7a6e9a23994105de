"""The Chinese messages of the attachment checks, in one place so their wording stays consistent."""

EMPTY = "文件是空的，请重新选择文件。"
TOO_LARGE = "文件大小为 {size}，超过本项上限 {limit}。请压缩或拆分后上传。"
NO_EXTENSION = "文件名没有扩展名，无法判断文件类型。本项只接受：{allowed}。"
EXTENSION_NOT_ALLOWED = "本项不接受 .{extension} 格式的文件，只接受：{allowed}。"
MACRO_EXTENSION = (
    "不能上传带宏的 Office 文件（.{extension}）。请在 Word 或 Excel 中“另存为”不含宏的 .docx 或 .xlsx 后重新上传。"
)
MISMATCH = "文件内容与扩展名不符：文件名是 .{extension}，内容却是 {actual}。请确认文件后重新上传。"
UNRECOGNISED = "文件内容不是有效的{expected}，与扩展名 .{extension} 不符。请确认文件未损坏后重新上传。"
ACTIVE_CONTENT = "文件内容是网页或脚本（HTML、SVG 等），出于安全原因不能上传。"
EXECUTABLE = "文件内容是可执行程序，出于安全原因不能上传。"
OLE_FILE = (
    "这是旧版 Office 文件（.doc、.xls）或设置了打开密码的文件，无法检查其内容。"
    "请取消密码，并“另存为”.docx、.xlsx 或 PDF 后重新上传。"
)

# PDF.
PDF_BROKEN = "PDF 文件不完整或已损坏，请重新导出或扫描后上传。"
PDF_ACTIVE = (
    "PDF 文件包含脚本、自动执行的动作或嵌入的文件（{names}），出于安全原因不能上传。"
    "请用“打印为 PDF”或扫描件重新生成后上传。"
)
PDF_ENCRYPTED = "PDF 文件设置了密码或权限加密，无法检查其内容。请取消加密后重新导出上传。"
PDF_POLYGLOT = "PDF 文件中夹带了压缩包或网页内容，可能是恶意构造的文件，不能上传。"
PDF_TOO_DEEP = "PDF 文件的压缩对象解压后超过上限 {limit}，可能是恶意构造的文件，不能上传。"

# Images.
IMAGE_BROKEN = "图片无法读取，文件可能已损坏。请重新拍摄或扫描后上传。"
IMAGE_TOO_MANY_PIXELS = (
    "图片尺寸过大，超过上限 {limit} 万像素（约 8000×5000），可能是恶意构造的文件。请缩小图片后重新上传。"
)

# Office files.
OFFICE_BROKEN = "文件已损坏，无法读取。请在 Word 或 Excel 中重新保存后上传。"
OFFICE_MACROS = (
    "文件包含宏或 ActiveX 控件，出于安全原因不能上传。"
    "请在 Word 或 Excel 中“另存为”不含宏的 .docx 或 .xlsx 后重新上传。"
)
OFFICE_ENCRYPTED = "文件内容已加密，无法检查。请取消密码后重新保存上传。"
OFFICE_EMBEDDED = "文件中嵌入了其他文件或对象（如压缩包、OLE 对象），不能上传。请删除嵌入的对象后重新上传。"
OFFICE_EXTERNAL = "文件引用了外部模板或对象，打开时会从网络下载内容，不能上传。请删除外部引用后重新保存上传。"
OFFICE_STRUCTURE = "文件内部结构异常（{detail}），可能是恶意构造的文件，不能上传。"
