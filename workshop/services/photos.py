"""Photos of the islands' tables: uploaded by facilitators and island hosts, stored clean.

Every upload is decoded and written anew as a JPEG of at most 2400 pixels a side: what a
phone camera put into the file beside the picture (GPS position, camera, time, a thumbnail)
is not copied, and a file that only claims to be an image is refused.
"""

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import func, select

from .. import validation
from ..database import transaction
from ..errors import DomainError
from ..extensions import db
from ..models import Island, Photo
from .moderation import Actor

MAX_BYTES = 15 * 1024 * 1024  # a phone's full-size photo, with room
MAX_PIXELS = 60_000_000  # beyond a 48 MP camera; bigger ones are decompression bombs
LONG_SIDE = 2400  # sharp on an A4 page and on a projector, a few hundred KB
PER_ISLAND = 30
FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF", "MPO"}


def clean_jpeg(data: bytes) -> tuple[bytes, int, int]:
    """The picture of an upload as a fresh JPEG without metadata, and its size."""
    if not data:
        raise DomainError("photo_empty")
    if len(data) > MAX_BYTES:
        raise DomainError("photo_too_large", max_mb=MAX_BYTES // (1024 * 1024))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in FORMATS or image.width * image.height > MAX_PIXELS:
                    raise DomainError("photo_not_an_image")
                image.load()
                # Turned as the camera meant it, before the orientation tag is dropped.
                upright = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise DomainError("photo_not_an_image") from None
    upright.thumbnail((LONG_SIDE, LONG_SIDE))
    buffer = io.BytesIO()
    upright.save(buffer, format="JPEG", quality=85, optimize=True)  # no exif= : none written
    return buffer.getvalue(), upright.width, upright.height


def add(actor: Actor, island_id, data: bytes) -> Photo:
    """Add a photo to an island (facilitators: any island of the event; hosts: their own)."""
    island = db.session.get(Island, validation.integer(island_id, "island_id"))
    if island is None:
        raise DomainError("unknown_island")
    actor.check(island.event_id, island.id)
    jpeg, width, height = clean_jpeg(data)
    with transaction():
        count = db.session.scalar(select(func.count(Photo.id)).where(
            Photo.island_id == island.id))
        if count >= PER_ISLAND:
            raise DomainError("photo_too_many", max=PER_ISLAND)
        photo = Photo(event_id=island.event_id, island_id=island.id, jpeg=jpeg, width=width,
                      height=height, uploaded_by=actor.name)
        db.session.add(photo)
    return photo


def delete(actor: Actor, photo_id) -> None:
    """Remove a photo."""
    with transaction():
        photo = db.session.get(Photo, validation.integer(photo_id, "photo_id"))
        if photo is None:
            raise DomainError("not_found")
        actor.check(photo.event_id, photo.island_id)
        db.session.delete(photo)
