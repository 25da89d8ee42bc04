"""Point rules and early-warning thresholds per street: the existing rows stay the
district's defaults (no street); a street may add its own row of a code, or its
own thresholds, which hold in that street instead."""

import django.db.models.deletion
import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("congress_portal", "0009_date_and_length_bounds"),
        ("deputies", "0008_date_and_length_bounds"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="pointrule",
            options={
                "ordering": [
                    "category",
                    "code",
                    models.OrderBy(models.F("street"), nulls_first=True),
                ],
                "verbose_name": "point rule",
                "verbose_name_plural": "point rules",
            },
        ),
        migrations.AddField(
            model_name="historicalpointrule",
            name="street",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Empty: the district's rule. A street's rule overrides it in that street.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="congress_portal.street",
                verbose_name="street",
            ),
        ),
        migrations.AddField(
            model_name="historicalwarningrules",
            name="street",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Empty: the district's thresholds. A street's own thresholds override them there.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="congress_portal.street",
                verbose_name="street",
            ),
        ),
        migrations.AddField(
            model_name="pointrule",
            name="street",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty: the district's rule. A street's rule overrides it in that street.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="point_rules",
                to="congress_portal.street",
                verbose_name="street",
            ),
        ),
        migrations.AddField(
            model_name="warningrules",
            name="street",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty: the district's thresholds. A street's own thresholds override them there.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="congress_portal.street",
                verbose_name="street",
            ),
        ),
        migrations.AlterField(
            model_name="pointrule",
            name="code",
            field=models.SlugField(verbose_name="code"),
        ),
        migrations.AddConstraint(
            model_name="pointrule",
            constraint=models.UniqueConstraint(
                fields=("code", "street"), name="rule_code_once_per_street"
            ),
        ),
        migrations.AddConstraint(
            model_name="pointrule",
            constraint=models.UniqueConstraint(
                condition=models.Q(("street__isnull", True)),
                fields=("code",),
                name="rule_code_once_in_district",
                violation_error_message="The district already has a rule with this code.",
            ),
        ),
        migrations.AddConstraint(
            model_name="warningrules",
            constraint=models.UniqueConstraint(
                fields=("street",),
                name="warning_rules_once_per_street",
                violation_error_message="This street already has its early-warning rules.",
            ),
        ),
        migrations.AddConstraint(
            model_name="warningrules",
            constraint=models.UniqueConstraint(
                django.db.models.functions.comparison.Coalesce("street", 0),
                condition=models.Q(("street__isnull", True)),
                name="warning_rules_once_in_district",
                violation_error_message="The district already has its early-warning rules.",
            ),
        ),
    ]
