"""Socket handlers for participants' phones."""


from flask import request, session
from flask_socketio import join_room, leave_room

from .. import rate_limits
from ..errors import DomainError
from ..extensions import db, socketio
from ..messages import message_for
from ..models import Participant
from ..queries import card_dict, island_snapshot, my_votes, profile_dict
from ..services import cards, participants, votes
from . import broadcast, snapshots
from .acks import acknowledged
from .rooms import event_room, island_room, participant_room


def _seat(event_id: int, island_id: int | None) -> None:
    """Put this connection in the rooms of its event and island, leaving the old island."""
    old = session.get("island_id")
    if old and old != island_id:
        leave_room(island_room(event_id, old))
    join_room(event_room(event_id))
    if island_id:
        join_room(island_room(event_id, island_id))
    broadcast.room_changed_soon(event_id)  # head counts: at most once a second per event
    session["island_id"] = island_id


def _participant() -> tuple[int, int]:
    if "participant_id" not in session:
        raise DomainError("not_joined")
    return session["participant_id"], session["event_id"]


def _writer() -> tuple[int, int]:
    """The phone's participant, for a write: counted against its limit on writes."""
    participant_id, event_id = _participant()
    rate_limits.enforce("phone_write", "too_many_writes", participant_id)
    return participant_id, event_id


@socketio.on("disconnect")
def on_disconnect(reason=None):
    """A phone's connection closed: the seats of every participant it held are kept for a
    grace period, then freed.

    Nothing is broadcast: the counts change only when the grace period is over, and the
    projector and the board ask for them every 15 seconds.
    """
    if "participant_id" in session:
        participants.left(request.sid)


@socketio.on("join")
@acknowledged
def on_join(data):
    """Phone → server: join by code (with its token when it has one), optionally at an island.

    A connection that joined already gets its participant back. Ack: the phone's token and
    a snapshot (a delta after `since`, deflated for `inflate`; see docs/protocol.md), with a
    notice when no seat was found. Broadcast: none.
    """
    participant = participants.join(data.get("code"), data.get("token"),
                                    session.get("participant_id"), request.sid,
                                    request.remote_addr)
    rate_limits.enforce("phone_write", "too_many_writes", participant.id)  # joins write too
    participant, problem = participants.seat_on_arrival(participant, data.get("island_id"))
    notice = message_for(problem) if problem else None
    participants.connected(participant.id, request.sid)
    session["participant_id"], session["event_id"] = participant.id, participant.event_id
    join_room(participant_room(participant.event_id, participant.id))
    _seat(participant.event_id, participant.island_id)
    snapshot = island_snapshot(participant.event_id, participant.island_id, participant.id,
                               **snapshots.known(data, participant.island_id))
    return {"token": participant.token, "notice": notice,
            **snapshots.answer(data, snapshot)}


@socketio.on("choose_island")
@acknowledged
def on_choose_island(data):
    """Phone → server: sit down at an island. Ack: the snapshot of that island."""
    participant_id, event_id = _writer()
    participant = participants.switch_island(participant_id, data.get("island_id"))
    _seat(event_id, participant.island_id)
    return snapshots.answer(data, island_snapshot(
        event_id, participant.island_id, participant_id,
        known_structure=snapshots.known(data, None)["known_structure"]))


@socketio.on("sync")
@acknowledged
def on_sync(data):
    """Phone → server: send me the complete current state. Ack: snapshot."""
    participant_id, event_id = _writer()
    participants.connected(participant_id, request.sid)
    # The island may have changed under the phone (rotation): seat it where the database says.
    island_id = db.session.get(Participant, participant_id).island_id
    _seat(event_id, island_id)
    return snapshots.answer(data, island_snapshot(event_id, island_id, participant_id,
                                                  **snapshots.known(data, island_id)))


@socketio.on("card_submit")
@acknowledged
def on_card_submit(data):
    """Phone → server: a new card with its client id. Ack: the stored card.

    Broadcast: "card" to the island's other phones and to the wall (only when new).
    """
    participant_id, event_id = _writer()
    card, created = cards.submit_card(
        participant_id, data.get("client_id"), data.get("case_id"), data.get("kind"),
        data.get("category_id"), data.get("text"), data.get("detail"))
    return {"card": broadcast.card_submitted(event_id, card, created, skip_sid=request.sid)}


@socketio.on("card_edit")
@acknowledged
def on_card_edit(data):
    """Phone → server: edit an own card. Ack: the card. Broadcast: "card" to island and wall."""
    participant_id, event_id = _writer()
    card = cards.edit_card(participant_id, data.get("card_id"), data.get("kind"),
                           data.get("category_id"), data.get("text"), data.get("detail"))
    item = card_dict(card)
    broadcast.card_changed(event_id, item, skip_sid=request.sid)
    return {"card": {**item, "mine": True, "client_id": card.client_id}}


@socketio.on("card_delete")
@acknowledged
def on_card_delete(data):
    """Phone → server: delete an own card. Ack: the tombstone. Broadcast: to island and wall."""
    participant_id, event_id = _writer()
    item = card_dict(cards.delete_card(participant_id, data.get("card_id")))
    broadcast.card_changed(event_id, item, skip_sid=request.sid)
    return {"card": item}


def _vote(change, data):
    participant_id, event_id = _writer()
    card = change(participant_id, data.get("card_id"))
    broadcast.card_changed(event_id, card_dict(card))
    island_id = session.get("island_id")
    return {"my_votes": my_votes(participant_id, island_id)}


@socketio.on("vote")
@acknowledged
def on_vote(data):
    """Phone → server: place a dot on a card (or its group). Ack: the phone's dots per card.

    Broadcast: the card with its new count to island, wall and staff.
    """
    return _vote(votes.cast, data)


@socketio.on("unvote")
@acknowledged
def on_unvote(data):
    """Phone → server: take one own dot back from a card. Ack and broadcast as for "vote"."""
    return _vote(votes.withdraw, data)


@socketio.on("profile")
@acknowledged
def on_profile(data):
    """Phone → server: the optional profile. Ack: the profile. Broadcast: "room" to the wall."""
    participant_id, event_id = _writer()
    participant = participants.set_profile(
        participant_id, data.get("field_of_work"), data.get("organisation"), data.get("offer"),
        data.get("display_name"))
    broadcast.room_changed_soon(event_id)
    return {"profile": profile_dict(participant)}


@socketio.on("forget_me")
@acknowledged
def on_forget_me(data):
    """Phone → server: "Meine Daten löschen": my profile, my cards and my dots go.

    Ack: nothing more; the connection holds no participant afterwards. Broadcast: each
    deleted card and each card with one dot less ("card") to island, wall and staff; "room".
    """
    participant_id, event_id = _writer()
    for card in participants.forget(participant_id):
        broadcast.card_changed(event_id, card_dict(card))
    broadcast.room_changed_soon(event_id)
    if session.get("island_id"):
        leave_room(island_room(event_id, session["island_id"]))
    leave_room(event_room(event_id))
    for key in ("participant_id", "event_id", "island_id"):
        session.pop(key, None)
    return {}
