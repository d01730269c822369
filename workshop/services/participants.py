"""Anonymous phones joining an event and choosing an island."""

from datetime import timedelta

from sqlalchemy import delete, func, or_, select, update

from .. import rate_limits, validation
from ..codes import new_token, normalize_join_code
from ..database import bump_seq, transaction
from ..errors import DomainError
from ..extensions import db
from ..models import Card, Event, Island, ModerationLog, Participant, Vote, utcnow

# A phone whose connection closed keeps its seat this long: a locked screen or a Wi-Fi
# hiccup must not give the seat away; a phone that is gone must not hold it all day.
PRESENCE_GRACE = timedelta(minutes=3)


def present():
    """SQL condition: the participant is connected, or left less than the grace period ago."""
    return or_(Participant.left_at.is_(None), Participant.left_at > utcnow() - PRESENCE_GRACE)


def event_by_code(join_code, address: str | None = None) -> Event:
    """The event a typed or scanned join code belongs to.

    Wrong codes from one `address` are counted: past the limit it is refused before looking.
    """
    rate_limits.refuse_when_over("wrong_code_per_address", "too_many_wrong_codes", address)
    event = None
    if isinstance(join_code, str) and len(join_code) <= 40:
        event = db.session.scalar(
            select(Event).where(Event.join_code == normalize_join_code(join_code)))
    if event is None:
        rate_limits.count("wrong_code_per_address", address)
        raise DomainError("wrong_code")
    return event


def join(join_code, token=None, held_id: int | None = None, connection: str | None = None,
         address: str | None = None) -> Participant:
    """The phone's participant for this event: the one its connection holds already
    (`held_id`), else the one its token names, else a new one.

    New ones are limited per connection and per address: one connection cannot make a crowd.
    """
    event = event_by_code(join_code, address)
    if held_id is not None:
        held = db.session.get(Participant, held_id)
        if held is not None and held.event_id == event.id:
            return held
    if isinstance(token, str) and 0 < len(token) <= 64:
        known = db.session.scalar(select(Participant).where(
            Participant.token == token, Participant.event_id == event.id))
        if known:
            return known
    # The address first: a phone refused in a crowded minute may try again on its connection.
    rate_limits.enforce("participant_per_address", "too_many_joins", address)
    rate_limits.enforce("participant_per_connection", "too_many_joins", connection)
    with transaction():
        participant = Participant(event_id=event.id, token=new_token())
        db.session.add(participant)
    return participant


def _locked_islands(condition) -> list[Island]:
    """Islands, locked until the commit, so that seat counts are read one after the other.

    Without it two phones could both take the last seat of a table on PostgreSQL (SQLite has
    one writer anyway). NO KEY UPDATE: cards and votes referring to the island still go on.
    """
    return list(db.session.scalars(
        select(Island).where(condition).order_by(Island.id)
        .with_for_update(key_share=True).execution_options(populate_existing=True)))


def connected(participant_id: int, connection_id: str) -> None:
    """The phone is connected (again) on this connection: it holds its seat."""
    with transaction():
        db.session.execute(
            update(Participant).where(Participant.id == participant_id)
            .values(left_at=None, connection_id=connection_id)
            .execution_options(synchronize_session=False))


def left(connection_id: str) -> None:
    """A connection closed: every participant it holds (it joined as, and no newer
    connection took over) frees its seat after the grace period.

    One connection may have held several (a join to another event); an older connection of
    a phone closing late (the server noticed late) changes nothing.
    """
    with transaction():
        db.session.execute(
            update(Participant).where(Participant.connection_id == connection_id,
                                      Participant.left_at.is_(None))
            .values(left_at=utcnow()).execution_options(synchronize_session=False))


def seated(island_id: int) -> int:
    """How many participants sit at an island (those who left long ago do not count)."""
    return db.session.scalar(
        select(func.count(Participant.id)).where(Participant.island_id == island_id, present()))


def choose_island(participant_id: int, island_id) -> Participant:
    """Seat a participant at an island of their event, if it has room."""
    island_id = validation.integer(island_id, "island_id")
    with transaction():
        participant = db.session.get(Participant, participant_id)
        island = next(iter(_locked_islands(Island.id == island_id)), None)
        if participant is None:
            raise DomainError("not_joined")
        if island is None or island.event_id != participant.event_id:
            raise DomainError("unknown_island")
        if participant.island_id != island.id:
            if island.capacity and seated(island.id) >= island.capacity:
                raise DomainError("island_full")
            participant.island_id = island.id
    return participant


def seat_on_arrival(participant: Participant, island_id) -> tuple[Participant, DomainError | None]:
    """Seat a phone that just joined: at the table of its QR code (`island_id`), and with
    automatic seating at the emptiest table when it has no seat.

    The participant is stored already, so finding no seat does not refuse the join (a retry
    must not make another participant): it returns the reason to tell the phone instead.
    """
    problem = None
    if island_id is not None and island_id != participant.island_id:
        try:
            participant = choose_island(participant.id, island_id)
        except DomainError as error:
            problem = error
    if participant.island_id is None and \
            db.session.get(Event, participant.event_id).assignment == "auto":
        try:
            participant = assign_island(participant.id)
            problem = DomainError("seated_elsewhere") if problem else None
        except DomainError as error:
            problem = problem or error
    return participant, problem


def switch_island(participant_id: int, island_id) -> Participant:
    """The phone's own choice of island ("Insel wechseln").

    When the facilitators distribute the seats automatically, a seated participant stays
    where they were put (the balance is the point); one without a seat gets the next free one.
    A table's QR code still seats at that table (`choose_island`): that is where they sit.
    """
    participant = db.session.get(Participant, participant_id)
    if participant is None:
        raise DomainError("not_joined")
    if db.session.get(Event, participant.event_id).assignment == "auto":
        if participant.island_id is not None:
            raise DomainError("islands_assigned")
        return assign_island(participant_id)
    return choose_island(participant_id, island_id)


def assign_island(participant_id: int) -> Participant:
    """Automatic balancing: seat the participant at the emptiest island with room."""
    with transaction():
        participant = db.session.get(Participant, participant_id)
        if participant.island_id is not None:
            return participant
        islands = _locked_islands(Island.event_id == participant.event_id)
        counts = dict(db.session.execute(
            select(Participant.island_id, func.count(Participant.id))
            .where(Participant.event_id == participant.event_id,
                   Participant.island_id.is_not(None), present())
            .group_by(Participant.island_id)).all())
        open_islands = [i for i in islands if not i.capacity or counts.get(i.id, 0) < i.capacity]
        if not open_islands:
            raise DomainError("all_islands_full")
        best = min(open_islands, key=lambda i: (counts.get(i.id, 0), i.position, i.id))
        participant.island_id = best.id
    return participant


def set_profile(participant_id: int, field_of_work, organisation, offer,
                display_name) -> Participant:
    """The optional profile: field of work from the event's list, organisation, offer, name."""
    organisation = validation.text(organisation, "organisation", 120, required=False)
    offer = validation.text(offer, "offer", 280, required=False)
    display_name = validation.text(display_name, "display_name", 80, required=False)
    field = validation.text(field_of_work, "field_of_work", 120, required=False)
    with transaction():
        participant = db.session.get(Participant, participant_id)
        if participant is None:
            raise DomainError("not_joined")
        event = db.session.get(Event, participant.event_id)
        if field and field not in event.fields_of_work.splitlines():
            raise DomainError("unknown_field_of_work", field="field_of_work")
        public = (organisation or None, offer or None, display_name or None)
        if public != (participant.organisation, participant.offer, participant.display_name):
            # What goes on the big screen waits for a facilitator, as cards do.
            participant.profile_approved = not event.premoderation
        participant.field_of_work = field or None
        participant.organisation, participant.offer, participant.display_name = public
    return participant


def forget(participant_id: int) -> list[Card]:
    """"Meine Daten löschen": the participant's profile, cards and dots are gone for good.

    The cards stay as empty tombstones (deleted, without text) so every screen removes them;
    returned with the cards that lost one of the participant's dots, for the broadcast.
    """
    with transaction():
        participant = db.session.get(Participant, participant_id)
        if participant is None:
            raise DomainError("not_joined")
        voted = set(db.session.scalars(
            select(Vote.card_id).where(Vote.participant_id == participant_id)))
        db.session.execute(delete(Vote).where(Vote.participant_id == participant_id))
        own = list(db.session.scalars(
            select(Card).where(Card.participant_id == participant_id).order_by(Card.id)))
        others = list(db.session.scalars(
            select(Card).where(Card.id.in_(voted - {card.id for card in own}))
            .order_by(Card.id)))
        now = utcnow()
        for card in own:
            card.text, card.detail, card.participant_id = "", "", None
            card.deleted_at = card.deleted_at or now
        for card in own + others:
            card.rev = bump_seq(card.event_id)
        # Moderators' edits are logged with the text before and after: that text goes too.
        db.session.execute(update(ModerationLog).where(
            ModerationLog.card_id.in_([card.id for card in own])).values(detail="")
            .execution_options(synchronize_session=False))
        db.session.delete(participant)
    return own + others
