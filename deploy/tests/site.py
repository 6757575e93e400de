"""Speaking to the production set-up on loopback: nginx over HTTPS (trusting only the
certificate check.sh made) and each gunicorn instance directly, with the headers nginx
would add (Host, X-Forwarded-Proto, X-Forwarded-For)."""

import http.client
import os
import re
import ssl
import subprocess
import sys
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

PROJECT = Path(__file__).resolve().parent.parent.parent
TIMEOUT = 30


def say(line: str) -> None:
    """A figure for the log of make deploy-check, beside pytest's line for the check."""
    sys.__stdout__.write(f"\n      {line}\n")
    sys.__stdout__.flush()


class Answer:
    def __init__(self, response: http.client.HTTPResponse):
        self.status = response.status
        self.headers = response.headers
        self.body = response.read()

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    def cookies(self) -> SimpleCookie:
        jar = SimpleCookie()
        for value in self.headers.get_all("Set-Cookie") or []:
            jar.load(value)
        return jar

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Site:
    """nginx (HTTPS) or one gunicorn instance (plain HTTP, as nginx speaks to it)."""

    def __init__(self, site: str, cafile: str, instance: str | None = None, client_ip="127.0.0.1"):
        self.site = site
        self.cafile = cafile
        self.instance = instance
        self.client_ip = client_ip
        parts = urlsplit(site)
        self.host, self.port = parts.hostname, parts.port
        self.authority = parts.netloc

    def connection(self, timeout=TIMEOUT):
        if self.instance:
            host, port = self.instance.split(":")
            return http.client.HTTPConnection(host, int(port), timeout=timeout)
        context = ssl.create_default_context(cafile=self.cafile)
        return http.client.HTTPSConnection(self.host, self.port, context=context, timeout=timeout)

    def request(
        self, method, path, *, headers=None, body=None, forwarded_proto="https", timeout=TIMEOUT
    ):
        headers = dict(headers or {})
        if self.instance:
            # What nginx sends: the client's Host, the scheme it came over, its address.
            headers.setdefault("Host", self.authority)
            if forwarded_proto:
                headers.setdefault("X-Forwarded-Proto", forwarded_proto)
            headers.setdefault("X-Forwarded-For", self.client_ip)
        connection = self.connection(timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            return Answer(connection.getresponse())
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def form_of(site: Site, path: str) -> tuple[dict[str, str], str]:
    """A form page's CSRF cookie and the token of its form."""
    page = site.get(path)
    assert page.status == 200, f"{path}: {page.status}"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text())[1]
    return {"csrftoken": page.cookies()["csrftoken"].value}, token


def post_form(site: Site, path: str, jar, token, fields: dict, *, timeout=TIMEOUT) -> Answer:
    origin = f"https://{site.authority}"
    return site.request(
        "POST",
        path,
        body=urlencode({"csrfmiddlewaretoken": token, **fields}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(jar),
            "Origin": origin,
            "Referer": f"{origin}{path}",
        },
        timeout=timeout,
    )


def login_form(site: Site):
    return form_of(site, "/en/accounts/login/")


def post_login(site: Site, jar, token, email, password, *, timeout=TIMEOUT) -> Answer:
    return post_form(
        site,
        "/en/accounts/login/",
        jar,
        token,
        {"login": email, "password": password},
        timeout=timeout,
    )


def manage_shell(code: str) -> str:
    """Run Python in the site's shell, with the set-up's environment (check.sh's)."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ,
    )
    if done.returncode:
        raise RuntimeError(done.stderr)
    return done.stdout
