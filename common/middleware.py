"""Requests the site refuses before any view sees them, and answers no cache may keep."""

from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.utils.cache import patch_cache_control

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


class PrivateUnlessPublic:
    """`Cache-Control: private, no-store` on every answer not marked public.

    Only the page cache's answers are public (common/pagecache.py): built for anyone
    without a session. Everything else may show someone's data (an organizer's
    pages, payee and bank details, accounts, the admin, a public page seen logged
    in, whose header names the account), so neither a shared cache nor the browser's
    may keep it. One rule for every answer, redirects and errors included, rather
    than a decorator each personal page could miss.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "public" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True, no_store=True)
        return response
