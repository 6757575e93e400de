"""A request whose query opens a thread's first database connection (the first request
of each gunicorn worker, when it is anonymous) leaves the connection's wrappers as it
found them: the next request's writes outside the history's context (the session saved
after a login) still work.

Found by make deploy-check: pghistory's context pushes its execute wrapper and pops the
last one on the way out, while the page cache appends its own when a connection opens
(connection_created): opened inside the context, the page cache's wrapper was popped
and pghistory's left behind, and the login's session save then failed with a 500.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from allauth.account.models import EmailAddress
from django.db import connection, connections

from common.pagecache.writes import _note_writes
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the history is kept by PostgreSQL triggers"
    ),
]


def in_a_new_thread(requests):
    """Run `requests` as a fresh gunicorn worker would: a thread with no connection yet."""

    def run():
        try:
            return requests()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(run).result()


def test_a_login_after_a_request_that_opened_the_connection_succeeds(client):
    user = UserFactory(email="organizer@example.org")
    user.set_password("a-long-password-1")
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )

    def search_then_log_in():
        # Uncached (a search): its queries open the connection, inside the context.
        search = client.get("/en/national-groups/?q=belgium")
        login = client.post(
            "/en/accounts/login/", {"login": user.email, "password": "a-long-password-1"}
        )
        return search.status_code, login.status_code

    assert in_a_new_thread(search_then_log_in) == (200, 302)


def test_the_page_cache_still_watches_writes_after_such_a_request(client):
    def search_then_look():
        client.get("/en/national-groups/?q=belgium")
        return list(connection.execute_wrappers)

    assert in_a_new_thread(search_then_look) == [_note_writes]
