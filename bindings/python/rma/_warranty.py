"""The ERP feed, sold units, warranty verdicts and return eligibility: rma.Engine's methods for them,
kept in their own module (Engine inherits them). See docs/python.md."""

import os
import threading
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Callable, Dict, List, Optional, Tuple, Union, cast

from ._convert import check_text, decode, encode
from ._documents import WarrantyVerdict
from ._errors import Error, Status, ValidationError, core_call

Json = Dict[str, Any]
Progress = Callable[[int, int], Any]
Validator = Callable[[Json], Tuple[str, str, str]]

_OUTCOMES = ("pass", "manual_review", "fail")
_FORMAT_BY_SUFFIX = {".jsonl": "jsonl", ".csv": "csv"}

# Engines whose lock the current thread holds while running a host callback (a validator, an
# import's progress). Calling such an engine from the callback would wait for that lock forever,
# so it raises instead.
_inside = threading.local()
# How many such callbacks run now, on any thread: while none does (nearly always), no thread needs
# to look at its own list, which keeps every call's check to one comparison.
_holding: List[int] = []


def engine_is_busy(core: Any) -> bool:
    """True on a thread that is inside a validator or progress callback of ``core``."""
    return bool(_holding) and id(core) in getattr(_inside, "cores", ())


class _HoldingLock:
    """Marks the current thread as inside a callback of the engine core ``key`` for the block."""

    def __init__(self, key: int) -> None:
        self.key = key

    def __enter__(self) -> None:
        cores = getattr(_inside, "cores", None)
        if cores is None:
            cores = _inside.cores = []
        cores.append(self.key)
        _holding.append(self.key)  # list.append and list.remove are atomic under the GIL

    def __exit__(self, *exc_info: Any) -> None:
        _inside.cores.pop()
        _holding.remove(self.key)


def _date_text(value: Any, field: str) -> str:
    """A ``date`` (or "YYYY-MM-DD" text, which librma checks) as request text."""
    if isinstance(value, datetime):  # a datetime is a date too, but names an instant
        raise ValidationError(Status.WRONG_TYPE, field, "expected a date, got a datetime; pass value.date()")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise ValidationError(Status.WRONG_TYPE, field, f"expected a datetime.date, got {type(value).__name__}")


class _Progress:
    """Calls the host's ``progress(rows_done, rows_total)`` (a copy's ``progress(table, rows_done,
    rows_total)``); keeps an exception it raises (and cancels the work) so that the caller can
    raise it once librma has rolled back."""

    def __init__(self, fn: Callable[..., object], core: Any) -> None:
        self.fn = fn
        self.core_key = id(core)  # not the core itself: see _Validator
        self.error: Optional[BaseException] = None

    def __call__(self, *args: Any) -> bool:
        try:
            with _HoldingLock(self.core_key):
                return self.fn(*args) is not False
        except BaseException as exc:  # KeyboardInterrupt too: import_run raises it after the rollback
            self.error = exc
            return False

    def __repr__(self) -> str:
        return f"rma progress {self.fn!r}"


class HostValidatorBroke(Exception):
    """Raised to librma when a host validator broke its contract (raised, or answered something
    that is not an outcome); librma sends the line to manual review, code "validator_failed",
    message "the host validator '<name>' <this text>" (the rule is librma's, not this module's)."""


class _Validator:
    """Runs the host's validator on the decoded input and answers librma with a checked
    ``(outcome, code, message)``, or raises :class:`HostValidatorBroke` saying what went wrong."""

    def __init__(self, name: str, fn: Validator, core: Any) -> None:
        self.name = name
        self.fn = fn
        # The engine keeps this object: a reference back to the core would be a cycle through C++
        # that the garbage collector cannot see.
        self.core_key = id(core)

    def __call__(self, input_json: str) -> Tuple[str, str, str]:
        try:
            with _HoldingLock(self.core_key):
                answer = self.fn(decode(input_json))
        except Exception as exc:  # any failure of host code is a reason for a person to look
            raise HostValidatorBroke(f"raised {type(exc).__name__}: {exc}") from None
        if not isinstance(answer, tuple) or len(answer) != 3:
            raise HostValidatorBroke(f"returned {answer!r}, not an (outcome, code, message) tuple")
        outcome, code, message = answer
        if outcome not in _OUTCOMES:
            raise HostValidatorBroke(f"returned the outcome {outcome!r}, not 'pass', 'manual_review' or 'fail'")
        code = "" if code is None else code
        message = "" if message is None else message
        if not isinstance(code, str) or not isinstance(message, str):
            raise HostValidatorBroke("returned a code or message that is not a str")
        try:
            code.encode("utf-8")
            message.encode("utf-8")
        except UnicodeEncodeError:
            raise HostValidatorBroke("returned a code or message that cannot be encoded as UTF-8") from None
        return outcome, code, message

    def __repr__(self) -> str:
        return f"rma validator {self.name!r} {self.fn!r}"


class SalesAndWarranty:
    """Engine methods for the ERP feed, sold units, warranty and eligibility. Needs ``call`` and
    ``_live`` from Engine."""

    call: Callable[..., Any]
    _live: Callable[[], Any]

    # -- the ERP feed ---------------------------------------------------------------------------

    def import_run(self, actor: str, kind: str, format: str, content: Union[str, bytes],
                   skip_bad_rows: bool = False, progress: Optional[Progress] = None,
                   progress_every: Optional[int] = None) -> Json:
        """Imports the ERP's ``content`` (the text of a file, not a path) and returns the report.

        ``kind`` is "customers", "products", "suppliers", "sales_documents" or
        "purchase_documents"; ``format`` "jsonl" or "csv" (docs/import.md). ``content`` is a
        ``str`` or UTF-8 ``bytes``; a path (``str`` naming a file, ``pathlib.Path``) is NOT read:
        use :meth:`import_file` for that. Records are upserted by their id, so importing the same
        content twice changes nothing.

        With ``skip_bad_rows`` False one bad row rejects the whole batch: nothing is written and
        the report says ``committed: False``. With True the good rows are written. Either way
        ``report["errors"]`` lists bad rows as ``{"line", "field", "reason", "code"}``: the first
        ``limits.max_import_errors`` (1000) by line; ``report["error_counts"]`` counts every one
        as ``{"field", "reason", "count"}`` (field without array indexes, reason the code), and
        ``report["errors_truncated"]`` is True when some are only counted. The report's other
        keys: rows_read, records_written, records_unchanged, rows_rejected (every error).

        ``progress(rows_done, rows_total)`` is called every ``progress_every`` rows (librma's
        default 10000) and once at the end; returning ``False`` cancels the import, which then
        writes nothing and raises :class:`rma.ValidationError` with field ``"progress"``. An
        exception raised by ``progress`` cancels it too and is raised from here. ``progress`` runs
        inside the engine's lock and must not call the engine.
        """
        if isinstance(content, os.PathLike):
            raise ValidationError(Status.WRONG_TYPE, "content",
                                  f"expected the file's text, got the path {os.fspath(content)!r}; "
                                  "use import_file() to import a file")
        if progress is not None and not callable(progress):
            raise TypeError(f"progress must be a callable or None, got {type(progress).__name__}")
        request: Dict[str, Any] = {"kind": kind, "format": format, "content": check_text(content, "content"),
                                   "skip_bad_rows": skip_bad_rows}
        if progress_every is not None:
            request["progress_every"] = progress_every
        actor_text = check_text(actor, "actor")
        text = encode(request)
        core = self._live()
        reporter = None if progress is None else _Progress(progress, core)
        try:
            report = core_call(core.import_run, actor_text, text, reporter)
        except Error:
            if reporter is not None and reporter.error is not None:
                raise reporter.error from None
            raise
        return cast(Json, decode(report))

    def import_file(self, actor: str, kind: str, path: Union[str, "os.PathLike[str]"],
                    format: Optional[str] = None, skip_bad_rows: bool = False,
                    progress: Optional[Progress] = None, progress_every: Optional[int] = None) -> Json:
        """Reads the file at ``path`` and imports it like :meth:`import_run`. ``format`` defaults
        to the file's suffix: ".jsonl" is "jsonl", ".csv" is "csv"."""
        path_text = os.fspath(path)
        if format is None:
            suffix = os.path.splitext(path_text)[1].lower()
            format = _FORMAT_BY_SUFFIX.get(suffix)
            if format is None:
                raise ValidationError(Status.UNKNOWN_VALUE, "format",
                                      f"cannot tell the format of {path_text!r} from its suffix; "
                                      "pass format='jsonl' or format='csv'")
        with open(path_text, "rb") as file:
            content = file.read()
        return self.import_run(actor, kind, format, content, skip_bad_rows=skip_bad_rows,
                                progress=progress, progress_every=progress_every)

    def get_sales_document(self, actor: str, id: str) -> Json:
        """The sales document ``id`` (date, delivery_date, customer_id, channel, distance_sale,
        currency, jurisdiction, discount, lines with their own discount); raises
        :class:`rma.NotFound` if there is none."""
        return cast(Json, self.call(actor, "sales_document.get", {"id": id}))

    def get_purchase_document(self, actor: str, id: str) -> Json:
        """Our purchase document ``id`` (date, supplier_id, currency, lines with unit_cost and
        serials); raises :class:`rma.NotFound` if there is none."""
        return cast(Json, self.call(actor, "purchase_document.get", {"id": id}))

    def sold_units_by_serial(self, actor: str, serial: str) -> List[Json]:
        """The sales of ``serial``, newest first (empty if it was never sold). Each unit: serial,
        sku, customer_id, document, line_no, quantity, sale_date, delivery_date, channel,
        distance_sale, jurisdiction, currency, unit_price, vat_rate_bp, line_discount, lot,
        dispatch_document, packers."""
        return cast(List[Json], self.call(actor, "sold_units.by_serial", {"serial": serial})["units"])

    def sold_units_by_customer(self, actor: str, customer_id: str, sku: str) -> List[Json]:
        """The units of ``sku`` sold to ``customer_id``."""
        return cast(List[Json], self.call(actor, "sold_units.by_customer", {"customer_id": customer_id, "sku": sku})["units"])

    def sold_units_by_document(self, actor: str, document: str) -> List[Json]:
        """The units sold on sales document ``document``: one per serial, one per line without."""
        return cast(List[Json], self.call(actor, "sold_units.by_document", {"document": document})["units"])

    # -- warranty -------------------------------------------------------------------------------

    def configure_warranty(self, actor: str, config: Mapping[str, Any]) -> Json:
        """Replaces the warranty rules (policies, legal, suppliers, returns, time_zone; see
        docs/warranty.md) and returns them as stored, defaults filled in. Admin only; the rules
        are validated first, and a wrong one raises :class:`rma.ValidationError` naming it."""
        if not isinstance(config, Mapping):
            raise ValidationError(Status.WRONG_TYPE, "config", f"expected a dict, got {type(config).__name__}")
        return cast(Json, self.call(actor, "warranty.configure", config))

    def warranty_config(self, actor: str) -> Json:
        """The warranty rules in force."""
        return cast(Json, self.call(actor, "warranty.config", {}))

    def add_extended_warranty(self, actor: str, serial: str, contract: str, start: date, end: date,
                              coverage: str = "full") -> None:
        """Records extended warranty ``contract`` on ``serial``, valid from ``start`` to ``end``
        inclusive (``datetime.date`` values). ``coverage``: "full", "parts", "labour" or the
        host's own word."""
        self.call(actor, "warranty.add_extended", {
            "serial": serial, "contract": contract, "start": _date_text(start, "start"),
            "end": _date_text(end, "end"), "coverage": coverage})

    def register_unit(self, actor: str, serial: str, registered_on: date) -> None:
        """Records the date the customer registered ``serial`` (policies may count from it). A
        customer may register only units sold to it."""
        self.call(actor, "unit.register", {"serial": serial,
                                           "registered_on": _date_text(registered_on, "registered_on")})

    def check_warranty(self, actor: str, serial: str, on: Optional[date] = None) -> WarrantyVerdict:
        """The warranty verdict on ``serial`` today (in the rules' time zone) or on the date ``on``.

        Keys: covered, coverage ("manufacturer", "legal_guarantee", "extended", "goodwill",
        "none"), expires (a ``date`` or None), days_remaining, supplier_recoverable,
        supplier_until, presumption_until (B2C sales: the last day a defect is presumed to have
        existed at delivery), reasons ([{"code", "message"}]) and evidence (policy, policy_match,
        today, sale_date, delivery_date, start_date, document, purchase_document,
        replaced_serial, manufacturer_expires, legal_expires, extended_expires, periods: [{period,
        rule, start, nominal_end, end, text}]). Reads only.
        """
        # Staff with plain arguments get the verdict built in C++ from librma's own value; anyone
        # else, and any argument to check, goes through the JSON API. The answers are equal.
        verdict: Optional[WarrantyVerdict] = self._live().check_warranty(actor, serial, on)
        if verdict is not None:
            return verdict
        request: Dict[str, Any] = {"serial": serial}
        if on is not None:
            request["on"] = _date_text(on, "on")
        return cast(WarrantyVerdict, self.call(actor, "warranty.check", request))

    def check_eligibility(self, actor: str, case_id: int, line_no: int) -> Json:
        """Return eligibility of one case line: ``{"outcome", "results": [{"validator", "outcome",
        "reason": {"code", "message"}}]}``. Any "fail" rejects; otherwise any "manual_review"
        sends the line to a person. Reads only."""
        return cast(Json, self.call(actor, "case.check_eligibility", {"case_id": case_id, "line_no": line_no}))

    def check_case_line(self, actor: str, case_id: int, line_no: int, version: Optional[int] = None) -> Json:
        """Checks warranty and eligibility of one case line, stores both with the line (its
        "warranty" and "eligibility" keys) and in the history, and returns the case."""
        request: Dict[str, Any] = {"case_id": case_id, "line_no": line_no}
        if version is not None:
            request["version"] = version
        return cast(Json, self.call(actor, "case.check_line", request))

    def unit_history(self, actor: str, serial: str) -> List[Json]:
        """What happened to ``serial``, oldest first: ``{"at", "case_id", "case_number", "type",
        "detail"}`` with type "case.opened", "warranty.checked", "replaced_by" or "replaces"."""
        return cast(List[Json], self.call(actor, "unit.history", {"serial": serial})["records"])

    def add_eligibility_validator(self, name: str, fn: Validator) -> None:
        """Adds a host rule to every eligibility check of this engine, after the built-in ones.

        ``fn(input)`` gets ``{"case": case, "line_no": n, "unit": sold unit or None, "today":
        date}`` and returns ``(outcome, code, message)``: outcome "pass", "manual_review" or
        "fail", a stable reason code and a message for people. An exception, or any other return
        value, counts as "manual_review" with the code "validator_failed" and a message saying
        what went wrong. ``fn`` runs with the GIL held inside the engine's lock: it must not
        call the engine (doing so raises :class:`rma.Error`, which sends the line to review).
        Validators stay until the engine is closed.
        """
        if not callable(fn):
            raise TypeError(f"add_eligibility_validator() needs a callable, got {type(fn).__name__}")
        name_text = check_text(name, "name")
        core = self._live()
        core_call(core.add_eligibility_validator, name_text, _Validator(name_text, fn, core))


__all__ = ["SalesAndWarranty", "engine_is_busy"]
