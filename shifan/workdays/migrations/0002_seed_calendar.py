"""Seed the holiday table with the years chinese-calendar knows (2004–2026), each marked complete."""

from django.db import migrations

from shifan.workdays.seeds import seed_calendar


def seed(apps, schema_editor):
    seed_calendar(apps.get_model("workdays", "CalendarYear"), apps.get_model("workdays", "CalendarDay"))


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
