"""Each account's language: kept from the pages its person uses, read by every email.

An email to a person goes in their account's language, with links in that language;
a person the registry has no language for yet (an account from before, an address
with no account) gets the language the caller knows (the request's, the page's the
invitation was written on), else the site's.
"""

from collections import defaultdict

from django.conf import settings
from django.utils import translation

from accounts.models import AccountLanguage

# The session remembers what is saved, so a page in the same language writes nothing.
SESSION_KEY = "account_language"


def language_of(user, default: str | None = None) -> str:
    """The language to write to `user` in."""
    saved = getattr(user, "account_language", None) if user is not None else None
    return saved.language if saved is not None else default or settings.LANGUAGE_CODE


def language_of_address(address: str, default: str | None = None) -> str:
    """The language to write to an address in: its account's, if it has one."""
    saved = (
        AccountLanguage.objects.filter(user__email__iexact=address)
        .values_list("language", flat=True)
        .first()
    )
    return saved or default or settings.LANGUAGE_CODE


def addresses_by_language(users, default: str | None = None) -> dict[str, list[str]]:
    """The users' addresses grouped by the language to write to each in, each list sorted
    (one message per language). Read `account_language` with select_related()."""
    grouped = defaultdict(set)
    for user in users:
        if user.email:
            grouped[language_of(user, default)].add(user.email)
    return {language: sorted(addresses) for language, addresses in sorted(grouped.items())}


def known_at_login(sender, request, user, **kwargs) -> None:
    """At login (user_logged_in), the session learns the language the account's mails go
    in now (one query), so that a page in that language writes nothing."""
    if request is not None and hasattr(request, "session"):
        saved = AccountLanguage.objects.filter(user=user).values_list("language", flat=True)
        request.session[SESSION_KEY] = saved.first() or settings.LANGUAGE_CODE


def remember_language(request) -> None:
    """Keep the language of the page an account's person opened, when it changed: a page
    whose address says its language (/fr/…), not the API or the admin."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    language = translation.get_language_from_path(request.path_info)
    if not language or request.session.get(SESSION_KEY) == language:
        return
    AccountLanguage.objects.update_or_create(user=user, defaults={"language": language})
    request.session[SESSION_KEY] = language
