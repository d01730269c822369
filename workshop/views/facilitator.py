"""Facilitator screens: events, their islands, cases and categories, the live view."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import anonymity, links, validation
from ..auth import check_event_in_address, event_or_404
from ..errors import DomainError
from ..extensions import db
from ..library_queries import library_cases, library_sozialraum
from ..live import broadcast
from ..live.rooms import island_staff_room, staff_room, wall_room
from ..messages import message_for
from ..models import PHASES, PROJECTOR_VIEWS, Case, Category, Event, Island
from ..queries import event_state
from ..services import events as service
from ..services import library, running
from ..sozialraum_queries import events_of, for_new_event, is_member, sozialraeume_of
from .js_strings import board_strings

bp = Blueprint("facilitator", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def _require_login():
    """Every screen here is for signed-in facilitators."""


bp.before_request(check_event_in_address)


def _get_or_404(model, object_id):
    """An island, case or category of an event the account may see; else 404."""
    obj = db.session.get(model, object_id) or abort(404)
    event_or_404(obj.island.event_id if model is Case else obj.event_id)
    return obj


def _back(event_id: int, anchor: str, invalid: str | None = None):
    """The preparation page at the section just saved (the page scrolls there and focuses it);
    after a refused change also the name of the field it was about, to mark it there."""
    return redirect(url_for("facilitator.event", event_id=event_id, invalid=invalid,
                            _anchor=anchor))


def _apply(event_id: int, anchor, change, *args, done: str | None = None):
    """Run one preparation change, tell every screen, or show why it was refused.

    `anchor` names the section to come back to; a function of the change's result when
    the section is new (an island just added).
    """
    result = invalid = None
    try:
        result = change(*args)
    except DomainError as error:
        flash(message_for(error), "error")
        invalid = error.params.get("field")
    else:
        broadcast.event_changed(event_id, db.session.get(Event, event_id).seq)
        flash(done or _("Gespeichert."), "info")
    if callable(anchor):
        anchor = anchor(result)
    return _back(event_id, anchor, invalid)


@bp.get("/")
def events():
    """List all events and offer a new one."""
    return render_template("admin/events.html", events=events_of(current_user.id),
                           sozialraeume=sozialraeume_of(current_user.id))


@bp.post("/events")
def create_event():
    """Create an event with default categories, in one of the account's Sozialräume."""
    form = request.form
    try:
        event = service.create_event(current_user.id, form.get("title"),
                                     validation.optional_date(form.get("date")),
                                     form.get("place"),
                                     for_new_event(current_user.id, form.get("sozialraum")))
    except DomainError as error:
        flash(message_for(error), "error")
        return redirect(url_for("facilitator.events"))
    return redirect(url_for("facilitator.event", event_id=event.id))


@bp.get("/events/<int:event_id>")
def event(event_id: int):
    """Prepare an event: details, islands, cases, categories, links."""
    event = event_or_404(event_id)
    # Shown beside each case whose texts could identify a family, whenever the page is shown.
    warnings = {case.id: anonymity.flagged({"title": case.title, "situation": case.situation,
                                            "goal": case.goal})
                for island in event.islands for case in island.cases}
    return render_template("admin/event.html", event=event, phases=PHASES,
                           anonymity_warnings=warnings,
                           library=library_cases(event.sozialraum_id),
                           projector_views=PROJECTOR_VIEWS, join_url=links.join_url(event),
                           projector_url=links.projector_url(event), host_url=links.host_url,
                           island_projector_url=links.island_projector_url)


@bp.post("/events/<int:event_id>")
def update_event(event_id: int):
    """Save title, date and place."""
    form = request.form
    try:
        when = validation.optional_date(form.get("date"))
    except DomainError as error:
        flash(message_for(error), "error")
        return _back(event_id, "details", "date")
    return _apply(event_id, "details", service.update_event, event_id, form.get("title"), when,
                  form.get("place"))


def _apply_state(event_id: int, change, *args, **kwargs):
    """Run one change of how the session runs; every screen follows without reloading."""
    try:
        event = change(*args, **kwargs)
    except DomainError as error:
        flash(message_for(error), "error")
    else:
        broadcast.state_changed(event_id, event_state(event))
        if request.form.get("back") != "live":
            flash(_("Gespeichert."), "info")
    if request.form.get("back") == "live":
        return redirect(url_for("facilitator.live", event_id=event_id))
    return _back(event_id, "running" if request.form.get("back") == "running" else "settings")


@bp.post("/events/<int:event_id>/phase")
def set_phase(event_id: int):
    """Move the room to another phase."""
    event_or_404(event_id)
    return _apply_state(event_id, running.set_phase, event_id, request.form.get("phase"))


@bp.post("/events/<int:event_id>/settings")
def settings(event_id: int):
    """Pre-moderation, dots, island assignment, fields of work, what the projector shows."""
    event_or_404(event_id)
    form = request.form
    return _apply_state(
        event_id, running.update_settings, event_id,
        premoderation=form.get("premoderation") == "on",
        dots_per_island=form.get("dots_per_island"),
        max_dots_per_card=form.get("max_dots_per_card"),
        assignment=form.get("assignment"), fields_of_work=form.get("fields_of_work"),
        projector_view=form.get("projector_view"))


@bp.get("/events/<int:event_id>/table-tents")
def table_tents(event_id: int):
    """Printable A4 sheets, one per island, with the island's own QR code."""
    event = event_or_404(event_id)
    return render_template("admin/table_tents.html", event=event,
                           join_url=links.join_url, short_address=links.short_join_address())


@bp.post("/events/<int:event_id>/islands")
def add_island(event_id: int):
    """Add an island."""
    event_or_404(event_id)
    return _apply(event_id, lambda island: f"island-{island.id}" if island else "add-island",
                  service.add_island, event_id, request.form.get("name"))


@bp.post("/islands/<int:island_id>")
def update_island(island_id: int):
    """Rename an island and set its capacity."""
    island = _get_or_404(Island, island_id)
    return _apply(island.event_id, f"island-{island_id}", service.update_island, island_id,
                  request.form.get("name"),
                  request.form.get("capacity"))


@bp.post("/islands/<int:island_id>/delete")
def delete_island(island_id: int):
    """Delete an empty island."""
    island = _get_or_404(Island, island_id)
    return _apply(island.event_id, "islands", service.delete_island, island_id,
                  done=_("Arbeitsinsel gelöscht."))


@bp.post("/events/<int:event_id>/delete")
def delete_event(event_id: int):
    """Delete an event and all its data, after the title was typed again."""
    event = event_or_404(event_id)
    island_ids = [island.id for island in event.islands]
    try:
        title = service.delete_event(event_id, request.form.get("title"))
    except DomainError as error:
        flash(message_for(error), "error")
        return redirect(url_for("facilitator.event", event_id=event_id) + "#delete")
    # Open screens learn it at once: phones resync and hear the code is gone, staff and
    # projector screens are sent away.
    broadcast.event_changed(event_id, 0)
    rooms = [wall_room(event_id), staff_room(event_id),
             *(island_staff_room(event_id, island_id) for island_id in island_ids)]
    for room in rooms:
        broadcast.link_revoked(room)
    flash(_("Die Veranstaltung „%(title)s“ und alle ihre Daten sind gelöscht.", title=title),
          "info")
    return redirect(url_for("facilitator.events"))


@bp.post("/events/<int:event_id>/projector-link")
def renew_projector_link(event_id: int):
    """A new projector address; projectors on the old one are sent away."""
    event_or_404(event_id)
    service.renew_projector_link(event_id)
    broadcast.link_revoked(wall_room(event_id))
    flash(_("Neuer Beamer-Link erstellt. Der alte funktioniert nicht mehr."), "info")
    return _back(event_id, "running")


@bp.post("/islands/<int:island_id>/host-link")
def renew_host_link(island_id: int):
    """A new host address for an island; hosts on the old one lose their rights."""
    island = _get_or_404(Island, island_id)
    service.renew_host_link(island_id)
    broadcast.link_revoked(island_staff_room(island.event_id, island_id))
    flash(_("Neuer Link für die Insel-Moderation erstellt. Der alte funktioniert nicht mehr."),
          "info")
    return _back(island.event_id, f"island-{island_id}")


@bp.post("/islands/<int:island_id>/cases")
def add_case(island_id: int):
    """Add a case example to an island."""
    island = _get_or_404(Island, island_id)
    form = request.form
    return _apply(island.event_id,
                  lambda case: f"case-{case.id}" if case else f"island-{island_id}",
                  service.add_case, island_id, form.get("title"), form.get("situation"),
                  form.get("goal"))


@bp.post("/cases/<int:case_id>")
def update_case(case_id: int):
    """Edit a case example."""
    case = _get_or_404(Case, case_id)
    form = request.form
    return _apply(case.island.event_id, f"case-{case_id}", service.update_case, case_id,
                  form.get("title"), form.get("situation"), form.get("goal"))


@bp.post("/cases/<int:case_id>/delete")
def delete_case(case_id: int):
    """Delete a case example without cards."""
    case = _get_or_404(Case, case_id)
    return _apply(case.island.event_id, f"island-{case.island_id}", service.delete_case, case_id,
                  done=_("Fallbeispiel gelöscht."))


@bp.post("/cases/<int:case_id>/library")
def keep_in_library(case_id: int):
    """Keep a copy of the case in the Sozialraum's library, for later events."""
    case = _get_or_404(Case, case_id)
    try:
        library.keep(case_id)
    except DomainError as error:
        flash(message_for(error), "error")
    else:
        flash(_("Das Fallbeispiel ist jetzt in der Bibliothek des Sozialraums."), "info")
    return _back(case.island.event_id, f"case-{case_id}")


@bp.post("/islands/<int:island_id>/library")
def take_from_library(island_id: int):
    """A new case on the island, copied from the Sozialraum's library."""
    island = _get_or_404(Island, island_id)
    return _apply(island.event_id,
                  lambda case: f"case-{case.id}" if case else f"island-{island_id}",
                  library.take_over, request.form.get("library_case"), island_id)


@bp.post("/library/<int:library_case_id>/delete")
def remove_from_library(library_case_id: int):
    """Take a case out of the library; the events that used it keep their copy."""
    back = event_or_404(request.form.get("event_id", type=int))
    if not is_member(current_user.id, library_sozialraum(library_case_id)):
        abort(404)
    library.remove(library_case_id)
    flash(_("Aus der Bibliothek entfernt."), "info")
    return _back(back.id, "islands")


@bp.post("/events/<int:event_id>/categories")
def add_category(event_id: int):
    """Add a resource or barrier category."""
    event_or_404(event_id)
    kind = request.form.get("kind")
    anchor = f"add-category-{kind}" if kind in ("resource", "barrier") else "categories"
    return _apply(event_id, anchor, service.add_category, event_id, kind,
                  request.form.get("label"))


@bp.post("/categories/<int:category_id>")
def rename_category(category_id: int):
    """Rename a category."""
    category = _get_or_404(Category, category_id)
    return _apply(category.event_id, f"category-{category_id}", service.rename_category,
                  category_id, request.form.get("label"))


@bp.post("/categories/<int:category_id>/delete")
def delete_category(category_id: int):
    """Delete an unused category."""
    category = _get_or_404(Category, category_id)
    return _apply(category.event_id, "categories", service.delete_category, category_id,
                  done=_("Kategorie gelöscht."))


@bp.get("/events/<int:event_id>/live")
def live(event_id: int):
    """Watch every island's cards arrive."""
    event = event_or_404(event_id)
    if not event.islands:
        flash(_("Noch keine Arbeitsinseln angelegt."), "info")
    return render_template("admin/board.html", event=event, island=None, phases=PHASES,
                           role="facilitator", watch={"event_id": event.id},
                           strings=board_strings(), projector_url=links.projector_url(event))
