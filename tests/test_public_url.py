"""The address in QR codes reaches phones: configured, else the LAN address, never loopback."""

from workshop import public_url
from workshop.public_url import public_base_url


def test_configured_address_wins(monkeypatch):
    monkeypatch.setattr(public_url, "lan_address", lambda: "192.168.1.20")
    assert public_base_url("https://dialog.example.org/", 5000, "localhost") == (
        "https://dialog.example.org")


def test_default_is_the_lan_address_with_port(monkeypatch):
    monkeypatch.setattr(public_url, "lan_address", lambda: "192.168.1.20")
    assert public_base_url(None, 5000, "127.0.0.1") == "http://192.168.1.20:5000"
    assert public_base_url(None, 80, "127.0.0.1") == "http://192.168.1.20"


def test_without_a_network_the_request_host_is_used(monkeypatch):
    monkeypatch.setattr(public_url, "lan_address", lambda: None)
    assert public_base_url(None, 5000, "laptop.local") == "http://laptop.local:5000"


def test_lan_address_is_never_loopback():
    address = public_url.lan_address()
    assert address is None or not address.startswith("127.")
