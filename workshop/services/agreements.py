"""Next steps: what, who and by when, linked to the cards and groups they address."""

from sqlalchemy import select

from .. import validation
from ..database import bump_seq, transaction
from ..errors import DomainError
from ..extensions import db
from ..models import Agreement, Card, CardGroup, Island, utcnow
from .moderation import Actor, log


def _linked_cards(island_id: int, card_ids) -> list[Card]:
    if card_ids is None or card_ids == []:
        return []
    ids = validation.id_list(card_ids, "card_ids", 100)
    cards = list(db.session.scalars(select(Card).where(
        Card.id.in_(ids), Card.island_id == island_id, Card.deleted_at.is_(None))))
    if len(cards) != len(ids):
        raise DomainError("unknown_card")
    return cards


def _linked_groups(island_id: int, group_ids) -> list[CardGroup]:
    if group_ids is None or group_ids == []:
        return []
    ids = validation.id_list(group_ids, "group_ids", 100)
    groups = list(db.session.scalars(select(CardGroup).where(
        CardGroup.id.in_(ids), CardGroup.island_id == island_id,
        CardGroup.dissolved_at.is_(None))))
    if len(groups) != len(ids):
        raise DomainError("unknown_group")
    return groups


def save(actor: Actor, island_id, what, who="", due="", card_ids=None,
         agreement_id=None, group_ids=None) -> Agreement:
    """Create an agreement for an island, or change an existing one."""
    island = db.session.get(Island, validation.integer(island_id, "island_id"))
    if island is None:
        raise DomainError("unknown_island")
    actor.check(island.event_id, island.id)
    what = validation.text(what, "what", 500)
    who = validation.text(who, "who", 200, required=False)
    due = validation.text(due, "due", 100, required=False)
    with transaction():
        cards = _linked_cards(island.id, card_ids)
        groups = _linked_groups(island.id, group_ids)
        if agreement_id is None:
            agreement = Agreement(event_id=island.event_id, island_id=island.id)
            db.session.add(agreement)
        else:
            agreement = db.session.get(Agreement, validation.integer(agreement_id, "id"))
            if agreement is None or agreement.deleted_at or agreement.island_id != island.id:
                raise DomainError("unknown_agreement")
        agreement.what, agreement.who, agreement.due = what, who, due
        agreement.cards, agreement.groups = cards, groups
        agreement.rev = bump_seq(island.event_id)
        db.session.flush()
        log(actor, "agreement", island_id=island.id, agreement=agreement.id, what=what)
    return agreement


def delete(actor: Actor, agreement_id) -> Agreement:
    """Remove an agreement."""
    with transaction():
        agreement = db.session.get(Agreement, validation.integer(agreement_id, "id"))
        if agreement is None or agreement.deleted_at:
            raise DomainError("unknown_agreement")
        actor.check(agreement.event_id, agreement.island_id)
        agreement.deleted_at = utcnow()
        agreement.rev = bump_seq(agreement.event_id)
        log(actor, "agreement_delete", island_id=agreement.island_id, what=agreement.what)
    return agreement
