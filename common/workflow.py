"""What every workflow shares: its table of moves, its history's shape, and one way to
change a status.

A workflow (an application to found a group, a microgrant request) declares its moves
once, keyed by action (django-oscar's pipeline, django-fsm's @transition): from which
statuses, to which, who makes the move, and whose turn each status is. Its services,
the admin's review buttons, the organizers' "what can I do now", the admin's home tiles
and the emails read that table; none restates it. A row changes status only through a
service, which locks it and makes the move (Workflow.move): the move's statuses are
checked under the lock, and a StatusChange row is appended to the workflow's history,
which the database keeps from being changed (django-oscar's AbstractOrderStatusChange).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.fields import limited_text_field
from common.validators import validate_multiline_text

# What a reviewer or an applicant writes beside a step: a message, not a document.
NOTE_MAX_LENGTH = 5_000


class Party(models.TextChoices):
    """Who acts in a workflow: the person who asked (the applicant, the requester), or the
    oversight team; nobody once it has ended."""

    ASKER = "asker", _("the person who asked")
    TEAM = "team", _("the oversight team")
    NOBODY = "nobody", _("nobody")


@dataclass(frozen=True)
class Move:
    """One move of a workflow: `action` takes a row from one of `sources` to `target`,
    made by `by`. The other side hears of it by email, in their language (`tells`)."""

    action: str
    sources: tuple[str, ...]
    target: str
    by: str
    label: str

    @property
    def tells(self) -> str:
        return Party.TEAM if self.by == Party.ASKER else Party.ASKER


class Workflow:
    """A workflow's statuses, whose turn each is, its moves by action, and the sentence
    that refuses a move its status does not allow (`refused`, with %(status)s and
    %(target)s)."""

    def __init__(self, statuses, *, turns: dict, moves: Iterable[Move], refused: str):
        self.statuses = statuses
        self.refused = refused
        self.turns = {str(status): Party(party) for status, party in turns.items()}
        self.moves = {move.action: move for move in moves}
        missing = set(statuses.values) - set(self.turns)
        if missing:
            raise ValueError(f"No turn for {sorted(missing)}")
        for move in self.moves.values():
            unknown = {*move.sources, move.target} - set(statuses.values)
            if unknown:
                raise ValueError(f"{move.action}: unknown statuses {sorted(unknown)}")

    def __getitem__(self, action: str) -> Move:
        return self.moves[action]

    def turn(self, status: str) -> Party:
        """Who must act next on a row in this status."""
        return self.turns[str(status)]

    def statuses_of(self, party: str) -> list[str]:
        """The statuses in which `party` must act, in the statuses' order."""
        return [status for status in self.statuses.values if self.turns[status] == party]

    def moves_from(self, status: str, *, by: str | None = None) -> list[Move]:
        """What can be done now to a row in this status (by whom, if given)."""
        return [
            move
            for move in self.moves.values()
            if status in move.sources and (by is None or move.by == by)
        ]

    def require_possible(self, row, action: str, refusal: type[Exception]) -> Move:
        """The move `action`, unless it cannot start from the row's status: then raise
        `refusal` (the workflow's exception) with the workflow's `refused` sentence."""
        move = self[action]
        if row.status not in move.sources:
            raise refusal(
                self.refused
                % {
                    "status": status_in_sentence(row.get_status_display()),
                    "target": status_in_sentence(self.statuses(move.target).label),
                }
            )
        return move

    def move(self, row, action: str, *, actor, refusal, note="", fields=(), **recorded):
        """Make the move `action` on `row` (locked by the caller) and record it in the
        row's history (its StatusChange rows, `row.events`); the StatusChange is returned.

        When its status is not one of the move's sources, raise `refusal`
        (require_possible). `fields` are saved with the status; `recorded`, more of the
        history row's fields.
        """
        move = self.require_possible(row, action, refusal)
        change = row.events.create(
            actor=actor, from_status=row.status, to_status=move.target, note=note, **recorded
        )
        row.status = move.target
        row.save(update_fields=["status", "updated_at", *fields])
        return change


class StatusChange(models.Model):
    """One step in a workflow's history: who moved it, when, from what to what, and why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    note = limited_text_field(
        _("note"), max_length=NOTE_MAX_LENGTH, blank=True, validators=[validate_multiline_text]
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.change_in_words()

    def note_in_words(self) -> str:
        """The note as the reader reads it: a person's own words as they wrote them."""
        return self.note

    def change_in_words(self) -> str:
        """ "Submitted → In review", in the active language; a step that keeps the status
        (the first of two approvals) says so, rather than "In review → In review"."""
        to_status = self.get_to_status_display()
        if self.from_status == self.to_status:
            return _("%(status)s (unchanged)") % {"status": to_status}
        return f"{self.get_from_status_display() or '–'} → {to_status}"


def status_change_fields(statuses) -> tuple[models.CharField, models.CharField]:
    """A history's from_status and to_status, with the workflow's own statuses as choices:
    `from_status, to_status = status_change_fields(Application.Status)` in the subclass."""
    return (
        models.CharField(_("from"), max_length=20, choices=statuses.choices, blank=True),
        models.CharField(_("to"), max_length=20, choices=statuses.choices),
    )


# Languages whose sentences quote a status as its label, capitals kept („In Prüfung“):
# German writes its nouns with a capital. The others say it in lower case ("is withdrawn",
# "est retirée", "heeft de status ‘ingediend’").
QUOTES_STATUSES = {"de"}


def status_in_sentence(label) -> str:
    """A status's label as a sentence of the active language says it."""
    if (get_language() or settings.LANGUAGE_CODE).split("-")[0] in QUOTES_STATUSES:
        return str(label)
    return str(label).lower()


def required_text(text: str, missing: str, refusal: type[Exception]) -> str:
    """What a move must be given (a reason, a question, an answer, a name), stripped;
    `refusal(missing)`, the workflow's exception saying what to write, when it is blank."""
    if not text.strip():
        raise refusal(missing)
    return text.strip()


def locked(row):
    """The row again, read under SELECT … FOR UPDATE: whoever comes second waits, then sees
    what the first did."""
    return type(row)._default_manager.select_for_update().get(pk=row.pk)
