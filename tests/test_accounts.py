"""Logins the server can end: logout, "überall abmelden", a new password, deactivation."""

import sqlite3
from datetime import timedelta

import flask_migrate
import pytest
from flask.testing import FlaskClient
from flask_socketio.test_client import SocketIOTestClient

from tests.conftest import PASSWORD, Auth
from workshop import create_app
from workshop.extensions import db
from workshop.models import Event, Login, StaffSocket
from workshop.services import accounts

COOKIES = ("session", "remember_token")


@pytest.fixture(autouse=True)
def own_context_per_request(app, monkeypatch):
    """As in production, every request and socket event runs in its own app context.

    The app fixture keeps one context open, which requests would share, and with it
    Flask-Login's user, loaded once per context: a login ended in between would go unseen.
    """
    def isolated(original):
        def call(*args, **kwargs):
            with app.app_context():
                return original(*args, **kwargs)
        return call

    monkeypatch.setattr(FlaskClient, "open", isolated(FlaskClient.open))
    monkeypatch.setattr(SocketIOTestClient, "emit", isolated(SocketIOTestClient.emit))


def signed_in(app, auth) -> dict:
    """Log in (staying signed in) and return a copy of the browser's login cookies."""
    auth.client.post("/login", data={"email": "mod@example.org", "password": PASSWORD,
                                     "remember": "1"})
    copied = {name: auth.client.get_cookie(name).value for name in COOKIES}
    assert is_admin(app, copied)
    return copied


def is_admin(app, cookies: dict) -> bool:
    """Whether a fresh browser holding just these cookies opens the admin pages."""
    browser = app.test_client()
    for name, value in cookies.items():
        browser.set_cookie(name, value)
    return browser.get("/admin/").status_code == 200


def each_cookie_alone(copied: dict) -> list[dict]:
    return [{name: copied[name]} for name in COOKIES]


@pytest.fixture
def colleague(app):
    """A second account of the team, signed in on its own browser."""
    accounts.create_facilitator("kollegin@example.org", "Kollegin", PASSWORD)
    auth = Auth(app.test_client())
    auth.login("kollegin@example.org")
    return auth


def test_each_copied_cookie_opens_the_admin_pages_until_logout(app, auth):
    copied = signed_in(app, auth)
    assert all(is_admin(app, alone) for alone in each_cookie_alone(copied))
    auth.logout()
    assert not any(is_admin(app, alone) for alone in each_cookie_alone(copied))
    assert not is_admin(app, copied)


def test_logout_ends_only_that_login(app, auth):
    copied = signed_in(app, auth)
    laptop = Auth(app.test_client())
    laptop.login()
    laptop.logout()
    assert is_admin(app, copied)


def test_logout_everywhere_ends_every_login_of_the_account_only(app, auth, colleague):
    office = signed_in(app, auth)
    venue = signed_in(app, Auth(app.test_client()))
    response = auth.client.post("/logout-everywhere", follow_redirects=True)
    assert "überall abgemeldet" in response.get_data(as_text=True)
    for copied in (office, venue):
        assert not any(is_admin(app, alone) for alone in each_cookie_alone(copied))
    assert colleague.client.get("/admin/").status_code == 200


def test_accounts_page_offers_logout_everywhere(client, auth):
    auth.login()
    page = client.get("/admin/accounts").get_data(as_text=True)
    assert 'action="/logout-everywhere"' in page and "mod@example.org" in page


def test_reset_password_ends_every_login_and_the_old_password(app, auth, runner):
    copied = signed_in(app, auth)
    result = runner.invoke(args=["reset-password", "MOD@example.org"])
    assert result.exit_code == 0, result.output
    assert not any(is_admin(app, alone) for alone in each_cookie_alone(copied))
    new_password = result.output.split("Neues Passwort für MOD@example.org: ")[1].split()[0]
    assert auth.login(password=PASSWORD).status_code == 200  # the form again
    assert auth.login(password=new_password).status_code == 302


def test_reset_password_of_an_unknown_account_says_so(runner, facilitator):
    result = runner.invoke(args=["reset-password", "niemand@example.org"])
    assert result.exit_code != 0 and "Dieses Konto gibt es nicht." in result.output


def test_deactivated_account_is_signed_out_and_cannot_sign_in_until_reactivated(
        app, auth, colleague, facilitator):
    copied = signed_in(app, auth)
    response = colleague.client.post(f"/admin/accounts/{facilitator.id}/active",
                                     data={"active": "0"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Das Konto ist deaktiviert." in page and "deaktiviert</td>" in page
    assert not any(is_admin(app, alone) for alone in each_cookie_alone(copied))
    refused = auth.login()
    assert refused.status_code == 200
    assert "E-Mail oder Passwort stimmt nicht." in refused.get_data(as_text=True)
    colleague.client.post(f"/admin/accounts/{facilitator.id}/active", data={"active": "1"})
    assert auth.login().status_code == 302


def test_deactivation_from_the_command_line(app, auth, runner):
    copied = signed_in(app, auth)
    assert runner.invoke(args=["deactivate-facilitator", "mod@example.org"]).exit_code == 0
    assert not is_admin(app, copied)
    assert auth.login().status_code == 200
    assert runner.invoke(args=["activate-facilitator", "mod@example.org"]).exit_code == 0
    assert auth.login().status_code == 302
    unknown = runner.invoke(args=["deactivate-facilitator", "niemand@example.org"])
    assert unknown.exit_code != 0 and "Dieses Konto gibt es nicht." in unknown.output


def test_nobody_deactivates_their_own_account_on_the_page(client, auth, facilitator):
    auth.login()
    response = client.post(f"/admin/accounts/{facilitator.id}/active", data={"active": "0"},
                           follow_redirects=True)
    assert "Das eigene Konto kann hier nicht deaktiviert werden." in response.get_data(
        as_text=True)
    assert client.get("/admin/").status_code == 200


def test_accounts_pages_need_a_login(client, facilitator):
    assert client.get("/admin/accounts").status_code == 302
    client.post(f"/admin/accounts/{facilitator.id}/active", data={"active": "0"})
    assert db.session.get(type(facilitator), facilitator.id).active


def test_a_login_ends_after_its_lifetime_remembered_or_not(app, auth):
    copied = signed_in(app, auth)
    lifetime = app.config["REMEMBER_COOKIE_DURATION"]
    for login in db.session.query(Login):
        login.created_at -= lifetime + timedelta(minutes=1)
    db.session.commit()
    assert not any(is_admin(app, alone) for alone in each_cookie_alone(copied))


def test_the_database_keeps_no_usable_token(app, auth):
    copied = signed_in(app, auth)
    stored = db.session.query(Login.token_hash).scalar()
    assert stored and stored not in str(copied)


def watching_facilitator(event, socket_client, client):
    sc = socket_client(client)
    assert sc.emit("watch", {"event_id": event.id}, callback=True)["role"] == "facilitator"
    return sc


def start_timer(sc):
    return sc.emit("run", {"action": "timer", "timer": "start", "seconds": 300}, callback=True)


def timer_runs(event) -> bool:
    db.session.expire_all()
    return db.session.get(Event, event.id).timer_ends_at is not None


def test_an_open_facilitator_socket_is_closed_at_logout(event, socket_client, client, auth):
    auth.login()
    board = watching_facilitator(event, socket_client, client)
    auth.logout()
    assert not board.is_connected()
    assert not timer_runs(event)
    assert db.session.query(StaffSocket).count() == 0


def test_a_socket_on_cookies_copied_before_logout_gets_no_staff_rights(
        app, event, socket_client, auth):
    copied = signed_in(app, auth)
    auth.logout()
    for alone in each_cookie_alone(copied):
        browser = app.test_client()
        for name, value in alone.items():
            browser.set_cookie(name, value)
        answer = socket_client(browser).emit("watch", {"event_id": event.id}, callback=True)
        assert answer["error"] == "forbidden"


def test_logout_everywhere_closes_the_sockets_of_every_login(event, socket_client, client,
                                                              auth, app):
    auth.login()
    other = app.test_client()
    Auth(other).login()
    boards = [watching_facilitator(event, socket_client, c) for c in (client, other)]
    client.post("/logout-everywhere")
    assert not any(board.is_connected() for board in boards)


def test_a_socket_whose_login_ended_elsewhere_loses_its_rights_at_the_next_action(
        event, socket_client, client, auth):
    """A reset from the command line without a message queue cannot reach the server's
    sockets: the socket's next staff action checks the login, is refused and closed."""
    auth.login()
    board = watching_facilitator(event, socket_client, client)
    accounts.reset_password("mod@example.org")  # ends the logins, closes nothing
    answer = start_timer(board)
    assert not timer_runs(event)
    assert answer is None or answer["error"] == "forbidden"
    assert not board.is_connected()


def test_a_staff_socket_keeps_working_while_its_login_is_open(event, socket_client, client,
                                                               auth):
    auth.login()
    board = watching_facilitator(event, socket_client, client)
    assert start_timer(board)["ok"] and timer_runs(event)


def test_accounts_stay_active_across_the_upgrade(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    path = tmp_path / "old.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "m"})
    with app.app_context():
        flask_migrate.upgrade(revision="e2b6c0f4a913")  # before logins existed
        db.engine.dispose()
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO facilitators (id, email, name, password_hash, created_at) "
                    "VALUES (1, 'alt@example.org', 'Alt', 'x', '2026-01-01 10:00:00')")
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT active FROM facilitators").fetchall() == [(1,)]
        assert con.execute("SELECT count(*) FROM logins").fetchone() == (0,)
