"""The overview across islands (workshop/overview.py): its numbers are the database's."""

import itertools
import random

import pytest
from sqlalchemy import text

from workshop.extensions import db
from workshop.overview import normalised, overview
from workshop.services import (
    agreements,
    cards,
    events,
    groups,
    moderation,
    participants,
    running,
    votes,
)
from workshop.services import projector as projector_service
from workshop.services.moderation import Actor

from .conftest import category_id


def seated(event, island_index):
    p = participants.join(event.join_code)
    return participants.choose_island(p.id, event.islands[island_index].id)


CLIENT_IDS = (f"client-{n:05d}" for n in itertools.count())


def write(event, p, island_index, body, kind="resource", category=None):
    card, _ = cards.submit_card(p.id, next(CLIENT_IDS), event.islands[island_index].cases[0].id,
                                kind, category or category_id(event, kind), body)
    return card


@pytest.fixture
def staff(event):
    return Actor(event.id, "Moderation: Test")


def sql(query, **params):
    return db.session.execute(text(query), params).all()


VISIBLE = "deleted_at IS NULL AND hidden = false AND approved = true"


def test_numbers_match_the_database_for_a_busy_event(event, staff):
    """Four islands, 120 cards in random categories, some hidden or deleted, groups, dots."""
    for name in ("Insel C", "Insel D"):
        island = events.add_island(event.id, name)
        events.add_case(island.id, f"Fall {name}", "", "")
    event = running.set_phase(event.id, "collect")
    chance = random.Random(8)
    categories = {kind: [c.id for c in event.categories if c.kind == kind]
                  for kind in ("resource", "barrier")}
    people = [seated(event, i % 4) for i in range(12)]
    written = []
    for n in range(120):
        p = people[n % 12]
        kind = chance.choice(("resource", "barrier"))
        written.append(write(event, p, n % 4, f"Karte {n}", kind,
                             chance.choice(categories[kind])))
    for card in written[::9]:
        moderation.set_hidden(staff, card.id, True)
    for card in written[1::13]:
        moderation.delete(staff, card.id)
    running.set_phase(event.id, "organise")
    live = [c for c in written[2::5] if c.island_id == event.islands[0].id][:4]
    groups.create_group(staff, [c.id for c in live[:2]], "Gruppe eins")
    running.set_phase(event.id, "vote")
    for p in people:
        mine = [c for c in written if c.island_id == p.island_id and c not in written[::9]
                and c not in written[1::13]]
        votes.cast(p.id, chance.choice(mine).id)

    result = overview(event.id)

    for kind in ("resource", "barrier"):
        expected = dict(sql(f"SELECT category_id, COUNT(*) FROM cards WHERE {VISIBLE} "
                            "AND kind = :kind GROUP BY category_id", kind=kind))
        shown = {row["id"]: row["count"] for row in result["categories"][kind]}
        assert shown == {c: expected.get(c, 0) for c in categories[kind]}
        assert result["totals"][kind] == sum(expected.values())
    assert result["totals"]["dots"] == 12
    for row in result["islands"]:
        counts = dict(sql(f"SELECT kind, COUNT(*) FROM cards WHERE {VISIBLE} "
                          "AND island_id = :island GROUP BY kind", island=row["id"]))
        assert (row["resources"], row["barriers"]) == (counts.get("resource", 0),
                                                       counts.get("barrier", 0))
        dots = sql("SELECT COUNT(*) FROM votes WHERE island_id = :island", island=row["id"])
        assert row["dots"] == dots[0][0]
    assert [row["groups"] for row in result["islands"]] == [1, 0, 0, 0]
    assert [row["name"] for row in result["islands"]] == ["Insel A", "Insel B", "Insel C",
                                                           "Insel D"]
    assert result["seq"] == sql("SELECT seq FROM events")[0][0]


def test_resources_named_at_several_islands_match_loosely(event):
    a, b = seated(event, 0), seated(event, 1)
    write(event, a, 0, "Familienzentrum am Markt")
    write(event, b, 1, "familienzentrum am Markt!")
    write(event, a, 0, "Stadtteilmütter")
    write(event, b, 1, "Stadtteilmutter")
    write(event, a, 0, "Sportverein")  # one island only
    write(event, b, 1, "Sportverein", kind="barrier")  # a barrier is not a resource
    result = overview(event.id)
    assert [(s["key"], s["islands"]) for s in result["shared_resources"]] == [
        ("familienzentrum am markt", ["Insel A", "Insel B"]),
        ("stadtteilmutter", ["Insel A", "Insel B"])]
    assert result["shared_count"] == 2
    assert normalised("  Straße, am  Markt ") == "strasse am markt"


def test_a_group_label_names_its_resources(event, staff):
    a, b = seated(event, 0), seated(event, 1)
    first = write(event, a, 0, "Eltern-Kind-Café")
    second = write(event, a, 0, "Familienzentrum am Markt")
    write(event, b, 1, "Familienzentrum")
    running.set_phase(event.id, "organise")
    groups.create_group(staff, [first.id, second.id], "Familienzentrum")
    shared = overview(event.id)["shared_resources"]
    assert [(s["text"], s["islands"]) for s in shared] == [
        ("Familienzentrum", ["Insel A", "Insel B"])]


def test_a_barrier_is_open_until_an_island_sets_a_resource_against_it(event, staff):
    a, b = seated(event, 0), seated(event, 1)
    bus = write(event, a, 0, "Bus fährt abends nicht", kind="barrier")
    write(event, b, 1, "bus fährt abends nicht", kind="barrier")
    letters = write(event, b, 1, "Briefe vom Amt unverständlich", kind="barrier")
    translators = write(event, b, 1, "Stadtteilmütter übersetzen")
    hidden = write(event, a, 0, "Versteckte Barriere", kind="barrier")
    moderation.set_hidden(staff, hidden.id, True)
    result = overview(event.id)
    assert result["open_count"] == 2
    assert [(o["text"], o["islands"], o["cards"]) for o in result["open_barriers"]] == [
        ("Bus fährt abends nicht", ["Insel A", "Insel B"], 2),
        ("Briefe vom Amt unverständlich", ["Insel B"], 1)]

    # Answered by an agreement that addresses it together with a resource.
    agreements.save(staff, event.islands[1].id, "Sprechstunde", card_ids=[letters.id,
                                                                          translators.id])
    assert [o["text"] for o in overview(event.id)["open_barriers"]] == [
        "Bus fährt abends nicht"]
    # Answered at one island by grouping it with a resource: answered for both islands.
    lift = write(event, a, 0, "Nachbarin fährt mit")
    running.set_phase(event.id, "organise")
    groups.create_group(staff, [bus.id, lift.id], "Mitfahren")
    result = overview(event.id)
    assert (result["open_count"], result["open_barriers"]) == (0, [])


def test_cards_without_a_category_of_their_kind_are_counted_apart(event, staff):
    a = seated(event, 0)
    card = write(event, a, 0, "Ohne Kategorie")
    removed = events.add_category(event.id, "resource", "Bald weg")
    moderation.edit(staff, card.id, "resource", removed.id, "Ohne Kategorie")
    db.session.execute(text("UPDATE cards SET category_id = NULL"))
    db.session.commit()
    rows = overview(event.id)["categories"]["resource"]
    assert rows[-1] == {"id": None, "label": "", "count": 1}
    assert sum(r["count"] for r in rows) == 1


def test_pinning_a_view_validates_the_island(event):
    other = events.create_event(None, "Andere", None, "")
    foreign = events.add_island(other.id, "Fremd")
    for view, island_id in (("island", None), ("island", foreign.id), ("nonsense", None)):
        with pytest.raises(Exception) as error:
            projector_service.pin_view(event.id, view, island_id)
        assert error.value.code == "malformed"
    pinned = projector_service.pin_view(event.id, "island", event.islands[1].id)
    assert (pinned.projector_view, pinned.projector_island_id) == ("island",
                                                                    event.islands[1].id)
    assert projector_service.pin_view(event.id, "overview").projector_island_id == \
        event.islands[1].id  # kept for the next time "island" is chosen


def test_renewing_an_island_projector_link_changes_only_that_island(event):
    before = [i.projector_token for i in event.islands]
    assert all(len(token) >= 24 for token in before) and before[0] != before[1]
    renewed = projector_service.renew_island_link(event.islands[0].id)
    assert renewed.projector_token not in before
    assert event.islands[1].projector_token == before[1]
