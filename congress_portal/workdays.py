"""Working days as China counts them (工作日): Monday to Friday, less the public
holidays, plus the weekend days made working days (调休). The years chinese-calendar
knows come from it; for a year it does not know yet staff enter the State Council's
arrangement (CalendarDay), and a day they enter wins. A year known to neither counts
Monday to Friday, and the admin asks staff to enter it."""

import datetime

import chinese_calendar

from .models import CalendarDay

ONE_DAY = datetime.timedelta(days=1)


def library_knows(year):
    try:
        chinese_calendar.is_workday(datetime.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


class Calendar:
    """The working days of the years asked about: each year's entered days are read
    once, so a long run of days costs a query a year."""

    def __init__(self):
        self.years = {}

    def entered(self, year):
        """{day: working} as staff entered them for the year."""
        if year not in self.years:
            days = CalendarDay.objects.filter(
                day__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
            )
            self.years[year] = dict(days.values_list("day", "working"))
        return self.years[year]

    def knows(self, year):
        return library_knows(year) or bool(self.entered(year))

    def is_working_day(self, day):
        entered = self.entered(day.year)
        if day in entered:
            return entered[day]
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            return day.weekday() < 5

    def add_working_days(self, day, days):
        """The day `days` working days after `day`."""
        while days > 0:
            day += ONE_DAY
            days -= self.is_working_day(day)
        return day


def add_working_days(day, days):
    return Calendar().add_working_days(day, days)
