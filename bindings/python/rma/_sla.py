"""SLA for rma.Engine: policies, a case's clocks, tick, what breaches next, compliance."""

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Callable, Dict, List, Optional, Union, cast

from ._errors import Status, ValidationError
from ._rma import Calendar

Json = Dict[str, Any]
# A calendar's name in the SLA configuration ("office") or a calendar document (docs/calendars.md).
CalendarRef = Union[str, Mapping]


def _seconds(value: Union[int, timedelta], field: str) -> int:
    if isinstance(value, timedelta):
        if value % timedelta(seconds=1):
            raise ValidationError(Status.OUT_OF_RANGE, field, f"whole seconds only, got {value!r}")
        return int(value.total_seconds())
    return value


class Sla:
    """The SLA commands of :class:`rma.Engine` (docs/sla.md)."""

    call: Callable[..., Any]
    _live: Callable[[], Any]

    def configure_sla(self, actor: str, config: Mapping[str, Any]) -> Json:
        """Stores the SLA document (calendars and policies; admin or system only) and returns it."""
        return cast(Json, self.call(actor, "sla.configure", config))

    def sla_config(self, actor: str) -> Json:
        """The SLA document in force: the defaults until one is stored."""
        return cast(Json, self.call(actor, "sla.config", {}))

    def case_sla(self, actor: str, case_id: int) -> Json:
        """``{"policy", "clocks": [...], "expected_completion": date}`` of one case now. Each clock
        has ``clock``, ``policy``, ``target_seconds``, ``started_at``, ``due_at``, ``warning_at``,
        business seconds ``elapsed_business_seconds`` and ``remaining_business_seconds``,
        ``paused``, ``stopped``, ``percent_used``, ``warning``, ``breached`` and ``breached_at``."""
        return cast(Json, self.call(actor, "sla.case", {"case_id": case_id}))

    def tick(self, actor: str, now: Optional[datetime] = None) -> List[Json]:
        """Records the warnings and breaches reached by ``now`` (default: the engine's clock) that
        no engine recorded yet, each once, and returns them. Call it periodically."""
        request = {} if now is None else {"now": now}
        return cast(List[Json], self.call(actor, "sla.tick", request)["events"])

    def sla_due(self, actor: str, seconds: Union[int, timedelta], limit: int = 100) -> List[Json]:
        """Open clocks due within the next ``seconds`` (an int or a ``timedelta`` of whole
        seconds), soonest first."""
        return cast(List[Json], self.call(actor, "sla.due", {"seconds": _seconds(seconds, "seconds"), "limit": limit})["items"])

    def overdue(self, actor: str, limit: int = 100) -> List[Json]:
        """Open clocks already due, longest overdue first."""
        return cast(List[Json], self.call(actor, "sla.overdue", {"limit": limit})["items"])

    def sla_compliance(self, actor: str, period: str = "month", time_zone: str = "UTC") -> List[Json]:
        """Met and breached clocks per policy, team, clock and ``period`` ("day", "week", "month")."""
        return cast(List[Json], self.call(actor, "sla.compliance", {"period": period, "time_zone": time_zone})["rows"])

    # -- business-time arithmetic (docs/calendars.md); any actor ---------------------------------

    def calendar(self, actor: str, name: str) -> Calendar:
        """The stored calendar ``name`` of the SLA configuration in force, prepared once for
        business-time arithmetic in C++ (:class:`rma.Calendar`): ``add``, ``between`` and
        ``next_open`` answer what :meth:`calendar_add` and its siblings answer, without a round trip
        through the engine. It keeps the calendar as it was taken; take it again after the SLA
        configuration changes. Raises :class:`rma.NotFound` for an unknown name."""
        result: Calendar = self._live().calendar(actor, name)
        return result

    def calendar_add(self, actor: str, calendar: CalendarRef, at: datetime,
                     seconds: Union[int, timedelta]) -> datetime:
        """The instant ``seconds`` of business time after ``at`` on ``calendar`` (``at`` for 0)."""
        request = {"calendar": calendar, "at": at, "seconds": _seconds(seconds, "seconds")}
        return cast(datetime, self.call(actor, "calendar.add", request)["at"])

    def calendar_between(self, actor: str, calendar: CalendarRef, start: datetime, end: datetime) -> int:
        """Business seconds in [start, end) on ``calendar``; negative when ``end`` is earlier."""
        return cast(int, self.call(actor, "calendar.between", {"calendar": calendar, "from": start, "to": end})["seconds"])

    def calendar_next_open(self, actor: str, calendar: CalendarRef, at: datetime) -> datetime:
        """``at`` when ``calendar`` is open then, else the instant it next opens."""
        return cast(datetime, self.call(actor, "calendar.next_open", {"calendar": calendar, "at": at})["at"])


__all__ = ["Sla"]
