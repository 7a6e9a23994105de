from django.db import migrations

GENESIS = "0" * 64


def seed(apps, schema_editor):
    apps.get_model("audit", "AuditChainHead").objects.get_or_create(id=1, defaults={"seq": 0, "hash": GENESIS})


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
