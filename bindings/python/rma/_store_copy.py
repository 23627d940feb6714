"""Engine.copy_store: moving an SQLite database to PostgreSQL (docs/postgresql.md)."""

from typing import Any, Callable, Dict, Optional

from ._convert import check_text, decode, encode
from ._errors import Error, core_call
from ._warranty import _Progress

Json = Any
CopyProgress = Callable[[str, int, int], Any]


class StoreCopy:
    """The Engine method that copies its database to another backend. Needs ``_live`` from
    Engine."""

    _live: Callable[[], Any]

    def copy_store(self, actor: str, to: str, progress: Optional[CopyProgress] = None,
                   progress_every: Optional[int] = None) -> Json:
        """Copies this engine's SQLite database, history included, into the empty PostgreSQL
        schema at ``to`` (a location :class:`Engine` accepts) and verifies every table there by
        row count and content hash before it commits; returns the report ``{"from", "to",
        "schema_version", "tables": [{"table", "rows", "hash"}], "rows", "seconds"}``.

        The copy is of one snapshot: stop the other writers first. Admin only. Raises
        :class:`rma.ConflictError` when the target already holds librma data and :class:`rma.Error`
        (code STORAGE) when the copy fails or does not verify, both naming field ``"to"``; the
        target is unchanged then.

        ``progress(table, rows_done, rows_total)`` is called every ``progress_every`` rows
        (librma's default 10000) and once per table; returning ``False`` cancels the copy, which
        raises :class:`rma.ValidationError` with field ``"progress"`` and writes nothing. An
        exception raised by ``progress`` cancels it too and is raised from here. It runs inside
        the engine's lock and must not call the engine.
        """
        if progress is not None and not callable(progress):
            raise TypeError(f"progress must be a callable or None, got {type(progress).__name__}")
        request: Dict[str, Any] = {"to": check_text(to, "to")}
        if progress_every is not None:
            request["progress_every"] = progress_every
        actor_text = check_text(actor, "actor")
        core = self._live()
        reporter = None if progress is None else _Progress(progress, core)
        try:
            report = core_call(core.store_copy, actor_text, encode(request), reporter)
        except Error:
            if reporter is not None and reporter.error is not None:
                raise reporter.error from None
            raise
        return decode(report)
