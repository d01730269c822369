"""The case library of a Sozialraum: keep an event's case for reuse, take one over."""

from sqlalchemy import select

from .. import anonymity
from ..database import transaction
from ..errors import DomainError
from ..extensions import db
from ..models import Case, Island, LibraryCase
from .events import add_case


def keep(case_id: int) -> LibraryCase:
    """Copy a case into its event's Sozialraum library.

    The library outlives the event (and its deletion after the retention time), so a case
    that could identify a family is refused until it is anonymised.
    """
    case = db.session.get(Case, case_id)
    if case is None:
        raise DomainError("not_found")
    if any(anonymity.find(text) for text in (case.title, case.situation, case.goal)):
        raise DomainError("library_not_anonymous")
    event = case.island.event
    with transaction():
        if db.session.scalar(select(LibraryCase.id).where(
                LibraryCase.sozialraum_id == event.sozialraum_id,
                LibraryCase.title == case.title, LibraryCase.situation == case.situation,
                LibraryCase.goal == case.goal)):
            raise DomainError("library_has_case")
        kept = LibraryCase(sozialraum_id=event.sozialraum_id, title=case.title,
                           situation=case.situation, goal=case.goal, source=event.title)
        db.session.add(kept)
    return kept


def take_over(library_case_id, island_id: int) -> Case:
    """A new case on the island from a library case of the island's own Sozialraum."""
    island = db.session.get(Island, island_id)
    kept = db.session.get(LibraryCase, int(library_case_id)) \
        if str(library_case_id).isdigit() else None
    if island is None or kept is None or kept.sozialraum_id != island.event.sozialraum_id:
        raise DomainError("not_found", field="library_case")
    return add_case(island_id, kept.title, kept.situation, kept.goal)


def remove(library_case_id: int) -> None:
    """Take a case out of the library; cases already taken over stay in their events."""
    with transaction():
        kept = db.session.get(LibraryCase, library_case_id)
        if kept is None:
            raise DomainError("not_found")
        db.session.delete(kept)
