"""Socket protocol with the Flask-SocketIO test client: rooms, idempotency, resync, bad input."""

import pytest

from workshop.extensions import db
from workshop.models import Card

from .conftest import category_id


def received_cards(sc):
    return [m["args"][0] for m in sc.get_received() if m["name"] == "card"]


def join(sc, event, island_index=None, token=None):
    data = {"code": event.join_code, "token": token}
    if island_index is not None:
        data["island_id"] = event.islands[island_index].id
    answer = sc.emit("join", data, callback=True)
    assert answer["ok"], answer
    return answer


def card_payload(event, island_index=0, client_id="client-0001", text="Familienzentrum",
                 kind="resource"):
    return {"client_id": client_id, "case_id": event.islands[island_index].cases[0].id,
            "kind": kind, "category_id": category_id(event, kind), "text": text,
            "detail": "Marktplatz 1"}


@pytest.fixture
def room(event, socket_client):
    """Phones on island A (two) and B (one), and a projector."""
    a1, a2, b1, wall = (socket_client() for _ in range(4))
    join(a1, event, 0)
    join(a2, event, 0)
    join(b1, event, 1)
    answer = wall.emit("watch", {"projector_token": event.projector_token}, callback=True)
    assert answer["ok"]
    for sc in (a1, a2, b1, wall):
        sc.get_received()
    return a1, a2, b1, wall


def test_card_reaches_own_island_and_wall_but_not_other_island(event, room):
    a1, a2, b1, wall = room
    answer = a1.emit("card_submit", card_payload(event), callback=True)
    assert answer["ok"] and answer["card"]["mine"]
    assert [c["text"] for c in received_cards(a2)] == ["Familienzentrum"]
    assert [c["text"] for c in received_cards(wall)] == ["Familienzentrum"]
    assert received_cards(b1) == []
    assert received_cards(a1) == []  # the author has it from the acknowledgement


def test_duplicate_submit_creates_one_card_and_one_broadcast(event, room):
    a1, a2, _, wall = room
    first = a1.emit("card_submit", card_payload(event), callback=True)
    second = a1.emit("card_submit", card_payload(event), callback=True)
    assert first["card"]["id"] == second["card"]["id"]
    assert db.session.query(Card).count() == 1
    assert len(received_cards(a2)) == 1 and len(received_cards(wall)) == 1


def test_reconnect_with_token_resyncs_complete_state(event, socket_client):
    phone = socket_client()
    token = join(phone, event, 0)["token"]
    phone.emit("card_submit", card_payload(event), callback=True)
    phone.disconnect()
    other = socket_client()
    join(other, event, 0)
    other.emit("card_submit", card_payload(event, client_id="client-0002", text="Sportverein"),
               callback=True)
    back = socket_client()
    answer = join(back, event, token=token)
    snapshot = answer["snapshot"]
    assert answer["token"] == token
    assert snapshot["island_id"] == event.islands[0].id
    texts = {c["text"]: c["mine"] for c in snapshot["cards"]}
    assert texts == {"Familienzentrum": True, "Sportverein": False}
    assert snapshot["seq"] >= max(c["rev"] for c in snapshot["cards"])
    # The phone retries its first card after reconnecting: still one card.
    again = back.emit("card_submit", card_payload(event), callback=True)
    assert again["ok"] and db.session.query(Card).count() == 2


def test_island_qr_preselects_island(event, socket_client):
    snapshot = join(socket_client(), event, 1)["snapshot"]
    assert snapshot["island_id"] == event.islands[1].id


@pytest.mark.parametrize("payload", [
    None, "text", 42, [1, 2], {"client_id": "client-0001"},
    {"client_id": "client-0001", "case_id": "x", "kind": "resource", "category_id": 1,
     "text": "t"},
    {"client_id": {"$ne": 1}, "case_id": 1, "kind": "resource", "category_id": 1, "text": "t"},
])
def test_malformed_payloads_get_a_message_and_change_nothing(event, room, payload):
    a1, a2, _, wall = room
    answer = a1.emit("card_submit", payload, callback=True)
    assert answer["ok"] is False and answer["message"]
    assert db.session.query(Card).count() == 0
    assert received_cards(a2) == [] and received_cards(wall) == []
    # The connection keeps working afterwards.
    assert a1.emit("card_submit", card_payload(event), callback=True)["ok"]


def test_card_for_another_islands_case_is_refused(event, room):
    a1, _, b1, _ = room
    answer = a1.emit("card_submit", card_payload(event, island_index=1), callback=True)
    assert answer == {"ok": False, "error": "wrong_island",
                      "message": "Dieses Fallbeispiel gehört zu einer anderen Arbeitsinsel."}
    assert received_cards(b1) == []


def test_over_long_text_gets_german_message(event, room):
    answer = room[0].emit("card_submit", card_payload(event, text="x" * 281), callback=True)
    assert answer["error"] == "too_long"
    assert "280" in answer["message"] and "Text" in answer["message"]
    assert answer["field"] == "text"  # the form ties the message to that field


def test_wrong_join_code_and_submit_before_join(event, socket_client):
    sc = socket_client()
    answer = sc.emit("join", {"code": "NOTACODE"}, callback=True)
    assert answer["ok"] is False and "Zugangscode" in answer["message"]
    answer = sc.emit("card_submit", card_payload(event), callback=True)
    assert answer["error"] == "not_joined"


def test_html_is_stored_and_sent_as_plain_text(event, room):
    a1, a2, _, _ = room
    text = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    a1.emit("card_submit", card_payload(event, text=text), callback=True)
    assert received_cards(a2)[0]["text"] == text


def test_edit_and_delete_are_broadcast(event, room):
    a1, a2, b1, wall = room
    card = a1.emit("card_submit", card_payload(event), callback=True)["card"]
    received_cards(a2), received_cards(wall)
    edited = a1.emit("card_edit", {"card_id": card["id"], "kind": "resource",
                                   "category_id": card["category_id"], "text": "Neu",
                                   "detail": ""}, callback=True)
    assert edited["ok"] and edited["card"]["rev"] > card["rev"]
    assert received_cards(a2)[-1]["text"] == "Neu"
    deleted = a1.emit("card_delete", {"card_id": card["id"]}, callback=True)
    assert deleted["ok"] and deleted["card"]["deleted"]
    assert received_cards(wall)[-1]["deleted"] is True
    refused = a2.emit("card_delete", {"card_id": card["id"]}, callback=True)
    assert refused["ok"] is False


def test_watch_needs_projector_token_or_login(event, socket_client, client, auth):
    anonymous = socket_client()
    assert anonymous.emit("watch", {"projector_token": "guess"}, callback=True)["ok"] is False
    assert anonymous.emit("watch", {"event_id": event.id}, callback=True)["ok"] is False
    auth.login()
    staff = socket_client(client)
    answer = staff.emit("watch", {"event_id": event.id}, callback=True)
    assert answer["ok"] and len(answer["snapshot"]["event"]["islands"]) == 2


def test_choose_island_moves_the_phone_between_rooms(event, socket_client, room):
    a1, a2, b1, _ = room
    mover = socket_client()
    join(mover, event, 0)
    assert mover.emit("choose_island", {"island_id": event.islands[1].id},
                      callback=True)["ok"]
    mover.get_received()
    a1.emit("card_submit", card_payload(event), callback=True)
    b1.emit("card_submit", card_payload(event, 1, "client-0002", "Jugendtreff"), callback=True)
    assert [c["text"] for c in received_cards(mover)] == ["Jugendtreff"]


def test_phase_change_is_announced(event, client, auth, room):
    auth.login()
    a1 = room[0]
    client.post(f"/admin/events/{event.id}/phase", data={"phase": "closing"})
    states = [m["args"][0] for m in a1.get_received() if m["name"] == "state"]
    assert [s["phase"] for s in states] == ["closing"]
    answer = a1.emit("card_submit", card_payload(event), callback=True)
    assert answer["error"] == "closed"
