from django.contrib import admin

from shifan.accounts.domain import save_jurisdiction, update_user_by_admin
from shifan.accounts.models import Jurisdiction, Organization, User


class BureauAdminOnly(admin.ModelAdmin):
    """Model permissions come from the role, not from Django's per-user permission rows."""

    def has_module_permission(self, request) -> bool:
        return request.user.has_perm("accounts.manage_jurisdictions")

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Jurisdictions are referenced by history; deactivate instead of deleting.
        return False


@admin.register(Jurisdiction)
class JurisdictionAdmin(BureauAdminOnly):
    list_display = ["code", "name", "kind", "gb_code", "authority_name", "is_active", "sort_order"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]

    def save_model(self, request, obj, form, change) -> None:
        save_jurisdiction(obj, actor=request.user, created=not change)


@admin.register(Organization)
class OrganizationAdmin(BureauAdminOnly):
    list_display = ["name", "uscc", "registrant_kind", "jurisdiction"]
    list_filter = ["jurisdiction"]
    search_fields = ["name", "uscc"]
    readonly_fields = ["uscc", "created_at"]

    @admin.display(description="登记类型")
    def registrant_kind(self, obj: Organization) -> str:
        return obj.registrant_kind

    def has_add_permission(self, request) -> bool:
        return False  # organisations register themselves through the applicant workspace

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(BureauAdminOnly):
    list_display = ["username", "display_name", "role", "organization", "jurisdiction", "is_active"]
    list_filter = ["role", "is_active", "jurisdiction"]
    search_fields = ["username", "display_name", "email"]
    fields = ["username", "display_name", "email", "role", "organization", "jurisdiction", "is_active"]
    readonly_fields = ["username", "role", "organization", "jurisdiction"]

    def has_add_permission(self, request) -> bool:
        return False  # accounts are created through invitations, which audit who asked

    def save_model(self, request, obj, form, change) -> None:
        update_user_by_admin(obj, actor=request.user, changed=form.changed_data)
