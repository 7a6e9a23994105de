from django.apps import AppConfig


class DistrictReviewConfig(AppConfig):
    name = "shifan.district_review"
    label = "district_review"
    verbose_name = "县区初审"
