"""Check in a browser page that the Content-Security-Policy keeps its connections at home."""

import socket

import pytest


def assert_other_hosts_blocked(page) -> None:
    """A websocket to another host is refused by connect-src and never leaves the browser."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        other = f"ws://127.0.0.1:{listener.getsockname()[1]}/"
        violation = page.evaluate("""(url) => new Promise((resolve) => {
            document.addEventListener('securitypolicyviolation',
                (e) => resolve([e.violatedDirective, e.blockedURI]), {once: true});
            try { new WebSocket(url); } catch (error) { resolve(['thrown', error.name]); }
            setTimeout(() => resolve(['allowed', url]), 3000);
        })""", other)
        assert violation[0] == "connect-src" and violation[1].startswith(other[:-1])
        with pytest.raises(TimeoutError):
            listener.accept()  # nothing ever reached the other host
