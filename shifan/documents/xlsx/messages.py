"""The Chinese messages of the Excel engine, in one place so their wording stays consistent."""

# Whole-file refusals (ImportRefused), checked before any parser runs.
EMPTY_FILE = "文件是空的，请重新选择文件。"
TOO_LARGE = "文件大小为 {size}，超过上限 {limit}。请删除多余内容或分批导入。"
OLE_FILE = (
    "这是旧版 Excel 97-2003 工作簿（.xls）或设置了打开密码的文件，无法导入。"
    "请取消密码，并在 Excel 中“另存为”“Excel 工作簿（*.xlsx）”后重新上传。"
)
NOT_XLSX = (
    "文件内容不是 Excel 工作簿（.xlsx）。请使用系统提供的模板填写，"
    "CSV、.xls、.et 等格式请先在 Excel 或 WPS 中另存为 .xlsx 后上传。"
)
MACROS = (
    "文件包含宏或 ActiveX 控件（如 .xlsm 文件），出于安全原因不能导入。"
    "请在 Excel 中“另存为”“Excel 工作簿（*.xlsx）”后重新上传。"
)
BROKEN = "文件已损坏，无法读取。请在 Excel 中重新保存为 .xlsx 后上传。"
ENCRYPTED_PART = "文件内容已加密，无法导入。请取消密码后重新保存为 .xlsx 上传。"
BAD_STRUCTURE = "文件内部结构异常（{detail}），可能是恶意构造的文件，无法导入。"
EMBEDDED = "工作簿中嵌入了其他文件或对象，无法导入。请删除嵌入的对象后重新上传。"
EXTERNAL = "工作簿引用了外部文件或对象（如外部链接、远程模板），无法导入。请删除外部引用后重新上传。"
UNREADABLE = "无法读取该 Excel 文件，文件可能已损坏。请在 Excel 中重新保存为 .xlsx 后上传。"
TOO_MANY_ROWS = "数据超过 {limit} 行（不含表头），无法一次导入。请分批导入。"
NO_HEADER = "在工作表「{title}」的前 {rows} 行中没有找到表头。请使用系统提供的模板，不要修改表头。"

# The details of BAD_STRUCTURE are shared with the attachment uploads: see documents/ooxml.py.

# Header problems (RowError on the header row) and warnings.
MISSING_COLUMN = "缺少这一必填列。请使用系统提供的模板，不要删除或修改表头。"
DUPLICATE_COLUMN = "这一列出现了多次（第 {letters} 列），请只保留一列。"
IGNORED_COLUMN = "已忽略无法识别的列「{header}」（第 {letter} 列）。"
ABSENT_OPTIONAL = "未找到「{header}」列，该列按空白处理。"
OTHER_SHEET = "未找到名为「{title}」的工作表，已读取第一个工作表「{used}」。"

# Cell problems (RowError on a data row). The row and the column header are added around them.
REQUIRED = "必填，不能为空。"
NUMBER_IN_DIGITS_TEXT = (
    "必须以文本格式填写：Excel 会把长串数字变成数值（如 1.10105E+17）并丢失末几位。"
    "请把该列设为“文本”格式后重新输入，或在号码前加英文单引号 '。"
)
TOO_LONG = "不能超过 {limit} 个字（现有 {length} 个）。"
NOT_INTEGER = "应为整数，如 3。"
NOT_DECIMAL = "应为数字，如 12.5。"
NOT_DATE = "应为日期，如 {examples}。"
NO_SUCH_DATE = "日期不存在，请检查年、月、日。"
NOT_BOOLEAN = "应填“是”或“否”。"
NOT_A_CHOICE = "应从下拉列表中选择：{labels}。"
