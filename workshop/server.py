"""Production entry point: gevent's WSGI server with websockets (see docs/performance.md).

Start it as `python -m gevent.monkey --module workshop.server`, so the standard library is
patched before anything (the package included) is imported.
"""

import os
import sys

from gevent import monkey
from sqlalchemy import select

from . import create_app, links, message_queue, private_logs
from .config import ConfigError
from .extensions import db, socketio
from .models import Event


def print_addresses(app) -> None:
    """Tell the facilitator where phones and the projector go."""
    with app.test_request_context("/"):
        print("-" * 64)
        print(f"Moderation:  {links.base_url()}/admin/")
        for event in db.session.scalars(select(Event).order_by(Event.id)):
            print(f"{event.title}")
            print(f"  Teilnehmen: {links.join_url(event)}   (Code {event.join_code})")
            print(f"  Beamer:     {links.projector_url(event)}")
        print("-" * 64, flush=True)


def without_websocket_compression(wsgi_app):
    """Decline permessage-deflate, which every browser offers and simple-websocket accepts.

    Card messages are a few hundred bytes, so compressing them saves little bandwidth, but
    each compressed websocket keeps its own zlib state: about 160 KB per phone, 160 MB for
    1000 phones (measured in docs/performance.md).
    """
    def app(environ, start_response):
        environ.pop("HTTP_SEC_WEBSOCKET_EXTENSIONS", None)
        return wsgi_app(environ, start_response)
    return app


# sysexits' EX_CONFIG: the unit's RestartPreventExitStatus stops systemd restarting a worker
# whose settings are wrong (they will not get better by retrying every two seconds).
EXIT_CONFIG = 78


def fail(message: str, status: int = 1) -> None:
    """Stop before serving, with one line for the journal instead of a traceback."""
    print(f"workshop: {message}", file=sys.stderr, flush=True)
    sys.exit(status)


def main() -> None:
    """Serve on 0.0.0.0:$PORT (default 5000)."""
    # WORKSHOP_SERVER_MODE=threading exists only so the benchmark can compare async modes
    # (docs/performance.md); it runs Werkzeug's threaded server and is not for production.
    mode = os.environ.get("WORKSHOP_SERVER_MODE", "gevent")
    if mode not in ("gevent", "threading"):
        sys.exit(f"Unknown WORKSHOP_SERVER_MODE {mode!r}")
    if mode == "gevent" and not monkey.is_module_patched("socket"):
        sys.exit("Start with: python -m gevent.monkey --module workshop.server")
    try:
        app = create_app({"WORKSHOP_ASYNC_MODE": mode})
    except ConfigError as error:
        fail(str(error), EXIT_CONFIG)
    if problem := message_queue.problem(app):
        # Serving anyway would show this worker's phones their own cards while every
        # broadcast to the other workers' screens is silently dropped.
        fail(f"WORKSHOP_REDIS_URL: {problem}; not starting without the message queue")
    app.wsgi_app = without_websocket_compression(app.wsgi_app)
    port = app.config["WORKSHOP_PORT"]
    if not os.environ.get("WORKSHOP_QUIET"):
        print_addresses(app)
    # gevent's log lines would name each phone's address (workshop/private_logs.py).
    private = {"handler_class": private_logs.PrivateHandler} if mode == "gevent" else {}
    socketio.run(app, host=os.environ.get("HOST", "0.0.0.0"), port=port,
                 log_output=bool(os.environ.get("WORKSHOP_ACCESS_LOG")),
                 allow_unsafe_werkzeug=mode == "threading", **private)


if __name__ == "__main__":
    main()
