"""Read side: plain dicts for snapshots, pages and exports."""

from sqlalchemy import select

from .extensions import db
from .models import Card, Event


def card_dict(card: Card) -> dict:
    """The public shape of a card, as every screen receives it."""
    return {
        "id": card.id,
        "island_id": card.island_id,
        "case_id": card.case_id,
        "kind": card.kind,
        "category_id": card.category_id,
        "text": card.text,
        "detail": card.detail,
        "rev": card.rev,
        "created_at": card.created_at.isoformat(timespec="seconds") + "Z",
        "deleted": card.deleted_at is not None,
    }


def structure(event: Event) -> dict:
    """Event, islands, cases and categories: everything but the cards."""
    return {
        "id": event.id,
        "title": event.title,
        "date": event.event_date.isoformat() if event.event_date else None,
        "place": event.place,
        "phase": event.phase,
        "join_code": event.join_code,
        "islands": [
            {"id": island.id, "name": island.name,
             "cases": [{"id": case.id, "title": case.title, "situation": case.situation,
                        "goal": case.goal} for case in island.cases]}
            for island in event.islands
        ],
        "categories": [
            {"id": c.id, "kind": c.kind, "label": c.label} for c in event.categories
        ],
    }


def _cards(event_id: int, island_id: int | None = None) -> list[Card]:
    query = select(Card).where(Card.event_id == event_id, Card.deleted_at.is_(None))
    if island_id is not None:
        query = query.where(Card.island_id == island_id)
    return list(db.session.scalars(query.order_by(Card.id)))


def island_snapshot(event_id: int, island_id: int | None, participant_id: int) -> dict:
    """What a phone needs to rebuild its screen: structure, its island's cards, its seq."""
    event = db.session.get(Event, event_id)
    cards = []
    if island_id is not None:
        for card in _cards(event_id, island_id):
            item = card_dict(card)
            item["mine"] = card.participant_id == participant_id
            if item["mine"]:
                item["client_id"] = card.client_id
            cards.append(item)
    return {"seq": event.seq, "event": structure(event), "island_id": island_id,
            "cards": cards}


def wall_snapshot(event_id: int) -> dict:
    """What the projector and the facilitator's live view need: every card of the event."""
    event = db.session.get(Event, event_id)
    return {"seq": event.seq, "event": structure(event),
            "cards": [card_dict(card) for card in _cards(event_id)]}


def export_rows(event_id: int) -> list[dict]:
    """Every live card with its event, island, case and category names, oldest first."""
    event = db.session.get(Event, event_id)
    islands = {i.id: i for i in event.islands}
    cases = {c.id: c for i in event.islands for c in i.cases}
    categories = {c.id: c.label for c in event.categories}
    return [
        {"event": event.title,
         "event_date": event.event_date.isoformat() if event.event_date else "",
         "place": event.place,
         "island": islands[card.island_id].name,
         "case": cases[card.case_id].title,
         "kind": card.kind,
         "category": categories.get(card.category_id, ""),
         "text": card.text,
         "detail": card.detail,
         "created_at": card.created_at.isoformat(timespec="seconds") + "Z",
         "card_id": card.id}
        for card in _cards(event_id)
    ]


def event_list() -> list[Event]:
    """All events, newest first, for the facilitator's overview."""
    return list(db.session.scalars(select(Event).order_by(Event.created_at.desc())))
