"""What a phone opens: the landing page, the join page of an event or island."""

from flask import Blueprint, Response, redirect, render_template, request, url_for

from .. import links
from ..errors import DomainError
from ..messages import message_for
from ..qr import qr_svg
from ..queries import event_state, structure
from ..services.participants import event_by_code
from .js_strings import phone_strings

bp = Blueprint("participant", __name__)


def _wrong_code(error: DomainError, code: str):
    """The landing page again, saying why the code did not open an event."""
    status = 429 if error.code == "too_many_wrong_codes" else 404
    return render_template("landing.html", error=message_for(error), code=code[:40]), status


@bp.get("/")
def landing():
    """Type a join code by hand."""
    return render_template("landing.html")


@bp.get("/join")
def join_by_code():
    """The typed code: go to the event, or say clearly that it is wrong."""
    code = request.args.get("code", "")
    try:
        event = event_by_code(code, request.remote_addr)
    except DomainError as error:
        return _wrong_code(error, code)
    return redirect(url_for("participant.phone", code=event.join_code))


@bp.get("/j/<code>")
@bp.get("/j/<code>/<int:island_id>")
def phone(code: str, island_id: int | None = None):
    """The participant's page; everything live happens over the socket."""
    try:
        event = event_by_code(code, request.remote_addr)
    except DomainError as error:
        return _wrong_code(error, code)
    if event.join_code != code:
        return redirect(url_for("participant.phone", code=event.join_code, island_id=island_id))
    # The islands and cases come with the page, so a new phone can choose its island and
    # start writing while the live connection is still being set up (slow networks).
    first = {"event": structure(event), "state": event_state(event)}
    return render_template("phone.html", event=event, island_id=island_id,
                           strings=phone_strings(), first=first)


@bp.get("/qr/<code>.svg")
@bp.get("/qr/<code>/<int:island_id>.svg")
def qr(code: str, island_id: int | None = None):
    """The QR code of an event's (or island's) join address."""
    try:
        event = event_by_code(code, request.remote_addr)
    except DomainError as error:
        return Response(status=429 if error.code == "too_many_wrong_codes" else 404)
    response = Response(qr_svg(links.join_url(event, island_id)), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "no-cache"
    return response
