"""Nothing in the logs names a participant: no client address, no token, no secret link."""

import logging
import socket
import sqlite3
import urllib.request

import socketio
from sqlalchemy.exc import IntegrityError

from tests.support.server import flask_cli, running_server
from workshop.extensions import db
from workshop.models import Participant
from workshop.private_logs import redact


def test_redact_cuts_secret_links_and_query_strings():
    assert redact("GET /h/s3cr3t-Host_token HTTP/1.1") == "GET /h/… HTTP/1.1"
    assert redact("GET /p/PROJ?lang=en HTTP/1.1") == "GET /p/…?… HTTP/1.1"
    assert redact("GET /socket.io/?EIO=4&transport=polling&sid=abc HTTP/1.1") == (
        "GET /socket.io/?… HTTP/1.1")
    assert redact("GET /j/ABCD2345 HTTP/1.1") == "GET /j/ABCD2345 HTTP/1.1"  # on the projector


def test_a_database_error_in_the_log_quotes_no_participant_token(app, event, caplog):
    token = "geheimes-teilnehmer-token-123"
    db.session.add(Participant(event_id=event.id, token=token))
    db.session.commit()
    db.session.add(Participant(event_id=event.id, token=token))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        logging.getLogger("workshop.live.acks").exception("socket handler join failed")
    else:
        raise AssertionError("a second participant with the same token was stored")
    report = caplog.text
    assert "IntegrityError" in report and "socket handler join failed" in report
    assert token not in report


def test_the_detail_line_of_a_database_error_is_cut(app, caplog):
    secret = "-".join(("abc", "geheim"))  # not in the traceback's source line either
    try:
        raise RuntimeError(f"duplicate key\nDETAIL:  Key (token)=({secret}) already exists.")
    except RuntimeError:
        logging.getLogger("workshop").exception("failed")
    report = caplog.text
    assert secret not in report and "DETAIL: …" in report


def test_the_servers_log_names_no_phone_and_no_secret(tmp_path):
    env = {"WORKSHOP_ACCESS_LOG": "1"}
    flask_cli(tmp_path, "db", "upgrade")
    flask_cli(tmp_path, "seed-demo")
    with sqlite3.connect(tmp_path / "workshop.sqlite3") as con:
        code, projector = con.execute("SELECT join_code, projector_token FROM events").fetchone()
        host = con.execute("SELECT host_token FROM islands").fetchone()[0]
    log_path = tmp_path / "server.log"
    with running_server(tmp_path, extra_env=env, migrate=False, log_path=log_path) as (url, _):
        for path in (f"/j/{code}", f"/p/{projector}", f"/h/{host}", "/login?next=/admin/"):
            urllib.request.urlopen(url + path, timeout=5).read()
        phone = socketio.Client(reconnection=False)
        phone.connect(url, transports=["polling", "websocket"], wait_timeout=10)
        answer = phone.call("join", {"code": code}, timeout=10)
        again = phone.call("join", {"code": code, "token": answer["token"]}, timeout=10)
        sid = phone.get_sid()
        phone.disconnect()
        # A request gevent refuses is logged as an error, with the request line.
        with socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1]))) as raw:
            raw.sendall(f"GET /h/{host} HTTP/1.1\r\nContent-Length: zz\r\n\r\n".encode())
            raw.recv(1024)
    log = log_path.read_text()
    assert answer["ok"] and again["ok"]
    assert '"GET /p/… HTTP/1.1" 200' in log and '"GET /socket.io/?… HTTP/1.1"' in log
    assert "Invalid request (from -)" in log  # refused, logged, without its address
    for secret in ("127.0.0.1", projector, host, answer["token"], sid):
        assert secret not in log, secret
