"""Read side of the overview: the results of every island aggregated, as plain dicts.

What the projector and the facilitator's board show across islands. Counted over the cards
the projector may show (not hidden, approved, not deleted), so the numbers on the big screen
are the numbers of the cards people can see.
"""

import re
import unicodedata
from collections import Counter, defaultdict

from sqlalchemy import func, select

from .extensions import db
from .models import Agreement, Card, CardGroup, Category, Event, Island, Vote, agreement_cards

SHARED_SHOWN = 12  # resources named at several islands, most islands first
OPEN_SHOWN = 12  # open barriers, most islands and dots first


def normalised(text: str) -> str:
    """The key two cards match on: case, accents, ß, punctuation and spaces don't count.

    "Familienzentrum am Markt!" and "familienzentrum  am markt" name the same resource;
    "Stadtteilmütter" and "Stadtteilmutter" too (people type on phones without umlauts).
    """
    folded = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def _visible_cards(event_id: int) -> list[Card]:
    return list(db.session.scalars(select(Card).where(
        Card.event_id == event_id, Card.deleted_at.is_(None), Card.hidden.is_(False),
        Card.approved.is_(True)).order_by(Card.id)))


def _by_category(cards: list[Card], categories: list[Category], kind: str) -> list[dict]:
    counts = Counter(c.category_id for c in cards if c.kind == kind)
    rows = [{"id": c.id, "label": c.label, "count": counts.pop(c.id, 0)}
            for c in categories if c.kind == kind]
    # A card whose category was deleted (or another kind's, after an edit) still counts.
    other = sum(counts.values())
    if other:
        rows.append({"id": None, "label": "", "count": other})
    return rows


def _shared_resources(cards: list[Card], islands: dict[int, str],
                      labels: dict[int, str]) -> list[dict]:
    """Resources whose name (card text or the label of their group) recurs at 2+ islands."""
    where: dict[str, set[int]] = defaultdict(set)
    spelling: dict[str, Counter] = defaultdict(Counter)
    for card in cards:
        if card.kind != "resource":
            continue
        names = [card.text] + ([labels[card.group_id]] if card.group_id in labels else [])
        for name in names:
            key = normalised(name)
            if key:
                where[key].add(card.island_id)
                spelling[key][name.strip()] += 1
    shared = [{"text": spelling[key].most_common(1)[0][0], "key": key,
               "island_ids": sorted(ids, key=list(islands).index),
               "islands": [islands[i] for i in sorted(ids, key=list(islands).index)]}
              for key, ids in where.items() if len(ids) > 1]
    return sorted(shared, key=lambda s: (-len(s["island_ids"]), s["key"]))


def _answered(cards: list[Card], event_id: int) -> set[int]:
    """Barriers a resource was set against: grouped with one, or addressed with one by the
    same agreement (how an island says "this resource answers this barrier")."""
    kinds = {c.id: c.kind for c in cards}
    together: dict[tuple, set[int]] = defaultdict(set)
    for card in cards:
        if card.group_id is not None:
            together[("group", card.group_id)].add(card.id)
    rows = db.session.execute(
        select(agreement_cards.c.agreement_id, agreement_cards.c.card_id)
        .join(Agreement, Agreement.id == agreement_cards.c.agreement_id)
        .where(Agreement.event_id == event_id, Agreement.deleted_at.is_(None))).all()
    for agreement_id, card_id in rows:
        if card_id in kinds:
            together[("agreement", agreement_id)].add(card_id)
    answered = set()
    for members in together.values():
        if any(kinds[m] == "resource" for m in members):
            answered |= {m for m in members if kinds[m] == "barrier"}
    return answered


def _open_barriers(cards: list[Card], event_id: int, islands: dict[int, str],
                   votes: Counter) -> tuple[int, list[dict]]:
    """Barriers no island has set a resource against yet, the same barrier (same normalised
    text) counted once; answered at one island, it is answered for all."""
    answered_keys = {normalised(c.text) for c in cards if c.id in _answered(cards, event_id)}
    open_ones: dict[str, dict] = {}
    for card in cards:
        key = normalised(card.text)
        if card.kind != "barrier" or not key or key in answered_keys:
            continue
        entry = open_ones.setdefault(key, {"text": card.text.strip(), "key": key,
                                           "island_ids": [], "cards": 0, "dots": 0})
        entry["cards"] += 1
        entry["dots"] += votes[card.id]
        if card.island_id not in entry["island_ids"]:
            entry["island_ids"].append(card.island_id)
    order = list(islands)
    for entry in open_ones.values():
        entry["island_ids"].sort(key=order.index)
        entry["islands"] = [islands[i] for i in entry["island_ids"]]
    ranked = sorted(open_ones.values(),
                    key=lambda e: (-len(e["island_ids"]), -e["dots"], e["key"]))
    return len(ranked), ranked


def _island_progress(cards: list[Card], event: Event, votes: Counter,
                     labels: dict[int, str]) -> list[dict]:
    """Per island: its cards, its groups with a visible card, dots given, agreements."""
    agreements = dict(db.session.execute(
        select(Agreement.island_id, func.count(Agreement.id))
        .where(Agreement.event_id == event.id, Agreement.deleted_at.is_(None))
        .group_by(Agreement.island_id)).all())
    rows = []
    for island in event.islands:
        mine = [c for c in cards if c.island_id == island.id]
        rows.append({"id": island.id, "name": island.name,
                     "resources": sum(c.kind == "resource" for c in mine),
                     "barriers": sum(c.kind == "barrier" for c in mine),
                     "groups": len({c.group_id for c in mine if c.group_id in labels}),
                     "dots": sum(votes[c.id] for c in mine),
                     "agreements": agreements.get(island.id, 0)})
    return rows


def overview(event_id: int) -> dict:
    """Everything the overview shows, with the event's seq."""
    event = db.session.get(Event, event_id)
    categories = list(db.session.scalars(select(Category).where(Category.event_id == event_id)
                                         .order_by(Category.position, Category.id)))
    islands = {i.id: i.name for i in db.session.scalars(
        select(Island).where(Island.event_id == event_id).order_by(Island.position, Island.id))}
    cards = _visible_cards(event_id)
    visible = {c.id for c in cards}
    votes = Counter({card_id: n for card_id, n in db.session.execute(
        select(Vote.card_id, func.count(Vote.id)).where(Vote.event_id == event_id)
        .group_by(Vote.card_id)).all() if card_id in visible})
    labels = dict(db.session.execute(select(CardGroup.id, CardGroup.label).where(
        CardGroup.event_id == event_id, CardGroup.dissolved_at.is_(None))).all())
    open_count, open_barriers = _open_barriers(cards, event_id, islands, votes)
    shared = _shared_resources(cards, islands, labels)
    return {
        "seq": event.seq,
        "totals": {"resource": sum(c.kind == "resource" for c in cards),
                   "barrier": sum(c.kind == "barrier" for c in cards),
                   "dots": sum(votes.values())},
        "categories": {kind: _by_category(cards, categories, kind)
                       for kind in ("resource", "barrier")},
        "shared_resources": shared[:SHARED_SHOWN],
        "shared_count": len(shared),
        "open_barriers": open_barriers[:OPEN_SHOWN],
        "open_count": open_count,
        "islands": _island_progress(cards, event, votes, labels),
    }
