"""The site's pages keep to its own Content-Security-Policy (style-src 'self'): no inline
<style> and no style attribute, which the browser refuses and leaves the page unstyled.
The pages shown when something went wrong take their styles from a static file too."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import OperationalError
from django.test import Client
from django.urls import path

from microgrants.models import MicrograntApproval, MicrograntEvent, MicrograntRequest
from tests.common.test_security_headers import policy
from tests.factories import GroupApplicationFactory, MicrograntRequestFactory, UserFactory
from tests.microgrants.helpers import receipt

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


def inline_scripts(html: str) -> list[str]:
    """The page's <script> elements that hold code rather than name a file (a JSON data
    block is data, which the policy lets be)."""
    return [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html)
        if " src=" not in tag and 'type="application/json"' not in tag
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("status", MicrograntRequest.Status.values)
def test_the_microgrant_admin_page_holds_no_inline_style_or_script_in_any_status(
    oversight_client, status
):
    """The request's page as the team opens it at each step, with what the steps leave
    on it: an approval, its history, a receipt."""
    microgrant = MicrograntRequestFactory(status=status)
    MicrograntApproval.objects.create(request=microgrant, approver=UserFactory(), amount=Decimal(1))
    MicrograntEvent.objects.create(
        request=microgrant, actor=UserFactory(), from_status="", to_status=status, note="Thanks."
    )
    receipt(microgrant)

    response = oversight_client.get(f"/admin/microgrants/micrograntrequest/{microgrant.pk}/change/")

    html = response.content.decode()
    assert response.status_code == 200
    assert_no_inline_style(html)
    assert inline_scripts(html) == []
    assert "/static/css/admin-review-page.css" in stylesheets(html)
    assert finders.find("css/admin-review-page.css")


@pytest.mark.django_db
def test_the_application_admin_page_is_styled_by_the_review_pages_stylesheet(oversight_client):
    application = GroupApplicationFactory()

    response = oversight_client.get(f"/admin/onboarding/groupapplication/{application.pk}/change/")

    html = response.content.decode()
    assert response.status_code == 200
    assert_no_inline_style(html)
    assert inline_scripts(html) == []
    assert "/static/css/admin-review-page.css" in stylesheets(html)


def test_no_template_of_the_site_holds_an_inline_style():
    inline = [
        str(template.relative_to(PROJECT))
        for template in (PROJECT / "templates").rglob("*.html")
        if "<style" in template.read_text() or "style=" in template.read_text()
    ]

    assert inline == []
