"""Start the real server (the one `make run` uses) as a child process, for tests and benchmarks."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _env(instance: Path, port: int, extra: dict | None) -> dict:
    env = {**os.environ, "WORKSHOP_INSTANCE_PATH": str(instance), "PORT": str(port),
           "HOST": "127.0.0.1", "WORKSHOP_PUBLIC_URL": f"http://127.0.0.1:{port}",
           "WORKSHOP_QUIET": "1", "PYTHONUNBUFFERED": "1"}
    env.update(extra or {})
    return env


def flask_cli(instance: Path, *args: str, extra_env: dict | None = None) -> str:
    """Run a `flask --app workshop` command against an instance folder; return its output."""
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "workshop", *args], cwd=ROOT,
        env=_env(instance, 0, extra_env), capture_output=True, text=True, check=True)
    return result.stdout


def wait_healthy(base_url: str, timeout: float = 20.0) -> None:
    """Poll /healthz until it answers 200."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.1)


@contextmanager
def running_server(instance: Path, port: int | None = None, extra_env: dict | None = None,
                   migrate: bool = True, log_path: Path | None = None):
    """Migrate the database, start the gevent server, yield (base_url, process), stop it."""
    port = port or free_port()
    if migrate:
        flask_cli(instance, "db", "upgrade", extra_env=extra_env)
    log = open(log_path or instance / f"server-{port}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "gevent.monkey", "--module", "workshop.server"], cwd=ROOT,
        env=_env(instance, port, extra_env), stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base_url)
        yield base_url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
