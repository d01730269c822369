"""Checks on plain values shared by services and socket payload parsing."""

from datetime import date

from .errors import DomainError

CARD_TEXT_MAX = 280
CARD_DETAIL_MAX = 500
INTEGER_DIGITS_MAX = 9  # ids and counts: far beyond any real one, below 32 bits
ID_MAX = 10 ** INTEGER_DIGITS_MAX - 1
PAYLOAD_DEPTH_MAX = 4  # a socket payload is a dict of values and short lists of ids


def storable(value: str, field: str | None) -> str:
    """Text the database can store: a lone UTF-16 surrogate (half an emoji) is refused."""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise DomainError("bad_character", field=field) from None
    return value


def payload_values(value, depth: int = PAYLOAD_DEPTH_MAX) -> None:
    """Refuse a socket payload nested deeper than any real one or holding unstorable text.

    Checked once for every handler, so no field (a token, a code, a label) can carry text
    that fails only when the database sees it.
    """
    pending = [(value, 0, None)]
    while pending:
        item, level, field = pending.pop()
        if level > depth:
            raise DomainError("malformed", field=field)
        if isinstance(item, str):
            storable(item, field)
        elif isinstance(item, dict):
            for key, inner in item.items():
                storable(key, field)
                pending.append((inner, level + 1, key if field is None else field))
        elif isinstance(item, list):
            pending.extend((inner, level + 1, field) for inner in item)


def text(value, field: str, max_len: int, required: bool = True) -> str:
    """Return stripped text, or raise when it is missing, not text or too long."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError("malformed", field=field)
    value = value.replace("\r\n", "\n").strip()
    if "\x00" in value:
        raise DomainError("malformed", field=field)
    storable(value, field)
    if required and not value:
        raise DomainError("empty", field=field)
    if len(value) > max_len:
        raise DomainError("too_long", field=field, max=max_len)
    return value


def integer(value, field: str, maximum: int | None = None) -> int:
    """Return a positive int (an id or a count), or raise; bools and floats are not numbers.

    Text must be ASCII digits ("²" is a digit to Python, but no number) and at most nine of
    them; with a maximum, larger numbers get a message that names it.
    """
    if isinstance(value, str) and 0 < len(value) <= INTEGER_DIGITS_MAX and all(
            "0" <= ch <= "9" for ch in value):
        value = int(value)
    if (isinstance(value, bool) or not isinstance(value, int) or value <= 0
            or value > ID_MAX):
        raise DomainError("malformed", field=field)
    if maximum is not None and value > maximum:
        raise DomainError("too_large", field=field, max=maximum)
    return value


def id_list(value, field: str, max_len: int) -> list[int]:
    """A non-empty list of ids (from a socket payload), without repeats, in its order."""
    if not isinstance(value, list) or not value or len(value) > max_len:
        raise DomainError("malformed", field=field)
    return list(dict.fromkeys(integer(item, field) for item in value))


def optional_date(value: str | None, field: str = "date") -> date | None:
    """Parse an ISO date from a form, empty meaning none."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise DomainError("bad_date", field=field) from None


def client_id(value) -> str:
    """A phone-generated id: 8–64 characters of letters, digits and dashes."""
    if (not isinstance(value, str) or not 8 <= len(value) <= 64
            or not all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in value)):
        raise DomainError("malformed", field="client_id")
    return value
