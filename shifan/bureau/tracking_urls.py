"""URLs of 动态跟踪 in the bureau back office (under /bureau/tracking/)."""

from django.urls import path

from shifan.bureau import tracking

urlpatterns = [
    path("", tracking.round_list, name="tracking"),
    path("<int:pk>/", tracking.round_detail, name="tracking-round"),
    path("reports/<int:pk>/", tracking.report_detail, name="tracking-report"),
    path("reports/<int:pk>/rectify/", tracking.report_rectify, name="tracking-rectify"),
    path("reports/<int:pk>/revoke/", tracking.report_revoke, name="tracking-revoke"),
    path("rectifications/<int:pk>/close/", tracking.rectification_close, name="tracking-rectification-close"),
    path("reports/<int:pk>/return/", tracking.report_return, name="tracking-return"),
    path("reply-files/<int:file_id>/", tracking.reply_file, name="tracking-reply-file"),
]
