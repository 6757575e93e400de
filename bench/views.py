"""The bare view: a page's bytes as the real page sent them, read once from disk."""

import functools
import json
from pathlib import Path

from django.http import Http404, HttpResponse

# Written by bench_run before any load: <name>.body and <name>.json (the headers).
SAVED_PAGES = Path(__file__).resolve().parent / "saved_pages"
# The headers that say what the bytes are; the middleware adds the rest, as for the page.
COPIED_HEADERS = ("Content-Type", "Content-Encoding")


@functools.cache
def saved_page(name: str) -> tuple[bytes, dict[str, str]]:
    body = (SAVED_PAGES / f"{name}.body").read_bytes()
    headers = json.loads((SAVED_PAGES / f"{name}.json").read_text(encoding="utf-8"))
    return body, headers


def save_page(name: str, body: bytes, headers: dict[str, str]) -> None:
    SAVED_PAGES.mkdir(exist_ok=True)
    (SAVED_PAGES / f"{name}.body").write_bytes(body)
    copied = {header: headers[header] for header in COPIED_HEADERS if header in headers}
    (SAVED_PAGES / f"{name}.json").write_text(json.dumps(copied), encoding="utf-8")


def bare_page(request, name):
    try:
        body, headers = saved_page(name)
    except FileNotFoundError:
        raise Http404(f"No saved page {name!r}: bench_run saves them first.") from None
    response = HttpResponse(body)
    for header, value in headers.items():
        response[header] = value
    return response
