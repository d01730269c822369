"""What in a German case text could identify a family: full names, addresses, phone numbers,
e-mail addresses, exact dates. Pure functions; a warning, never a block.

"Familie A.", "Frau K.", "Jonas (15)", ages and first names alone stay unmarked: a case is
told with them on purpose.
"""

import re
from typing import NamedTuple

KINDS = ("name", "address", "phone", "email", "date")


class Passage(NamedTuple):
    """A passage of the text: text[start:end] is of the kind."""

    start: int
    end: int
    kind: str


# Common given names in German youth and family services (German, Turkish, Arabic, Slavic,
# and other frequent ones); a first name alone is fine, one followed by a surname is not.
FIRST_NAMES = frozenset("""
Adam Ahmad Ahmed Ali Alina Alexander Alexandra Amelie Amir Amina Andrea Andreas Anja Anna Anne
Anton Ayse Ayşe Aylin Ben Benjamin Bernd Birgit Carina Carla Carolin Christian Christina
Claudia Clara Daniel Daniela David Deniz Dennis Dieter Dominik Elias Elif Elena Elisa Ella
Emil Emilia Emily Emine Emir Emma Eric Erik Eva Fabian Fatima Fatma Felix Finn Florian Frank
Franziska Frieda Gabriele Hannah Hanna Hans Heike Helena Hussein Ibrahim Ida Ina Irina Isabel
Jan Jana Janina Jannik Jasmin Jens Jessica Johanna Johannes Jonas Jonathan Josef Josefine
Julia Julian Julius Jürgen Karin Karl Katharina Kathrin Kerstin Kevin Kim Klaus Lara Laura Lea
Leah Lena Leon Leonie Levin Lina Linus Louis Luca Lucas Luis Lukas Luisa Luise Maja Manuel
Marc Marcel Maria Marie Mario Mark Markus Martin Martina Mats Max Maximilian Mehmet Melanie
Merve Mia Michael Michaela Milan Mila Mohamed Mohammed Monika Moritz Mustafa Nadine Natalie
Nele Nick Nico Nicole Niklas Nina Noah Nora Ole Olga Oliver Omar Oskar Patrick Paul Paula Peter
Petra Philipp Rafael Ralf Rebecca Robert Ronja Sabine Sandra Sarah Sara Sascha Sebastian Selin
Simon Sina Sofia Sophia Sophie Stefan Stefanie Stephan Susanne Svenja Sven Tanja Theo Thomas
Tim Timo Tobias Tom Ute Valentina Vanessa Viktoria Yusuf Zeynep
""".split())

# Capitalised words that often follow a first name in a case text and are no surname.
NOT_SURNAMES = frozenset("""
Kontakt Mutter Vater Eltern Oma Opa Schwester Bruder Geschwister Familie Freunde Freundin
Freund Klasse Schule Kita Hilfe Probleme Angst Unterstützung Termin Zeit Lust Ärger Streit
Hausaufgaben Schulden Sorgen Heute Morgen Gestern Seit Danach Dann Aber Und Oder Jetzt Auch
Manchmal Oft Er Sie Es Wir Ihr Frau Herr Herrn Jugendamt Beratung Wohnung
""".split())

_UPPER = "A-ZÄÖÜ"
_LOWER = "a-zäöüß"
_WORD = rf"[{_UPPER}][{_LOWER}]+"
_FIRST = rf"(?:{'|'.join(sorted(FIRST_NAMES, key=len, reverse=True))})(?:-{_WORD})?"
_HOUSE = r"\d{1,3}(?:\s?[a-zA-Z]\b|\b)(?!\s?(?:Jahre|Jahren|J\.|Monate|Kinder|%))"
_DATE = (r"\d{1,2}\.\s?(?:\d{1,2}\.|(?:Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)"
         r"[a-zä]*\.?)\s?(?:19|20)?\d{2}\b")
_STREET_SUFFIX = (r"(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer|steig|pfad"
                  r"|chaussee|markt|berg|hof|feld|graben)")
# "Im Jahr 2015", "In der Klasse 7": such words after "Am/In der" are no street.
_NOT_STREETS = {"Jahr", "Klasse", "Stufe", "Woche", "Monat", "Alter", "Gruppe", "Kita",
                "Schule", "Tag", "Abend", "Morgen", "Wochenende", "Anfang", "Ende"}

_PATTERNS = {
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "phone": re.compile(
        r"(?<![\w.])(?:\+\d{2}|00\d{2}|0)[\s/()-]{0,3}\d[\d\s/()-]{4,}\d(?!\.?\d)"),
    "date": re.compile(rf"\b{_DATE}"),
    "birth": re.compile(rf"\b(?:geb\.|geboren)(?:\s+am)?\s+{_DATE}"),
    "street": re.compile(
        rf"\b(?:[{_UPPER}][\w-]*{_STREET_SUFFIX}|{_WORD}[ -](?:Straße|Str\.|Weg|Gasse|Allee"
        rf"|Platz|Ring))\s*{_HOUSE}"),
    "place": re.compile(
        rf"\b(?:Am|An der|An den|Im|In der|In den|Auf der|Auf dem|Zum|Zur|Hinter der"
        rf"|Unter den|Alte|Alter|Lange|Neue)\s+({_WORD})\s+{_HOUSE}"),
    "titled": re.compile(rf"\b(?:Frau|Herr|Herrn|Familie)\s+({_WORD}(?:-{_WORD})?)\b(?!\.)"),
    "full": re.compile(rf"\b({_FIRST})((?:\s+{_FIRST})*)\s+({_WORD}(?:-{_WORD})?)\b(?!\.)"),
}
_KIND_OF = {"email": "email", "phone": "phone", "date": "date", "birth": "date",
            "street": "address", "place": "address", "titled": "name", "full": "name"}


def _accept(name: str, match: re.Match) -> bool:
    if name == "place":
        return match.group(1) not in _NOT_STREETS
    if name == "titled":
        return match.group(1) not in NOT_SURNAMES
    if name == "full":
        return match.group(3) not in NOT_SURNAMES
    if name == "phone":
        return sum(c.isdigit() for c in match.group()) >= 6
    return True


def find(text: str) -> list[Passage]:
    """The passages of `text` that could identify someone, in order, without overlaps."""
    found = []
    for name, pattern in _PATTERNS.items():
        found += [Passage(m.start(), m.end(), _KIND_OF[name])
                  for m in pattern.finditer(text or "") if _accept(name, m)]
    merged: list[Passage] = []
    for passage in sorted(found, key=lambda p: (p.start, -p.end)):
        if merged and passage.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = last._replace(end=max(last.end, passage.end))
        else:
            merged.append(passage)
    return merged


def flagged(fields: dict[str, str]) -> dict[str, list[tuple[str, str | None]]]:
    """Of named texts (a case's title, situation, goal), those with a passage, as segments."""
    return {name: segments(text) for name, text in fields.items() if find(text)}


def segments(text: str) -> list[tuple[str, str | None]]:
    """The text cut into pieces, each with the kind it was found as (None: unremarkable),
    for a page that marks the passages."""
    pieces, at = [], 0
    for passage in find(text):
        if passage.start > at:
            pieces.append((text[at:passage.start], None))
        pieces.append((text[passage.start:passage.end], passage.kind))
        at = passage.end
    if at < len(text or ""):
        pieces.append((text[at:], None))
    return pieces
