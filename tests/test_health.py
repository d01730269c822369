"""/healthz answers 503 naming the part that is down, so a proxy or monitor can act."""

import pytest

from tests.support.server import free_port
from workshop import create_app
from workshop.extensions import db, socketio


@pytest.fixture(autouse=True)
def _forget_the_message_queue():
    """Flask-SocketIO keeps a queue's client manager across init_app calls on its one
    object; later tests' apps (and their test clients) must not inherit it."""
    yield
    socketio.server_options.pop("client_manager", None)


def _app(tmp_path, monkeypatch, **config):
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    return create_app({"TESTING": True, "SECRET_KEY": "test",
                       "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'h.sqlite3'}",
                       **config})


def test_healthy_without_a_message_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok"}


def test_a_database_that_does_not_answer_is_503(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch, SQLALCHEMY_DATABASE_URI=(
        f"postgresql+psycopg://workshop@127.0.0.1:{free_port()}/workshop"))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "failed": ["database"]}
    with app.app_context():
        db.engine.dispose()


def test_a_message_queue_that_does_not_answer_is_503(tmp_path, monkeypatch, caplog):
    app = _app(tmp_path, monkeypatch,
               WORKSHOP_REDIS_URL=f"redis://:geheim@127.0.0.1:{free_port()}/0")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "failed": ["message_queue"]}
    assert "message_queue: Redis at redis://:***@127.0.0.1" in caplog.text
    assert "geheim" not in caplog.text


def test_a_reachable_message_queue_is_healthy(tmp_path, monkeypatch):
    import redis
    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis at {url} unreachable ({error})")
    app = _app(tmp_path, monkeypatch, WORKSHOP_REDIS_URL=url)
    assert app.test_client().get("/healthz").status_code == 200
