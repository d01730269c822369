"""The island host's board: moderation rights for one island, through a secret link."""

from flask import Blueprint, abort, render_template
from sqlalchemy import select

from ..extensions import db
from ..models import PHASES, Island
from .js_strings import board_strings

bp = Blueprint("host", __name__)


@bp.get("/h/<token>")
def board(token: str):
    """Moderate one island: hide, edit, merge cards and record agreements."""
    island = db.session.scalar(select(Island).where(Island.host_token == token)) or abort(404)
    return render_template("admin/board.html", event=island.event, island=island,
                           phases=PHASES, role="host", watch={"host_token": token},
                           strings=board_strings())
