"""What each phase allows over the socket, and who hears about moderation."""

import pytest

from workshop.extensions import db, socketio
from workshop.models import Event, Participant
from workshop.services import events as prep
from workshop.services import running

from .test_sockets import card_payload, join, received_cards


def names(sc):
    return [m["name"] for m in sc.get_received()]


@pytest.fixture
def staff(event, socket_client, client, auth):
    auth.login()
    sc = socket_client(client)
    assert sc.emit("watch", {"event_id": event.id}, callback=True)["role"] == "facilitator"
    sc.get_received()
    return sc


@pytest.fixture
def phones(event, socket_client):
    a, b = socket_client(), socket_client()
    join(a, event, 0)
    join(b, event, 0)
    wall = socket_client()
    wall.emit("watch", {"projector_token": event.projector_token}, callback=True)
    for sc in (a, b, wall):
        sc.get_received()
    return a, b, wall


def run(staff, **data):
    answer = staff.emit("run", data, callback=True)
    assert answer["ok"], answer
    return answer["state"]


def test_vote_in_collect_is_refused_with_a_clear_message(event, phones):
    a, _, _ = phones
    card = a.emit("card_submit", card_payload(event), callback=True)["card"]
    answer = a.emit("vote", {"card_id": card["id"]}, callback=True)
    assert answer["ok"] is False
    assert answer["message"] == "Punkte können nur in der Phase „Gewichten“ vergeben werden."


def test_card_in_closing_is_refused(event, phones, staff):
    a, b, wall = phones
    state = run(staff, action="phase", phase="closing")
    assert state["phase"] == "closing"
    assert [m["args"][0]["phase"] for m in a.get_received() if m["name"] == "state"] == [
        "closing"]
    answer = a.emit("card_submit", card_payload(event), callback=True)
    assert answer["error"] == "closed" and "abgeschlossen" in answer["message"]


def test_vote_phase_flow_over_sockets(event, phones, staff):
    a, b, wall = phones
    card = a.emit("card_submit", card_payload(event), callback=True)["card"]
    run(staff, action="phase", phase="vote")
    for sc in phones:
        sc.get_received()
    answer = b.emit("vote", {"card_id": card["id"]}, callback=True)
    assert answer == {"ok": True, "my_votes": {str(card["id"]): 1}}  # JSON object keys
    assert received_cards(wall)[-1]["votes"] == 1
    assert received_cards(a)[-1]["votes"] == 1
    b.emit("unvote", {"card_id": card["id"]}, callback=True)
    assert received_cards(wall)[-1]["votes"] == 0
    assert b.emit("card_submit", card_payload(event, client_id="client-0009"),
                  callback=True)["error"] == "phase_no_cards"


def test_hidden_card_vanishes_from_phones_and_projector_but_not_staff(event, phones, staff):
    a, b, wall = phones
    card = a.emit("card_submit", card_payload(event), callback=True)["card"]
    for sc in (b, wall, staff):
        sc.get_received()
    answer = staff.emit("moderate", {"action": "hide", "card_id": card["id"]}, callback=True)
    assert answer["ok"] and answer["card"]["hidden"]
    assert received_cards(b)[-1] == {"id": card["id"], "island_id": card["island_id"],
                                     "rev": answer["card"]["rev"], "deleted": True}
    assert received_cards(wall)[-1]["deleted"] is True
    staff_messages = staff.get_received()
    staff_cards = [m["args"][0] for m in staff_messages if m["name"] == "card"]
    assert staff_cards[-1]["hidden"] is True and staff_cards[-1]["text"] == "Familienzentrum"
    assert [m["args"][0]["action"] for m in staff_messages if m["name"] == "log"] == ["hide"]


def test_the_author_alone_is_told_that_the_moderation_hid_a_card(event, phones, staff):
    a, b, wall = phones
    card = a.emit("card_submit", card_payload(event), callback=True)["card"]
    for sc in (a, b, wall):
        sc.get_received()
    answer = staff.emit("moderate", {"action": "hide", "card_id": card["id"]}, callback=True)
    rev = answer["card"]["rev"]
    own = [c for c in received_cards(a) if not c["deleted"]]
    assert [(c["id"], c["hidden"], c["mine"], c["client_id"], c["rev"]) for c in own] == [
        (card["id"], True, True, card["client_id"], rev)]
    assert all(c["deleted"] for c in received_cards(b) + received_cards(wall))
    # A reload brings it back to its author (marked hidden), to nobody else.
    again = a.emit("sync", {}, callback=True)["snapshot"]["cards"]
    assert [(c["id"], c["hidden"], c["mine"]) for c in again] == [(card["id"], True, True)]
    assert b.emit("sync", {}, callback=True)["snapshot"]["cards"] == []


def test_premoderated_card_reaches_projector_only_when_approved(event, phones, staff, client):
    a, b, wall = phones
    client.post(f"/admin/events/{event.id}/settings", data={
        "premoderation": "on", "dots_per_island": "3", "max_dots_per_card": "",
        "assignment": "choose", "fields_of_work": "Schule", "projector_view": "auto"})
    for sc in (a, b, wall, staff):
        sc.get_received()
    card = a.emit("card_submit", card_payload(event), callback=True)["card"]
    assert card["approved"] is False
    assert received_cards(wall)[-1]["deleted"] is True
    assert received_cards(b)[-1]["deleted"] is True
    staff.emit("moderate", {"action": "approve", "card_id": card["id"]}, callback=True)
    assert received_cards(wall)[-1]["text"] == "Familienzentrum"


def test_island_host_is_limited_to_its_island(event, socket_client, phones):
    a, _, _ = phones
    card = a.emit("card_submit", card_payload(event), callback=True)["card"]
    host_b = socket_client()
    answer = host_b.emit("watch", {"host_token": event.islands[1].host_token}, callback=True)
    assert answer["ok"] and answer["role"] == "host"
    refused = host_b.emit("moderate", {"action": "hide", "card_id": card["id"]}, callback=True)
    assert refused["error"] == "forbidden"
    assert host_b.emit("run", {"action": "phase", "phase": "vote"},
                       callback=True)["error"] == "forbidden"
    host_a = socket_client()
    host_a.emit("watch", {"host_token": event.islands[0].host_token}, callback=True)
    host_b.get_received()
    assert host_a.emit("moderate", {"action": "hide", "card_id": card["id"]},
                       callback=True)["ok"]
    assert db.session.get(Event, event.id).phase == "collect"
    # The host's log follows live, for its own island only.
    logs = [m["args"][0] for m in host_a.get_received() if m["name"] == "log"]
    assert [(e["action"], e["card_id"]) for e in logs] == [("hide", card["id"])]
    assert [m for m in host_b.get_received() if m["name"] == "log"] == []


def test_phones_cannot_moderate_or_run(event, phones):
    a, _, _ = phones
    card = a.emit("card_submit", card_payload(event), callback=True)["card"]
    assert a.emit("moderate", {"action": "delete", "card_id": card["id"]},
                  callback=True)["error"] == "forbidden"
    assert a.emit("run", {"action": "phase", "phase": "closing"},
                  callback=True)["error"] == "forbidden"


def test_merge_and_undo_are_broadcast(event, phones, staff):
    a, b, wall = phones
    first = a.emit("card_submit", card_payload(event), callback=True)["card"]
    second = b.emit("card_submit", card_payload(event, text="Familienzentrum Nord"),
                    callback=True)["card"]
    for sc in (a, b, wall):
        sc.get_received()
    answer = staff.emit("group", {"action": "create", "card_ids": [first["id"], second["id"]],
                                  "label": "Familienzentren"}, callback=True)
    group = answer["group"]
    received = wall.get_received()
    assert [m["args"][0]["label"] for m in received if m["name"] == "group"] == [
        "Familienzentren"]
    assert {m["args"][0]["group_id"] for m in received if m["name"] == "card"} == {group["id"]}
    b.get_received()
    staff.emit("group", {"action": "dissolve", "group_id": group["id"]}, callback=True)
    received = b.get_received()
    assert [m["args"][0]["deleted"] for m in received if m["name"] == "group"] == [True]
    assert {m["args"][0]["group_id"] for m in received if m["name"] == "card"} == {None}


def test_timer_state_reaches_everyone(event, phones, staff):
    a, _, wall = phones
    state = run(staff, action="timer", timer="start", seconds=600)
    assert state["timer"]["running"] and 598 <= state["timer"]["remaining_s"] <= 600
    assert [m["args"][0]["timer"]["running"] for m in wall.get_received()
            if m["name"] == "state"] == [True]
    paused = run(staff, action="timer", timer="pause")
    assert paused["timer"]["running"] is False and paused["timer"]["remaining_s"] >= 598
    # A phone that reconnects gets the same timer in its snapshot.
    snapshot = a.emit("sync", {}, callback=True)["snapshot"]
    assert snapshot["state"]["timer"]["remaining_s"] == paused["timer"]["remaining_s"]


def test_rotation_tells_phones_to_resync(event, phones, staff):
    a, _, _ = phones
    run(staff, action="rotate")
    assert "event_changed" in names(a)
    snapshot = a.emit("sync", {}, callback=True)["snapshot"]
    assert snapshot["island_id"] == event.islands[1].id


def test_agreement_is_broadcast_to_island(event, phones, staff):
    a, _, wall = phones
    card = a.emit("card_submit", card_payload(event), callback=True)["card"]
    answer = staff.emit("agreement", {"island_id": event.islands[0].id, "what": "Besuch",
                                      "who": "Team Nord", "due": "Mai",
                                      "card_ids": [card["id"]]}, callback=True)
    assert answer["ok"]
    agreements = [m["args"][0] for m in a.get_received() if m["name"] == "agreement"]
    assert agreements[0]["what"] == "Besuch" and agreements[0]["card_ids"] == [card["id"]]
    assert agreements[0]["group_ids"] == []


def test_agreement_addresses_a_group(event, phones, staff):
    a, _, wall = phones
    card = a.emit("card_submit", card_payload(event), callback=True)["card"]
    group = staff.emit("group", {"action": "create", "card_ids": [card["id"]],
                                 "label": "Familienzentren"}, callback=True)["group"]
    wall.get_received()
    answer = staff.emit("agreement", {"island_id": event.islands[0].id, "what": "Besuch",
                                      "group_ids": [group["id"]]}, callback=True)
    assert answer["ok"] and answer["agreement"]["group_ids"] == [group["id"]]
    assert [m["args"][0]["group_ids"] for m in wall.get_received()
            if m["name"] == "agreement"] == [[group["id"]]]
    refused = staff.emit("agreement", {"island_id": event.islands[0].id, "what": "Besuch",
                                       "group_ids": ["x"]}, callback=True)
    assert refused["ok"] is False and refused["message"]


def test_profile_updates_the_room(event, phones):
    a, _, wall = phones
    answer = a.emit("profile", {"field_of_work": "Schule / Schulsozialarbeit",
                                "organisation": "<b>Schule</b>", "offer": "", "display_name": ""},
                    callback=True)
    assert answer["ok"] and answer["profile"]["organisation"] == "<b>Schule</b>"
    rooms = [m["args"][0] for m in wall.get_received() if m["name"] == "room"]
    assert rooms[-1]["by_field"] == [{"field": "Schule / Schulsozialarbeit", "count": 1}]


def test_facilitator_hides_an_offer_from_the_projector(event, phones, staff, socket_client,
                                                      client):
    a, b, wall = phones
    assert a.emit("profile", {"field_of_work": "", "organisation": "", "offer": "Unfug",
                              "display_name": "X"}, callback=True)["ok"]
    wall.get_received()
    staff_room = [m["args"][0] for m in staff.get_received() if m["name"] == "room"][-1]
    offer = staff_room["offers"][0]
    assert offer["offer"] == "Unfug" and offer["hidden"] is False
    # A phone may not moderate; a wrong action changes nothing.
    assert b.emit("moderate_profile", {"participant_id": offer["participant_id"],
                                       "action": "hide"}, callback=True)["error"] == "forbidden"
    assert staff.emit("moderate_profile", {"participant_id": offer["participant_id"],
                                           "action": "burn"}, callback=True)["ok"] is False
    answer = staff.emit("moderate_profile", {"participant_id": offer["participant_id"],
                                             "action": "hide"}, callback=True)
    assert answer["ok"] and answer["room"]["offers"][0]["hidden"] is True
    public = [m["args"][0] for m in wall.get_received() if m["name"] == "room"]
    assert public[-1]["offers"] == [] and "participant_id" not in str(public)
    received = staff.get_received()
    assert any(m["name"] == "log" and m["args"][0]["action"] == "profile_hide" for m in received)
    # The projector's own poll sees the public room, the board the staff room.
    assert wall.emit("room_stats", {}, callback=True)["room"]["offers"] == []
    assert staff.emit("room_stats", {}, callback=True)["room"]["offers"][0]["hidden"] is True


def test_joining_phones_update_the_head_counts(event, phones, socket_client):
    _, _, wall = phones
    join(socket_client(), event, 1)
    rooms = [m["args"][0] for m in wall.get_received() if m["name"] == "room"]
    assert rooms[-1]["total"] == 3
    assert rooms[-1]["by_island"] == {str(event.islands[0].id): 2, str(event.islands[1].id): 1}


def test_full_island_from_qr_code_still_joins_and_explains(event, socket_client):
    from workshop.services import events as prep
    prep.update_island(event.islands[0].id, "Insel A", 1)
    join(socket_client(), event, 0)
    late = socket_client()
    answer = late.emit("join", {"code": event.join_code, "island_id": event.islands[0].id},
                       callback=True)
    assert answer["ok"] and answer["token"]
    assert answer["snapshot"]["island_id"] is None
    assert answer["notice"] == "Diese Arbeitsinsel ist voll. Bitte eine andere wählen."


def test_with_automatic_seats_a_phone_cannot_switch_tables(event, socket_client):
    running.update_settings(event.id, premoderation=False, dots_per_island=3,
                            max_dots_per_card=None, assignment="auto", fields_of_work="",
                            projector_view="auto")
    phone = socket_client()
    seat = phone.emit("join", {"code": event.join_code}, callback=True)["snapshot"]["island_id"]
    other = next(i.id for i in event.islands if i.id != seat)
    answer = phone.emit("choose_island", {"island_id": other}, callback=True)
    assert answer["ok"] is False and answer["error"] == "islands_assigned"
    assert "Moderation" in answer["message"]
    assert db.session.get(Participant, db.session.query(Participant.id).scalar()).island_id == seat
    # A table's QR code still seats at that table: that is where the person sits.
    by_qr = socket_client().emit("join", {"code": event.join_code, "island_id": other},
                                 callback=True)
    assert by_qr["snapshot"]["island_id"] == other


def test_with_automatic_seats_a_full_table_from_a_qr_code_seats_elsewhere(event,
                                                                          socket_client):
    running.update_settings(event.id, premoderation=False, dots_per_island=3,
                            max_dots_per_card=None, assignment="auto", fields_of_work="",
                            projector_view="auto")
    full, free = event.islands
    prep.update_island(full.id, full.name, 1)
    join(socket_client(), event, 0)
    answer = socket_client().emit("join", {"code": event.join_code, "island_id": full.id},
                                  callback=True)
    assert answer["ok"] and answer["snapshot"]["island_id"] == free.id
    assert answer["notice"] == ("Der Tisch vom QR-Code ist voll. Sie sitzen jetzt an dieser "
                                "Arbeitsinsel.")


def test_all_islands_full_still_joins_once_and_explains(event, socket_client):
    running.update_settings(event.id, premoderation=False, dots_per_island=3,
                            max_dots_per_card=None, assignment="auto", fields_of_work="",
                            projector_view="auto")
    for island in event.islands:
        prep.update_island(island.id, island.name, 1)
    for _ in event.islands:
        assert join(socket_client(), event)["snapshot"]["island_id"] is not None
    late = socket_client()
    answer = late.emit("join", {"code": event.join_code}, callback=True)
    assert answer["ok"] and answer["token"]
    assert answer["snapshot"]["island_id"] is None
    assert answer["notice"] == "Alle Arbeitsinseln sind voll. Bitte an die Moderation wenden."
    again = late.emit("join", {"code": event.join_code, "token": answer["token"]}, callback=True)
    assert again["ok"] and again["token"] == answer["token"]
    assert db.session.query(Participant).count() == 3


def test_renewed_links_lose_their_rights_at_once(event, socket_client, client, auth, phones):
    a, _, wall = phones
    card = a.emit("card_submit", card_payload(event), callback=True)["card"]
    island = event.islands[0]
    old_host, old_projector = island.host_token, event.projector_token
    host = socket_client()
    assert host.emit("watch", {"host_token": old_host}, callback=True)["role"] == "host"
    # A host sees the room as the projector does: no participant ids, no hidden offers.
    room = host.emit("room_stats", {}, callback=True)["room"]
    assert room["total"] == 2 and "participant_id" not in str(room)
    host.get_received()
    wall.get_received()

    auth.login()
    assert client.post(f"/admin/islands/{island.id}/host-link").status_code == 302
    assert client.post(f"/admin/events/{event.id}/projector-link").status_code == 302
    db.session.expire_all()
    assert island.host_token != old_host and event.projector_token != old_projector
    assert "revoked" in names(host) and "revoked" in names(wall)

    # The open screens keep no rights, the old links open nothing, the new ones work.
    assert host.emit("moderate", {"action": "hide", "card_id": card["id"]},
                     callback=True)["error"] == "forbidden"
    assert wall.emit("room_stats", {}, callback=True)["error"] == "forbidden"
    assert host.emit("room_stats", {}, callback=True)["error"] == "forbidden"
    a.emit("card_submit", card_payload(event, text="Noch eine Karte"), callback=True)
    assert received_cards(wall) == []
    assert socket_client().emit("watch", {"host_token": old_host},
                                callback=True)["error"] == "forbidden"
    assert socket_client().emit("watch", {"projector_token": old_projector},
                                callback=True)["error"] == "forbidden"
    assert client.get(f"/p/{old_projector}").status_code == 404
    fresh = socket_client()
    assert fresh.emit("watch", {"host_token": island.host_token}, callback=True)["ok"]
    assert fresh.emit("moderate", {"action": "hide", "card_id": card["id"]}, callback=True)["ok"]


def test_a_closed_connection_is_noted_and_a_return_clears_it(event, socket_client):
    phone = socket_client()
    answer = phone.emit("join", {"code": event.join_code}, callback=True)
    participant = db.session.query(Participant).one()
    assert participant.left_at is None
    # A reconnect opens the new connection before the server notices the old one is dead:
    # the old one closing later does not make the phone "gone".
    again = socket_client()
    again.emit("join", {"code": event.join_code, "token": answer["token"]}, callback=True)
    phone.disconnect()
    db.session.expire_all()
    assert participant.left_at is None
    again.disconnect()
    db.session.expire_all()
    assert participant.left_at is not None
    back = socket_client()
    back.emit("join", {"code": event.join_code, "token": answer["token"]}, callback=True)
    db.session.expire_all()
    assert participant.left_at is None


def test_deleting_the_event_tells_every_open_screen(event, phones, staff, client,
                                                    socket_client):
    a, _, wall = phones
    a.emit("card_submit", card_payload(event), callback=True)
    host = socket_client()
    host.emit("watch", {"host_token": event.islands[1].host_token}, callback=True)
    for sc in (a, wall, staff, host):
        sc.get_received()
    refused = client.post(f"/admin/events/{event.id}/delete", data={"title": "Falsch"},
                          follow_redirects=True)
    assert "genau so eintippen" in refused.get_data(as_text=True)
    assert db.session.get(Event, event.id) is not None and names(a) == []

    title = event.title
    response = client.post(f"/admin/events/{event.id}/delete", data={"title": title})
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    page = client.get("/admin/").get_data(as_text=True)
    assert f"Die Veranstaltung „{title}“ und alle ihre Daten sind gelöscht." in page
    assert "event_changed" in names(a)
    assert "revoked" in names(wall) and "revoked" in names(staff) and "revoked" in names(host)
    # The phone's resync finds no event any more and says so.
    answer = a.emit("join", {"code": event.join_code}, callback=True)
    assert answer["ok"] is False and answer["error"] == "wrong_code"


def test_arrivals_are_batched_into_one_room_update(app, event, phones, socket_client):
    _, _, wall = phones
    app.config["WORKSHOP_ROOM_UPDATE_DELAY"] = 0.3
    for _ in range(3):
        join(socket_client(), event, 1)
    assert [m for m in wall.get_received() if m["name"] == "room"] == []  # not yet
    socketio.sleep(0.8)
    rooms = [m["args"][0] for m in wall.get_received() if m["name"] == "room"]
    assert len(rooms) == 1 and rooms[0]["total"] == 5


def test_an_island_projector_link_shows_that_island_only(event, socket_client, client, auth,
                                                         phones):
    a, _, _ = phones
    first, second = event.islands
    island_wall = socket_client()
    answer = island_wall.emit("watch", {"projector_token": first.projector_token}, callback=True)
    assert answer["ok"] and answer["island_id"] == first.id
    assert {c["island_id"] for c in answer["snapshot"]["cards"]} <= {first.id}
    # Nothing of the main projector: no overview, and the main link is nowhere in the page.
    assert island_wall.emit("overview", {}, callback=True)["error"] == "forbidden"
    page = client.get(f"/p/{first.projector_token}").get_data(as_text=True)
    assert event.projector_token not in page and first.name in page
    island_wall.get_received()

    other = socket_client()
    join(other, event, 1)
    other.emit("card_submit", card_payload(event, 1, "client-0002", "Andere Insel"), callback=True)
    a.emit("card_submit", card_payload(event, client_id="client-0003", text="Eigene Insel"),
           callback=True)
    assert [c["text"] for c in received_cards(island_wall)] == ["Eigene Insel"]
    assert island_wall.emit("room_stats", {}, callback=True)["ok"]

    auth.login()
    old = first.projector_token
    assert client.post(f"/admin/islands/{first.id}/projector-link").status_code == 302
    db.session.expire_all()
    assert first.projector_token != old and second.projector_token
    assert "revoked" in names(island_wall)
    assert island_wall.emit("room_stats", {}, callback=True)["error"] == "forbidden"
    assert client.get(f"/p/{old}").status_code == 404
    assert socket_client().emit("watch", {"projector_token": old},
                                callback=True)["error"] == "forbidden"
    assert client.get(f"/p/{first.projector_token}").status_code == 200


def test_the_facilitator_pins_the_projector_view(event, staff, phones, client):
    _, _, wall = phones
    state = run(staff, action="view", view="island", island_id=event.islands[1].id)
    assert (state["projector_view"], state["projector_island_id"]) == ("island",
                                                                        event.islands[1].id)
    assert [m["args"][0]["projector_view"] for m in wall.get_received()
            if m["name"] == "state"] == ["island"]
    answer = client.post(f"/admin/events/{event.id}/projector-view",
                         data={"view": "overview"}, headers={"Accept": "application/json"})
    assert answer.get_json()["state"]["projector_view"] == "overview"
    refused = client.post(f"/admin/events/{event.id}/projector-view",
                          data={"view": "island", "island_id": "999"},
                          headers={"Accept": "application/json"})
    assert refused.status_code == 400 and refused.get_json()["message"]
    overview = wall.emit("overview", {}, callback=True)["overview"]
    assert [row["name"] for row in overview["islands"]] == ["Insel A", "Insel B"]
    assert client.get(f"/admin/events/{event.id}/overview.json").get_json()["seq"] == \
        overview["seq"]
