"""A group's and its communities' public side: activation, the profile and its links,
the communities."""

from django.db import transaction
from django.utils.translation import gettext as _

from common.storage import delete_replaced_files
from common.versioning import require_current
from common.workflow import status_in_sentence
from groups import emails
from groups.models import (
    LocalCommunity,
    NationalGroup,
)
from groups.services.rules import (
    GroupError,
    Kind,
    describe_changes,
    group_edit_record,
    national_group_locked,
)


@transaction.atomic
def national_group_activate(*, group: NationalGroup, actor) -> NationalGroup:
    """A forming group becomes active and appears in the public directory: recorded among
    its changes, and its organizers are told."""
    group = NationalGroup.objects.select_for_update().get(pk=group.pk)
    if group.status != NationalGroup.Status.FORMING:
        raise GroupError(
            _("Only a forming group can be activated; this one is %(status)s.")
            % {"status": status_in_sentence(group.get_status_display())}
        )
    group.status = NationalGroup.Status.ACTIVE
    group.save(update_fields=["status", "updated_at"])
    group_edit_record(group=group, editor=actor, kind=Kind.ACTIVATED)
    emails.send_activation(group)
    return group


@transaction.atomic
def group_profile_save(*, form, links, editor) -> NationalGroup:
    """Save a group's profile and links, unless someone saved it since the form was opened
    (EditConflict); attribute the change. A logo it replaces or clears leaves storage once
    it commits."""
    group = form.instance
    stored = national_group_locked(group.pk)
    require_current(stored, **form.seen_version())
    changes = describe_changes(form, links)
    form.save()
    links.save()
    delete_replaced_files(stored=stored, saved=group)
    if changes:
        group_edit_record(group=group, editor=editor, kind=Kind.PROFILE, fields=changes)
    return group


@transaction.atomic
def community_save(*, group, form, links, editor) -> LocalCommunity:
    """Add a community to the group, or change one unless it was saved since the form was
    opened (EditConflict); attribute the change."""
    adding = form.instance.pk is None
    if not adding:
        locked = LocalCommunity.objects.select_for_update().get(pk=form.instance.pk)
        require_current(locked, **form.seen_version())
    changes = describe_changes(form, links)
    community = form.save()
    links.instance = community
    links.save()
    if adding:
        group_edit_record(
            group=group, editor=editor, kind=Kind.COMMUNITY_ADDED, name=community.name
        )
    elif changes:
        group_edit_record(
            group=group,
            editor=editor,
            kind=Kind.COMMUNITY_CHANGED,
            name=community.name,
            fields=changes,
        )
    return community
