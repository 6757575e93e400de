"""Addresses the site sends mail to: which are deliverable, and which mailbox one reaches.

`ann+1@example.org` and `ann+2@example.org` reach the same mailbox as `ann@example.org`
at nearly every provider, and Gmail ignores dots in the name too (`a.n.n@gmail.com`):
counted apart, one mailbox could be sent a message per variant (what the per-mailbox
caps count, caps.py).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Providers that deliver `a.n.n@` to `ann@`, under the name they answer to.
IGNORES_DOTS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def mailbox(address: str) -> str:
    """The address as its mailbox: lower case, without a +tag, without the dots a provider
    ignores."""
    name, _at, domain = address.strip().lower().rpartition("@")
    name = name.split("+", 1)[0]
    if domain in IGNORES_DOTS:
        domain = IGNORES_DOTS[domain]
        name = name.replace(".", "")
    return f"{name}@{domain}"


# A name of letters, digits and the usual punctuation, dot-separated (RFC 5322's
# "dot-atom", without the rarely used characters that hide in links).
LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\Z")
# A host name with at least two labels and a top-level domain of letters (or its
# xn-- form): no IP address in brackets, no single-label "localhost".
DOMAIN = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})\Z"
)


def validate_deliverable_address(value: str) -> None:
    """An address the site will send mail to: a plain name at a host name. Django's own
    check lets through what mail servers accept but people never have (a quoted name
    with control characters, an IP address in brackets)."""
    name, at, domain = value.rpartition("@")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        domain = ""
    if not at or not LOCAL_PART.match(name) or len(name) > 64 or not DOMAIN.match(domain):
        raise ValidationError(
            _("Enter an email address such as name@example.org."), code="invalid_address"
        )
