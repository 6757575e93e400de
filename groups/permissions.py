"""Who may see what. Checked on the server for every object."""

from django.conf import settings


def is_oversight_member(user) -> bool:
    """Superusers and staff in the oversight team's permission group."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.is_staff and user.groups.filter(name=settings.OVERSIGHT_TEAM_GROUP).exists()


def can_see_group_private_data(user, group) -> bool:
    """The group's own organizers and the oversight team see private chat links."""
    if not user.is_authenticated:
        return False
    return is_oversight_member(user) or group.memberships.filter(user=user).exists()
