"""What waits for an organizer, for their /my/ page (onboarding.views), gathered from every
app: each app registers, from its AppConfig.ready(), a function that lists what waits
for a user in its workflows, each with the step to take and where (as the admin's home
gathers the apps' tiles), so the page knows none of them."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    """A move the user can make now, and the page where they make it."""

    label: str
    url: str


@dataclass(frozen=True)
class Waiting:
    """Something waiting for the user: what it is, where it stands, the steps to take."""

    title: str
    status: str
    url: str
    steps: list[Step] = field(default_factory=list)


_lists: list[Callable] = []


def register(waiting_for: Callable) -> None:
    """`waiting_for(user) -> list[Waiting]`, shown on /my/."""
    _lists.append(waiting_for)


def waiting_for(user) -> list[Waiting]:
    return [waiting for listing in _lists for waiting in listing(user)]
