"""The slow-network harness slows what it claims to: every byte, both ways, any protocol."""

import socket
import threading
import time

from tests.support.slow_network import Profile, throttled

PROFILE = Profile("test", rtt_s=0.2, down_bps=100_000, up_bps=50_000)


def _echo_server() -> tuple[socket.socket, str]:
    listener = socket.create_server(("127.0.0.1", 0))

    def serve():
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=_echo, args=(connection,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    return listener, f"http://127.0.0.1:{listener.getsockname()[1]}"


def _echo(connection: socket.socket) -> None:
    with connection:
        while data := connection.recv(65536):
            connection.sendall(data)


def _round_trip(sock: socket.socket, size: int) -> float:
    started = time.monotonic()
    sock.sendall(b"x" * size)
    received = 0
    while received < size:
        received += len(sock.recv(65536))
    return time.monotonic() - started


def test_a_small_message_takes_a_round_trip_on_an_open_connection():
    """A websocket frame on an open connection is slowed too (Chromium's emulation is not)."""
    listener, url = _echo_server()
    with listener, throttled(url, PROFILE) as proxy:
        with socket.create_connection(("127.0.0.1", proxy.port)) as sock:
            _round_trip(sock, 10)
            assert PROFILE.rtt_s <= _round_trip(sock, 10) < PROFILE.rtt_s + 0.15


def test_bandwidth_limits_each_direction():
    """50 kB up at 50 kB/s and back down at 100 kB/s: about 1.5 s plus the round trip."""
    listener, url = _echo_server()
    with listener, throttled(url, PROFILE) as proxy:
        with socket.create_connection(("127.0.0.1", proxy.port)) as sock:
            elapsed = _round_trip(sock, 50_000)
    assert 1.0 + PROFILE.rtt_s <= elapsed < 1.5 + PROFILE.rtt_s + 0.5
    assert proxy.bytes_up == proxy.bytes_down == 50_000


def test_offline_breaks_connections_and_refuses_new_ones_until_online():
    listener, url = _echo_server()
    with listener, throttled(url, PROFILE) as proxy:
        with socket.create_connection(("127.0.0.1", proxy.port)) as sock:
            proxy.offline()
            sock.settimeout(2)
            assert sock.recv(10) == b""  # the connection broke
        with socket.create_connection(("127.0.0.1", proxy.port)) as refused:
            refused.settimeout(2)
            assert refused.recv(10) == b""
        proxy.online()
        with socket.create_connection(("127.0.0.1", proxy.port)) as again:
            assert _round_trip(again, 10) >= PROFILE.rtt_s


def test_loss_delays_a_share_of_segments_by_a_retransmission():
    lossy = Profile("lossy", rtt_s=0.02, down_bps=10_000_000, up_bps=10_000_000, loss=0.5,
                    rto_s=0.3)
    listener, url = _echo_server()
    with listener, throttled(url, lossy, seed=3) as proxy:
        with socket.create_connection(("127.0.0.1", proxy.port)) as sock:
            times = [_round_trip(sock, 10) for _ in range(10)]
    assert any(t >= 0.3 for t in times) and any(t < 0.2 for t in times)
