"""The one module that emits; called only after the change is committed.

Phones and the projector get public views (hidden and unapproved cards vanish);
facilitators and island hosts get everything.
"""

from ..extensions import socketio
from ..queries import public_card
from .rooms import event_room, island_room, island_staff_room, staff_room, wall_room

# One emit to a list of rooms encodes the message once and reaches a connection that is in
# several of the rooms only once.


def _to_staff(name: str, data: dict, event_id: int, island_id: int) -> None:
    socketio.emit(name, data, to=[staff_room(event_id), island_staff_room(event_id, island_id)])


def _to_island_and_wall(name: str, data: dict, event_id: int, island_id: int,
                        skip_sid: str | None = None) -> None:
    socketio.emit(name, data, to=[island_room(event_id, island_id), wall_room(event_id)],
                  skip_sid=skip_sid)


def card_changed(event_id: int, card: dict, skip_sid: str | None = None) -> None:
    """A card was created, edited, moderated, voted on, grouped or deleted."""
    _to_island_and_wall("card", public_card(card), event_id, card["island_id"], skip_sid)
    _to_staff("card", card, event_id, card["island_id"])


def group_changed(event_id: int, group: dict) -> None:
    """A group was made, renamed or dissolved (its cards are announced separately)."""
    _to_island_and_wall("group", group, event_id, group["island_id"])
    _to_staff("group", group, event_id, group["island_id"])


def agreement_changed(event_id: int, agreement: dict) -> None:
    """An agreement (next step) was saved or removed."""
    _to_island_and_wall("agreement", agreement, event_id, agreement["island_id"])
    _to_staff("agreement", agreement, event_id, agreement["island_id"])


def logged(event_id: int, entry: dict) -> None:
    """A moderation action, for the facilitators' log."""
    socketio.emit("log", entry, to=staff_room(event_id))


def state_changed(event_id: int, state: dict) -> None:
    """Phase, timer or settings changed: every screen of the event follows at once."""
    socketio.emit("state", state, to=event_room(event_id))


def room_changed(event_id: int, room: dict) -> None:
    """Someone joined, moved or filled in a profile: the projector's room view."""
    socketio.emit("room", room, to=wall_room(event_id))
    socketio.emit("room", room, to=staff_room(event_id))


def event_changed(event_id: int, seq: int) -> None:
    """Structure changed or people were moved: every screen resyncs from a snapshot."""
    socketio.emit("event_changed", {"seq": seq}, to=event_room(event_id))
