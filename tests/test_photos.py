"""Photos of the islands' tables: uploads cleaned of their metadata, limits, the report."""

import base64
import io
import json

import docx
import pytest
from PIL import Image
from pypdf import PdfReader

from workshop.extensions import db
from workshop.models import Event, Photo
from workshop.services import photos

GPS = 0x8825
ORIENTATION = 0x0112


def _jpeg_with_gps(size=(64, 48), orientation=1) -> bytes:
    """A camera-like JPEG: a GPS position, a camera model and an orientation in its EXIF."""
    exif = Image.Exif()
    exif[0x0110] = "Handykamera X"   # model
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS).update({1: "N", 2: (48.0, 3.0, 55.0), 3: "E", 4: (11.0, 39.0, 48.0)})
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1f6f4a").save(buffer, format="JPEG", exif=exif)
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS)  # the test file has it
    return data


def test_a_jpeg_with_gps_comes_out_without_any_metadata():
    jpeg, width, height = photos.clean_jpeg(_jpeg_with_gps())
    image = Image.open(io.BytesIO(jpeg))
    assert image.format == "JPEG" and (width, height) == (64, 48) == image.size
    assert not image.getexif() and not image.getexif().get_ifd(GPS)
    assert b"Exif" not in jpeg and b"Handykamera" not in jpeg


def test_a_turned_photo_is_stored_upright():
    # orientation 6: the camera held upright, the pixels stored lying on their side
    _jpeg, width, height = photos.clean_jpeg(_jpeg_with_gps((64, 48), orientation=6))
    assert (width, height) == (48, 64)


def test_a_big_photo_is_made_smaller():
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), "white").save(buffer, format="PNG")
    _jpeg, width, height = photos.clean_jpeg(buffer.getvalue())
    assert (width, height) == (2400, 1800)


@pytest.mark.parametrize("data, code", [
    (b"", "photo_empty"),
    (b"GIF89a but not really", "photo_not_an_image"),
    (b"%PDF-1.4 a document", "photo_not_an_image"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 200, "photo_not_an_image"),   # a broken JPEG
])
def test_what_is_no_image_is_refused(data, code):
    with pytest.raises(photos.DomainError) as refused:
        photos.clean_jpeg(data)
    assert refused.value.code == code


def test_a_decompression_bomb_is_refused():
    buffer = io.BytesIO()
    Image.new("1", (10000, 10000)).save(buffer, format="PNG")   # 100 MP, a few KB
    with pytest.raises(photos.DomainError) as refused:
        photos.clean_jpeg(buffer.getvalue())
    assert refused.value.code == "photo_not_an_image"


def _upload(client, url, data, island_id=None, name="tafel.jpg"):
    form = {"photo": (io.BytesIO(data), name)}
    if island_id is not None:
        form["island_id"] = str(island_id)
    return client.post(url, data=form, content_type="multipart/form-data",
                       follow_redirects=True)


def test_facilitator_uploads_and_the_stored_photo_has_no_gps(client, auth, event):
    auth.login()
    island = event.islands[1]
    page = _upload(client, f"/admin/events/{event.id}/photos", _jpeg_with_gps(), island.id)
    assert "Foto gespeichert." in page.get_data(as_text=True)
    photo = db.session.scalar(db.select(Photo))
    assert photo.island_id == island.id and photo.uploaded_by == "Moderation: Moderation"
    served = client.get(f"/admin/events/{event.id}/photos/{photo.id}.jpg")
    assert served.mimetype == "image/jpeg" and served.data == photo.jpeg
    assert not Image.open(io.BytesIO(served.data)).getexif()
    html = client.get(f"/admin/events/{event.id}/photos").get_data(as_text=True)
    assert f'src="/admin/events/{event.id}/photos/{photo.id}.jpg"' in html


def test_an_oversized_or_wrong_upload_is_refused_with_a_message(client, auth, event,
                                                                 monkeypatch):
    auth.login()
    url = f"/admin/events/{event.id}/photos"
    island = event.islands[0].id
    text = _upload(client, url, b"kein Bild", island, "notiz.jpg").get_data(as_text=True)
    assert "Diese Datei ist kein Foto, das sich lesen lässt" in text
    monkeypatch.setattr(photos, "MAX_BYTES", 1024 * 1024)
    big = _upload(client, url, b"\xff" * (1200 * 1024), island).get_data(as_text=True)
    assert "Das Foto ist zu groß (höchstens 1 MB)." in big
    assert db.session.scalar(db.select(db.func.count(Photo.id))) == 0


def test_photos_need_login(client, event):
    assert client.get(f"/admin/events/{event.id}/photos").status_code == 302
    assert client.post(f"/admin/events/{event.id}/photos").status_code == 302


def test_island_host_adds_photos_to_their_own_island_only(client, event):
    own, other = event.islands
    url = f"/h/{own.host_token}/photos"
    html = client.get(url).get_data(as_text=True)
    assert own.name in html and other.name not in html
    # the island in the form is ignored: a host's photo goes to the host's island
    _upload(client, url, _jpeg_with_gps(), other.id)
    photo = db.session.scalar(db.select(Photo))
    assert photo.island_id == own.id and photo.uploaded_by == "Insel-Host: Insel A"
    assert client.get(f"{url}/{photo.id}.jpg").status_code == 200
    assert client.get(f"/h/{other.host_token}/photos/{photo.id}.jpg").status_code == 404
    client.post(f"/h/{other.host_token}/photos/{photo.id}/delete", follow_redirects=True)
    assert db.session.get(Photo, photo.id) is not None   # not the other host's
    client.post(f"{url}/{photo.id}/delete")
    assert db.session.scalar(db.select(db.func.count(Photo.id))) == 0
    assert client.get("/h/unknown-token/photos").status_code == 404


def test_photos_are_in_the_report_and_the_json_and_come_back_on_import(client, auth, event):
    auth.login()
    _upload(client, f"/admin/events/{event.id}/photos", _jpeg_with_gps((300, 200)),
            event.islands[0].id)
    document = docx.Document(io.BytesIO(client.get(f"/admin/events/{event.id}/report.docx").data))
    # no one in the room, no dots: the two islands' charts and the photo
    assert len(document.inline_shapes) == 3
    assert "Foto 1 von Insel A" in [p.text for p in document.paragraphs]
    reader = PdfReader(io.BytesIO(client.get(f"/admin/events/{event.id}/report.pdf").data))
    assert sum(len(page.images) for page in reader.pages) == 3
    data = json.loads(client.get(f"/admin/events/{event.id}/export.json").data)
    [photo] = data["photos"]
    assert (photo["width"], photo["height"], photo["content_type"]) == (300, 200, "image/jpeg")
    assert Image.open(io.BytesIO(base64.b64decode(photo["data"]))).size == (300, 200)
    response = client.post("/admin/import", content_type="multipart/form-data", data={
        "file": (io.BytesIO(json.dumps(data).encode()), "export.json")})
    new_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    copied = db.session.scalars(db.select(Photo).where(Photo.event_id == new_id)).all()
    assert [(p.width, p.height) for p in copied] == [(300, 200)]
    assert db.session.get(Event, new_id).islands[0].id == copied[0].island_id
    client.post(f"/admin/events/{event.id}/copy")
    template = db.session.scalar(db.select(Event).order_by(Event.id.desc()))
    assert db.session.scalar(db.select(db.func.count(Photo.id)).where(
        Photo.event_id == template.id)) == 0
