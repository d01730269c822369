"""Photos of the islands' tables: facilitators (all islands) and island hosts (their own)."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge

from ..auth import event_or_404
from ..errors import DomainError
from ..extensions import db
from ..messages import message_for
from ..models import Event, Island
from ..photo_queries import photo_jpeg, photo_list
from ..services import photos
from ..services.moderation import Actor

bp = Blueprint("photos", __name__)


def _event(event_id: int) -> Event:
    return event_or_404(event_id)


def _island(token: str) -> Island:
    return db.session.scalar(select(Island).where(Island.host_token == token)) or abort(404)


def _upload(actor: Actor, island_id) -> None:
    """Store the uploaded photo, or say why not; the form's page is shown again either way."""
    request.max_content_length = photos.MAX_BYTES + 64 * 1024
    try:
        upload = request.files.get("photo")
        photos.add(actor, island_id, upload.read() if upload else b"")
    except RequestEntityTooLarge:
        flash(message_for(DomainError("photo_too_large",
                                      max_mb=photos.MAX_BYTES // (1024 * 1024))), "error")
    except DomainError as error:
        flash(message_for(error), "error")
    else:
        flash(_("Foto gespeichert."), "info")


def _delete(actor: Actor, photo_id: int) -> None:
    try:
        photos.delete(actor, photo_id)
    except DomainError as error:
        flash(message_for(error), "error")


def _jpeg(data: bytes | None) -> Response:
    if data is None:
        abort(404)
    return Response(data, mimetype="image/jpeg",
                    headers={"Cache-Control": "private, max-age=3600"})


def _page(event: Event, islands: list[Island], upload_url: str, photo_url, delete_url):
    by_island = {}
    for photo in photo_list(event.id):
        by_island.setdefault(photo["island_id"], []).append(photo)
    return render_template("photos/page.html", event=event, islands=islands,
                           by_island=by_island, upload_url=upload_url, photo_url=photo_url,
                           delete_url=delete_url, max_mb=photos.MAX_BYTES // (1024 * 1024))



@bp.get("/admin/events/<int:event_id>/photos")
@login_required
def event_photos(event_id: int):
    """All islands' photos, with an upload per island."""
    event = _event(event_id)
    return _page(event, event.islands, url_for("photos.event_upload", event_id=event.id),
                 lambda p: url_for("photos.event_jpeg", event_id=event.id, photo_id=p),
                 lambda p: url_for("photos.event_delete", event_id=event.id, photo_id=p))


@bp.post("/admin/events/<int:event_id>/photos")
@login_required
def event_upload(event_id: int):
    """Add a photo to one of the event's islands."""
    event = _event(event_id)
    _upload(Actor(event.id, f"Moderation: {current_user.name}"), request.form.get("island_id"))
    return redirect(url_for("photos.event_photos", event_id=event.id))


@bp.post("/admin/events/<int:event_id>/photos/<int:photo_id>/delete")
@login_required
def event_delete(event_id: int, photo_id: int):
    """Remove a photo."""
    event = _event(event_id)
    _delete(Actor(event.id, f"Moderation: {current_user.name}"), photo_id)
    return redirect(url_for("photos.event_photos", event_id=event.id))


@bp.get("/admin/events/<int:event_id>/photos/<int:photo_id>.jpg")
@login_required
def event_jpeg(event_id: int, photo_id: int):
    """A photo of the event."""
    return _jpeg(photo_jpeg(photo_id, _event(event_id).id))


@bp.get("/h/<token>/photos")
def host_photos(token: str):
    """The host's island's photos, with an upload."""
    island = _island(token)
    return _page(island.event, [island], url_for("photos.host_upload", token=token),
                 lambda p: url_for("photos.host_jpeg", token=token, photo_id=p),
                 lambda p: url_for("photos.host_delete", token=token, photo_id=p))


@bp.post("/h/<token>/photos")
def host_upload(token: str):
    """Add a photo to the host's island."""
    island = _island(token)
    _upload(Actor(island.event_id, f"Insel-Host: {island.name}", island.id), island.id)
    return redirect(url_for("photos.host_photos", token=token))


@bp.post("/h/<token>/photos/<int:photo_id>/delete")
def host_delete(token: str, photo_id: int):
    """Remove a photo of the host's island."""
    island = _island(token)
    _delete(Actor(island.event_id, f"Insel-Host: {island.name}", island.id), photo_id)
    return redirect(url_for("photos.host_photos", token=token))


@bp.get("/h/<token>/photos/<int:photo_id>.jpg")
def host_jpeg(token: str, photo_id: int):
    """A photo of the host's island."""
    island = _island(token)
    return _jpeg(photo_jpeg(photo_id, island.event_id, island.id))
