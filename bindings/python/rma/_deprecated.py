"""Old method names of rma.Engine, kept so that scripts written for librma 0.x keep running.

Each old name warns (DeprecationWarning) and calls the method named after the JSON op; the table
is in docs/python.md ("Deprecated names")."""

import warnings
from typing import Any, Callable

# Old name -> the name of its JSON op (docs/json.md, "One name per concept").
RENAMED = {
    "import_data": "import_run",
    "service_history": "unit_history",
    "available_transitions": "case_transitions",
    "post_message": "outbox_post",
    "pending_messages": "outbox_fetch",
    "acknowledge_messages": "outbox_ack",
}


def warn_renamed(old: str, new: str) -> None:
    warnings.warn(f"rma.Engine.{old} is deprecated: use {new}, named after its JSON op",
                  DeprecationWarning, stacklevel=3)


def _alias(old: str, new: str) -> Callable[..., Any]:
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        warn_renamed(old, new)
        return getattr(self, new)(*args, **kwargs)

    method.__name__ = method.__qualname__ = old
    method.__doc__ = f"Deprecated: :meth:`{new}`, the same call."
    return method


class DeprecatedNames:
    """The names of librma 0.x, each forwarding to its new name."""

    call: Callable[..., Any]

    def breaching_within(self, actor: str, hours: int, limit: int = 100) -> Any:
        """Deprecated: :meth:`sla_due`, which takes seconds (or a timedelta) like every duration
        of librma. Sends the old ``{"hours"}`` request, so its refusals name ``hours``."""
        warn_renamed("breaching_within", "sla_due")
        return self.call(actor, "sla.due", {"hours": hours, "limit": limit})["items"]


for _old, _new in RENAMED.items():
    setattr(DeprecatedNames, _old, _alias(_old, _new))
