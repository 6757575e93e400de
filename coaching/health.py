"""A group's health signals in words, each a fact and not a score, as the overview's
columns and the group's admin page show them (the values: coaching.selectors.with_health)."""

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from coaching.selectors import days_between
from common.money import format_money
from groups.models import NationalGroup


def days_ago(moment) -> str:
    """ "today", "12 days ago", or "never" for no date."""
    days = days_between(moment, timezone.localdate())
    if days is None:
        return _("never")
    if days == 0:
        return _("today")
    return ngettext("%(days)d day ago", "%(days)d days ago", days) % {"days": days}


def last_check_in(group) -> str:
    if group.last_check_in_on is None:
        return _("none yet")
    return days_ago(group.last_check_in_on)


def next_check_in(group) -> str:
    """ "in 5 days (12 March)", "today", or "3 days overdue (1 March)"."""
    if group.status == NationalGroup.Status.DISSOLVED:
        return "–"
    days = days_between(timezone.localdate(), group.check_in_due_on)
    when = date_format(group.check_in_due_on)
    if days < 0:
        return ngettext(
            "%(days)d day overdue (%(date)s)", "%(days)d days overdue (%(date)s)", -days
        ) % {"days": -days, "date": when}
    if days == 0:
        return _("today")
    return ngettext("in %(days)d day (%(date)s)", "in %(days)d days (%(date)s)", days) % {
        "days": days,
        "date": when,
    }


def actions(group) -> str:
    if not group.open_actions:
        return _("none open")
    return ngettext("%(open)d open", "%(open)d open", group.open_actions) % {
        "open": group.open_actions
    } + (
        ngettext(", %(overdue)d overdue", ", %(overdue)d overdue", group.overdue_actions)
        % {"overdue": group.overdue_actions}
        if group.overdue_actions
        else ""
    )


def checklist(group) -> str:
    if group.status != NationalGroup.Status.FORMING:
        return "–"
    return _("%(done)d of %(total)d") % {
        "done": min(group.items_ticked, group.checklist_items),
        "total": group.checklist_items,
    }


def organizers(group) -> str:
    if not group.organizer_total:
        return _("none")
    return ngettext(
        "%(count)d, last login %(when)s", "%(count)d, last login %(when)s", group.organizer_total
    ) % {"count": group.organizer_total, "when": days_ago(group.organizers_last_login)}


def microgrants(group) -> str:
    granted = _("%(granted)s of %(cap)s") % {
        "granted": format_money(group.granted_this_year_eur, "EUR"),
        "cap": format_money(settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR, "EUR"),
    }
    if not group.microgrant_reports_overdue:
        return granted
    return granted + ngettext(
        "; %(count)d report overdue",
        "; %(count)d reports overdue",
        group.microgrant_reports_overdue,
    ) % {"count": group.microgrant_reports_overdue}


def last_report(group) -> str:
    if group.last_report_at is None:
        return _("none yet")
    return _("%(period)s, sent %(when)s") % {
        "period": date_format(group.last_report_period, "YEAR_MONTH_FORMAT"),
        "when": days_ago(group.last_report_at),
    }


# The signals, in the order the overview and the group's page show them: (label, words,
# the annotation the overview sorts by).
SIGNALS = (
    (gettext_lazy("last check-in"), last_check_in, "last_check_in_on"),
    (gettext_lazy("next check-in"), next_check_in, "check_in_due_on"),
    (gettext_lazy("agreed actions"), actions, "overdue_actions"),
    (gettext_lazy("setup checklist"), checklist, "items_ticked"),
    (
        gettext_lazy("profile or communities changed"),
        lambda group: days_ago(group.profile_changed_at),
        "profile_changed_at",
    ),
    (gettext_lazy("organizers"), organizers, "organizers_last_login"),
    (gettext_lazy("microgrants this year"), microgrants, "granted_this_year_eur"),
    (gettext_lazy("last activity report"), last_report, "last_report_at"),
)
