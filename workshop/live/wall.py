"""Socket handlers for the projector, facilitators and island hosts: follow and moderate."""

import hmac

from flask import request, session
from flask_login import current_user
from flask_socketio import disconnect, join_room
from sqlalchemy import select

from .. import validation
from ..errors import DomainError
from ..extensions import db, socketio
from ..models import Event, Island
from ..overview import overview
from ..queries import (
    agreement_dict,
    card_dict,
    event_state,
    group_dict,
    log_entries,
    public_room,
    room_stats,
    wall_snapshot,
)
from ..services import accounts, agreements, groups, moderation, running
from ..services import projector as projector_service
from ..services.moderation import Actor
from ..sozialraum_queries import visible_event
from . import broadcast
from .acks import acknowledged
from .rooms import event_room, island_staff_room, island_wall_room, staff_room, wall_room


def _find(model, column, token):
    """The row holding this secret token, or None."""
    if not isinstance(token, str) or not token:
        return None
    found = db.session.scalar(select(model).where(column == token))
    if found and hmac.compare_digest(getattr(found, column.key), token):
        return found
    return None


def _by_token(model, column, token):
    """No token: None; a token that opens nothing (renewed, mistyped): refused."""
    if not isinstance(token, str) or not token:
        return None
    found = _find(model, column, token)
    if found is None:
        raise DomainError("forbidden")
    return found


@socketio.on("watch")
@acknowledged
def on_watch(data):
    """Projector (projector_token: the event's, or one island's own), facilitator (logged in,
    event_id) or island host (host_token) → server: follow the event. Ack: the snapshot;
    then live updates arrive.
    """
    token = data.get("projector_token")
    event = _find(Event, Event.projector_token, token)
    if event:
        session["projector_token"] = event.projector_token
        join_room(event_room(event.id))
        join_room(wall_room(event.id))
        return {"snapshot": wall_snapshot(event.id), "role": "projector", "island_id": None}
    island = _by_token(Island, Island.projector_token, token)
    if island:
        # An island's projector hears its own island only: no wall room, no overview.
        session["island_projector_token"] = island.projector_token
        join_room(event_room(island.event_id))
        join_room(island_wall_room(island.event_id, island.id))
        return {"snapshot": wall_snapshot(island.event_id, island_id=island.id),
                "role": "projector", "island_id": island.id}
    island = _by_token(Island, Island.host_token, data.get("host_token"))
    if island:
        session["actor"] = {"event_id": island.event_id, "island_id": island.id,
                            "name": f"Insel-Moderation {island.name}",
                            "host_token": island.host_token}
        join_room(event_room(island.event_id))
        join_room(island_staff_room(island.event_id, island.id))
        return {"snapshot": wall_snapshot(island.event_id, staff=True, island_id=island.id),
                "role": "host"}
    if current_user.is_authenticated and data.get("event_id") is not None:
        # Only an event of one of the account's Sozialräume; another's is as if unknown.
        event = visible_event(current_user.id, validation.integer(data["event_id"], "event_id"))
        if event:
            session["actor"] = {"event_id": event.id, "island_id": None,
                                "name": current_user.name or current_user.email,
                                "account_id": current_user.id}
            accounts.add_staff_socket(current_user.login_id, request.sid)
            join_room(event_room(event.id))
            join_room(staff_room(event.id))
            return {"snapshot": wall_snapshot(event.id, staff=True), "role": "facilitator"}
    raise DomainError("forbidden")


def _actor(facilitator_only: bool = False) -> Actor:
    actor = session.get("actor")
    if not actor or (facilitator_only and actor["island_id"] is not None):
        raise DomainError("forbidden")
    if actor["island_id"] is not None:
        # The host link may have been renewed since this screen opened.
        _by_token(Island, Island.host_token, actor["host_token"])
    elif not (current_user.is_authenticated and current_user.id == actor.get("account_id")):
        # The login ended (logout, new password, deactivation) in a process that could not
        # reach this connection: it loses its rights now and is closed.
        disconnect()
        raise DomainError("forbidden")
    return Actor(actor["event_id"], actor["name"], actor["island_id"])


def _announce_log(actor: Actor) -> None:
    """Show facilitators the moderation action just committed (the newest log entry)."""
    broadcast.logged(actor.event_id, log_entries(actor.event_id, 1)[0])


def _after_card_change(actor: Actor, card) -> dict:
    item = card_dict(card)
    broadcast.card_changed(actor.event_id, item, author={
        "participant_id": card.participant_id, "client_id": card.client_id})
    _announce_log(actor)
    return {"card": item}


@socketio.on("moderate")
@acknowledged
def on_moderate(data):
    """Facilitator or island host → server: hide, unhide, approve, edit or delete a card.

    Ack: the card. Broadcast: "card" (public view to phones and projector, full to staff), "log".
    """
    actor, action, card_id = _actor(), data.get("action"), data.get("card_id")
    if action in ("hide", "unhide"):
        card = moderation.set_hidden(actor, card_id, action == "hide")
    elif action == "approve":
        card = moderation.approve(actor, card_id)
    elif action == "edit":
        card = moderation.edit(actor, card_id, data.get("kind"), data.get("category_id"),
                               data.get("text"), data.get("detail"))
    elif action == "delete":
        card = moderation.delete(actor, card_id)
    else:
        raise DomainError("malformed", field="action")
    return _after_card_change(actor, card)


@socketio.on("group")
@acknowledged
def on_group(data):
    """Facilitator or island host → server: create, add, remove, rename or dissolve a group.

    Ack: the group. Broadcast: "group" and each changed "card" to island, wall and staff; "log".
    """
    actor, action = _actor(), data.get("action")
    changed = []
    if action == "create":
        group, changed = groups.create_group(actor, data.get("card_ids"), data.get("label"))
    elif action == "add":
        group, card = groups.add_to_group(actor, data.get("group_id"), data.get("card_id"))
        changed = [card]
    elif action == "remove":
        card = groups.remove_from_group(actor, data.get("card_id"))
        group, changed = None, [card]
    elif action == "rename":
        group = groups.rename_group(actor, data.get("group_id"), data.get("label"))
    elif action == "dissolve":
        group, changed = groups.dissolve_group(actor, data.get("group_id"))
    else:
        raise DomainError("malformed", field="action")
    if group is not None:
        broadcast.group_changed(actor.event_id, group_dict(group))
    for card in changed:
        broadcast.card_changed(actor.event_id, card_dict(card))
    _announce_log(actor)
    return {"group": group_dict(group) if group is not None else None}


@socketio.on("agreement")
@acknowledged
def on_agreement(data):
    """Facilitator or island host → server: save or delete an agreement (next step), with the
    cards (card_ids) and groups (group_ids) it addresses.

    Ack: the agreement. Broadcast: "agreement" to island, wall and staff; "log".
    """
    actor = _actor()
    if data.get("action") == "delete":
        agreement = agreements.delete(actor, data.get("id"))
    else:
        agreement = agreements.save(actor, data.get("island_id"), data.get("what"),
                                    data.get("who"), data.get("due"), data.get("card_ids"),
                                    data.get("id"), data.get("group_ids"))
    item = agreement_dict(agreement)
    broadcast.agreement_changed(actor.event_id, item)
    _announce_log(actor)
    return {"agreement": item}


@socketio.on("run")
@acknowledged
def on_run(data):
    """Facilitator → server: set the phase, drive the timer, pin the projector's view or
    rotate the groups.

    Ack: the new state. Broadcast: "state" to everyone of the event ("event_changed" after a
    rotation, so phones load their new island).
    """
    actor, action = _actor(facilitator_only=True), data.get("action")
    if action == "phase":
        event = running.set_phase(actor.event_id, data.get("phase"))
    elif action == "timer":
        event = running.timer(actor.event_id, data.get("timer"), data.get("seconds"))
    elif action == "view":
        event = projector_service.pin_view(actor.event_id, data.get("view"),
                                           data.get("island_id"))
    elif action == "rotate":
        running.rotate(actor.event_id)
        event = db.session.get(Event, actor.event_id)
        broadcast.event_changed(event.id, event.seq)
        broadcast.room_changed(event.id)
    else:
        raise DomainError("malformed", field="action")
    state = event_state(event)
    broadcast.state_changed(event.id, state)
    return {"state": state}


@socketio.on("moderate_profile")
@acknowledged
def on_moderate_profile(data):
    """Facilitator → server: hide, unhide or approve a participant's offer on the projector.

    Ack: the room as staff see it. Broadcast: "room" (public to the wall, full to staff), "log".
    """
    actor = _actor(facilitator_only=True)
    moderation.moderate_profile(actor, data.get("participant_id"), data.get("action"))
    room = broadcast.room_changed(actor.event_id)
    _announce_log(actor)
    return {"room": room}


@socketio.on("room_stats")
@acknowledged
def on_room_stats(data):
    """Projector or staff → server: who is in the room now. Ack: the counts."""
    if session.get("actor"):
        actor = _actor()  # checks a host link is still valid
        # Moderating offers is for facilitators; a host sees the room as the projector does.
        room = room_stats(actor.event_id)
        return {"room": room if actor.island_id is None else public_room(room)}
    return {"room": public_room(room_stats(_projector_event_id(island_too=True)))}


def _projector_event_id(island_too: bool = False) -> int:
    """The event of this projector; the link may have been renewed since the screen opened."""
    event = _by_token(Event, Event.projector_token, session.get("projector_token"))
    if event is not None:
        return event.id
    island = _by_token(Island, Island.projector_token, session.get("island_projector_token"))
    if island is None or not island_too:
        raise DomainError("forbidden")
    return island.event_id


@socketio.on("overview")
@acknowledged
def on_overview(data):
    """Main projector or staff → server: the results across islands. Ack: the overview.

    Asked for again after cards arrive (at most every few seconds), not broadcast per card.
    """
    if session.get("actor"):
        actor = _actor(facilitator_only=True)
        return {"overview": overview(actor.event_id)}
    return {"overview": overview(_projector_event_id())}
