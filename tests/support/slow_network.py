"""A throttling TCP proxy on loopback: one phone's bad network, websockets included.

Chromium's network emulation does not slow websocket frames, so the browser tests and the
slow-network benchmark send every byte through this proxy instead. It models one phone's radio
link: each direction has a one-way delay (half the round trip), a bandwidth that all of the
phone's connections share, optional jitter, and packet loss. Loss cannot be dropped at this
level (the proxy speaks TCP on both sides), so a lost segment costs what it costs a real TCP
connection: it arrives one retransmission timeout late and holds up everything behind it on
its connection (head-of-line blocking). `offline()` cuts every connection and refuses new ones,
like a phone whose Wi-Fi is gone; `online()` brings the link back.
"""

import asyncio
import random
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

SEGMENT = 1460  # bytes of payload in one TCP segment on Ethernet/Wi-Fi


@dataclass(frozen=True)
class Profile:
    """A network as the phone sees it."""

    name: str
    rtt_s: float  # round trip, split evenly between the two directions
    down_bps: float  # bytes per second towards the phone
    up_bps: float  # bytes per second from the phone
    loss: float = 0.0  # share of segments lost (and retransmitted)
    jitter_s: float = 0.0  # extra one-way delay, uniform between 0 and this
    rto_s: float = 0.3  # what a lost segment costs: Linux' minimum RTO plus a round trip


# Chrome DevTools' "Slow 3G": 400 ms round trip, 400 kbit/s each way.
SLOW_3G = Profile("slow 3G", rtt_s=0.4, down_bps=400_000 / 8, up_bps=400_000 / 8)
# A crowded venue Wi-Fi: fast when it works, 5 % of segments lost, jittery.
LOSSY_WIFI = Profile("lossy Wi-Fi", rtt_s=0.08, down_bps=2_000_000 / 8, up_bps=1_000_000 / 8,
                     loss=0.05, jitter_s=0.04, rto_s=0.3)
PROFILES = {"slow3g": SLOW_3G, "lossy": LOSSY_WIFI}


class _Link:
    """One direction of the phone's radio: a queue that serialises bytes at the bandwidth."""

    def __init__(self, profile: Profile, bandwidth: float, rng: random.Random):
        self.profile, self.bandwidth, self.rng = profile, bandwidth, rng
        self.free_at = 0.0  # when the last queued byte has left the sender

    def schedule(self, size: int, now: float) -> float:
        """When a segment of `size` bytes sent now arrives at the other end."""
        self.free_at = max(now, self.free_at) + size / self.bandwidth
        arrival = self.free_at + self.profile.rtt_s / 2
        if self.profile.jitter_s:
            arrival += self.rng.uniform(0, self.profile.jitter_s)
        if self.profile.loss and self.rng.random() < self.profile.loss:
            arrival += self.profile.rto_s
        return arrival


class ThrottlingProxy:
    """Listen on 127.0.0.1:<port>, forward to `target_port` through a slowed link."""

    def __init__(self, target_port: int, profile: Profile, seed: int = 1):
        self.target_port, self.profile = target_port, profile
        rng = random.Random(seed)
        self._up = _Link(profile, profile.up_bps, rng)
        self._down = _Link(profile, profile.down_bps, rng)
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.base_events.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._online = True
        self.bytes_down = self.bytes_up = 0
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ThrottlingProxy":
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(5)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    def offline(self) -> None:
        """The network is gone: open connections break, new ones are refused."""
        self._online = False
        asyncio.run_coroutine_threadsafe(self._drop_all(), self._loop).result(5)

    def online(self) -> None:
        """The network is back."""
        self._online = True

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)

    async def _close(self) -> None:
        if self._server:
            self._server.close()
        await self._drop_all()
        # Connections still being copied end here, not as "destroyed but pending" tasks.
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _drop_all(self) -> None:
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    async def _accept(self, client_r, client_w) -> None:
        try:
            await self._connect(client_r, client_w)
        except asyncio.CancelledError:  # the proxy stops
            client_w.transport.abort()

    async def _connect(self, client_r, client_w) -> None:
        if not self._online:
            client_w.transport.abort()
            return
        # The handshake crosses the link too: a new connection costs a round trip.
        await asyncio.sleep(self.profile.rtt_s)
        try:
            server_r, server_w = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            client_w.transport.abort()
            return
        self._writers.update((client_w, server_w))
        await asyncio.gather(self._pump(client_r, server_w, self._up, "up"),
                             self._pump(server_r, client_w, self._down, "down"),
                             return_exceptions=True)
        for writer in (client_w, server_w):
            self._writers.discard(writer)
            writer.transport.abort()

    async def _pump(self, reader, writer, link: _Link, direction: str) -> None:
        """Copy one direction, each segment delivered at its arrival time, in order."""
        queue: asyncio.Queue = asyncio.Queue()

        async def deliver():
            while (item := await queue.get()) is not None:
                arrival, data = item
                delay = arrival - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                if not self._online:
                    return
                writer.write(data)
                await writer.drain()
            writer.transport.abort()

        sender = asyncio.create_task(deliver())
        last_arrival = 0.0
        try:
            while data := await reader.read(64 * 1024):
                if not self._online:
                    break
                if direction == "down":
                    self.bytes_down += len(data)
                else:
                    self.bytes_up += len(data)
                for start in range(0, len(data), SEGMENT):
                    segment = data[start:start + SEGMENT]
                    # TCP delivers in order: a late segment holds up the ones behind it.
                    last_arrival = max(last_arrival, link.schedule(len(segment),
                                                                   time.monotonic()))
                    queue.put_nowait((last_arrival, segment))
        except OSError:
            pass
        finally:
            queue.put_nowait(None)
            await asyncio.gather(sender, return_exceptions=True)


@contextmanager
def throttled(target_url: str, profile: Profile, seed: int = 1):
    """A proxy in front of `target_url` (http://127.0.0.1:PORT); yields it, running."""
    port = int(target_url.rsplit(":", 1)[1].split("/")[0])
    proxy = ThrottlingProxy(port, profile, seed).start()
    try:
        yield proxy
    finally:
        proxy.stop()
