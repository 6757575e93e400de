"""The requester's microgrants that wait for them, for /my/ (groups/my_page.py): each in a
status whose turn is the requester's (microgrants/workflow.py), with the moves they can
make now, on the page where they make them."""

from django.urls import reverse
from django.utils.translation import gettext as _

from common.workflow import Party
from groups.my_page import Step, Waiting
from microgrants.models import MicrograntRequest
from microgrants.workflow import MICROGRANT

# Where each of the requester's moves is made: the request's page, or its letter's or
# report's. Withdrawing is no step forward: it stays on the request's page.
STEP_PAGES = {
    "submit": "microgrants:detail",
    "answer": "microgrants:detail",
    "accept_letter": "microgrants:letter",
    "submit_report": "microgrants:report",
}


def microgrants_waiting_for(user) -> list[Waiting]:
    """One query: the user's requests whose turn is theirs, of groups they still organize."""
    requests = MicrograntRequest.objects.filter(
        requested_by=user,
        status__in=MICROGRANT.statuses_of(Party.ASKER),
        group__memberships__user=user,
    ).select_related("group")
    waiting = []
    for microgrant in requests.order_by("created_at", "pk"):
        arguments = [microgrant.group.slug, microgrant.pk]
        steps = [
            Step(move.label, reverse(STEP_PAGES[move.action], args=arguments))
            for move in MICROGRANT.moves_from(microgrant.status, by=Party.ASKER)
            if move.action in STEP_PAGES
        ]
        waiting.append(
            Waiting(
                title=_("%(group)s: %(title)s")
                % {"group": microgrant.group.name, "title": microgrant.title},
                status=microgrant.get_status_display(),
                url=reverse("microgrants:detail", args=arguments),
                steps=steps,
            )
        )
    return waiting
