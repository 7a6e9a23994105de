from django.apps import AppConfig


class AgencyConfig(AppConfig):
    name = "shifan.agency"
    label = "agency"
    verbose_name = "评审机构工作台"
