"""Read side of the islands' photos: plain dicts for pages, the report and the JSON."""

from sqlalchemy import select

from .extensions import db
from .models import Photo
from .queries import iso_utc

_COLUMNS = (Photo.id, Photo.island_id, Photo.width, Photo.height, Photo.uploaded_by,
            Photo.created_at)


def photo_list(event_id: int, island_id: int | None = None) -> list[dict]:
    """The photos of an event (or one island), oldest first, without their bytes."""
    query = select(*_COLUMNS).where(Photo.event_id == event_id)
    if island_id is not None:
        query = query.where(Photo.island_id == island_id)
    return [{"id": row.id, "island_id": row.island_id, "width": row.width,
             "height": row.height, "uploaded_by": row.uploaded_by,
             "created_at": iso_utc(row.created_at)}
            for row in db.session.execute(query.order_by(Photo.id))]


def photo_jpeg(photo_id: int, event_id: int, island_id: int | None = None) -> bytes | None:
    """A photo's JPEG, if it belongs to the event (and the island, for a host)."""
    query = select(Photo.jpeg).where(Photo.id == photo_id, Photo.event_id == event_id)
    if island_id is not None:
        query = query.where(Photo.island_id == island_id)
    return db.session.scalar(query)


def export_photos(event_id: int) -> list[dict]:
    """Every photo with its JPEG, for the report (bytes) and the JSON (base64)."""
    rows = db.session.execute(select(*_COLUMNS, Photo.jpeg).where(Photo.event_id == event_id)
                              .order_by(Photo.id))
    return [{"id": row.id, "island_id": row.island_id, "width": row.width,
             "height": row.height, "uploaded_by": row.uploaded_by,
             "created_at": iso_utc(row.created_at), "jpeg": row.jpeg} for row in rows]

