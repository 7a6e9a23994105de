from django.apps import AppConfig


class ApplicantConfig(AppConfig):
    name = "shifan.applicant"
    label = "applicant"
    verbose_name = "申报单位工作台"
