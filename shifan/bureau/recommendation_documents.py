"""The bureau downloads 附件1 推荐表 of a submitted application (what the district recommends with)."""

from django.views.decorators.http import require_GET

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.district_review.documents import recommendation_for
from shifan.workspace.application_pages import visible_application
from shifan.workspace.documents import attachment_response

allowed = role_required(Role.BUREAU_OFFICER, Role.BUREAU_HEAD)


@require_GET
@allowed
def recommendation(request, pk: int):
    application = visible_application(request, pk)
    return attachment_response(application, recommendation_for(application, actor=request.user))
