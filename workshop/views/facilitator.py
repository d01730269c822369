"""Facilitator screens: events, their islands, cases and categories, the live view."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from .. import links, validation
from ..errors import DomainError
from ..extensions import db
from ..live import broadcast
from ..messages import message_for
from ..models import PHASES, Case, Category, Event, Island
from ..queries import event_list
from ..services import events as service
from .js_strings import wall_strings

bp = Blueprint("facilitator", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def _require_login():
    """Every screen here is for signed-in facilitators."""


def _get_or_404(model, object_id):
    return db.session.get(model, object_id) or abort(404)


def _apply(event_id: int, change, *args):
    """Run one preparation change, tell every screen, or show why it was refused."""
    try:
        change(*args)
    except DomainError as error:
        flash(message_for(error), "error")
    else:
        broadcast.event_changed(event_id, db.session.get(Event, event_id).seq)
    return redirect(url_for("facilitator.event", event_id=event_id))


@bp.get("/")
def events():
    """List all events and offer a new one."""
    return render_template("admin/events.html", events=event_list())


@bp.post("/events")
def create_event():
    """Create an event with default categories."""
    form = request.form
    try:
        event = service.create_event(None, form.get("title"),
                                     validation.optional_date(form.get("date")),
                                     form.get("place"))
    except DomainError as error:
        flash(message_for(error), "error")
        return redirect(url_for("facilitator.events"))
    return redirect(url_for("facilitator.event", event_id=event.id))


@bp.get("/events/<int:event_id>")
def event(event_id: int):
    """Prepare an event: details, islands, cases, categories, links."""
    event = _get_or_404(Event, event_id)
    return render_template("admin/event.html", event=event, phases=PHASES,
                           join_url=links.join_url(event),
                           projector_url=links.projector_url(event))


@bp.post("/events/<int:event_id>")
def update_event(event_id: int):
    """Save title, date and place."""
    form = request.form
    try:
        when = validation.optional_date(form.get("date"))
    except DomainError as error:
        flash(message_for(error), "error")
        return redirect(url_for("facilitator.event", event_id=event_id))
    return _apply(event_id, service.update_event, event_id, form.get("title"), when,
                  form.get("place"))


@bp.post("/events/<int:event_id>/phase")
def set_phase(event_id: int):
    """Move the room to another phase."""
    _get_or_404(Event, event_id)
    response = _apply(event_id, service.set_phase, event_id, request.form.get("phase"))
    if request.form.get("back") == "live":
        return redirect(url_for("facilitator.live", event_id=event_id))
    return response


@bp.post("/events/<int:event_id>/islands")
def add_island(event_id: int):
    """Add an island."""
    _get_or_404(Event, event_id)
    return _apply(event_id, service.add_island, event_id, request.form.get("name"))


@bp.post("/islands/<int:island_id>")
def rename_island(island_id: int):
    """Rename an island."""
    island = _get_or_404(Island, island_id)
    return _apply(island.event_id, service.rename_island, island_id, request.form.get("name"))


@bp.post("/islands/<int:island_id>/delete")
def delete_island(island_id: int):
    """Delete an empty island."""
    island = _get_or_404(Island, island_id)
    return _apply(island.event_id, service.delete_island, island_id)


@bp.post("/islands/<int:island_id>/cases")
def add_case(island_id: int):
    """Add a case example to an island."""
    island = _get_or_404(Island, island_id)
    form = request.form
    return _apply(island.event_id, service.add_case, island_id, form.get("title"),
                  form.get("situation"), form.get("goal"))


@bp.post("/cases/<int:case_id>")
def update_case(case_id: int):
    """Edit a case example."""
    case = _get_or_404(Case, case_id)
    form = request.form
    return _apply(case.island.event_id, service.update_case, case_id, form.get("title"),
                  form.get("situation"), form.get("goal"))


@bp.post("/cases/<int:case_id>/delete")
def delete_case(case_id: int):
    """Delete a case example without cards."""
    case = _get_or_404(Case, case_id)
    return _apply(case.island.event_id, service.delete_case, case_id)


@bp.post("/events/<int:event_id>/categories")
def add_category(event_id: int):
    """Add a resource or barrier category."""
    _get_or_404(Event, event_id)
    return _apply(event_id, service.add_category, event_id, request.form.get("kind"),
                  request.form.get("label"))


@bp.post("/categories/<int:category_id>")
def rename_category(category_id: int):
    """Rename a category."""
    category = _get_or_404(Category, category_id)
    return _apply(category.event_id, service.rename_category, category_id,
                  request.form.get("label"))


@bp.post("/categories/<int:category_id>/delete")
def delete_category(category_id: int):
    """Delete an unused category."""
    category = _get_or_404(Category, category_id)
    return _apply(category.event_id, service.delete_category, category_id)


@bp.get("/events/<int:event_id>/live")
def live(event_id: int):
    """Watch every island's cards arrive."""
    event = _get_or_404(Event, event_id)
    if not event.islands:
        flash(_("Noch keine Arbeitsinseln angelegt."), "info")
    return render_template("admin/live.html", event=event, phases=PHASES, strings=wall_strings(),
                           join_url=links.join_url(event))
