"""Values every page's templates may need about accounts."""

from django.utils.http import url_has_allowed_host_and_scheme

# Pages one signs up or logs in to come back to: an invitation is accepted once logged in.
COME_BACK_TO = frozenset({"groups:invitation_accept"})


def account_next(request):
    """Where the header's "Log in" and "Sign up" bring the visitor back to (?next=): the
    page's own ?next= (the login and sign-up pages, a page that sent them there), or the
    page itself if it is one to come back to. Else nowhere: home, as allauth has it."""
    next_url = request.GET.get("next", "")
    if next_url and not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    match = request.resolver_match
    if not next_url and match is not None and match.view_name in COME_BACK_TO:
        next_url = request.path
    return {"account_next": next_url}
