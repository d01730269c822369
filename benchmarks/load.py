"""Load benchmark: many phones and one projector against a real server (`make bench`).

By default it starts the production server (`python -m gevent.monkey --module
workshop.server`) on a fresh SQLite database in a temporary instance folder, creates an event
with --islands islands, connects --clients phones (python-socketio asyncio clients, websocket
only) spread over several client processes, and posts --rate cards per second for --duration
seconds. See docs/performance.md for the numbers and docs/deploy.md for scale-out runs.

The last line of the output is one JSON object with the results.
"""

import argparse
import json
import multiprocessing
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

import phones
import psutil
import servers


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000, help="phones (default 1000)")
    parser.add_argument("--islands", type=int, default=40, help="islands (default 40)")
    parser.add_argument("--rate", type=float, default=100, help="cards per second (100)")
    parser.add_argument("--duration", type=float, default=60, help="seconds of posting (60)")
    parser.add_argument("--procs", type=int, default=0,
                        help="client processes (default: one per 250 phones, at most 4)")
    parser.add_argument("--async-mode", choices=("gevent", "threading"), default="gevent",
                        help="server mode to start (default gevent, the production mode)")
    parser.add_argument("--bare", action="store_true",
                        help="run the framework baseline instead of the app: bare "
                             "Flask-SocketIO with the same protocol (benchmarks/bare_server.py)")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes to start; more than one needs "
                             "--database-url and --redis-url")
    parser.add_argument("--database-url", default=os.environ.get("WORKSHOP_DATABASE_URL"),
                        help="shared database (default: env WORKSHOP_DATABASE_URL, else a "
                             "fresh SQLite file)")
    parser.add_argument("--redis-url", default=os.environ.get("WORKSHOP_REDIS_URL"),
                        help="message queue for several workers (env WORKSHOP_REDIS_URL)")
    parser.add_argument("--target", action="append", default=[],
                        help="URL of an already running worker (repeat for several); the "
                             "benchmark then starts no server and needs --database-url")
    parser.add_argument("--server-pid", type=int, action="append", default=[],
                        help="pid of a --target worker, for CPU and memory figures")
    parser.add_argument("--drain", type=float, default=5,
                        help="seconds to wait for late deliveries after posting (5)")
    parser.add_argument("--connect-concurrency", type=int, default=50,
                        help="simultaneous connection attempts per client process (50)")
    parser.add_argument("--ack-timeout", type=float, default=30)
    parser.add_argument("--py-spy", metavar="SVG",
                        help="record a py-spy flame graph of the (first) server; a name "
                             "ending in .txt gets collapsed stacks instead")
    parser.add_argument("--py-spy-phase", choices=("post", "all"), default="post",
                        help="profile only while posting (default) or from the first connect")
    parser.add_argument("--no-deflate", dest="deflate", action="store_false",
                        help="clients do not offer permessage-deflate (browsers do)")
    parser.add_argument("--timeline", action="store_true",
                        help="print ack latency per second of posting")
    parser.add_argument("--keep", action="store_true", help="keep the instance folder")
    return parser.parse_args(argv)


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile, None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def split(indices: list[int], parts: int) -> list[list[int]]:
    return [indices[n::parts] for n in range(parts)]


def run(args: argparse.Namespace) -> dict:
    phones.raise_open_files_limit()
    instance = Path(tempfile.mkdtemp(prefix="workshop-bench-"))
    env = servers.database_env(args.database_url, args.redis_url)
    # Every benchmark phone comes from 127.0.0.1 within seconds, a steeper ramp than a venue
    # behind one NAT: the limit on new phones per address stays on, sized to the run.
    env["WORKSHOP_JOINS_PER_ADDRESS"] = os.environ.get("WORKSHOP_JOINS_PER_ADDRESS") or \
        f"{args.clients}/minute"
    if args.workers > 1 and not (args.database_url and args.redis_url):
        sys.exit("--workers > 1 needs --database-url (PostgreSQL) and --redis-url")
    if args.target and not args.database_url:
        sys.exit("--target needs --database-url (to create the event and count the cards)")
    database_url = args.database_url or f"sqlite:///{instance / 'workshop.sqlite3'}"
    if args.bare:
        return run_bare(args, instance)
    try:
        servers.migrate(instance, env)
        setup = servers.create_event(instance, args.islands, env)
        if args.target:
            context = nullcontext([(url, None) for url in args.target])
        else:
            context = servers.start_workers(instance, args.workers, args.async_mode, env)
        with context as workers:
            urls = [url for url, _ in workers]
            pids = args.server_pid or [p.pid for _, p in workers if p is not None]
            return measure(args, setup, urls, pids, database_url)
    finally:
        if args.keep:
            print(f"instance folder kept: {instance}", file=sys.stderr)
        else:
            shutil.rmtree(instance, ignore_errors=True)


def run_bare(args: argparse.Namespace, instance: Path) -> dict:
    """The framework's baseline: no database, so every acknowledged card counts as stored."""
    setup = {"join_code": "BARE", "projector_token": "bare", "category_id": 1,
             "islands": [{"id": n + 1, "case_id": n + 1} for n in range(args.islands)]}
    try:
        with servers.start_bare(instance) as (url, process):
            return measure(args, setup, [url], [process.pid], None)
    finally:
        shutil.rmtree(instance, ignore_errors=True)


def measure(args, setup, urls, pids, database_url) -> dict:
    run_id = uuid.uuid4().hex[:8]
    procs = args.procs or max(1, min(4, args.clients // 250))
    server = servers.Sampler(pids).start() if pids else None
    machine = servers.Machine()
    context = multiprocessing.get_context("spawn")
    specs = []
    for n, indices in enumerate(split(list(range(args.clients)), procs)):
        specs.append({"worker": n, "run_id": run_id, "setup": setup, "urls": urls,
                      "phone_indices": indices, "projector": n == 0,
                      "rate_share": args.rate * len(indices) / max(1, args.clients),
                      "duration": args.duration, "drain": args.drain,
                      "ack_timeout": args.ack_timeout, "deflate": args.deflate,
                      "connect_concurrency": args.connect_concurrency})
    spy = _start_py_spy(args, pids) if args.py_spy_phase == "all" else None
    if server:
        server.mark("connect")
    started = time.monotonic()
    channels, processes = [], []
    for spec in specs:
        parent, child = context.Pipe()
        process = context.Process(target=phones.run_worker, args=(spec, child), daemon=True)
        process.start()
        channels.append(parent)
        processes.append(process)
    ready = [_receive(c, 300) for c in channels]
    connect_wall_s = time.monotonic() - started
    client = servers.Sampler([r["pid"] for r in ready])
    if server:
        server.mark("connected")
    start_at = time.time() + 1.0
    for channel in channels:
        channel.send(start_at)
    time.sleep(max(0.0, start_at - time.time()))
    client.mark("send")
    machine.mark("send")
    if server:
        server.mark("send")
    spy = spy or _start_py_spy(args, pids)
    time.sleep(max(0.0, start_at + args.duration - time.time()))
    client.mark("sent")
    machine.mark("sent")
    if server:
        server.mark("sent")
    _stop_py_spy(spy)
    results = [_receive(c, args.drain + args.ack_timeout + 120) for c in channels]
    for process in processes:
        process.join(timeout=10)
    if server:
        server.stop()
    if database_url:
        counts = servers.count_cards(database_url, run_id)
    else:  # the bare baseline stores nothing: every acknowledged card counts once
        counts = {m: 1 for r in results for m, (ms, error) in r["acks"].items()
                  if ms is not None and error is None}
    return report(args, setup, results, counts, server, client, machine, procs,
                  connect_wall_s, len(urls))


def _receive(channel, timeout: float) -> dict:
    if not channel.poll(timeout):
        raise TimeoutError("a client process did not answer")
    message = channel.recv()
    if "failed" in message:
        raise RuntimeError(f"client process failed: {message['failed']}")
    return message


def _start_py_spy(args, pids):
    """py-spy on the first server, from the first connection to the end of posting.

    A path ending in .txt gets collapsed stacks (one line per stack, for grep and sort).
    """
    if not args.py_spy or not pids:
        return None
    spy = Path(sys.executable).with_name("py-spy")
    raw = ["--format", "raw"] if args.py_spy.endswith(".txt") else []
    return subprocess.Popen([str(spy), "record", "--pid", str(pids[0]), "--nonblocking",
                             "--rate", "200", *raw, "--output", args.py_spy],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stop_py_spy(spy) -> None:
    if spy:
        spy.send_signal(signal.SIGINT)
        spy.wait(timeout=60)


def report(args, setup, results, counts, server, client, machine, procs, connect_wall_s,
           workers) -> dict:
    connected = {i for r in results for i in r["connected"]}
    islands = setup["islands"]
    seated = Counter(islands[i % len(islands)]["id"] for i in connected)
    sent = [s for r in results for s in r["sent"]]
    acks = {m: a for r in results for m, a in r["acks"].items()}
    peer: dict[str, list[float]] = {}
    for r in results:
        for marker, values in r["peer"].items():
            peer.setdefault(marker, []).extend(values)
    projector = {m: v for r in results for m, v in r["projector"].items()}

    lost_db = sum(1 for s in sent if counts.get(s["marker"], 0) == 0)
    duplicated_db = sum(1 for s in sent if counts.get(s["marker"], 0) > 1)
    missing_peer = missing_projector = lost = 0
    for card in sent:
        expected = seated[card["island"]] - 1
        short = max(0, expected - len(peer.get(card["marker"], [])))
        missing_peer += short
        absent = card["marker"] not in projector
        missing_projector += absent
        lost += bool(short or absent or counts.get(card["marker"], 0) == 0)
    duplicate_deliveries = sum(r["duplicate_deliveries"] for r in results)
    peer_ms = [v for values in peer.values() for v in values]
    projector_ms = list(projector.values())
    ack_ms = [a[0] for a in acks.values() if a[0] is not None]
    ack_errors = Counter(a[1] for a in acks.values() if a[1] is not None)
    connect_ms = [v for r in results for v in r["connect_ms"]]
    lateness = [v for r in results for v in r["lateness_ms"]]
    summary = {
        "clients": args.clients, "islands": args.islands, "rate": args.rate,
        "duration_s": args.duration,
        "p50_ms": _r(percentile(peer_ms, 50)), "p95_ms": _r(percentile(peer_ms, 95)),
        "p99_ms": _r(percentile(peer_ms, 99)),
        "projector_p50_ms": _r(percentile(projector_ms, 50)),
        "projector_p95_ms": _r(percentile(projector_ms, 95)),
        "projector_p99_ms": _r(percentile(projector_ms, 99)),
        "lost": lost, "duplicated": duplicated_db + duplicate_deliveries,
        "peak_rss_mb": _r(server.peak_rss / 2**20) if server else None,
        "cpu_percent": _r(server.cpu_percent("send", "sent")) if server else None,
        "connect_cpu_percent": _r(server.cpu_percent("connect", "connected")) if server
        else None,
        "async_mode": "bare" if args.bare else args.async_mode if not args.target
        else "external",
        "workers": workers, "client_procs": procs, "connected": len(connected),
        "connect_p50_ms": _r(percentile(connect_ms, 50)),
        "connect_p95_ms": _r(percentile(connect_ms, 95)),
        "connect_max_ms": _r(max(connect_ms, default=None)),
        "connect_all_s": _r(connect_wall_s, 2),
        "cards_sent": len(sent), "cards_stored": sum(counts.values()),
        "ack_p50_ms": _r(percentile(ack_ms, 50)), "ack_p95_ms": _r(percentile(ack_ms, 95)),
        "ack_errors": dict(ack_errors),
        "peer_deliveries": len(peer_ms), "missing_peer_deliveries": missing_peer,
        "missing_projector": missing_projector, "lost_db": lost_db,
        "duplicated_db": duplicated_db, "duplicate_deliveries": duplicate_deliveries,
        "send_lateness_p99_ms": _r(percentile(lateness, 99)),
        "client_cpu_percent": _r(client.cpu_percent("send", "sent")),
        "peer_mean_ms": _r(statistics.fmean(peer_ms)) if peer_ms else None,
        "server_cpu_ms_per_card": _r(1000 * server.cpu_seconds("send", "sent") / len(sent), 2)
        if server and sent else None,
        "server_cpu_ms_per_join": _r(1000 * server.cpu_seconds("connect", "connected")
                                     / max(1, len(connected)), 2) if server else None,
        "cores": psutil.cpu_count(),
    }
    # Whatever else ran on the machine while posting (other programs distort the latency).
    summary["other_cpu_percent"] = _r(machine.cpu_percent("send", "sent")
                                      - (summary["cpu_percent"] or 0)
                                      - summary["client_cpu_percent"])
    if args.timeline:
        print_timeline(sent, acks, server, results[0]["start_at"])
    return summary


def print_timeline(sent, acks, server, start_at: float) -> None:
    """Ack latency (p50, max) of the cards sent in each second, and server CPU then."""
    seconds: dict[int, list[float]] = {}
    for card in sent:
        latency = acks.get(card["marker"], (None, None))[0]
        seconds.setdefault(int(card["at"]), []).append(latency if latency is not None else -1)
    cpu: dict[int, list[float]] = {}
    for at, busy in server.cpu_timeline if server else []:
        cpu.setdefault(int(at - start_at) if at >= start_at else -1, []).append(busy)
    print("second  cards  ack p50 ms  ack max ms  server CPU %")
    for second, values in sorted(seconds.items()):
        busy = statistics.fmean(cpu[second]) if cpu.get(second) else float("nan")
        print(f"{second:6d} {len(values):6d} {percentile(values, 50):11.1f} "
              f"{max(values):11.1f} {busy:13.0f}")


def print_summary(s: dict) -> None:
    print(f"""
workshop load benchmark ({s['async_mode']}, {s['workers']} worker(s), \
{s['client_procs']} client process(es))
  phones connected   {s['connected']}/{s['clients']} at {s['islands']} islands, \
all in {s['connect_all_s']} s; per phone p50 {s['connect_p50_ms']} ms, \
p95 {s['connect_p95_ms']} ms, max {s['connect_max_ms']} ms
  cards              {s['cards_sent']} sent at {s['rate']}/s for {s['duration_s']} s, \
{s['cards_stored']} stored; ack p50 {s['ack_p50_ms']} ms, p95 {s['ack_p95_ms']} ms; \
errors {s['ack_errors'] or 'none'}
  island peers       {s['peer_deliveries']} deliveries: p50 {s['p50_ms']} ms, \
p95 {s['p95_ms']} ms, p99 {s['p99_ms']} ms (missing {s['missing_peer_deliveries']})
  projector          p50 {s['projector_p50_ms']} ms, p95 {s['projector_p95_ms']} ms, \
p99 {s['projector_p99_ms']} ms (missing {s['missing_projector']})
  lost / duplicated  {s['lost']} / {s['duplicated']} (database: {s['lost_db']} missing, \
{s['duplicated_db']} twice; {s['duplicate_deliveries']} duplicate deliveries)
  server             {s['cpu_percent']} % CPU while posting \
({s['connect_cpu_percent']} % while connecting), peak RSS {s['peak_rss_mb']} MB
  clients            {s['client_cpu_percent']} % CPU while posting; send lateness \
p99 {s['send_lateness_p99_ms']} ms (high values mean the clients, not the server, lag)
  server cost        {s['server_cpu_ms_per_card']} ms CPU per card (fan-out included), \
{s['server_cpu_ms_per_join']} ms per join
  other programs     {s['other_cpu_percent']} % CPU on this {s['cores']}-core machine while \
posting (more than a few percent distorts the latencies)
""")


def main() -> None:
    # A terminated benchmark still stops the servers it started (context managers unwind).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    summary = run(parse_args())
    print_summary(summary)
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
