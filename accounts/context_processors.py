"""Values every page's templates may need about accounts."""

from common.redirects import safe_next

# Pages one signs up or logs in to come back to: an invitation is accepted once logged in.
COME_BACK_TO = frozenset({"groups:invitation_accept"})


def account_next(request):
    """Where the header's "Log in" and "Sign up" bring the visitor back to (?next=): the
    page's own ?next= (the login and sign-up pages, a page that sent them there), or the
    page itself if it is one to come back to. Else nowhere: home, as allauth has it."""
    next_url = safe_next(request, request.GET.get("next", ""))
    match = request.resolver_match
    if not next_url and match is not None and match.view_name in COME_BACK_TO:
        next_url = request.path
    return {"account_next": next_url}
