"""The context of 附件6 申报材料真实性声明函."""

from shifan.applications.documents.formats import blank_date
from shifan.applications.models import Application, ApplicationProfile


def declaration_context(application: Application) -> dict:
    """The signer and date as declared; blanks to sign on by hand when not yet declared. Pure read."""
    profile = ApplicationProfile.objects.filter(application=application).only(
        "declaration_signed_by", "declaration_signed_on"
    ).first()
    return {
        "applicant": application.organization.name,
        "signer": profile.declaration_signed_by if profile else "",
        "signed_on": blank_date(profile.declaration_signed_on if profile else None),
    }
