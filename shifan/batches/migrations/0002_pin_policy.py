"""Batches pin a Policy row instead of naming its code."""

import django.db.models.deletion
from django.db import migrations, models


def link_policies(apps, schema_editor):
    Batch = apps.get_model("batches", "Batch")
    Policy = apps.get_model("policies", "Policy")
    for batch in Batch.objects.all():
        batch.policy = Policy.objects.get(code=batch.policy_code)
        batch.save(update_fields=["policy"])


class Migration(migrations.Migration):
    dependencies = [
        ("batches", "0001_initial"),
        ("policies", "0002_seed_policies"),
    ]

    operations = [
        migrations.AddField(
            model_name="batch",
            name="policy",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="batches",
                to="policies.policy",
                verbose_name="适用认定办法版本",
            ),
        ),
        migrations.RunPython(link_policies, migrations.RunPython.noop),
        migrations.RemoveField(model_name="batch", name="policy_code"),
        migrations.AlterField(
            model_name="batch",
            name="policy",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="batches",
                to="policies.policy",
                verbose_name="适用认定办法版本",
            ),
        ),
    ]
