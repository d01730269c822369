"""Health check for load balancers, monitoring and systemd."""

from flask import Blueprint, current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .. import message_queue
from ..extensions import db

bp = Blueprint("health", __name__)


def _database_problem() -> str | None:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        db.session.rollback()
        return str(error).splitlines()[0]
    return None


@bp.get("/healthz")
def healthz():
    """200 when the database and the message queue (if any) answer, else 503 naming which.

    A worker that cannot reach Redis would serve its own phones but never the other workers'
    screens, so it reports itself unfit rather than half-working.
    """
    problems = {"database": _database_problem(),
                "message_queue": message_queue.problem(current_app)}
    failed = {part: reason for part, reason in problems.items() if reason}
    if failed:
        for part, reason in failed.items():
            current_app.logger.warning("healthz: %s: %s", part, reason)
        return {"status": "unavailable", "failed": sorted(failed)}, 503
    return {"status": "ok"}
