"""On a phone (390 × 844 CSS pixels, as an iPhone 14's screen): the header takes at most a
quarter of the first screen, behind a menu button that works with or without JavaScript,
and the communities map starts on the first screen. On a wide screen the menu is simply
open."""

import pytest

from tests.browser.conftest import wait_until
from tests.browser.test_map_in_browser import offline_but_for
from tests.factories import LocalCommunityFactory, MembershipFactory, NationalGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PASSWORD = "correct horse battery staple"


def new_tab(browser, *, viewport=PHONE, javascript=True):
    """A French visitor's tab; nothing in it may be refused by the site's
    Content-Security-Policy (Chromium says so on the console)."""
    context = browser.new_context(
        viewport=viewport,
        locale="fr-FR",
        is_mobile=viewport == PHONE,
        has_touch=viewport == PHONE,
        java_script_enabled=javascript,
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.refused = []
    tab.on(
        "console",
        lambda message: (
            tab.refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return tab


@pytest.fixture
def phone(browser):
    tab = new_tab(browser)
    yield tab
    tab.context.close()
    assert tab.refused == []


def box(tab, selector: str) -> dict:
    return tab.locator(selector).first.bounding_box()


def log_in(tab, server, email):
    tab.goto(f"{server}/fr/accounts/login/")
    tab.locator(".site-header summary").wait_for()
    tab.fill("input[name=login]", email)
    tab.fill("input[name=password]", PASSWORD)
    tab.locator("main form button[type=submit]").last.click()
    tab.wait_for_url(f"{server}/fr/my/")


def test_the_header_takes_at_most_a_quarter_of_a_phones_screen(live_server, phone):
    group = NationalGroupFactory(country="BE", slug="belgique")
    lead = MembershipFactory(group=group, role="national_lead").user

    for path in ("/fr/", "/fr/national-groups/", "/fr/communities/", "/fr/microgrants/"):
        phone.goto(f"{live_server.url}{path}")
        assert box(phone, ".site-header")["height"] <= PHONE["height"] / 4, path
    log_in(phone, live_server.url, lead.email)
    for path in ("/fr/my/", "/fr/my/groups/belgique/"):
        phone.goto(f"{live_server.url}{path}")
        assert box(phone, ".site-header")["height"] <= PHONE["height"] / 4, path


def test_the_phones_menu_opens_on_the_button_and_leads_everywhere(live_server, phone):
    phone.goto(f"{live_server.url}/fr/")
    header = phone.locator(".site-header")
    communities = header.get_by_role("link", name="Communautés locales")
    assert not communities.is_visible()

    header.get_by_role("group").locator("summary").click()

    assert communities.is_visible()
    for name in ("Groupes nationaux", "Micro-subventions", "Se connecter", "Nederlands"):
        assert header.get_by_role("link", name=name).is_visible(), name
    assert box(phone, ".site-header")["height"] <= PHONE["height"]
    communities.click()
    phone.wait_for_url(f"{live_server.url}/fr/communities/")


def test_the_phones_menu_opens_without_javascript(live_server, browser):
    tab = new_tab(browser, javascript=False)
    tab.goto(f"{live_server.url}/fr/")
    assert box(tab, ".site-header")["height"] <= PHONE["height"] / 4

    header = tab.locator(".site-header")
    assert not header.get_by_role("link", name="Groupes nationaux").is_visible()

    header.locator("summary").click()

    assert header.get_by_role("link", name="Groupes nationaux").is_visible()
    tab.context.close()
    assert tab.refused == []


def test_on_a_wide_screen_the_menu_is_open_without_a_button(live_server, browser):
    tab = new_tab(browser, viewport={"width": 1280, "height": 800})
    tab.goto(f"{live_server.url}/fr/")

    header = tab.locator(".site-header")
    assert not header.locator("summary").is_visible()
    for name in ("Groupes nationaux", "Communautés locales", "Se connecter", "Deutsch"):
        assert header.get_by_role("link", name=name).is_visible(), name
    # The header's rows, in the order the Tab key follows: the account links and the
    # languages beside the site's name, the main navigation below.
    site_name, account = box(tab, ".site-name"), box(tab, ".account-links")
    languages, navigation = box(tab, ".language-switcher"), box(tab, ".site-nav")
    assert abs(account["y"] - site_name["y"]) < site_name["height"]
    assert abs(languages["y"] - site_name["y"]) < site_name["height"]
    assert navigation["y"] > site_name["y"] + site_name["height"] / 2
    tab.context.close()
    assert tab.refused == []


def test_the_communities_map_starts_on_a_phones_first_screen(live_server, phone):
    for city, latitude, longitude in (
        ("Gent", 51.05, 3.72),
        ("Liège", 50.63, 5.57),
        ("Lyon", 45.76, 4.84),
        ("Wien", 48.21, 16.37),
    ):
        LocalCommunityFactory(city=city, latitude=latitude, longitude=longitude)
    offline_but_for(phone, live_server.url)

    phone.goto(f"{live_server.url}/fr/communities/")
    wait_until(phone, "window.communitiesMap !== undefined")

    canvas = box(phone, "#communities-map")
    # Its top on the first screen, with most of it there too.
    assert canvas["y"] + canvas["height"] / 2 <= PHONE["height"], canvas
    assert box(phone, ".site-header")["height"] <= PHONE["height"] / 4


def test_an_application_with_its_history_in_the_admin_on_a_phone(live_server, browser, settings):
    """The history's table is wider than a phone: the admin lets it scroll sideways, and a
    keyboard reaches it to scroll it (axe's scrollable-region-focusable, checked on every
    page a browser test opens)."""
    from django.utils import timezone

    from tests.browser.test_microgrant_in_browser import PASSWORD as SITE_PASSWORD
    from tests.browser.test_microgrant_in_browser import logged_in_page
    from tests.conftest import make_oversight_member
    from tests.factories import GroupApplicationFactory

    olga = make_oversight_member(settings, username="olga", email="olga@pauseai.info")
    olga.set_password(SITE_PASSWORD)
    olga.save()
    application = GroupApplicationFactory(status="submitted", submitted_at=timezone.now())
    tab = logged_in_page(
        browser, live_server, olga, language="fr", viewport=PHONE, is_mobile=True, has_touch=True
    )

    tab.goto(f"{live_server.url}/admin/onboarding/groupapplication/{application.pk}/change/")
    tab.click("button[value=start_review]")
    tab.wait_for_load_state()

    history = tab.locator("#events-group")
    assert history.evaluate("element => element.scrollWidth > element.clientWidth")
    assert history.get_attribute("tabindex") == "0"
    assert history.get_attribute("aria-labelledby")
