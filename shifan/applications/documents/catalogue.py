"""The application's Word documents (附件2–6): code, title, template and context builder."""

from collections.abc import Callable
from dataclasses import dataclass

from shifan.applications.documents.declaration import declaration_context
from shifan.applications.documents.lists import equipment_context, served_context, staff_context
from shifan.applications.documents.report import report_context


@dataclass(frozen=True)
class OfficeDocument:
    code: str  # stable ASCII code, used in URLs and audit events
    attachment: str  # 附件2 … 附件6, as the regulation numbers them
    title: str
    template: str  # a file of shifan/documents/templates_office/
    context: Callable

    @property
    def file_name(self) -> str:
        return f"{self.attachment} {self.title}.docx"


DOCUMENTS = {
    document.code: document
    for document in (
        OfficeDocument("report", "附件2", "南昌市中小企业公共服务示范平台申请报告", "application_report.docx",
                       report_context),
        OfficeDocument("equipment", "附件3", "主要服务设施、软件及仪器设备清单", "equipment_list.docx",
                       equipment_context),
        OfficeDocument("staff", "附件4", "主要从业人员情况表", "staff_list.docx", staff_context),
        OfficeDocument("served", "附件5", "上一年度服务中小企业名单及服务评价表", "served_list.docx", served_context),
        OfficeDocument("declaration", "附件6", "申报材料真实性声明函", "declaration.docx", declaration_context),
    )
}
