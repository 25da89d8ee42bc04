"""The dashboard's figures and charts for a year and a street (None: the district),
counted by a worker and kept (congress_portal.kept): no request counts millions of
rows or redraws the charts."""

from congress_portal.kept import kept
from congress_portal.models import Street

from .charts import figure_charts
from .figures import year_figures


def year_dashboard(year, street):
    """{"figures", "charts"}, as last counted, with `counted_at`."""
    return kept(count, year, street.pk if street else None)


def count(year, street_pk):
    street = Street.objects.get(pk=street_pk) if street_pk else None
    figures = year_figures(year, street)
    return {
        "figures": figures,
        "charts": {name: str(svg) for name, svg in figure_charts(figures).items()},
    }
