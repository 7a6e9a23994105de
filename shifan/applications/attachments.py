"""The materials of 第八条 that are files, not forms: one slot per item, with its rules.

The applicant's step pages, the upload checks and the completeness check before submission all
follow this one table. Items (一)(五)(六)(七) of 第八条 are the online forms (附件2–5); (十) is
both the form of 附件6 (signer and date) and its signed and stamped scan here.
"""

from dataclasses import dataclass

from shifan.documents.files import accept_attribute, allowed_labels
from shifan.documents.sizes import MB, format_size

SCANS = frozenset({"pdf", "jpg", "png"})  # certificates, contracts and signed pages: scans or photos
ACTIVITY_KINDS = frozenset({"pdf", "docx", "xlsx", "jpg", "png"})  # notices, photos, summaries, sign-in sheets


@dataclass(frozen=True)
class Slot:
    code: str  # stable, used in URLs and audit events
    title: str
    article: str
    kinds: frozenset[str]  # codes of documents.files.KINDS
    max_files: int
    max_bytes: int  # per file
    required: bool  # must hold a file before the application may be submitted
    hint: str = ""

    @property
    def kinds_label(self) -> str:
        return allowed_labels(self.kinds)

    @property
    def size_label(self) -> str:
        return format_size(self.max_bytes)

    @property
    def accept(self) -> str:
        return accept_attribute(self.kinds)


SLOTS = (
    Slot("licence", "法人证书或营业执照副本复印件", "第八条（二）", SCANS, max_files=3, max_bytes=20 * MB,
         required=True, hint="请上传加盖单位公章的复印件扫描件或清晰照片。"),
    Slot("premises", "固定经营服务场所产权证或租赁合同复印件", "第八条（三）", SCANS, max_files=10,
         max_bytes=20 * MB, required=True, hint="租赁合同请包含签字盖章页和租赁期限、面积所在页。"),
    Slot("audit_report", "上一年度包含服务收支情况的审计报告", "第八条（四）", frozenset({"pdf"}), max_files=3,
         max_bytes=20 * MB, required=True, hint="请上传会计师事务所出具的完整审计报告（PDF）。"),
    Slot("activities", "开展相关服务活动的材料（通知、照片、总结等）", "第八条（八）", ACTIVITY_KINDS,
         max_files=30, max_bytes=20 * MB, required=True),
    Slot("qualifications", "从业资格、资质、网站备案、许可证等相关材料（复印件）", "第八条（九）", SCANS,
         max_files=20, max_bytes=20 * MB, required=False, hint="有相关资质、备案或许可的，请上传复印件扫描件。"),
    Slot("declaration_scan", "申报材料真实性声明函（附件6）签字盖章扫描件", "第八条（十）", SCANS, max_files=2,
         max_bytes=20 * MB, required=True,
         hint="请打印附件6，由法定代表人签字并加盖单位公章后，扫描或拍照上传。"),
)
SLOTS_BY_CODE = {slot.code: slot for slot in SLOTS}
