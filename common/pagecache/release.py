"""What an answer's key holds besides its address and language: the release it was built
by, and the settings the pages show.

A release changes templates, code, translations or static files without writing to the
registry: the README's update steps (pull, collectstatic, restart the instances one
after the other) must still show the new pages at once, pointing at the new hashed
CSS. So each process takes a digest of what it draws pages with when it first serves
one; an instance restarted on a new release keys its answers anew, and never reads
those of the release before. A setting the pages show (the microgrant limits, the map's
tiles) is part of the key too (`watch_settings`), so changing one is seen without a
write.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings

# What draws the pages, under the project folder: the apps' code, the templates, the
# compiled translations and the pinned requirements (a library's new release may draw
# them differently). The static files count through collectstatic's manifest, whose
# names carry each file's hash.
RELEASE_FILES = (
    "pauseai/**/*.py",
    "common/**/*.py",
    "outbox/**/*.py",
    "groups/**/*.py",
    "onboarding/**/*.py",
    "microgrants/**/*.py",
    "templates/**/*",
    "locale/**/*.mo",
    "requirements.txt",
)

_watched_settings: set[str] = set()


def watch_settings(*names: str) -> None:
    """Settings the public pages show (the microgrant limits, the map's tiles): part of
    every answer's key, so a release that changes one is seen on the next request,
    with no write to the registry."""
    _watched_settings.update(names)


def settings_fingerprint() -> str:
    values = repr(sorted((name, getattr(settings, name, None)) for name in _watched_settings))
    return hashlib.sha256(values.encode()).hexdigest()[:16]


@functools.cache
def release() -> str:
    """A digest of the files this process draws pages with, taken once."""
    base = Path(settings.BASE_DIR)
    files = {path for pattern in RELEASE_FILES for path in base.glob(pattern) if path.is_file()}
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        files.add(manifest)
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def forget_release() -> None:
    """For a test that changes a file: take the digest again."""
    release.cache_clear()
