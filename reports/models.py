from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress_portal.models import Street
from deputies.models import Deputy


class Publicity(models.Model):
    """A report on the committee's or its deputies' work in the media (宣传报道)."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        CITY = "city", _("City")
        DISTRICT = "district", _("District")

    street = models.ForeignKey(
        Street, models.PROTECT, related_name="publicity", verbose_name=_("street")
    )
    title = models.CharField(_("title"), max_length=200)
    outlet = models.CharField(_("outlet"), max_length=100)
    level = models.CharField(_("outlet level"), max_length=12, choices=Level.choices)
    published_on = models.DateField(_("published on"))
    link = models.URLField(_("link"), blank=True)
    deputies = models.ManyToManyField(
        Deputy, blank=True, related_name="publicity", verbose_name=_("deputies featured")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publicity record")
        verbose_name_plural = _("publicity records")
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["street", "published_on"])]

    def __str__(self):
        return f"{self.published_on} {self.outlet}《{self.title}》"
