"""Deadline arithmetic for suggestions: calendar months; working days are China's
(congress_portal.workdays)."""

import datetime

from dateutil.relativedelta import relativedelta

ANSWER_MONTHS = 3  # a written answer within 3 months of assignment
MAX_EXTENSION_MONTHS = 3  # one extension of at most 3 more months
REHANDLING_MONTHS = 1  # an unsatisfied suggestion is answered again within 1 month
CO_HANDLER_VIEW_MONTHS = 1  # co-handling units send their view to the lead within 1 month
RETURN_WORKING_DAYS = 7  # a wrongly assigned unit gives it back within 7 working days
# The traffic light (三色督办): red when the answer is due within 14 days, amber within 30.
RED_WITHIN = datetime.timedelta(days=14)
AMBER_WITHIN = datetime.timedelta(days=30)


def add_months(day, months):
    """The same day `months` later, or the month's last day when it is shorter:
    Nov 30 + 3 months is Feb 28."""
    return day + relativedelta(months=months)
