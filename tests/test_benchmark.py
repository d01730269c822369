"""`make bench` keeps working: a small run against the real server, and the bare baseline.

The performance numbers themselves live in docs/performance.md, not in tests; these runs
check what the benchmark reports (every card stored once, every peer and the projector
reached), so a change to the protocol cannot silently break the benchmark.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KEYS = {"clients", "islands", "rate", "duration_s", "p50_ms", "p95_ms", "p99_ms",
        "projector_p95_ms", "lost", "duplicated", "peak_rss_mb", "cpu_percent"}


def bench(*args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "benchmarks/load.py", "--clients", "20", "--islands", "4",
         "--rate", "10", "--duration", "2", "--drain", "2", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    assert "island peers" in result.stdout  # the readable summary comes first
    return json.loads(lines[-1])


@pytest.mark.parametrize("mode", [[], ["--bare"]], ids=["app", "bare"])
def test_small_benchmark_delivers_every_card_once(mode):
    summary = bench(*mode)
    assert KEYS <= summary.keys()
    assert summary["connected"] == 20
    assert summary["cards_sent"] == summary["cards_stored"] == 20
    # 5 phones per island: every card reaches the 4 others and the projector, once.
    assert summary["peer_deliveries"] == 20 * 4
    assert summary["lost"] == 0 and summary["duplicated"] == 0
    assert summary["ack_errors"] == {}
    assert summary["p95_ms"] is not None and summary["projector_p95_ms"] is not None
    assert summary["peak_rss_mb"] > 0
