from django.db import migrations

# code, name, category, points, yearly cap, claims need review
DEFAULT_RULES = [
    ("congress_attendance", "出席人民代表大会会议", "congress", 5, None, False),
    ("congress_absence", "无故缺席人民代表大会会议", "discipline", -5, None, False),
    ("inspection_research", "参加视察调研", "inspection", 3, 30, True),
    ("station_duty", "代表联络站值班", "station_duty", 2, 20, True),
    ("receive_constituents", "接待选民", "visits", 1, 20, True),
    ("suggestion_lead", "领衔提出代表建议", "suggestion", 3, None, True),
    ("suggestion_cosign", "附议代表建议", "suggestion", 1, 10, True),
    ("training", "参加学习培训", "training", 2, 20, True),
    ("report_back", "向原选区选民述职", "report_back", 5, 5, True),
    ("publicity", "履职事迹宣传报道", "publicity", 2, 10, True),
    ("activity", "参加代表小组及主题活动", "activity", 2, 20, True),
    ("activity_absence", "无故缺席代表活动", "discipline", -1, None, False),
]


def add_default_rules(apps, schema_editor):
    PointRule = apps.get_model("deputies", "PointRule")
    for code, name, category, points, cap, review in DEFAULT_RULES:
        PointRule.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "points": points,
                "yearly_cap": cap,
                "needs_review": review,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("deputies", "0001_initial")]

    operations = [migrations.RunPython(add_default_rules, migrations.RunPython.noop)]
