"""The Django admin is for bureau admins (系统管理员) only, whatever is_staff says."""

from types import MethodType

from shifan.accounts.roles import Role


def restrict_admin_to_bureau_admins(site) -> None:
    def has_permission(self, request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and getattr(user, "role", None) == Role.BUREAU_ADMIN)

    site.has_permission = MethodType(has_permission, site)
    site.site_header = "南昌市中小企业公共服务示范平台认定管理系统 · 系统管理"
    site.site_title = "示范平台认定系统管理"
    site.index_title = "基础数据管理"
