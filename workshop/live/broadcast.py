"""The one module that emits; called only after the change is committed.

Phones and the projector get public views (hidden and unapproved cards vanish);
facilitators and island hosts get everything.
"""

from flask import current_app

from ..extensions import socketio
from ..queries import card_dict, public_card, public_room, room_stats
from .rooms import (
    event_room,
    island_room,
    island_staff_room,
    island_wall_room,
    participant_room,
    staff_room,
    wall_room,
)

# One emit to a list of rooms encodes the message once and reaches a connection that is in
# several of the rooms only once.


def _to_staff(name: str, data: dict, event_id: int, island_id: int) -> None:
    socketio.emit(name, data, to=[staff_room(event_id), island_staff_room(event_id, island_id)])


def _to_island_and_wall(name: str, data: dict, event_id: int, island_id: int,
                        skip_sid: str | None = None) -> None:
    socketio.emit(name, data, to=[island_room(event_id, island_id), wall_room(event_id),
                                  island_wall_room(event_id, island_id)], skip_sid=skip_sid)


def card_changed(event_id: int, card: dict, skip_sid: str | None = None,
                 author: dict | None = None) -> None:
    """A card was created, edited, moderated, voted on, grouped or deleted.

    With `author` (participant_id and client_id) the card was moderated: its author's phones
    also get their own view of it, so a hidden card says so there instead of vanishing. The
    island's copy has the same rev, so a phone keeps whichever of the two arrives first.
    """
    _to_island_and_wall("card", public_card(card), event_id, card["island_id"], skip_sid)
    _to_staff("card", card, event_id, card["island_id"])
    if author and author["participant_id"] and not card["deleted"]:
        socketio.emit("card", {**card, "mine": True, "client_id": author["client_id"]},
                      to=participant_room(event_id, author["participant_id"]))


def card_submitted(event_id: int, card, created: bool, skip_sid: str | None = None) -> dict:
    """A phone's card was stored (over the socket or HTTP): announce it when it is new, and
    return the author's view of it (a retry of the same client id gets the same card)."""
    item = card_dict(card, votes=0 if created else None)  # a new card has no dots yet
    if created:
        card_changed(event_id, item, skip_sid)
    return {**item, "mine": True, "client_id": card.client_id}


def group_changed(event_id: int, group: dict) -> None:
    """A group was made, renamed or dissolved (its cards are announced separately)."""
    _to_island_and_wall("group", group, event_id, group["island_id"])
    _to_staff("group", group, event_id, group["island_id"])


def agreement_changed(event_id: int, agreement: dict) -> None:
    """An agreement (next step) was saved or removed."""
    _to_island_and_wall("agreement", agreement, event_id, agreement["island_id"])
    _to_staff("agreement", agreement, event_id, agreement["island_id"])


def logged(event_id: int, entry: dict) -> None:
    """A moderation action, for the facilitators' log and that island's host."""
    rooms = [staff_room(event_id)]
    if entry.get("island_id"):
        rooms.append(island_staff_room(event_id, entry["island_id"]))
    socketio.emit("log", entry, to=rooms)


def state_changed(event_id: int, state: dict) -> None:
    """Phase, timer or settings changed: every screen of the event follows at once."""
    socketio.emit("state", state, to=event_room(event_id))


def room_changed(event_id: int) -> dict:
    """Someone moved, filled in a profile or was moderated: the room view, public and staff.

    Returns the staff view it sent.
    """
    room = room_stats(event_id)
    socketio.emit("room", public_room(room), to=wall_room(event_id))
    socketio.emit("room", room, to=staff_room(event_id))
    return room


_rooms_due: set[int] = set()  # events with a room update on its way


def room_changed_soon(event_id: int) -> None:
    """Joins and profiles come in bursts: one room update per event and second at most.

    Counting the room for each of a hundred phones arriving at once would cost more than
    the joins; the projector and the board are a second late instead.
    """
    delay = current_app.config.get("WORKSHOP_ROOM_UPDATE_DELAY", 1.0)
    if not delay:
        room_changed(event_id)
        return
    if event_id in _rooms_due:
        return
    _rooms_due.add(event_id)
    app = current_app._get_current_object()

    def later():
        socketio.sleep(delay)
        _rooms_due.discard(event_id)
        with app.app_context():
            room_changed(event_id)

    socketio.start_background_task(later)


def link_revoked(room: str) -> None:
    """A secret link was renewed: its screens are told, then leave the room for good.

    Their socket sessions still hold the old token, which every later request checks.
    """
    socketio.emit("revoked", {}, to=room)
    socketio.close_room(room)


def connections_closed(sids: list[str]) -> None:
    """A facilitator's login ended: its open screens are told, then disconnected.

    The disconnect travels through the message queue, so it reaches the worker holding
    the connection; every staff action checks the login again in any case.
    """
    for sid in sids:
        socketio.emit("revoked", {"reason": "signed_out"}, to=sid)
        socketio.server.disconnect(sid, namespace="/")


def event_changed(event_id: int, seq: int) -> None:
    """Structure changed or people were moved: every screen resyncs from a snapshot."""
    socketio.emit("event_changed", {"seq": seq}, to=event_room(event_id))
