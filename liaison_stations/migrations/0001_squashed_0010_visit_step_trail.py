import datetime
from importlib import import_module

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import congress_portal.bounds

data_0002 = import_module("liaison_stations.migrations.0002_standard_items")
data_0008 = import_module("liaison_stations.migrations.0008_duty_reminder_schedule")


class Migration(migrations.Migration):
    replaces = [
        ("liaison_stations", "0001_initial"),
        ("liaison_stations", "0002_standard_items"),
        ("liaison_stations", "0003_visits"),
        ("liaison_stations", "0004_liaison_officers"),
        ("liaison_stations", "0005_person_names"),
        ("liaison_stations", "0006_visit_station_indexes"),
        ("liaison_stations", "0007_duty_reminded_at"),
        ("liaison_stations", "0008_duty_reminder_schedule"),
        ("liaison_stations", "0009_date_and_length_bounds"),
        ("liaison_stations", "0010_visit_step_trail"),
    ]

    initial = True

    dependencies = [
        ("congress_portal", "0003_handling_units"),
        ("deputies", "0003_warning_rules"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="StandardItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "group",
                    models.CharField(
                        choices=[("nine_haves", "Nine haves"), ("six_on_wall", "Six on the wall")],
                        max_length=20,
                        verbose_name="group",
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
            ],
            options={
                "verbose_name": "standard item",
                "verbose_name_plural": "standard items",
                "ordering": ["group", "order"],
            },
        ),
        migrations.CreateModel(
            name="DutyAssignment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "checked_in_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="checked in at"),
                ),
                (
                    "deputy",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="duty_assignments",
                        to="deputies.deputy",
                        verbose_name="deputy",
                    ),
                ),
            ],
            options={
                "verbose_name": "duty assignment",
                "verbose_name_plural": "duty assignments",
            },
        ),
        migrations.CreateModel(
            name="DutySession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(verbose_name="date")),
                (
                    "starts_at",
                    models.TimeField(default=datetime.time(9, 0), verbose_name="starts at"),
                ),
                (
                    "ends_at",
                    models.TimeField(default=datetime.time(11, 30), verbose_name="ends at"),
                ),
                (
                    "publish_on",
                    models.DateField(
                        blank=True,
                        help_text="Shown in the public roster from this day; empty: 3 days before.",
                        verbose_name="publish on",
                    ),
                ),
                (
                    "deputies",
                    models.ManyToManyField(
                        related_name="duty_sessions",
                        through="liaison_stations.DutyAssignment",
                        to="deputies.deputy",
                        verbose_name="deputies",
                    ),
                ),
            ],
            options={
                "verbose_name": "duty session",
                "verbose_name_plural": "duty sessions",
                "ordering": ["date", "starts_at"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalStation",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("central", "Central station"),
                            ("community", "Community station"),
                            ("enterprise", "Enterprise station"),
                            ("point", "Liaison point"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                ("address", models.CharField(max_length=200, verbose_name="address")),
                (
                    "opening_hours",
                    models.CharField(blank=True, max_length=200, verbose_name="opening hours"),
                ),
                (
                    "contact_name",
                    models.CharField(blank=True, max_length=50, verbose_name="contact person"),
                ),
                (
                    "contact_phone",
                    models.CharField(
                        blank=True,
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$",
                                "Enter an 11-digit mobile number or a landline such as 0571-88886666.",
                                code="invalid_phone",
                            )
                        ],
                        verbose_name="contact phone",
                    ),
                ),
                ("active", models.BooleanField(default=True, verbose_name="open")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "community",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="congress_portal.community",
                        verbose_name="community",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical liaison station",
                "verbose_name_plural": "historical liaison stations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSwapRequest",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("reason", models.CharField(max_length=200, verbose_name="reason")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "assignment",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="liaison_stations.dutyassignment",
                        verbose_name="duty",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "replacement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="deputies.deputy",
                        verbose_name="replacement deputy",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical duty swap",
                "verbose_name_plural": "historical duty swaps",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Station",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("central", "Central station"),
                            ("community", "Community station"),
                            ("enterprise", "Enterprise station"),
                            ("point", "Liaison point"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                ("address", models.CharField(max_length=200, verbose_name="address")),
                (
                    "opening_hours",
                    models.CharField(blank=True, max_length=200, verbose_name="opening hours"),
                ),
                (
                    "contact_name",
                    models.CharField(blank=True, max_length=50, verbose_name="contact person"),
                ),
                (
                    "contact_phone",
                    models.CharField(
                        blank=True,
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$",
                                "Enter an 11-digit mobile number or a landline such as 0571-88886666.",
                                code="invalid_phone",
                            )
                        ],
                        verbose_name="contact phone",
                    ),
                ),
                ("active", models.BooleanField(default=True, verbose_name="open")),
                (
                    "community",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="stations",
                        to="congress_portal.community",
                        verbose_name="community",
                    ),
                ),
                (
                    "deputies",
                    models.ManyToManyField(
                        blank=True,
                        related_name="stations",
                        to="deputies.deputy",
                        verbose_name="stationed deputies",
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="stations",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "liaison station",
                "verbose_name_plural": "liaison stations",
                "ordering": ["street", "kind", "name"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalStation_deputies",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "deputy",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="deputies.deputy",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="liaison_stations.historicalstation",
                    ),
                ),
                (
                    "station",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="liaison_stations.station",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalStation_deputies",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="SwapRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("reason", models.CharField(max_length=200, verbose_name="reason")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
                ),
                (
                    "assignment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="swaps",
                        to="liaison_stations.dutyassignment",
                        verbose_name="duty",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
                    ),
                ),
                (
                    "replacement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="deputies.deputy",
                        verbose_name="replacement deputy",
                    ),
                ),
            ],
            options={
                "verbose_name": "duty swap",
                "verbose_name_plural": "duty swaps",
                "ordering": ["-pk"],
            },
        ),
        migrations.CreateModel(
            name="Constituent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=50, verbose_name="name")),
                (
                    "phone",
                    models.CharField(
                        blank=True,
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$",
                                "Enter an 11-digit mobile number or a landline such as 0571-88886666.",
                                code="invalid_phone",
                            )
                        ],
                        verbose_name="phone",
                    ),
                ),
                ("address", models.CharField(blank=True, max_length=200, verbose_name="address")),
            ],
            options={
                "verbose_name": "constituent",
                "verbose_name_plural": "constituents",
            },
        ),
        migrations.CreateModel(
            name="PhoneReveal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True, verbose_name="at")),
                (
                    "by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                (
                    "constituent",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reveals",
                        to="liaison_stations.constituent",
                        verbose_name="constituent",
                    ),
                ),
            ],
            options={
                "verbose_name": "phone number reveal",
                "verbose_name_plural": "phone number reveals",
                "ordering": ["-at"],
            },
        ),
        migrations.CreateModel(
            name="Visit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("received_on", models.DateField(verbose_name="received on")),
                ("matter", models.TextField(verbose_name="matter")),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("environment", "Environment"),
                            ("property", "Property management"),
                            ("traffic", "Traffic"),
                            ("housing", "Housing"),
                            ("social_security", "Social security"),
                            ("health", "Health care"),
                            ("education", "Education"),
                            ("employment", "Employment"),
                            ("safety", "Public safety"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="category",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("registered", "Registered"),
                            ("not_accepted", "Not accepted"),
                            ("referred", "Referred"),
                            ("assigned", "Assigned"),
                            ("escalated", "Raised as a suggestion"),
                            ("replied", "Replied"),
                            ("fed_back", "Fed back"),
                            ("evaluated", "Evaluated"),
                            ("reopened", "Reopened"),
                            ("closed", "Closed"),
                        ],
                        default="registered",
                        max_length=20,
                        verbose_name="state",
                    ),
                ),
                (
                    "not_accepted_reason",
                    models.TextField(blank=True, verbose_name="reason for not accepting"),
                ),
                ("deadline", models.DateField(blank=True, null=True, verbose_name="deadline")),
                ("reply", models.TextField(blank=True, verbose_name="reply")),
                ("replied_on", models.DateField(blank=True, null=True, verbose_name="replied on")),
                (
                    "feedback",
                    models.TextField(blank=True, verbose_name="feedback to the constituent"),
                ),
                (
                    "fed_back_on",
                    models.DateField(blank=True, null=True, verbose_name="fed back on"),
                ),
                (
                    "evaluation",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("satisfied", "Satisfied"),
                            ("basically", "Basically satisfied"),
                            ("unsatisfied", "Unsatisfied"),
                        ],
                        max_length=20,
                        verbose_name="evaluation",
                    ),
                ),
                ("closed_on", models.DateField(blank=True, null=True, verbose_name="closed on")),
                (
                    "times_reopened",
                    models.PositiveSmallIntegerField(default=0, verbose_name="times reopened"),
                ),
                (
                    "deputies",
                    models.ManyToManyField(
                        related_name="visits_received",
                        to="deputies.deputy",
                        verbose_name="received by",
                    ),
                ),
                (
                    "handling_unit",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="visits",
                        to="congress_portal.handlingunit",
                        verbose_name="handling unit",
                    ),
                ),
                (
                    "registered_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="registered by",
                    ),
                ),
                (
                    "station",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="visits",
                        to="liaison_stations.station",
                        verbose_name="station",
                    ),
                ),
            ],
            options={
                "verbose_name": "constituent visit",
                "verbose_name_plural": "constituent visits",
                "ordering": ["-received_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="LiaisonOfficer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=50, verbose_name="full name")),
                (
                    "phone",
                    models.CharField(
                        blank=True,
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$",
                                "Enter an 11-digit mobile number or a landline such as 0571-88886666.",
                                code="invalid_phone",
                            )
                        ],
                        verbose_name="phone",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("nominated", "Nominated"),
                            ("vetted", "Vetted"),
                            ("appointed", "Appointed"),
                            ("ended", "Ended"),
                        ],
                        default="nominated",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "appointed_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="appointed on"
                    ),
                ),
                (
                    "community",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="liaison_officers",
                        to="congress_portal.community",
                        verbose_name="community",
                    ),
                ),
                (
                    "deputy",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="liaison_officers",
                        to="deputies.deputy",
                        verbose_name="assists deputy",
                    ),
                ),
            ],
            options={
                "verbose_name": "liaison officer",
                "verbose_name_plural": "liaison officers",
                "ordering": ["community", "name"],
            },
        ),
        migrations.CreateModel(
            name="VisitStep",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=30, verbose_name="step")),
                ("comment", models.TextField(blank=True, max_length=20000, verbose_name="comment")),
                ("at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="at")),
                (
                    "from_state",
                    models.CharField(
                        choices=[
                            ("registered", "Registered"),
                            ("not_accepted", "Not accepted"),
                            ("referred", "Referred"),
                            ("assigned", "Assigned"),
                            ("escalated", "Raised as a suggestion"),
                            ("replied", "Replied"),
                            ("fed_back", "Fed back"),
                            ("evaluated", "Evaluated"),
                            ("reopened", "Reopened"),
                            ("closed", "Closed"),
                        ],
                        max_length=20,
                        verbose_name="from",
                    ),
                ),
                (
                    "to_state",
                    models.CharField(
                        choices=[
                            ("registered", "Registered"),
                            ("not_accepted", "Not accepted"),
                            ("referred", "Referred"),
                            ("assigned", "Assigned"),
                            ("escalated", "Raised as a suggestion"),
                            ("replied", "Replied"),
                            ("fed_back", "Fed back"),
                            ("evaluated", "Evaluated"),
                            ("reopened", "Reopened"),
                            ("closed", "Closed"),
                        ],
                        max_length=20,
                        verbose_name="to",
                    ),
                ),
                (
                    "by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                (
                    "visit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="steps",
                        to="liaison_stations.visit",
                        verbose_name="visit",
                    ),
                ),
            ],
            options={
                "verbose_name": "visit step",
                "verbose_name_plural": "visit steps",
                "ordering": ["at", "pk"],
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="dutyassignment",
            name="session",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="assignments",
                to="liaison_stations.dutysession",
                verbose_name="session",
            ),
        ),
        migrations.AddField(
            model_name="dutysession",
            name="station",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="sessions",
                to="liaison_stations.station",
                verbose_name="station",
            ),
        ),
        migrations.AddField(
            model_name="constituent",
            name="visit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="constituents",
                to="liaison_stations.visit",
                verbose_name="visit",
            ),
        ),
        migrations.AddField(
            model_name="visit",
            name="reported_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="matters",
                to="liaison_stations.liaisonofficer",
                verbose_name="reported by liaison officer",
            ),
        ),
        migrations.AlterField(
            model_name="constituent",
            name="name",
            field=models.CharField(blank=True, max_length=50, verbose_name="full name"),
        ),
        migrations.CreateModel(
            name="HistoricalConstituent",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=50, verbose_name="full name")),
                (
                    "phone",
                    models.CharField(
                        blank=True,
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$",
                                "Enter an 11-digit mobile number or a landline such as 0571-88886666.",
                                code="invalid_phone",
                            )
                        ],
                        verbose_name="phone",
                    ),
                ),
                ("address", models.CharField(blank=True, max_length=200, verbose_name="address")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "visit",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="liaison_stations.visit",
                        verbose_name="visit",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical constituent",
                "verbose_name_plural": "historical constituents",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="dutyassignment",
            name="reminded_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="reminded at"
            ),
        ),
        migrations.CreateModel(
            name="HistoricalDutyAssignment",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "checked_in_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="checked in at"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "deputy",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="deputies.deputy",
                        verbose_name="deputy",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="liaison_stations.dutysession",
                        verbose_name="session",
                    ),
                ),
                (
                    "reminded_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="reminded at"
                    ),
                ),
            ],
            options={
                "verbose_name": "historical duty assignment",
                "verbose_name_plural": "historical duty assignments",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AlterField(
            model_name="dutysession",
            name="date",
            field=congress_portal.bounds.EventDateField(verbose_name="date"),
        ),
        migrations.AlterField(
            model_name="dutysession",
            name="publish_on",
            field=congress_portal.bounds.EventDateField(
                blank=True,
                help_text="Shown in the public roster from this day; empty: 3 days before.",
                verbose_name="publish on",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalDutySession",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("date", congress_portal.bounds.EventDateField(verbose_name="date")),
                (
                    "starts_at",
                    models.TimeField(default=datetime.time(9, 0), verbose_name="starts at"),
                ),
                (
                    "ends_at",
                    models.TimeField(default=datetime.time(11, 30), verbose_name="ends at"),
                ),
                (
                    "publish_on",
                    congress_portal.bounds.EventDateField(
                        blank=True,
                        help_text="Shown in the public roster from this day; empty: 3 days before.",
                        verbose_name="publish on",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "station",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="liaison_stations.station",
                        verbose_name="station",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical duty session",
                "verbose_name_plural": "historical duty sessions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalLiaisonOfficer",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=50, verbose_name="full name")),
                (
                    "phone",
                    models.CharField(
                        blank=True,
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$",
                                "Enter an 11-digit mobile number or a landline such as 0571-88886666.",
                                code="invalid_phone",
                            )
                        ],
                        verbose_name="phone",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("nominated", "Nominated"),
                            ("vetted", "Vetted"),
                            ("appointed", "Appointed"),
                            ("ended", "Ended"),
                        ],
                        default="nominated",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "appointed_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="appointed on"
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "community",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="congress_portal.community",
                        verbose_name="community",
                    ),
                ),
                (
                    "deputy",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="deputies.deputy",
                        verbose_name="assists deputy",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical liaison officer",
                "verbose_name_plural": "historical liaison officers",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalStandardCheck",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("met", models.BooleanField(default=False, verbose_name="met")),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="note")),
                (
                    "checked_on",
                    congress_portal.bounds.EventDateField(
                        default=datetime.date.today, verbose_name="checked on"
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "checked_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="checked by",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "item",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="liaison_stations.standarditem",
                        verbose_name="item",
                    ),
                ),
                (
                    "station",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="liaison_stations.station",
                        verbose_name="station",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical standard check",
                "verbose_name_plural": "historical standard checks",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalVisit",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("received_on", congress_portal.bounds.EventDateField(verbose_name="received on")),
                ("matter", models.TextField(max_length=5000, verbose_name="matter")),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("environment", "Environment"),
                            ("property", "Property management"),
                            ("traffic", "Traffic"),
                            ("housing", "Housing"),
                            ("social_security", "Social security"),
                            ("health", "Health care"),
                            ("education", "Education"),
                            ("employment", "Employment"),
                            ("safety", "Public safety"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="category",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("registered", "Registered"),
                            ("not_accepted", "Not accepted"),
                            ("referred", "Referred"),
                            ("assigned", "Assigned"),
                            ("escalated", "Raised as a suggestion"),
                            ("replied", "Replied"),
                            ("fed_back", "Fed back"),
                            ("evaluated", "Evaluated"),
                            ("reopened", "Reopened"),
                            ("closed", "Closed"),
                        ],
                        default="registered",
                        max_length=20,
                        verbose_name="state",
                    ),
                ),
                (
                    "not_accepted_reason",
                    models.TextField(
                        blank=True, max_length=1000, verbose_name="reason for not accepting"
                    ),
                ),
                (
                    "deadline",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="deadline"
                    ),
                ),
                ("reply", models.TextField(blank=True, max_length=5000, verbose_name="reply")),
                (
                    "replied_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="replied on"
                    ),
                ),
                (
                    "feedback",
                    models.TextField(
                        blank=True, max_length=5000, verbose_name="feedback to the constituent"
                    ),
                ),
                (
                    "fed_back_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="fed back on"
                    ),
                ),
                (
                    "evaluation",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("satisfied", "Satisfied"),
                            ("basically", "Basically satisfied"),
                            ("unsatisfied", "Unsatisfied"),
                        ],
                        max_length=20,
                        verbose_name="evaluation",
                    ),
                ),
                (
                    "closed_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="closed on"
                    ),
                ),
                (
                    "times_reopened",
                    models.PositiveSmallIntegerField(default=0, verbose_name="times reopened"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "handling_unit",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="congress_portal.handlingunit",
                        verbose_name="handling unit",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "registered_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="registered by",
                    ),
                ),
                (
                    "station",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="liaison_stations.station",
                        verbose_name="station",
                    ),
                ),
                (
                    "reported_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="liaison_stations.liaisonofficer",
                        verbose_name="reported by liaison officer",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical constituent visit",
                "verbose_name_plural": "historical constituent visits",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="StandardCheck",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("met", models.BooleanField(default=False, verbose_name="met")),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="note")),
                (
                    "checked_on",
                    congress_portal.bounds.EventDateField(
                        default=datetime.date.today, verbose_name="checked on"
                    ),
                ),
                (
                    "checked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="checked by",
                    ),
                ),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="checks",
                        to="liaison_stations.standarditem",
                        verbose_name="item",
                    ),
                ),
                (
                    "station",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="checks",
                        to="liaison_stations.station",
                        verbose_name="station",
                    ),
                ),
            ],
            options={
                "verbose_name": "standard check",
                "verbose_name_plural": "standard checks",
            },
        ),
        migrations.CreateModel(
            name="Supervision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "method",
                    models.CharField(
                        choices=[
                            ("phone", "By phone"),
                            ("written", "Written notice"),
                            ("on_site", "On site"),
                            ("meeting", "Meeting"),
                        ],
                        max_length=10,
                        verbose_name="method",
                    ),
                ),
                ("on", congress_portal.bounds.EventDateField(verbose_name="date")),
                ("note", models.TextField(blank=True, max_length=1000, verbose_name="note")),
                (
                    "by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                (
                    "visit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="supervisions",
                        to="liaison_stations.visit",
                        verbose_name="visit",
                    ),
                ),
            ],
            options={
                "verbose_name": "supervision",
                "verbose_name_plural": "supervisions",
                "ordering": ["-on", "-pk"],
            },
        ),
        migrations.AlterField(
            model_name="visit",
            name="closed_on",
            field=congress_portal.bounds.EventDateField(
                blank=True, null=True, verbose_name="closed on"
            ),
        ),
        migrations.AlterField(
            model_name="visit",
            name="deadline",
            field=congress_portal.bounds.EventDateField(
                blank=True, null=True, verbose_name="deadline"
            ),
        ),
        migrations.AlterField(
            model_name="visit",
            name="fed_back_on",
            field=congress_portal.bounds.EventDateField(
                blank=True, null=True, verbose_name="fed back on"
            ),
        ),
        migrations.AlterField(
            model_name="visit",
            name="feedback",
            field=models.TextField(
                blank=True, max_length=5000, verbose_name="feedback to the constituent"
            ),
        ),
        migrations.AlterField(
            model_name="visit",
            name="matter",
            field=models.TextField(max_length=5000, verbose_name="matter"),
        ),
        migrations.AlterField(
            model_name="visit",
            name="not_accepted_reason",
            field=models.TextField(
                blank=True, max_length=1000, verbose_name="reason for not accepting"
            ),
        ),
        migrations.AlterField(
            model_name="visit",
            name="received_on",
            field=congress_portal.bounds.EventDateField(verbose_name="received on"),
        ),
        migrations.AlterField(
            model_name="visit",
            name="replied_on",
            field=congress_portal.bounds.EventDateField(
                blank=True, null=True, verbose_name="replied on"
            ),
        ),
        migrations.AlterField(
            model_name="visit",
            name="reply",
            field=models.TextField(blank=True, max_length=5000, verbose_name="reply"),
        ),
        migrations.AddIndex(
            model_name="dutyassignment",
            index=models.Index(
                fields=["deputy", "checked_in_at"], name="liaison_sta_deputy__d5752f_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="dutyassignment",
            constraint=models.UniqueConstraint(
                fields=("session", "deputy"), name="assignment_once"
            ),
        ),
        migrations.AddIndex(
            model_name="station",
            index=models.Index(fields=["street", "kind"], name="liaison_sta_street__6e2ee0_idx"),
        ),
        migrations.AddConstraint(
            model_name="standardcheck",
            constraint=models.UniqueConstraint(
                fields=("station", "item"), name="check_once_per_item"
            ),
        ),
        migrations.AddIndex(
            model_name="dutysession",
            index=models.Index(fields=["station", "date"], name="liaison_sta_station_f1c6ce_idx"),
        ),
        migrations.AddIndex(
            model_name="dutysession",
            index=models.Index(fields=["date", "publish_on"], name="liaison_sta_date_a81ea2_idx"),
        ),
        migrations.AddIndex(
            model_name="swaprequest",
            index=models.Index(fields=["state"], name="liaison_sta_state_838453_idx"),
        ),
        migrations.AddIndex(
            model_name="visit",
            index=models.Index(
                fields=["station", "received_on"], name="liaison_sta_station_736828_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="visit",
            index=models.Index(fields=["state", "deadline"], name="liaison_sta_state_acf016_idx"),
        ),
        migrations.AddIndex(
            model_name="visit",
            index=models.Index(
                fields=["category", "received_on"], name="liaison_sta_categor_c3199c_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="visit",
            index=models.Index(fields=["received_on"], name="liaison_sta_receive_cb0332_idx"),
        ),
        migrations.AddIndex(
            model_name="visit",
            index=models.Index(
                fields=["station", "category", "received_on"], name="liaison_sta_station_cd4e16_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="visit",
            index=models.Index(
                fields=["station", "state", "deadline"], name="liaison_sta_station_e94f65_idx"
            ),
        ),
        migrations.RunPython(data_0002.add_standard_items, migrations.RunPython.noop),
        migrations.RunPython(data_0008.schedule_reminders, data_0008.unschedule_reminders),
    ]
