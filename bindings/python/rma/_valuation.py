"""Valuation for rma.Engine: the rules document and what a case is worth and costs."""

from collections.abc import Mapping
from typing import Any, Callable, Dict, Optional, cast

from ._documents import Valuation as ValuationDocument

Json = Dict[str, Any]


class Valuation:
    """The valuation commands of :class:`rma.Engine` (docs/valuation.md).

    Each case carries its stored valuation in ``case["valuation"]`` (``None`` until it can be
    valued); librma recomputes it whenever a command changes the case and records each change as a
    ``case.valued`` event. Amounts are ``"12.34 EUR"`` text, never floats.
    """

    call: Callable[..., Any]
    _live: Callable[[], Any]

    def configure_valuation(self, actor: str, rules: Mapping[str, Any]) -> Json:
        """Stores the valuation rules (admin or system only) and returns them with every member
        written out. A bad document raises :class:`rma.ValidationError` naming its JSON path
        (``"restocking_fees[0].percent_bp"``) and stores nothing."""
        return cast(Json, self.call(actor, "valuation.configure", rules))

    def valuation_rules(self, actor: str) -> Json:
        """The rules in force: the defaults (no fees, no depreciation, 100 % supplier recovery)
        until some are stored."""
        return cast(Json, self.call(actor, "valuation.rules", {}))

    def case_valuation(self, actor: str, case_id: int) -> ValuationDocument:
        """``{"breakdown": [...], "totals": [...]}`` of one case valued now with the rules in
        force, without storing anything (staff only). Each breakdown entry has ``line_no``,
        ``code``, ``label``, ``base``, ``rate_bp`` and ``amount``; each totals entry a
        ``currency`` and its ``refund``, ``refund_net``, ``exchange_difference``, ``repair_cost``,
        ``repair_quote``, ``supplier_recovery``, ``recovery_value``, ``net_cost`` and
        ``claimed_value``."""
        # Built in C++ from librma's own value for staff with an int id (as check_warranty).
        valuation: Optional[ValuationDocument] = self._live().case_valuation(actor, case_id)
        if valuation is not None:
            return valuation
        return cast(ValuationDocument, self.call(actor, "case.valuation", {"case_id": case_id}))


__all__ = ["Valuation"]
