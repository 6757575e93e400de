"""{% setup_guide %}: the setup guide, for the pages of other apps that show it; and
{% start_a_group %}, the way to the application, wherever a page invites to found one.

The national groups page (the groups app) shows the guide, which is onboarding's;
a template tag lets it do so without groups importing onboarding.
"""

from django import template

from common.rows import in_language_column
from onboarding.markdown import with_addresses
from onboarding.models import SetupStep

register = template.Library()


@register.inclusion_tag("onboarding/includes/setup_guide.html")
def setup_guide():
    """The numbered steps with their sub-steps, in the visitor's language, as the models'
    title, body_html() and text_html() give them: one query, a row per sub-step (and one
    for a step without any), of only what the guide shows, neither the Markdown nor the
    other languages' text."""
    steps: dict[int, dict] = {}
    rows = (
        SetupStep.objects.rewrite(False)
        .order_by("number", "sub_steps__number")
        .values_list(
            "number",
            in_language_column("title"),
            in_language_column("body_rendered"),
            "sub_steps__number",
            in_language_column("sub_steps__text_rendered"),
        )
    )
    for number, title, body_html, sub_step_number, sub_step_html in rows:
        if number not in steps:
            # Sanitised when saved (SetupStep.render()), addresses filled in, as body_html().
            steps[number] = {
                "number": number,
                "title": title,
                "body_html": with_addresses(body_html),
                "sub_steps": [],
            }
        if sub_step_number is not None:
            steps[number]["sub_steps"].append(with_addresses(sub_step_html))
    return {"setup_steps": list(steps.values())}


@register.inclusion_tag("onboarding/includes/start_a_group.html")
def start_a_group():
    return {}
