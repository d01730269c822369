"""Reads of the case library: the kept cases of a Sozialraum."""

from sqlalchemy import select

from .extensions import db
from .models import LibraryCase


def library_cases(sozialraum_id: int) -> list[dict]:
    """The Sozialraum's kept cases by title: {"id", "title", "situation", "goal", "source"}."""
    rows = db.session.scalars(select(LibraryCase).where(
        LibraryCase.sozialraum_id == sozialraum_id).order_by(LibraryCase.title, LibraryCase.id))
    return [{"id": row.id, "title": row.title, "situation": row.situation, "goal": row.goal,
             "source": row.source} for row in rows]


def library_sozialraum(library_case_id: int) -> int | None:
    """The Sozialraum a kept case belongs to (None: no such case)."""
    return db.session.scalar(select(LibraryCase.sozialraum_id).where(
        LibraryCase.id == library_case_id))
