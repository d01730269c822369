"""Participants writing, editing and deleting their own cards."""

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from .. import validation
from ..database import bump_seq, transaction
from ..errors import DomainError
from ..extensions import db
from ..models import KINDS, Card, Case, Category, Event, Island, Participant, utcnow

WRITING_PHASES = ("collect",)

# The two reads of a new card, built once: a statement object memoises its cache key, so
# each card skips building the query and hashing its structure (docs/performance.md).
_SEAT_AND_RETRY = (
    select(Participant.event_id, Participant.island_id, Event.phase, Event.premoderation,
           select(Card.id).where(Card.participant_id == bindparam("participant_id"),
                                 Card.client_id == bindparam("client_id")).scalar_subquery())
    .join(Event, Event.id == Participant.event_id)
    .where(Participant.id == bindparam("participant_id")))
_PLACE_AND_CATEGORY = (
    select(Case.island_id, Island.event_id,
           select(Category.kind).where(Category.id == bindparam("category_id"),
                                       Category.event_id == Island.event_id).scalar_subquery())
    .join(Island, Island.id == Case.island_id).where(Case.id == bindparam("case_id")))


def _check_writing_phase(phase: str) -> None:
    if phase == "closing":
        raise DomainError("closed")
    if phase not in WRITING_PHASES:
        raise DomainError("phase_no_cards")


def _writable_event(event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    _check_writing_phase(event.phase)
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

    Returns (card, created). This is the hot path of a session (hundreds of phones posting
    at once), so it reads what it checks in two statements (docs/performance.md).
    """
    try:
        return _insert_card(participant_id, client_id, case_id, kind, category_id, text,
                            detail)
    except IntegrityError:
        # The same card from two tabs at once: on PostgreSQL both can read "not there yet",
        # and the unique (participant, client id) lets one insert win. The other sender gets
        # the stored card, as any retry does.
        existing_id = db.session.execute(_SEAT_AND_RETRY, {
            "participant_id": participant_id, "client_id": client_id}).one()[-1]
        if existing_id is None:
            raise
        return db.session.get(Card, existing_id), False


def _insert_card(participant_id: int, client_id, case_id, kind, category_id, text,
                 detail) -> tuple[Card, bool]:
    client_id = validation.client_id(client_id)
    case_id = validation.integer(case_id, "case_id")
    text = validation.text(text, "text", validation.CARD_TEXT_MAX)
    detail = validation.text(detail, "detail", validation.CARD_DETAIL_MAX, required=False)
    if kind not in KINDS:
        raise DomainError("unknown_kind")
    category_id = validation.integer(category_id, "category_id")
    with transaction():
        row = db.session.execute(_SEAT_AND_RETRY, {
            "participant_id": participant_id, "client_id": client_id}).one_or_none()
        if row is None:
            raise DomainError("not_joined")
        event_id, seat, phase, premoderation, existing_id = row
        if existing_id is not None:
            return db.session.get(Card, existing_id), False
        _check_writing_phase(phase)
        place = db.session.execute(_PLACE_AND_CATEGORY, {
            "case_id": case_id, "category_id": category_id}).one_or_none()
        if place is None or place[1] != event_id:
            raise DomainError("unknown_case")
        island_id, _, actual_kind = place
        if seat != island_id:
            raise DomainError("wrong_island")
        if actual_kind != kind:
            raise DomainError("unknown_category")
        card = Card(event_id=event_id, island_id=island_id, case_id=case_id,
                    participant_id=participant_id, client_id=client_id, kind=kind,
                    category_id=category_id, text=text, detail=detail,
                    approved=not premoderation, rev=bump_seq(event_id))
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
    """Change the text, detail, kind or category of one's own card.

    With pre-moderation on, a changed card waits for approval again: otherwise an approved
    card could be rewritten into anything on the projector.
    """
    text = validation.text(text, "text", validation.CARD_TEXT_MAX)
    detail = validation.text(detail, "detail", validation.CARD_DETAIL_MAX, required=False)
    with transaction():
        card = _own_card(participant_id, card_id)
        category_id = category_for(card.event_id, kind, category_id)
        before = (card.kind, card.category_id, card.text, card.detail)
        if before != (kind, category_id, text, detail) and db.session.get(
                Event, card.event_id).premoderation:
            card.approved = False
        card.kind, card.category_id, card.text, card.detail = kind, category_id, text, detail
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
