"""The history of every change to groups, communities, their people and links, and the
oversight team: who, when, the old and the new values (microgrants/history.py and
onboarding/history.py keep theirs the same way).

PostgreSQL triggers (django-pghistory) write a snapshot row for every insert,
update and delete (as <Model>Change rows), however the change is made: the admin, the organizers'
pages, a service, the shell or a bulk update. The request's user and address are
attached by pghistory's middleware (common.history.HistoryMiddleware); a change
made outside a request has none. The rows are append-only in the database.

Imported by groups/translation.py once modeltranslation has added the
translated columns (name_en, name_nl, …), so the snapshots hold every language.
SQLite (make run) has no triggers: there the history stays empty.
"""

from common.history import tracked
from groups.models import (
    CommunityMembership,
    Link,
    LocalCommunity,
    Membership,
    NationalGroup,
    OversightTeamMember,
)

for model in (
    NationalGroup,
    LocalCommunity,
    Link,
    Membership,
    CommunityMembership,
    OversightTeamMember,
):
    tracked(model)
