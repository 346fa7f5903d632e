"""How an answer ended, as its header says it (issue 28): the same words for the live answer
(chat_controller) and for a stored one (conversation_list), whichever version is shown.

The store keeps each answer's finish_reason (stop | length | cancelled | interrupted | error)
and status; the repetition guard's end is finish_reason "stop" with the metrics' `repetition`.
"""
from __future__ import annotations

from .i18n import tr


def ending_text(finish_reason: str | None, interrupted: bool = False,
                repetition: bool = False) -> str:
    """A few words for the answer's header; "" when the model ended it itself."""
    if interrupted or finish_reason in ("interrupted", "error"):
        return tr("ended by an error") if finish_reason == "error" else tr("interrupted")
    if finish_reason == "cancelled":
        return tr("stopped")
    if finish_reason == "length":
        return tr("hit the length limit")
    return tr("stopped: it was repeating itself") if repetition else ""


def can_continue(finish_reason: str | None, interrupted: bool = False) -> bool:
    """Continue is offered for an answer cut by the length limit or interrupted (the window
    closed, the engine stopped), not for one the user stopped or an error ended."""
    if finish_reason == "error":
        return False
    return finish_reason in ("length", "interrupted") or interrupted
