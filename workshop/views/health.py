"""Health check for load balancers and systemd."""

from flask import Blueprint
from sqlalchemy import text

from ..extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Answer 200 when the database answers."""
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
