"""Seed Nanchang's 13 jurisdictions (DESIGN.md §7). Kept as data: bureau admins edit them."""

from django.db import migrations

# (code, name, kind, GB/T 2260 code). Zones without an official code use internal codes
# 3601K1… that cannot collide with GB/T 2260.
JURISDICTIONS = [
    ("360102", "东湖区", "district", "360102"),
    ("360103", "西湖区", "district", "360103"),
    ("360104", "青云谱区", "district", "360104"),
    ("360111", "青山湖区", "district", "360111"),
    ("360112", "新建区", "district", "360112"),
    ("360113", "红谷滩区", "district", "360113"),
    ("360121", "南昌县", "county", "360121"),
    ("360123", "安义县", "county", "360123"),
    ("360124", "进贤县", "county", "360124"),
    ("3601K1", "南昌高新技术产业开发区", "development_zone", ""),
    ("3601K2", "南昌经济技术开发区", "development_zone", ""),
    ("3601K3", "南昌小蓝经济技术开发区", "development_zone", ""),
    ("3601K4", "湾里管理局", "administration", ""),
]


def seed(apps, schema_editor):
    Jurisdiction = apps.get_model("accounts", "Jurisdiction")
    for order, (code, name, kind, gb_code) in enumerate(JURISDICTIONS, start=1):
        Jurisdiction.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "gb_code": gb_code,
                "authority_name": f"{name}中小企业服务主管部门",
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
