from importlib import import_module

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import congress_portal.bounds
import congress_portal.files

data_0004 = import_module("reports.migrations.0004_supervision_digest_schedule")


class Migration(migrations.Migration):
    replaces = [
        ("reports", "0001_initial"),
        ("reports", "0002_annual_reports"),
        ("reports", "0003_archive_pdfs_and_digests"),
        ("reports", "0004_supervision_digest_schedule"),
        ("reports", "0005_district_report_once_a_year"),
        ("reports", "0006_private_file_paths"),
        ("reports", "0007_date_and_length_bounds"),
    ]

    initial = True

    dependencies = [
        ("congress_portal", "0005_outbox_sweep_schedule"),
        ("deputies", "0003_warning_rules"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AnnualReport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("figures", models.JSONField(default=dict, editable=False, verbose_name="figures")),
                (
                    "figures_as_of",
                    models.DateTimeField(editable=False, null=True, verbose_name="figures as of"),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("draft", "Not generated yet"),
                            ("queued", "Queued"),
                            ("rendering", "Rendering"),
                            ("ready", "Ready"),
                            ("failed", "Failed"),
                        ],
                        default="draft",
                        editable=False,
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                (
                    "error",
                    models.TextField(
                        blank=True, editable=False, max_length=5000, verbose_name="error"
                    ),
                ),
                (
                    "pdf",
                    congress_portal.files.PrivateFileField(
                        blank=True,
                        editable=False,
                        max_length=255,
                        upload_to=congress_portal.files.PrivatePath("reports/annual"),
                        verbose_name="PDF",
                    ),
                ),
                (
                    "rendered_at",
                    models.DateTimeField(editable=False, null=True, verbose_name="rendered at"),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        editable=False,
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
                        help_text="Empty for the whole district.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="annual_reports",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "annual work summary",
                "verbose_name_plural": "annual work summaries",
                "ordering": ["-year", "street"],
            },
        ),
        migrations.CreateModel(
            name="ReportDownload",
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
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="downloads",
                        to="reports.annualreport",
                        verbose_name="report",
                    ),
                ),
            ],
            options={
                "verbose_name": "report download",
                "verbose_name_plural": "report downloads",
                "ordering": ["-at"],
            },
        ),
        migrations.CreateModel(
            name="ArchivePDF",
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
                    "error",
                    models.TextField(
                        blank=True, editable=False, max_length=5000, verbose_name="error"
                    ),
                ),
                (
                    "pdf",
                    congress_portal.files.PrivateFileField(
                        blank=True,
                        editable=False,
                        max_length=255,
                        upload_to=congress_portal.files.PrivatePath("reports/archives"),
                        verbose_name="PDF",
                    ),
                ),
                (
                    "requested_at",
                    models.DateTimeField(editable=False, null=True, verbose_name="requested at"),
                ),
                (
                    "rendered_at",
                    models.DateTimeField(editable=False, null=True, verbose_name="rendered at"),
                ),
                (
                    "deputy",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="archive_pdfs",
                        to="deputies.deputy",
                        verbose_name="deputy",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="requested by",
                    ),
                ),
            ],
            options={
                "verbose_name": "performance archive PDF",
                "verbose_name_plural": "performance archive PDFs",
                "ordering": ["-year", "deputy"],
            },
        ),
        migrations.CreateModel(
            name="ArchiveDownload",
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
                    "archive",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="downloads",
                        to="reports.archivepdf",
                        verbose_name="archive PDF",
                    ),
                ),
            ],
            options={
                "verbose_name": "archive PDF download",
                "verbose_name_plural": "archive PDF downloads",
                "ordering": ["-at"],
            },
        ),
        migrations.CreateModel(
            name="DigestDelivery",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", congress_portal.bounds.EventDateField(verbose_name="day")),
                ("items", models.PositiveIntegerField(default=0, verbose_name="items")),
                ("sent_at", models.DateTimeField(auto_now_add=True, verbose_name="sent at")),
                (
                    "recipient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recipient",
                    ),
                ),
            ],
            options={
                "verbose_name": "supervision digest sent",
                "verbose_name_plural": "supervision digests sent",
                "ordering": ["-day", "recipient"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAnnualReport",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "figures_as_of",
                    models.DateTimeField(editable=False, null=True, verbose_name="figures as of"),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("draft", "Not generated yet"),
                            ("queued", "Queued"),
                            ("rendering", "Rendering"),
                            ("ready", "Ready"),
                            ("failed", "Failed"),
                        ],
                        default="draft",
                        editable=False,
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                (
                    "error",
                    models.TextField(
                        blank=True, editable=False, max_length=5000, verbose_name="error"
                    ),
                ),
                (
                    "pdf",
                    models.TextField(
                        blank=True, editable=False, max_length=255, verbose_name="PDF"
                    ),
                ),
                (
                    "rendered_at",
                    models.DateTimeField(editable=False, null=True, verbose_name="rendered at"),
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
                        editable=False,
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
                    "street",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Empty for the whole district.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical annual work summary",
                "verbose_name_plural": "historical annual work summaries",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPublicity",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("outlet", models.CharField(max_length=100, verbose_name="outlet")),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("national", "National"),
                            ("provincial", "Provincial"),
                            ("city", "City"),
                            ("district", "District"),
                        ],
                        max_length=12,
                        verbose_name="outlet level",
                    ),
                ),
                (
                    "published_on",
                    congress_portal.bounds.EventDateField(verbose_name="published on"),
                ),
                ("link", models.URLField(blank=True, verbose_name="link")),
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
                "verbose_name": "historical publicity record",
                "verbose_name_plural": "historical publicity records",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalReportSection",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "part",
                    models.CharField(
                        choices=[
                            ("work", "Main work and highlights"),
                            ("shortcomings", "Shortcomings"),
                            ("plan", "Next year's plan"),
                        ],
                        max_length=12,
                        verbose_name="part",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(verbose_name="order")),
                ("heading", models.CharField(max_length=100, verbose_name="heading")),
                (
                    "topic",
                    models.CharField(
                        blank=True, editable=False, max_length=20, verbose_name="figures quoted"
                    ),
                ),
                (
                    "narrative",
                    models.TextField(blank=True, max_length=20000, verbose_name="narrative"),
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
                    "report",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="reports.annualreport",
                        verbose_name="report",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical report section",
                "verbose_name_plural": "historical report sections",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Publicity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("outlet", models.CharField(max_length=100, verbose_name="outlet")),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("national", "National"),
                            ("provincial", "Provincial"),
                            ("city", "City"),
                            ("district", "District"),
                        ],
                        max_length=12,
                        verbose_name="outlet level",
                    ),
                ),
                (
                    "published_on",
                    congress_portal.bounds.EventDateField(verbose_name="published on"),
                ),
                ("link", models.URLField(blank=True, verbose_name="link")),
                (
                    "deputies",
                    models.ManyToManyField(
                        blank=True,
                        related_name="publicity",
                        to="deputies.deputy",
                        verbose_name="deputies featured",
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="publicity",
                        to="congress_portal.street",
                        verbose_name="street",
                    ),
                ),
            ],
            options={
                "verbose_name": "publicity record",
                "verbose_name_plural": "publicity records",
                "ordering": ["-published_on", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["street", "published_on"], name="reports_pub_street__4dda3f_idx"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ReportSection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "part",
                    models.CharField(
                        choices=[
                            ("work", "Main work and highlights"),
                            ("shortcomings", "Shortcomings"),
                            ("plan", "Next year's plan"),
                        ],
                        max_length=12,
                        verbose_name="part",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(verbose_name="order")),
                ("heading", models.CharField(max_length=100, verbose_name="heading")),
                (
                    "topic",
                    models.CharField(
                        blank=True, editable=False, max_length=20, verbose_name="figures quoted"
                    ),
                ),
                (
                    "narrative",
                    models.TextField(blank=True, max_length=20000, verbose_name="narrative"),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sections",
                        to="reports.annualreport",
                        verbose_name="report",
                    ),
                ),
            ],
            options={
                "verbose_name": "report section",
                "verbose_name_plural": "report sections",
                "ordering": ["report", "order"],
            },
        ),
        migrations.AddConstraint(
            model_name="annualreport",
            constraint=models.UniqueConstraint(
                fields=("street", "year"),
                name="annual_report_once_per_street_and_year",
                nulls_distinct=False,
            ),
        ),
        migrations.AddConstraint(
            model_name="archivepdf",
            constraint=models.UniqueConstraint(
                fields=("deputy", "year"), name="archive_pdf_once_per_year"
            ),
        ),
        migrations.AddIndex(
            model_name="digestdelivery",
            index=models.Index(fields=["day"], name="reports_dig_day_4d3ea7_idx"),
        ),
        migrations.AddConstraint(
            model_name="digestdelivery",
            constraint=models.UniqueConstraint(
                fields=("recipient", "day"), name="digest_once_per_day"
            ),
        ),
        migrations.RemoveConstraint(
            model_name="annualreport",
            name="annual_report_once_per_street_and_year",
        ),
        migrations.AddConstraint(
            model_name="annualreport",
            constraint=models.UniqueConstraint(
                fields=("street", "year"), name="annual_report_once_per_street_and_year"
            ),
        ),
        migrations.AddConstraint(
            model_name="annualreport",
            constraint=models.UniqueConstraint(
                condition=models.Q(("street", None)),
                fields=("year",),
                name="annual_report_once_per_district_year",
            ),
        ),
        migrations.RunPython(data_0004.schedule_digest, data_0004.unschedule_digest),
    ]
