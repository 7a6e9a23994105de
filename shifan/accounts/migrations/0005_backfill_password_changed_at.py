"""Accounts created before password ages were tracked count from the day they joined."""

from django.db import migrations
from django.db.models import F


def backfill(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(password_changed_at__isnull=True).update(password_changed_at=F("date_joined"))


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_user_mobile_and_password_age"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
