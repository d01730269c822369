"""A worker with a broken message queue refuses to serve, and /healthz tells a proxy (issue 9).

Before: a malformed WORKSHOP_REDIS_URL stopped the worker with "Kombu package is not
installed"; an unreachable one served its own phones and silently dropped every broadcast
to the other workers.
"""

import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest
import redis

from tests.support.server import ROOT, _env, free_port, running_server

pytestmark = pytest.mark.scaleout
WORKER = [sys.executable, "-m", "gevent.monkey", "--module", "workshop.server"]


def _start_alone(instance, env: dict) -> subprocess.CompletedProcess:
    """Run a worker that is expected to stop by itself; its exit status and output."""
    return subprocess.run(WORKER, cwd=ROOT, env=_env(instance, free_port(), env),
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("url, status, says", [
    ("redis//127.0.0.1:6379/0", 78, "expected a URL like redis://"),
    ("127.0.0.1:6379", 78, "expected a URL like redis://"),
    ("redis://127.0.0.1:6379/99", 1, "cannot be used: DB index is out of range"),
])
def test_a_malformed_redis_url_stops_the_worker_with_the_reason(tmp_path, url, status, says):
    stopped = _start_alone(tmp_path, {"WORKSHOP_REDIS_URL": url})
    assert stopped.returncode == status
    assert stopped.stderr.startswith("workshop: WORKSHOP_REDIS_URL")
    assert says in stopped.stderr
    assert "Traceback" not in stopped.stderr and "Kombu" not in stopped.stderr


def test_beside_a_working_worker_one_with_an_unreachable_redis_does_not_start(
        tmp_path, shared_services):
    env, _admin, _schema = shared_services
    with running_server(tmp_path, extra_env=env) as (url, _process):
        nowhere = f"redis://127.0.0.1:{free_port()}/0"
        stopped = _start_alone(tmp_path, {**env, "WORKSHOP_REDIS_URL": nowhere})
        assert stopped.returncode == 1
        assert stopped.stderr.strip() == (
            f"workshop: WORKSHOP_REDIS_URL: Redis at {nowhere} cannot be used: Error 111 "
            f"connecting to 127.0.0.1:{nowhere.split(':')[2][:-2]}. Connection refused; "
            "not starting without the message queue")
        assert _health(url) == (200, {"status": "ok"})


def _health(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


@contextmanager
def _redis_server(tmp_path, port: int):
    """A private redis-server on `port` (no disk writes), stopped on exit."""
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis(port=port, socket_connect_timeout=1).ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_healthz_is_503_while_redis_is_down_and_200_once_it_is_back(tmp_path):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is missing: apt-get install -y redis-server")
    port = free_port()
    env = {"WORKSHOP_REDIS_URL": f"redis://127.0.0.1:{port}/0"}
    with _redis_server(tmp_path, port) as redis_process:
        with running_server(tmp_path, extra_env=env) as (url, _worker):
            assert _health(url) == (200, {"status": "ok"})
            redis_process.terminate()
            redis_process.wait(timeout=10)
            assert _health(url) == (503, {"status": "unavailable",
                                          "failed": ["message_queue"]})
            with _redis_server(tmp_path, port):
                assert _health(url) == (200, {"status": "ok"})
