"""What every workflow shares: its history's shape, and one way to change a status.

A workflow (an application to found a group, a microgrant request) changes status
only through its services; each change locks the row, checks the status it may
start from, and appends a StatusChange row to the workflow's history, which the
database keeps from being changed (django-oscar's AbstractOrderStatusChange).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import limited_text_field
from common.validators import validate_multiline_text

# What a reviewer or an applicant writes beside a step: a message, not a document.
NOTE_MAX_LENGTH = 5_000


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


def locked(row):
    """The row again, read under SELECT … FOR UPDATE: whoever comes second waits, then sees
    what the first did."""
    return type(row)._default_manager.select_for_update().get(pk=row.pk)


def transition(
    row, *, to_status, allowed_from, actor, history, refusal, refused, note="", fields=()
):
    """Move `row` (locked by the caller) to `to_status` and record it in `history` (the
    row's StatusChange manager, e.g. `grant.events`).

    When its status is not one of `allowed_from`, raise `refusal` (the workflow's
    exception) with `refused` % {"status": …, "target": …}. `fields` are saved with
    the status.
    """
    if row.status not in allowed_from:
        raise refusal(
            refused
            % {
                "status": row.get_status_display().lower(),
                "target": type(row).Status(to_status).label.lower(),
            }
        )
    change = history.create(actor=actor, from_status=row.status, to_status=to_status, note=note)
    row.status = to_status
    row.save(update_fields=["status", "updated_at", *fields])
    return change
