"""What coaching asks of an organizer, for /my/ (groups/my_page.py): the open actions they
own, and their group's activity report while it is owed (for the leads who write it)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coaching.models import ActivityReport, AgreedAction
from coaching.periods import period_to_report
from coaching.selectors import groups_owing_a_report
from groups.models import Membership, NationalGroup
from groups.my_page import Step, Waiting


def coaching_waiting_for(user) -> list[Waiting]:
    """Two queries: the user's open actions in groups they organize, and the reports owed
    by the groups they lead."""
    waiting = []
    actions = (
        AgreedAction.objects.open()
        .filter(owner=user, check_in__group__memberships__user=user)
        .select_related("check_in__group")
        .order_by("due_on", "pk")
    )
    for action in actions:
        group = action.check_in.group
        url = reverse("groups:group_manage", args=[group.slug]) + f"#action-{action.pk}"
        status = (_("overdue since %(date)s") if action.is_overdue else _("due on %(date)s")) % {
            "date": date_format(action.due_on)
        }
        waiting.append(
            Waiting(
                title=_("%(group)s: %(action)s")
                % {"group": group.name, "action": action.description},
                status=status,
                url=url,
                steps=[Step(_("Mark as done"), url)],
            )
        )
    period = period_to_report()
    overdue = timezone.localdate() > period.report_due_by
    leads = NationalGroup.objects.filter(
        memberships__user=user, memberships__role__in=Membership.MANAGING_ROLES
    )
    # A report begun and not sent is a draft still: the group owes it.
    owing = groups_owing_a_report(leads, period).annotate(
        report_begun=Exists(
            ActivityReport.objects.filter(group=OuterRef("pk"), period_start=period.start)
        )
    )
    for group in owing:
        url = reverse("coaching:report", args=[group.slug, period.start.isoformat()])
        if overdue:
            status = (
                _("draft, overdue: it was due by %(date)s")
                if group.report_begun
                else _("overdue: it was due by %(date)s")
            )
        else:
            status = _("draft, due by %(date)s") if group.report_begun else _("due by %(date)s")
        waiting.append(
            Waiting(
                title=_("%(group)s: activity report for %(start)s – %(end)s")
                % {
                    "group": group.name,
                    "start": date_format(period.start),
                    "end": date_format(period.end),
                },
                status=status % {"date": date_format(period.report_due_by)},
                url=url,
                steps=[Step(_("Write the report"), url)],
            )
        )
    return waiting
