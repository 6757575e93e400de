"""The set-up check.sh started, as fixtures: nginx, the two instances (which a check may
restart, as a release does), and the organizer, group and receipt the checks use."""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from deploy.tests.site import PROJECT, Site, manage_shell

ORGANIZER_EMAIL = "organizer@deploy-check.example.org"
GROUP_NAME = "PauseAI Checkland"
PASSWORD = secrets.token_urlsafe(16)
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


def setting(name: str) -> str:
    return os.environ[f"DEPLOY_CHECK_{name}"]


def listening(address: str) -> bool:
    host, port = address.split(":")
    try:
        socket.create_connection((host, int(port)), 1).close()
        return True
    except OSError:
        return False


def wait_until(condition, *, seconds: float, message: str):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.2)


@dataclass
class Instance:
    """One gunicorn instance: where it listens, its process group, and its log."""

    name: str
    address: str
    pid: int
    log: Path
    started_here: bool = False

    def stop(self, *, seconds: float = 40) -> None:
        """As `systemctl stop` does: SIGTERM to the master and its workers, which finish
        the requests they are answering."""
        try:
            os.killpg(os.getpgid(self.pid), signal.SIGTERM)
        except ProcessLookupError:
            return
        wait_until(
            lambda: not listening(self.address),
            seconds=seconds,
            message=f"{self.name} never stopped",
        )

    def start(self, *, healthy: bool = True, **environment) -> None:
        """A new instance on the same address, in a session of its own, as systemd would;
        waited for until /healthz is 200 (or, `healthy=False`, until it listens)."""
        with self.log.open("a") as log:
            process = subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py",
                 "--no-control-socket"],
                cwd=PROJECT,
                env={**os.environ, "GUNICORN_BIND": self.address, **environment},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self.pid = process.pid
        self.started_here = True
        if not healthy:
            wait_until(
                lambda: listening(self.address), seconds=30, message=f"{self.name} never listened"
            )
            return
        site = Site(setting("SITE"), setting("CAFILE"), self.address)

        def healthy():
            try:
                return site.get("/healthz", forwarded_proto=None, timeout=5).status == 200
            except OSError:
                return False

        wait_until(healthy, seconds=60, message=f"{self.name} never answered /healthz")

    def restart(self) -> None:
        self.stop()
        self.start()


@dataclass
class Deployment:
    nginx: Site
    a: Instance
    b: Instance
    site_conf: Path
    load_seconds: int
    fixture: dict = field(default_factory=dict)

    def instance(self, which: str, client_ip: str = "127.0.0.1") -> Site:
        chosen = self.a if which == "A" else self.b
        return Site(self.nginx.site, self.nginx.cafile, chosen.address, client_ip)


@pytest.fixture(scope="session")
def deployment():
    (address_a, pid_a), (address_b, pid_b) = (
        instance.split("=") for instance in setting("INSTANCES").split(",")
    )
    logs = Path(setting("LOG_DIR"))
    deployment = Deployment(
        nginx=Site(setting("SITE"), setting("CAFILE")),
        a=Instance("A", address_a, int(pid_a), logs / "gunicorn-a.log"),
        b=Instance("B", address_b, int(pid_b), logs / "gunicorn-b.log"),
        site_conf=Path(setting("SITE_CONF")),
        load_seconds=int(setting("LOAD_SECONDS")),
    )
    yield deployment
    for instance in (deployment.a, deployment.b):
        if instance.started_here:
            instance.stop()


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


@pytest.fixture(scope="session")
def registry(deployment):
    """An organizer, the group 'checkland' with a logo, and a private receipt."""
    code = f"EMAIL = {ORGANIZER_EMAIL!r}; PASSWORD = {PASSWORD!r}; NAME = {GROUP_NAME!r}\n" + SET_UP
    deployment.fixture = json.loads(manage_shell(code).strip().splitlines()[-1])
    return deployment.fixture
