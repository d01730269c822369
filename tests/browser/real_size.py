"""A real-size Sozialraumdialog for browser tests: 8 islands with 40 cards each."""

from contextlib import contextmanager
from pathlib import Path

from tests.support.server import running_server

from .conftest import Server, prepare_instance

ISLANDS = 8
CARDS_PER_ISLAND = 40
# Long German words too: the board must wrap them, not widen.
TEXTS = ["Familienzentrum am Markt", "Nachbarschaftshilfe", "Jugendberufsagentur",
         "Schulsozialarbeit", "Kinder- und Jugendhilfeausschuss", "Sportverein mit Hallenzeiten",
         "Stadtteilbibliothek", "Migrationsberatung", "Hausaufgabenbetreuung im Gemeindehaus",
         "Erziehungsberatungsstelle"]
BARRIERS = ["Keine Kita-Plätze", "Lange Wartezeiten", "Sprachbarrieren beim Amt",
            "Öffnungszeiten passen nicht zum Schichtdienst", "Kein Bus am Abend"]


def seed_real_size(instance: Path) -> dict:
    """Fill the demo event up to 8 islands × 40 cards; one group with dots on island 1.

    Returns the ids a test needs: the event, the first island and the group.
    """
    from workshop import create_app
    from workshop.extensions import db
    from workshop.models import Event
    from workshop.services import cards, events, groups, participants, running, votes
    from workshop.services.moderation import Actor

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'workshop.sqlite3'}",
                      "SECRET_KEY": "browser-tests"})
    with app.app_context():
        event = db.session.scalar(db.select(Event))
        for number in range(len(event.islands) + 1, ISLANDS + 1):
            island = events.add_island(event.id, f"Insel {number}: Sozialraum Nord-{number}")
            events.add_case(island.id, f"Fallbeispiel {number}", "Eine Familie im Viertel.",
                            "„Wir wollen es selbst schaffen.“")
        event = db.session.get(Event, event.id)
        kinds = {kind: [c.id for c in event.categories if c.kind == kind]
                 for kind in ("resource", "barrier")}
        made = {}
        number_of = {island.id: index + 1 for index, island in enumerate(event.islands)}.get
        for island in event.islands:
            person = participants.join(event.join_code)
            participants.choose_island(person.id, island.id)
            case_id = island.cases[0].id
            for n in range(CARDS_PER_ISLAND):
                kind = "barrier" if n % 3 == 2 else "resource"
                text = BARRIERS[n % 5] if kind == "barrier" else TEXTS[n % 10]
                category = kinds[kind][n % len(kinds[kind])]
                card, _ = cards.submit_card(person.id, f"seed-{island.id}-{n}", case_id, kind,
                                            category, f"{text} ({number_of(island.id)}.{n + 1})")
                made.setdefault(island.id, []).append(card.id)
        first = event.islands[0]
        staff = Actor(event.id, "Moderation: Test")
        group, _ = groups.create_group(staff, made[first.id][:2], "Familienzentren")
        running.set_phase(event.id, "vote")
        voter = participants.join(event.join_code)
        participants.choose_island(voter.id, first.id)
        for card_id in (made[first.id][0], made[first.id][0], made[first.id][1]):
            votes.cast(voter.id, card_id)
        running.set_phase(event.id, "organise")
        ids = {"event_id": event.id, "island_id": first.id, "group_id": group.id,
               "cards": made}
        db.session.remove()
        db.engine.dispose()
    return ids


@contextmanager
def real_size_server(instance: Path):
    """The demo server with a real-size event; yields (Server, seeded ids)."""
    import sqlite3

    prepare_instance(instance)
    seeded = seed_real_size(instance)
    with running_server(instance, migrate=False) as (url, _process):
        db_path = instance / "workshop.sqlite3"
        with sqlite3.connect(db_path) as connection:
            code, token = connection.execute(
                "SELECT join_code, projector_token FROM events").fetchone()
        yield Server(url, db_path, code, token, seeded["event_id"]), seeded
