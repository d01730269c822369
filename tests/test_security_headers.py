"""The CSP lets pages connect to their own origin only (issue 9), on HTTP and behind HTTPS."""

import re

import pytest

from workshop import create_app


def connect_src(response) -> str:
    return re.search(r"connect-src ([^;]*);", response.headers["Content-Security-Policy"])[1]


def test_plain_http_allows_its_own_origin_and_its_websocket(client):
    response = client.get("/", base_url="http://192.168.1.20:5000")
    assert connect_src(response) == "'self' ws://192.168.1.20:5000"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_behind_an_https_proxy_the_socket_is_wss_on_the_public_host(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("WORKSHOP_PROXY_COUNT", "1")
    app = create_app({"TESTING": True, "SECRET_KEY": "test",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'c.sqlite3'}"})
    response = app.test_client().get("/", base_url="http://dialog.example.org:8443",
                                     headers={"X-Forwarded-Proto": "https"})
    assert connect_src(response) == "'self' wss://dialog.example.org:8443"


@pytest.mark.parametrize("host", ["evil.example; script-src *", "a b"])
def test_a_forged_host_header_adds_nothing(client, host):
    response = client.get("/healthz", headers={"Host": host})
    assert connect_src(response) == "'self'"
