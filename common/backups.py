"""Backups: the database as pg_dump writes it, and the media and private-media folders,
one dated folder per backup; and their restore (manage.py backup / restore).

A backup folder holds `database.dump` (pg_dump's custom format, compressed, which
pg_restore reads table by table), `media.tar.gz` (logos and photos) and
`private-media.tar.gz` (the grants' receipts and reports). PostgreSQL only: SQLite
is for `make run`, where there is nothing to keep.
"""

import os
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django.utils import timezone

DATABASE_DUMP = "database.dump"
MEDIA = "media.tar.gz"
PRIVATE_MEDIA = "private-media.tar.gz"
CONTENTS = (DATABASE_DUMP, MEDIA, PRIVATE_MEDIA)


def database_connection() -> tuple[list[str], dict]:
    """pg_dump's and pg_restore's connection options and environment for the site's
    database (the password goes in PGPASSWORD, not on the command line)."""
    database = connections["default"].settings_dict
    if connections["default"].vendor != "postgresql":
        raise CommandError("Backups are of PostgreSQL (DATABASE_URL); this site runs on SQLite.")
    options = ["--dbname", database["NAME"], "--no-owner", "--no-privileges"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            options += [option, str(database[key])]
    environment = {**os.environ}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]
    return options, environment


def backup(to: Path) -> Path:
    """A new dated folder under `to` with the database and both media folders."""
    options, environment = database_connection()
    folder = Path(to) / f"pauseai-registry-{timezone.now():%Y-%m-%dT%H%M%S}"
    folder.mkdir(parents=True)
    subprocess.run(
        ["pg_dump", "--format=custom", "--compress=6", *options, "--file", folder / DATABASE_DUMP],
        env=environment,
        check=True,
    )
    archive(Path(settings.MEDIA_ROOT), folder / MEDIA)
    archive(Path(settings.PRIVATE_MEDIA_ROOT), folder / PRIVATE_MEDIA)
    return folder


def archive(source: Path, target: Path) -> None:
    with tarfile.open(target, "w:gz") as tar:
        if source.is_dir():
            tar.add(source, arcname=".")


def require_backup(folder: Path) -> Path:
    """The folder, if it holds a backup; else the refusal saying what one holds."""
    folder = Path(folder)
    if not all((folder / name).is_file() for name in CONTENTS):
        raise CommandError(f"{folder} is not a backup: it must hold {', '.join(CONTENTS)}.")
    return folder


def restore(folder: Path) -> None:
    """The backup into the site's database (which should be new and empty: pg_restore
    creates every table) and media folders."""
    folder = require_backup(folder)
    options, environment = database_connection()
    subprocess.run(
        ["pg_restore", "--exit-on-error", "--single-transaction", *options, folder / DATABASE_DUMP],
        env=environment,
        check=True,
    )
    unpack(folder / MEDIA, Path(settings.MEDIA_ROOT))
    unpack(folder / PRIVATE_MEDIA, Path(settings.PRIVATE_MEDIA_ROOT))


def unpack(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source, "r:gz") as tar:
        # Only plain files and folders, inside the target ("data" filter).
        tar.extractall(target, filter="data")
