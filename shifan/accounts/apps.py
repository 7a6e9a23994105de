from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "shifan.accounts"
    label = "accounts"
    verbose_name = "账户与辖区"
