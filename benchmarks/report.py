"""Benchmark: how long the Dokumentation downloads (DOCX, PDF, XLSX) take for a big event.

Seeds an event straight into a fresh SQLite file (islands × cards, with groups, dots,
agreements and profiles) and times each download through the real view, cold (no chart
cached from an earlier download):

    .venv/bin/python benchmarks/report.py --islands 8 --cards 40
    .venv/bin/python benchmarks/report.py --islands 40 --cards 100

Wall-clock seconds and the process's CPU seconds: on the shared 2-core machine the wall
clock also counts the time other processes had the cores.
--pictures DIR also saves two pages of the PDF as PNG (the README's picture; pypdfium2,
in the bench extra).
"""

import argparse
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop import create_app  # noqa: E402
from workshop.extensions import db  # noqa: E402
from workshop.models import (  # noqa: E402
    Agreement,
    Card,
    CardGroup,
    Participant,
    Vote,
)
from workshop.report import charts  # noqa: E402
from workshop.services import accounts, events  # noqa: E402

FORMATS = ("docx", "pdf", "xlsx")
TEXTS = {
    "resource": ["Familienzentrum am Markt", "Nachbarschaftshilfe Süd", "Sportverein TSV",
                 "Jugendtreff Bahnhofstraße", "Großeltern in der Nähe", "Bücherei mit Lernecke",
                 "Kirchengemeinde St. Peter", "Übersetzerin aus der Moschee",
                 "Hausaufgabenhilfe der Grundschule", "Schuldnerberatung im Rathaus",
                 "Kita-Sozialarbeit", "Ehrenamtliche Lesepatinnen"],
    "barrier": ["Bus fährt abends selten", "Öffnungszeiten passen nicht zur Schicht",
                "Formulare nur auf Deutsch", "Angst vor dem Jugendamt",
                "Vereinsbeitrag zu hoch", "Niemand kennt die Angebote"],
}


def seed(islands: int, cards: int, seed_value: int = 7) -> int:
    """An event of `islands` islands with `cards` cards each; returns its id."""
    rng = random.Random(seed_value)
    event = events.create_event(None, "Sozialraumdialog Größenprüfung: Ressourcen kennen",
                                date(2025, 3, 14), "Bürgerhaus Süd")
    categories = {kind: [c.id for c in event.categories if c.kind == kind]
                  for kind in ("resource", "barrier")}
    fields = [f for f in event.fields_of_work.splitlines() if f]
    for n in range(islands):
        island = events.add_island(event.id, f"Insel {n + 1}: Ankommen im Viertel")
        case = events.add_case(
            island.id, f"Familie {n + 1}: neu im Viertel",
            "Frau A. (31) ist vor drei Monaten mit ihren Kindern (4 und 8 Jahre) zugezogen. "
            "Sie kennt hier niemanden. Für die Jüngere gibt es noch keinen Kita-Platz, der "
            "Ältere zieht sich in der Schule zurück.",
            "„Ich möchte hier Leute kennenlernen und wieder mehr Stunden arbeiten können.“")
        people = [Participant(event_id=event.id, token=f"t-{n}-{p}", island_id=island.id,
                              field_of_work=rng.choice(fields), organisation="Verein Süd",
                              offer=f"Räume am Abend ({p})" if p % 3 == 0 else None,
                              display_name=f"Person {p}") for p in range(12)]
        db.session.add_all(people)
        db.session.flush()
        made = []
        for c in range(cards):
            kind = "resource" if c % 3 else "barrier"
            made.append(Card(
                event_id=event.id, island_id=island.id, case_id=case.id,
                participant_id=people[c % len(people)].id, client_id=f"c-{n}-{c}", kind=kind,
                category_id=rng.choice(categories[kind]),
                text=rng.choice(TEXTS[kind]), detail="Di und Do ab 16 Uhr" if c % 4 else "",
                hidden=c % 17 == 0))
        db.session.add_all(made)
        db.session.flush()
        group = CardGroup(event_id=event.id, island_id=island.id, case_id=case.id,
                          label="Treffpunkte im Viertel")
        db.session.add(group)
        db.session.flush()
        for card in (made[1], made[2], made[4]):  # resources only
            card.group_id = group.id
        db.session.add_all(Vote(event_id=event.id, island_id=island.id,
                                card_id=rng.choice(made).id, participant_id=person.id)
                           for person in people for _ in range(3))
        for a in range(3):
            agreement = Agreement(event_id=event.id, island_id=island.id,
                                  what=f"Runder Tisch {a + 1} zur Übergangsbegleitung",
                                  who="Jugendamt, Schule", due="bis Ostern")
            agreement.cards = rng.sample(made, 3)
            db.session.add(agreement)
    db.session.commit()
    return event.id


def _pictures(pdf: bytes, folder: Path, pages=(1, 3)) -> None:
    import pypdfium2
    document = pypdfium2.PdfDocument(pdf)
    for n in pages:
        image = document[n].render(scale=110 / 72).to_pil()
        image.save(folder / f"report-page-{n + 1}.png", optimize=True)


def run(islands: int, cards: int, pictures: Path | None = None) -> dict[str, float]:
    """Seconds per download for one event size."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3",
                          "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                          "WORKSHOP_PUBLIC_URL": "http://bench.test"})
        with app.app_context():
            db.create_all()
            accounts.create_facilitator("bench@example.org", "Bench", "bench-passwort-1")
            event_id = seed(islands, cards)
            client = app.test_client()
            client.post("/login", data={"email": "bench@example.org",
                                        "password": "bench-passwort-1"})
            seconds = {}
            for fmt in FORMATS:
                charts.png.cache_clear()
                charts.image.cache_clear()
                start, cpu = time.perf_counter(), time.process_time()
                response = client.get(f"/admin/events/{event_id}/report.{fmt}")
                seconds[fmt] = time.perf_counter() - start
                seconds[f"{fmt}_cpu"] = time.process_time() - cpu
                assert response.status_code == 200, response.status_code
                seconds[f"{fmt}_kb"] = len(response.data) / 1024
                if fmt == "pdf" and pictures:
                    _pictures(response.data, pictures)
            db.session.remove()
            db.engine.dispose()
    return seconds


def main() -> None:
    """Parse the sizes, time each download, print one line per format."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--islands", type=int, default=8)
    parser.add_argument("--cards", type=int, default=40, help="cards per island")
    parser.add_argument("--pictures", type=Path, help="save two PDF pages as PNG here")
    args = parser.parse_args()
    seconds = run(args.islands, args.cards, args.pictures)
    for fmt in FORMATS:
        print(f"{args.islands} islands × {args.cards} cards  {fmt.upper():4}  "
              f"{seconds[fmt]:6.2f} s wall  {seconds[f'{fmt}_cpu']:6.2f} s CPU  "
              f"{seconds[f'{fmt}_kb']:6.0f} KB")
    print(f"all three: {sum(seconds[f] for f in FORMATS):.2f} s wall, "
          f"{sum(seconds[f'{f}_cpu'] for f in FORMATS):.2f} s CPU")


if __name__ == "__main__":
    main()
