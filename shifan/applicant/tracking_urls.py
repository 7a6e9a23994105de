"""URLs of 动态跟踪 in the applicant's workspace (under /applicant/tracking/)."""

from django.urls import path

from shifan.applicant import tracking

urlpatterns = [
    path("", tracking.report_list, name="tracking"),
    path("<int:pk>/", tracking.report_detail, name="tracking-report"),
    path("<int:pk>/submit/", tracking.report_submit, name="tracking-submit"),
    path("<int:pk>/served/template.xlsx", tracking.served_template, name="tracking-served-template"),
    path("<int:pk>/served/import/", tracking.served_import, name="tracking-served-import"),
    path("<int:pk>/rectifications/<int:rectification_id>/reply/", tracking.rectification_reply,
         name="tracking-reply"),
    path("reply-files/<int:file_id>/", tracking.reply_file, name="tracking-reply-file"),
]
