"""The periods groups report on (settings.ACTIVITY_REPORT_PERIOD_MONTHS): calendar
quarters by default, Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class Period:
    start: datetime.date
    # The period's last day.
    end: datetime.date

    @property
    def report_due_by(self) -> datetime.date:
        """The last day to send its report: settings.ACTIVITY_REPORT_DUE_WITHIN_DAYS on."""
        return self.end + datetime.timedelta(days=settings.ACTIVITY_REPORT_DUE_WITHIN_DAYS)

    def previous(self) -> "Period":
        return period_containing(self.start - datetime.timedelta(days=1))


def period_containing(day: datetime.date) -> "Period":
    months = settings.ACTIVITY_REPORT_PERIOD_MONTHS
    first_month = (day.month - 1) // months * months + 1
    start = day.replace(month=first_month, day=1)
    next_month = first_month + months
    if next_month > 12:
        following = datetime.date(day.year + 1, next_month - 12, 1)
    else:
        following = datetime.date(day.year, next_month, 1)
    return Period(start=start, end=following - datetime.timedelta(days=1))


def period_to_report(today: datetime.date | None = None) -> Period:
    """The period whose report groups owe now: the last one finished."""
    return period_containing(today or timezone.localdate()).previous()
