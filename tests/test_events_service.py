"""Preparing events: islands, cases, categories, phases, accounts."""

import pytest
from sqlalchemy import func, select

from workshop.codes import JOIN_ALPHABET, JOIN_CODE_LENGTH
from workshop.errors import DomainError
from workshop.extensions import db
from workshop.models import (
    Agreement,
    Card,
    CardGroup,
    Category,
    Event,
    Island,
    ModerationLog,
    Participant,
    Vote,
)
from workshop.services import (
    accounts,
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


def test_new_event_has_default_categories_and_strong_codes(app):
    ev = events.create_event(None, "Dialog", None, "")
    kinds = [c.kind for c in ev.categories]
    assert kinds.count("resource") == 6 and kinds.count("barrier") == 7
    assert len(ev.join_code) >= JOIN_CODE_LENGTH >= 8
    assert set(ev.join_code) <= set(JOIN_ALPHABET)
    assert not set("01OIL") & set(JOIN_ALPHABET)
    assert len(ev.projector_token) >= 32


def test_join_codes_differ(app):
    codes = {events.create_event(None, f"E{i}", None, "").join_code for i in range(30)}
    assert len(codes) == 30


def test_islands_cases_and_categories_can_be_edited(event):
    island = events.add_island(event.id, "Insel C")
    case = events.add_case(island.id, "Fall C", "Lage", "Wunsch")
    events.update_case(case.id, "Fall C2", "Neue Lage", "Neuer Wunsch")
    events.update_island(island.id, "Insel C2", 12)
    category = events.add_category(event.id, "barrier", "Wohnraum")
    events.rename_category(category.id, "Wohnungsmarkt")
    db.session.expire_all()
    ev = db.session.get(Event, event.id)
    assert [i.name for i in ev.islands] == ["Insel A", "Insel B", "Insel C2"]
    assert ev.islands[2].cases[0].title == "Fall C2"
    assert db.session.get(Category, category.id).label == "Wohnungsmarkt"


def test_structure_changes_advance_the_sequence(event):
    seq = db.session.get(Event, event.id).seq
    events.add_island(event.id, "Neu")
    assert db.session.get(Event, event.id).seq == seq + 1


def test_things_with_cards_cannot_be_deleted(event):
    p = participants.join(event.join_code)
    participants.choose_island(p.id, event.islands[0].id)
    cards.submit_card(p.id, "client-0001", event.islands[0].cases[0].id, "resource",
                      category_id(event, "resource"), "Text")
    for delete, target in [(events.delete_island, event.islands[0].id),
                           (events.delete_case, event.islands[0].cases[0].id),
                           (events.delete_category, category_id(event, "resource"))]:
        with pytest.raises(DomainError) as error:
            delete(target)
        assert error.value.code == "has_cards"
    events.delete_island(event.islands[1].id)
    assert len(db.session.get(Event, event.id).islands) == 1


@pytest.mark.parametrize("title", ["", " ", "x" * 201])
def test_event_title_is_validated(app, title):
    with pytest.raises(DomainError):
        events.create_event(None, title, None, "")
    assert db.session.query(Event).count() == 0


def test_unknown_phase_and_kind_are_refused(event):
    with pytest.raises(DomainError):
        running.set_phase(event.id, "party")
    with pytest.raises(DomainError):
        events.add_category(event.id, "wish", "x")
    assert db.session.get(Event, event.id).phase == "collect"


def test_accounts_hash_passwords_and_authenticate(app):
    account = accounts.create_facilitator("Mod@Example.org", "M", "lang-genug-123")
    assert "lang-genug-123" not in account.password_hash
    assert accounts.authenticate("mod@example.org", "lang-genug-123").id == account.id
    assert accounts.authenticate("mod@example.org", "falsch") is None
    with pytest.raises(DomainError):
        accounts.create_facilitator("mod@example.org", "M", "lang-genug-123")
    with pytest.raises(DomainError):
        accounts.create_facilitator("neu@example.org", "M", "kurz")


def test_unknown_email_costs_a_hash_check_too(app, monkeypatch):
    accounts.create_facilitator("mod@example.org", "M", "lang-genug-123")
    checked = []
    real = accounts.check_password_hash
    monkeypatch.setattr(accounts, "check_password_hash",
                        lambda pwhash, password: checked.append(pwhash) or real(pwhash, password))
    assert accounts.authenticate("niemand@example.org", "lang-genug-123") is None
    assert accounts.authenticate("mod@example.org", "falsch") is None
    assert len(checked) == 2
    assert checked[0].split("$")[0] == checked[1].split("$")[0]  # same method and cost


@pytest.mark.parametrize("capacity, code", [
    ("²", "malformed"), ("٣", "malformed"), ("9" * 5000, "malformed"), ("1234567890", "malformed"),
    (10 ** 30, "malformed"), (-1, "malformed"), (2.5, "malformed"), ("+5", "malformed"),
    (501, "too_large"), ("501", "too_large")])
def test_island_capacity_is_a_plain_number_up_to_500(event, capacity, code):
    with pytest.raises(DomainError) as error:
        events.update_island(event.islands[0].id, "Insel A", capacity)
    assert error.value.code == code
    db.session.expire_all()
    assert db.session.get(Island, event.islands[0].id).capacity is None
    assert events.update_island(event.islands[0].id, "Insel A", "500").capacity == 500


def test_max_dots_per_card_has_an_upper_bound(event):
    values = dict(premoderation=False, dots_per_island=3, assignment="choose",
                  fields_of_work="", projector_view="auto")
    for bad in ("21", "9" * 5000, "²"):
        with pytest.raises(DomainError):
            running.update_settings(event.id, max_dots_per_card=bad, **values)
    assert running.update_settings(event.id, max_dots_per_card="20",
                                   **values).max_dots_per_card == 20


def test_island_with_agreements_cannot_be_deleted(event):
    island_id = event.islands[1].id
    staff = Actor(event.id, "Moderation: Test")
    agreement = agreements.save(staff, island_id, "Treffen im Mai")
    with pytest.raises(DomainError) as error:
        events.delete_island(island_id)
    assert error.value.code == "has_agreements"
    assert db.session.get(Agreement, agreement.id).deleted_at is None
    agreements.delete(staff, agreement.id)
    events.delete_island(island_id)
    assert [i.name for i in db.session.get(Event, event.id).islands] == ["Insel A"]


def test_deleting_an_event_removes_all_its_data_and_nothing_else(event):
    other = events.create_event(None, "Andere Veranstaltung", None, "")
    events.add_island(other.id, "Bleibt")
    p = participants.join(event.join_code)
    participants.choose_island(p.id, event.islands[0].id)
    participants.set_profile(p.id, "", "Jugendtreff", "Räume", "Sam")
    card, _ = cards.submit_card(p.id, "client-0001", event.islands[0].cases[0].id, "resource",
                                category_id(event, "resource"), "Familienzentrum")
    staff = Actor(event.id, "Moderation")
    moderation.set_hidden(staff, card.id, False)
    groups.create_group(staff, [card.id], "Familie")
    agreements.save(staff, event.islands[0].id, "Besuch", "Team", "Mai", [card.id])
    running.set_phase(event.id, "vote")
    votes.cast(p.id, card.id)
    event_id, title = event.id, event.title
    owned = (Card, Participant, Vote, Agreement, ModerationLog, CardGroup, Island, Category)

    def rows_of(ev_id):
        return {m.__name__: db.session.scalar(select(func.count()).select_from(m)
                                              .where(m.event_id == ev_id)) for m in owned}

    assert all(rows_of(event_id).values())
    with pytest.raises(DomainError) as error:
        events.delete_event(event_id, "Falscher Titel")
    assert error.value.code == "confirm_title"
    assert db.session.get(Event, event_id) is not None

    assert events.delete_event(event_id, f"  {title} ") == title
    assert db.session.get(Event, event_id) is None
    assert set(rows_of(event_id).values()) == {0}
    assert db.session.get(Event, other.id).islands[0].name == "Bleibt"
