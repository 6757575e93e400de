"""The site's pages keep to its own Content-Security-Policy (style-src 'self'): no inline
<style> and no style attribute, which the browser refuses and leaves the page unstyled.
The pages shown when something went wrong take their styles from a static file too."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import OperationalError
from django.test import Client
from django.urls import path

from tests.common.test_security_headers import policy
from tests.factories import MicrograntRequestFactory

PROJECT = Path(__file__).resolve().parent.parent.parent


def broken_page(request):
    raise RuntimeError("a bug")


def page_without_its_database(request):
    raise OperationalError("connection refused")


urlpatterns = [
    path("broken/", broken_page),
    path("unreachable/", page_without_its_database),
]
handler500 = "common.availability.server_error"


def assert_no_inline_style(html: str) -> None:
    assert "<style" not in html
    assert "style=" not in html


def stylesheets(html: str) -> list[str]:
    """The static files the page's <link rel="stylesheet"> name."""
    return [part.split('"', 1)[0] for part in html.split('<link rel="stylesheet" href="')[1:]]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("url", "status", "words"),
    [("/broken/", 500, "Something went wrong"), ("/unreachable/", 503, "Temporarily unavailable")],
)
def test_the_error_pages_are_styled_by_a_stylesheet_the_policy_allows(url, status, words):
    response = Client(raise_request_exception=False).get(url)

    html = response.content.decode()
    assert response.status_code == status and words in html
    assert_no_inline_style(html)
    (stylesheet,) = stylesheets(html)
    assert stylesheet.startswith("/static/")
    assert finders.find(stylesheet.removeprefix("/static/"))
    assert policy(response)["style-src"] == ["'self'"]


@pytest.mark.django_db
def test_the_microgrant_admin_form_is_styled_by_a_stylesheet(oversight_client):
    grant = MicrograntRequestFactory(status="submitted")

    response = oversight_client.get(f"/admin/microgrants/micrograntrequest/{grant.pk}/change/")

    html = response.content.decode()
    assert response.status_code == 200
    assert_no_inline_style(html)
    assert "/static/css/admin-microgrant-request.css" in stylesheets(html)
    assert finders.find("css/admin-microgrant-request.css")


def test_no_template_of_the_site_holds_an_inline_style():
    inline = [
        str(template.relative_to(PROJECT))
        for template in (PROJECT / "templates").rglob("*.html")
        if "<style" in template.read_text() or "style=" in template.read_text()
    ]

    assert inline == []
