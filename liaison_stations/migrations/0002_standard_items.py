from django.db import migrations

STANDARD_ITEMS = {
    "nine_haves": [
        "有固定场所", "有统一标牌", "有工作制度", "有年度计划", "有活动开展",
        "有工作台账", "有工作经费", "有专人负责", "有工作成效",
    ],
    "six_on_wall": [
        "工作职责上墙", "工作制度上墙", "代表名单及照片上墙",
        "代表联系方式上墙", "接待日安排上墙", "接待流程图上墙",
    ],
}  # fmt: skip


def add_standard_items(apps, schema_editor):
    StandardItem = apps.get_model("liaison_stations", "StandardItem")
    for group, names in STANDARD_ITEMS.items():
        for order, name in enumerate(names, start=1):
            StandardItem.objects.get_or_create(group=group, name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("liaison_stations", "0001_initial")]

    operations = [migrations.RunPython(add_standard_items, migrations.RunPython.noop)]
