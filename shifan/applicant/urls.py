from django.urls import include, path

from shifan.applicant import attachments, colleagues, documents, list_import, sections, views

app_name = "applicant"
urlpatterns = [
    path("", views.home, name="home"),
    path("applications/start/", views.start, name="start"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/act/", views.act, name="act"),
    path("applications/<int:pk>/dossier.json", views.dossier, name="dossier"),
    path("applications/<int:pk>/dossier/import/", views.dossier_import, name="dossier-import"),
    path("applications/<int:pk>/documents/<slug:code>.docx", documents.document, name="document"),
    path("applications/<int:pk>/documents.zip", documents.archive, name="documents-zip"),
    path("applications/<int:pk>/sections/<slug:code>/", sections.section, name="section"),
    path("applications/<int:pk>/rows/<slug:kind>/add/", sections.row_add, name="row-add"),
    path("applications/<int:pk>/rows/<slug:kind>/<int:row_id>/edit/", sections.row_edit, name="row-edit"),
    path("applications/<int:pk>/rows/<slug:kind>/<int:row_id>/delete/", sections.row_delete, name="row-delete"),
    path("applications/<int:pk>/rows/<slug:kind>/template.xlsx", list_import.template, name="list-template"),
    path("applications/<int:pk>/rows/<slug:kind>/export.xlsx", list_import.export, name="list-export"),
    path("applications/<int:pk>/rows/<slug:kind>/import/", list_import.upload, name="list-upload"),
    path("applications/<int:pk>/imports/<int:import_id>/", list_import.report, name="list-import"),
    path("applications/<int:pk>/imports/<int:import_id>/apply/", list_import.apply, name="list-import-apply"),
    path("applications/<int:pk>/imports/<int:import_id>/discard/", list_import.discard, name="list-import-discard"),
    path("applications/<int:pk>/attachments/<slug:slot>/upload/", attachments.upload, name="attachment-upload"),
    path("applications/<int:pk>/attachments/<int:attachment_id>/", attachments.download, name="attachment"),
    path("applications/<int:pk>/attachments/<int:attachment_id>/delete/", attachments.delete,
         name="attachment-delete"),
    path("colleagues/", colleagues.colleagues, name="colleagues"),
    path("", include("shifan.applicant.certificate_urls")),
    path("renewals/", include("shifan.applicant.renewal_urls")),
    path("tracking/", include("shifan.applicant.tracking_urls")),
    path("colleagues/invite/", colleagues.invite, name="invite"),
    path("colleagues/requests/<int:pk>/decide/", colleagues.decide, name="join-decide"),
]
