from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "shifan.accounts"
    label = "accounts"
    verbose_name = "账户与辖区"

    def ready(self) -> None:
        # Signal receivers: the audit of locked attempts and the login time of the session policy.
        from shifan.accounts import lockout, session_policy  # noqa: F401
        from shifan.accounts.models import Jurisdiction
        from shifan.core.reference import watch

        watch(Jurisdiction)  # list filters and the district's heading read the names from the cache
