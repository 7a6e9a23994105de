"""Seed the two policy versions: Nanchang 2022 (the default) and national 2017. Kept as data."""

from django.db import migrations

from shifan.policies.seeds import seed_policies


def seed(apps, schema_editor):
    seed_policies(apps.get_model("policies", "Policy"))


class Migration(migrations.Migration):
    dependencies = [("policies", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
