"""Read side: plain dicts for snapshots, pages and exports."""

import hashlib
import json
import time
from collections import Counter

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from .extensions import db
from .models import Agreement, Card, CardGroup, Event, Island, ModerationLog, Participant, Vote
from .services.participants import present
from .services.running import remaining_seconds


def iso_utc(moment) -> str:
    """A stored UTC time as the screens and the JSON export get it."""
    return moment.isoformat(timespec="seconds") + "Z"


def card_dict(card: Card, votes: int | None = None) -> dict:
    """The full shape of a card, as facilitators receive it."""
    if votes is None:
        votes = db.session.scalar(select(func.count(Vote.id)).where(Vote.card_id == card.id))
    return {
        "id": card.id,
        "island_id": card.island_id,
        "case_id": card.case_id,
        "kind": card.kind,
        "category_id": card.category_id,
        "text": card.text,
        "detail": card.detail,
        "group_id": card.group_id,
        "votes": votes,
        "hidden": card.hidden,
        "approved": card.approved,
        "rev": card.rev,
        "created_at": iso_utc(card.created_at),
        "deleted": card.deleted_at is not None,
    }


def public_card(item: dict) -> dict:
    """What phones and the projector may see: hidden, unapproved and deleted cards vanish."""
    if item["deleted"] or item["hidden"] or not item["approved"]:
        return {"id": item["id"], "island_id": item["island_id"], "rev": item["rev"],
                "deleted": True}
    return item


def group_dict(group: CardGroup) -> dict:
    """A group of merged cards (its cards carry its id)."""
    return {"id": group.id, "island_id": group.island_id, "case_id": group.case_id,
            "label": group.label, "rev": group.rev, "deleted": group.dissolved_at is not None}


def agreement_dict(agreement: Agreement) -> dict:
    """A next step with the cards and (live) groups it addresses."""
    return {"id": agreement.id, "island_id": agreement.island_id, "what": agreement.what,
            "who": agreement.who, "due": agreement.due, "rev": agreement.rev,
            "card_ids": [c.id for c in agreement.cards],
            "group_ids": [g.id for g in agreement.groups if g.dissolved_at is None],
            "deleted": agreement.deleted_at is not None}


def timer_dict(event: Event) -> dict:
    """The countdown, with the server's clock so phones with a wrong clock still count right."""
    return {"running": event.timer_ends_at is not None,
            "remaining_s": remaining_seconds(event),
            "duration_s": event.timer_duration_s,
            "server_now_ms": int(time.time() * 1000)}


def event_state(event: Event) -> dict:
    """Phase, timer and session settings: what every screen follows live."""
    return {"seq": event.seq, "phase": event.phase, "timer": timer_dict(event),
            "projector_view": event.projector_view,
            "projector_island_id": event.projector_island_id,
            "dots_per_island": event.dots_per_island,
            "max_dots_per_card": event.max_dots_per_card, "premoderation": event.premoderation,
            "assignment": event.assignment,
            "fields_of_work": [f for f in event.fields_of_work.splitlines() if f]}


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
            {"id": island.id, "name": island.name, "capacity": island.capacity,
             "cases": [{"id": case.id, "title": case.title, "situation": case.situation,
                        "goal": case.goal} for case in island.cases]}
            for island in event.islands
        ],
        "categories": [
            {"id": c.id, "kind": c.kind, "label": c.label} for c in event.categories
        ],
    }


def _event_with_structure(event_id: int) -> Event:
    """The event with its islands, cases and categories in three queries, not one per island.

    populate_existing: whatever the session holds of the event already, the eager loads run;
    a get() that returns a loaded event as it is would leave every island's cases to one
    lazy query each (measured in a micro benchmark: 41 queries for 40 islands).
    """
    return db.session.get(Event, event_id, populate_existing=True, options=[
        selectinload(Event.islands).selectinload(Island.cases),
        selectinload(Event.categories)])


def _cards(event_id: int, island_id: int | None = None, since: int | None = None) -> list[Card]:
    """The live cards; with `since`, every card changed after it, deleted ones included."""
    query = select(Card).where(Card.event_id == event_id)
    query = query.where(Card.deleted_at.is_(None)) if since is None else \
        query.where(Card.rev > since)
    if island_id is not None:
        query = query.where(Card.island_id == island_id)
    return list(db.session.scalars(query.order_by(Card.id)))


def _vote_counts(event_id: int, island_id: int | None = None) -> Counter:
    query = select(Vote.card_id, func.count(Vote.id)).where(Vote.event_id == event_id)
    if island_id is not None:
        query = query.where(Vote.island_id == island_id)
    return Counter(dict(db.session.execute(query.group_by(Vote.card_id)).all()))


def _groups(event_id: int, island_id: int | None = None, since: int | None = None) -> list[dict]:
    query = select(CardGroup).where(CardGroup.event_id == event_id)
    query = query.where(CardGroup.dissolved_at.is_(None)) if since is None else \
        query.where(CardGroup.rev > since)
    if island_id is not None:
        query = query.where(CardGroup.island_id == island_id)
    return [group_dict(g) for g in db.session.scalars(query.order_by(CardGroup.id))]


def live_agreements(event_id: int, island_id: int | None = None,
                    since: int | None = None) -> list[dict]:
    """Live agreements of an event (or one island), oldest first; with `since`, every one
    changed after it, deleted ones included."""
    query = select(Agreement).where(Agreement.event_id == event_id)
    query = query.where(Agreement.deleted_at.is_(None)) if since is None else \
        query.where(Agreement.rev > since)
    if island_id is not None:
        query = query.where(Agreement.island_id == island_id)
    return [agreement_dict(a) for a in db.session.scalars(query.order_by(Agreement.id))]


def my_votes(participant_id: int, island_id: int | None) -> dict[int, int]:
    """A participant's dots per card on an island."""
    rows = db.session.execute(
        select(Vote.card_id, func.count(Vote.id))
        .where(Vote.participant_id == participant_id, Vote.island_id == island_id)
        .group_by(Vote.card_id)).all()
    return {card_id: count for card_id, count in rows}


def profile_dict(participant: Participant) -> dict:
    """The participant's own optional profile."""
    return {"field_of_work": participant.field_of_work or "",
            "organisation": participant.organisation or "", "offer": participant.offer or "",
            "display_name": participant.display_name or ""}


def structure_version(shape: dict) -> str:
    """A short fingerprint of an event's structure, so a phone need not load it twice."""
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:16]


def island_snapshot(event_id: int, island_id: int | None, participant_id: int,
                    since: int | None = None, known_structure: str | None = None) -> dict:
    """What a phone needs to rebuild its screen for every phase, with the event's seq.

    `since` (the seq of the phone's last snapshot of this island) makes it a delta: only the
    cards, groups and agreements changed after it, removed ones as {id, rev, deleted}; a phone
    coming back after a Wi-Fi gap then loads a few hundred bytes, not the whole island.
    `known_structure` (the phone's structure_version) leaves out an unchanged structure.
    """
    event = _event_with_structure(event_id)
    participant = db.session.get(Participant, participant_id)
    cards, groups, agreements, mine_votes = [], [], [], {}
    if since is not None and not 0 <= since <= event.seq:
        since = None  # a seq from another database (restored backup) or a forged one
    if island_id is not None:
        counts = _vote_counts(event_id, island_id)
        for card in _cards(event_id, island_id, since):
            mine = card.participant_id == participant_id
            item = card_dict(card, counts[card.id])
            # Own hidden ones too: the author's phone says the moderation hid it.
            if mine and not card.deleted_at:
                cards.append({**item, "mine": True, "client_id": card.client_id})
            elif not (shown := public_card(item))["deleted"]:
                cards.append({**item, "mine": False})
            elif since is not None:
                cards.append(shown)
        groups = _groups(event_id, island_id, since)
        agreements = live_agreements(event_id, island_id, since)
        mine_votes = my_votes(participant_id, island_id)
    shape = structure(event)
    version = structure_version(shape)
    snapshot = {"seq": event.seq, "structure_version": version,
                # The phone has this structure already: islands and case texts stay at home.
                "event": None if known_structure == version else shape,
                "state": event_state(event),
                "island_id": island_id, "cards": cards, "groups": groups,
                "agreements": agreements, "my_votes": mine_votes,
                "profile": profile_dict(participant)}
    if since is not None:
        snapshot["since"] = since
    return snapshot


OFFERS_SHOWN = 40  # on the projector
STAFF_OFFERS_SHOWN = 500  # on the board, to moderate


def room_stats(event_id: int) -> dict:
    """Who is in the room: participants per field of work and island, and what they offer.

    The full view, as facilitators see it: every offer with its participant and state, to
    moderate it; `public_room` makes the projector's view of it.
    Head counts are of the people here (phones gone for longer than a few minutes drop out);
    offers stay, they are for after the event too.
    Counted in SQL: it runs on every profile saved, with hundreds of phones arriving at once.
    """
    mine = Participant.event_id == event_id
    fields = dict(db.session.execute(
        select(Participant.field_of_work, func.count(Participant.id)).where(mine, present())
        .group_by(Participant.field_of_work)).all())
    islands = db.session.execute(
        select(Participant.island_id, func.count(Participant.id))
        .where(mine, present(), Participant.island_id.is_not(None))
        .group_by(Participant.island_id)).all()
    offers = db.session.execute(
        select(Participant.id, Participant.display_name, Participant.organisation,
               Participant.field_of_work, Participant.offer, Participant.profile_hidden,
               Participant.profile_approved).where(mine, Participant.offer.is_not(None))
        .order_by(Participant.id.desc()).limit(STAFF_OFFERS_SHOWN)).all()
    named = sorted(((f, n) for f, n in fields.items() if f), key=lambda item: (-item[1], item[0]))
    return {
        "total": sum(fields.values()),
        "by_field": [{"field": f, "count": n} for f, n in named],
        "without_field": fields.get(None, 0) + fields.get("", 0),
        "by_island": dict(islands),
        "offers": [{"name": row.display_name or "", "organisation": row.organisation or "",
                    "field": row.field_of_work or "", "offer": row.offer,
                    "participant_id": row.id, "hidden": row.profile_hidden,
                    "approved": row.profile_approved} for row in reversed(offers)],
    }


def public_room(room: dict) -> dict:
    """What the projector (and an island host) may see of the room: the newest offers that
    are not hidden and, with pre-moderation, approved; no participant ids."""
    shown = [o for o in room["offers"] if o["approved"] and not o["hidden"]][-OFFERS_SHOWN:]
    return {**room, "offers": [{key: o[key] for key in ("name", "organisation", "field", "offer")}
                               for o in shown]}


def log_entries(event_id: int, limit: int = 200) -> list[dict]:
    """The newest moderation actions first."""
    rows = db.session.scalars(select(ModerationLog).where(ModerationLog.event_id == event_id)
                              .order_by(ModerationLog.id.desc()).limit(limit))
    return [log_dict(row) for row in rows]


SUBJECT_CHARS = 60  # of a card's text in a log line


def log_dict(row: ModerationLog) -> dict:
    """One moderation action, with what it acted on (a card's text, a group's label, an
    agreement, an offer; shortened) for a log line that says which."""
    detail = json.loads(row.detail) if row.detail else {}
    subject = next((detail[key] for key in ("text", "label", "what", "offer")
                    if detail.get(key)), "")
    if len(subject) > SUBJECT_CHARS:
        subject = subject[:SUBJECT_CHARS - 1].rstrip() + "…"
    return {"id": row.id, "actor": row.actor, "action": row.action, "card_id": row.card_id,
            "island_id": row.island_id, "detail": detail, "subject": subject,
            "at": iso_utc(row.created_at)}


def wall_snapshot(event_id: int, staff: bool = False, island_id: int | None = None) -> dict:
    """Projector (public cards) or facilitators (every card and the log) of all islands."""
    event = _event_with_structure(event_id)
    counts = _vote_counts(event_id, island_id)
    cards = [card_dict(card, counts[card.id]) for card in _cards(event_id, island_id)]
    if not staff:
        cards = [c for c in cards if not public_card(c)["deleted"]]
    room = room_stats(event_id)
    snapshot = {"seq": event.seq, "event": structure(event), "state": event_state(event),
                "cards": cards, "groups": _groups(event_id, island_id),
                "agreements": live_agreements(event_id, island_id),
                "room": room if staff and island_id is None else public_room(room)}
    if staff:
        snapshot["log"] = [e for e in log_entries(event_id)
                           if island_id is None or e["island_id"] == island_id]
    return snapshot


def export_rows(event_id: int) -> list[dict]:
    """Every live card with its event, island, case and category names, oldest first.

    With the author's field of work (when given), whether it is approved, and its group's
    dots: a dot on a group is stored on one member card, so `votes` is the card's own dots
    and `group_votes` the whole group's.
    """
    event = _event_with_structure(event_id)
    islands = {i.id: i for i in event.islands}
    cases = {c.id: c for i in event.islands for c in i.cases}
    categories = {c.id: c.label for c in event.categories}
    groups = {g["id"]: g["label"] for g in _groups(event_id)}
    fields = dict(db.session.execute(
        select(Participant.id, Participant.field_of_work)
        .where(Participant.event_id == event_id)).all())
    counts = _vote_counts(event_id)
    cards = _cards(event_id)
    group_votes = Counter()
    for card in cards:
        if card.group_id in groups:
            group_votes[card.group_id] += counts[card.id]
    return [
        {"event": event.title,
         "event_date": event.event_date.isoformat() if event.event_date else "",
         "place": event.place,
         "island_id": card.island_id,
         "island": islands[card.island_id].name,
         "case_id": card.case_id,
         "case": cases[card.case_id].title,
         "kind": card.kind,
         "category": categories.get(card.category_id, ""),
         "text": card.text,
         "detail": card.detail,
         "group_id": card.group_id if card.group_id in groups else None,
         "group": groups.get(card.group_id, ""),
         "votes": counts[card.id],
         "group_votes": group_votes[card.group_id] if card.group_id in groups else None,
         "field_of_work": fields.get(card.participant_id) or "",
         "approved": card.approved,
         "hidden": card.hidden,
         "created_at": iso_utc(card.created_at),
         "card_id": card.id}
        for card in cards
    ]


def export_agreements(event_id: int) -> list[dict]:
    """Live agreements by island with the live cards and groups they address."""
    event = _event_with_structure(event_id)
    order = {island.id: (index, island.name) for index, island in enumerate(event.islands)}
    agreements = db.session.scalars(
        select(Agreement).where(Agreement.event_id == event_id, Agreement.deleted_at.is_(None))
        .options(selectinload(Agreement.cards), selectinload(Agreement.groups))
        .order_by(Agreement.id))
    rows = []
    for agreement in sorted(agreements, key=lambda a: (order[a.island_id][0], a.id)):
        cards = [c for c in agreement.cards if c.deleted_at is None]
        groups = [g for g in agreement.groups if g.dissolved_at is None]
        rows.append({"id": agreement.id, "island_id": agreement.island_id,
                     "island": order[agreement.island_id][1], "what": agreement.what,
                     "who": agreement.who, "due": agreement.due,
                     "created_at": iso_utc(agreement.created_at),
                     "card_ids": [c.id for c in cards],
                     "cards": [{"id": c.id, "kind": c.kind, "text": c.text} for c in cards],
                     "groups": [{"id": g.id, "label": g.label} for g in groups]})
    return rows


def export_profiles(event_id: int) -> list[dict]:
    """Wer bietet was? Only participants who filled in some profile, by field of work.

    With the moderation state of what the projector shows (facilitators may hide an offer;
    with pre-moderation it waits for approval).
    """
    event = _event_with_structure(event_id)
    islands = {island.id: island.name for island in event.islands}
    filled = or_(*(column != "" for column in (
        Participant.field_of_work, Participant.organisation, Participant.offer,
        Participant.display_name)))
    people = db.session.scalars(select(Participant).where(
        Participant.event_id == event_id, filled).order_by(Participant.id))
    rows = [{**profile_dict(p), "island": islands.get(p.island_id, ""),
             "approved": p.profile_approved, "hidden": p.profile_hidden} for p in people]
    return sorted(rows, key=lambda r: (not r["field_of_work"], r["field_of_work"].casefold(),
                                       r["organisation"].casefold(),
                                       r["display_name"].casefold()))
