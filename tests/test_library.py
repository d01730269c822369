"""The case library: a Sozialraum keeps anonymised cases, later events take them over."""

from tests.test_sozialraeume import other_event  # noqa: F401 (a fixture)
from workshop.extensions import db
from workshop.models import Case, Event, LibraryCase
from workshop.services import events


def test_a_kept_case_is_taken_over_into_another_event_of_the_sozialraum(client, auth, event):
    auth.login()
    case = event.islands[0].cases[0]
    events.update_case(case.id, "Familie A.", "Jonas (15) schwänzt die Schule.", "Abschluss")
    answer = client.post(f"/admin/cases/{case.id}/library", follow_redirects=True)
    assert "in der Bibliothek des Sozialraums" in answer.get_data(as_text=True)
    kept = db.session.query(LibraryCase).one()
    assert (kept.title, kept.source, kept.sozialraum_id) == (
        "Familie A.", "Sozialraumdialog Test", event.sozialraum_id)
    again = client.post(f"/admin/cases/{case.id}/library", follow_redirects=True)
    assert "schon in der Bibliothek" in again.get_data(as_text=True)
    assert db.session.query(LibraryCase).count() == 1

    later = events.create_event(None, "Zweiter Dialog", None, "Rathaus")
    island = events.add_island(later.id, "Insel")
    page = client.get(f"/admin/events/{later.id}").get_data(as_text=True)
    assert "Aus der Bibliothek übernehmen" in page and "(Sozialraumdialog Test)" in page
    client.post(f"/admin/islands/{island.id}/library", data={"library_case": kept.id})
    taken = db.session.query(Case).filter_by(island_id=island.id).one()
    assert (taken.title, taken.situation, taken.goal) == (
        "Familie A.", "Jonas (15) schwänzt die Schule.", "Abschluss")
    # Deleting the first event leaves the library as it is.
    events.delete_event(event.id, "Sozialraumdialog Test")
    assert db.session.query(LibraryCase).count() == 1


def test_a_case_that_could_identify_a_family_stays_out_of_the_library(client, auth, event):
    auth.login()
    case = event.islands[0].cases[0]
    events.update_case(case.id, "Familie Müller", "Anna Müller, Lindenstr. 12", "")
    answer = client.post(f"/admin/cases/{case.id}/library", follow_redirects=True)
    assert "Bitte erst die markierten Stellen ändern" in answer.get_data(as_text=True)
    assert db.session.query(LibraryCase).count() == 0


def test_another_sozialraums_library_is_out_of_reach(client, auth, event, other_event):  # noqa: F811
    auth.login()
    foreign = LibraryCase(sozialraum_id=other_event.sozialraum_id, title="Fremder Fall",
                          situation="", goal="", source="Dialog Ottobrunn")
    db.session.add(foreign)
    db.session.commit()
    foreign_id = foreign.id
    assert "Fremder Fall" not in client.get(f"/admin/events/{event.id}").get_data(as_text=True)
    island = event.islands[0]
    answer = client.post(f"/admin/islands/{island.id}/library",
                         data={"library_case": foreign_id}, follow_redirects=True)
    assert "Nicht gefunden." in answer.get_data(as_text=True)
    assert db.session.query(Case).filter_by(island_id=island.id).count() == 1
    # Its own cases cannot be put into another Sozialraum's event, nor removed by outsiders.
    assert client.post(f"/admin/cases/{other_event.islands[0].cases[0].id}/library"
                       ).status_code == 404
    assert client.post(f"/admin/library/{foreign_id}/delete",
                       data={"event_id": event.id}).status_code == 404
    assert db.session.get(LibraryCase, foreign_id) is not None


def test_removing_a_kept_case_leaves_the_events_copies(client, auth, event):
    auth.login()
    case = event.islands[0].cases[0]
    client.post(f"/admin/cases/{case.id}/library")
    kept = db.session.query(LibraryCase).one()
    client.post(f"/admin/library/{kept.id}/delete", data={"event_id": event.id})
    assert db.session.query(LibraryCase).count() == 0
    assert db.session.get(Event, event.id).islands[0].cases[0].title == "Fall A"
