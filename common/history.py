"""Who made a change, for the history the database keeps (django-pghistory)."""

from pghistory.middleware import HistoryMiddleware as PghistoryMiddleware


class HistoryMiddleware(PghistoryMiddleware):
    """The user's id and address and the page, attached to every change a request makes.

    The address is kept beside the id so the history still says who it was if
    the account is later renamed.
    """

    def get_context(self, request):
        context = super().get_context(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            context["email"] = user.email
        return context
