"""Markdown written by the oversight team, turned into HTML that is safe to show."""

import markdown
import nh3
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Addresses the guide's text names by a placeholder, as PauseAI's website writes them
# ($$DISCORD_GLOBAL$$), filled in from the settings when shown: a new address is a
# setting, not an edit of every language's text.
PLACEHOLDERS = {
    "$$DISCORD$$": "PAUSEAI_DISCORD_URL",
    "$$OVERSIGHT_TEAM_EMAIL$$": "OVERSIGHT_TEAM_EMAIL",
}

ALLOWED_TAGS = {"p", "a", "strong", "em", "code", "ul", "ol", "li", "br", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text: str) -> SafeString:
    """Render Markdown and sanitise the result; raw HTML and scripts are dropped."""
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)


def with_addresses(html: str) -> SafeString:
    """Sanitised HTML with each placeholder replaced by its setting, escaped."""
    for placeholder, setting in PLACEHOLDERS.items():
        if placeholder in html:
            html = html.replace(placeholder, escape(getattr(settings, setting)))
    return mark_safe(html)
