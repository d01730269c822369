"""`make bench-projector` keeps working: a short run reports every number docs/performance.md
quotes (the numbers themselves are not asserted here; see docs/performance.md)."""

import json
import subprocess
import sys

from .conftest import ROOT


def test_short_projector_benchmark_reports_renders_and_memory():
    result = subprocess.run(
        [sys.executable, "benchmarks/projector.py", "--scenario", "8x40", "--arrivals", "3",
         "--rounds", "1", "--minutes", "5"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr[-3000:]  # 1: over the 16 ms budget
    report = json.loads(result.stdout.strip().splitlines()[-1])
    (run,) = report["results"]
    assert run["cards"] == 320 and run["pages"] > 1 and run["errors"] == []
    assert run["arrival"]["n"] >= 3 and run["phase_change"]["n"] >= 4
    assert len(run["heap_mb"]) == 2 and run["memory_cards_written"] == 50
    assert (result.returncode == 0) == (report["worst_p95_ms"] <= report["budget_ms"])
