from shifan.applications.models.application import Application, StatusChange
from shifan.applications.models.attachments import Attachment
from shifan.applications.models.content import ApplicationProfile
from shifan.applications.models.imports import ListImport
from shifan.applications.models.lists import (
    Activity,
    Equipment,
    Investor,
    OperatingYear,
    Partner,
    ServedEnterprise,
    ServiceProduct,
    StaffMember,
)
from shifan.applications.models.returns import SectionReturn

__all__ = [
    "Activity",
    "Application",
    "ApplicationProfile",
    "Attachment",
    "Equipment",
    "Investor",
    "ListImport",
    "OperatingYear",
    "Partner",
    "SectionReturn",
    "ServedEnterprise",
    "ServiceProduct",
    "StaffMember",
    "StatusChange",
]
