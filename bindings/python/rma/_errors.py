"""The rma exception hierarchy and the stable status codes it mirrors."""

import enum
from typing import Any, Callable, Dict, Type

from . import _rma


class Status(enum.IntEnum):
    """librma's stable status codes: the same numbers as ``rma::Status`` and the C ABI."""

    OK = 0
    INVALID_ARGUMENT = 1
    NOT_FOUND = 2
    CONFLICT = 3
    TRANSITION_DENIED = 4
    PERMISSION_DENIED = 5
    MALFORMED_JSON = 6
    MISSING_FIELD = 7
    WRONG_TYPE = 8
    UNKNOWN_VALUE = 9
    OUT_OF_RANGE = 10
    TOO_LARGE = 11
    INVALID_UTF8 = 12
    DUPLICATE = 13
    STORAGE = 14
    NO_MEMORY = 15
    INTERNAL = 16


def status_name(code: int) -> str:
    """The stable lower-case name of a status code (``"not_found"``); ``"unknown"`` otherwise."""
    try:
        return Status(code).name.lower()
    except ValueError:
        return "unknown"


class Error(Exception):
    """Base of every error librma raises.

    Attributes:
        code: the status code (an int; a :class:`Status` when librma knows it).
        status: its stable name, e.g. ``"not_found"``.
        field: the offending input as a JSON-like path (``"lines[1].quantity"``), or ``""``.
        message: what is wrong, naming the value when that helps.
        reason: a stable code telling refusals of one status apart (``"role_not_allowed"``,
            ``"not_own_case"``, ``"decision_locked"``, ``"admin_only"``, a guard's name, …), or
            ``""``; docs/workflows.md lists them.
    """

    def __init__(self, code: int, field: str = "", message: str = "", reason: str = "") -> None:
        super().__init__(code, field, message)
        try:
            self.code: int = Status(code)
        except ValueError:
            self.code = code
        self.status: str = status_name(code)
        self.field: str = field
        self.message: str = message
        self.reason: str = reason

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class NotFound(Error, LookupError):
    """The case, party, action or message does not exist (code 2)."""


class ValidationError(Error, ValueError):
    """The input is wrong: invalid argument (1), malformed JSON (6), missing field (7), wrong type (8),
    unknown value (9), out of range (10), too large (11) or invalid UTF-8 (12)."""


class ConflictError(Error):
    """A stale version or a reused idempotency key (3), or the thing exists already (13)."""


class TransitionError(Error):
    """The workflow does not allow this move from the case's current state (code 4)."""


class PermissionDenied(Error):
    """The actor's role or ownership forbids the command (code 5)."""


_CLASS_BY_CODE: Dict[int, Type[Error]] = {
    Status.INVALID_ARGUMENT: ValidationError,
    Status.NOT_FOUND: NotFound,
    Status.CONFLICT: ConflictError,
    Status.TRANSITION_DENIED: TransitionError,
    Status.PERMISSION_DENIED: PermissionDenied,
    Status.MALFORMED_JSON: ValidationError,
    Status.MISSING_FIELD: ValidationError,
    Status.WRONG_TYPE: ValidationError,
    Status.UNKNOWN_VALUE: ValidationError,
    Status.OUT_OF_RANGE: ValidationError,
    Status.TOO_LARGE: ValidationError,
    Status.INVALID_UTF8: ValidationError,
    Status.DUPLICATE: ConflictError,
}


def error_for(code: int, field: str, message: str, reason: str = "") -> Error:
    """The exception of the right class for a status code."""
    return _CLASS_BY_CODE.get(code, Error)(code, field, message, reason)


# librma's errors are raised as these classes straight from the extension.
_rma.set_error_factory(error_for)


def core_call(fn: Callable[..., Any], *args: Any) -> Any:
    """Runs a call into the extension, turning its RmaError into the rma exception hierarchy."""
    try:
        return fn(*args)
    except _rma.RmaError as exc:
        code, field, message, reason = exc.args
        raise error_for(code, field, message, reason) from None
