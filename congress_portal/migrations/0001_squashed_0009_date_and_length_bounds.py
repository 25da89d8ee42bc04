from importlib import import_module

import django.contrib.auth.models
import django.contrib.auth.validators
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import congress_portal.files
import congress_portal.roles

data_0002 = import_module("congress_portal.migrations.0002_role_groups")
data_0005 = import_module("congress_portal.migrations.0005_outbox_sweep_schedule")
data_0008 = import_module("congress_portal.migrations.0008_sheet_cleanup_schedule")


class Migration(migrations.Migration):
    replaces = [
        ("congress_portal", "0001_initial"),
        ("congress_portal", "0002_role_groups"),
        ("congress_portal", "0003_handling_units"),
        ("congress_portal", "0004_outboxjob"),
        ("congress_portal", "0005_outbox_sweep_schedule"),
        ("congress_portal", "0006_form_submissions"),
        ("congress_portal", "0007_sheet_jobs"),
        ("congress_portal", "0008_sheet_cleanup_schedule"),
        ("congress_portal", "0009_date_and_length_bounds"),
    ]

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("axes", "0010_accessattemptexpiration"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.CreateModel(
            name="Street",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=50, verbose_name="name")),
                ("district", models.CharField(max_length=50, verbose_name="district")),
            ],
            options={
                "verbose_name": "street",
                "verbose_name_plural": "streets",
                "ordering": ["district", "name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("district", "name"), name="street_unique_per_district"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="User",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("password", models.CharField(max_length=128, verbose_name="password")),
                (
                    "last_login",
                    models.DateTimeField(blank=True, null=True, verbose_name="last login"),
                ),
                (
                    "is_superuser",
                    models.BooleanField(
                        default=False,
                        help_text="Designates that this user has all permissions without explicitly assigning them.",
                        verbose_name="superuser status",
                    ),
                ),
                (
                    "username",
                    models.CharField(
                        error_messages={"unique": "A user with that username already exists."},
                        help_text="Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
                        max_length=150,
                        unique=True,
                        validators=[django.contrib.auth.validators.UnicodeUsernameValidator()],
                        verbose_name="username",
                    ),
                ),
                (
                    "first_name",
                    models.CharField(blank=True, max_length=150, verbose_name="first name"),
                ),
                (
                    "last_name",
                    models.CharField(blank=True, max_length=150, verbose_name="last name"),
                ),
                (
                    "email",
                    models.EmailField(blank=True, max_length=254, verbose_name="email address"),
                ),
                (
                    "is_staff",
                    models.BooleanField(
                        default=False,
                        help_text="Designates whether the user can log into this admin site.",
                        verbose_name="staff status",
                    ),
                ),
                (
                    "is_active",
                    models.BooleanField(
                        default=True,
                        help_text="Designates whether this user should be treated as active. Unselect this instead of deleting accounts.",
                        verbose_name="active",
                    ),
                ),
                (
                    "date_joined",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="date joined"
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=50, verbose_name="full name")),
                (
                    "groups",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The groups this user belongs to. A user will get all permissions granted to each of their groups.",
                        related_name="user_set",
                        related_query_name="user",
                        to="auth.group",
                        verbose_name="groups",
                    ),
                ),
                (
                    "user_permissions",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Specific permissions for this user.",
                        related_name="user_set",
                        related_query_name="user",
                        to="auth.permission",
                        verbose_name="user permissions",
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
                        blank=True,
                        help_text="Leave empty for district-level accounts, which see every street.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="users",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "user",
                "verbose_name_plural": "users",
                "abstract": False,
                "swappable": "AUTH_USER_MODEL",
            },
            managers=[
                ("objects", django.contrib.auth.models.UserManager()),
            ],
        ),
        migrations.CreateModel(
            name="Community",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=50, verbose_name="name")),
                (
                    "street",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="communities",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "community",
                "verbose_name_plural": "communities",
                "ordering": ["street", "name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("street", "name"), name="community_unique_per_street"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HandlingUnit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("department", "Government department"),
                            ("street_office", "Street office"),
                            ("residents_committee", "Residents' committee"),
                            ("enterprise", "Enterprise or institution"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "contact_person",
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
                ("active", models.BooleanField(default=True, verbose_name="active")),
                (
                    "street",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for district departments, which serve every street.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="handling_units",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "handling unit",
                "verbose_name_plural": "handling units",
                "ordering": ["kind", "name"],
            },
        ),
        migrations.CreateModel(
            name="Submission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.UUIDField(verbose_name="token")),
                ("result_url", models.CharField(blank=True, max_length=500, verbose_name="result")),
                (
                    "created_at",
                    models.DateTimeField(
                        auto_now_add=True, db_index=True, verbose_name="created at"
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "form submission",
                "verbose_name_plural": "form submissions",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "token"), name="submission_once_per_token"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="OutboxJob",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("task", models.CharField(max_length=200, verbose_name="task")),
                ("args", models.JSONField(blank=True, default=list, verbose_name="arguments")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent at")),
                ("attempts", models.PositiveIntegerField(default=0, verbose_name="attempts")),
                (
                    "last_error",
                    models.TextField(blank=True, max_length=5000, verbose_name="last error"),
                ),
            ],
            options={
                "verbose_name": "background job",
                "verbose_name_plural": "background jobs",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(
                        condition=models.Q(("sent_at__isnull", True)),
                        fields=["created_at"],
                        name="outbox_unsent_idx",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SheetJob",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=50, verbose_name="kind")),
                ("filters", models.JSONField(blank=True, default=dict, verbose_name="filters")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("running", "Running"),
                            ("checked", "Checked, waiting for confirmation"),
                            ("ready", "Done"),
                            ("failed", "Failed"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                ("error", models.TextField(blank=True, max_length=5000, verbose_name="error")),
                (
                    "row_errors",
                    models.JSONField(blank=True, default=list, verbose_name="row errors"),
                ),
                ("tally", models.JSONField(blank=True, default=dict, verbose_name="counts")),
                ("summary", models.CharField(blank=True, max_length=200, verbose_name="summary")),
                ("rows_done", models.PositiveIntegerField(default=0, verbose_name="rows done")),
                (
                    "rows_total",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="rows in all"),
                ),
                (
                    "file",
                    congress_portal.files.PrivateFileField(
                        blank=True,
                        max_length=255,
                        upload_to=congress_portal.files.PrivatePath("sheets"),
                        verbose_name="file",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "started_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="started at"),
                ),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="finished at"),
                ),
                (
                    "confirmed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="import confirmed at"),
                ),
                ("expires_at", models.DateTimeField(verbose_name="removed after")),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sheet_jobs",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="requested by",
                    ),
                ),
            ],
            options={
                "verbose_name": "import or export",
                "verbose_name_plural": "imports and exports",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(fields=["user", "-created_at"], name="sheetjob_user_idx"),
                    models.Index(fields=["expires_at"], name="sheetjob_expiry_idx"),
                ],
            },
        ),
        migrations.RunPython(congress_portal.roles.sync_role_groups, migrations.RunPython.noop),
        migrations.RunPython(data_0005.schedule_sweep, data_0005.unschedule_sweep),
        migrations.RunPython(data_0008.schedule, data_0008.unschedule),
    ]
