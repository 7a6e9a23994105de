from django.apps import AppConfig
from django.core import checks


class WorkdaysConfig(AppConfig):
    name = "shifan.workdays"
    label = "workdays"
    verbose_name = "工作日"

    def ready(self) -> None:
        from shifan.workdays.checks import next_year_entered

        # A database check: it runs with `manage.py migrate` and `manage.py check --database default`,
        # never on commands that do not touch the database.
        checks.register(next_year_entered, checks.Tags.database)
