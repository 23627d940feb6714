"""Python values <-> librma JSON text.

Requests: dicts, lists and tuples become JSON objects and arrays; aware ``datetime`` values become
ISO-8601 UTC strings and ``date`` values ``"YYYY-MM-DD"``; ``bytes`` are decoded as UTF-8. Anything
JSON cannot carry faithfully raises :class:`ValidationError` naming the field, before librma sees it;
so does nesting deeper than librma reads at all (``MAX_JSON_DEPTH`` levels, ``TOO_LARGE``): an
engine refuses anything deeper than its ``limits.max_json_depth`` (64 unless configured).

Responses: strings in keys ending ``"_at"`` (and an event's ``"at"``) become aware UTC ``datetime``
values, ``"expected_completion"`` becomes a ``date``, and so do the dates of sales documents,
sold units, warranty verdicts and contracts (``"date"``, ``"sale_date"``, ``"expires"``, ...: see
``_CIVIL_DATE_KEYS``) when they hold "YYYY-MM-DD" text. The host's own documents
(``custom_fields``, an outbox ``payload``) are returned exactly as stored.
"""

import json
import math
import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any

from . import _rma
from ._errors import Status, ValidationError

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
# The deepest nesting any engine may be configured to read (rma::kMaxJsonDepth). Checked while
# converting, so a deeper value fails here with librma's code instead of exhausting the recursion.
MAX_JSON_DEPTH: int = _rma.MAX_JSON_DEPTH
_MICROSECOND = timedelta(microseconds=1)

# Documents that belong to the host: passed through without looking inside.
_OPAQUE_KEYS = frozenset({"custom_fields", "payload"})
_DATE_KEYS = frozenset({"expected_completion"})
# Keys of the warranty and sales documents whose values are civil dates. Only "YYYY-MM-DD" text is
# converted: some of these names carry other values elsewhere (a policy's "start" is "sale",
# "delivery" or "registration").
_CIVIL_DATE_KEYS = frozenset({
    "date", "delivery_date", "sale_date", "purchase_date", "expires", "supplier_until", "start", "end",
    "registered_on", "today", "start_date", "manufacturer_expires", "legal_expires", "extended_expires",
    "on", "presumption_until", "nominal_end", "ended_on", "erasable_from"})
_CIVIL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_instant_key(key: Any) -> bool:
    return isinstance(key, str) and (key == "at" or key.endswith("_at"))


def _child(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def check_text(value: Any, field: str) -> str:
    """``value`` as a str that encodes to valid UTF-8, or ValidationError naming ``field``."""
    if isinstance(value, (bytes, bytearray)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValidationError(
                Status.INVALID_UTF8, field,
                f"byte 0x{value[exc.start]:02x} at offset {exc.start} is not valid UTF-8") from None
    if not isinstance(value, str):
        raise ValidationError(Status.WRONG_TYPE, field, f"expected a string, got {type(value).__name__}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        # A lone surrogate, typically from bytes decoded with errors="surrogateescape".
        raise ValidationError(
            Status.INVALID_UTF8, field,
            f"character U+{ord(value[exc.start]):04X} at index {exc.start} cannot be encoded as UTF-8") from None
    return value


def instant_to_iso(value: datetime, field: str) -> str:
    """An aware datetime as librma's ISO-8601 UTC text; naive datetimes are refused."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(
            Status.INVALID_ARGUMENT, field,
            f"naive datetime {value.isoformat()} has no time zone; "
            "pass an aware one, e.g. datetime.now(timezone.utc)")
    return value.astimezone(timezone.utc).replace(tzinfo=None).isoformat() + "Z"


def instant_to_micros(value: Any, field: str) -> int:
    """An aware datetime as microseconds since 1970-01-01T00:00:00Z."""
    if not isinstance(value, datetime):
        raise ValidationError(Status.WRONG_TYPE, field, f"expected a datetime, got {type(value).__name__}")
    instant_to_iso(value, field)  # refuses naive values with the same message
    return (value - EPOCH) // _MICROSECOND


def _check_depth(depth: int, path: str) -> None:
    if depth > MAX_JSON_DEPTH:
        raise ValidationError(Status.TOO_LARGE, path,
                              f"JSON nested {depth} levels deep, more than the limit of {MAX_JSON_DEPTH}")


def to_json_value(value: Any, path: str = "", depth: int = 0) -> Any:
    """A copy of ``value`` made only of what ``json.dumps`` writes faithfully; ``depth`` is the
    nesting of the containers around it."""
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, (str, bytes, bytearray)):
        return check_text(value, path)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(Status.OUT_OF_RANGE, path, f"{value} is not a finite number")
        return value
    if isinstance(value, datetime):  # before date: a datetime is a date too
        if path.rsplit(".", 1)[-1] in _DATE_KEYS:
            raise ValidationError(Status.WRONG_TYPE, path, "expected a date, got a datetime")
        return instant_to_iso(value, path)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        _check_depth(depth + 1, path)
        result = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValidationError(Status.WRONG_TYPE, path, f"object keys must be strings, got {key!r}")
            key = check_text(key, _child(path, "<key>"))
            result[key] = to_json_value(item, _child(path, key), depth + 1)
        return result
    if isinstance(value, (list, tuple)):
        _check_depth(depth + 1, path)
        return [to_json_value(item, f"{path}[{index}]", depth + 1) for index, item in enumerate(value)]
    raise ValidationError(Status.WRONG_TYPE, path, f"a {type(value).__name__} cannot be sent as JSON")


def encode(value: Any, path: str = "") -> str:
    """JSON text for a request."""
    return json.dumps(to_json_value(value, path), ensure_ascii=False, separators=(",", ":"))


def _instant_from_iso(text: str) -> Any:
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text  # not an instant after all; hand it over unchanged
    if parsed.tzinfo is None:  # librma writes UTC, with or without the "Z"
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _date_from_iso(text: str) -> Any:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def from_json_value(value: Any, key: Any = None) -> Any:
    """A decoded response with its instants and dates as datetime and date objects."""
    if isinstance(value, dict):
        return {k: (v if k in _OPAQUE_KEYS else from_json_value(v, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [from_json_value(item) for item in value]
    if isinstance(value, str):
        if _is_instant_key(key):
            return _instant_from_iso(value)
        if key in _DATE_KEYS:
            return _date_from_iso(value)
        if key in _CIVIL_DATE_KEYS and _CIVIL_DATE.fullmatch(value):
            return _date_from_iso(value)
    return value


def decode(text: str) -> Any:
    """A response's JSON text as Python values."""
    return from_json_value(json.loads(text))
