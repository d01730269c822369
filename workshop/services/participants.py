"""Anonymous phones joining an event and choosing an island."""

from sqlalchemy import select

from .. import validation
from ..codes import new_token, normalize_join_code
from ..database import transaction
from ..errors import DomainError
from ..extensions import db
from ..models import Event, Island, Participant


def event_by_code(join_code) -> Event:
    """The event a typed or scanned join code belongs to."""
    if not isinstance(join_code, str) or len(join_code) > 40:
        raise DomainError("wrong_code")
    event = db.session.scalar(
        select(Event).where(Event.join_code == normalize_join_code(join_code)))
    if event is None:
        raise DomainError("wrong_code")
    return event


def join(join_code, token=None) -> Participant:
    """Return the phone's participant for this event, creating one on first join."""
    event = event_by_code(join_code)
    if isinstance(token, str) and 0 < len(token) <= 64:
        known = db.session.scalar(select(Participant).where(
            Participant.token == token, Participant.event_id == event.id))
        if known:
            return known
    with transaction():
        participant = Participant(event_id=event.id, token=new_token())
        db.session.add(participant)
    return participant


def choose_island(participant_id: int, island_id) -> Participant:
    """Seat a participant at an island of their event."""
    island_id = validation.integer(island_id, "island_id")
    with transaction():
        participant = db.session.get(Participant, participant_id)
        island = db.session.get(Island, island_id)
        if participant is None:
            raise DomainError("not_joined")
        if island is None or island.event_id != participant.event_id:
            raise DomainError("unknown_island")
        participant.island_id = island.id
    return participant
