"""The tamper-evident history for rma.Engine: verify the hash chain, sign a checkpoint, the public
key (docs/audit.md)."""

from typing import Any, Callable, Dict, Iterable, Optional, cast

from ._convert import check_text, decode, encode
from ._errors import Error, core_call
from ._warranty import _Progress

Json = Dict[str, Any]
VerifyProgress = Callable[[int, int], Any]


class Audit:
    """The audit commands of :class:`rma.Engine`. Needs ``_live`` and ``call`` from Engine."""

    _live: Callable[[], Any]
    call: Callable[..., Any]

    def verify_audit(self, actor: str, trusted_keys: Optional[Iterable[str]] = None,
                     from_seq: Optional[int] = None, to_seq: Optional[int] = None,
                     progress: Optional[VerifyProgress] = None,
                     progress_every: Optional[int] = None) -> Json:
        """Walks the audit history's hash chain in seq order (one event in memory at a time) and
        checks every link and every signed checkpoint (staff only). Returns ``{"ok",
        "from_seq", "to_seq", "events_checked", "broken_links", "checkpoints_checked",
        "last_checkpoint": {"seq", "hash", "at", "public_key"} or None, "unsigned_events",
        "public_key", "first_break": {"seq", "case_id", "case_number", "type", "problem",
        "message"} or None}``: a history that does not verify is an answer with ``"ok": False``,
        not an exception.

        ``trusted_keys``: the public keys (hex) an auditor kept apart from the database; a
        checkpoint signed by any other key then fails (``"checkpoint_key"``), so a replaced stored
        key and re-signed checkpoints are found. ``from_seq``/``to_seq`` bound the walk.
        ``progress(events_done, events_total)`` is called every ``progress_every`` events (librma's
        default 100000) and once at the end; returning ``False`` cancels (:class:`rma.ValidationError`
        with field ``"progress"``), and an exception it raises is raised from here. It runs inside
        the engine's lock and must not call the engine.
        """
        if progress is not None and not callable(progress):
            raise TypeError(f"progress must be a callable or None, got {type(progress).__name__}")
        request: Dict[str, Any] = {}
        if trusted_keys is not None:
            if isinstance(trusted_keys, str):
                raise TypeError("trusted_keys must be a list of hex strings, not one string")
            request["trusted_keys"] = [check_text(key, "trusted_keys") for key in trusted_keys]
        for name, value in (("from_seq", from_seq), ("to_seq", to_seq), ("progress_every", progress_every)):
            if value is not None:
                request[name] = value
        actor_text = check_text(actor, "actor")
        core = self._live()
        reporter = None if progress is None else _Progress(progress, core)
        try:
            report = core_call(core.audit_verify, actor_text, encode(request), reporter)
        except Error:
            if reporter is not None and reporter.error is not None:
                raise reporter.error from None
            raise
        return cast(Json, decode(report))

    def export_audit(self, actor: str, from_seq: int = 1, limit: int = 1000) -> Json:
        """One page of the chain as stored (staff): ``{"events": [{"seq", "case_id", "case_number",
        "at_micros", "actor", "type", "data", "hash"}], "checkpoints": [{"seq", "hash",
        "at_micros", "public_key", "signature"}], "next_seq"}``, each event with exactly what its
        hash covers (``data`` is the JSON text hashed, ``case_number`` the column as stored). Ask
        again from ``next_seq`` until it is None; docs/audit.md shows an auditor's check of the
        result that needs nothing of librma."""
        return cast(Json, self.call(actor, "audit.export", {"from_seq": from_seq, "limit": limit}))

    def audit_checkpoint(self, actor: str) -> Json:
        """Signs a checkpoint of the last event now (admin or system) and returns ``{"seq",
        "hash", "at", "public_key"}``; the one stored at that seq already if there is one.
        Raises :class:`rma.NotFound` when the history is empty."""
        return cast(Json, self.call(actor, "audit.checkpoint", {}))

    def audit_public_key(self, actor: str) -> str:
        """The Ed25519 public key (64 hex digits) checkpoints are signed with (staff): the host's
        (options ``{"audit": {"signing_seed": ...}}``) or the one librma generated and stored.
        Keep it apart from the database and pass it to :meth:`verify_audit` as a trusted key."""
        return cast(str, self.call(actor, "audit.public_key", {})["public_key"])
