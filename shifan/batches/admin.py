from django.contrib import admin

from shifan.batches.models import Batch


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    """Read-only in the admin: batches are run from the bureau back office, which audits them."""

    list_display = ["year", "name", "state", "applicant_deadline", "district_deadline", "policy"]

    def has_module_permission(self, request) -> bool:
        return request.user.has_perm("accounts.manage_jurisdictions")

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
