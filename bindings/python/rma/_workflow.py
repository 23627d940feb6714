"""Workflows for rma.Engine: transitions, the buttons a host shows, repairs, reopen, delete."""

from collections.abc import Mapping
from typing import Any, Callable, Dict, List, Optional, Tuple, cast

from ._convert import check_text, decode
from ._errors import core_call
from ._warranty import _HoldingLock

Json = Dict[str, Any]
Guard = Callable[[Json], Tuple[bool, str]]


class _Guard:
    """Runs the host's guard on the decoded input and answers librma with ``(passed, message)``;
    a guard that raises or answers anything else refuses the transition, saying why."""

    def __init__(self, name: str, fn: Guard, core: Any) -> None:
        self.name = name
        self.fn = fn
        self.core_key = id(core)  # no reference back to the core: see _Validator

    def __call__(self, input_json: str) -> Tuple[bool, str]:
        try:
            with _HoldingLock(self.core_key):
                answer = self.fn(decode(input_json))
        except Exception as exc:  # host code failing is a reason to refuse, never to crash
            return False, f"the host guard '{self.name}' raised {type(exc).__name__}: {exc}"
        if isinstance(answer, bool):
            return answer, "" if answer else f"refused by the host guard '{self.name}'"
        if (not isinstance(answer, tuple) or len(answer) != 2 or not isinstance(answer[0], bool)
                or not isinstance(answer[1], str)):
            return False, f"the host guard '{self.name}' returned {answer!r}, not (passed, message)"
        return answer

    def __repr__(self) -> str:
        return f"rma workflow guard {self.name!r} {self.fn!r}"


class Workflows:
    """The workflow commands of :class:`rma.Engine` (docs/workflows.md)."""

    call: Callable[..., Any]
    _case_command: Callable[..., Any]
    _live: Callable[[], Any]

    def configure_workflows(self, actor: str, config: Mapping[str, Any]) -> Json:
        """Stores a workflow configuration (admin or system only) and returns it with each
        workflow's version: a changed workflow gets the next version, and running cases keep the
        one they started with."""
        return cast(Json, self.call(actor, "workflow.configure", config))

    def workflow_config(self, actor: str) -> Json:
        """The configuration in force: the default workflows until one is configured."""
        return cast(Json, self.call(actor, "workflow.config", {}))

    def workflow(self, actor: str, id: str, version: int) -> Json:
        """One stored version of a workflow."""
        return cast(Json, self.call(actor, "workflow.get", {"id": id, "version": version}))

    def transition_case(self, actor: str, case_id: int, transition: str, version: Optional[int] = None) -> Json:
        """Runs ``transition`` of the case's workflow and returns the case.

        Raises :class:`rma.PermissionDenied` when the actor's role may not run it, the case is
        not the actor's, or the case is decided; :class:`rma.TransitionError` when the case is
        not in a state the transition starts from or a guard fails. Both are recorded in the
        case history ("access.denied", "transition.denied").
        """
        return cast(Json, self._case_command(actor, "case.transition", case_id, version, transition=transition))

    def case_transitions(self, actor: str, case_id: int, lang: Optional[str] = None) -> List[Json]:
        """The transitions leaving the case's status as ``actor`` sees them: ``{"name", "label",
        "to", "available", "denials": [{"kind", "code", "message"}]}`` — a host's buttons, their
        labels in language ``lang`` (default: the reader's own)."""
        request: Dict[str, Any] = {"case_id": case_id}
        if lang is not None:
            request["lang"] = lang
        return cast(List[Json], self.call(actor, "case.transitions", request)["transitions"])

    def reopen_case(self, actor: str, case_id: int, state: str, reason: str, version: Optional[int] = None) -> Json:
        """Admin only: takes a decided or closed case back to ``state``, unlocking its decision."""
        return cast(Json, self._case_command(actor, "case.reopen", case_id, version, state=state, reason=reason))

    def delete_case(self, actor: str, case_id: int, reason: str) -> None:
        """Admin only: hides the case from every look-up; its history stays."""
        self.call(actor, "case.delete", {"case_id": case_id, "reason": reason})

    def add_repair(self, actor: str, case_id: int, code: str, version: Optional[int] = None,
                   **fields: Any) -> Json:
        """Adds a repair operation (``line_no``, ``description``, ``labour_class``, ``minutes``,
        ``parts`` as ``[{"sku", "quantity", "unit_cost", "currency"}]``, ``paid``)."""
        return cast(Json, self._case_command(actor, "case.add_repair", case_id, version, code=code, **fields))

    def set_repair_status(self, actor: str, case_id: int, repair_id: int, status: str,
                          version: Optional[int] = None) -> Json:
        """Moves a repair operation to "in_progress", "done" or "cancelled"."""
        return cast(Json, self._case_command(actor, "case.set_repair_status", case_id, version, repair_id=repair_id,
                                  status=status))

    def replay_case(self, actor: str, case_id: int) -> Json:
        """The case rebuilt from its history alone (equal to :meth:`get_case`)."""
        return cast(Json, self.call(actor, "case.replay", {"case_id": case_id}))

    def add_workflow_guard(self, name: str, fn: Guard) -> None:
        """Adds a guard that workflow definitions can name as ``{"guard": name}``.

        ``fn(input)`` gets ``{"case": case, "transition": name, "actor": "role:id", "params":
        {...}}`` and returns ``(passed, message)`` (or just a bool). An exception or any other
        answer refuses the transition with a message saying what went wrong. ``fn`` runs with the
        GIL held inside the engine's lock: it must not call the engine. Add guards before
        configuring workflows that use them.
        """
        if not callable(fn):
            raise TypeError(f"add_workflow_guard() needs a callable, got {type(fn).__name__}")
        name_text = check_text(name, "name")
        core = self._live()
        core_call(core.add_workflow_guard, name_text, _Guard(name_text, fn, core))


__all__ = ["Workflows"]
