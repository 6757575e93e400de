"""{% language_links as languages %}: this page in each of the site's languages.

Links rather than a form posting to set_language: a form needs a CSRF token, which
would make every public page one visitor's and keep it out of the page cache
(common/pagecache.py). The page's address carries its language (/en/, /nl/), so a
link is all a visitor needs to switch.
"""

from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse, translate_url
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """(code, name in that language, address of this page in it) for each language: the
    name capitalised, as a menu item is (Django's own says "français")."""
    request = context["request"]
    return [
        {
            "code": code,
            "name_local": capfirst(get_language_info(code)["name_local"]),
            "url": address_in(request, code),
        }
        for code, _name in settings.LANGUAGES
    ]


def address_in(request, code: str) -> str:
    """The request's address in the language, as translate_url() gives it, from the
    request's own match: translate_url() would resolve the address again for each
    language, most of what the links cost a page."""
    match = request.resolver_match
    if match is None:
        return translate_url(request.get_full_path(), code)
    address = urlsplit(request.get_full_path())
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    path = reversed_in(
        code,
        name,
        tuple(match.args),
        tuple(sorted(match.kwargs.items())),
        get_script_prefix(),
        get_urlconf(),
    )
    if path is None:
        return request.get_full_path()
    return urlunsplit((address.scheme, address.netloc, path, address.query, address.fragment))


@lru_cache(maxsize=4096)
def reversed_in(code: str, name, args: tuple, kwargs: tuple, script_prefix: str, urlconf):
    """reverse() in the language, or None, once per process for each page: a reversal
    depends on nothing else (the script prefix and the URLs are in the key)."""
    with translation.override(code):
        try:
            return reverse(name, args=args, kwargs=dict(kwargs))
        except NoReverseMatch:
            return None
