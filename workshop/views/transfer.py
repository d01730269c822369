"""Events from a file or a template: the JSON export imported, an event copied."""

import json

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth import event_or_404
from ..errors import DomainError
from ..messages import message_for
from ..queries import structure
from ..services import event_import
from ..sozialraum_queries import for_new_event, sozialraeume_of

bp = Blueprint("transfer", __name__, url_prefix="/admin")
# A 40-island event with 4000 cards exports to about 5 MB; the app's limit is 2 MB.
IMPORT_MAX_BYTES = 32 * 1024 * 1024


@bp.before_request
@login_required
def _require_login():
    """Only signed-in facilitators make events."""


@bp.get("/import")
def import_form():
    """The upload form for a JSON export (a backup or another installation's event)."""
    return render_template("admin/import.html", sozialraeume=sozialraeume_of(current_user.id))


@bp.post("/import")
def import_upload():
    """Make a new event from an uploaded JSON export."""
    request.max_content_length = IMPORT_MAX_BYTES
    upload = request.files.get("file")
    try:
        data = json.load(upload.stream) if upload else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        data = None
    try:
        event = event_import.import_event(
            data, current_user.id,
            sozialraum_id=for_new_event(current_user.id, request.form.get("sozialraum")))
    except DomainError as error:
        flash(message_for(error), "error")
        return redirect(url_for("transfer.import_form"))
    flash(_("Die Veranstaltung „%(title)s“ ist importiert.", title=event.title), "info")
    return redirect(url_for("facilitator.event", event_id=event.id))


@bp.post("/events/<int:event_id>/copy")
def copy_as_template(event_id: int):
    """A new event with this one's islands, cases, categories and settings, nothing else."""
    event = event_or_404(event_id)
    title = _("%(title)s (Vorlage)", title=event.title)
    copy = event_import.copy_as_template(event, structure(event), title)
    flash(_("Neue Veranstaltung aus der Vorlage angelegt: „%(title)s“. Datum und Titel "
            "bitte anpassen.", title=copy.title), "info")
    return redirect(url_for("facilitator.event", event_id=copy.id))
