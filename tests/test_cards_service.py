"""Service rules for participants and cards, on a real SQLite database."""

import pytest

from workshop.errors import DomainError
from workshop.extensions import db
from workshop.models import Card, Event
from workshop.services import cards, events, participants, running

from .conftest import category_id


def seated(event, island_index=0):
    p = participants.join(event.join_code)
    return participants.choose_island(p.id, event.islands[island_index].id)


def submit(event, p, text="Familienzentrum", client_id="client-0001", kind="resource", **kw):
    case_id = kw.pop("case_id", event.islands[0].cases[0].id)
    return cards.submit_card(p.id, client_id, case_id, kind, category_id(event, kind), text,
                             kw.pop("detail", ""))


def test_submit_stores_card_and_advances_seq(event):
    p = seated(event)
    before = db.session.get(Event, event.id).seq
    card, created = submit(event, p, detail="Mo–Fr 9–12 Uhr")
    assert created
    assert card.text == "Familienzentrum" and card.detail == "Mo–Fr 9–12 Uhr"
    assert card.rev == before + 1 == db.session.get(Event, event.id).seq


def test_repeated_submit_creates_one_card(event):
    p = seated(event)
    first, created1 = submit(event, p)
    again, created2 = submit(event, p)
    assert (created1, created2) == (True, False)
    assert first.id == again.id
    assert db.session.query(Card).count() == 1


def test_same_client_id_from_two_phones_are_two_cards(event):
    a, b = seated(event), seated(event)
    submit(event, a)
    submit(event, b)
    assert db.session.query(Card).count() == 2


@pytest.mark.parametrize("text,code", [("", "empty"), ("   ", "empty"), ("x" * 281, "too_long"),
                                       (None, "empty"), (42, "malformed")])
def test_bad_text_is_refused_and_nothing_stored(event, text, code):
    p = seated(event)
    with pytest.raises(DomainError) as error:
        submit(event, p, text=text)
    assert error.value.code == code
    assert db.session.query(Card).count() == 0


def test_text_of_exactly_280_characters_is_accepted(event):
    card, _ = submit(event, seated(event), text="ä" * 280)
    assert len(card.text) == 280


def test_unknown_kind_category_case_are_refused(event):
    p = seated(event)
    case_id = event.islands[0].cases[0].id
    barrier_category = category_id(event, "barrier")
    for args, code in [
        (("c-00000001", case_id, "wish", barrier_category), "unknown_kind"),
        (("c-00000002", case_id, "resource", barrier_category), "unknown_category"),
        (("c-00000003", case_id, "resource", 99999), "unknown_category"),
        (("c-00000004", 99999, "resource", category_id(event, "resource")), "unknown_case"),
    ]:
        with pytest.raises(DomainError) as error:
            cards.submit_card(p.id, *args, "Text")
        assert error.value.code == code
    assert db.session.query(Card).count() == 0


def test_case_of_another_island_is_refused(event):
    p = seated(event, 0)
    with pytest.raises(DomainError) as error:
        submit(event, p, case_id=event.islands[1].cases[0].id)
    assert error.value.code == "wrong_island"


def test_category_of_another_event_is_refused(event):
    other = events.create_event(None, "Andere", None, "")
    p = seated(event)
    with pytest.raises(DomainError) as error:
        cards.submit_card(p.id, "c-00000009", event.islands[0].cases[0].id, "resource",
                          category_id(other, "resource"), "Text")
    assert error.value.code == "unknown_category"


def test_closed_event_refuses_cards_but_keeps_existing(event):
    p = seated(event)
    submit(event, p)
    running.set_phase(event.id, "closing")
    with pytest.raises(DomainError) as error:
        submit(event, p, client_id="client-0002")
    assert error.value.code == "closed"
    # A late retry of an already saved card still gets its card back.
    card, created = submit(event, p)
    assert not created and card.text == "Familienzentrum"


def test_malformed_client_id_is_refused(event):
    p = seated(event)
    for bad in ["", "short", "x" * 65, "has space!", 12345678, None]:
        with pytest.raises(DomainError):
            submit(event, p, client_id=bad)


def test_edit_and_delete_own_card_only(event):
    author, other = seated(event), seated(event)
    card, _ = submit(event, author)
    with pytest.raises(DomainError) as error:
        cards.edit_card(other.id, card.id, "resource", card.category_id, "Übernommen")
    assert error.value.code == "not_your_card"
    edited = cards.edit_card(author.id, card.id, "barrier", category_id(event, "barrier"),
                             "Zu wenig Plätze", "Kita")
    assert (edited.kind, edited.text, edited.detail) == ("barrier", "Zu wenig Plätze", "Kita")
    with pytest.raises(DomainError):
        cards.delete_card(other.id, card.id)
    deleted = cards.delete_card(author.id, card.id)
    assert deleted.deleted_at is not None
    with pytest.raises(DomainError) as error:
        cards.edit_card(author.id, card.id, "resource", card.category_id, "wieder da")
    assert error.value.code == "unknown_card"


def test_deleted_card_is_not_resurrected_by_a_late_retry(event):
    p = seated(event)
    card, _ = submit(event, p)
    cards.delete_card(p.id, card.id)
    again, created = submit(event, p)
    assert not created and again.deleted_at is not None
    assert db.session.query(Card).count() == 1


def test_join_code_is_case_and_space_insensitive_and_token_is_reused(event):
    first = participants.join(event.join_code.lower()[:4] + " " + event.join_code.lower()[4:])
    again = participants.join(event.join_code, first.token)
    assert again.id == first.id
    with pytest.raises(DomainError) as error:
        participants.join("WRONGCODE")
    assert error.value.code == "wrong_code"


def test_token_of_another_event_makes_a_new_participant(event):
    other = events.create_event(None, "Andere", None, "")
    p = participants.join(other.join_code)
    q = participants.join(event.join_code, p.token)
    assert q.id != p.id and q.event_id == event.id


def test_choose_island_of_another_event_is_refused(event):
    other = events.create_event(None, "Andere", None, "")
    island = events.add_island(other.id, "Fremd")
    p = participants.join(event.join_code)
    with pytest.raises(DomainError) as error:
        participants.choose_island(p.id, island.id)
    assert error.value.code == "unknown_island"
