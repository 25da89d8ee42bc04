"""The shape of an annual work summary, after the reference documents: 一、the
year's main work in numbered sections, each quoting the figures of its topic;
二、shortcomings; 三、next year's plan."""

from django.utils.translation import gettext_lazy as _

from .models import ReportSection

WORK, SHORTCOMINGS, PLAN = ReportSection.Part

# (part, topic: the figures the section quotes, heading)
SECTIONS = [
    (WORK, "stations", _("Liaison stations cover the street")),
    (WORK, "activities", _("Deputies take part in the committee's activities")),
    (WORK, "training", _("Training raises the deputies' ability to serve")),
    (WORK, "visits", _("Deputies receive constituents and their matters are solved")),
    (WORK, "suggestions", _("Deputies' suggestions are handled and supervised")),
    (WORK, "archives", _("Performance archives and points keep duties on record")),
    (WORK, "letters", _("Reminder and thank-you letters")),
    (WORK, "by_elections", _("By-elections and changes among the deputies")),
    (WORK, "publicity", _("Publicity of the deputies' work")),
    (SHORTCOMINGS, "", _("Shortcomings")),
    (PLAN, "", _("Next year's plan")),
]
