"""The keyboard's focus is seen: the outline of a focused field stands out from the white
page by at least 3:1 (WCAG 2.1, 1.4.11 non-text contrast), not the accent's 2.2:1."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTRAST_WITH_WHITE = """
    element => {
        const [r, g, b] = getComputedStyle(element).outlineColor.match(/\\d+/g).map(Number);
        const linear = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
        return 1.05 / (luminance + 0.05);
    }
"""


@pytest.mark.parametrize("path", ["/en/accounts/signup/", "/en/accounts/login/"])
def test_a_focused_fields_outline_stands_out_from_the_page(live_server, page, path):
    page.goto(live_server.url + path)
    field = page.locator("main input[type=email], main input[name=login]").first
    field.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")

    assert field.evaluate(CONTRAST_WITH_WHITE) >= 3
