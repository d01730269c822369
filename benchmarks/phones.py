"""Simulated phones and a projector: python-socketio asyncio clients in one worker process.

Each worker process runs `run_worker` for its share of the phones. The protocol is the app's
real one (join with island, card_submit with a client id, watch with the projector token).
A card's text carries a marker and the wall-clock send time, so any receiver in any process
of this machine can compute the delivery latency without asking the sender.
"""

import asyncio
import os
import resource
import time
import uuid
from collections import Counter

import socketio

TEXT_PREFIX = "bench"
PROJECTOR = -1  # the client number the projector records under


def raise_open_files_limit() -> int:
    """Lift the soft limit on open files to the hard limit (1000 sockets need more than 1024)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def card_text(run_id: str, marker: str, sent_at: float) -> str:
    """Card text: the run, a unique marker and the send time (time.time(), seconds)."""
    return f"{TEXT_PREFIX} {run_id} {marker} @{sent_at:.6f}"


def parse_text(text: str) -> tuple[str, str, float] | None:
    """(run_id, marker, sent_at) from a benchmark card text, or None for any other card."""
    parts = text.split(" ")
    if len(parts) != 4 or parts[0] != TEXT_PREFIX or not parts[3].startswith("@"):
        return None
    return parts[1], parts[2], float(parts[3][1:])


class Receiver:
    """Records every benchmark card a client receives: latency and duplicates."""

    def __init__(self, run_id: str):
        self.run_id = run_id
        self.peer: dict[str, list[float]] = {}  # marker -> latency at each peer phone
        self.projector: dict[str, float] = {}  # marker -> latency at the projector
        self.seen: Counter = Counter()  # (client, marker) -> times received

    def record(self, client: int, card: dict) -> None:
        parsed = parse_text(card.get("text", ""))
        if parsed is None or parsed[0] != self.run_id:
            return
        _, marker, sent_at = parsed
        self.seen[(client, marker)] += 1
        if self.seen[(client, marker)] > 1:
            return
        latency = (time.time() - sent_at) * 1000
        if client == PROJECTOR:
            self.projector[marker] = latency
        else:
            self.peer.setdefault(marker, []).append(latency)


def new_client(deflate: bool) -> socketio.AsyncClient:
    """A Socket.IO client; with deflate it offers permessage-deflate as every browser does."""
    options = {"compress": 15} if deflate else {}
    return socketio.AsyncClient(reconnection=False, websocket_extra_options=options)


class Phone:
    """One participant's phone seated at one island."""

    def __init__(self, index: int, island: dict, receiver: Receiver, deflate: bool):
        self.index = index
        self.island = island
        self.client = new_client(deflate)
        self.client.on("card", lambda card: receiver.record(index, card))
        self.connect_ms: float | None = None
        self.sent = 0

    async def connect(self, url: str, code: str, timeout: float) -> None:
        """Open the websocket and join the event at this phone's island."""
        started = time.perf_counter()
        await self.client.connect(url, transports=["websocket"], wait_timeout=timeout)
        answer = await self.client.call(
            "join", {"code": code, "island_id": self.island["id"]}, timeout=timeout)
        if not answer.get("ok"):
            raise RuntimeError(f"join failed: {answer}")
        self.connect_ms = (time.perf_counter() - started) * 1000


async def _connect_all(phones, urls, code, concurrency, timeout) -> list[str]:
    gate = asyncio.Semaphore(concurrency)
    errors: list[str] = []

    async def one(phone: Phone) -> None:
        async with gate:
            try:
                await phone.connect(urls[phone.index % len(urls)], code, timeout)
            except Exception as error:  # noqa: BLE001 - every failure is counted, none hidden
                errors.append(f"{type(error).__name__}: {error}")

    await asyncio.gather(*(one(p) for p in phones))
    return errors


async def _send_cards(phones, setup, run_id, worker, rate, start_at, duration, ack_timeout):
    """Open loop: card k leaves at start_at + k / rate, whether earlier acks came or not."""
    ready = [p for p in phones if p.connect_ms is not None]
    sent, acks, lateness = [], {}, []
    tasks = []

    async def submit(phone: Phone, marker: str, item: dict, sent_at: float) -> None:
        try:
            answer = await phone.client.call("card_submit", item, timeout=ack_timeout)
        except Exception as error:  # noqa: BLE001
            acks[marker] = (None, f"{type(error).__name__}")
            return
        ok = bool(answer.get("ok"))
        acks[marker] = ((time.time() - sent_at) * 1000, None if ok else answer.get("error"))

    if not ready or rate <= 0:
        return sent, acks, lateness
    count = int(rate * duration)
    for k in range(count):
        due = start_at + k / rate
        delay = due - time.time()
        if delay > 0:
            await asyncio.sleep(delay)
        phone = ready[k % len(ready)]
        now = time.time()
        lateness.append((now - due) * 1000)
        marker = f"w{worker}c{phone.index}n{phone.sent}"
        phone.sent += 1
        item = {"client_id": str(uuid.uuid4()), "case_id": phone.island["case_id"],
                "kind": "resource", "category_id": setup["category_id"],
                "text": card_text(run_id, marker, now), "detail": ""}
        sent.append({"marker": marker, "island": phone.island["id"], "at": now - start_at})
        tasks.append(asyncio.create_task(submit(phone, marker, item, now)))
    await asyncio.gather(*tasks)
    return sent, acks, lateness


async def _worker(spec: dict, control) -> dict:
    setup, run_id = spec["setup"], spec["run_id"]
    receiver = Receiver(run_id)
    islands = setup["islands"]
    phones = [Phone(i, islands[i % len(islands)], receiver, spec["deflate"])
              for i in spec["phone_indices"]]
    projector = None
    if spec.get("projector"):
        projector = new_client(spec["deflate"])
        projector.on("card", lambda card: receiver.record(PROJECTOR, card))
        await projector.connect(spec["urls"][-1], transports=["websocket"],
                                wait_timeout=spec["ack_timeout"])
        answer = await projector.call("watch", {"projector_token": setup["projector_token"]},
                                      timeout=spec["ack_timeout"])
        if not answer.get("ok"):
            raise RuntimeError(f"watch failed: {answer}")
    errors = await _connect_all(phones, spec["urls"], setup["join_code"],
                                spec["connect_concurrency"], spec["ack_timeout"])
    control.send({"ready": len(phones) - len(errors), "errors": errors[:5],
                  "error_count": len(errors), "pid": os.getpid()})
    start_at = await asyncio.get_running_loop().run_in_executor(None, control.recv)
    rate = spec["rate_share"]
    sent, acks, lateness = await _send_cards(
        phones, setup, run_id, spec["worker"], rate, start_at, spec["duration"],
        spec["ack_timeout"])
    # Let the last deliveries arrive: until the end of the send window plus the drain time.
    end = start_at + spec["duration"] + spec["drain"]
    await asyncio.sleep(max(0.0, end - time.time()))
    await asyncio.gather(*(p.client.disconnect() for p in phones if p.client.connected),
                         return_exceptions=True)
    if projector is not None:
        await projector.disconnect()
    return {
        "worker": spec["worker"],
        "start_at": start_at,
        "connected": [p.index for p in phones if p.connect_ms is not None],
        "connect_ms": [p.connect_ms for p in phones if p.connect_ms is not None],
        "connect_errors": errors,
        "sent": sent,
        "acks": acks,
        "lateness_ms": lateness,
        "peer": receiver.peer,
        "projector": receiver.projector,
        "duplicate_deliveries": sum(n - 1 for n in receiver.seen.values() if n > 1),
        "cpu_s": sum(os.times()[:2]),
    }


def run_worker(spec: dict, control) -> None:
    """Process entry point: connect, report ready, wait for the start time, send, report."""
    raise_open_files_limit()
    try:
        result = asyncio.run(_worker(spec, control))
    except Exception as error:  # noqa: BLE001 - the orchestrator must hear about it
        control.send({"failed": f"{type(error).__name__}: {error}"})
        raise
    control.send(result)
