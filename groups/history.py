"""The history of every change to groups, communities, their people and links, the
oversight team, and microgrants: who, when, the old and the new values.

PostgreSQL triggers (django-pghistory) write a snapshot row for every insert,
update and delete (as <Model>Change rows), however the change is made: the admin, the organizers'
pages, a service, the shell or a bulk update. The request's user and address are
attached by pghistory's middleware (common.history.HistoryMiddleware); a change
made outside a request has none. The rows are append-only in the database.

Imported by groups/translation.py once modeltranslation has added the
translated columns (name_en, name_nl, …), so the snapshots hold every language.
SQLite (make run) has no triggers: there the history stays empty.
"""

import pghistory

from groups.models import (
    Link,
    LocalCommunity,
    Membership,
    MicrograntBudgetLine,
    MicrograntRequest,
    NationalGroup,
    OversightTeamMember,
)


def tracked(model):
    """Every insert, update and delete of `model`, as <Model>Change rows, reached from a
    row as `row.changes` (its workflow's own history keeps the name `events`)."""
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        model_name=f"{model.__name__}Change",
        obj_field=pghistory.ObjForeignKey(related_name="changes"),
        append_only=True,
    )(model)


for model in (
    NationalGroup,
    LocalCommunity,
    Link,
    Membership,
    OversightTeamMember,
    MicrograntRequest,
    MicrograntBudgetLine,
):
    tracked(model)
