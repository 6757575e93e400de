"""Load the site's real content: PauseAI's national groups and communities
(groups/content_loading.py), and the setup guide (onboarding/content_loading.py).

It lives in onboarding, the app that knows both the groups and the setup guide, so
that the groups app never imports onboarding.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from groups import website
from groups.content_loading import load_communities, load_groups, read_seed
from groups.models import LocalCommunity
from onboarding.content_loading import load_setup_guide


class Command(BaseCommand):
    help = (
        "Load PauseAI's national groups (the seed page's, merged with the website's national "
        "chapters), its local and adjacent communities, and the setup guide. Only what is "
        "missing is created, and a group is completed only while nobody has edited it: "
        "edits the oversight team made are kept, so `make run` can run it every time."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        groups = load_groups(read_seed("national-groups.json"), warn=self.warn)
        communities = load_communities(website.COMMUNITIES, LocalCommunity.Kind.PAUSEAI)
        adjacent = load_communities(website.ADJACENT, LocalCommunity.Kind.ADJACENT)
        steps_created, steps = load_setup_guide()
        self.stdout.write(
            f"Content: {groups} national groups, {communities} local and {adjacent} adjacent "
            f"communities and {steps_created} of {steps} setup steps created; "
            "the rest were already there and kept as they are, given only the languages "
            "they had no words in while nobody had changed them."
        )

    def warn(self, message: str) -> None:
        self.stderr.write(self.style.WARNING(message))
