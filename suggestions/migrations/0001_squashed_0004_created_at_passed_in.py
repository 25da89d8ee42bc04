import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import congress_portal.bounds
import congress_portal.files
import congress_portal.uploads


class Migration(migrations.Migration):
    replaces = [
        ("suggestions", "0001_initial"),
        ("suggestions", "0002_private_file_paths"),
        ("suggestions", "0003_date_and_length_bounds"),
        ("suggestions", "0004_created_at_passed_in"),
    ]

    initial = True

    dependencies = [
        ("congress_portal", "0003_handling_units"),
        ("deputies", "0003_warning_rules"),
        ("liaison_stations", "0006_visit_station_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CongressSession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveSmallIntegerField(verbose_name="session number")),
                ("opens_on", congress_portal.bounds.PlannedDateField(verbose_name="opens on")),
                ("closes_on", congress_portal.bounds.PlannedDateField(verbose_name="closes on")),
                (
                    "term",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sessions",
                        to="deputies.term",
                        verbose_name="term",
                    ),
                ),
            ],
            options={
                "verbose_name": "congress session",
                "verbose_name_plural": "congress sessions",
                "ordering": ["-opens_on"],
            },
        ),
        migrations.CreateModel(
            name="CoSignature",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("invited", "Awaiting confirmation"),
                            ("confirmed", "Confirmed"),
                            ("declined", "Declined"),
                        ],
                        default="invited",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                (
                    "answered_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="answered at"),
                ),
                (
                    "deputy",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="cosignatures",
                        to="deputies.deputy",
                        verbose_name="deputy",
                    ),
                ),
            ],
            options={
                "verbose_name": "co-signature",
                "verbose_name_plural": "co-signatures",
                "ordering": ["pk"],
            },
        ),
        migrations.CreateModel(
            name="Suggestion",
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
                            ("during", "Suggestion during the session"),
                            ("between", "Suggestion between sessions"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                (
                    "number",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="number"),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("urban", "Urban construction and traffic"),
                            ("economy", "Economic development"),
                            ("social", "Education, culture and health"),
                            ("livelihood", "Livelihood and social security"),
                            ("environment", "Ecology and environment"),
                            ("governance", "Social governance"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="category",
                    ),
                ),
                ("reasons", models.TextField(max_length=20000, verbose_name="reasons (案由)")),
                ("proposals", models.TextField(max_length=20000, verbose_name="proposals")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Awaiting review"),
                            ("returned", "Returned for revision"),
                            ("accepted", "Accepted, awaiting assignment"),
                            ("opinion", "Converted to an opinion"),
                            ("assigned", "Being handled"),
                            ("answered", "Answered, awaiting evaluation"),
                            ("rehandling", "Being handled again"),
                            ("follow_up", "In follow-up"),
                            ("closed", "Closed"),
                        ],
                        default="draft",
                        max_length=12,
                        verbose_name="state",
                    ),
                ),
                (
                    "review_comment",
                    models.TextField(blank=True, max_length=5000, verbose_name="review comments"),
                ),
                (
                    "opinion_reason",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        verbose_name="reason for converting to an opinion",
                    ),
                ),
                (
                    "submitted_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="submitted on"
                    ),
                ),
                (
                    "accepted_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="accepted on"
                    ),
                ),
                (
                    "assigned_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="assigned on"
                    ),
                ),
                (
                    "deadline",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="answer deadline"
                    ),
                ),
                (
                    "extension_months",
                    models.PositiveSmallIntegerField(default=0, verbose_name="extended by months"),
                ),
                (
                    "extension_reason",
                    models.TextField(
                        blank=True, max_length=1000, verbose_name="reason for the extension"
                    ),
                ),
                (
                    "first_answered_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="first answered on"
                    ),
                ),
                (
                    "answered_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="answered on"
                    ),
                ),
                (
                    "answer_class",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("A", "A: solved or mostly solved"),
                            ("B", "B: being solved or in plan"),
                            ("C", "C: to be solved when conditions allow"),
                            ("D", "D: kept for reference or explained"),
                        ],
                        max_length=1,
                        verbose_name="answer class",
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
                        max_length=12,
                        verbose_name="evaluation",
                    ),
                ),
                (
                    "first_evaluation",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("satisfied", "Satisfied"),
                            ("basically", "Basically satisfied"),
                            ("unsatisfied", "Unsatisfied"),
                        ],
                        max_length=12,
                        verbose_name="first-time evaluation",
                    ),
                ),
                (
                    "times_rehandled",
                    models.PositiveSmallIntegerField(default=0, verbose_name="times handled again"),
                ),
                (
                    "solved_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="solved on"
                    ),
                ),
                (
                    "closed_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="closed on"
                    ),
                ),
                (
                    "key_supervisor",
                    models.CharField(
                        blank=True,
                        help_text="The leader who supervises this key suggestion (重点督办).",
                        max_length=100,
                        verbose_name="key supervision by",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="created at"
                    ),
                ),
                (
                    "cosigners",
                    models.ManyToManyField(
                        related_name="suggestions_cosigned",
                        through="suggestions.CoSignature",
                        to="deputies.deputy",
                        verbose_name="co-signers",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "lead",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="suggestions_led",
                        to="deputies.deputy",
                        verbose_name="lead deputy",
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="suggestions",
                        to="suggestions.congresssession",
                        verbose_name="session",
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="suggestions",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
                (
                    "visits",
                    models.ManyToManyField(
                        blank=True,
                        related_name="suggestions",
                        to="liaison_stations.visit",
                        verbose_name="from constituent visits",
                    ),
                ),
            ],
            options={
                "verbose_name": "suggestion",
                "verbose_name_plural": "suggestions",
                "ordering": ["-session__opens_on", "number", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalCoSignature",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("invited", "Awaiting confirmation"),
                            ("confirmed", "Confirmed"),
                            ("declined", "Declined"),
                        ],
                        default="invited",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                (
                    "answered_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="answered at"),
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
                    "suggestion",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="suggestions.suggestion",
                        verbose_name="suggestion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical co-signature",
                "verbose_name_plural": "historical co-signatures",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="cosignature",
            name="suggestion",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="cosignatures",
                to="suggestions.suggestion",
                verbose_name="suggestion",
            ),
        ),
        migrations.CreateModel(
            name="Attachment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "file",
                    congress_portal.files.PrivateFileField(
                        max_length=255,
                        upload_to=congress_portal.files.PrivatePath("suggestions/attachments"),
                        validators=[congress_portal.uploads.validate_document],
                        verbose_name="file",
                    ),
                ),
                (
                    "uploaded_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="uploaded at"),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="uploaded by",
                    ),
                ),
                (
                    "suggestion",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attachments",
                        to="suggestions.suggestion",
                        verbose_name="suggestion",
                    ),
                ),
            ],
            options={
                "verbose_name": "attachment",
                "verbose_name_plural": "attachments",
                "ordering": ["pk"],
            },
        ),
        migrations.CreateModel(
            name="Answer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("round", models.PositiveSmallIntegerField(verbose_name="round")),
                ("text", models.TextField(max_length=20000, verbose_name="answer")),
                (
                    "answer_class",
                    models.CharField(
                        choices=[
                            ("A", "A: solved or mostly solved"),
                            ("B", "B: being solved or in plan"),
                            ("C", "C: to be solved when conditions allow"),
                            ("D", "D: kept for reference or explained"),
                        ],
                        max_length=1,
                        verbose_name="answer class",
                    ),
                ),
                ("answered_on", congress_portal.bounds.EventDateField(verbose_name="answered on")),
                (
                    "attachment",
                    congress_portal.files.PrivateFileField(
                        blank=True,
                        max_length=255,
                        upload_to=congress_portal.files.PrivatePath("suggestions/answers"),
                        validators=[congress_portal.uploads.validate_document],
                        verbose_name="attachment",
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
                        max_length=12,
                        verbose_name="evaluation",
                    ),
                ),
                (
                    "evaluation_comment",
                    models.TextField(blank=True, max_length=5000, verbose_name="deputy's comments"),
                ),
                (
                    "evaluated_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="evaluated on"
                    ),
                ),
                (
                    "suggestion",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="answers",
                        to="suggestions.suggestion",
                        verbose_name="suggestion",
                    ),
                ),
            ],
            options={
                "verbose_name": "answer",
                "verbose_name_plural": "answers",
                "ordering": ["round"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAnswer",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("round", models.PositiveSmallIntegerField(verbose_name="round")),
                ("text", models.TextField(max_length=20000, verbose_name="answer")),
                (
                    "answer_class",
                    models.CharField(
                        choices=[
                            ("A", "A: solved or mostly solved"),
                            ("B", "B: being solved or in plan"),
                            ("C", "C: to be solved when conditions allow"),
                            ("D", "D: kept for reference or explained"),
                        ],
                        max_length=1,
                        verbose_name="answer class",
                    ),
                ),
                ("answered_on", congress_portal.bounds.EventDateField(verbose_name="answered on")),
                (
                    "attachment",
                    models.TextField(
                        blank=True,
                        max_length=255,
                        validators=[congress_portal.uploads.validate_document],
                        verbose_name="attachment",
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
                        max_length=12,
                        verbose_name="evaluation",
                    ),
                ),
                (
                    "evaluation_comment",
                    models.TextField(blank=True, max_length=5000, verbose_name="deputy's comments"),
                ),
                (
                    "evaluated_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="evaluated on"
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
                    "suggestion",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="suggestions.suggestion",
                        verbose_name="suggestion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical answer",
                "verbose_name_plural": "historical answers",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSuggestion",
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
                            ("during", "Suggestion during the session"),
                            ("between", "Suggestion between sessions"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                (
                    "number",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="number"),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("urban", "Urban construction and traffic"),
                            ("economy", "Economic development"),
                            ("social", "Education, culture and health"),
                            ("livelihood", "Livelihood and social security"),
                            ("environment", "Ecology and environment"),
                            ("governance", "Social governance"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="category",
                    ),
                ),
                ("reasons", models.TextField(max_length=20000, verbose_name="reasons (案由)")),
                ("proposals", models.TextField(max_length=20000, verbose_name="proposals")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Awaiting review"),
                            ("returned", "Returned for revision"),
                            ("accepted", "Accepted, awaiting assignment"),
                            ("opinion", "Converted to an opinion"),
                            ("assigned", "Being handled"),
                            ("answered", "Answered, awaiting evaluation"),
                            ("rehandling", "Being handled again"),
                            ("follow_up", "In follow-up"),
                            ("closed", "Closed"),
                        ],
                        default="draft",
                        max_length=12,
                        verbose_name="state",
                    ),
                ),
                (
                    "review_comment",
                    models.TextField(blank=True, max_length=5000, verbose_name="review comments"),
                ),
                (
                    "opinion_reason",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        verbose_name="reason for converting to an opinion",
                    ),
                ),
                (
                    "submitted_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="submitted on"
                    ),
                ),
                (
                    "accepted_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="accepted on"
                    ),
                ),
                (
                    "assigned_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="assigned on"
                    ),
                ),
                (
                    "deadline",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="answer deadline"
                    ),
                ),
                (
                    "extension_months",
                    models.PositiveSmallIntegerField(default=0, verbose_name="extended by months"),
                ),
                (
                    "extension_reason",
                    models.TextField(
                        blank=True, max_length=1000, verbose_name="reason for the extension"
                    ),
                ),
                (
                    "first_answered_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="first answered on"
                    ),
                ),
                (
                    "answered_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="answered on"
                    ),
                ),
                (
                    "answer_class",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("A", "A: solved or mostly solved"),
                            ("B", "B: being solved or in plan"),
                            ("C", "C: to be solved when conditions allow"),
                            ("D", "D: kept for reference or explained"),
                        ],
                        max_length=1,
                        verbose_name="answer class",
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
                        max_length=12,
                        verbose_name="evaluation",
                    ),
                ),
                (
                    "first_evaluation",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("satisfied", "Satisfied"),
                            ("basically", "Basically satisfied"),
                            ("unsatisfied", "Unsatisfied"),
                        ],
                        max_length=12,
                        verbose_name="first-time evaluation",
                    ),
                ),
                (
                    "times_rehandled",
                    models.PositiveSmallIntegerField(default=0, verbose_name="times handled again"),
                ),
                (
                    "solved_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="solved on"
                    ),
                ),
                (
                    "closed_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="closed on"
                    ),
                ),
                (
                    "key_supervisor",
                    models.CharField(
                        blank=True,
                        help_text="The leader who supervises this key suggestion (重点督办).",
                        max_length=100,
                        verbose_name="key supervision by",
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
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
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
                    "lead",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="deputies.deputy",
                        verbose_name="lead deputy",
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
                        to="suggestions.congresssession",
                        verbose_name="session",
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
                "verbose_name": "historical suggestion",
                "verbose_name_plural": "historical suggestions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSupervision",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "method",
                    models.CharField(
                        choices=[
                            ("written", "Written notice"),
                            ("on_site", "On site"),
                            ("meeting", "Meeting"),
                        ],
                        max_length=10,
                        verbose_name="method",
                    ),
                ),
                ("supervised_by", models.CharField(max_length=100, verbose_name="supervised by")),
                ("on", congress_portal.bounds.EventDateField(verbose_name="date")),
                ("note", models.TextField(blank=True, max_length=1000, verbose_name="note")),
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
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
                (
                    "suggestion",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="suggestions.suggestion",
                        verbose_name="suggestion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical suggestion supervision",
                "verbose_name_plural": "historical suggestion supervisions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalUnitAssignment",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[("lead", "Lead unit"), ("co", "Co-handling unit")],
                        max_length=4,
                        verbose_name="role",
                    ),
                ),
                (
                    "person_responsible",
                    models.CharField(blank=True, max_length=50, verbose_name="person responsible"),
                ),
                ("contact", models.CharField(blank=True, max_length=50, verbose_name="contact")),
                ("assigned_on", congress_portal.bounds.EventDateField(verbose_name="assigned on")),
                (
                    "view_due",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="view due"
                    ),
                ),
                (
                    "view",
                    models.TextField(
                        blank=True, max_length=5000, verbose_name="view sent to the lead unit"
                    ),
                ),
                (
                    "view_filed_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="view sent on"
                    ),
                ),
                (
                    "returned_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="returned on"
                    ),
                ),
                (
                    "return_reason",
                    models.TextField(
                        blank=True, max_length=1000, verbose_name="reason for returning"
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
                    "unit",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="congress_portal.handlingunit",
                        verbose_name="unit",
                    ),
                ),
                (
                    "suggestion",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="suggestions.suggestion",
                        verbose_name="suggestion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical unit assignment",
                "verbose_name_plural": "historical unit assignments",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Step",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=30, verbose_name="step")),
                (
                    "from_state",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Awaiting review"),
                            ("returned", "Returned for revision"),
                            ("accepted", "Accepted, awaiting assignment"),
                            ("opinion", "Converted to an opinion"),
                            ("assigned", "Being handled"),
                            ("answered", "Answered, awaiting evaluation"),
                            ("rehandling", "Being handled again"),
                            ("follow_up", "In follow-up"),
                            ("closed", "Closed"),
                        ],
                        max_length=12,
                        verbose_name="from",
                    ),
                ),
                (
                    "to_state",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Awaiting review"),
                            ("returned", "Returned for revision"),
                            ("accepted", "Accepted, awaiting assignment"),
                            ("opinion", "Converted to an opinion"),
                            ("assigned", "Being handled"),
                            ("answered", "Answered, awaiting evaluation"),
                            ("rehandling", "Being handled again"),
                            ("follow_up", "In follow-up"),
                            ("closed", "Closed"),
                        ],
                        max_length=12,
                        verbose_name="to",
                    ),
                ),
                ("comment", models.TextField(blank=True, max_length=20000, verbose_name="comment")),
                ("at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="at")),
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
                    "suggestion",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="steps",
                        to="suggestions.suggestion",
                        verbose_name="suggestion",
                    ),
                ),
            ],
            options={
                "verbose_name": "suggestion step",
                "verbose_name_plural": "suggestion steps",
                "ordering": ["at", "pk"],
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
                            ("written", "Written notice"),
                            ("on_site", "On site"),
                            ("meeting", "Meeting"),
                        ],
                        max_length=10,
                        verbose_name="method",
                    ),
                ),
                ("supervised_by", models.CharField(max_length=100, verbose_name="supervised by")),
                ("on", congress_portal.bounds.EventDateField(verbose_name="date")),
                ("note", models.TextField(blank=True, max_length=1000, verbose_name="note")),
                (
                    "recorded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
                (
                    "suggestion",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="supervisions",
                        to="suggestions.suggestion",
                        verbose_name="suggestion",
                    ),
                ),
            ],
            options={
                "verbose_name": "suggestion supervision",
                "verbose_name_plural": "suggestion supervisions",
                "ordering": ["-on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="UnitAssignment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[("lead", "Lead unit"), ("co", "Co-handling unit")],
                        max_length=4,
                        verbose_name="role",
                    ),
                ),
                (
                    "person_responsible",
                    models.CharField(blank=True, max_length=50, verbose_name="person responsible"),
                ),
                ("contact", models.CharField(blank=True, max_length=50, verbose_name="contact")),
                ("assigned_on", congress_portal.bounds.EventDateField(verbose_name="assigned on")),
                (
                    "view_due",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="view due"
                    ),
                ),
                (
                    "view",
                    models.TextField(
                        blank=True, max_length=5000, verbose_name="view sent to the lead unit"
                    ),
                ),
                (
                    "view_filed_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="view sent on"
                    ),
                ),
                (
                    "returned_on",
                    congress_portal.bounds.EventDateField(
                        blank=True, null=True, verbose_name="returned on"
                    ),
                ),
                (
                    "return_reason",
                    models.TextField(
                        blank=True, max_length=1000, verbose_name="reason for returning"
                    ),
                ),
                (
                    "suggestion",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assignments",
                        to="suggestions.suggestion",
                        verbose_name="suggestion",
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="suggestion_assignments",
                        to="congress_portal.handlingunit",
                        verbose_name="unit",
                    ),
                ),
            ],
            options={
                "verbose_name": "unit assignment",
                "verbose_name_plural": "unit assignments",
                "ordering": ["-role", "pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="congresssession",
            constraint=models.UniqueConstraint(
                fields=("term", "number"), name="session_unique_per_term"
            ),
        ),
        migrations.AddIndex(
            model_name="suggestion",
            index=models.Index(
                fields=["street", "session", "number"], name="suggestions_street__d50dca_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="suggestion",
            index=models.Index(
                fields=["street", "state", "deadline"], name="suggestions_street__4858cf_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="suggestion",
            index=models.Index(fields=["street", "kind"], name="suggestions_street__592b62_idx"),
        ),
        migrations.AddIndex(
            model_name="suggestion",
            index=models.Index(
                fields=["street", "answer_class"], name="suggestions_street__048208_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="suggestion",
            index=models.Index(
                fields=["street", "evaluation"], name="suggestions_street__49f72b_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="suggestion",
            index=models.Index(fields=["state", "deadline"], name="suggestions_state_281e9d_idx"),
        ),
        migrations.AddConstraint(
            model_name="suggestion",
            constraint=models.UniqueConstraint(
                fields=("session", "number"), name="suggestion_number_unique_per_session"
            ),
        ),
        migrations.AddConstraint(
            model_name="cosignature",
            constraint=models.UniqueConstraint(
                fields=("suggestion", "deputy"), name="cosignature_once_per_deputy"
            ),
        ),
        migrations.AddConstraint(
            model_name="answer",
            constraint=models.UniqueConstraint(
                fields=("suggestion", "round"), name="answer_round_unique"
            ),
        ),
        migrations.AddIndex(
            model_name="unitassignment",
            index=models.Index(fields=["unit", "role"], name="suggestions_unit_id_74beb3_idx"),
        ),
        migrations.AddConstraint(
            model_name="unitassignment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("returned_on", None)),
                fields=("suggestion", "unit"),
                name="unit_assigned_once_per_suggestion",
            ),
        ),
        migrations.AddConstraint(
            model_name="unitassignment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("returned_on", None), ("role", "lead")),
                fields=("suggestion",),
                name="one_lead_unit_per_suggestion",
            ),
        ),
    ]
