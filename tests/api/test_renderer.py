"""The API's JSON is written by orjson (common/renderers.py), byte for byte as DRF's own
renderer writes it."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from common.renderers import FastJSONRenderer

DATA = [
    {
        "name": "PauseAI België – Ñandú 日本",
        "line separators": "a\u2028b\u2029c",
        "amount": Decimal("1500.00"),
        "when": datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC),
        "day": datetime.date(2026, 12, 1),
        "lazy": gettext_lazy("Active"),
        "position": [4.895168, 52.370216],
        "nothing": None,
        "yes": True,
        "nested": {"links": {"x": "https://x.com/pauseai"}},
    }
]


def test_the_bytes_are_drfs():
    assert FastJSONRenderer().render(DATA) == JSONRenderer().render(DATA)


def test_an_indent_asked_for_is_given():
    indented = FastJSONRenderer().render(DATA, "application/json; indent=2")

    assert indented == JSONRenderer().render(DATA, "application/json; indent=2")
    assert b"\n  " in indented
