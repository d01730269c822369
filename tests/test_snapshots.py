"""Rejoin snapshots stay small: a delta after the phone's last seq, deflated when large."""

import json
import zlib

from workshop.extensions import db
from workshop.models import Card
from workshop.services import cards, moderation

from .test_sockets import card_payload, join


def _submit(phone, event, n, text="Karte"):
    for i in range(n):
        answer = phone.emit("card_submit", card_payload(event, client_id=f"client-{text}-{i:04d}",
                                                        text=f"{text} {i}"), callback=True)
        assert answer["ok"], answer


def test_rejoin_with_since_gets_only_what_changed(event, socket_client):
    phone, other = socket_client(), socket_client()
    first = join(phone, event, 0)
    join(other, event, 0)
    _submit(other, event, 5, "alt")
    seen = phone.emit("sync", {}, callback=True)["snapshot"]
    _submit(other, event, 2, "neu")
    gone = db.session.query(Card).filter_by(text="alt 0").one()
    cards.delete_card(gone.participant_id, gone.id)
    island = event.islands[0].id
    answer = phone.emit("join", {"code": event.join_code, "token": first["token"],
                                 "since": seen["seq"], "since_island": island}, callback=True)
    snapshot = answer["snapshot"]
    assert snapshot["since"] == seen["seq"] and snapshot["seq"] > seen["seq"]
    shown = sorted(c.get("text") for c in snapshot["cards"] if not c["deleted"])
    assert shown == ["neu 0", "neu 1"]
    assert [c["id"] for c in snapshot["cards"] if c["deleted"]] == [gone.id]
    assert set(snapshot["cards"][-1]) >= {"id", "rev", "deleted"}


def test_hidden_card_arrives_as_a_tombstone_in_the_delta(event, socket_client):
    phone, other = socket_client(), socket_client()
    join(phone, event, 0)
    join(other, event, 0)
    _submit(other, event, 1)
    seen = phone.emit("sync", {}, callback=True)["snapshot"]
    card = db.session.query(Card).one()
    moderation.set_hidden(moderation.Actor(event.id, "Moderation: Test"), card.id, True)
    db.session.refresh(card)
    delta = phone.emit("sync", {"since": seen["seq"], "since_island": event.islands[0].id},
                       callback=True)["snapshot"]
    assert delta["cards"] == [{"id": card.id, "island_id": card.island_id, "rev": card.rev,
                               "deleted": True}]


def test_since_of_another_island_or_a_forged_seq_gives_the_whole_island(event, socket_client):
    phone = socket_client()
    join(phone, event, 0)
    _submit(phone, event, 3)
    seq = phone.emit("sync", {}, callback=True)["snapshot"]["seq"]
    other_island = phone.emit("sync", {"since": seq, "since_island": event.islands[1].id},
                              callback=True)["snapshot"]
    forged = phone.emit("sync", {"since": seq + 1000, "since_island": event.islands[0].id},
                        callback=True)["snapshot"]
    not_a_number = phone.emit("sync", {"since": "0", "since_island": event.islands[0].id},
                              callback=True)["snapshot"]
    for snapshot in (other_island, forged, not_a_number):
        assert "since" not in snapshot and len(snapshot["cards"]) == 3


def test_large_snapshot_is_deflated_for_a_phone_that_can_inflate(event, socket_client):
    phone = socket_client()
    join(phone, event, 0)
    _submit(phone, event, 30)
    plain = phone.emit("sync", {}, callback=True)
    packed = phone.emit("sync", {"inflate": True}, callback=True)
    assert "snapshot" not in packed
    inflated = json.loads(zlib.decompress(packed["snapshot_z"]))
    for snapshot in (inflated, plain["snapshot"]):
        del snapshot["state"]["timer"]["server_now_ms"]  # the clock moved between the two
    assert inflated == plain["snapshot"]
    assert len(packed["snapshot_z"]) < len(json.dumps(plain["snapshot"])) / 3


def test_small_snapshot_stays_plain(event, socket_client):
    phone = socket_client()
    answer = phone.emit("join", {"code": event.join_code, "inflate": True}, callback=True)
    assert answer["ok"] and "snapshot" in answer and "snapshot_z" not in answer


def test_structure_the_phone_has_is_left_out(event, socket_client, client):
    page = client.get(f"/j/{event.join_code}").get_data(as_text=True)
    phone = socket_client()
    first = join(phone, event, 0)["snapshot"]
    assert first["event"]["islands"] and first["structure_version"] in page
    again = phone.emit("sync", {"structure": first["structure_version"]}, callback=True)
    assert again["snapshot"]["event"] is None
    assert again["snapshot"]["structure_version"] == first["structure_version"]
    stale = phone.emit("sync", {"structure": "0123456789abcdef"}, callback=True)
    assert stale["snapshot"]["event"] == first["event"]
