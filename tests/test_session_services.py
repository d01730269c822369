"""Issue 4 rules at the service level: phases, timer, moderation, groups, votes, islands."""

from datetime import timedelta

import pytest

from workshop.errors import DomainError
from workshop.extensions import db
from workshop.models import Card, Event, ModerationLog, Participant, utcnow
from workshop.queries import (
    card_dict,
    island_snapshot,
    public_card,
    public_room,
    room_stats,
    wall_snapshot,
)
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
from workshop.services.moderation import Actor

from .conftest import category_id


def seated(event, island_index=0):
    p = participants.join(event.join_code)
    return participants.choose_island(p.id, event.islands[island_index].id)


def write(event, p, text, n, island_index=0, kind="resource"):
    card, _ = cards.submit_card(p.id, f"client-{n:04d}", event.islands[island_index].cases[0].id,
                                kind, category_id(event, kind), text)
    return card


@pytest.fixture
def staff(event):
    return Actor(event.id, "Moderation: Test")


@pytest.fixture
def board(event):
    """Three cards on island A by two participants, one on island B."""
    a, b, c = seated(event), seated(event), seated(event, 1)
    return {"a": a, "b": b, "c": c,
            "cards": [write(event, a, "Familienzentrum", 1), write(event, b, "Familienzentrum!", 2),
                      write(event, a, "Sportverein", 3)],
            "other": write(event, c, "Jugendtreff", 4, 1)}


def test_phase_changes_keep_votes(event, board):
    running.set_phase(event.id, "vote")
    votes.cast(board["b"].id, board["cards"][0].id)
    for phase in ("organise", "collect", "arrival", "vote"):
        running.set_phase(event.id, phase)
    assert island_snapshot(event.id, event.islands[0].id, board["b"].id)["my_votes"] == {
        board["cards"][0].id: 1}


def test_votes_only_in_vote_phase_and_cards_only_in_collect(event, board):
    with pytest.raises(DomainError) as error:
        votes.cast(board["a"].id, board["cards"][0].id)
    assert error.value.code == "phase_no_votes"
    running.set_phase(event.id, "vote")
    with pytest.raises(DomainError) as error:
        write(event, board["a"], "zu spät", 9)
    assert error.value.code == "phase_no_cards"


def test_dots_run_out_can_be_taken_back_and_respect_maximum(event, board):
    running.update_settings(event.id, premoderation=False, dots_per_island=3,
                            max_dots_per_card=2, assignment="choose", fields_of_work="A",
                            projector_view="auto")
    running.set_phase(event.id, "vote")
    a, first, second = board["a"].id, board["cards"][0].id, board["cards"][1].id
    votes.cast(a, first)
    votes.cast(a, first)
    with pytest.raises(DomainError) as error:
        votes.cast(a, first)
    assert error.value.code == "max_dots_per_card" and error.value.params["max"] == 2
    votes.cast(a, second)
    with pytest.raises(DomainError) as error:
        votes.cast(a, board["cards"][2].id)
    assert error.value.code == "no_dots_left"
    votes.withdraw(a, first)
    votes.cast(a, board["cards"][2].id)
    with pytest.raises(DomainError) as error:
        votes.withdraw(board["b"].id, first)
    assert error.value.code == "no_dot_here"


def test_vote_on_other_island_or_hidden_card_is_refused(event, board, staff):
    running.set_phase(event.id, "vote")
    with pytest.raises(DomainError) as error:
        votes.cast(board["a"].id, board["other"].id)
    assert error.value.code == "wrong_island"
    moderation.set_hidden(staff, board["cards"][2].id, True)
    with pytest.raises(DomainError):
        votes.cast(board["a"].id, board["cards"][2].id)


def test_merge_keeps_originals_votes_carry_over_and_undo_restores(event, board, staff):
    running.set_phase(event.id, "vote")
    first, dup = board["cards"][0], board["cards"][1]
    votes.cast(board["a"].id, first.id)
    votes.cast(board["b"].id, dup.id)
    group, members = groups.create_group(staff, [first.id, dup.id], "Familienzentrum")
    assert {c.group_id for c in members} == {group.id}
    # A dot on any card of the group goes to the group (its first card).
    card = votes.cast(board["b"].id, dup.id)
    assert card.id == first.id
    snapshot = wall_snapshot(event.id)
    by_id = {c["id"]: c for c in snapshot["cards"]}
    assert by_id[first.id]["votes"] + by_id[dup.id]["votes"] == 3
    groups.dissolve_group(staff, group.id)
    db.session.expire_all()
    restored = {c.id: c for c in db.session.query(Card).filter(Card.id.in_([first.id, dup.id]))}
    assert all(c.group_id is None for c in restored.values())
    after = {c["id"]: c["votes"] for c in wall_snapshot(event.id)["cards"]}
    assert after[first.id] == 2 and after[dup.id] == 1
    assert wall_snapshot(event.id)["groups"] == []


def test_dot_on_a_group_lands_on_a_visible_card(event, board, staff):
    first, dup = board["cards"][0], board["cards"][1]
    groups.create_group(staff, [first.id, dup.id], "Familienzentrum")
    moderation.set_hidden(staff, first.id, True)
    running.set_phase(event.id, "vote")
    card = votes.cast(board["b"].id, dup.id)
    assert card.id == dup.id
    public = {c["id"]: c for c in wall_snapshot(event.id)["cards"]}
    assert first.id not in public and public[dup.id]["votes"] == 1
    assert votes.withdraw(board["b"].id, dup.id).id == dup.id


def test_group_needs_cards_of_one_case(event, board, staff):
    with pytest.raises(DomainError):
        groups.create_group(staff, [board["cards"][0].id, board["other"].id], "x")
    assert db.session.query(Card).filter(Card.group_id.is_not(None)).count() == 0


@pytest.mark.parametrize("card_ids", [[{"id": 1}], [[1]], ["²"], [None], ["9" * 5000], "1,2", []])
def test_lists_of_card_ids_hold_only_ids(event, board, staff, card_ids):
    with pytest.raises(DomainError) as error:
        groups.create_group(staff, card_ids, "x")
    assert error.value.code == "malformed"
    if card_ids:
        with pytest.raises(DomainError) as error:
            agreements.save(staff, event.islands[0].id, "Treffen", card_ids=card_ids)
        assert error.value.code == "malformed"


def test_card_ids_as_text_count_once(event, board, staff):
    first = board["cards"][0].id
    _, merged = groups.create_group(staff, [first, str(first), board["cards"][1].id], "Familie")
    assert [c.id for c in merged] == [first, board["cards"][1].id]


def test_group_add_remove_rename(event, board, staff):
    group, _ = groups.create_group(staff, [board["cards"][0].id], "Familie")
    groups.add_to_group(staff, group.id, board["cards"][1].id)
    groups.rename_group(staff, group.id, "Familienzentren")
    removed = groups.remove_from_group(staff, board["cards"][1].id)
    assert removed.group_id is None
    assert [g["label"] for g in wall_snapshot(event.id)["groups"]] == ["Familienzentren"]


def test_moderation_hides_edits_deletes_and_logs(event, board, staff):
    card = board["cards"][0]
    hidden = moderation.set_hidden(staff, card.id, True)
    assert public_card(card_dict(hidden))["deleted"] is True
    assert card.id not in [c["id"] for c in wall_snapshot(event.id)["cards"]]
    assert card.id in [c["id"] for c in wall_snapshot(event.id, staff=True)["cards"]]
    other_phone = island_snapshot(event.id, event.islands[0].id, board["b"].id)
    assert card.id not in [c["id"] for c in other_phone["cards"]]
    moderation.set_hidden(staff, card.id, False)
    moderation.edit(staff, card.id, "barrier", category_id(event, "barrier"), "Zu voll")
    moderation.delete(staff, board["cards"][2].id)
    actions = [row.action for row in db.session.query(ModerationLog).order_by(ModerationLog.id)]
    assert actions == ["hide", "unhide", "edit", "delete"]
    entry = wall_snapshot(event.id, staff=True)["log"][0]
    assert entry["actor"] == "Moderation: Test" and entry["action"] == "delete"


def test_recategorise_is_logged_as_such(event, board, staff):
    card = board["cards"][0]
    second = [c.id for c in event.categories if c.kind == "resource"][1]
    moderation.edit(staff, card.id, "resource", second, card.text)
    assert db.session.query(ModerationLog).one().action == "recategorise"


def test_island_host_only_moderates_own_island(event, board):
    host = Actor(event.id, "Insel-Host: Insel B", event.islands[1].id)
    moderation.set_hidden(host, board["other"].id, True)
    with pytest.raises(DomainError) as error:
        moderation.set_hidden(host, board["cards"][0].id, True)
    assert error.value.code == "forbidden"
    with pytest.raises(DomainError):
        agreements.save(host, event.islands[0].id, "Treffen")


def test_premoderation_keeps_cards_off_public_screens_until_approved(event, staff):
    running.update_settings(event.id, premoderation=True, dots_per_island=3,
                            max_dots_per_card=None, assignment="choose", fields_of_work="",
                            projector_view="auto")
    author, neighbour = seated(event), seated(event)
    card = write(event, author, "Wartet", 1)
    assert not card.approved
    assert wall_snapshot(event.id)["cards"] == []
    assert island_snapshot(event.id, event.islands[0].id, neighbour.id)["cards"] == []
    assert island_snapshot(event.id, event.islands[0].id, author.id)["cards"][0]["mine"]
    moderation.approve(staff, card.id)
    assert [c["text"] for c in wall_snapshot(event.id)["cards"]] == ["Wartet"]


def test_edited_card_waits_for_approval_again_under_premoderation(event, staff):
    running.update_settings(event.id, premoderation=True, dots_per_island=3,
                            max_dots_per_card=None, assignment="choose", fields_of_work="",
                            projector_view="auto")
    author = seated(event)
    card = write(event, author, "Familienzentrum", 1)
    moderation.approve(staff, card.id)
    same = cards.edit_card(author.id, card.id, "resource", card.category_id, "Familienzentrum")
    assert same.approved  # saving without a change keeps the approval
    edited = cards.edit_card(author.id, card.id, "resource", card.category_id, "Etwas anderes")
    assert not edited.approved
    assert wall_snapshot(event.id)["cards"] == []
    moderation.approve(staff, card.id)
    assert [c["text"] for c in wall_snapshot(event.id)["cards"]] == ["Etwas anderes"]


def test_edited_card_stays_visible_without_premoderation(event):
    author = seated(event)
    card = write(event, author, "Familienzentrum", 1)
    edited = cards.edit_card(author.id, card.id, "resource", card.category_id, "Etwas anderes")
    assert edited.approved
    assert [c["text"] for c in wall_snapshot(event.id)["cards"]] == ["Etwas anderes"]


def test_agreements_link_cards_and_can_be_changed_and_deleted(event, board, staff):
    island_id = event.islands[0].id
    agreement = agreements.save(staff, island_id, "Kontakt zum Familienzentrum", "Frau M.",
                                "bis Mai", [board["cards"][0].id])
    agreements.save(staff, island_id, "Kontakt aufnehmen", "Frau M.", "bis Juni",
                    [board["cards"][0].id, board["cards"][2].id], agreement.id)
    item = wall_snapshot(event.id)["agreements"][0]
    assert item["what"] == "Kontakt aufnehmen" and len(item["card_ids"]) == 2
    with pytest.raises(DomainError):
        agreements.save(staff, island_id, "x", card_ids=[board["other"].id])
    agreements.delete(staff, agreement.id)
    assert wall_snapshot(event.id)["agreements"] == []


def test_timer_start_pause_add_minute_stop(event):
    state = running.timer(event.id, "start", 300)
    assert 299 <= running.remaining_seconds(state) <= 300
    running.timer(event.id, "pause")
    event_row = db.session.get(Event, event.id)
    assert event_row.timer_ends_at is None and 299 <= event_row.timer_remaining_s <= 300
    running.timer(event.id, "add_minute")
    assert 359 <= db.session.get(Event, event.id).timer_remaining_s <= 360
    running.timer(event.id, "start")  # resume
    assert 358 <= running.remaining_seconds(db.session.get(Event, event.id)) <= 360
    running.timer(event.id, "stop")
    assert running.remaining_seconds(db.session.get(Event, event.id)) is None
    with pytest.raises(DomainError):
        running.timer(event.id, "start", 99999)
    with pytest.raises(DomainError):
        running.timer(event.id, "explode")


def test_expired_timer_shows_zero(event):
    running.timer(event.id, "start", 60)
    row = db.session.get(Event, event.id)
    row.timer_ends_at = utcnow() - timedelta(seconds=5)
    db.session.commit()
    assert running.remaining_seconds(row) == 0


def test_capacity_and_automatic_balancing(event):
    events.update_island(event.islands[0].id, "Insel A", 1)
    first = seated(event, 0)
    assert first.island_id == event.islands[0].id
    newcomer = participants.join(event.join_code)
    with pytest.raises(DomainError) as error:
        participants.choose_island(newcomer.id, event.islands[0].id)
    assert error.value.code == "island_full"
    seats = [participants.assign_island(participants.join(event.join_code).id).island_id
             for _ in range(3)]
    assert seats.count(event.islands[1].id) == 3  # A is full, B is the only one with room
    events.update_island(event.islands[1].id, "Insel B", 3)
    with pytest.raises(DomainError) as error:
        participants.assign_island(participants.join(event.join_code).id)
    assert error.value.code == "all_islands_full"


def test_switching_tables_follows_the_assignment_mode(event):
    p = seated(event, 0)
    assert participants.switch_island(p.id, event.islands[1].id).island_id == \
        event.islands[1].id
    running.update_settings(event.id, premoderation=False, dots_per_island=3,
                            max_dots_per_card=None, assignment="auto", fields_of_work="",
                            projector_view="auto")
    with pytest.raises(DomainError) as error:
        participants.switch_island(p.id, event.islands[0].id)
    assert error.value.code == "islands_assigned"
    newcomer = participants.join(event.join_code)  # no seat yet: gets the emptiest one
    assert participants.switch_island(newcomer.id, event.islands[1].id).island_id == \
        event.islands[0].id


def test_a_phone_gone_for_long_frees_its_seat(event):
    events.update_island(event.islands[0].id, "Insel A", 1)
    first = seated(event, 0)
    participants.connected(first.id, "connection-1")
    participants.connected(first.id, "connection-2")  # a reconnect over mobile data
    participants.left("connection-1")  # the old one noticed late: still here
    assert db.session.get(Participant, first.id).left_at is None
    participants.left("connection-2")  # screen locked: the seat is kept a while
    newcomer = participants.join(event.join_code)
    with pytest.raises(DomainError) as error:
        participants.choose_island(newcomer.id, event.islands[0].id)
    assert error.value.code == "island_full"
    assert room_stats(event.id)["total"] == 2

    db.session.get(Participant, first.id).left_at = utcnow() - timedelta(minutes=4)
    db.session.commit()
    assert room_stats(event.id)["total"] == 1  # who is here
    assert participants.choose_island(newcomer.id, event.islands[0].id).island_id == \
        event.islands[0].id
    # Coming back with its token: the phone is present again, its island unchanged.
    back = participants.join(event.join_code, first.token)
    participants.connected(back.id, "connection-3")
    db.session.expire_all()
    assert back.id == first.id and back.left_at is None and back.island_id == event.islands[0].id
    assert room_stats(event.id)["total"] == 2


def test_a_join_snapshot_takes_a_few_queries_however_many_islands(event):
    from sqlalchemy import event as sa_event
    for n in range(10):
        island = events.add_island(event.id, f"Insel {n}")
        events.add_case(island.id, f"Fall {n}", "Situation", "Ziel")
    event_id, code, island_id = event.id, event.join_code, event.islands[0].id
    db.session.remove()
    # What a join does before the snapshot: the event is loaded (and expired by commits).
    p = participants.choose_island(participants.join(code).id, island_id)
    participants.connected(p.id, "connection-1")
    sql = []

    def record(*args):
        sql.append(args[2])

    sa_event.listen(db.engine, "before_cursor_execute", record)
    try:
        snapshot = island_snapshot(event_id, island_id, p.id)
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", record)
    assert len(snapshot["event"]["islands"]) == 12
    assert all(i["cases"] for i in snapshot["event"]["islands"])
    assert len(sql) <= 10, sql  # not one query per island


def test_balancing_spreads_people_evenly(event):
    events.add_island(event.id, "Insel C")
    seats = [participants.assign_island(participants.join(event.join_code).id).island_id
             for _ in range(6)]
    assert sorted(seats.count(i.id) for i in db.session.get(Event, event.id).islands) == [2, 2, 2]


def test_rotation_moves_everyone_on_and_cards_stay(event, board):
    a_island, b_island = event.islands[0].id, event.islands[1].id
    moved = running.rotate(event.id)
    assert moved == 3
    db.session.expire_all()
    assert db.session.get(Participant, board["a"].id).island_id == b_island
    assert db.session.get(Participant, board["c"].id).island_id == a_island
    assert db.session.get(Card, board["cards"][0].id).island_id == a_island


def test_profile_and_room_by_field_of_work(event):
    p = seated(event)
    fields = db.session.get(Event, event.id).fields_of_work.splitlines()
    participants.set_profile(p.id, fields[0], "Jugendtreff Nord", "Räume am Abend", "")
    q = seated(event)
    participants.set_profile(q.id, fields[0], "", "", "Sam")
    with pytest.raises(DomainError):
        participants.set_profile(q.id, "Erfunden", "", "", "")
    room = public_room(room_stats(event.id))
    assert room["total"] == 2 and room["by_field"] == [{"field": fields[0], "count": 2}]
    assert room["offers"] == [{"name": "", "organisation": "Jugendtreff Nord",
                               "field": fields[0], "offer": "Räume am Abend"}]


def test_offers_can_be_hidden_and_wait_for_approval_with_premoderation(event, staff):
    p, q = seated(event), seated(event)
    participants.set_profile(p.id, "", "Jugendtreff Nord", "Räume am Abend", "")
    participants.set_profile(q.id, "", "", "Etwas Unpassendes", "Troll")
    moderation.moderate_profile(staff, q.id, "hide")
    assert [o["offer"] for o in public_room(room_stats(event.id))["offers"]] == ["Räume am Abend"]
    staff_offers = room_stats(event.id)["offers"]
    assert [(o["participant_id"], o["hidden"]) for o in staff_offers] == [(p.id, False),
                                                                         (q.id, True)]
    # Editing the profile does not bring a hidden offer back.
    participants.set_profile(q.id, "", "", "Noch etwas", "Troll")
    assert [o["offer"] for o in public_room(room_stats(event.id))["offers"]] == ["Räume am Abend"]
    moderation.moderate_profile(staff, q.id, "unhide")
    assert len(public_room(room_stats(event.id))["offers"]) == 2

    # With pre-moderation a new or changed offer waits, as cards do; approval shows it.
    running.update_settings(event.id, premoderation=True, dots_per_island=3,
                            max_dots_per_card=None, assignment="choose", fields_of_work="",
                            projector_view="auto")
    participants.set_profile(p.id, "", "Jugendtreff Nord", "Räume am Abend, auch sonntags", "")
    assert [o["offer"] for o in public_room(room_stats(event.id))["offers"]] == ["Noch etwas"]
    participants.set_profile(q.id, "", "", "Noch etwas", "Troll")  # unchanged: stays approved
    moderation.moderate_profile(staff, p.id, "approve")
    assert len(public_room(room_stats(event.id))["offers"]) == 2
    actions = [row.action for row in db.session.query(ModerationLog).order_by(ModerationLog.id)]
    assert actions == ["profile_hide", "profile_unhide", "profile_approve"]


def test_offer_moderation_is_refused_outside_the_actors_reach(event, staff):
    p = seated(event, 0)
    participants.set_profile(p.id, "", "", "Räume", "")
    other = Actor(event.id + 1, "Moderation: andere Veranstaltung")
    host = Actor(event.id, "Insel-Host", island_id=event.islands[1].id)
    for actor, participant_id, action, error in [
            (other, p.id, "hide", "unknown_participant"), (host, p.id, "hide", "forbidden"),
            (staff, p.id, "delete", "malformed"), (staff, "abc", "hide", "malformed"),
            (staff, 99999, "hide", "unknown_participant")]:
        with pytest.raises(DomainError) as raised:
            moderation.moderate_profile(actor, participant_id, action)
        assert raised.value.code == error
    assert room_stats(event.id)["offers"][0]["hidden"] is False


def test_settings_are_validated(event):
    for bad in [dict(dots_per_island=0), dict(dots_per_island=50), dict(assignment="random"),
                dict(projector_view="disco")]:
        values = dict(premoderation=False, dots_per_island=3, max_dots_per_card=None,
                      assignment="choose", fields_of_work="", projector_view="auto")
        values.update(bad)
        with pytest.raises(DomainError):
            running.update_settings(event.id, **values)
    assert db.session.get(Event, event.id).dots_per_island == 3
