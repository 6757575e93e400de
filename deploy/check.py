"""The production set-up's promises, checked on loopback: run by deploy/check.sh
(make deploy-check), which starts nginx and two gunicorn instances and stops them after.

Speaks plain http.client to nginx over HTTPS (trusting only the certificate check.sh
made) and to each instance directly, with the headers nginx would add (Host,
X-Forwarded-Proto, X-Forwarded-For). One line per check; the exit status is the number
of checks that failed.
"""

import argparse
import gzip
import http.client
import json
import os
import re
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

PROJECT = Path(__file__).resolve().parent.parent
PASSWORD = secrets.token_urlsafe(16)
ORGANIZER_EMAIL = "organizer@deploy-check.example.org"
GROUP_NAME = "PauseAI Checkland"
# The public pages and API answers the load goes to.
PUBLIC_PATHS = [
    "/en/",
    "/en/national-groups/",
    "/en/communities/",
    "/en/microgrants/",
    "/en/national-groups/checkland/",
    "/nl/national-groups/",
    "/api/v1/national-groups/",
    "/api/v1/communities.geojson",
]
TIMEOUT = 30


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


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

    def __init__(self, options, instance: str | None = None, client_ip: str = "127.0.0.1"):
        self.options = options
        self.instance = instance
        self.client_ip = client_ip
        site = urlsplit(options.site)
        self.host, self.port = site.hostname, site.port
        self.authority = site.netloc

    def connection(self, timeout=TIMEOUT):
        if self.instance:
            host, port = self.instance.split(":")
            return http.client.HTTPConnection(host, int(port), timeout=timeout)
        context = ssl.create_default_context(cafile=self.options.cafile)
        return http.client.HTTPSConnection(self.host, self.port, context=context, timeout=timeout)

    def request(self, method, path, *, headers=None, body=None, forwarded_proto="https"):
        headers = dict(headers or {})
        if self.instance:
            # What nginx sends: the client's Host, the scheme it came over, its address.
            headers.setdefault("Host", self.authority)
            if forwarded_proto:
                headers.setdefault("X-Forwarded-Proto", forwarded_proto)
            headers.setdefault("X-Forwarded-For", self.client_ip)
        connection = self.connection()
        try:
            connection.request(method, path, body=body, headers=headers)
            return Answer(connection.getresponse())
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def login_form(site: Site) -> tuple[dict[str, str], str]:
    """The login page's CSRF cookie and the token of its form."""
    page = site.get("/en/accounts/login/")
    assert page.status == 200, f"login page: {page.status}"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text())[1]
    return {"csrftoken": page.cookies()["csrftoken"].value}, token


def post_login(site: Site, jar, token, email, password) -> Answer:
    origin = f"https://{site.authority}"
    return site.request(
        "POST",
        "/en/accounts/login/",
        body=urlencode({"csrfmiddlewaretoken": token, "login": email, "password": password}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(jar),
            "Origin": origin,
            "Referer": f"{origin}/en/accounts/login/",
        },
    )


def manage_shell(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode:
        raise RuntimeError(done.stderr)
    return done.stdout


SET_UP = """
import io, json
from pathlib import Path
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from PIL import Image
from groups.models import NationalGroup

organizer = get_user_model().objects.create_user("deploy-check", EMAIL, PASSWORD)
EmailAddress.objects.create(user=organizer, email=EMAIL, verified=True, primary=True)
picture = io.BytesIO()
Image.new("RGB", (64, 64), (255, 148, 22)).save(picture, "PNG")
group = NationalGroup(name_en=NAME, slug="checkland", country="AQ", status="active")
group.logo.save("checkland.png", ContentFile(picture.getvalue()), save=False)
group.save()
receipt = "microgrants/2026/receipt-deploy-check.pdf"
path = Path(settings.PRIVATE_MEDIA_ROOT) / receipt
path.parent.mkdir(parents=True, exist_ok=True)
path.write_bytes(b"%PDF-1.4 a receipt nobody but the app may serve")
print(json.dumps({"logo": group.logo.url, "receipt": receipt}))
"""


class Checks:
    def __init__(self, options):
        self.options = options
        self.failures = 0
        self.nginx = Site(options)
        (self.address_a, self.pid_a), (self.address_b, self.pid_b) = (
            instance.split("=") for instance in options.instance
        )
        self.pid_a, self.pid_b = int(self.pid_a), int(self.pid_b)

    def instance(self, which: str, client_ip: str = "127.0.0.1") -> Site:
        return Site(self.options, self.address_a if which == "A" else self.address_b, client_ip)

    def run(self, name, check):
        started = time.monotonic()
        try:
            detail = check()
        except Exception as error:  # Any error is the check's failure; the next one runs.
            self.failures += 1
            say(f"FAIL  {name}: {type(error).__name__}: {error}")
            return
        seconds = time.monotonic() - started
        say(f"ok    {name}" + (f" ({detail})" if detail else "") + f" [{seconds:.1f} s]")

    # Start-up

    def instances_answer(self):
        deadline = time.monotonic() + 60
        for which in ("A", "B"):
            while True:
                try:
                    health = self.instance(which).get("/healthz", forwarded_proto=None)
                    if health.status == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise AssertionError(f"instance {which} never answered /healthz")
                time.sleep(0.3)
        health = self.nginx.get("/healthz")
        assert health.status == 200, health.status
        states = json.loads(health.body)
        assert (states["database"], states["cache"], states["mail"]) == ("ok",) * 3, health.text()
        assert "no-store" in health.header("Cache-Control"), health.header("Cache-Control")
        return f"/healthz through nginx: {health.text()}"

    def set_up(self):
        code = (
            f"EMAIL = {ORGANIZER_EMAIL!r}; PASSWORD = {PASSWORD!r}; NAME = {GROUP_NAME!r}\n"
            + SET_UP
        )
        self.fixture = json.loads(manage_shell(code).strip().splitlines()[-1])
        return f"an organizer, group 'checkland' with logo {self.fixture['logo']}, a receipt"

    # HTTPS

    def https(self):
        plain = Site(self.options)
        connection = http.client.HTTPConnection(plain.host, self.options.plain_http_port)
        connection.request("GET", "/en/national-groups/?country=NL")
        redirect = Answer(connection.getresponse())
        connection.close()
        expected = f"https://{plain.authority}/en/national-groups/?country=NL"
        assert redirect.status == 301, f"nginx on plain HTTP: {redirect.status}"
        assert redirect.header("Location") == expected, redirect.header("Location")

        direct = self.instance("A").get("/en/", forwarded_proto=None)
        assert direct.status == 301, f"app without X-Forwarded-Proto: {direct.status}"
        assert direct.header("Location") == f"https://{plain.authority}/en/", direct.header(
            "Location"
        )
        health = self.instance("A").get("/healthz", forwarded_proto=None)
        assert health.status == 200, f"/healthz over plain HTTP: {health.status}"

        login = self.nginx.get("/en/accounts/login/")
        assert login.status == 200, login.status
        csrf = login.cookies()["csrftoken"]
        assert csrf["secure"], f"csrftoken cookie not Secure: {csrf.OutputString()}"
        hsts = login.header("Strict-Transport-Security")
        assert hsts == "max-age=31536000; includeSubDomains", hsts
        slash = self.nginx.get("/en/national-groups")
        assert slash.status == 301, slash.status
        location = slash.header("Location")
        assert not location.startswith("http:"), location
        return (
            f"http→{redirect.status} {expected}; app without the header → 301 https; "
            f"csrftoken Secure; HSTS '{hsts}'; /en/national-groups → {location}"
        )

    # Two instances, one database and one cache

    def login_holds_on_the_other_instance(self):
        a, b = self.instance("A", "198.51.100.20"), self.instance("B", "198.51.100.20")
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
        return "logged in through A (302, Secure HttpOnly session); B shows the account page"

    def rate_limits_are_shared(self):
        a, b = self.instance("A", "198.51.100.30"), self.instance("B", "198.51.100.30")
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
        other = self.instance("B", "198.51.100.31")
        other_jar, other_token = login_form(other)
        elsewhere = post_login(other, other_jar, other_token, "nobody@example.org", "wrong")
        assert elsewhere.status == 200, f"another client through B: {elsewhere.status}"
        return f"429 at attempt {attempt} through A, then 429 through B; another address 200"

    def page_cache_is_shared(self):
        a, b = self.instance("A"), self.instance("B")
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
        through_nginx = self.nginx.get("/en/national-groups/")
        assert renamed in through_nginx.text(), "nginx's answer shows the old name"
        return "cached on both; renamed in a shell; B, A and nginx show the new name at once"

    # Files

    def media_from_nginx(self):
        logo = self.nginx.get(self.fixture["logo"])
        assert logo.status == 200, f"logo: {logo.status}"
        assert logo.header("Server").startswith("nginx"), logo.header("Server")
        assert logo.header("Content-Type") == "image/png", logo.header("Content-Type")
        assert logo.header("Cache-Control") == "public, max-age=86400", logo.header("Cache-Control")
        # The app marks every answer of its own; this one has none of its headers.
        for app_header in ("X-Frame-Options", "Vary", "Cross-Origin-Opener-Policy"):
            assert not logo.header(app_header), f"{app_header} on the logo: the app served it"
        from_app = self.instance("A").get(self.fixture["logo"])
        assert from_app.status == 404, f"the app itself serves media: {from_app.status}"

        manifest = json.loads((PROJECT / "staticfiles" / "staticfiles.json").read_text())
        hashed = manifest["paths"]["css/site.css"]
        static = self.nginx.get(f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})
        assert static.status == 200, f"/static/{hashed}: {static.status}"
        cache_control = static.header("Cache-Control")
        assert cache_control == "public, max-age=31536000, immutable", cache_control
        assert static.header("Content-Encoding") == "gzip", "no .gz copy served"
        plain = self.nginx.get("/static/css/site.css")
        assert plain.header("Cache-Control") == "public, max-age=3600", plain.header(
            "Cache-Control"
        )
        return (
            f"logo 200 from nginx ({logo.header('Server')}, no app headers; app: 404); "
            f"/static/{hashed} a year, immutable, gzip"
        )

    def private_files_not_under_media(self):
        receipt = self.fixture["receipt"]
        tried = [
            f"/media/{receipt}",
            f"/media/../private-media/{receipt}",
            f"/media/%2e%2e/private-media/{receipt}",
            f"/private-media/{receipt}",
        ]
        answers = {}
        for path in tried:
            answer = self.nginx.get(path)
            assert b"%PDF" not in answer.body, f"{path} served the receipt"
            assert answer.status in (400, 404), f"{path}: {answer.status}"
            answers[path] = answer.status
        return ", ".join(f"{path} {status}" for path, status in answers.items())

    def largest_upload_passes_nginx(self):
        limit = int(
            re.search(r"client_max_body_size (\d+);", Path(self.options.site_conf).read_text())[1]
        )
        boundary = "deploycheck"
        file_bytes = 10 * 1024 * 1024
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; '
            f'filename="receipt.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        body = head + b"%PDF" + b"0" * (file_bytes - 4) + f"\r\n--{boundary}--\r\n".encode()
        upload = self.nginx.request(
            "POST",
            "/en/accounts/login/",
            body=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        # Past nginx: the app refuses it (no CSRF token), not nginx for its size.
        assert upload.status == 403, f"a 10 MB upload: {upload.status}"
        connection = self.nginx.connection()
        connection.putrequest("POST", "/en/accounts/login/")
        connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        connection.putheader("Content-Length", str(limit + 1))
        connection.endheaders()
        too_large = Answer(connection.getresponse())
        connection.close()
        assert too_large.status == 413, f"a request over {limit} bytes: {too_large.status}"
        return f"10 MB file → {upload.status} from the app; {limit + 1} bytes → 413 from nginx"

    def json_compressed_once(self):
        gzip_wanted = {"Accept-Encoding": "gzip"}
        for attempt in ("built", "cached"):
            geojson = self.nginx.get("/api/v1/communities.geojson", headers=gzip_wanted)
            assert geojson.status == 200, geojson.status
            assert geojson.header("Content-Encoding") == "gzip", f"{attempt}: not compressed"
            json.loads(gzip.decompress(geojson.body))
        page = self.nginx.get("/en/national-groups/", headers=gzip_wanted)
        assert not page.header("Content-Encoding"), "HTML compressed (BREACH)"
        return "GeoJSON gzip-compressed once (built and from the cache); HTML not compressed"

    def gunicorn_logs_each_request(self):
        log = Path(self.options.gunicorn_log).read_text()
        line = re.search(r'^\S+ "GET /healthz HTTP/1\.[01]" 200 \d+ \d+ms ".*"$', log, re.M)
        assert line, "no access-log line with status and duration for /healthz"
        return f"e.g. {line[0]}"

    # Load

    def stays_up_under_load(self):
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        paths = ", ".join(f'"{path}"' for path in PUBLIC_PATHS)
        script.write(
            f"local paths = {{{paths}}}\nlocal i = 0\n"
            "request = function()\n  i = i % #paths + 1\n"
            '  return wrk.format("GET", paths[i])\nend\n'
        )
        script.close()
        seconds = self.options.load_seconds
        run = subprocess.run(
            ["wrk", "-t2", "-c200", f"-d{seconds}s", "--timeout", "10s", "--latency",
             "-s", script.name, self.options.site],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )  # fmt: skip
        os.unlink(script.name)
        out = run.stdout
        assert run.returncode == 0, run.stderr
        self.load_report = out
        assert "Non-2xx or 3xx responses" not in out, re.search(r"Non-2xx.*", out)[0]
        assert "Socket errors" not in out, re.search(r"Socket errors.*", out)[0]
        requests = re.search(r"(\d+) requests in", out)[1]
        rate = re.search(r"Requests/sec:\s+(\S+)", out)[1]
        p50 = re.search(r"50%\s+(\S+)", out)[1]
        p99 = re.search(r"99%\s+(\S+)", out)[1]
        return (
            f"200 clients, {seconds} s: {requests} requests, {rate}/s, p50 {p50}, p99 {p99}, "
            "no non-2xx/3xx, no socket errors"
        )

    def login_burst_gets_429s(self):
        jar, token = login_form(self.nginx)

        def attempt(number):
            try:
                return post_login(self.nginx, jar, token, f"burst{number}@example.org", "x").status
            except OSError as error:
                return type(error).__name__

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=50) as pool:
            statuses = list(pool.map(attempt, range(50)))
        seconds = time.monotonic() - started
        counted = {str(status): statuses.count(status) for status in set(statuses)}
        assert all(status in (200, 429) for status in statuses), f"answers: {counted}"
        assert 429 in statuses, f"no 429 in a burst of 50: {counted}"
        return f"50 at once from one address in {seconds:.1f} s: {counted}"

    # An instance stops

    def stopping_an_instance_loses_no_request(self):
        statuses, errors, stop = [], [], threading.Event()

        def stream():
            while not stop.is_set():
                try:
                    statuses.append(self.nginx.get(PUBLIC_PATHS[len(statuses) % 8]).status)
                except Exception as error:
                    # A reset, or an answer cut short (IncompleteRead): a lost request.
                    errors.append(repr(error))

        threads = [threading.Thread(target=stream) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        before = len(statuses)
        # As `systemctl stop` or a restart does, mid-stream: SIGTERM to the master and its
        # workers at once; each worker finishes the request it is answering, and nginx
        # sends the next ones to B. (A crash, SIGKILL, can cut short an answer whose
        # headers nginx has already passed on: nothing in front can take that back.)
        os.killpg(os.getpgid(self.pid_a), signal.SIGTERM)
        time.sleep(2.5)
        stop.set()
        for thread in threads:
            thread.join()
        try:
            socket.create_connection(self.address_a.split(":"), 1).close()
            raise AssertionError("instance A still listens")
        except ConnectionRefusedError:
            pass
        bad = [status for status in statuses if status != 200]
        assert not errors, errors[:3]
        assert not bad, f"{len(bad)} of {len(statuses)} not 200: {sorted(set(bad))}"
        return f"{len(statuses)} GETs, A stopped after {before}: all 200, none cut short"

    def media_without_the_app(self):
        os.killpg(os.getpgid(self.pid_b), signal.SIGTERM)
        deadline = time.monotonic() + 40
        while True:
            try:
                socket.create_connection(self.address_b.split(":"), 1).close()
            except ConnectionRefusedError:
                break
            assert time.monotonic() < deadline, "instance B does not stop"
            time.sleep(0.2)
        logo = self.nginx.get(self.fixture["logo"])
        assert logo.status == 200, f"logo with both instances stopped: {logo.status}"
        page = self.nginx.get("/en/")
        assert page.status == 502, f"a page with no instance: {page.status}"
        return "both instances stopped: the logo still 200, pages 502"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--plain-http-port", type=int, required=True)
    parser.add_argument("--cafile", required=True)
    parser.add_argument("--instance", action="append", required=True, help="host:port=pid")
    parser.add_argument("--site-conf", required=True)
    parser.add_argument("--gunicorn-log", required=True)
    parser.add_argument("--load-seconds", type=int, default=30)
    options = parser.parse_args()

    checks = Checks(options)
    checks.run("both instances and nginx answer /healthz", checks.instances_answer)
    if checks.failures:
        return 1
    checks.run("set-up: an organizer, a group with a logo, a private receipt", checks.set_up)
    if checks.failures:
        return 1
    checks.run("HTTPS: redirects, Secure cookies, HSTS", checks.https)
    checks.run("a login made through A holds on B", checks.login_holds_on_the_other_instance)
    checks.run(
        "rate limits are shared: hit through A, held through B", checks.rate_limits_are_shared
    )
    checks.run(
        "the page cache is shared: a write is seen through both", checks.page_cache_is_shared
    )
    checks.run("/media/ and /static/ are served by nginx", checks.media_from_nginx)
    checks.run("private grant files are not reachable", checks.private_files_not_under_media)
    checks.run("the largest upload passes nginx, larger is 413", checks.largest_upload_passes_nginx)
    checks.run("JSON compressed once, HTML not at all", checks.json_compressed_once)
    checks.run(
        "gunicorn logs each request with status and duration", checks.gunicorn_logs_each_request
    )
    checks.run("200 concurrent clients on the public pages", checks.stays_up_under_load)
    checks.run("a burst of 50 logins from one address gets 429s", checks.login_burst_gets_429s)
    checks.run(
        "stopping instance A mid-stream loses no request",
        checks.stopping_an_instance_loses_no_request,
    )
    checks.run("/media/ is served with the app stopped", checks.media_without_the_app)
    say(f"{checks.failures} check(s) failed" if checks.failures else "All checks passed")
    return min(checks.failures, 100)


if __name__ == "__main__":
    sys.exit(main())
