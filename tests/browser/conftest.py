"""Playwright driving Debian's Chromium (apt-get install chromium) against a live server."""

import os
import time
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))

# Playwright's sync API runs an event loop in the test's thread; the test's own
# database calls there are still plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# WCAG 2.1 A and AA, as axe-core tags its rules.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Every id an aria-describedby or aria-labelledby names that is not on the page.
MISSING_IDS = """
    [...document.querySelectorAll('[aria-describedby], [aria-labelledby]')].flatMap(
        element => ['aria-describedby', 'aria-labelledby'].flatMap(
            name => (element.getAttribute(name) || '').split(/\\s+/).filter(Boolean)
                .filter(id => !document.getElementById(id))
                .map(id => `${name}="${id}" on <${element.tagName.toLowerCase()} ${
                    element.id ? '#' + element.id : element.getAttribute('name') || ''}>`)
        )
    )
"""


class Accessibility:
    """axe-core (axe-playwright-python) and the missing ids, run on every page the
    browser tests open: after each page.goto() and page.wait_for_load_state() of every
    tab of every context. What it finds fails the test at its end."""

    def __init__(self):
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.found: dict[tuple[str, str], str] = {}
        self.pages_checked = 0

    def check(self, page) -> None:
        if page.is_closed() or not page.url.startswith("http"):
            return
        self.pages_checked += 1
        results = self.axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        path = page.url.split("//", 1)[-1].split("/", 1)[-1]
        for violation in results.response["violations"]:
            for node in violation["nodes"]:
                key = (violation["id"], f"/{path} {node['target']}")
                self.found[key] = node.get("failureSummary", "").replace("\n", " ")
        for missing in page.evaluate(MISSING_IDS):
            self.found[("missing-id", f"/{path} {missing}")] = "no element has this id"

    def watch(self, page) -> None:
        goto, wait_for_load_state = page.goto, page.wait_for_load_state

        def checked_goto(*args, **kwargs):
            response = goto(*args, **kwargs)
            self.check(page)
            return response

        def checked_wait_for_load_state(*args, **kwargs):
            wait_for_load_state(*args, **kwargs)
            self.check(page)

        page.goto = checked_goto
        page.wait_for_load_state = checked_wait_for_load_state

    def report(self) -> str:
        return "\n".join(
            f"{rule}: {where}\n    {summary}"
            for (rule, where), summary in sorted(self.found.items())
        )


@pytest.fixture(autouse=True)
def accessibility(request):
    """Every page a browser test opens passes axe's WCAG 2.1 AA rules, with no ARIA
    reference to a missing id; a test marked `not_axe` is about something else (a page
    the site did not make)."""
    checker = Accessibility()
    request.node.accessibility = checker
    yield checker
    if request.node.get_closest_marker("not_axe") is None:
        assert not checker.found, "accessibility:\n" + checker.report()


def watched(browser, request):
    """The browser, its new contexts' tabs watched by the test's accessibility check."""
    new_context = browser.new_context

    def watching_new_context(*args, **kwargs):
        context = new_context(*args, **kwargs)
        checker = getattr(request.node, "accessibility", None)
        # axe runs in the page: a tab without JavaScript is checked by the tests' own means.
        if checker is not None and kwargs.get("java_script_enabled", True):
            context.on("page", checker.watch)
        return context

    browser.new_context = watching_new_context
    return browser


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER is set but there is no Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser(chromium, request):
    """Chromium, each of whose tabs this test opens is checked for accessibility."""
    original = chromium.new_context
    yield watched(chromium, request)
    chromium.new_context = original


@pytest.fixture
def page(browser):
    """A Dutch visitor's tab. Whatever the test does in it, nothing may be refused by the
    site's Content-Security-Policy (Chromium says so on the console)."""
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert refused == []


def wait_until(page, expression: str, timeout: float = 15.0) -> None:
    """Wait until the JavaScript expression is true in the page, asking from here.

    Playwright's wait_for_function evaluates its predicate with eval in the page, which
    the site's Content-Security-Policy refuses (no 'unsafe-eval'); page.evaluate goes
    through the browser's debugging protocol, which the policy does not govern.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(50)
