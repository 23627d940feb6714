"""Public holidays for rma.Engine: the built-in rules of each country (docs/calendars.md)."""

import json
from collections.abc import Mapping
from typing import Any, Callable, Dict, List, Union, cast

Json = Dict[str, Any]


class Holidays:
    """The public-holiday commands of :class:`rma.Engine`."""

    call: Callable[..., Any]

    def public_holidays(self, actor: str, country: str, year: int, subdivision: str = "") -> List[Json]:
        """The public holidays of ``country`` (ISO 3166-1 alpha-2, ``"PL"``) or of one of its
        subdivisions (``"BY"`` for DE-BY) in ``year``, by date: ``{"date": date, "name": str,
        "substitute": bool}`` (``substitute``: a day off for a holiday falling on a weekend). An
        unknown code raises :class:`rma.ValidationError` naming ``country`` or ``subdivision``."""
        request = {"country": country, "subdivision": subdivision, "year": year}
        return cast(List[Json], self.call(actor, "holidays.list", request)["holidays"])

    def public_holiday_regions(self, actor: str) -> List[Json]:
        """Every country and subdivision with built-in holidays: ``{"country", "subdivision",
        "name"}``, ``subdivision`` ``""`` for the country itself."""
        return cast(List[Json], self.call(actor, "holidays.list", {})["regions"])

    def load_public_holidays(self, actor: str, document: Union[Mapping[str, Any], str]) -> str:
        """Replaces the built-in public holidays with a newer document (the format of
        data/holidays.json, as a dict or JSON text) for the whole process; returns its version.
        Admin or system only; not stored."""
        if isinstance(document, str):
            document = json.loads(document)
        return cast(str, self.call(actor, "holidays.load", document)["version"])


__all__ = ["Holidays"]
