"""Date bounds every app's models hold."""

import datetime

from django.db.models import Q

# Every date the registry stores lies between these, which the database holds, so no
# date arithmetic (a report due a month after the end) can overflow.
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def dates_in_range(*fields: str) -> Q:
    """A CheckConstraint condition: each (nullable) date field within the stored range."""
    condition = Q()
    for field in fields:
        condition &= Q(**{f"{field}__isnull": True}) | Q(
            **{f"{field}__gte": EARLIEST_DATE, f"{field}__lte": LATEST_DATE}
        )
    return condition
