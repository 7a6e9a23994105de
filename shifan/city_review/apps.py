from django.apps import AppConfig


class CityReviewConfig(AppConfig):
    name = "shifan.city_review"
    label = "city_review"
    verbose_name = "市局评审"

    def ready(self) -> None:
        # Imported here: the workflow table and the query scopes must exist before these register.
        from shifan.city_review import registrations

        registrations.register()
