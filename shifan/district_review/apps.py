from django.apps import AppConfig


class DistrictReviewConfig(AppConfig):
    name = "shifan.district_review"
    label = "district_review"
    verbose_name = "县区初审"

    def ready(self) -> None:
        # Imported here: the workflow table must exist before a guard registers with it.
        from shifan.applications.enums import Action
        from shifan.applications.workflow import add_guard
        from shifan.district_review.guards import district_review_done

        add_guard(Action.RECOMMEND, district_review_done)
