"""The authorization matrix: every URL × persona → the expected HTTP status.

One row per URL name and method. ``objects`` names the world objects used for URL kwargs.
A persona missing from a row's ``expect`` takes the row's ``default``. ``test_matrix_is_complete``
fails when a URL exists without a row, so a new page cannot ship unguarded.
"""

from dataclasses import dataclass, field

PERSONAS = (
    "anon", "applicant_a", "applicant_a2", "applicant_b", "officer_x", "officer_y",
    "bureau_officer", "bureau_head", "bureau_admin", "expert_1", "agency", "auditor",
)
USERS = tuple(p for p in PERSONAS if p != "anon")
LOGIN = 302  # anonymous users are sent to the login page


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    default: int
    expect: dict = field(default_factory=dict)
    kwargs: dict = field(default_factory=dict)  # kwarg → world object key, or "=literal"
    data: dict = field(default_factory=dict)

    def status_for(self, persona: str) -> int:
        return self.expect.get(persona, self.default)


def only(*personas: str, ok: int = 200, others: int = 403, anon: int = LOGIN) -> dict:
    return {"anon": anon, **{p: ok for p in personas}, **{p: others for p in USERS if p not in personas}}


# Application A: org A in district X, submitted. Not visible to org B, district Y, or non-staff roles.
APP_VIEW = {
    "anon": LOGIN, "applicant_a": 200, "applicant_a2": 200, "applicant_b": 404,
    "officer_x": 200, "officer_y": 404, "bureau_officer": 200, "bureau_head": 200,
}
# The dossier zip is built in the background: whoever may see the application is sent to the job's page.
APP_ENQUEUE = {p: 302 if status == 200 else status for p, status in APP_VIEW.items()}
# An illegal action: visible → 400 with the reason; invisible → 404; nothing changes.
ILLEGAL_ACTION = {"action": "recognise", "reason": ""}


APPLICANTS = ("applicant_a", "applicant_a2", "applicant_b")
NOT_B = {"applicant_b": 404}  # org A's object: B's users do not find it
REDIRECT_FOR_A = {"applicant_a": 302, "applicant_a2": 302, "applicant_b": 404}


def _audience(visible_to: tuple[str, ...], ok: dict) -> dict:
    roles_ok = {p: ok.get(p, 200) for p in visible_to}
    return {"anon": LOGIN, **{p: 403 for p in USERS}, **roles_ok}


DISTRICT_X_GET = _audience(("officer_x", "officer_y"), {"officer_y": 404})
DISTRICT_X_POST = _audience(("officer_x", "officer_y"), {"officer_x": 400, "officer_y": 404})
DISTRICT_X_REDIRECT = _audience(("officer_x", "officer_y"), {"officer_x": 302, "officer_y": 404})

ROWS = [
    Row("portal:index", "GET", 200),
    Row("home:login", "GET", 302, {"anon": 200}),
    Row("home:logout", "POST", 302),
    Row("home:logout", "GET", 405, {"anon": LOGIN}),
    Row("home:dispatch", "GET", 302),
    Row("home:register", "GET", 200),
    Row("home:register", "POST", 400),
    Row("home:join", "GET", 200, kwargs={"organization_id": "org_b"}),
    Row("home:join", "POST", 400, kwargs={"organization_id": "org_b"}),
    Row("home:invitation", "GET", 404, kwargs={"token": "=not-a-real-token"}),
    Row("applicant:section", "GET", 403,
        _audience(APPLICANTS, NOT_B),
        {"pk": "draft_own", "code": "=basics"}),
    Row("applicant:section", "POST", 403,
        _audience(("applicant_a", "applicant_a2", "applicant_b"), {"applicant_a": 400, "applicant_a2": 400,
                                                                   "applicant_b": 404}),
        {"pk": "draft_own", "code": "=scale"}, {"total_assets": "x"}),
    Row("applicant:row-add", "POST", 403,
        _audience(("applicant_a", "applicant_a2", "applicant_b"), {"applicant_a": 400, "applicant_a2": 400,
                                                                   "applicant_b": 404}),
        {"pk": "draft_own", "kind": "=staff"}, {"name": ""}),
    Row("applicant:row-edit", "GET", 403,
        _audience(APPLICANTS, NOT_B),
        {"pk": "draft_own", "kind": "=staff", "row_id": "staff_row"}),
    Row("applicant:row-edit", "POST", 403,
        _audience(("applicant_a", "applicant_a2", "applicant_b"), {"applicant_a": 400, "applicant_a2": 400,
                                                                   "applicant_b": 404}),
        {"pk": "draft_own", "kind": "=staff", "row_id": "staff_row"}, {"name": ""}),
    Row("applicant:row-delete", "POST", 403,
        _audience(("applicant_a", "applicant_a2", "applicant_b"), {"applicant_a": 302, "applicant_a2": 404,
                                                                   "applicant_b": 404}),
        {"pk": "draft_own", "kind": "=staff", "row_id": "staff_row"}),
    Row("applicant:list-template", "GET", 403, _audience(APPLICANTS, NOT_B),
        {"pk": "draft_own", "kind": "=staff"}),
    Row("applicant:list-export", "GET", 403, _audience(APPLICANTS, NOT_B),
        {"pk": "draft_own", "kind": "=staff"}),
    Row("applicant:list-upload", "POST", 403,
        _audience(APPLICANTS, REDIRECT_FOR_A),
        {"pk": "draft_own", "kind": "=staff"}),
    Row("applicant:list-import", "GET", 403, _audience(APPLICANTS, NOT_B),
        {"pk": "draft_own", "import_id": "staff_import"}),
    Row("applicant:list-import-discard", "POST", 403,
        _audience(APPLICANTS, REDIRECT_FOR_A),
        {"pk": "draft_own", "import_id": "staff_import"}),
    Row("applicant:list-import-apply", "POST", 403,
        _audience(APPLICANTS, REDIRECT_FOR_A),
        {"pk": "draft_own", "import_id": "staff_import"}),
    Row("applicant:colleagues", "GET", 403, only("applicant_a", "applicant_a2", "applicant_b")),
    Row("applicant:invite", "POST", 403, only("applicant_a", "applicant_a2", "applicant_b", ok=400)),
    Row("applicant:join-decide", "POST", 403,
        only("applicant_b", ok=302) | {"applicant_a": 404, "applicant_a2": 404}, {"pk": "join_b"},
        {"decision": "approve"}),
    Row("home:inbox", "GET", 200, {"anon": LOGIN}),
    Row("home:notification", "GET", 404, {"anon": LOGIN, "applicant_a": 302}, {"pk": "note_a"}),
    Row("home:application", "GET", 302, kwargs={"pk": "app_a"}),
    Row("applicant:home", "GET", 403, only("applicant_a", "applicant_a2", "applicant_b")),
    Row("applicant:start", "POST", 403, only("applicant_a", "applicant_a2", "applicant_b", ok=400),
        data={"platform_name": ""}),
    Row("applicant:application", "GET", 403,
        _audience(("applicant_a", "applicant_a2", "applicant_b"), APP_VIEW), {"pk": "app_a"}),
    Row("applicant:act", "POST", 403,
        _audience(("applicant_a", "applicant_a2", "applicant_b"), {"applicant_a": 400, "applicant_a2": 400,
                                                                   "applicant_b": 404}),
        {"pk": "app_a"}, ILLEGAL_ACTION),
    Row("district:home", "GET", 403, only("officer_x", "officer_y")),
    Row("district:application", "GET", 403, _audience(("officer_x", "officer_y"), APP_VIEW), {"pk": "app_a"}),
    Row("district:application", "GET", 403, _audience(("officer_x", "officer_y"), {"officer_x": 404,
                                                                                   "officer_y": 404}),
        {"pk": "draft_a"}),
    Row("district:act", "POST", 403, _audience(("officer_x", "officer_y"), {"officer_x": 400, "officer_y": 404}),
        {"pk": "app_a"}, ILLEGAL_ACTION),
    Row("district:section", "GET", 403, _audience(("officer_x", "officer_y"), APP_VIEW),
        {"pk": "app_a", "code": "=served"}),
    Row("district:review", "GET", 403, DISTRICT_X_GET, {"pk": "app_a"}),
    Row("district:review-uscc", "POST", 403, DISTRICT_X_POST, {"pk": "app_a"}),
    Row("district:review-draw", "POST", 403, DISTRICT_X_POST, {"pk": "app_a"}, {"sample_size": "1"}),
    Row("district:review-respond", "POST", 403, DISTRICT_X_POST, {"pk": "app_a", "enterprise_id": "served_a"}),
    Row("district:review-assessment", "POST", 403, DISTRICT_X_REDIRECT, {"pk": "app_a"}),
    Row("district:review-note", "POST", 403, DISTRICT_X_POST, {"pk": "app_a"}),
    Row("bureau:home", "GET", 403, only("bureau_officer", "bureau_head")),
    Row("bureau:system", "GET", 403, only("bureau_admin")),
    Row("bureau:applications", "GET", 403, only("bureau_officer", "bureau_head")),
    Row("bureau:batches", "GET", 403, only("bureau_officer", "bureau_head")),
    Row("bureau:batch-create", "GET", 403, only("bureau_officer")),
    Row("bureau:batch-create", "POST", 403, only("bureau_officer", ok=400), data={"year": ""}),
    Row("bureau:batch-edit", "GET", 403, only("bureau_officer"), {"pk": "batch"}),
    Row("bureau:batch-edit", "POST", 403, only("bureau_officer", ok=400), {"pk": "batch"}, {"year": ""}),
    Row("bureau:batch-open", "POST", 403, only("bureau_officer", ok=302), {"pk": "batch"}),
    Row("bureau:batch-close", "POST", 403, only("bureau_officer", ok=302), {"pk": "closed_batch"}),
    Row("bureau:batch-extensions", "GET", 403, only("bureau_officer", "bureau_head"), {"pk": "batch"}),
    Row("bureau:batch-extensions", "POST", 403, only("bureau_officer", ok=400), {"pk": "batch"}, {"reason": ""}),
    Row("bureau:policies", "GET", 403, only("bureau_officer", "bureau_head", "bureau_admin")),
    Row("bureau:policy", "GET", 403, only("bureau_officer", "bureau_head", "bureau_admin"), {"pk": "policy"}),
    Row("bureau:policy-edit", "GET", 403, only("bureau_admin"), {"pk": "draft_policy"}),
    Row("bureau:policy-edit", "POST", 403, only("bureau_admin", ok=400), {"pk": "draft_policy"}, {"name": ""}),
    Row("bureau:policy-successor", "GET", 403, only("bureau_admin"), {"pk": "policy"}),
    Row("bureau:policy-successor", "POST", 403, only("bureau_admin", ok=400), {"pk": "policy"}, {"code": ""}),
    Row("bureau:policy-activate", "POST", 403, only("bureau_admin", ok=302), {"pk": "policy"}),
    Row("bureau:application", "GET", 403, _audience(("bureau_officer", "bureau_head"), APP_VIEW), {"pk": "app_a"}),
    Row("bureau:application", "GET", 403, _audience(("bureau_officer", "bureau_head"), {"bureau_officer": 404,
                                                                                       "bureau_head": 404}),
        {"pk": "draft_a"}),
    Row("bureau:section", "GET", 403, _audience(("bureau_officer", "bureau_head"), APP_VIEW),
        {"pk": "app_a", "code": "=basics"}),
    Row("bureau:act", "POST", 403, _audience(("bureau_officer", "bureau_head"), {"bureau_officer": 400,
                                                                                "bureau_head": 400}),
        {"pk": "app_a"}, ILLEGAL_ACTION),
    Row("expert:home", "GET", 403, only("expert_1")),
    Row("agency:home", "GET", 403, only("agency")),
    Row("oversight:home", "GET", 403, only("auditor")),
    Row("oversight:verify", "POST", 403, only("auditor")),
    Row("admin:index", "GET", 302, {"bureau_admin": 200}),
    Row("admin:accounts_jurisdiction_changelist", "GET", 302, {"bureau_admin": 200}),
    Row("admin:accounts_jurisdiction_add", "GET", 302, {"bureau_admin": 200}),
    Row("admin:accounts_user_changelist", "GET", 302, {"bureau_admin": 200}),
    Row("admin:accounts_organization_changelist", "GET", 302, {"bureau_admin": 200}),
    # Writes in the admin: only the bureau admin reaches the forms; an empty form is re-shown with errors.
    Row("admin:index", "POST", 302, {"bureau_admin": 200}),
    Row("admin:accounts_jurisdiction_add", "POST", 302, {"bureau_admin": 200}, data={"code": ""}),
    Row("admin:accounts_jurisdiction_changelist", "POST", 302, {"bureau_admin": 200}),
    Row("admin:accounts_user_changelist", "POST", 302, {"bureau_admin": 200}),
    Row("admin:accounts_organization_changelist", "POST", 302, {"bureau_admin": 200}),
    # The dossier: download for whoever may see the application; import by its applicant while editable.
    Row("applicant:dossier", "GET", 403,
        _audience(("applicant_a", "applicant_a2", "applicant_b"), APP_VIEW), {"pk": "app_a"}),
    Row("applicant:dossier-import", "POST", 403,
        _audience(("applicant_a", "applicant_a2", "applicant_b"), {"applicant_a": 400, "applicant_a2": 400,
                                                                   "applicant_b": 404}),
        {"pk": "app_a"}),
    Row("district:dossier", "GET", 403, _audience(("officer_x", "officer_y"), APP_VIEW), {"pk": "app_a"}),
    Row("district:dossier", "GET", 403, _audience(("officer_x", "officer_y"), {"officer_x": 404,
                                                                               "officer_y": 404}),
        {"pk": "draft_a"}),
    Row("bureau:dossier", "GET", 403, _audience(("bureau_officer", "bureau_head"), APP_VIEW), {"pk": "app_a"}),
    Row("bureau:dossier", "GET", 403, _audience(("bureau_officer", "bureau_head"), {"bureau_officer": 404,
                                                                                   "bureau_head": 404}),
        {"pk": "draft_a"}),
    # Attachments (第八条): upload and delete by the applicant while editable; download for whoever sees it.
    Row("applicant:attachment-upload", "POST", 403, _audience(APPLICANTS, REDIRECT_FOR_A),
        {"pk": "draft_own", "slot": "=licence"}),
    Row("applicant:attachment-upload", "POST", 403,
        _audience(APPLICANTS, {"applicant_a": 404, "applicant_a2": 404, "applicant_b": 404}),
        {"pk": "draft_own", "slot": "=no-such-slot"}),
    Row("applicant:attachment-delete", "POST", 403,
        _audience(APPLICANTS, {"applicant_a": 302, "applicant_a2": 404, "applicant_b": 404}),
        {"pk": "draft_own", "attachment_id": "attachment_draft"}),
    Row("applicant:attachment", "GET", 403, _audience(APPLICANTS, APP_VIEW),
        {"pk": "app_a", "attachment_id": "attachment_a"}),
    Row("applicant:attachment", "GET", 403,
        _audience(APPLICANTS, {"applicant_a": 404, "applicant_a2": 404, "applicant_b": 404}),
        {"pk": "draft_own", "attachment_id": "attachment_a"}),  # the file is not this application's
    # The application's documents (附件2–6 as Word, the whole dossier as a zip): for whoever may see it.
    Row("applicant:document", "GET", 403, _audience(APPLICANTS, APP_VIEW), {"pk": "app_a", "code": "=report"}),
    Row("applicant:document", "GET", 403,
        _audience(APPLICANTS, {"applicant_a": 404, "applicant_a2": 404, "applicant_b": 404}),
        {"pk": "app_a", "code": "=no-such-document"}),
    Row("applicant:documents-zip", "GET", 403, _audience(APPLICANTS, APP_ENQUEUE), {"pk": "app_a"}),
    Row("district:document", "GET", 403, _audience(("officer_x", "officer_y"), APP_VIEW),
        {"pk": "app_a", "code": "=served"}),
    Row("district:documents-zip", "GET", 403, _audience(("officer_x", "officer_y"), APP_ENQUEUE), {"pk": "app_a"}),
    Row("district:documents-zip", "GET", 403, _audience(("officer_x", "officer_y"), {"officer_x": 404,
                                                                                     "officer_y": 404}),
        {"pk": "draft_a"}),
    Row("bureau:document", "GET", 403, _audience(("bureau_officer", "bureau_head"), APP_VIEW),
        {"pk": "app_a", "code": "=declaration"}),
    Row("bureau:documents-zip", "GET", 403, _audience(("bureau_officer", "bureau_head"), APP_ENQUEUE),
        {"pk": "app_a"}),
    Row("bureau:document", "GET", 403, _audience(("bureau_officer", "bureau_head"), {"bureau_officer": 404,
                                                                                    "bureau_head": 404}),
        {"pk": "draft_a", "code": "=report"}),
    # Attachments for officials: the district of the application and the bureau download them (audited).
    Row("district:attachment", "GET", 403, _audience(("officer_x", "officer_y"), APP_VIEW),
        {"pk": "app_a", "attachment_id": "attachment_a"}),
    Row("district:attachment", "GET", 403, _audience(("officer_x", "officer_y"), {"officer_x": 404,
                                                                                  "officer_y": 404}),
        {"pk": "draft_a", "attachment_id": "attachment_a"}),
    Row("bureau:attachment", "GET", 403, _audience(("bureau_officer", "bureau_head"), APP_VIEW),
        {"pk": "app_a", "attachment_id": "attachment_a"}),
    Row("bureau:attachment", "GET", 403, _audience(("bureau_officer", "bureau_head"), {"bureau_officer": 404,
                                                                                      "bureau_head": 404}),
        {"pk": "draft_own", "attachment_id": "attachment_draft"}),  # a draft: no official sees it
    # 附件1 推荐表 (district and bureau) and the district's 推荐汇总表 of a batch (its own jurisdiction only).
    Row("district:recommendation", "GET", 403, _audience(("officer_x", "officer_y"), APP_VIEW), {"pk": "app_a"}),
    Row("district:recommendation", "GET", 403, _audience(("officer_x", "officer_y"), {"officer_x": 404,
                                                                                     "officer_y": 404}),
        {"pk": "draft_a"}),
    Row("bureau:recommendation", "GET", 403, _audience(("bureau_officer", "bureau_head"), APP_VIEW), {"pk": "app_a"}),
    Row("bureau:recommendation", "GET", 403, _audience(("bureau_officer", "bureau_head"), {"bureau_officer": 404,
                                                                                          "bureau_head": 404}),
        {"pk": "draft_a"}),
    Row("district:summary", "GET", 403, only("officer_x", "officer_y")),
    # Expert pool: bureau officers run it, bureau heads read it; an expert sees and declares on their own entry.
    Row("bureau:experts", "GET", 403, only("bureau_officer", "bureau_head")),
    Row("bureau:expert-create", "GET", 403, only("bureau_officer")),
    Row("bureau:expert-create", "POST", 403, only("bureau_officer", ok=400), data={"name": ""}),
    Row("bureau:expert", "GET", 403, only("bureau_officer", "bureau_head"), {"pk": "pool_expert"}),
    Row("bureau:expert-edit", "GET", 403, only("bureau_officer"), {"pk": "pool_expert"}),
    Row("bureau:expert-edit", "POST", 403, only("bureau_officer", ok=400), {"pk": "pool_expert"}, {"name": ""}),
    Row("bureau:expert-contact", "POST", 403, only("bureau_officer"), {"pk": "pool_expert"}),
    Row("bureau:expert-availability", "POST", 403, only("bureau_officer", ok=400), {"pk": "pool_expert"},
        {"available": "0", "availability_note": ""}),
    Row("bureau:expert-relationship-add", "POST", 403, only("bureau_officer", ok=400), {"pk": "pool_expert"},
        {"organization_name": ""}),
    Row("bureau:expert-relationship-remove", "POST", 403, only("bureau_officer", ok=302),
        {"pk": "pool_expert", "relationship_id": "pool_relationship"}),
    Row("bureau:expert-relationship-remove", "POST", 403, only("bureau_officer", ok=404),
        {"pk": "own_expert", "relationship_id": "pool_relationship"}),  # not this expert's relationship
    Row("bureau:expert-activation", "POST", 403, only("bureau_officer", ok=302), {"pk": "pool_expert"}),
    Row("bureau:experts-export", "GET", 403, only("bureau_officer", "bureau_head")),
    Row("bureau:experts-template", "GET", 403, only("bureau_officer", "bureau_head")),
    Row("bureau:experts-import", "GET", 403, only("bureau_officer")),
    Row("bureau:experts-import", "POST", 403, only("bureau_officer", ok=400)),
    Row("bureau:experts-import-report", "GET", 403, only("bureau_officer"), {"import_id": "pool_import"}),
    Row("bureau:experts-import-discard", "POST", 403, only("bureau_officer", ok=302), {"import_id": "pool_import"}),
    Row("bureau:experts-import-apply", "POST", 403, only("bureau_officer", ok=302), {"import_id": "pool_import"}),
    Row("expert:profile", "GET", 403, only("expert_1")),
    Row("expert:relationship-add", "POST", 403, only("expert_1", ok=400), data={"organization_name": ""}),
    Row("expert:relationship-remove", "POST", 403, only("expert_1", ok=302), {"pk": "own_relationship"}),
    Row("expert:relationship-remove", "POST", 403, only("expert_1", ok=404), {"pk": "pool_relationship"}),
    Row("expert:activate", "GET", 404, kwargs={"token": "=not-a-real-token"}),
    Row("expert:activate", "GET", 200, kwargs={"token": "=matrix-live-token"}),
    Row("expert:activate", "POST", 200, {"anon": 400}, {"token": "=matrix-live-token"}),
]

# Admin URLs not listed row by row: every one of them passes AdminSite.has_permission first,
# which the admin rows above prove refuses everyone but bureau admins.
ADMIN_PREFIX = "admin:"

# Later stages keep their rows in their own modules (imported last: they use the helpers above).
from tests.views.matrix_review import REVIEW_ROWS  # noqa: E402

ROWS = ROWS + REVIEW_ROWS
from tests.views.matrix_review_documents import REVIEW_DOCUMENT_ROWS  # noqa: E402

ROWS = ROWS + REVIEW_DOCUMENT_ROWS
from tests.views.matrix_workdays import WORKDAYS_ROWS  # noqa: E402

ROWS = ROWS + WORKDAYS_ROWS
from tests.views.matrix_publicity import PUBLICITY_ROWS  # noqa: E402

ROWS = ROWS + PUBLICITY_ROWS
from tests.views.matrix_portal import PORTAL_ROWS  # noqa: E402

ROWS = ROWS + PORTAL_ROWS
from tests.views.matrix_certificates import CERTIFICATE_ROWS  # noqa: E402

ROWS = ROWS + CERTIFICATE_ROWS
from tests.views.matrix_notices import NOTICE_ROWS  # noqa: E402

ROWS = ROWS + NOTICE_ROWS

from tests.views.matrix_tracking import TRACKING_ROWS  # noqa: E402

ROWS = ROWS + TRACKING_ROWS

from tests.views.matrix_notify import NOTIFY_ROWS  # noqa: E402

ROWS = ROWS + NOTIFY_ROWS

from tests.views.matrix_support import SUPPORT_ROWS  # noqa: E402

ROWS = ROWS + SUPPORT_ROWS

from tests.views.matrix_dashboard import DASHBOARD_ROWS  # noqa: E402

ROWS = ROWS + DASHBOARD_ROWS

from tests.views.matrix_personal_data import PERSONAL_DATA_ROWS  # noqa: E402

ROWS = ROWS + PERSONAL_DATA_ROWS

from tests.views.matrix_auth import AUTH_ROWS  # noqa: E402

ROWS = ROWS + AUTH_ROWS

from tests.views.matrix_jobs import JOB_ROWS  # noqa: E402

ROWS = ROWS + JOB_ROWS

from tests.views.matrix_help import HELP_ROWS  # noqa: E402

ROWS = ROWS + HELP_ROWS

from tests.views.matrix_lockouts import LOCKOUT_ROWS  # noqa: E402

ROWS = ROWS + LOCKOUT_ROWS
