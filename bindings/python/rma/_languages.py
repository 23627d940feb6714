"""Languages for rma.Engine: message catalogs and formatting for a reader (docs/languages.md)."""

from collections.abc import Mapping, Sequence
from typing import Any, Callable, Dict, List, Optional, cast

Json = Dict[str, Any]


class Languages:
    """The language commands of :class:`rma.Engine` (docs/languages.md).

    librma ships message catalogs for en, it, pl, ro and de; a host adds languages and overrides
    keys with its own catalog document. Texts fall back along the reader's chain (``"de-AT"``,
    then ``"de"``, then ``"en"``) and a key is never shown. Answers that carry labels
    (:meth:`get_case`, :meth:`customer_view`, :meth:`case_transitions`) take ``lang``; without it
    they are in the reader's language (a customer's stored one, else English).
    """

    call: Callable[..., Any]

    def configure_languages(self, actor: str, document: Mapping[str, Any]) -> Json:
        """Stores the host's catalog document, ``{"languages": {"<tag>": {"<key>": "<ICU
        MessageFormat text>"}}}`` (admin or system), replacing the one stored before, and returns
        it. A bad tag, key or text raises :class:`rma.ValidationError` naming its path
        (``"languages.de-AT.kind.return"``) and stores nothing."""
        return cast(Json, self.call(actor, "language.configure", document))

    def languages_config(self, actor: str) -> Json:
        """The host's stored catalog document (``{"languages": {}}`` while none is)."""
        return cast(Json, self.call(actor, "language.config", {}))

    def check_languages(self, actor: str) -> Json:
        """``{"languages", "keys", "complete", "missing": {"<tag>": [keys]}}``: the keys each
        language lacks before it falls back to English (staff only)."""
        return cast(Json, self.call(actor, "language.check", {}))

    def format_texts(self, actor: str, values: Sequence[Mapping[str, Any]], lang: Optional[str] = None) -> List[str]:
        """Formats each value for a reader of ``lang`` (default: the actor's own language), one
        text per value: ``{"money": "12.08 EUR"}``, ``{"plural": 5}`` (the CLDR category),
        ``{"message": key, "arguments": {...}}``, ``{"pattern": text, "arguments": {...}}``,
        ``{"date": "2026-03-01", "style": "long"}``, ``{"time": "2026-03-01T10:00:00Z",
        "time_zone": "Europe/Warsaw", "date_style": "medium", "time_style": "short"}``,
        ``{"list": ["a", "b"]}``."""
        request: Json = {"values": list(values)}
        if lang is not None:
            request["lang"] = lang
        return cast(List[str], self.call(actor, "language.format", request)["texts"])


__all__ = ["Languages"]
