"""Files: logos and static files from nginx, private files out of reach, the largest
upload through nginx, JSON compressed once and HTML not, and gunicorn's access log."""

import gzip
import json
import re
from pathlib import Path

from deploy.tests.conftest import setting
from deploy.tests.site import PROJECT, Answer


def test_media_and_static_files_come_from_nginx(deployment, registry):
    logo = deployment.nginx.get(registry["logo"])
    assert logo.status == 200, f"logo: {logo.status}"
    assert logo.header("Server").startswith("nginx"), logo.header("Server")
    assert logo.header("Content-Type") == "image/png", logo.header("Content-Type")
    assert logo.header("Cache-Control") == "public, max-age=86400", logo.header("Cache-Control")
    # The app marks every answer of its own; this one has none of its headers.
    for app_header in ("X-Frame-Options", "Vary", "Cross-Origin-Opener-Policy"):
        assert not logo.header(app_header), f"{app_header} on the logo: the app served it"
    from_app = deployment.instance("A").get(registry["logo"])
    assert from_app.status == 404, f"the app itself serves media: {from_app.status}"

    manifest = json.loads((PROJECT / "staticfiles" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    static = deployment.nginx.get(f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})
    assert static.status == 200, f"/static/{hashed}: {static.status}"
    assert static.header("Cache-Control") == "public, max-age=31536000, immutable"
    assert static.header("Content-Encoding") == "gzip", "no .gz copy served"
    plain = deployment.nginx.get("/static/css/site.css")
    assert plain.header("Cache-Control") == "public, max-age=3600"


def test_private_microgrant_files_are_not_reachable(deployment, registry):
    receipt = registry["receipt"]
    for path in (
        f"/media/{receipt}",
        f"/media/../private-media/{receipt}",
        f"/media/%2e%2e/private-media/{receipt}",
        f"/private-media/{receipt}",
    ):
        answer = deployment.nginx.get(path)
        assert b"%PDF" not in answer.body, f"{path} served the receipt"
        assert answer.status in (400, 404), f"{path}: {answer.status}"


def test_the_largest_upload_passes_nginx_and_larger_is_413(deployment):
    limit = int(re.search(r"client_max_body_size (\d+);", deployment.site_conf.read_text())[1])
    boundary = "deploycheck"
    file_bytes = 10 * 1024 * 1024
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; '
        f'filename="receipt.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode()
    body = head + b"%PDF" + b"0" * (file_bytes - 4) + f"\r\n--{boundary}--\r\n".encode()
    upload = deployment.nginx.request(
        "POST",
        "/en/accounts/login/",
        body=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    # Past nginx: the app refuses it (no CSRF token), not nginx for its size.
    assert upload.status == 403, f"a 10 MB upload: {upload.status}"
    connection = deployment.nginx.connection()
    connection.putrequest("POST", "/en/accounts/login/")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(limit + 1))
    connection.endheaders()
    too_large = Answer(connection.getresponse())
    connection.close()
    assert too_large.status == 413, f"a request over {limit} bytes: {too_large.status}"


def test_json_is_compressed_once_and_html_not_at_all(deployment):
    gzip_wanted = {"Accept-Encoding": "gzip"}
    for attempt in ("built", "cached"):
        geojson = deployment.nginx.get("/api/v1/communities.geojson", headers=gzip_wanted)
        assert geojson.status == 200, geojson.status
        assert geojson.header("Content-Encoding") == "gzip", f"{attempt}: not compressed"
        json.loads(gzip.decompress(geojson.body))
    plain = deployment.nginx.get("/api/v1/communities.geojson")
    assert not plain.header("Content-Encoding"), "gzip sent to a client that did not ask"
    json.loads(plain.body)
    page = deployment.nginx.get("/en/national-groups/", headers=gzip_wanted)
    assert not page.header("Content-Encoding"), "HTML compressed (BREACH)"


def test_gunicorn_logs_each_request_with_status_and_duration():
    log = (Path(setting("LOG_DIR")) / "gunicorn-a.log").read_text()
    line = re.search(r'^\S+ "GET /healthz HTTP/1\.[01]" 200 \d+ \d+ms ".*"$', log, re.M)
    assert line, "no access-log line with status and duration for /healthz"
