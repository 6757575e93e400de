"""HTTPS: plain HTTP is redirected by nginx and by the app, cookies are Secure, HSTS."""

import http.client

from deploy.tests.site import Answer, Site


def test_plain_http_is_redirected_and_cookies_are_secure(deployment):
    plain = Site(deployment.nginx.site, deployment.nginx.cafile)
    from deploy.tests.conftest import setting

    connection = http.client.HTTPConnection(plain.host, int(setting("PLAIN_HTTP_PORT")))
    connection.request("GET", "/en/national-groups/?country=NL")
    redirect = Answer(connection.getresponse())
    connection.close()
    expected = f"https://{plain.authority}/en/national-groups/?country=NL"
    assert redirect.status == 301, f"nginx on plain HTTP: {redirect.status}"
    assert redirect.header("Location") == expected, redirect.header("Location")

    direct = deployment.instance("A").get("/en/", forwarded_proto=None)
    assert direct.status == 301, f"app without X-Forwarded-Proto: {direct.status}"
    assert direct.header("Location") == f"https://{plain.authority}/en/"
    health = deployment.instance("A").get("/healthz", forwarded_proto=None)
    assert health.status == 200, f"/healthz over plain HTTP: {health.status}"

    login = deployment.nginx.get("/en/accounts/login/")
    assert login.status == 200, login.status
    csrf = login.cookies()["csrftoken"]
    assert csrf["secure"], f"csrftoken cookie not Secure: {csrf.OutputString()}"
    hsts = login.header("Strict-Transport-Security")
    assert hsts == "max-age=31536000; includeSubDomains", hsts
    slash = deployment.nginx.get("/en/national-groups")
    assert slash.status == 301, slash.status
    assert not slash.header("Location").startswith("http:"), slash.header("Location")
