"""The demo event: a fictional Sozialraumdialog with three islands and anonymised cases."""

from datetime import date

from sqlalchemy import select

from .extensions import db
from .models import Event
from .services import events, running

DEMO_TITLE = "Sozialraumdialog Musterstadt-Nord (Demo)"

ISLANDS = [
    ("Insel 1: Ankommen im Viertel", [(
        "Familie A.: neu im Viertel",
        "Frau A. (31) ist vor drei Monaten mit ihren Kindern (4 und 8 Jahre) aus einer anderen "
        "Stadt zugezogen. Sie kennt hier niemanden. Für die Jüngere gibt es noch keinen "
        "Kita-Platz, der Ältere zieht sich in der Schule zurück. Frau A. arbeitet in Teilzeit "
        "im Einzelhandel und hat kein Auto.",
        "„Ich möchte hier Leute kennenlernen und wieder mehr Stunden arbeiten können.“",
    )]),
    ("Insel 2: Jugend und Schule", [(
        "Jonas (15): fehlt oft in der Schule",
        "Jonas fehlt seit einigen Wochen häufig im Unterricht und verbringt die Nachmittage am "
        "Bahnhof. Beide Eltern arbeiten im Schichtdienst. Früher hat er im Verein Basketball "
        "gespielt, seit dem Umzug nicht mehr.",
        "„Ich will meinen Abschluss schaffen, aber nicht ständig kontrolliert werden.“",
    )]),
    ("Insel 3: Sprache und Teilhabe", [(
        "Familie S.: Briefe vom Amt bleiben liegen",
        "Familie S. lebt seit zwei Jahren in Deutschland und hat drei Kinder. Der Vater arbeitet "
        "auf dem Bau, die Mutter spricht noch wenig Deutsch. Briefe von Behörden bleiben "
        "ungeöffnet liegen; die Tochter (11) übersetzt oft für die Eltern.",
        "„Wir wollen unsere Angelegenheiten selbst regeln, und unsere Tochter soll Kind sein "
        "dürfen.“",
    )]),
]


def seed_demo() -> Event | None:
    """Create the demo event once; return it, or None when it already exists."""
    if db.session.scalar(select(Event.id).where(Event.title == DEMO_TITLE)):
        return None
    event = events.create_event(None, DEMO_TITLE, date.today(), "Bürgerhaus Musterstadt")
    for island_name, cases in ISLANDS:
        island = events.add_island(event.id, island_name)
        for title, situation, goal in cases:
            events.add_case(island.id, title, situation, goal)
    # The demo is for trying things out: it starts at "Sammeln", so a first phone can write.
    return running.set_phase(event.id, "collect")
