"""URL converters: an id in an address is a number the database can look up, or a 404."""

from flask import Flask
from werkzeug.routing import IntegerConverter

from ..validation import ID_MAX, INTEGER_DIGITS_MAX


class IdConverter(IntegerConverter):
    """`<int:...>` limited to 1…999,999,999: a longer number is no id on SQLite (beyond 2^63)
    nor on PostgreSQL (beyond 2^31), so it is an unknown address, not a server error."""

    regex = rf"[0-9]{{1,{INTEGER_DIGITS_MAX}}}"

    def __init__(self, url_map, fixed_digits=0, min=1, max=ID_MAX, signed=False):
        super().__init__(url_map, fixed_digits, min, max, signed)


def init_app(app: Flask) -> None:
    """Make every `<int:...>` route an id route; call before any blueprint is registered."""
    app.url_map.converters["int"] = IdConverter
