"""Socket handlers answer through acknowledgements: {"ok": true, ...} or a clear error."""

import functools
import logging

from socketio import packet

from .. import validation
from ..errors import DomainError
from ..extensions import db
from ..messages import message_for

log = logging.getLogger(__name__)

# Names python-socketio and Flask-SocketIO give a meaning of their own (the connection's
# life, send(), the catch-all): a client that emits them must not reach those handlers.
RESERVED_EVENTS = frozenset({"connect", "disconnect", "connect_error", "message", "json", "*"})


def payload(data) -> dict:
    """The payload as a dict; anything else is a malformed request."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DomainError("malformed")
    validation.payload_values(data)
    return data


def refusal(error: DomainError) -> dict:
    """The ack of a refused request, with its message in the client's language.

    A refusal about one field names it, so the form marks that field and ties the message to it.
    """
    answer = {"ok": False, "error": error.code, "message": message_for(error)}
    if error.params.get("field"):
        answer["field"] = error.params["field"]
    return answer


def acknowledged(handler):
    """Run a handler; turn domain errors and crashes into an error ack, never a dead socket."""

    @functools.wraps(handler)
    def wrapper(*args):
        data = args[0] if args else None
        try:
            return {"ok": True, **(handler(payload(data)) or {})}
        except DomainError as error:
            db.session.rollback()
            return refusal(error)
        except Exception:
            db.session.rollback()
            log.exception("socket handler %s failed", handler.__name__)
            return refusal(DomainError("server"))

    return wrapper


def guard_events(server) -> None:
    """Answer what no handler may take, at the door of a python-socketio server.

    An event with a reserved or unknown name (or none) gets an "unknown_event" ack, a packet
    that cannot be decoded (bad JSON, huge numbers, nested too deep for the decoder) a
    "malformed" one, when it asked for an ack; each is one log line, never a traceback, and
    never reaches the connection's own handlers (a client emitting "disconnect").
    """
    handle_event, handle_message = server._handle_event, server._handle_eio_message

    def refuse(eio_sid, namespace, ack_id, code: str) -> None:
        environ = server.environ.get(eio_sid)
        if ack_id is None or not environ:
            return
        with environ["flask.app"].request_context(environ):
            answer = refusal(DomainError(code))
        server._send_packet(eio_sid, server.packet_class(
            packet.ACK, namespace=namespace, id=ack_id, data=[answer]))

    def checked_event(eio_sid, namespace, ack_id, data):
        name = data[0] if isinstance(data, list) and data else None
        handlers = server.handlers.get(namespace or "/", {})
        if isinstance(name, str) and name not in RESERVED_EVENTS and name in handlers:
            return handle_event(eio_sid, namespace, ack_id, data)
        # The repr of a name that is no text could be anything (nested a thousand deep).
        log.warning("refused socket event %.60r",
                    name if isinstance(name, str) else type(name).__name__)
        refuse(eio_sid, namespace, ack_id, "unknown_event")

    def checked_message(eio_sid, data):
        try:
            handle_message(eio_sid, data)
        # What decoding a packet raises (TypeError: a binary frame where text was due).
        except (ValueError, TypeError, RecursionError) as error:
            log.warning("refused malformed socket packet: %s: %.80s",
                        type(error).__name__, error)
            # The packet's type, namespace and ack id come before its JSON: answer them.
            head = server.packet_class()
            try:
                head.decode(data)
            except (ValueError, RecursionError, TypeError):
                pass
            if isinstance(data, str) and data[:1] == str(packet.EVENT):
                refuse(eio_sid, head.namespace, head.id, "malformed")

    server._handle_event, server._handle_eio_message = checked_event, checked_message
    server.eio.on("message", checked_message)  # Engine.IO holds the method it was given
