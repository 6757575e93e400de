"""Render deploy/nginx/pauseai-registry.conf.template into an nginx site.

Run with the site's environment (the same file systemd gives gunicorn), so nginx's
folders and upload limit are the site's own settings:

    set -a; . /etc/pauseai-registry/env; set +a
    .venv/bin/python deploy/nginx_site.py --server-name registry.pauseai.info \\
        --upstream 127.0.0.1:8001 --upstream 127.0.0.1:8002 > pauseai-registry.conf

Refuses to render a site that would serve PRIVATE_MEDIA_ROOT (inside MEDIA_ROOT or
STATIC_ROOT).
"""

import argparse
import os
import re
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATE = PROJECT / "deploy" / "nginx" / "pauseai-registry.conf.template"
PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
# Room for the form around the largest file: its other fields and multipart's framing.
FORM_OVERHEAD_BYTES = 1024 * 1024


def site_settings():
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pauseai.settings")
    import django
    from django.conf import settings

    django.setup()
    return settings


def largest_request_bytes(settings) -> int:
    """The largest request the site accepts: its largest upload with the form around it,
    or a form without files (DATA_UPLOAD_MAX_MEMORY_SIZE), whichever is larger."""
    largest_file = max(settings.MICROGRANT_FILE_MAX_BYTES, settings.IMAGE_MAX_BYTES)
    return max(largest_file + FORM_OVERHEAD_BYTES, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def is_within(path: Path, folder: Path) -> bool:
    return path.resolve() == folder.resolve() or folder.resolve() in path.resolve().parents


def render(values: dict[str, str]) -> str:
    template = TEMPLATE.read_text(encoding="utf-8")
    missing = set(PLACEHOLDER.findall(template)) - set(values)
    if missing:
        raise SystemExit(f"No value for {', '.join(sorted(missing))}")
    return PLACEHOLDER.sub(lambda match: values[match[1]], template)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server-name", required=True, help="registry.pauseai.info")
    parser.add_argument(
        "--upstream",
        action="append",
        required=True,
        help="a gunicorn instance's host:port (once per instance)",
    )
    parser.add_argument("--certificate", help="default: Let's Encrypt's fullchain.pem")
    parser.add_argument("--certificate-key", help="default: Let's Encrypt's privkey.pem")
    parser.add_argument("--http-port", type=int, default=80)
    parser.add_argument("--https-port", type=int, default=443)
    parser.add_argument("--log-dir", default="/var/log/nginx/pauseai-registry")
    parser.add_argument(
        "--cache-dir",
        default="/var/cache/nginx/pauseai-registry",
        help="where nginx keeps its copies of the public pages (owned by www-data)",
    )
    parser.add_argument(
        "--include",
        action="append",
        default=[],
        help="a file of more locations for the HTTPS server (make bench's static copies)",
    )
    options = parser.parse_args(argv)

    settings = site_settings()
    static_root = Path(settings.STATIC_ROOT)
    media_root = Path(settings.MEDIA_ROOT)
    private_root = Path(settings.PRIVATE_MEDIA_ROOT)
    for served in (static_root, media_root):
        if is_within(private_root, served):
            raise SystemExit(
                f"PRIVATE_MEDIA_ROOT ({private_root}) is inside {served}, which nginx serves: "
                "receipts and reports would be public. Move it out."
            )
    letsencrypt = Path("/etc/letsencrypt/live") / options.server_name.split()[0]
    sys.stdout.write(
        render(
            {
                "SERVER_NAME": options.server_name,
                "UPSTREAM_SERVERS": "\n".join(
                    f"    server {upstream} max_fails=1 fail_timeout=10s;"
                    for upstream in options.upstream
                ),
                "TLS_CERTIFICATE": options.certificate or str(letsencrypt / "fullchain.pem"),
                "TLS_CERTIFICATE_KEY": options.certificate_key or str(letsencrypt / "privkey.pem"),
                "HTTP_PORT": str(options.http_port),
                "HTTPS_PORT": str(options.https_port),
                "HTTPS_PORT_SUFFIX": "" if options.https_port == 443 else f":{options.https_port}",
                "LOG_DIR": options.log_dir,
                "CACHE_DIR": options.cache_dir,
                "EXTRA_LOCATIONS": "\n".join(
                    f"    include {Path(path).resolve()};" for path in options.include
                ),
                "CLIENT_MAX_BODY_SIZE": str(largest_request_bytes(settings)),
                "STATIC_ROOT": str(static_root.resolve()),
                "MEDIA_ROOT": str(media_root.resolve()),
            }
        )
    )


if __name__ == "__main__":
    main()
