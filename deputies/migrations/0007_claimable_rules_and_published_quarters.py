"""Points only for what happened: rules say whether deputies may claim them, and
publishing a quarter's ranking closes it to claims.

The rules the portal awards by itself (station duty, visits, suggestions, activity
attendance) are not claimable; new claim rules cover duties done outside the
portal's records; the shipped rules that counted claims at once now need review;
entries already cut by a yearly cap say so."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# code, name, category, points, yearly cap: claims (申报) of duties the portal has no record of
CLAIM_RULES = [
    ("inspection_research_claim", "自行开展视察调研", "inspection", 3, 15),
    ("training_claim", "参加其他学习培训", "training", 2, 10),
    ("report_back_claim", "自行组织向选民述职", "report_back", 5, 5),
    ("activity_claim", "参加其他履职活动", "activity", 2, 10),
]
CLAIMABLE = ["publicity"] + [code for code, *_rest in CLAIM_RULES]
# The shipped rules that counted a claim at once (0002).
SHIPPED_WITHOUT_REVIEW = ["congress_attendance", "congress_absence", "activity_absence"]


def ship_claim_rules(apps, schema_editor):
    PointRule = apps.get_model("deputies", "PointRule")
    PointRule.objects.filter(code__in=SHIPPED_WITHOUT_REVIEW).update(needs_review=True)
    for code, name, category, points, cap in CLAIM_RULES:
        PointRule.objects.get_or_create(
            code=code,
            defaults={"name": name, "category": category, "points": points, "yearly_cap": cap},
        )
    PointRule.objects.filter(code__in=CLAIMABLE).update(claimable=True)


def mark_capped_entries(apps, schema_editor):
    PointRule = apps.get_model("deputies", "PointRule")
    PointEntry = apps.get_model("deputies", "PointEntry")
    for rule in PointRule.objects.filter(yearly_cap__isnull=False, points__gt=0):
        PointEntry.objects.filter(
            rule=rule, state="approved", points__gte=0, points__lt=rule.points
        ).update(cap_reached=rule.yearly_cap)


class Migration(migrations.Migration):
    dependencies = [
        ("congress_portal", "0005_outbox_sweep_schedule"),
        ("deputies", "0006_private_file_paths"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalpointentry",
            name="cap_reached",
            field=models.PositiveSmallIntegerField(
                blank=True,
                editable=False,
                help_text="The rule's yearly cap, when it cut the points of this entry.",
                null=True,
                verbose_name="yearly cap reached",
            ),
        ),
        migrations.AddField(
            model_name="historicalpointrule",
            name="claimable",
            field=models.BooleanField(
                default=False,
                help_text="Deputies may claim (申报) points under this rule for duties the portal has no record of. Rules the portal awards by itself can never be claimed.",
                verbose_name="deputies may claim",
            ),
        ),
        migrations.AddField(
            model_name="pointentry",
            name="cap_reached",
            field=models.PositiveSmallIntegerField(
                blank=True,
                editable=False,
                help_text="The rule's yearly cap, when it cut the points of this entry.",
                null=True,
                verbose_name="yearly cap reached",
            ),
        ),
        migrations.AddField(
            model_name="pointrule",
            name="claimable",
            field=models.BooleanField(
                default=False,
                help_text="Deputies may claim (申报) points under this rule for duties the portal has no record of. Rules the portal awards by itself can never be claimed.",
                verbose_name="deputies may claim",
            ),
        ),
        migrations.CreateModel(
            name="PublishedQuarter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "quarter",
                    models.PositiveSmallIntegerField(
                        choices=[(1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")], verbose_name="quarter"
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="published at"),
                ),
                (
                    "published_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="published by",
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="published_quarters",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "published quarter",
                "verbose_name_plural": "published quarters",
                "ordering": ["street", "-year", "-quarter"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("street", "year", "quarter"), name="quarter_published_once"
                    )
                ],
            },
        ),
        migrations.RunPython(ship_claim_rules, migrations.RunPython.noop),
        migrations.RunPython(mark_capped_entries, migrations.RunPython.noop),
    ]
