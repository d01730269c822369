"""The server side of a benchmark: start workers, prepare the event, watch and count."""

import json
import subprocess
import sys
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import psutil
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.server import _env, flask_cli, free_port, wait_healthy  # noqa: E402

SETUP_SCRIPT = """
import json, sys
from workshop import create_app
from workshop.services import events, running
app = create_app()
with app.app_context():
    event = events.create_event(None, "Lasttest", None, "Benchmark")
    islands = []
    for n in range(int(sys.argv[1])):
        island = events.add_island(event.id, f"Insel {n + 1}")
        case = events.add_case(island.id, f"Fall {n + 1}", "Situation", "Ziel")
        islands.append({"id": island.id, "case_id": case.id})
    category = next(c.id for c in event.categories if c.kind == "resource")
    running.set_phase(event.id, "collect")
    print(json.dumps({"event_id": event.id, "join_code": event.join_code,
                      "projector_token": event.projector_token, "islands": islands,
                      "category_id": category}))
"""


def database_env(database_url: str | None, redis_url: str | None) -> dict:
    """The environment that points workers (and the setup script) at shared services."""
    env = {}
    if database_url:
        env["WORKSHOP_DATABASE_URL"] = database_url
    if redis_url:
        env["WORKSHOP_REDIS_URL"] = redis_url
    return env


def create_event(instance: Path, islands: int, extra_env: dict) -> dict:
    """Create the benchmark event with one case per island; return codes and ids."""
    result = subprocess.run([sys.executable, "-c", SETUP_SCRIPT, str(islands)], cwd=ROOT,
                            env=_env(instance, 0, extra_env), capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


@contextmanager
def start_workers(instance: Path, count: int, mode: str, extra_env: dict):
    """Start `count` server processes (gevent or threading) on free ports; yield them."""
    command = {"gevent": [sys.executable, "-m", "gevent.monkey", "--module", "workshop.server"],
               "threading": [sys.executable, "-m", "workshop.server"]}[mode]
    with ExitStack() as stack:
        workers = []
        for _ in range(count):
            port = free_port()
            log = stack.enter_context(open(instance / f"server-{port}.log", "w"))
            env = _env(instance, port, {**extra_env, "WORKSHOP_SERVER_MODE": mode})
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log,
                                       stderr=subprocess.STDOUT)
            stack.callback(_stop, process)
            workers.append((f"http://127.0.0.1:{port}", process))
        for url, _ in workers:
            wait_healthy(url)
        yield workers


@contextmanager
def start_bare(instance: Path):
    """Start the bare Flask-SocketIO baseline (benchmarks/bare_server.py); yield url, process."""
    port = free_port()
    with open(instance / "bare.log", "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gevent.monkey", str(ROOT / "benchmarks" / "bare_server.py"),
             str(port)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url)
            yield url, process
        finally:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def migrate(instance: Path, extra_env: dict) -> None:
    """Bring the database schema up to date."""
    flask_cli(instance, "db", "upgrade", extra_env=extra_env)


def count_cards(database_url: str, run_id: str) -> dict[str, int]:
    """How many rows the database holds for each benchmark marker of this run."""
    engine = create_engine(_sqlalchemy_url(database_url))
    counts: dict[str, int] = {}
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT text FROM cards WHERE text LIKE :pattern"),
            {"pattern": f"bench {run_id} %"})
        for (card_text,) in rows:
            marker = card_text.split(" ")[2]
            counts[marker] = counts.get(marker, 0) + 1
    engine.dispose()
    return counts


def _sqlalchemy_url(url: str) -> str:
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Sampler:
    """Samples CPU and memory of the server processes in a background thread."""

    def __init__(self, pids: list[int], interval: float = 0.5):
        self.processes = [psutil.Process(pid) for pid in pids]
        self.interval = interval
        self.peak_rss = 0
        self.rss_start = self._rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._marks: dict[str, tuple[float, float]] = {}
        self.cpu_timeline: list[tuple[float, float]] = []  # (time.time(), % of one core)

    def _rss(self) -> int:
        return sum(p.memory_info().rss for p in self.processes)

    def _cpu(self) -> float:
        return sum(p.cpu_times().user + p.cpu_times().system for p in self.processes)

    def _run(self) -> None:
        last = (self._cpu(), time.monotonic())
        while not self._stop.wait(self.interval):
            try:
                self.peak_rss = max(self.peak_rss, self._rss())
                now = (self._cpu(), time.monotonic())
            except psutil.Error:
                return
            busy = 100 * (now[0] - last[0]) / max(now[1] - last[1], 1e-9)
            self.cpu_timeline.append((time.time(), busy))
            last = now

    def start(self) -> "Sampler":
        self._thread.start()
        return self

    def mark(self, name: str) -> None:
        """Remember CPU time and wall time at a named moment."""
        self._marks[name] = (self._cpu(), time.monotonic())

    def cpu_percent(self, start: str, end: str) -> float:
        """CPU of the servers between two marks, in percent of one core."""
        (cpu0, t0), (cpu1, t1) = self._marks[start], self._marks[end]
        return 100 * (cpu1 - cpu0) / max(t1 - t0, 1e-9)

    def cpu_seconds(self, start: str, end: str) -> float:
        """CPU time the servers used between two marks."""
        return self._marks[end][0] - self._marks[start][0]

    def stop(self) -> None:
        """Stop sampling; take the kernel's high-water mark where it has one (Linux)."""
        self.peak_rss = max(self.peak_rss, self._rss(), self._high_water_mark())
        self._stop.set()
        self._thread.join()

    def _high_water_mark(self) -> int:
        total = 0
        for process in self.processes:
            try:
                status = Path(f"/proc/{process.pid}/status").read_text()
            except OSError:
                return 0
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) * 1024
        return total


class Machine:
    """CPU use of the whole machine, to tell when other programs distort a run."""

    def __init__(self):
        self._marks: dict[str, tuple[float, float]] = {}

    def mark(self, name: str) -> None:
        times = psutil.cpu_times()
        self._marks[name] = (times.user + times.system + getattr(times, "steal", 0.0),
                             time.monotonic())

    def cpu_percent(self, start: str, end: str) -> float:
        """Busy CPU of all processes between two marks, in percent of one core."""
        (cpu0, t0), (cpu1, t1) = self._marks[start], self._marks[end]
        return 100 * (cpu1 - cpu0) / max(t1 - t0, 1e-9)
