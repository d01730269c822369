"""The one module that emits; called only after the change is committed."""

from ..extensions import socketio
from .rooms import event_room, island_room, wall_room


def card_changed(event_id: int, card: dict, skip_sid: str | None = None) -> None:
    """A card was created, edited or deleted: tell its island and the wall."""
    socketio.emit("card", card, to=island_room(event_id, card["island_id"]), skip_sid=skip_sid)
    socketio.emit("card", card, to=wall_room(event_id))


def event_changed(event_id: int, seq: int) -> None:
    """Structure or phase changed: every screen of the event resyncs."""
    socketio.emit("event_changed", {"seq": seq}, to=event_room(event_id))
