"""Requests the site refuses before any view sees them."""

from django.core.exceptions import BadRequest
from django.http import JsonResponse

NUL = "\x00"


class RefuseNulCharacters:
    """A NUL character in a query parameter or a cookie is a 400, whatever the page.

    PostgreSQL cannot store or compare text holding NUL, so a search, a filter or
    an admin list that passed one on would fail with a 500. Form fields refuse
    NUL themselves, with a message on the field and the input kept
    (ProhibitNullCharactersValidator); query strings and cookies have no form to
    explain it, so they are refused here, once, for every page, the admin and
    the API.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.holds_nul(request):
            message = "Query parameters and cookies cannot contain NUL characters."
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            raise BadRequest(message)
        return self.get_response(request)

    @staticmethod
    def holds_nul(request) -> bool:
        query = request.GET
        return any(
            NUL in key or any(NUL in value for value in query.getlist(key)) for key in query
        ) or any(NUL in key or NUL in value for key, value in request.COOKIES.items())
