from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "shifan.accounts"
    label = "accounts"
    verbose_name = "账户与辖区"

    def ready(self) -> None:
        # Signal receivers: the audit of locked attempts and the login time of the session policy.
        from shifan.accounts import lockout, session_policy  # noqa: F401
