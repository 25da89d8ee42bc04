"""The charts of a year's figures (reports.figures), drawn once for the dashboard
and the annual report PDF alike."""

from django.utils.translation import gettext as _

from congress_portal import charts


def _pairs(rows):
    return [row["label"] for row in rows], [row["count"] for row in rows]


def figure_charts(figures):
    """{name: SVG} for the figures of a year."""
    visits, suggestions = figures["visits"], figures["suggestions"]
    return {
        "deputies_by_level": charts.bar(
            _("Deputies by level"), *_pairs(figures["deputies"]["by_level"])
        ),
        "points_bands": charts.bar(_("Deputies by points"), *_pairs(figures["points"]["bands"])),
        "top_points": charts.bar(
            _("Most points"),
            [row["name"] for row in figures["points"]["top"]],
            [row["points"] for row in figures["points"]["top"]],
            horizontal=True,
        ),
        "activities_by_kind": charts.bar(
            _("Activities by kind"),
            *_pairs([row for row in figures["activities"]["by_kind"] if row["count"]]),
            horizontal=True,
        ),
        "visits_by_month": charts.line(
            _("Constituents' visits by month"),
            charts.month_labels(count=len(visits["by_month"])),
            {_("Visits"): visits["by_month"]},
        ),
        "visits_by_category": charts.bar(
            _("Visits by category"), *_pairs(visits["by_category"]), horizontal=True
        ),
        # Absent from figures frozen before visits recorded where they came from.
        "visits_by_channel": charts.bar(
            _("Visits by channel"), *_pairs(visits.get("by_channel", [])), horizontal=True
        ),
        "visits_by_state": charts.bar(
            _("Visits by state"), *_pairs(visits["by_state"]), horizontal=True
        ),
        "suggestions_by_state": charts.bar(
            _("Suggestions by state"), *_pairs(suggestions["by_state"]), horizontal=True
        ),
        "suggestions_by_class": charts.pie(
            _("Answers by class"), *_pairs(suggestions["by_class"]), donut=True
        ),
        "publicity_by_level": charts.pie(
            _("Publicity by outlet level"), *_pairs(figures["publicity"]["by_level"])
        ),
    }
