"""URLs of the city review in the bureau back office (under /bureau/review/)."""

from django.urls import include, path

from shifan.bureau import proposals, review, review_setup

urlpatterns = [
    path("", review.overview, name="review"),
    path("settings/", review_setup.review_settings, name="review-settings"),
    path("sheet/", review_setup.score_sheet, name="review-sheet"),
    path("groups/new/", review.group_create, name="review-group-create"),
    path("groups/<int:pk>/", review.group_detail, name="review-group"),
    path("groups/<int:pk>/assign/", review.group_assign, name="review-group-assign"),
    path("groups/<int:pk>/draw/", review.group_draw, name="review-group-draw"),
    path("groups/<int:pk>/complete/", review.group_complete, name="review-group-complete"),
    path("groups/<int:pk>/reports/<int:report_id>/", review.report_download, name="review-report"),
    path("draws/<int:pk>/", review.draw_detail, name="review-draw"),
    path("ranking/", proposals.ranking, name="review-ranking"),
    path("scores/<int:pk>/", proposals.score_detail, name="review-score"),
    path("proposed/", proposals.proposed, name="review-proposed"),
    path("proposed/prepare/", proposals.proposed_prepare, name="review-proposed-prepare"),
    path("proposed/<int:pk>/save/", proposals.proposed_save, name="review-proposed-save"),
    path("proposed/<int:pk>/decide/", proposals.proposed_decide, name="review-proposed-decide"),
    path("documents/", include("shifan.bureau.review_document_urls")),
]
