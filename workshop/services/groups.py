"""Clustering: merge duplicate or related cards under a label, and undo it."""

from sqlalchemy import select

from .. import validation
from ..database import bump_seq, transaction
from ..errors import DomainError
from ..extensions import db
from ..models import Card, CardGroup, utcnow
from .moderation import Actor, log, moderated_card


def _live_group(actor: Actor, group_id) -> CardGroup:
    group = db.session.get(CardGroup, validation.integer(group_id, "group_id"))
    if group is None or group.dissolved_at is not None:
        raise DomainError("unknown_group")
    actor.check(group.event_id, group.island_id)
    return group


def members(group_id: int) -> list[Card]:
    """The live cards of a group, oldest first."""
    return list(db.session.scalars(select(Card).where(
        Card.group_id == group_id, Card.deleted_at.is_(None)).order_by(Card.id)))


def _join(group: CardGroup, card: Card, seq: int) -> None:
    if card.case_id != group.case_id:
        raise DomainError("group_other_case")
    card.group_id, card.rev = group.id, seq


def create_group(actor: Actor, card_ids, label) -> tuple[CardGroup, list[Card]]:
    """Merge cards of one case into a new group; returns the group and its cards."""
    label = validation.text(label, "label", 280)
    card_ids = validation.id_list(card_ids, "card_ids", 200)
    with transaction():
        cards = [moderated_card(actor, card_id) for card_id in card_ids]
        first = cards[0]
        group = CardGroup(event_id=first.event_id, island_id=first.island_id,
                          case_id=first.case_id, label=label)
        db.session.add(group)
        db.session.flush()
        group.rev = seq = bump_seq(first.event_id)
        for card in cards:
            _join(group, card, seq)
        log(actor, "group", island_id=group.island_id, group=group.id, label=label,
            cards=[c.id for c in cards])
    return group, cards


def add_to_group(actor: Actor, group_id, card_id) -> tuple[CardGroup, Card]:
    """Put one more card into a group."""
    with transaction():
        group = _live_group(actor, group_id)
        card = moderated_card(actor, card_id)
        group.rev = seq = bump_seq(group.event_id)
        _join(group, card, seq)
        log(actor, "group_add", card, group=group.id)
    return group, card


def remove_from_group(actor: Actor, card_id) -> Card:
    """Take a card out of its group again (its votes stay on it)."""
    with transaction():
        card = moderated_card(actor, card_id)
        if card.group_id is None:
            raise DomainError("unknown_group")
        log(actor, "group_remove", card, group=card.group_id)
        card.group_id, card.rev = None, bump_seq(card.event_id)
    return card


def rename_group(actor: Actor, group_id, label) -> CardGroup:
    """Change a group's label."""
    label = validation.text(label, "label", 280)
    with transaction():
        group = _live_group(actor, group_id)
        log(actor, "group_rename", island_id=group.island_id, group=group.id,
            before=group.label, label=label)
        group.label, group.rev = label, bump_seq(group.event_id)
    return group


def dissolve_group(actor: Actor, group_id) -> tuple[CardGroup, list[Card]]:
    """Undo a merge: the cards come back as they were, with their votes."""
    with transaction():
        group = _live_group(actor, group_id)
        cards = members(group.id)
        group.dissolved_at = utcnow()
        group.rev = seq = bump_seq(group.event_id)
        for card in cards:
            card.group_id, card.rev = None, seq
        log(actor, "ungroup", island_id=group.island_id, group=group.id, label=group.label)
    return group, cards
