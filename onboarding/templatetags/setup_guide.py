"""{% setup_guide %}: the setup guide, for the pages of other apps that show it; and
{% start_a_group %}, the way to the application, wherever a page invites to found one.

The national groups page (the groups app) shows the guide, which is onboarding's;
a template tag lets it do so without groups importing onboarding.
"""

from django import template
from django.db.models import Prefetch

from onboarding.models import SetupStep, SetupSubStep

register = template.Library()


@register.inclusion_tag("onboarding/includes/setup_guide.html")
def setup_guide():
    """The numbered steps with their sub-steps: two queries."""
    return {
        "setup_steps": SetupStep.objects.prefetch_related(
            Prefetch("sub_steps", queryset=SetupSubStep.objects.order_by("number"))
        )
    }


@register.inclusion_tag("onboarding/includes/start_a_group.html")
def start_a_group():
    return {}
