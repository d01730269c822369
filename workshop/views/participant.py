"""What a phone opens: the landing page, the join page of an event or island."""

from flask import Blueprint, Response, redirect, render_template, request, url_for

from .. import links, rate_limits
from ..errors import DomainError
from ..extensions import csrf, db
from ..live import broadcast
from ..messages import message_for
from ..qr import qr_svg
from ..queries import event_state, structure, structure_version
from ..services import cards, participants
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
    shape = structure(event)
    first = {"event": shape, "structure_version": structure_version(shape),
             "state": event_state(event)}
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


@bp.post("/j/<code>/cards")
@csrf.exempt  # no cookie is involved: the phone's token in the body is its only credential
def submit_card(code: str):
    """Phone → server over HTTP, while its socket is still (re)connecting on a slow network.

    The same write as the socket's "card_submit" (exactly once by the card's client id), one
    round trip on a connection the page already has instead of the socket's four. Joins the
    phone first when it has no token yet. Answer: its token and the stored card.
    Broadcast: "card" to the island, the wall and the staff (only when new).
    """
    data = request.get_json(silent=True)
    try:
        if not isinstance(data, dict):
            raise DomainError("malformed")
        participant, _problem = participants.seat_on_arrival(
            participants.join(code, data.get("token"), address=request.remote_addr),
            data.get("island_id"))
        rate_limits.enforce("phone_write", "too_many_writes", participant.id)
        card, created = cards.submit_card(
            participant.id, data.get("client_id"), data.get("case_id"), data.get("kind"),
            data.get("category_id"), data.get("text"), data.get("detail"))
    except DomainError as error:
        db.session.rollback()
        # Answered like the socket's acknowledgement: a refusal is an answer, not a failure.
        return {"ok": False, "error": error.code, "message": message_for(error)}
    return {"ok": True, "token": participant.token,
            "card": broadcast.card_submitted(participant.event_id, card, created)}
