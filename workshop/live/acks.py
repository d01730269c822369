"""Socket handlers answer through acknowledgements: {"ok": true, ...} or a clear error."""

import functools
import logging

from ..errors import DomainError
from ..extensions import db
from ..messages import message_for

log = logging.getLogger(__name__)


def payload(data) -> dict:
    """The payload as a dict; anything else is a malformed request."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DomainError("malformed")
    return data


def acknowledged(handler):
    """Run a handler; turn domain errors and crashes into an error ack, never a dead socket."""

    @functools.wraps(handler)
    def wrapper(*args):
        data = args[0] if args else None
        try:
            return {"ok": True, **(handler(payload(data)) or {})}
        except DomainError as error:
            db.session.rollback()
            return {"ok": False, "error": error.code, "message": message_for(error)}
        except Exception:
            db.session.rollback()
            log.exception("socket handler %s failed", handler.__name__)
            return {"ok": False, "error": "server",
                    "message": message_for(DomainError("server"))}

    return wrapper
