from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress_portal import bounds
from congress_portal.audit import History, ViewLog
from congress_portal.documents import RenderedDocument
from congress_portal.files import PrivateFileField, PrivatePath
from congress_portal.models import Street
from congress_portal.scoping import StreetQuerySet
from deputies.models import Deputy, Level


class Publicity(models.Model):
    """A report on the committee's or its deputies' work in the media (宣传报道)."""

    street_path = "street"

    Level = Level  # an outlet's, as a congress's

    street = models.ForeignKey(
        Street, models.PROTECT, related_name="publicity", verbose_name=_("street")
    )
    title = models.CharField(_("title"), max_length=200)
    outlet = models.CharField(_("outlet"), max_length=100)
    level = models.CharField(_("outlet level"), max_length=12, choices=Level.choices)
    published_on = bounds.EventDateField(_("published on"))
    link = models.URLField(_("link"), blank=True)
    deputies = models.ManyToManyField(
        Deputy, blank=True, related_name="publicity", verbose_name=_("deputies featured")
    )
    history = History()

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("publicity record")
        verbose_name_plural = _("publicity records")
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["street", "published_on"])]

    def __str__(self):
        return f"{self.published_on} {self.outlet}《{self.title}》"


class WorkRecord(models.Model):
    """A fact of the committee's year that no other record holds, for the annual report:
    a delegation from another congress received (考察团), a commendation from a higher
    body, a rule of the committee's own (制度建设), a training of its own staff."""

    street_path = "street"

    class Kind(models.TextChoices):
        DELEGATION = "delegation", _("Delegation received")
        COMMENDATION = "commendation", _("Commendation")
        RULE = "rule", _("Rule of the committee")
        STAFF_TRAINING = "staff_training", _("Training of the committee's staff")

    street = models.ForeignKey(
        Street, models.PROTECT, related_name="work_records", verbose_name=_("street")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    happened_on = bounds.EventDateField(_("date"))
    title = models.CharField(
        _("as the report names it"),
        max_length=200,
        help_text=_(
            "The visiting body (湖北省人大常委会), what was commended and by whom, the rule's "
            "name (工委议事规则), or the course (全市街道人大干部培训班)."
        ),
    )
    station = models.ForeignKey(
        "liaison_stations.Station",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_records",
        verbose_name=_("station"),
        help_text=_("The station a delegation visited."),
    )
    history = History()

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("work record")
        verbose_name_plural = _("work records")
        ordering = ["-happened_on", "-pk"]
        indexes = [models.Index(fields=["street", "happened_on"])]

    def __str__(self):
        return f"{self.happened_on} {self.get_kind_display()}：{self.title}"

    def clean(self):
        if self.station and self.street_id and self.station.street_id != self.street_id:
            raise ValidationError({"station": _("The station is in another street.")})


class AnnualReport(RenderedDocument):
    """A street's (or the district's) annual work summary and plan (年度工作总结及工作计划):
    the year's figures frozen when it is created, the narrative staff write, and the PDF."""

    street_path = "street"
    render_task = "reports.tasks.render_annual_report"

    class State(models.TextChoices):
        DRAFT = "draft", _("Not generated yet")
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    street = models.ForeignKey(
        Street,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="annual_reports",
        verbose_name=_("street"),
        help_text=_("Empty for the whole district."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    figures = models.JSONField(_("figures"), default=dict, editable=False)
    figures_as_of = models.DateTimeField(_("figures as of"), null=True, editable=False)
    # Set while a worker counts the figures (reports.services.request_figures).
    counting_since = models.DateTimeField(
        _("figures being counted since"), null=True, editable=False
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, editable=False
    )
    pdf = PrivateFileField(
        _("PDF"), upload_to=PrivatePath("reports/annual"), blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )
    history = History(excluded_fields=["figures", "counting_since"])

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual work summary")
        verbose_name_plural = _("annual work summaries")
        ordering = ["-year", "street"]
        constraints = [
            models.UniqueConstraint(
                fields=["street", "year"], name="annual_report_once_per_street_and_year"
            ),
            # The district's report has no street; NULLs are distinct in the one above.
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(street=None),
                name="annual_report_once_per_district_year",
            ),
        ]

    def __str__(self):
        return self.title

    def get_pdf_url(self):
        return reverse("reports:download", args=[self.pk])

    @property
    def counting(self):
        """The figures are being counted, or have never been."""
        return self.counting_since is not None or self.figures_as_of is None


class Topic(models.TextChoices):
    """What a point of the year's work draws on: a part of the frozen figures
    (reports.figures) and the records named in them."""

    STATIONS = "stations", _("Liaison stations and duty")
    TRAINING = "training", _("Training of deputies")
    ARCHIVES = "archives", _("Performance archives and points")
    LETTERS = "letters", _("Reminder and thank-you letters")
    BY_ELECTIONS = "by_elections", _("By-elections")
    ACTIVITIES = "activities", _("Activities")
    VISITS = "visits", _("Constituents' visits")
    SUGGESTIONS = "suggestions", _("Suggestions")
    PUBLICITY = "publicity", _("Publicity")


class ReportTheme(models.Model):
    """A themed section of the year's work in a street's annual reports (e.g. 在"督办"上
    求突破): its heading and the topics whose points it groups, 一是, 二是… A street
    without themes of its own has the defaults (reports.structure.DEFAULT_THEMES)."""

    street_path = "street"

    street = models.ForeignKey(
        Street, models.CASCADE, related_name="report_themes", verbose_name=_("street")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    heading = models.CharField(_("heading"), max_length=100)
    topics = models.JSONField(
        _("topics"), default=list, help_text=_("One point of the section for each topic.")
    )
    history = History()

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual report theme")
        verbose_name_plural = _("annual report themes")
        ordering = ["street", "order"]

    def __str__(self):
        return self.heading

    def clean(self):
        unknown = set(self.topics) - set(Topic.values)
        if unknown:
            raise ValidationError({"topics": _("Unknown topics: %s") % "、".join(sorted(unknown))})


class ReportSection(models.Model):
    """One section of an annual report: its heading and text, first drafted by the
    portal from the frozen figures (reports.drafting), then edited by staff. `drafted`
    keeps the portal's latest draft, so a new draft replaces only text nobody edited."""

    street_path = "report__street"

    class Part(models.TextChoices):
        INTRO = "intro", _("Opening")
        WORK = "work", _("Main work and highlights")
        SHORTCOMINGS = "shortcomings", _("Shortcomings")
        PLAN = "plan", _("Next year's plan")

    report = models.ForeignKey(
        AnnualReport, models.CASCADE, related_name="sections", verbose_name=_("report")
    )
    part = models.CharField(_("part"), max_length=12, choices=Part.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    heading = models.CharField(_("heading"), max_length=100, blank=True)
    key = models.CharField(_("drafted as"), max_length=30, blank=True, editable=False)
    topics = models.JSONField(
        _("figures drawn on"),
        default=list,
        blank=True,
        help_text=_("In a section staff add: the topics whose figures it quotes above its text."),
    )
    narrative = models.TextField(_("text"), max_length=bounds.LONG_TEXT_LENGTH, blank=True)
    drafted = models.TextField(
        _("the portal's draft"), max_length=bounds.LONG_TEXT_LENGTH, blank=True, editable=False
    )
    drafted_heading = models.CharField(
        _("the portal's heading"), max_length=100, blank=True, editable=False
    )
    history = History()

    # The key of a section laid out before the portal drafted (migration 0008).
    BEFORE_DRAFTS = "before-drafts-"

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["report", "order"]

    def __str__(self):
        return self.heading or self.get_part_display()

    @property
    def edited(self):
        """Staff changed the portal's draft, its text or its heading: a new draft leaves
        the section alone."""
        text = bool(self.narrative.strip()) and self.narrative != self.drafted
        return text or self.heading != self.drafted_heading

    @property
    def quotes_figures(self):
        """Staff's own section, or one laid out before drafts: it prints its topics'
        figures above its text (a drafted section has them in its text)."""
        return not self.key or self.key.startswith(self.BEFORE_DRAFTS)


class ReportDownload(ViewLog):
    street_path = "report__street"
    seen_field = "report"

    report = models.ForeignKey(
        AnnualReport, models.CASCADE, related_name="downloads", verbose_name=_("report")
    )

    objects = StreetQuerySet.as_manager()

    class Meta(ViewLog.Meta):
        verbose_name = _("report download")
        verbose_name_plural = _("report downloads")


class ArchivePDF(RenderedDocument):
    """A deputy's performance archive (一人一档) for a year, printed as a PDF in the
    background. The PDF is the snapshot: it reads as the data stood when it was rendered."""

    street_path = "deputy__street"
    render_task = "reports.tasks.render_archive"

    deputy = models.ForeignKey(
        Deputy, models.CASCADE, related_name="archive_pdfs", verbose_name=_("deputy")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    pdf = PrivateFileField(
        _("PDF"), upload_to=PrivatePath("reports/archives"), blank=True, editable=False
    )
    requested_at = models.DateTimeField(_("requested at"), null=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
        editable=False,
    )

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("performance archive PDF")
        verbose_name_plural = _("performance archive PDFs")
        ordering = ["-year", "deputy"]
        constraints = [
            models.UniqueConstraint(fields=["deputy", "year"], name="archive_pdf_once_per_year")
        ]

    def __str__(self):
        return _("Performance archive of %(name)s, %(year)s") % {
            "name": self.deputy.name,
            "year": self.year,
        }

    def get_pdf_url(self):
        return reverse("reports:download_archive", args=[self.deputy_id, self.year])


class ArchiveDownload(ViewLog):
    street_path = "archive__deputy__street"
    seen_field = "archive"

    archive = models.ForeignKey(
        ArchivePDF, models.CASCADE, related_name="downloads", verbose_name=_("archive PDF")
    )

    objects = StreetQuerySet.as_manager()

    class Meta(ViewLog.Meta):
        verbose_name = _("archive PDF download")
        verbose_name_plural = _("archive PDF downloads")


class DigestDelivery(models.Model):
    """A supervision digest (督办提醒) sent to a staff member on a day: the claim that
    keeps a repeated or retried daily run from sending it twice."""

    street_path = "recipient__street"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    day = bounds.EventDateField(_("day"))
    items = models.PositiveIntegerField(_("items"), default=0)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervision digest sent")
        verbose_name_plural = _("supervision digests sent")
        ordering = ["-day", "recipient"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "day"], name="digest_once_per_day")
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.recipient} · {self.day}"
