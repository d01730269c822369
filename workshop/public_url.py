"""The base address phones use: configured, or this machine's LAN address."""

import socket


def lan_address() -> str | None:
    """The address of the interface that routes outward (no packet is sent)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


def public_base_url(configured: str | None, port: int, fallback_host: str | None) -> str:
    """Configured URL wins; else the LAN address; loopback only as a last resort."""
    if configured:
        return configured.rstrip("/")
    host = lan_address() or fallback_host or "127.0.0.1"
    return f"http://{host}" + ("" if port == 80 else f":{port}")
