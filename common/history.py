"""The history the database keeps of every change (django-pghistory), and who made it."""

import pghistory
from django.db import connection
from pghistory.middleware import HistoryMiddleware as PghistoryMiddleware


def tracked(model, *, db_table: str | None = None):
    """Every insert, update and delete of `model`, as <Model>Change rows, reached from a
    row as `row.changes` (a workflow's own history keeps the name `events`).

    `db_table` keeps the table of a model that moved between apps.
    """
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        model_name=f"{model.__name__}Change",
        obj_field=pghistory.ObjForeignKey(related_name="changes"),
        append_only=True,
        meta={"db_table": db_table} if db_table else None,
    )(model)


class HistoryMiddleware(PghistoryMiddleware):
    """The user's id and address and the page, attached to every change a request makes.

    The address is kept beside the id so the history still says who it was if
    the account is later renamed.
    """

    def __call__(self, request):
        # pghistory's context pushes its execute wrapper and, leaving, pops whichever is
        # last; anything a connection_created receiver appends meanwhile (the page cache's
        # wrapper, common/pagecache.py) would be popped in its place, and pghistory's left
        # behind, to fail every later write outside a context (the session saved after a
        # login: a 500). So a thread's first connection opens before the context does.
        if not getattr(connection, "opened_before_history", False):
            try:
                connection.ensure_connection()
            except Exception:
                # Down, or not to be used here (a test without the database): the view
                # meets it again if it needs it, and answers for it (503).
                pass
            else:
                connection.opened_before_history = True
        return super().__call__(request)

    def get_context(self, request):
        context = super().get_context(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            context["email"] = user.email
        return context
