import pytest
from django.core.management import call_command

from groups.models import NationalGroup

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_visitor_reads_the_national_groups_page_in_dutch_then_english(live_server, page):
    call_command("load_content", verbosity=0)

    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/nl/"
    page.goto(f"{live_server.url}/nl/national-groups/")

    assert page.locator("h2", has_text="Huidige Nationale PauseAI Groepen").is_visible()
    groups = page.locator("li.national-group")
    # PauseAI's real groups: the seed page's four and the website's chapters.
    assert groups.count() == NationalGroup.objects.count() == 17
    for country in ("Verenigde Staten", "Verenigd Koninkrijk", "Frankrijk", "Noorwegen", "Kenia"):
        assert groups.filter(has_text=country).count() == 1
    assert page.locator("li.setup-step").count() == 7
    assert page.locator("li.setup-step").first.locator("h3").inner_text() != ""

    page.locator('a[data-language="en"]').click()
    page.wait_for_url(f"{live_server.url}/en/national-groups/")

    assert page.locator("h2", has_text="Current PauseAI National Groups").is_visible()
    assert page.locator("li.national-group").count() == 17
    for country in ("United States", "United Kingdom", "France", "Norway", "Kenya"):
        assert page.locator("li.national-group", has_text=country).count() == 1
    assert page.locator("li.setup-step").count() == 7
    assert page.get_by_text("Huidige Nationale PauseAI Groepen").count() == 0
