"""A real-size dialog for the projector's tests and benchmark: N islands × M cards.

Written straight through the services into the instance before the server starts (fast),
with long German compound words and texts of every length a phone allows.
"""

import itertools
from pathlib import Path

from sqlalchemy import select

from workshop import create_app
from workshop.extensions import db
from workshop.models import Event
from workshop.services import cards, events, participants, running

from .conftest import demo_server

WORDS = ["Familienzentrum am Markt", "Schulsozialarbeiterin kennt die Familie",
         "Kinder- und Jugendhilfeeinrichtung", "Nachbarschaftshilfe begleitet zum Amt",
         "Donaudampfschifffahrtsgesellschaftskapitän als Pate",
         "Bus fährt abends nur stündlich, am Wochenende gar nicht",
         "Erziehungsberatungsstelle hat lange Wartezeiten", "Sprachkurs mit Kinderbetreuung",
         "Angst vor Kontrolle durch das Jugendamt",
         "Tagesmutter im Haus nebenan, die auch kurzfristig einspringen kann, wenn die "
         "Schicht länger dauert",
         "Hausaufgabenbetreuung", "Kostenloses Mittagessen in der Ganztagsschule",
         "Briefe vom Amt sind schwer verständlich und kommen ohne Übersetzung"]
LONG = ("Die Mutter arbeitet im Schichtdienst im Krankenhaus, der Vater ist oft auf Montage; "
        "niemand kann die Kinder nachmittags abholen, und der Hort hat erst ab Herbst einen "
        "Platz frei – bis dahin hilft die Großmutter, die aber selbst krank ist und bald ins "
        "Pflegeheim muss.")


def text_for(n: int) -> str:
    """Card texts of every length: mostly short, every tenth one the longest kind."""
    if n % 10 == 9:
        return LONG[:280]
    return f"{WORDS[n % len(WORDS)]} ({n})"


def seed_crowd(event_id: int, islands: int, per_island: int) -> None:
    """Grow the event to `islands` islands and write `per_island` cards on each."""
    event = running.set_phase(event_id, "collect")
    while len(event.islands) < islands:
        island = events.add_island(event_id, f"Insel {len(event.islands) + 1}: "
                                             "Kindertagesbetreuungsangebote")
        events.add_case(island.id, f"Fall {len(event.islands)}", "Situation", "Ziel")
    db.session.refresh(event)
    kinds = {k: [c.id for c in event.categories if c.kind == k] for k in ("resource", "barrier")}
    counter = itertools.count()
    for island in event.islands[:islands]:
        people = [participants.choose_island(participants.join(event.join_code).id, island.id)
                  for _ in range(4)]
        for n in range(per_island):
            kind = "barrier" if n % 3 == 1 else "resource"
            number = next(counter)
            cards.submit_card(people[n % 4].id, f"crowd-{number:06d}", island.cases[0].id,
                              kind, kinds[kind][n % len(kinds[kind])], text_for(number))


def crowd_server(instance: Path, islands: int, per_island: int):
    """The demo server grown to a real-size dialog before it starts."""
    return demo_server(instance, lambda folder: grow(folder, islands, per_island))


def grow(instance: Path, islands: int, per_island: int) -> None:
    """Seed the crowd into the demo event of a prepared instance, in this process (fast)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'workshop.sqlite3'}",
                      "SECRET_KEY": "browser-tests"})
    with app.app_context():
        seed_crowd(db.session.scalar(select(Event.id)), islands, per_island)
        db.session.remove()
        db.engine.dispose()
