"""Where a page may send its visitor back to (?next=)."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, url: str) -> str:
    """`url` if it stays on this site (and on HTTPS when the request is), else ""."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""
