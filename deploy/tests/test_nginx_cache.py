"""nginx keeps the public pages a second (README, "Page cache"): a second request is
answered from its copy, a visitor with a session never gets one, a private page is never
kept, and a release is seen on the next page."""

import time

from deploy.tests.conftest import ORGANIZER_EMAIL, PASSWORD
from deploy.tests.site import PROJECT, cookie_header, login_form, post_login

TEMPLATE = PROJECT / "templates" / "groups" / "national_group_list.html"
RELEASED = "<!-- deploy-check: the next release -->"


def test_a_public_page_asked_twice_is_answered_from_nginx_the_second_time(deployment, registry):
    first = deployment.nginx.get("/en/communities/")
    second = deployment.nginx.get("/en/communities/")

    assert first.status == second.status == 200
    assert second.header("X-Cache") == "HIT", second.header("X-Cache")
    assert second.body == first.body
    assert second.header("ETag") == first.header("ETag")


def test_a_visitor_with_a_session_never_gets_nginxs_copy(deployment, registry):
    jar, token = login_form(deployment.nginx)
    login = post_login(deployment.nginx, jar, token, ORGANIZER_EMAIL, PASSWORD)
    assert login.status == 302, login.status
    jar["sessionid"] = login.cookies()["sessionid"].value
    deployment.nginx.get("/en/national-groups/")  # a copy for anyone

    own = deployment.nginx.get("/en/national-groups/", headers={"Cookie": cookie_header(jar)})

    assert own.header("X-Cache") == "BYPASS", own.header("X-Cache")
    assert ORGANIZER_EMAIL in own.text(), "the page is not the organizer's own"
    assert "private" in own.header("Cache-Control")


def test_a_private_page_is_never_kept(deployment):
    for _ in range(2):
        login = deployment.nginx.get("/en/accounts/login/")
        assert login.header("X-Cache") == "MISS", login.header("X-Cache")


def test_a_release_with_a_changed_template_is_on_the_next_page_through_nginx(deployment):
    before = TEMPLATE.read_text()
    assert RELEASED not in deployment.nginx.get("/en/national-groups/").text()
    try:
        # The README's update: the new code in place, then each instance restarted in
        # turn, the second once the first answers /healthz.
        TEMPLATE.write_text(before.replace("{% block content %}", "{% block content %}" + RELEASED))
        deployment.a.restart()
        deployment.b.restart()
        restarted = time.monotonic()
        while RELEASED not in (page := deployment.nginx.get("/en/national-groups/")).text():
            # nginx's copy is a second old at most.
            assert time.monotonic() - restarted < 2, "the release is not seen through nginx"
            time.sleep(0.1)
        assert page.status == 200
    finally:
        TEMPLATE.write_text(before)
    deployment.a.restart()
    deployment.b.restart()
