"""Phones on bad networks (`make bench-network`): every byte through the throttling proxy.

For each profile of tests/support/slow_network.py (slow 3G, lossy Wi-Fi) a real server with
the demo event and Debian's Chromium at phone size: a cold first visit, a warm second visit
(token stored, assets cached) and a return after 20 s without network with a card waiting.
Each is run --runs times; the medians are printed as one line per profile and scenario, the
way docs/performance.md records them. Then the size of a phone's (re)join snapshot for an
island of 60 and of 600 cards: whole, deflated, and as a delta after a Wi-Fi gap.
"""

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, demo_server  # noqa: E402
from tests.support.slow_network import PROFILES, throttled  # noqa: E402

ISLAND = "Insel 1: Ankommen im Viertel"
WORDS = ("Familienzentrum Jugendhilfe Nachbarschaft Schulsozialarbeit Sprachkurs Kita Verein "
         "Beratungsstelle Ehrenamt Sportverein Kirchengemeinde Tafel Jobcenter Bücherei Oma "
         "Hausaufgabenhilfe Elterncafé Streetwork Mittagstisch Fahrdienst Dolmetscher 0170 "
         "Marktplatz montags freitags 9 17 Uhr kostenlos Anmeldung nötig Wartezeit Bus Linie "
         "Hilfe bei Anträgen offener Treff ab 14 Jahren für Mütter mit Kindern").split()


def _since_navigation(page) -> float:
    return page.evaluate("performance.now()") / 1000


def _send(page, text: str) -> None:
    page.fill("#text", text)
    page.click("#card-form button[type=submit]")
    page.locator(".card", has_text=text).locator(".status-saved").wait_for(timeout=30000)


def visit(browser, server, profile, warm: bool) -> dict:
    """One phone's visit: bytes, first paint, form usable, card saved (seconds)."""
    with throttled(server.url, profile) as proxy:
        context = browser.new_context(viewport=PHONE, service_workers="block")
        page = context.new_page()
        try:
            if warm:
                page.goto(f"{proxy.url}/j/{server.join_code}")
                page.get_by_role("button", name=ISLAND).click()
                _send(page, "Erster Besuch")
                proxy.bytes_down = proxy.bytes_up = 0
            started = time.monotonic()
            page.goto(f"{proxy.url}/j/{server.join_code}", wait_until="commit")
            if not warm:
                page.get_by_role("button", name=ISLAND).click()
            page.locator("#text").wait_for()
            usable = time.monotonic() - started
            _send(page, f"Karte {time.monotonic()}")
            saved = time.monotonic() - started
            paint = page.evaluate(
                "performance.getEntriesByName('first-contentful-paint')[0]?.startTime || 0")
            return {"bytes": proxy.bytes_down + proxy.bytes_up, "first_paint_s": paint / 1000,
                    "form_usable_s": usable, "card_saved_s": saved}
        finally:
            context.close()


def back_online(browser, server, profile, gap_s: float) -> dict:
    """A card written without network is saved how long after the network returns."""
    with throttled(server.url, profile) as proxy:
        context = browser.new_context(viewport=PHONE, service_workers="block")
        page = context.new_page()
        try:
            page.goto(f"{proxy.url}/j/{server.join_code}")
            page.get_by_role("button", name=ISLAND).click()
            _send(page, "Vor der Lücke")
            proxy.offline()
            context.set_offline(True)
            page.wait_for_selector(".status-offline, .status-reconnecting")
            text = f"In der Lücke {time.monotonic()}"
            page.fill("#text", text)
            page.click("#card-form button[type=submit]")
            time.sleep(gap_s)
            proxy.online()
            context.set_offline(False)
            back = time.monotonic()
            page.locator(".card", has_text=text).locator(".status-saved").wait_for(
                timeout=30000)
            return {"reconnect_to_saved_s": time.monotonic() - back}
        finally:
            context.close()


def snapshot_sizes() -> dict:
    """Bytes of a rejoin snapshot for 60 and 600 cards: whole, deflated, delta after a gap."""
    from workshop import create_app
    from workshop.demo import seed_demo
    from workshop.extensions import db, socketio
    from workshop.models import Event
    sizes = {}
    for count in (60, 600):
        with tempfile.TemporaryDirectory() as folder:
            app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/b.sqlite3",
                              "SECRET_KEY": "bench", "TESTING": True,
                              # One phone writes the whole island here: no limit on writes.
                              "WORKSHOP_RATE_LIMITS": {"phone_write": "1000000/second"}})
            with app.app_context():
                db.create_all()
                seed_demo()
                event = db.session.query(Event).one()
                island, case = event.islands[0], event.islands[0].cases[0]
                category = next(c for c in event.categories if c.kind == "resource")
                phone = socketio.test_client(app, flask_test_client=app.test_client())
                joined = phone.emit("join", {"code": event.join_code,
                                             "island_id": island.id}, callback=True)
                words = random.Random(count)
                for i in range(count):
                    phone.emit("card_submit", {
                        "client_id": f"bench-card-{i:06d}", "case_id": case.id,
                        "kind": "resource", "category_id": category.id,
                        # Cards as varied as real ones: compression must not look better.
                        "text": " ".join(words.choices(WORDS, k=words.randint(4, 14))),
                        "detail": " ".join(words.choices(WORDS, k=words.randint(0, 6)))},
                        callback=True)
                again = {"code": event.join_code, "token": joined["token"],
                         "structure": joined["snapshot"]["structure_version"]}
                whole = phone.emit("join", {**again, "structure": None},
                                   callback=True)["snapshot"]
                packed = phone.emit("join", {**again, "inflate": True}, callback=True)
                for i in range(3):  # three cards written during a short gap
                    phone.emit("card_submit", {
                        "client_id": f"bench-gap-{i:06d}", "case_id": case.id,
                        "kind": "barrier", "category_id": next(
                            c.id for c in event.categories if c.kind == "barrier"),
                        "text": f"Lange Wartezeiten {i}", "detail": ""}, callback=True)
                delta = phone.emit("join", {**again, "since": whole["seq"],
                                            "since_island": island.id}, callback=True)
                plain = json.dumps(whole, separators=(",", ":"), ensure_ascii=False).encode()
                sizes[count] = {
                    "whole_bytes": len(plain),
                    "deflated_bytes": len(packed.get("snapshot_z") or b""),
                    "delta_bytes": len(json.dumps(delta["snapshot"], separators=(",", ":"),
                                                  ensure_ascii=False).encode()),
                    "delta_deflated_bytes": len(zlib.compress(json.dumps(
                        delta["snapshot"]).encode(), 6))}
                phone.disconnect()
                db.session.remove()
                db.engine.dispose()
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--gap", type=float, default=20.0, help="seconds without network")
    parser.add_argument("--profiles", default=",".join(PROFILES))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    results = {}
    with tempfile.TemporaryDirectory() as folder, demo_server(Path(folder)) as server, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name in args.profiles.split(","):
            profile = PROFILES[name]
            runs = {"cold": [visit(browser, server, profile, warm=False)
                             for _ in range(args.runs)],
                    "warm": [visit(browser, server, profile, warm=True)
                             for _ in range(args.runs)],
                    "back online": [back_online(browser, server, profile, args.gap)
                                    for _ in range(args.runs)]}
            for scenario, measured in runs.items():
                medians = {key: statistics.median(run[key] for run in measured)
                           for key in measured[0]}
                results[f"{profile.name} {scenario}"] = medians
                print(f"{profile.name:12} {scenario:12} " + "  ".join(
                    f"{key} {value:.0f}" if key == "bytes" else f"{key} {value:.2f}"
                    for key, value in medians.items()), flush=True)
        browser.close()
    sizes = snapshot_sizes()
    for count, size in sizes.items():
        print(f"snapshot {count:4} cards: " + "  ".join(f"{k} {v}" for k, v in size.items()))
    print(json.dumps({"network": results, "snapshots": sizes}))


if __name__ == "__main__":
    main()
