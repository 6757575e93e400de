"""Who is in the oversight team, and who holds its powers: asked here, by every app."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q


def oversight_team():
    """The oversight team: active staff accounts in its permission group. The one
    definition; superusers administer the site and count as members wherever a
    single person is asked about (in_oversight_team)."""
    return get_user_model().objects.filter(
        is_active=True, is_staff=True, groups__name=settings.OVERSIGHT_TEAM_GROUP
    )


def oversight_team_addresses() -> list[str]:
    """Where the team's notifications go: the members who can act on them, with a second
    factor set up (is_oversight_member); they tell of applicants' and requesters'
    details, which a member without one may not open either."""
    members = oversight_team().filter(authenticator__isnull=False).values_list("email", flat=True)
    return sorted({email for email in members if email})


def in_oversight_team(user) -> bool:
    """Superusers and the oversight team: who must give a second factor
    (accounts/second_factor.py)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or (user.is_staff and oversight_team().filter(pk=user.pk).exists())


def oversight_team_among(user_ids) -> set[int]:
    """Which of these accounts are in the oversight team, superusers included (as
    in_oversight_team asks of one): one query for any number."""
    return set(
        get_user_model()
        ._default_manager.filter(pk__in=set(user_ids) - {None}, is_active=True)
        .filter(Q(is_superuser=True) | Q(is_staff=True, groups__name=settings.OVERSIGHT_TEAM_GROUP))
        .values_list("pk", flat=True)
    )


def is_oversight_member(user) -> bool:
    """Who holds the oversight team's powers on every page: in the team, and with a second
    factor set up. Until they set one up, a member is, outside the admin (which sends
    them to set it up), like anyone else. One query."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not (user.is_superuser or user.is_staff):
        return False
    in_team = Q() if user.is_superuser else Q(groups__name=settings.OVERSIGHT_TEAM_GROUP)
    # request.user is a lazy wrapper: the model, not type(user).
    return (
        get_user_model()
        ._default_manager.filter(in_team, pk=user.pk, authenticator__isnull=False)
        .exists()
    )
