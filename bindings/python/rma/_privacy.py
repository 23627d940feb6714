"""Personal data for rma.Engine: retention, erasure and export (docs/privacy.md)."""

from collections.abc import Mapping
from typing import Any, Callable, Dict, Optional, cast

Json = Dict[str, Any]


def _subject(case_id: Optional[int], customer_id: Optional[str]) -> Json:
    subject: Json = {}
    if case_id is not None:
        subject["case_id"] = case_id
    if customer_id is not None:
        subject["customer_id"] = customer_id
    return subject


class Privacy:
    """The privacy commands of :class:`rma.Engine` (docs/privacy.md).

    A data subject is one case (``case_id``) or a customer with every case of it
    (``customer_id``); name exactly one. Personal values in the history are stored sealed with the
    subject's key; erasure destroys the key and overwrites the current records with
    ``"[erased]"``, so every answer shows them as erased while the history stays as written.
    """

    call: Callable[..., Any]

    def configure_privacy(self, actor: str, config: Mapping[str, Any]) -> Json:
        """Stores the privacy configuration (admin or system only) and returns it with every member
        written out: ``default_retention`` ({"months" or "years", "basis"}), ``retention`` (rules
        with ``country``, ``kind``, a period and a ``basis``) and ``kept_custom_fields``. A bad
        document raises :class:`rma.ValidationError` naming its JSON path
        (``"retention[1].country"``) and stores nothing."""
        return cast(Json, self.call(actor, "privacy.configure", config))

    def privacy_config(self, actor: str) -> Json:
        """The configuration in force: ten years for every case, ``contract`` kept, until one is
        stored."""
        return cast(Json, self.call(actor, "privacy.config", {}))

    def erase_personal_data(self, actor: str, case_id: Optional[int] = None,
                            customer_id: Optional[str] = None) -> Json:
        """Erases the personal data of a case, or of a customer and all its cases (admin or system
        only), once each case's retention period ended. Returns ``{"subject", "erased_at",
        "cases": [{"case_id", "number", "country", "rule", "ended_on", "erasable_from"}],
        "customer"}``. Before the period ends it raises :class:`rma.PermissionDenied` with reason
        ``"retention_period"`` and a message naming the first day erasure is allowed
        (``"case_open"`` while a case is open); a second erasure raises :class:`rma.ConflictError`
        (``"already_erased"``). Nothing is written when it raises."""
        return cast(Json, self.call(actor, "privacy.erase", _subject(case_id, customer_id)))

    def export_personal_data(self, actor: str, case_id: Optional[int] = None,
                             customer_id: Optional[str] = None) -> Json:
        """Everything librma holds about the subject, as stored (GDPR art. 15 and 20):
        ``{"subject", "exported_at", "customer", "customer_erased_at", "customer_history",
        "cases": [{"case", "history", "deleted_at", "erased_at"}]}``; ``customer_history`` is the
        record's own history (its ``customer.upserted`` events, oldest first). Staff may export
        anyone; a customer only itself, in its own view."""
        return cast(Json, self.call(actor, "privacy.export", _subject(case_id, customer_id)))


__all__ = ["Privacy"]
