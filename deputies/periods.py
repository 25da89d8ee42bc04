import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    """A date range points are counted over: a year, a quarter or a term."""

    start: datetime.date
    end: datetime.date
    label: str

    @classmethod
    def year(cls, year):
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year))

    @classmethod
    def quarter(cls, year, quarter):
        start = datetime.date(year, 3 * quarter - 2, 1)
        next_start = datetime.date(year + quarter // 4, (3 * quarter) % 12 + 1, 1)
        label = _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}
        return cls(start, next_start - datetime.timedelta(days=1), label)

    @classmethod
    def quarter_holding(cls, day):
        return cls.quarter(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def term(cls, term):
        return cls(term.starts_on, term.ends_on, str(term))

    def __contains__(self, day):
        return self.start <= day <= self.end
