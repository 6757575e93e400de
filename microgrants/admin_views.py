"""The oversight team's admin-only pages about microgrants: the budget, and its CSV
(djangoproject.com's fundraising/admin_views.py). Reached from the request admin's
get_urls, behind the admin's own login and second factor."""

import csv
import re
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from common.dates import EARLIEST_DATE, LATEST_DATE
from microgrants.models import MicrograntRequest
from microgrants.selectors import BUDGET_AMOUNTS, budget_table, budget_totals


def plain_amount(amount: Decimal) -> str:
    """1500.00: what a spreadsheet reads as a number, written without a float. Not
    format_money: a CSV is read by a program, which "€1,500" or "1.500 €" would
    leave as text (the budget page writes them for people)."""
    return f"{amount:.2f}"


def spreadsheet_safe(text: str) -> str:
    """Keep a group's name from being read as a formula by a spreadsheet."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def year_from(text: str | None) -> int | None:
    """A year the registry can hold dates in, from a query parameter; else None."""
    if not text or not re.fullmatch(r"\d{4}", text):
        return None
    year = int(text)
    return year if EARLIEST_DATE.year <= year <= LATEST_DATE.year else None


def year_asked(request) -> int | None:
    return year_from(request.GET.get("year"))


def budget(request, *, model_admin):
    """Requested, approved and paid per year, group and currency, for one year or all."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    year = year_asked(request)
    rows = budget_table(year=year)
    submitted = MicrograntRequest.objects.filter(submitted_at__isnull=False)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Microgrant budget"),
        "year": year,
        "years": [
            moment.year for moment in submitted.datetimes("submitted_at", "year", order="DESC")
        ],
        "rows": rows,
        "totals": budget_totals(rows),
        "changelist_url": reverse("admin:microgrants_micrograntrequest_changelist"),
        "csv_url": reverse("admin:microgrants_micrograntrequest_budget_csv")
        + (f"?{urlencode({'year': year})}" if year else ""),
    }
    return TemplateResponse(request, "admin/microgrants/micrograntrequest/budget.html", context)


# Excel reads a CSV without it in the machine's own code page, which garbles every
# name that is not in Latin letters (Україна, 日本); other programs skip it.
UTF8_BYTE_ORDER_MARK = "\ufeff"


def budget_csv(request, *, model_admin):
    """The budget as a spreadsheet reads it."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    year = year_asked(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="microgrant-budget-{year or "all-years"}.csv"'
    )
    response.write(UTF8_BYTE_ORDER_MARK)
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Year"),
            _("National group"),
            _("Currency"),
            _("Requested"),
            _("Approved"),
            _("Paid"),
        ]
    )
    for row in budget_table(year=year):
        writer.writerow(
            [
                row["year"],
                spreadsheet_safe(row["group_name"]),
                row["currency"],
                *(plain_amount(row[amount]) for amount in BUDGET_AMOUNTS),
            ]
        )
    return response
