"""Publicity's guard on the workflow table."""

from shifan.applications.models import Application
from shifan.publicity.models import PublicityEntry


def on_a_publicity(application: Application) -> list[str]:
    """公示 happens by publishing the approved list: the application must be on a publicity."""
    return [] if PublicityEntry.objects.filter(application=application).exists() else ["该申报不在发布的公示名单中。"]
