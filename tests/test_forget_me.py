""""Meine Daten löschen": a participant deletes their profile, cards and dots from the phone."""

import pytest

from workshop.errors import DomainError
from workshop.extensions import db
from workshop.models import Card, ModerationLog, Participant, Vote
from workshop.queries import room_stats
from workshop.services import cards, moderation, participants, running, votes
from workshop.services.moderation import Actor

from .conftest import category_id
from .test_sockets import card_payload, join


def seated(event, index=0):
    return participants.choose_island(participants.join(event.join_code).id,
                                      event.islands[index].id)


def write(participant, event, client_id, text):
    card, _ = cards.submit_card(participant.id, client_id, event.islands[0].cases[0].id,
                                "resource", category_id(event, "resource"), text, "Kontakt")
    return card


def test_forgetting_removes_profile_cards_and_dots_and_nothing_else(event):
    me, other = seated(event), seated(event)
    participants.set_profile(me.id, None, "Jugendtreff", "Räume für Gruppen", "Alex")
    mine = write(me, event, "client-mine-1", "Meine Idee")
    edited = write(me, event, "client-mine-2", "Noch eine")
    moderation.edit(Actor(event.id, "Moderation", None), edited.id, "resource",
                    category_id(event, "resource"), "Korrigiert", "")
    theirs = write(other, event, "client-theirs-1", "Ihre Idee")
    running.set_phase(event.id, "vote")
    votes.cast(me.id, theirs.id)
    votes.cast(me.id, mine.id)
    votes.cast(other.id, theirs.id)
    seq_before = running.set_phase(event.id, "vote").seq

    changed = participants.forget(me.id)

    assert {card.id for card in changed} == {mine.id, edited.id, theirs.id}
    assert all(card.rev > seq_before for card in changed)
    db.session.expire_all()
    assert db.session.get(Participant, me.id) is None
    for card_id in (mine.id, edited.id):
        card = db.session.get(Card, card_id)
        assert card.deleted_at is not None and (card.text, card.detail) == ("", "")
        assert card.participant_id is None
    assert db.session.query(Vote).filter_by(participant_id=me.id).count() == 0
    assert db.session.query(Vote).filter_by(card_id=theirs.id).count() == 1  # the other's
    assert db.session.get(Card, theirs.id).text == "Ihre Idee"
    assert all("Korrigiert" not in entry.detail and "Noch eine" not in entry.detail
               for entry in db.session.query(ModerationLog))
    room = room_stats(event.id)
    assert room["total"] == 1 and room["offers"] == []
    with pytest.raises(DomainError) as error:
        participants.forget(me.id)
    assert error.value.code == "not_joined"


def test_forget_me_on_the_phone_updates_island_and_projector(event, socket_client):
    me, neighbour, wall = socket_client(), socket_client(), socket_client()
    token = join(me, event, 0)["token"]
    join(neighbour, event, 0)
    wall.emit("watch", {"projector_token": event.projector_token}, callback=True)
    me.emit("profile", {"organisation": "Jugendtreff", "offer": "Räume"}, callback=True)
    card = me.emit("card_submit", card_payload(event), callback=True)["card"]
    for sc in (neighbour, wall):
        sc.get_received()

    answer = me.emit("forget_me", {}, callback=True)

    assert answer == {"ok": True}
    heard = {sc: sc.get_received() for sc in (neighbour, wall)}
    for messages in heard.values():
        gone = [m["args"][0] for m in messages
                if m["name"] == "card" and m["args"][0]["id"] == card["id"]]
        assert gone and gone[-1]["deleted"] and "text" not in gone[-1]  # it vanishes
    rooms = [m["args"][0] for m in heard[wall] if m["name"] == "room"]
    assert rooms[-1]["total"] == 1 and rooms[-1]["offers"] == []
    # The connection holds nobody now; the old token opens a new, empty participant.
    assert me.emit("card_submit", card_payload(event, client_id="client-later"),
                   callback=True)["error"] == "not_joined"
    again = join(me, event, 0)
    assert again["token"] != token and again["snapshot"]["cards"] == []
    assert db.session.query(Participant).count() == 2
