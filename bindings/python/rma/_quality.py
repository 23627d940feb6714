"""Quality alerts for rma.Engine: SKUs, lots and suppliers whose return rate or share of one
reason rose, by exact tests under a false-discovery-rate bound (docs/reports.md)."""

from datetime import datetime
from typing import Any, Callable, Dict, Optional, Sequence, cast

Json = Dict[str, Any]


class Quality:
    """The quality commands of :class:`rma.Engine`. Needs ``call`` from Engine."""

    call: Callable[..., Any]

    def quality_scan(self, actor: str, *, now: Optional[datetime] = None, window_days: Optional[int] = None,
                     history_days: Optional[int] = None, fdr: Optional[float] = None,
                     min_returns: Optional[int] = None, min_sold: Optional[int] = None,
                     min_ratio: Optional[float] = None, subjects: Optional[Sequence[str]] = None,
                     record: bool = True) -> Json:
        """Tests every SKU, lot and supplier (``subjects``) for a return rate, or a share of one
        reason code, that rose in the last ``window_days`` (30) against its own ``history_days``
        (180) before and against its category: Poisson and binomial tests, Benjamini-Hochberg
        q-values over all of them, alerts where q <= ``fdr`` (0.05) and at least ``min_ratio``
        (1.5) times the expected count was seen. ``min_returns`` (5) and ``min_sold`` (50) keep
        small counts out.

        Returns ``{"window", "history", "tested", "raised", "alerts": [...]}``; each alert has its
        ``id``, evidence (counts, rates, ``expected``, ``p_value``, ``q_value``, ``top_reasons``,
        ``lots``, ``cases``) and record (``raised_now``, ``raised_at``, ``acknowledged_at``). A new
        alert is recorded once (event ``quality.alert``) unless ``record`` is False. Staff only.
        """
        if isinstance(subjects, str):
            raise TypeError("subjects is a list of names, not one string")
        request: Json = {}
        for key, value in (("now", now), ("window_days", window_days), ("history_days", history_days),
                           ("fdr", fdr), ("min_returns", min_returns), ("min_sold", min_sold),
                           ("min_ratio", min_ratio)):
            if value is not None:
                request[key] = value
        if subjects is not None:
            request["subjects"] = list(subjects)
        if not record:
            request["record"] = False
        return cast(Json, self.call(actor, "quality.scan", request))

    def acknowledge_quality_alert(self, actor: str, id: str, note: Optional[str] = None) -> Json:
        """Records that staff saw the alert ``id`` (event ``quality.acknowledged``); returns
        ``{"id", "acknowledged_at", "acknowledged_by", "note", "recorded"}``. Raises
        :class:`rma.NotFound` for an alert never raised. Staff only."""
        request: Json = {"id": id}
        if note is not None:
            request["note"] = note
        return cast(Json, self.call(actor, "quality.acknowledge", request))
