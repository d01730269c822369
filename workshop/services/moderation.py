"""Moderating cards: hide, edit, re-categorise, approve, delete; every action logged."""

import json
from dataclasses import dataclass

from .. import validation
from ..database import bump_seq, transaction
from ..errors import DomainError
from ..extensions import db
from ..models import Card, ModerationLog, Participant, utcnow
from .cards import category_for


@dataclass(frozen=True)
class Actor:
    """Who moderates: a facilitator (whole event) or an island host (one island)."""

    event_id: int
    name: str
    island_id: int | None = None

    def check(self, event_id: int, island_id: int | None) -> None:
        """Refuse anything outside this actor's event or island."""
        if event_id != self.event_id or (
                self.island_id is not None and island_id != self.island_id):
            raise DomainError("forbidden")


def log(actor: Actor, action: str, card: Card | None = None, island_id: int | None = None,
        **detail) -> None:
    """Record a moderation action in the current transaction.

    A card's text goes with it, so the log line can say which card (even once it is gone).
    """
    if card is not None:
        detail.setdefault("text", card.text)
    db.session.add(ModerationLog(
        event_id=actor.event_id, island_id=card.island_id if card else island_id,
        card_id=card.id if card else None, actor=actor.name, action=action,
        detail=json.dumps(detail, ensure_ascii=False) if detail else ""))


def moderated_card(actor: Actor, card_id) -> Card:
    """A live card the actor may moderate."""
    card = db.session.get(Card, validation.integer(card_id, "card_id"))
    if card is None or card.deleted_at is not None:
        raise DomainError("unknown_card")
    actor.check(card.event_id, card.island_id)
    return card


def _touch(card: Card) -> Card:
    card.updated_at = utcnow()
    card.rev = bump_seq(card.event_id)
    return card


def set_hidden(actor: Actor, card_id, hidden: bool) -> Card:
    """Hide a card from phones and projector, or show it again."""
    with transaction():
        card = moderated_card(actor, card_id)
        card.hidden = bool(hidden)
        log(actor, "hide" if hidden else "unhide", card)
        return _touch(card)


def approve(actor: Actor, card_id) -> Card:
    """Let a pre-moderated card reach the projector and the island."""
    with transaction():
        card = moderated_card(actor, card_id)
        card.approved = True
        log(actor, "approve", card)
        return _touch(card)


def edit(actor: Actor, card_id, kind, category_id, text, detail="") -> Card:
    """Correct a card's text, detail, kind or category."""
    text = validation.text(text, "text", validation.CARD_TEXT_MAX)
    detail = validation.text(detail, "detail", validation.CARD_DETAIL_MAX, required=False)
    with transaction():
        card = moderated_card(actor, card_id)
        category_id = category_for(card.event_id, kind, category_id)
        before = {"kind": card.kind, "category_id": card.category_id, "text": card.text,
                  "detail": card.detail}
        card.kind, card.category_id, card.text, card.detail = kind, category_id, text, detail
        action = "recategorise" if (before["text"], before["detail"]) == (text, detail) else "edit"
        log(actor, action, card, before=before)
        return _touch(card)


def delete(actor: Actor, card_id) -> Card:
    """Delete a card (a tombstone stays, so the log and retries still find it)."""
    with transaction():
        card = moderated_card(actor, card_id)
        card.deleted_at = utcnow()
        log(actor, "delete", card, text=card.text)
        return _touch(card)


PROFILE_ACTIONS = ("hide", "unhide", "approve")


def moderate_profile(actor: Actor, participant_id, action) -> Participant:
    """Hide, show again or approve what a participant offers on the projector's room view."""
    if action not in PROFILE_ACTIONS:
        raise DomainError("malformed", field="action")
    with transaction():
        participant = db.session.get(
            Participant, validation.integer(participant_id, "participant_id"))
        if participant is None or participant.event_id != actor.event_id:
            raise DomainError("unknown_participant")
        actor.check(participant.event_id, participant.island_id)
        if action == "approve":
            participant.profile_approved = True
        else:
            participant.profile_hidden = action == "hide"
        log(actor, f"profile_{action}", island_id=participant.island_id,
            participant_id=participant.id, offer=participant.offer or "")
    return participant
