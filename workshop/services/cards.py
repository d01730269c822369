"""Participants writing, editing and deleting their own cards."""

from sqlalchemy import select

from .. import validation
from ..database import bump_seq, transaction
from ..errors import DomainError
from ..extensions import db
from ..models import KINDS, Card, Case, Category, Event, Island, Participant, utcnow

WRITING_PHASES = ("collect",)


def _writable_event(event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event.phase == "closing":
        raise DomainError("closed")
    if event.phase not in WRITING_PHASES:
        raise DomainError("phase_no_cards")
    return event


def category_for(event_id: int, kind, category_id) -> int:
    """The id of a category of this event and kind, or a clear refusal."""
    if kind not in KINDS:
        raise DomainError("unknown_kind")
    category_id = validation.integer(category_id, "category_id")
    category = db.session.get(Category, category_id)
    if category is None or category.event_id != event_id or category.kind != kind:
        raise DomainError("unknown_category")
    return category.id


def submit_card(participant_id: int, client_id, case_id, kind, category_id,
                text, detail="") -> tuple[Card, bool]:
    """Store a new card once; a retry with the same client_id returns the first one.

    Returns (card, created).
    """
    client_id = validation.client_id(client_id)
    case_id = validation.integer(case_id, "case_id")
    text = validation.text(text, "text", validation.CARD_TEXT_MAX)
    detail = validation.text(detail, "detail", validation.CARD_DETAIL_MAX, required=False)
    with transaction():
        participant = db.session.get(Participant, participant_id)
        if participant is None:
            raise DomainError("not_joined")
        existing = db.session.scalar(select(Card).where(
            Card.participant_id == participant_id, Card.client_id == client_id))
        if existing is not None:
            return existing, False
        event = _writable_event(participant.event_id)
        case = db.session.get(Case, case_id)
        if case is None:
            raise DomainError("unknown_case")
        island = db.session.get(Island, case.island_id)
        if island.event_id != participant.event_id:
            raise DomainError("unknown_case")
        if participant.island_id != island.id:
            raise DomainError("wrong_island")
        card = Card(event_id=participant.event_id, island_id=island.id, case_id=case.id,
                    participant_id=participant_id, client_id=client_id, kind=kind,
                    category_id=category_for(participant.event_id, kind, category_id),
                    text=text, detail=detail,
                    approved=not event.premoderation)
        card.rev = bump_seq(participant.event_id)
        db.session.add(card)
    return card, True


def _own_card(participant_id: int, card_id) -> Card:
    card = db.session.get(Card, validation.integer(card_id, "card_id"))
    if card is None or card.deleted_at is not None:
        raise DomainError("unknown_card")
    if card.participant_id != participant_id:
        raise DomainError("not_your_card")
    _writable_event(card.event_id)
    return card


def edit_card(participant_id: int, card_id, kind, category_id, text, detail="") -> Card:
    """Change the text, detail, kind or category of one's own card."""
    text = validation.text(text, "text", validation.CARD_TEXT_MAX)
    detail = validation.text(detail, "detail", validation.CARD_DETAIL_MAX, required=False)
    with transaction():
        card = _own_card(participant_id, card_id)
        card.category_id = category_for(card.event_id, kind, category_id)
        card.kind, card.text, card.detail = kind, text, detail
        card.updated_at = utcnow()
        card.rev = bump_seq(card.event_id)
    return card


def delete_card(participant_id: int, card_id) -> Card:
    """Delete one's own card (kept as a tombstone so retries stay idempotent)."""
    with transaction():
        card = _own_card(participant_id, card_id)
        card.deleted_at = utcnow()
        card.rev = bump_seq(card.event_id)
    return card
