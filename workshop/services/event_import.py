"""New events from a description: a JSON export read back, or an event copied as a template.

The JSON export is also the backup: importing it into another installation gives the same
event (new ids, a new join code and links). Participants come back as the profiles they
filled in; the anonymous rest only as the dots they gave, held by one placeholder phone
that never counts as present.
"""

import base64
from datetime import datetime

from sqlalchemy.exc import DataError, IntegrityError

from ..codes import new_token
from ..database import transaction
from ..errors import DomainError
from ..export import JSON_FORMAT
from ..extensions import db
from ..models import (
    ASSIGNMENTS,
    KINDS,
    PHASES,
    PROJECTOR_VIEWS,
    Agreement,
    Card,
    CardGroup,
    Case,
    Category,
    Event,
    Island,
    Participant,
    Photo,
    Vote,
)
from .events import _only_sozialraum, _unique_join_code
from .photos import clean_jpeg

# Imported people left long ago: none of them takes a seat or counts in the room.
LEFT = datetime(2000, 1, 1)
SETTINGS = ("premoderation", "dots_per_island", "max_dots_per_card", "assignment",
            "projector_view")


def event_settings(event: Event) -> dict:
    """The settings an export carries and a template copies."""
    return {**{name: getattr(event, name) for name in SETTINGS},
            "fields_of_work": [f for f in event.fields_of_work.splitlines() if f]}


def _time(iso_utc: str) -> datetime:
    return datetime.fromisoformat(iso_utc.removesuffix("Z"))


def _event(data: dict, owner_id: int | None, title: str | None,
           sozialraum_id: int | None) -> Event:
    source, settings = data["event"], data.get("settings") or {}
    event = Event(owner_id=owner_id, sozialraum_id=sozialraum_id or _only_sozialraum(),
                  title=(title or source["title"])[:200],
                  event_date=datetime.fromisoformat(source["date"]).date()
                  if source.get("date") else None,
                  place=source.get("place") or "", join_code=_unique_join_code(),
                  projector_token=new_token())
    if source.get("phase") in PHASES:
        event.phase = source["phase"]
    for name in SETTINGS:
        if name in settings:
            setattr(event, name, settings[name])
    if event.assignment not in ASSIGNMENTS or event.projector_view not in PROJECTOR_VIEWS:
        raise ValueError("unknown setting")
    if "fields_of_work" in settings:
        event.fields_of_work = "\n".join(str(f) for f in settings["fields_of_work"])
    for n, category in enumerate(source["categories"]):
        if category["kind"] not in KINDS:
            raise ValueError("unknown kind")
        event.categories.append(Category(kind=category["kind"], label=category["label"],
                                         position=n))
    db.session.add(event)
    return event


def _islands(event: Event, data: dict) -> tuple[dict[int, Island], dict[int, Case]]:
    islands, cases = {}, {}
    for n, source in enumerate(data["event"]["islands"]):
        island = Island(name=source["name"], position=n, capacity=source.get("capacity"))
        event.islands.append(island)
        for k, case in enumerate(source["cases"]):
            cases[case["id"]] = Case(title=case["title"], situation=case.get("situation") or "",
                                     goal=case.get("goal") or "", position=k)
            island.cases.append(cases[case["id"]])
        islands[source["id"]] = island
    db.session.flush()
    return islands, cases


def _profiles(event: Event, data: dict, islands: dict[str, Island]) -> dict[str, int]:
    """The profiles as participants who have left; the first one of each field of work."""
    people = []
    for profile in data.get("profiles") or []:
        island = islands.get(profile.get("island") or "")
        people.append(Participant(
            event_id=event.id, token=new_token(), island_id=island.id if island else None,
            field_of_work=profile["field_of_work"], organisation=profile["organisation"],
            offer=profile["offer"] or None, display_name=profile["display_name"],
            profile_hidden=bool(profile["hidden"]), profile_approved=bool(profile["approved"]),
            left_at=LEFT))
    db.session.add_all(people)
    db.session.flush()
    by_field = {}
    for person in people:
        by_field.setdefault(person.field_of_work, person.id)
    return by_field


def _group(event: Event, row: dict, island: Island, case: Case, groups: dict) -> CardGroup:
    if row["group_id"] not in groups:
        groups[row["group_id"]] = CardGroup(event_id=event.id, island_id=island.id,
                                            case_id=case.id, label=row["group"])
        db.session.add(groups[row["group_id"]])
        db.session.flush()
    return groups[row["group_id"]]


def _cards(event: Event, data: dict, islands: dict, cases: dict,
           authors: dict) -> tuple[dict, dict]:
    """The cards with their groups, then their dots (held by one placeholder phone); both
    by their ids in the file."""
    categories = {(c.kind, c.label): c.id for c in event.categories}
    groups, made, dots = {}, {}, []
    for row in data.get("cards") or []:
        island, case = islands[row["island_id"]], cases[row["case_id"]]
        if row["kind"] not in KINDS:
            raise ValueError("unknown kind")
        group = _group(event, row, island, case, groups) if row.get("group_id") else None
        card = made[row["card_id"]] = Card(
            event_id=event.id, island_id=island.id, case_id=case.id,
            participant_id=authors.get(row.get("field_of_work")),
            client_id=f"import-{row['card_id']}", kind=row["kind"],
            category_id=categories.get((row["kind"], row.get("category"))),
            text=row["text"], detail=row.get("detail") or "", hidden=bool(row["hidden"]),
            approved=bool(row["approved"]), group_id=group.id if group else None,
            created_at=_time(row["created_at"]))
        db.session.add(card)
        dots.append((card, int((row.get("votes") or 0) + (row.get("group_votes") or 0))))
    db.session.flush()
    if any(n for _card, n in dots):
        voter = Participant(event_id=event.id, token=new_token(), left_at=LEFT)
        db.session.add(voter)
        db.session.flush()
        db.session.add_all(Vote(event_id=event.id, island_id=card.island_id, card_id=card.id,
                                participant_id=voter.id) for card, n in dots for _ in range(n))
    return made, groups


def _agreements(event: Event, data: dict, islands: dict, cards: dict, groups: dict) -> None:
    for row in data.get("agreements") or []:
        agreement = Agreement(event_id=event.id, island_id=islands[row["island_id"]].id,
                              what=row["what"], who=row.get("who") or "",
                              due=row.get("due") or "", created_at=_time(row["created_at"]))
        agreement.cards = [cards[card_id] for card_id in row.get("card_ids") or []
                           if card_id in cards]
        agreement.groups = [groups[group["id"]] for group in row.get("groups") or []
                            if group["id"] in groups]
        db.session.add(agreement)


def _photos(event: Event, data: dict, islands: dict) -> None:
    """Photos are cleaned again like uploads: the file may come from anywhere."""
    for row in data.get("photos") or []:
        try:
            jpeg, width, height = clean_jpeg(base64.b64decode(row["data"], validate=True))
        except DomainError as error:
            raise ValueError(error.code) from error
        db.session.add(Photo(event_id=event.id, island_id=islands[row["island_id"]].id,
                             jpeg=jpeg, width=width, height=height,
                             uploaded_by=row.get("uploaded_by") or "",
                             created_at=_time(row["created_at"])))


def import_event(data, owner_id: int | None = None, title: str | None = None,
                 sozialraum_id: int | None = None) -> Event:
    """A new event from a JSON export (`workshop-export/1`), in one commit, in the given
    Sozialraum or the installation's only one.

    A file that is no such export, or is damaged, is refused with "bad_import" and
    nothing is stored.
    """
    if not isinstance(data, dict) or data.get("format") != JSON_FORMAT:
        raise DomainError("bad_import")
    try:
        with transaction():
            event = _event(data, owner_id, title, sozialraum_id)
            islands, cases = _islands(event, data)
            authors = _profiles(event, data, {i.name: i for i in islands.values()})
            cards, groups = _cards(event, data, islands, cases, authors)
            _agreements(event, data, islands, cards, groups)
            _photos(event, data, islands)
    except (KeyError, TypeError, ValueError, AttributeError, DataError,
            IntegrityError) as error:
        raise DomainError("bad_import") from error
    return event


def copy_as_template(event: Event, structure: dict, title: str) -> Event:
    """A new event with the islands, cases, categories and settings of `event`: no cards,
    people, agreements or photos (`structure` is `queries.structure(event)`)."""
    data = {"format": JSON_FORMAT, "event": {**structure, "date": None, "phase": "arrival"},
            "settings": event_settings(event)}
    return import_event(data, event.owner_id, title, event.sozialraum_id)
