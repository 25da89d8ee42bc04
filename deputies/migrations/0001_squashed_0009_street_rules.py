from importlib import import_module

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.comparison
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import congress_portal.bounds
import congress_portal.files
import deputies.models

data_0002 = import_module("deputies.migrations.0002_default_point_rules")
data_0005 = import_module("deputies.migrations.0005_reminder_letter_schedule")
data_0007 = import_module("deputies.migrations.0007_claimable_rules_and_published_quarters")


class Migration(migrations.Migration):
    replaces = [
        ("deputies", "0001_initial"),
        ("deputies", "0002_default_point_rules"),
        ("deputies", "0003_warning_rules"),
        ("deputies", "0004_reminder_and_thank_you_letters"),
        ("deputies", "0005_reminder_letter_schedule"),
        ("deputies", "0006_private_file_paths"),
        ("deputies", "0007_claimable_rules_and_published_quarters"),
        ("deputies", "0008_date_and_length_bounds"),
        ("deputies", "0009_street_rules"),
    ]

    initial = True

    dependencies = [
        ("congress_portal", "0009_date_and_length_bounds"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PointRule",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.SlugField(verbose_name="code")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("congress", "Congress session"),
                            ("inspection", "Inspection and research"),
                            ("station_duty", "Station duty"),
                            ("visits", "Receiving constituents"),
                            ("suggestion", "Suggestions"),
                            ("training", "Training"),
                            ("report_back", "Report-back"),
                            ("publicity", "Publicity"),
                            ("activity", "Other activities"),
                            ("discipline", "Discipline"),
                        ],
                        max_length=20,
                        verbose_name="category",
                    ),
                ),
                (
                    "points",
                    models.SmallIntegerField(
                        help_text="Negative for penalties.", verbose_name="points"
                    ),
                ),
                (
                    "yearly_cap",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Most points one deputy can earn from this rule in a year; empty: no cap.",
                        null=True,
                        verbose_name="yearly cap",
                    ),
                ),
                (
                    "needs_review",
                    models.BooleanField(
                        default=True,
                        help_text="Claims by deputies wait for staff approval before they count.",
                        verbose_name="needs review",
                    ),
                ),
                ("active", models.BooleanField(default=True, verbose_name="active")),
                (
                    "claimable",
                    models.BooleanField(
                        default=False,
                        help_text="Deputies may claim (申报) points under this rule for duties the portal has no record of. Rules the portal awards by itself can never be claimed.",
                        verbose_name="deputies may claim",
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty: the district's rule. A street's rule overrides it in that street.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="point_rules",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "point rule",
                "verbose_name_plural": "point rules",
                "ordering": [
                    "category",
                    "code",
                    models.OrderBy(models.F("street"), nulls_first=True),
                ],
            },
        ),
        migrations.CreateModel(
            name="Activity",
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
                            ("congress", "Congress session"),
                            ("inspection", "Inspection"),
                            ("research", "Research"),
                            ("symposium", "Symposium"),
                            ("training", "Training"),
                            ("themed", "Themed activity"),
                            ("three_into", "Three-into visit"),
                            ("report_back", "Report-back"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("theme", models.CharField(max_length=200, verbose_name="theme")),
                ("organiser", models.CharField(max_length=100, verbose_name="organiser")),
                ("held_on", models.DateField(verbose_name="date")),
                ("place", models.CharField(blank=True, max_length=200, verbose_name="place")),
                ("outcome", models.TextField(blank=True, verbose_name="outcome")),
                (
                    "evaluation",
                    models.CharField(
                        blank=True,
                        help_text="For a report-back: the constituents' evaluation vote.",
                        max_length=200,
                        verbose_name="evaluation result",
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="activities",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "activity",
                "verbose_name_plural": "activities",
                "ordering": ["-held_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Deputy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=50, verbose_name="name")),
                (
                    "gender",
                    models.CharField(
                        choices=[("male", "Male"), ("female", "Female")],
                        max_length=10,
                        verbose_name="gender",
                    ),
                ),
                (
                    "birth_year",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        validators=[congress_portal.bounds.YearBounds(1900, years_ahead=0)],
                        verbose_name="birth year",
                    ),
                ),
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
                ("employer", models.CharField(blank=True, max_length=100, verbose_name="employer")),
                ("post", models.CharField(blank=True, max_length=100, verbose_name="post")),
                (
                    "specialty",
                    models.CharField(blank=True, max_length=100, verbose_name="specialty"),
                ),
                (
                    "constituency",
                    models.CharField(blank=True, max_length=100, verbose_name="constituency"),
                ),
                (
                    "photo",
                    congress_portal.files.PrivateImageField(
                        blank=True,
                        max_length=255,
                        upload_to=congress_portal.files.PrivatePath("deputies/photos"),
                        verbose_name="photo",
                    ),
                ),
                ("notes", models.TextField(blank=True, max_length=5000, verbose_name="notes")),
                (
                    "community",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="deputies",
                        to="congress_portal.community",
                        verbose_name="community",
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="deputies",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="deputy",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="login account",
                    ),
                ),
                (
                    "email",
                    models.EmailField(
                        blank=True,
                        help_text="Reminder letters are sent here as well.",
                        max_length=254,
                        verbose_name="email",
                    ),
                ),
            ],
            options={
                "verbose_name": "deputy",
                "verbose_name_plural": "deputies",
                "ordering": ["name", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Attendance",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("invited", "Invited"),
                            ("attended", "Attended"),
                            ("leave", "On approved leave"),
                            ("absent", "Absent without leave"),
                        ],
                        default="invited",
                        max_length=10,
                        verbose_name="attendance",
                    ),
                ),
                (
                    "activity",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attendances",
                        to="deputies.activity",
                        verbose_name="activity",
                    ),
                ),
                (
                    "deputy",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attendances",
                        to="deputies.deputy",
                        verbose_name="deputy",
                    ),
                ),
            ],
            options={
                "verbose_name": "attendance",
                "verbose_name_plural": "attendances",
            },
        ),
        migrations.CreateModel(
            name="HistoricalAttendance",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("invited", "Invited"),
                            ("attended", "Attended"),
                            ("leave", "On approved leave"),
                            ("absent", "Absent without leave"),
                        ],
                        default="invited",
                        max_length=10,
                        verbose_name="attendance",
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
                    "activity",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="deputies.activity",
                        verbose_name="activity",
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
            ],
            options={
                "verbose_name": "historical attendance",
                "verbose_name_plural": "historical attendances",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="PointEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("occurred_on", congress_portal.bounds.EventDateField(verbose_name="date")),
                ("points", models.SmallIntegerField(verbose_name="points")),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("claim", "Claimed by the deputy"),
                            ("staff", "Entered by staff"),
                            ("auto", "Recorded automatically"),
                        ],
                        max_length=10,
                        verbose_name="source",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Pending review"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                (
                    "description",
                    models.TextField(blank=True, max_length=5000, verbose_name="what was done"),
                ),
                (
                    "reject_reason",
                    models.TextField(
                        blank=True, max_length=1000, verbose_name="reason for rejection"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="entered at")),
                (
                    "reviewed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="reviewed at"),
                ),
                ("source_id", models.PositiveBigIntegerField(blank=True, null=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="entered by",
                    ),
                ),
                (
                    "deputy",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="point_entries",
                        to="deputies.deputy",
                        verbose_name="deputy",
                    ),
                ),
                (
                    "reviewed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reviewed by",
                    ),
                ),
                (
                    "source_type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
                (
                    "rule",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="entries",
                        to="deputies.pointrule",
                        verbose_name="rule",
                    ),
                ),
                (
                    "cap_reached",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        editable=False,
                        help_text="The rule's yearly cap, when it cut the points of this entry.",
                        null=True,
                        verbose_name="yearly cap reached",
                    ),
                ),
            ],
            options={
                "verbose_name": "point entry",
                "verbose_name_plural": "point entries",
                "ordering": ["-occurred_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="ProfessionalGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "members",
                    models.ManyToManyField(
                        blank=True,
                        related_name="professional_groups",
                        to="deputies.deputy",
                        verbose_name="members",
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="professional_groups",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "professional group",
                "verbose_name_plural": "professional groups",
                "ordering": ["street", "name"],
            },
        ),
        migrations.CreateModel(
            name="Term",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("national", "National"),
                            ("provincial", "Provincial"),
                            ("city", "City"),
                            ("district", "District"),
                        ],
                        max_length=20,
                        verbose_name="level",
                    ),
                ),
                ("number", models.PositiveSmallIntegerField(verbose_name="term number")),
                ("starts_on", congress_portal.bounds.EventDateField(verbose_name="starts on")),
                ("ends_on", congress_portal.bounds.PlannedDateField(verbose_name="ends on")),
            ],
            options={
                "verbose_name": "term",
                "verbose_name_plural": "terms",
                "ordering": ["level", "-number"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("level", "number"), name="term_unique_per_level"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ThankYouBatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("rendering", "Rendering"),
                            ("ready", "Ready"),
                            ("failed", "Failed"),
                        ],
                        default="queued",
                        editable=False,
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                (
                    "combined_pdf",
                    congress_portal.files.PrivateFileField(
                        blank=True,
                        editable=False,
                        max_length=255,
                        upload_to=congress_portal.files.PrivatePath("deputies/thanks"),
                        verbose_name="PDF for printing",
                    ),
                ),
                (
                    "rendered_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="rendered at"
                    ),
                ),
                (
                    "error",
                    models.TextField(
                        blank=True, editable=False, max_length=5000, verbose_name="error"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="thank_you_batches",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "thank-you letters",
                "verbose_name_plural": "thank-you letters",
                "ordering": ["-created_at", "-pk"],
            },
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
        migrations.AddField(
            model_name="activity",
            name="deputies",
            field=models.ManyToManyField(
                related_name="activities",
                through="deputies.Attendance",
                to="deputies.deputy",
                verbose_name="deputies",
            ),
        ),
        migrations.CreateModel(
            name="ActivityPhoto",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "image",
                    congress_portal.files.PrivateImageField(
                        max_length=255,
                        upload_to=congress_portal.files.PrivatePath("deputies/activities"),
                        verbose_name="photo",
                    ),
                ),
                (
                    "activity",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="photos",
                        to="deputies.activity",
                        verbose_name="activity",
                    ),
                ),
            ],
            options={
                "verbose_name": "activity photo",
                "verbose_name_plural": "activity photos",
            },
        ),
        migrations.CreateModel(
            name="EntryPhoto",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "image",
                    congress_portal.files.PrivateImageField(
                        max_length=255,
                        upload_to=congress_portal.files.PrivatePath("deputies/evidence"),
                        verbose_name="photo",
                    ),
                ),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="photos",
                        to="deputies.pointentry",
                        verbose_name="entry",
                    ),
                ),
            ],
            options={
                "verbose_name": "evidence photo",
                "verbose_name_plural": "evidence photos",
            },
        ),
        migrations.CreateModel(
            name="ThankYouLetter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("employer", models.CharField(max_length=100, verbose_name="employer")),
                ("points", models.IntegerField(verbose_name="points")),
                ("activities", models.PositiveIntegerField(verbose_name="activities attended")),
                (
                    "pdf",
                    congress_portal.files.PrivateFileField(
                        blank=True,
                        editable=False,
                        max_length=255,
                        upload_to=congress_portal.files.PrivatePath("deputies/thanks"),
                        verbose_name="PDF",
                    ),
                ),
                (
                    "batch",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="letters",
                        to="deputies.thankyoubatch",
                        verbose_name="batch",
                    ),
                ),
                (
                    "deputy",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="thank_you_letters",
                        to="deputies.deputy",
                        verbose_name="deputy",
                    ),
                ),
            ],
            options={
                "verbose_name": "thank-you letter",
                "verbose_name_plural": "thank-you letters",
                "ordering": ["batch", "pk"],
            },
        ),
        migrations.AlterField(
            model_name="activity",
            name="held_on",
            field=congress_portal.bounds.EventDateField(verbose_name="date"),
        ),
        migrations.AlterField(
            model_name="activity",
            name="outcome",
            field=models.TextField(blank=True, max_length=5000, verbose_name="outcome"),
        ),
        migrations.CreateModel(
            name="EntryFlag",
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
                            ("error", "Error"),
                            ("duplicate", "Duplicate"),
                            ("omission", "Omission"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("note", models.TextField(max_length=1000, verbose_name="what is wrong")),
                ("raised_at", models.DateTimeField(auto_now_add=True, verbose_name="raised at")),
                (
                    "resolved_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="resolved at"),
                ),
                (
                    "resolution",
                    models.TextField(blank=True, max_length=1000, verbose_name="resolution"),
                ),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="flags",
                        to="deputies.pointentry",
                        verbose_name="entry",
                    ),
                ),
            ],
            options={
                "verbose_name": "error report",
                "verbose_name_plural": "error reports",
                "ordering": ["-raised_at"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalActivity",
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
                            ("congress", "Congress session"),
                            ("inspection", "Inspection"),
                            ("research", "Research"),
                            ("symposium", "Symposium"),
                            ("training", "Training"),
                            ("themed", "Themed activity"),
                            ("three_into", "Three-into visit"),
                            ("report_back", "Report-back"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("theme", models.CharField(max_length=200, verbose_name="theme")),
                ("organiser", models.CharField(max_length=100, verbose_name="organiser")),
                ("held_on", congress_portal.bounds.EventDateField(verbose_name="date")),
                ("place", models.CharField(blank=True, max_length=200, verbose_name="place")),
                ("outcome", models.TextField(blank=True, max_length=5000, verbose_name="outcome")),
                (
                    "evaluation",
                    models.CharField(
                        blank=True,
                        help_text="For a report-back: the constituents' evaluation vote.",
                        max_length=200,
                        verbose_name="evaluation result",
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
                "verbose_name": "historical activity",
                "verbose_name_plural": "historical activities",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDeputy",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=50, verbose_name="name")),
                (
                    "gender",
                    models.CharField(
                        choices=[("male", "Male"), ("female", "Female")],
                        max_length=10,
                        verbose_name="gender",
                    ),
                ),
                (
                    "birth_year",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        validators=[congress_portal.bounds.YearBounds(1900, years_ahead=0)],
                        verbose_name="birth year",
                    ),
                ),
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
                ("employer", models.CharField(blank=True, max_length=100, verbose_name="employer")),
                ("post", models.CharField(blank=True, max_length=100, verbose_name="post")),
                (
                    "specialty",
                    models.CharField(blank=True, max_length=100, verbose_name="specialty"),
                ),
                (
                    "constituency",
                    models.CharField(blank=True, max_length=100, verbose_name="constituency"),
                ),
                ("photo", models.TextField(blank=True, max_length=255, verbose_name="photo")),
                ("notes", models.TextField(blank=True, max_length=5000, verbose_name="notes")),
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
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="login account",
                    ),
                ),
                (
                    "email",
                    models.EmailField(
                        blank=True,
                        help_text="Reminder letters are sent here as well.",
                        max_length=254,
                        verbose_name="email",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical deputy",
                "verbose_name_plural": "historical deputies",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalEntryFlag",
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
                            ("error", "Error"),
                            ("duplicate", "Duplicate"),
                            ("omission", "Omission"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("note", models.TextField(max_length=1000, verbose_name="what is wrong")),
                (
                    "raised_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="raised at"),
                ),
                (
                    "resolved_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="resolved at"),
                ),
                (
                    "resolution",
                    models.TextField(blank=True, max_length=1000, verbose_name="resolution"),
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
                    "entry",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="deputies.pointentry",
                        verbose_name="entry",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical error report",
                "verbose_name_plural": "historical error reports",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMembership",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("began_on", congress_portal.bounds.EventDateField(verbose_name="began on")),
                (
                    "began_how",
                    models.CharField(
                        choices=[("election", "Election"), ("by_election", "By-election")],
                        default="election",
                        max_length=20,
                        verbose_name="began by",
                    ),
                ),
                (
                    "ended_on",
                    congress_portal.bounds.PlannedDateField(
                        blank=True, null=True, verbose_name="ended on"
                    ),
                ),
                (
                    "ended_how",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("term_end", "End of term"),
                            ("resignation", "Resignation"),
                            ("recall", "Recall"),
                            ("death", "Death"),
                            ("transfer", "Transfer"),
                        ],
                        max_length=20,
                        verbose_name="ended by",
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
                    "term",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="deputies.term",
                        verbose_name="term",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical membership",
                "verbose_name_plural": "historical memberships",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPointEntry",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("occurred_on", congress_portal.bounds.EventDateField(verbose_name="date")),
                ("points", models.SmallIntegerField(verbose_name="points")),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("claim", "Claimed by the deputy"),
                            ("staff", "Entered by staff"),
                            ("auto", "Recorded automatically"),
                        ],
                        max_length=10,
                        verbose_name="source",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Pending review"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                (
                    "description",
                    models.TextField(blank=True, max_length=5000, verbose_name="what was done"),
                ),
                (
                    "reject_reason",
                    models.TextField(
                        blank=True, max_length=1000, verbose_name="reason for rejection"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="entered at"),
                ),
                (
                    "reviewed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="reviewed at"),
                ),
                ("source_id", models.PositiveBigIntegerField(blank=True, null=True)),
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
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="entered by",
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
                    "reviewed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reviewed by",
                    ),
                ),
                (
                    "source_type",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
                (
                    "rule",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="deputies.pointrule",
                        verbose_name="rule",
                    ),
                ),
                (
                    "cap_reached",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        editable=False,
                        help_text="The rule's yearly cap, when it cut the points of this entry.",
                        null=True,
                        verbose_name="yearly cap reached",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical point entry",
                "verbose_name_plural": "historical point entries",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Membership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("began_on", congress_portal.bounds.EventDateField(verbose_name="began on")),
                (
                    "began_how",
                    models.CharField(
                        choices=[("election", "Election"), ("by_election", "By-election")],
                        default="election",
                        max_length=20,
                        verbose_name="began by",
                    ),
                ),
                (
                    "ended_on",
                    congress_portal.bounds.PlannedDateField(
                        blank=True, null=True, verbose_name="ended on"
                    ),
                ),
                (
                    "ended_how",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("term_end", "End of term"),
                            ("resignation", "Resignation"),
                            ("recall", "Recall"),
                            ("death", "Death"),
                            ("transfer", "Transfer"),
                        ],
                        max_length=20,
                        verbose_name="ended by",
                    ),
                ),
                (
                    "deputy",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="deputies.deputy",
                        verbose_name="deputy",
                    ),
                ),
                (
                    "term",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="memberships",
                        to="deputies.term",
                        verbose_name="term",
                    ),
                ),
            ],
            options={
                "verbose_name": "membership",
                "verbose_name_plural": "memberships",
                "ordering": ["term__level", "-began_on"],
            },
        ),
        migrations.CreateModel(
            name="ReminderLetter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("low_points", "Too few points this year"),
                            ("no_station_duty", "No station duty for months"),
                            ("congress_absence", "Absent from the congress session without leave"),
                        ],
                        max_length=20,
                        verbose_name="reason",
                    ),
                ),
                (
                    "detail",
                    models.CharField(
                        blank=True,
                        help_text="What the early warning found when the letter was issued.",
                        max_length=200,
                        verbose_name="finding",
                    ),
                ),
                (
                    "period",
                    models.CharField(
                        help_text="The quarter, e.g. 2026-Q3.",
                        max_length=7,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^(20\\d\\d)-Q([1-4])$", "Give the quarter as 2026-Q3."
                            ),
                            deputies.models.validate_period_year,
                        ],
                        verbose_name="period",
                    ),
                ),
                (
                    "year",
                    models.PositiveSmallIntegerField(editable=False, verbose_name="year of issue"),
                ),
                (
                    "sequence",
                    models.PositiveIntegerField(editable=False, verbose_name="sequence number"),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting to be rendered"),
                            ("rendered", "Rendered, waiting to be sent"),
                            ("sending", "Being sent"),
                            ("sent", "Emailed"),
                            ("portal", "In the portal only (no email address)"),
                            ("failed", "Failed"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                (
                    "pdf",
                    congress_portal.files.PrivateFileField(
                        blank=True,
                        editable=False,
                        max_length=255,
                        upload_to=congress_portal.files.PrivatePath("deputies/letters"),
                        verbose_name="PDF",
                    ),
                ),
                (
                    "rendered_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="rendered at"
                    ),
                ),
                (
                    "sending_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="sending since"
                    ),
                ),
                (
                    "emailed_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="emailed at"
                    ),
                ),
                (
                    "error",
                    models.TextField(
                        blank=True, editable=False, max_length=5000, verbose_name="delivery error"
                    ),
                ),
                (
                    "acknowledged_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="acknowledged at"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="issued at")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty: issued by the scheduled early warning.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="issued by",
                    ),
                ),
                (
                    "deputy",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reminder_letters",
                        to="deputies.deputy",
                        verbose_name="deputy",
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
                        help_text="The committee that issues the letter and numbers it.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reminder_letters",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "reminder letter",
                "verbose_name_plural": "reminder letters",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["street", "period"], name="deputies_re_street__79416d_idx"
                    ),
                    models.Index(fields=["state"], name="deputies_re_state_eb7c5e_idx"),
                    models.Index(fields=["reason"], name="deputies_re_reason_01a9a8_idx"),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("deputy", "reason", "period"),
                        name="reminder_once_per_reason_and_period",
                    ),
                    models.UniqueConstraint(
                        fields=("street", "year", "sequence"), name="reminder_number_unique"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalPointRule",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("code", models.SlugField(verbose_name="code")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("congress", "Congress session"),
                            ("inspection", "Inspection and research"),
                            ("station_duty", "Station duty"),
                            ("visits", "Receiving constituents"),
                            ("suggestion", "Suggestions"),
                            ("training", "Training"),
                            ("report_back", "Report-back"),
                            ("publicity", "Publicity"),
                            ("activity", "Other activities"),
                            ("discipline", "Discipline"),
                        ],
                        max_length=20,
                        verbose_name="category",
                    ),
                ),
                (
                    "points",
                    models.SmallIntegerField(
                        help_text="Negative for penalties.", verbose_name="points"
                    ),
                ),
                (
                    "yearly_cap",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Most points one deputy can earn from this rule in a year; empty: no cap.",
                        null=True,
                        verbose_name="yearly cap",
                    ),
                ),
                (
                    "needs_review",
                    models.BooleanField(
                        default=True,
                        help_text="Claims by deputies wait for staff approval before they count.",
                        verbose_name="needs review",
                    ),
                ),
                ("active", models.BooleanField(default=True, verbose_name="active")),
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
                    "claimable",
                    models.BooleanField(
                        default=False,
                        help_text="Deputies may claim (申报) points under this rule for duties the portal has no record of. Rules the portal awards by itself can never be claimed.",
                        verbose_name="deputies may claim",
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
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
            ],
            options={
                "verbose_name": "historical point rule",
                "verbose_name_plural": "historical point rules",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalWarningRules",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "min_points",
                    models.PositiveSmallIntegerField(
                        default=20,
                        help_text="Deputies with fewer approved points since 1 January are listed.",
                        verbose_name="minimum points so far this year",
                    ),
                ),
                (
                    "months_without_duty",
                    models.PositiveSmallIntegerField(
                        default=6,
                        help_text="Deputies with no approved station duty for this many months are listed.",
                        verbose_name="months without station duty",
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
                    "street",
                    models.ForeignKey(
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
            ],
            options={
                "verbose_name": "historical early-warning rules",
                "verbose_name_plural": "historical early-warning rules",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="WarningRules",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "min_points",
                    models.PositiveSmallIntegerField(
                        default=20,
                        help_text="Deputies with fewer approved points since 1 January are listed.",
                        verbose_name="minimum points so far this year",
                    ),
                ),
                (
                    "months_without_duty",
                    models.PositiveSmallIntegerField(
                        default=6,
                        help_text="Deputies with no approved station duty for this many months are listed.",
                        verbose_name="months without station duty",
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty: the district's thresholds. A street's own thresholds override them there.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "early-warning rules",
                "verbose_name_plural": "early-warning rules",
            },
        ),
        migrations.AddIndex(
            model_name="deputy",
            index=models.Index(fields=["street", "name"], name="deputies_de_street__a58df2_idx"),
        ),
        migrations.AddIndex(
            model_name="attendance",
            index=models.Index(fields=["deputy", "status"], name="deputies_at_deputy__24763f_idx"),
        ),
        migrations.AddConstraint(
            model_name="attendance",
            constraint=models.UniqueConstraint(
                fields=("activity", "deputy"), name="attendance_once"
            ),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["street", "held_on"], name="deputies_ac_street__bde494_idx"),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["kind"], name="deputies_ac_kind_7a31b5_idx"),
        ),
        migrations.AddIndex(
            model_name="entryflag",
            index=models.Index(fields=["resolved_at"], name="deputies_en_resolve_ad381a_idx"),
        ),
        migrations.AddIndex(
            model_name="pointentry",
            index=models.Index(
                fields=["deputy", "state", "occurred_on"], name="deputies_po_deputy__6897d1_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="pointentry",
            index=models.Index(
                fields=["state", "occurred_on"], name="deputies_po_state_fbe280_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="pointentry",
            index=models.Index(
                fields=["source_type", "source_id"], name="deputies_po_source__afe3ae_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="pointentry",
            constraint=models.UniqueConstraint(
                condition=models.Q(("source_type__isnull", False)),
                fields=("deputy", "rule", "source_type", "source_id"),
                name="entry_once_per_source",
            ),
        ),
        migrations.AddConstraint(
            model_name="pointentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("state", "rejected"), _negated=True),
                    models.Q(("reject_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="rejection_has_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="professionalgroup",
            constraint=models.UniqueConstraint(
                fields=("street", "name"), name="group_unique_per_street"
            ),
        ),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(
                fields=["ended_on", "deputy"], name="deputies_me_ended_o_985dae_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.UniqueConstraint(
                fields=("deputy", "term"), name="membership_once_per_term"
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("ended_how", ""), ("ended_on__isnull", True)),
                    models.Q(
                        ("ended_on__isnull", False), models.Q(("ended_how", ""), _negated=True)
                    ),
                    _connector="OR",
                ),
                name="membership_end_has_date_and_reason",
            ),
        ),
        migrations.AddIndex(
            model_name="thankyoubatch",
            index=models.Index(
                fields=["street", "created_at"], name="deputies_th_street__2a8a5f_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="thankyouletter",
            constraint=models.UniqueConstraint(
                fields=("batch", "deputy"), name="thanks_once_per_batch"
            ),
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
        migrations.RunPython(data_0002.add_default_rules, migrations.RunPython.noop),
        migrations.RunPython(data_0005.schedule, data_0005.unschedule),
        migrations.RunPython(data_0007.ship_claim_rules, migrations.RunPython.noop),
        migrations.RunPython(data_0007.mark_capped_entries, migrations.RunPython.noop),
    ]
