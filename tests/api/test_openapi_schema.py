"""The API answers whatever a client may send within its OpenAPI description, as described.

schemathesis generates requests from the served schema and checks each answer:
no server error, and a body and status that match the schema.
"""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from pauseai.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture
def registry(db):
    """The real content, served through the WSGI application itself.

    As Django's test client does, keep the request signals from closing the
    test's database connection (it holds the test's transaction).
    """
    call_command("load_content", verbosity=0)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=25, suppress_health_check=list(HealthCheck), deadline=None)
def test_api_matches_its_schema(case, registry):
    # Identity: the WSGI transport does not undo the gzip a client that asks gets
    # (common/pagecache.py), which the schema does not describe.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
