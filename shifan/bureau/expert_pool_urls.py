"""The expert pool's pages in the bureau back office, included under bureau/experts/ (namespace bureau)."""

from django.urls import path

from shifan.bureau import expert_pool, expert_pool_excel

urlpatterns = [
    path("", expert_pool.expert_list, name="experts"),
    path("new/", expert_pool.expert_create, name="expert-create"),
    path("<int:pk>/", expert_pool.expert_detail, name="expert"),
    path("<int:pk>/edit/", expert_pool.expert_edit, name="expert-edit"),
    path("<int:pk>/contact/", expert_pool.expert_contact, name="expert-contact"),
    path("<int:pk>/availability/", expert_pool.expert_availability, name="expert-availability"),
    path("<int:pk>/relationships/", expert_pool.relationship_add, name="expert-relationship-add"),
    path("<int:pk>/relationships/<int:relationship_id>/remove/", expert_pool.relationship_remove,
         name="expert-relationship-remove"),
    path("<int:pk>/activation/", expert_pool.activation_send, name="expert-activation"),
    path("export.xlsx", expert_pool_excel.pool_export, name="experts-export"),
    path("template.xlsx", expert_pool_excel.pool_template_download, name="experts-template"),
    path("import/", expert_pool_excel.pool_import, name="experts-import"),
    path("imports/<int:import_id>/", expert_pool_excel.import_report, name="experts-import-report"),
    path("imports/<int:import_id>/apply/", expert_pool_excel.import_apply, name="experts-import-apply"),
    path("imports/<int:import_id>/discard/", expert_pool_excel.import_discard, name="experts-import-discard"),
]
