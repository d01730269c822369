"""The facilitator's board at real size in Chromium: how long a render takes.

Seeds 8 islands × 40 cards (tests/browser/real_size.py), opens the board at 1366×768 and
times, with style and layout, a render of every card ("Alle aufklappen" after "Alle
einklappen", as after a reconnect) and of one island (it is opened again after being folded:
what a card arriving from a phone costs, at most once per frame).

    .venv/bin/python benchmarks/board.py [--runs 30]
"""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, login  # noqa: E402
from tests.browser.real_size import CARDS_PER_ISLAND, ISLANDS, real_size_server  # noqa: E402

TIMED_RENDERS = """([runs, fold, unfold]) => {
  const times = [];
  const click = (selector) => document.querySelector(selector).click();
  for (let i = 0; i < runs; i++) {
    click(fold);
    document.body.offsetHeight;
    const start = performance.now();
    click(unfold);
    document.body.offsetHeight;  // style and layout included
    times.push(performance.now() - start);
  }
  return times;
}"""
CASES = {"every island": ("#collapse-all", "#expand-all"),
         "one island": (".island-toggle", ".island-toggle")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, real_size_server(Path(tmp)) as (server, _):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            login(page, server.url)
            page.goto(f"{server.url}/admin/events/{server.event_id}/live")
            page.wait_for_selector(".status-online")
            page.locator(".board-island .card").first.wait_for()
            measured = {name: sorted(page.evaluate(TIMED_RENDERS, [args.runs, *clicks]))
                        for name, clicks in CASES.items()}
            browser.close()
    print(f"board with {ISLANDS} islands x {CARDS_PER_ISLAND} cards, {args.runs} runs each:")
    for name, times in measured.items():
        p95 = times[max(0, round(len(times) * 0.95) - 1)]
        print(f"  render of {name}: median {statistics.median(times):.1f} ms, "
              f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms")


if __name__ == "__main__":
    main()
