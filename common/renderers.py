"""The API's JSON written by orjson: the same bytes as DRF's JSONRenderer (compact,
UTF-8, U+2028 and U+2029 escaped, dates and decimals by DRF's own encoder), several
times faster for the thousands of rows of the communities and their GeoJSON.

Parts of an answer may come as JSON already written by json_bytes() (orjson.Fragment),
which orjson puts in as they are."""

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

# Everything but str, int, float, bool, None, dict and list as DRF writes it.
AS_DRF_WRITES_IT = JSONEncoder().default


def json_bytes(data) -> bytes:
    """The data as FastJSONRenderer writes it, unindented."""
    text = orjson.dumps(
        data,
        default=AS_DRF_WRITES_IT,
        option=orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS,
    )
    # As DRF does, for JSON inside a <script>.
    return text.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")


class FastJSONRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}):
            # Asked for by a person reading it: DRF's own, indented, of the data as written
            # (so JSON already written is read back).
            return super().render(
                orjson.loads(json_bytes(data)), accepted_media_type, renderer_context
            )
        return json_bytes(data)
