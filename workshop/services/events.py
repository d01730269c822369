"""Preparing an event: the event itself, islands, cases and categories."""

from datetime import date

from sqlalchemy import delete, func, select

from .. import validation
from ..codes import new_join_code, new_token
from ..database import bump_seq, transaction
from ..errors import DomainError
from ..extensions import db
from ..models import KINDS, Agreement, Card, Case, Category, Event, Island
from . import sozialraeume

ISLAND_CAPACITY_MAX = 500

DEFAULT_CATEGORIES = {
    "resource": [
        "Persönliche Stärken",
        "Familie und soziales Netz",
        "Nachbarschaft und Orte",
        "Zivilgesellschaft (Vereine, Ehrenamt, Kirchen)",
        "Professionelle Dienste",
        "Materielles",
    ],
    "barrier": [
        "Zugang und Erreichbarkeit",
        "Sprache",
        "Kosten",
        "Information",
        "Zeit und Öffnungszeiten",
        "Vertrauen und Stigma",
        "Mobilität",
    ],
}


def _only_sozialraum() -> int:
    sozialraum_id = sozialraeume.only_one_id()
    if sozialraum_id is None:
        raise DomainError("choose_sozialraum", field="sozialraum")
    return sozialraum_id


def _get(model, object_id):
    obj = db.session.get(model, object_id)
    if obj is None:
        raise DomainError("not_found")
    return obj


def _unique_join_code() -> str:
    while True:
        code = new_join_code()
        if not db.session.scalar(select(Event.id).where(Event.join_code == code)):
            return code


def create_event(owner_id: int | None, title: str, event_date: date | None,
                 place: str, sozialraum_id: int | None = None) -> Event:
    """Create an event with the default resource and barrier categories, in the given
    Sozialraum or the installation's only one."""
    title = validation.text(title, "title", 200)
    place = validation.text(place, "place", 200, required=False)
    with transaction():
        event = Event(owner_id=owner_id, title=title, event_date=event_date, place=place,
                      sozialraum_id=sozialraum_id or _only_sozialraum(),
                      join_code=_unique_join_code(), projector_token=new_token())
        for kind, labels in DEFAULT_CATEGORIES.items():
            event.categories.extend(
                Category(kind=kind, label=label, position=i) for i, label in enumerate(labels))
        db.session.add(event)
    return event


def update_event(event_id: int, title: str, event_date: date | None, place: str) -> Event:
    """Change title, date and place."""
    title = validation.text(title, "title", 200)
    place = validation.text(place, "place", 200, required=False)
    with transaction():
        event = _get(Event, event_id)
        event.title, event.event_date, event.place = title, event_date, place
        bump_seq(event_id)
    return event


def add_island(event_id: int, name: str) -> Island:
    """Add an island at the end."""
    name = validation.text(name, "name", 120)
    with transaction():
        event = _get(Event, event_id)
        island = Island(name=name, position=len(event.islands), host_token=new_token())
        event.islands.append(island)
        bump_seq(event_id)
    return island


def update_island(island_id: int, name: str, capacity=None) -> Island:
    """Rename an island and set how many people it seats (empty: no limit)."""
    name = validation.text(name, "name", 120)
    if capacity in (None, "", 0, "0"):
        capacity = None
    else:
        capacity = validation.integer(capacity, "capacity", ISLAND_CAPACITY_MAX)
    with transaction():
        island = _get(Island, island_id)
        island.name, island.capacity = name, capacity
        bump_seq(island.event_id)
    return island


def _has_live(model, condition) -> bool:
    return bool(db.session.scalar(
        select(func.count(model.id)).where(model.deleted_at.is_(None), condition)))


def _delete_without_cards(model, object_id, card_column, event_of,
                          agreement_column=None) -> int:
    """Delete a thing no live card (or agreement) refers to, so none is lost.

    Returns its event id.
    """
    with transaction():
        obj = _get(model, object_id)
        if _has_live(Card, card_column == object_id):
            raise DomainError("has_cards")
        if agreement_column is not None and _has_live(Agreement, agreement_column == object_id):
            raise DomainError("has_agreements")
        event_id = event_of(obj)
        db.session.delete(obj)
        bump_seq(event_id)
    return event_id


def delete_island(island_id: int) -> int:
    """Delete an island that holds no cards and no agreements; returns its event id."""
    return _delete_without_cards(Island, island_id, Card.island_id, lambda i: i.event_id,
                                 Agreement.island_id)


def add_case(island_id: int, title: str, situation: str, goal: str) -> Case:
    """Add a case example to an island."""
    values = _case_values(title, situation, goal)
    with transaction():
        island = _get(Island, island_id)
        case = Case(position=len(island.cases), **values)
        island.cases.append(case)
        bump_seq(island.event_id)
    return case


def update_case(case_id: int, title: str, situation: str, goal: str) -> Case:
    """Edit a case example."""
    values = _case_values(title, situation, goal)
    with transaction():
        case = _get(Case, case_id)
        for key, value in values.items():
            setattr(case, key, value)
        bump_seq(case.island.event_id)
    return case


def delete_case(case_id: int) -> int:
    """Delete a case that holds no cards; returns its event id."""
    return _delete_without_cards(Case, case_id, Card.case_id, lambda c: c.island.event_id)


def _case_values(title, situation, goal) -> dict:
    return {"title": validation.text(title, "title", 200),
            "situation": validation.text(situation, "situation", 4000, required=False),
            "goal": validation.text(goal, "goal", 2000, required=False)}


def add_category(event_id: int, kind: str, label: str) -> Category:
    """Add a resource or barrier category."""
    if kind not in KINDS:
        raise DomainError("unknown_kind")
    label = validation.text(label, "label", 80)
    with transaction():
        event = _get(Event, event_id)
        category = Category(kind=kind, label=label,
                            position=sum(c.kind == kind for c in event.categories))
        event.categories.append(category)
        bump_seq(event_id)
    return category


def rename_category(category_id: int, label: str) -> Category:
    """Rename a category; cards keep it."""
    label = validation.text(label, "label", 80)
    with transaction():
        category = _get(Category, category_id)
        category.label = label
        bump_seq(category.event_id)
    return category


def delete_category(category_id: int) -> int:
    """Delete a category that no card uses; returns its event id."""
    return _delete_without_cards(Category, category_id, Card.category_id, lambda c: c.event_id)


def renew_projector_link(event_id: int) -> Event:
    """A new secret projector address; the old one stops working (a photographed link)."""
    with transaction():
        event = _get(Event, event_id)
        event.projector_token = new_token()
    return event


def renew_host_link(island_id: int) -> Island:
    """A new secret host address for an island; the old one loses its rights at once."""
    with transaction():
        island = _get(Island, island_id)
        island.host_token = new_token()
    return island


def delete_event(event_id: int, typed_title) -> str:
    """Delete an event with everything in it: cards, votes, people, profiles, the log.

    The data of a dialog belongs to its participants; after the documentation is exported,
    it should not stay on the server. The title typed again confirms it. Returns the title.
    """
    with transaction():
        event = _get(Event, event_id)
        if not isinstance(typed_title, str) or typed_title.strip() != event.title:
            raise DomainError("confirm_title")
        title = event.title
        # The database removes what belongs to the event (ON DELETE CASCADE).
        db.session.execute(delete(Event).where(Event.id == event_id))
    db.session.expire_all()  # what was loaded of the event is gone
    return title
