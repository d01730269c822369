"""Dot voting: N dots per participant and island, an optional maximum per card."""

from sqlalchemy import delete, func, select

from .. import validation
from ..database import bump_seq, transaction
from ..errors import DomainError
from ..extensions import db
from ..models import Card, Event, Participant, Vote
from .groups import members


def _target(participant: Participant, card_id) -> tuple[Card, list[int]]:
    """The card that takes the dot and the ids the dot counts for.

    On a group the dot goes to its first visible card: on a hidden or unapproved one it
    would vanish from the public ranking.
    """
    card = db.session.get(Card, validation.integer(card_id, "card_id"))
    if (card is None or card.deleted_at is not None or card.hidden or not card.approved
            or card.event_id != participant.event_id):
        raise DomainError("unknown_card")
    if card.island_id != participant.island_id:
        raise DomainError("wrong_island")
    if card.group_id is None:
        return card, [card.id]
    cards = members(card.group_id)
    holder = next(c for c in cards if not c.hidden and c.approved)  # `card` itself at least
    return holder, [c.id for c in cards]


def _participant_in_vote(participant_id: int) -> tuple[Participant, Event]:
    # The limits are per participant: lock their row before counting, so that two dots
    # sent at once are counted one after the other (PostgreSQL; SQLite has one writer).
    participant = db.session.scalar(
        select(Participant).where(Participant.id == participant_id)
        .with_for_update(key_share=True).execution_options(populate_existing=True))
    if participant is None:
        raise DomainError("not_joined")
    event = db.session.get(Event, participant.event_id)
    if event.phase != "vote":
        raise DomainError("phase_no_votes")
    return participant, event


def dots_used(participant_id: int, island_id: int) -> int:
    """How many dots a participant has placed on an island."""
    return db.session.scalar(select(func.count(Vote.id)).where(
        Vote.participant_id == participant_id, Vote.island_id == island_id))


def cast(participant_id: int, card_id) -> Card:
    """Place one dot; refused when no dots are left or the card's maximum is reached."""
    with transaction():
        participant, event = _participant_in_vote(participant_id)
        card, counted = _target(participant, card_id)
        if dots_used(participant_id, card.island_id) >= event.dots_per_island:
            raise DomainError("no_dots_left")
        on_card = db.session.scalar(select(func.count(Vote.id)).where(
            Vote.participant_id == participant_id, Vote.card_id.in_(counted)))
        if event.max_dots_per_card and on_card >= event.max_dots_per_card:
            raise DomainError("max_dots_per_card", max=event.max_dots_per_card)
        db.session.add(Vote(event_id=event.id, island_id=card.island_id, card_id=card.id,
                            participant_id=participant_id))
        card.rev = bump_seq(event.id)
    return card


def withdraw(participant_id: int, card_id) -> Card:
    """Take back one of one's own dots from a card (or its group)."""
    with transaction():
        participant, event = _participant_in_vote(participant_id)
        _, counted = _target(participant, card_id)
        vote = db.session.scalar(select(Vote).where(
            Vote.participant_id == participant_id, Vote.card_id.in_(counted))
            .order_by(Vote.id.desc()).limit(1))
        if vote is None:
            raise DomainError("no_dot_here")
        card = db.session.get(Card, vote.card_id)
        db.session.execute(delete(Vote).where(Vote.id == vote.id))
        card.rev = bump_seq(event.id)
    return card
