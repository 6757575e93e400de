"""Two instances, one database and one cache: a login, a rate limit and the page cache
hold across them."""

import secrets
import time

from deploy.tests.conftest import GROUP_NAME, ORGANIZER_EMAIL, PASSWORD
from deploy.tests.site import cookie_header, login_form, manage_shell, post_login


def test_a_login_made_through_a_holds_on_b(deployment, registry):
    a, b = deployment.instance("A", "198.51.100.20"), deployment.instance("B", "198.51.100.20")
    jar, token = login_form(a)
    login = post_login(a, jar, token, ORGANIZER_EMAIL, PASSWORD)
    assert login.status == 302, f"login through A: {login.status} {login.text()[:300]}"
    session = login.cookies()["sessionid"]
    assert session["secure"] and session["httponly"], session.OutputString()
    jar["sessionid"] = session.value
    account = b.get("/en/accounts/email/", headers={"Cookie": cookie_header(jar)})
    assert account.status == 200, f"logged-in page through B: {account.status}"
    assert ORGANIZER_EMAIL in account.text(), "B does not show the organizer's address"
    anonymous = b.get("/en/accounts/email/")
    assert anonymous.status == 302, f"same page without the session: {anonymous.status}"


def test_rate_limits_hit_through_a_hold_through_b(deployment):
    a, b = deployment.instance("A", "198.51.100.30"), deployment.instance("B", "198.51.100.30")
    jar, token = login_form(a)
    for attempt in range(1, 41):
        answer = post_login(a, jar, token, "nobody@deploy-check.example.org", "wrong")
        if answer.status == 429:
            break
        assert answer.status == 200, f"attempt {attempt} through A: {answer.status}"
    else:
        raise AssertionError("40 login attempts through A and no 429")
    through_b = post_login(b, jar, token, "nobody@deploy-check.example.org", "wrong")
    assert through_b.status == 429, f"next attempt through B: {through_b.status}"
    other = deployment.instance("B", "198.51.100.31")
    other_jar, other_token = login_form(other)
    elsewhere = post_login(other, other_jar, other_token, "nobody@example.org", "wrong")
    assert elsewhere.status == 200, f"another client through B: {elsewhere.status}"


def test_a_write_in_a_shell_is_seen_through_both_instances_and_nginx(deployment, registry):
    a, b = deployment.instance("A"), deployment.instance("B")
    for site in (a, b, a, b):
        page = site.get("/en/national-groups/")
        assert page.status == 200 and GROUP_NAME in page.text(), page.status
    renamed = f"{GROUP_NAME} Renamed {secrets.token_hex(3)}"
    manage_shell(
        "from groups.models import NationalGroup; "
        f"NationalGroup.objects.filter(slug='checkland').update(name_en={renamed!r})"
    )
    for which, site in (("B", b), ("A", a)):
        page = site.get("/en/national-groups/")
        assert page.status == 200, page.status
        assert renamed in page.text(), f"{which} still shows the old name"
    # nginx keeps its copy a second at most.
    deadline = time.monotonic() + 2
    while renamed not in deployment.nginx.get("/en/national-groups/").text():
        assert time.monotonic() < deadline, "nginx's answer shows the old name after 2 s"
        time.sleep(0.1)
    manage_shell(
        "from groups.models import NationalGroup; "
        f"NationalGroup.objects.filter(slug='checkland').update(name_en={GROUP_NAME!r})"
    )
