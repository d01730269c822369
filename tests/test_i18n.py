"""English through Flask-Babel: pages, socket messages, the browser strings, the catalog."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import flask_babel
import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "workshop" / "translations"
PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")

WRONG_CODE_EN = "This access code does not exist. Please check it and try again."
WRONG_CODE_DE = "Diesen Zugangscode gibt es nicht. Bitte noch einmal prüfen."


def load_catalog():
    with PO.open("rb") as f:
        return read_po(f)


@pytest.fixture(autouse=True)
def compiled_catalog():
    """The .mo is a git-ignored build artefact (`make translations`); build it when stale."""
    if not MO.exists() or MO.stat().st_mtime < PO.stat().st_mtime:
        with MO.open("wb") as f:
            write_mo(f, load_catalog())


def get(client, url):
    """A GET as a fresh request would see it.

    The tests share one app context, so Flask-Babel would keep the first request's
    locale in flask.g; forget it, as a new request in production does.
    """
    flask_babel.refresh()
    return client.get(url)


class DataStrings(HTMLParser):
    """Reads the JSON in <body data-strings='...'>."""

    def __init__(self):
        super().__init__()
        self.strings = None

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.strings = json.loads(dict(attrs)["data-strings"])


def data_strings(html: str) -> dict:
    parser = DataStrings()
    parser.feed(html)
    return parser.strings


# --- pages -------------------------------------------------------------------------------

def test_phone_page_in_english_with_lang_en(client, event):
    response = get(client, f"/j/{event.join_code}?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "New card" in html
    assert "Neue Karte" not in html
    assert "Please do not write names or any details that could identify a family." in html
    assert "we store your cards, a random ID on this device and, only if you fill it in" in html
    assert "lang=en" in response.headers["Set-Cookie"]


def test_phone_page_german_by_default(client, event):
    html = get(client, f"/j/{event.join_code}").get_data(as_text=True)
    assert '<html lang="de">' in html
    assert "Neue Karte" in html
    assert "New card" not in html
    assert "Bitte keine Namen oder Daten schreiben" in html


def test_language_choice_is_remembered_and_can_be_undone(client, event):
    get(client, f"/j/{event.join_code}?lang=en")
    html = get(client, f"/j/{event.join_code}").get_data(as_text=True)
    assert '<html lang="en">' in html and "New card" in html
    html = get(client, f"/j/{event.join_code}?lang=de").get_data(as_text=True)
    assert '<html lang="de">' in html and "Neue Karte" in html


def test_phone_data_strings_are_english(client, event):
    strings = data_strings(get(client, f"/j/{event.join_code}?lang=en").get_data(as_text=True))
    assert strings["resource"] == "Resource"
    assert strings["barrier"] == "Barrier"
    assert strings["change_island"] == "Change island"
    assert strings["choose_island"] == "Choose an island"
    assert strings["goal"] == "The family's wish / goal"
    assert strings["phase_collect"] == "Collecting"


def test_phone_data_strings_are_german_by_default(client, event):
    strings = data_strings(get(client, f"/j/{event.join_code}").get_data(as_text=True))
    assert strings["resource"] == "Ressource"
    assert strings["change_island"] == "Insel wechseln"


def test_wrong_code_on_landing_page_in_english(client):
    response = get(client, "/join?code=NOPE&lang=en")
    assert response.status_code == 404
    assert WRONG_CODE_EN in response.get_data(as_text=True)


# --- sockets -----------------------------------------------------------------------------

def test_socket_error_in_english_with_cookie(client, socket_client):
    client.set_cookie("lang", "en")
    sc = socket_client(client)
    flask_babel.refresh()
    answer = sc.emit("join", {"code": "NOPE"}, callback=True)
    assert answer == {"ok": False, "error": "wrong_code", "message": WRONG_CODE_EN}


def test_socket_error_in_german_without_cookie(client, socket_client):
    sc = socket_client(client)
    flask_babel.refresh()
    answer = sc.emit("join", {"code": "NOPE"}, callback=True)
    assert answer["message"] == WRONG_CODE_DE


# --- the catalog -------------------------------------------------------------------------

def test_every_message_is_translated():
    catalog = load_catalog()
    messages = [m for m in catalog if m.id]
    assert messages
    # A plural entry (ngettext) has a tuple of forms, every one of them translated.
    untranslated = [m.id for m in messages if not all(s.strip() for s in forms(m.string))]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == [] and fuzzy == []
    assert not catalog.obsolete


def test_placeholders_survive_translation():
    for message in load_catalog():
        if message.id:
            wanted = sorted(PLACEHOLDER.findall(forms(message.id)[0]))
            for string in forms(message.string):
                assert sorted(PLACEHOLDER.findall(string)) == wanted, message.id
    # Counted phrases for the browser keep their {n} in every form.
    for message in load_catalog():
        if isinstance(message.id, tuple):
            assert all("{n}" in s for s in (*message.id, *message.string)), message.id


def forms(text) -> tuple:
    """The forms of a catalog string: one, or (singular, plural) for ngettext."""
    return text if isinstance(text, tuple) else (text or "",)


def test_catalog_is_up_to_date_with_sources(tmp_path, monkeypatch):
    """The same extraction as the docs prescribe; every msgid in the sources must be in the .po.

    When this fails: extract, `pybabel update -i workshop/translations/messages.pot
    -d workshop/translations`, translate the new entries, compile.
    """
    pot = tmp_path / "messages.pot"
    monkeypatch.chdir(ROOT)
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", "-k", "_l",
                                "-k", "lazy_gettext", "-o", str(pot), "."])
    with pot.open("rb") as f:
        extracted = [m for m in read_po(f) if m.id]
    assert extracted, "extraction found nothing: check babel.cfg"
    translated = {m.id for m in load_catalog() if m.id}
    assert sorted({m.id for m in extracted} - translated) == []
    sources = {path for m in extracted for path, _line in m.locations}
    assert all(p.startswith(("workshop/", "templates/")) for p in sources), sources
