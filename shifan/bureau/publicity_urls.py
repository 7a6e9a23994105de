"""URLs of 公示, 异议 and 认定决定 in the bureau back office (under /bureau/publicity/)."""

from django.urls import path

from shifan.bureau import publicity

urlpatterns = [
    path("", publicity.publicity_list, name="publicity-list"),
    path("publish/", publicity.publicity_publish, name="publicity-publish"),
    path("<int:pk>/", publicity.publicity_detail, name="publicity"),
    path("<int:pk>/decision/", publicity.decision_save, name="decision-save"),
    path("<int:pk>/decision/decide/", publicity.decision_decide, name="decision-decide"),
    path("objections/<int:pk>/", publicity.objection_detail, name="objection"),
    path("objections/<int:pk>/evidence/<int:evidence_id>/", publicity.objection_evidence, name="objection-evidence"),
]
