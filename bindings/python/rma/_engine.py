"""rma.Engine: the Pythonic face of the librma engine."""

import os
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union, cast

from . import _rma
from ._audit import Audit
from ._convert import check_text, decode, encode
from ._errors import Error, Status, ValidationError, core_call
from ._deprecated import DeprecatedNames
from ._documents import CaseChanges, CaseDraft, Customer, OutboxMessage, Product, Supplier
from ._warranty import SalesAndWarranty, engine_is_busy
from ._holidays import Holidays
from ._labels import Labels
from ._languages import Languages
from ._privacy import Privacy
from ._sla import Sla
from ._quality import Quality
from ._reports import Reports
from ._store_copy import StoreCopy
from ._valuation import Valuation
from ._workflow import Workflows

Json = Dict[str, Any]
Clock = Callable[[], datetime]
Subscriber = Callable[[Json], Any]
PathLike = Union[str, "os.PathLike[str]"]


def _require_mapping(value: Any, name: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(Status.WRONG_TYPE, name, f"expected a dict, got {type(value).__name__}")
    return value


class _Subscriber:
    """Delivers one event to a Python subscriber as a dict. Its repr names the subscriber, because
    an exception the subscriber raises is reported through sys.unraisablehook with this object."""

    def __init__(self, fn: Subscriber) -> None:
        self.fn = fn

    def __call__(self, event_json: str) -> None:
        self.fn(decode(event_json))

    def __repr__(self) -> str:
        return f"rma subscriber {self.fn!r}"


# A PostgreSQL location may hold a password (key/value `password=...`, a URI's `user:secret@` or
# its `?password=...`): a repr, which ends up in logs and tracebacks, shows it as ***.
_PASSWORD_VALUE = re.compile(r"""(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]+)""")
_URI_SECRET = re.compile(r"(://[^:/@?]*):[^@/?]*@")


def _without_password(location: str) -> str:
    return _URI_SECRET.sub(r"\1:***@", _PASSWORD_VALUE.sub(r"\1***", location))


class Engine(SalesAndWarranty, Workflows, Sla, Holidays, Valuation, Privacy, StoreCopy, Reports, Audit, Quality,
             Labels, Languages, DeprecatedNames):
    """One librma store: an SQLite file, or ``":memory:"``.

    ``Engine(path=":memory:", options=None, clock=None)`` opens (or creates) the store. ``options``
    is the options document of docs/json.md as a dict; ``clock`` is a callable returning the
    current time as an aware ``datetime`` (tests inject one; the default is the system clock).

    Use it as a context manager, or call :meth:`close`; a closed engine raises :class:`rma.Error`.
    An engine may be shared by several Python threads: every command releases the GIL while librma
    works, and librma serializes commands internally.

    Every command names its ``actor`` as ``"role:id"`` text (roles: admin, operator, customer,
    supplier, system), e.g. ``"operator:anna"``. Results are plain dicts and lists. Commands that
    change a case accept ``version``: pass the version you read, and a newer one in the store raises
    :class:`rma.ConflictError` instead of overwriting someone else's change. A failed command
    raises and has changed nothing.

    Methods are named after their JSON op (docs/json.md); the names of librma 0.x still work and
    warn (:class:`rma._deprecated.DeprecatedNames`).

    The ERP feed (:meth:`import_run`, :meth:`import_file`), sold units, warranty verdicts and
    return eligibility come from :class:`rma._warranty.SalesAndWarranty`; workflow transitions,
    repairs, reopen and delete from :class:`rma._workflow.Workflows`; SLA clocks, tick and the
    due-time queries from :class:`rma._sla.Sla`; valuation rules and a case's valuation from
    :class:`rma._valuation.Valuation`; retention, erasure and export of personal data from
    :class:`rma._privacy.Privacy`; message catalogs and formatting for a reader from
    :class:`rma._languages.Languages`.
    """

    def __init__(self, path: PathLike = ":memory:", options: Optional[Mapping[str, Any]] = None,
                 clock: Optional[Clock] = None) -> None:
        path_text = check_text(os.fspath(path), "path")
        options_json = "" if options is None else encode(_require_mapping(options, "options"))
        self._path = path_text
        self._core: Optional[_rma.Engine] = None
        self._core = core_call(_rma.Engine.open, path_text, options_json)
        if clock is not None:
            self.set_clock(clock)

    # -- lifetime -------------------------------------------------------------------------------

    def close(self) -> None:
        """Closes the engine. Idempotent. Commands still running on other threads finish first."""
        core, self._core = self._core, None
        if core is not None:
            core.close()

    @property
    def closed(self) -> bool:
        """True once :meth:`close` has been called."""
        return self._core is None

    def __enter__(self) -> "Engine":
        self._live()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<rma.Engine {_without_password(self._path)!r} ({state})>"

    def _live(self) -> "_rma.Engine":
        core = self._core
        if core is None:
            raise Error(Status.INVALID_ARGUMENT, "engine", "the engine is closed")
        if engine_is_busy(core):
            raise Error(Status.INVALID_ARGUMENT, "engine",
                        "a validator or import progress callback must not call its own engine "
                        "(it runs inside the engine's lock)")
        return core

    # -- the JSON API ---------------------------------------------------------------------------

    def call(self, actor: str, op: str, request: Union[Mapping[str, Any], str, bytes, None] = None) -> Any:
        """Runs one command of the JSON API (docs/json.md) and returns its decoded response.

        ``request`` is a dict (converted like every other request), or JSON text passed to librma
        as it is: str, or bytes that librma itself checks for valid UTF-8.
        """
        actor_text = check_text(actor, "actor")
        op_text = check_text(op, "op")
        if request is None:
            request = {}
        if isinstance(request, (str, bytes)):
            text: Union[str, bytes] = request
        else:
            text = encode(_require_mapping(request, "request"))
        core = self._live()
        # The answer comes back as Python values built in C++ from the JSON value, with the same
        # conversions as decode() of its text (docs/python.md, "Fast paths").
        return core_call(core.call_value, actor_text, op_text, text)

    # -- parties and catalogue ------------------------------------------------------------------

    def upsert_customer(self, actor: str, customer: Customer) -> Json:
        """Creates or replaces the customer ``customer["id"]``; returns it as stored.

        Fields: id, name, tax_id, addresses (list of dicts: kind, line1, line2, city, postal_code,
        region, country), email, phones (list of str), tier, language.
        """
        return cast(Json, self.call(actor, "customer.upsert", _require_mapping(customer, "customer")))

    def get_customer(self, actor: str, id: str) -> Json:
        """The customer ``id``; raises :class:`rma.NotFound` if there is none.

        Staff also get ``fraud_signals``: ``{"raised": [codes], "signals": [{"code", "raised",
        "value", "threshold", "count", "min_count", "cases", "serials"}], "lines",
        "units_returned", "units_bought"}`` (docs/reports.md, "Fraud signals"); a customer or a
        supplier never does. ``upsert_customer`` ignores the member, so a customer read back can
        be stored again as it is.
        """
        return cast(Json, self.call(actor, "customer.get", {"id": id}))

    def upsert_supplier(self, actor: str, supplier: Supplier) -> Json:
        """Creates or replaces the supplier ``supplier["id"]`` (id, name, tax_id, addresses, email,
        phones); returns it as stored."""
        return cast(Json, self.call(actor, "supplier.upsert", _require_mapping(supplier, "supplier")))

    def get_supplier(self, actor: str, id: str) -> Json:
        """The supplier ``id``; raises :class:`rma.NotFound` if there is none."""
        return cast(Json, self.call(actor, "supplier.get", {"id": id}))

    def upsert_operator(self, actor: str, operator: Mapping[str, Any]) -> Json:
        """Creates or replaces the operator ``operator["id"]`` (id, name, email, role, team).

        Once an id is registered, actors using it must claim its registered role.
        """
        return cast(Json, self.call(actor, "operator.upsert", _require_mapping(operator, "operator")))

    def get_operator(self, actor: str, id: str) -> Json:
        """The operator ``id``; raises :class:`rma.NotFound` if there is none."""
        return cast(Json, self.call(actor, "operator.get", {"id": id}))

    def upsert_product(self, actor: str, product: Product) -> Json:
        """Creates or replaces the product ``product["sku"]`` (sku, name, brand, category,
        supplier_id, serialized); returns it as stored."""
        return cast(Json, self.call(actor, "product.upsert", _require_mapping(product, "product")))

    def get_product(self, actor: str, sku: str) -> Json:
        """The product ``sku``; raises :class:`rma.NotFound` if there is none."""
        return cast(Json, self.call(actor, "product.get", {"sku": sku}))

    # -- cases ----------------------------------------------------------------------------------

    def create_case(self, actor: str, draft: CaseDraft, idempotency_key: Optional[str] = None) -> Json:
        """Opens a case from ``draft`` and returns it.

        ``draft`` keys: kind ("return", "repair", "complaint", "customization"), category (for a
        complaint: "quality", "quantity", "transport"), channel ("b2b", "b2c", "retail_chain",
        "supplier"), customer_id, supplier_id, purchased_elsewhere, lines (at least one dict: sku,
        serial, lot, sales_document {document, line}, reason_code, defect_description, condition,
        quantity >= 1, claimed_amount as money text "49.99 EUR", staff only), priority, assignee,
        team, expected_completion (a ``date``), custom_fields.

        Calling again with the same ``idempotency_key`` returns the case the first call created
        instead of a duplicate (a retry after a timeout, an e-mail parsed twice).
        """
        request = dict(_require_mapping(draft, "draft"))
        if idempotency_key is not None:
            request["idempotency_key"] = idempotency_key
        return cast(Json, self.call(actor, "case.create", request))

    def get_case(self, actor: str, case_id: Optional[int] = None, number: Optional[str] = None,
                 lang: Optional[str] = None) -> Json:
        """The case with id ``case_id``, or with RMA number ``number`` as a person typed it (case,
        spaces and separators are forgiven). Give exactly one of the two. With ``lang``
        (a language tag), it also carries ``status_label``, its status in that language, and
        ``lang``."""
        if (case_id is None) == (number is None):
            raise ValidationError(Status.MISSING_FIELD if case_id is None else Status.INVALID_ARGUMENT,
                                  "case_id", "give exactly one of case_id and number")
        request: Json = {"case_id": case_id} if number is None else {"number": number}
        if lang is not None:
            request["lang"] = lang
        return cast(Json, self.call(actor, "case.get", request))

    def _case_command(self, actor: str, op: str, case_id: int, version: Optional[int], **fields: Any) -> Any:
        request: Dict[str, Any] = {"case_id": case_id}
        if version is not None:
            request["version"] = version
        request.update(fields)
        return self.call(actor, op, request)

    def update_case(self, actor: str, case_id: int, changes: CaseChanges, version: Optional[int] = None) -> Json:
        """Applies ``changes`` and returns the updated case.

        ``changes`` keys (each optional): priority, assignee, team, expected_completion
        (a ``date``, or None to clear it), resolution, root_cause, custom_fields (a JSON merge patch
        on the case's object), lines (list of dicts with line_no and any of qty_authorized,
        qty_received, qty_accepted, reason_code, defect_description, condition,
        replacement_serial, claimed_amount as money text or None to clear it).

        On a decided case (``decision_locked``) a change to what it was decided on raises
        :class:`rma.PermissionDenied` with reason ``"decision_locked"``; an admin reopens it first.
        """
        return cast(Json, self._case_command(actor, "case.update", case_id, version,
                                  changes=_require_mapping(changes, "changes")))

    def add_note(self, actor: str, case_id: int, body: str, channel: str = "internal",
                 version: Optional[int] = None) -> Json:
        """Adds a note and returns the case. ``channel`` is "internal" (staff only) or "external"
        (visible to the claimant)."""
        return cast(Json, self._case_command(actor, "case.add_note", case_id, version, channel=channel, body=body))

    def add_attachment(self, actor: str, case_id: int, file_name: str, media_type: str, size_bytes: int,
                       sha256: str, uri: str, visibility: str = "internal",
                       version: Optional[int] = None) -> Json:
        """Records an attachment's metadata and returns the case. The content stays with the host at
        ``uri``; ``sha256`` is 64 lower-case hex digits; ``file_name`` a base name."""
        return cast(Json, self._case_command(actor, "case.add_attachment", case_id, version, file_name=file_name,
                                  media_type=media_type, size_bytes=size_bytes, sha256=sha256, uri=uri,
                                  visibility=visibility))

    def add_action(self, actor: str, case_id: int, title: str, assignee: str = "",
                   due_at: Optional[datetime] = None, version: Optional[int] = None) -> Json:
        """Adds a task (inspect, order parts, ...) with an optional assignee and an aware ``due_at``;
        returns the case."""
        return cast(Json, self._case_command(actor, "case.add_action", case_id, version, title=title,
                                  assignee=assignee, due_at=due_at))

    def complete_action(self, actor: str, case_id: int, action_id: int, version: Optional[int] = None) -> Json:
        """Marks action ``action_id`` done and returns the case."""
        return cast(Json, self._case_command(actor, "case.complete_action", case_id, version, action_id=action_id))

    def split_case(self, actor: str, case_id: int, lines: Sequence[Mapping[str, Any]],
                   version: Optional[int] = None) -> Tuple[Json, Json]:
        """Moves requested quantities to a new case that points back to this one.

        ``lines`` is a list of ``{"line_no": n, "quantity": q}``. Returns ``(original, created)``;
        ``created["split_from"] == original["id"]``.
        """
        result = self._case_command(actor, "case.split", case_id, version, lines=lines)
        return result["original"], result["created"]

    def query_cases(self, actor: str, **filters: Any) -> Json:
        """Finds cases. Returns ``{"items": [case summaries], "total": matches before paging,
        "total_exact": False when more than limits.max_counted_total matched, "next_cursor": the
        next page's cursor or None}``.

        Filters (all optional, all must match): customer_id, status, assignee, team, supplier_id,
        root_cause, kind, channel, category, priority, resolution, serial, sku, lot,
        sales_document, reason_code, number_prefix, created_/updated_/closed_from (aware
        datetime, inclusive) and _to (exclusive), sla_breached, sla_due_within (seconds, 0 to ten
        years: a running SLA clock due after now and at most that long after it), custom_fields
        (name -> scalar);
        sort (docs/json.md lists the names; ties broken by id), descending, limit (1..1000), and
        cursor (the previous page's next_cursor) or offset.
        """
        return cast(Json, self.call(actor, "case.query", filters))

    def history(self, actor: str, case_id: int) -> List[Json]:
        """The case's events, oldest first: dicts with seq, case_id, case_number, at (datetime),
        actor, type and data (what changed, with before/after)."""
        return cast(List[Json], self.call(actor, "case.history", {"case_id": case_id})["events"])

    def customer_view(self, actor: str, case_id: int, lang: Optional[str] = None) -> Json:
        """The case as its claimant may see it: without internal notes, attachments and fields;
        with ``lang``, also ``status_label`` in that language."""
        request: Json = {"case_id": case_id}
        if lang is not None:
            request["lang"] = lang
        return cast(Json, self.call(actor, "case.customer_view", request))

    # -- outbox ---------------------------------------------------------------------------------

    def outbox_post(self, actor: str, case_id: int, topic: str, payload: Mapping[str, Any]) -> OutboxMessage:
        """Queues a message for the host's ERP and returns it (seq, case_id, topic, payload,
        created_at)."""
        return cast(OutboxMessage, self.call(actor, "outbox.post", {"case_id": case_id, "topic": topic,
                                                "payload": _require_mapping(payload, "payload")}))

    def outbox_fetch(self, actor: str, limit: int = 100) -> List[OutboxMessage]:
        """Unacknowledged outbox messages in delivery order, at most ``limit``."""
        return cast(List[OutboxMessage], self.call(actor, "outbox.fetch", {"limit": limit})["messages"])

    def outbox_ack(self, actor: str, seqs: Iterable[int]) -> int:
        """Marks messages delivered; returns how many were pending."""
        if isinstance(seqs, (str, bytes)) or not isinstance(seqs, Iterable):
            raise ValidationError(Status.WRONG_TYPE, "seqs", f"expected a list of ints, got {type(seqs).__name__}")
        return cast(int, self.call(actor, "outbox.ack", {"seqs": list(seqs)})["acknowledged"])

    # -- numbers, stats, batches ----------------------------------------------------------------

    def parse_number(self, actor: str, typed: str) -> Json:
        """Validates an RMA number as a person typed it. Returns ``{"canonical", "year",
        "sequence"}``; raises :class:`rma.NotFound` if it is not a valid number."""
        return cast(Json, self.call(actor, "number.parse", {"number": typed}))

    def stats(self) -> Json:
        """``{"cases", "index_bytes", "last_event_seq"}`` of this engine."""
        return cast(Json, core_call(self._live().stats))

    def batch(self, actor: str, commands: Sequence[Tuple[str, Mapping[str, Any]]], full: bool = False) -> List[Any]:
        """Runs write commands in one transaction: all commit, or none does and the first error is
        raised. ``commands`` is a list of ``(op, request)`` pairs as for :meth:`call`; returns one
        answer per command, in order: ``{"op", "case_id", "version"}`` (``{"op"}`` for a command on
        no case), or with ``full=True`` each command's whole response in the actor's view, up to
        ``limits.max_response_bytes`` in all. Customers and suppliers send at most
        ``limits.max_claimant_batch_commands`` commands."""
        if isinstance(commands, (str, bytes, Mapping)) or not isinstance(commands, Iterable):
            raise ValidationError(Status.WRONG_TYPE, "commands",
                                  f"expected a list of (op, request) pairs, got {type(commands).__name__}")
        items: List[Json] = []
        for index, command in enumerate(commands):
            pair: Any = command  # checked here: callers without a type checker pass anything
            if isinstance(pair, (str, bytes, Mapping)) or not isinstance(pair, Sequence) or len(pair) != 2:
                raise ValidationError(Status.WRONG_TYPE, f"commands[{index}]", "expected an (op, request) pair")
            op, body = pair
            items.append({"op": op, "request": body})
        request: Json = {"commands": items}
        if full:
            request["answers"] = "full"
        return cast(List[Any], self.call(actor, "batch", request)["results"])

    def security_log(self, actor: str, of_actor: Optional[str] = None, limit: int = 100) -> List[Json]:
        """Refusals counted per actor and reason (staff only), most recent first: dicts with
        actor, reason, count, first_at, last_at and last_case_id; only ``of_actor``'s if given."""
        request: Dict[str, Any] = {"limit": limit}
        if of_actor is not None:
            request["actor"] = of_actor
        return cast(List[Json], self.call(actor, "security.log", request)["entries"])

    # -- events and time ------------------------------------------------------------------------

    def subscribe(self, fn: Subscriber, actor: Optional[str] = None) -> int:
        """Calls ``fn(event)`` after every commit, with the event as a dict (see :meth:`history`).

        ``fn`` runs on the thread that ran the command, after the commit, and may call the engine.
        An exception it raises is reported through ``sys.unraisablehook`` and otherwise ignored:
        the data is already committed. Returns a token for :meth:`unsubscribe`.

        With ``actor`` (``"customer:C1"``, a portal session), ``fn`` receives only the events of
        that actor's own cases, of the types and members its view allows.
        """
        if not callable(fn):
            raise TypeError(f"subscribe() needs a callable, got {type(fn).__name__}")
        if actor is not None and not isinstance(actor, str):
            raise ValidationError(Status.WRONG_TYPE, "actor", f"expected a string, got {type(actor).__name__}")
        return cast(int, core_call(self._live().subscribe, _Subscriber(fn), actor))

    def unsubscribe(self, token: int) -> None:
        """Stops the subscription ``token``."""
        core_call(self._live().unsubscribe, token)

    def set_clock(self, clock: Optional[Clock]) -> None:
        """Makes the engine read the time from ``clock()``, which returns an aware ``datetime``;
        None restores the system clock. A clock that raises or returns a naive datetime fails the
        command that asked for the time with :class:`rma.ValidationError` (field ``"clock"``)."""
        if clock is not None and not callable(clock):
            raise TypeError(f"set_clock() needs a callable or None, got {type(clock).__name__}")
        # The extension reads a datetime in timezone.utc itself and hands any other value to
        # instant_to_micros, which converts it or refuses it naming "clock".
        core_call(self._live().set_clock, clock)


__all__ = ["Engine"]
