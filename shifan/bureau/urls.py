from django.urls import include, path

from shifan.accounts.roles import Role
from shifan.bureau import batches, documents, lockouts, policies, recommendation_documents, views
from shifan.workspace.attachments import download_view

app_name = "bureau"
urlpatterns = [
    path("", views.home, name="home"),
    path("system/", views.system, name="system"),
    path("system/lockouts/", lockouts.lockout_list, name="lockouts"),
    path("system/lockouts/lift/", lockouts.lockout_lift, name="lockout-lift"),
    path("review/", include("shifan.bureau.review_urls")),
    path("dashboard/", include("shifan.bureau.dashboard_urls")),
    path("publicity/", include("shifan.bureau.publicity_urls")),
    path("recognitions/", include("shifan.bureau.recognition_urls")),
    path("support/", include("shifan.bureau.support_urls")),
    path("renewals/", include("shifan.bureau.renewal_urls")),
    path("tracking/", include("shifan.bureau.tracking_urls")),
    path("", include("shifan.bureau.certificate_urls")),
    path("", include("shifan.bureau.notice_document_urls")),
    path("batches/", batches.batch_list, name="batches"),
    path("batches/new/", batches.batch_create, name="batch-create"),
    path("batches/<int:pk>/edit/", batches.batch_edit, name="batch-edit"),
    path("batches/<int:pk>/open/", batches.batch_open, name="batch-open"),
    path("batches/<int:pk>/close/", batches.batch_close, name="batch-close"),
    path("batches/<int:pk>/extensions/", batches.batch_extensions, name="batch-extensions"),
    path("policies/", policies.policy_list, name="policies"),
    path("policies/<int:pk>/", policies.policy_detail, name="policy"),
    path("policies/<int:pk>/edit/", policies.policy_edit, name="policy-edit"),
    path("policies/<int:pk>/successor/", policies.policy_successor, name="policy-successor"),
    path("policies/<int:pk>/activate/", policies.policy_activate, name="policy-activate"),
    path("experts/", include("shifan.bureau.expert_pool_urls")),
    path("workdays/", include("shifan.bureau.workdays_urls")),
    path("applications/", views.application_list, name="applications"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/act/", views.act, name="act"),
    path("applications/<int:pk>/sections/<slug:code>/", views.section, name="section"),
    path("applications/<int:pk>/dossier.json", views.dossier, name="dossier"),
    path("applications/<int:pk>/attachments/<int:attachment_id>/", download_view(Role.BUREAU_OFFICER, Role.BUREAU_HEAD),
         name="attachment"),
    path("applications/<int:pk>/documents/<slug:code>.docx", documents.document, name="document"),
    path("applications/<int:pk>/documents.zip", documents.archive, name="documents-zip"),
    path("applications/<int:pk>/recommendation.docx", recommendation_documents.recommendation, name="recommendation"),
]
