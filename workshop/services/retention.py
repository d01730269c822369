"""Retention: an event and all its data are deleted a number of days after its date."""

from datetime import date, timedelta

from sqlalchemy import select

from ..errors import DomainError
from ..extensions import db
from ..models import Event
from . import events

DEFAULT_DAYS = 90
OFF = "off"


def retention_days(setting) -> int | None:
    """The configured days (WORKSHOP_RETENTION_DAYS); None when switched off ("off").

    Unset means the documented default; anything else than "off" or a whole number of
    days from 1 on is refused, so a typo never deletes early or silently keeps forever.
    """
    if setting is None or str(setting).strip() == "":
        return DEFAULT_DAYS
    value = str(setting).strip().lower()
    if value == OFF:
        return None
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) <= 36500:
        raise DomainError("bad_retention", value=str(setting))
    return int(value)


def due_events(days: int, today: date) -> list[dict]:
    """Events whose date (or, without one, the day they were created) lies more than `days`
    days before today: {"id", "title", "date"}, oldest first."""
    # A few hundred events at most: their dates are compared here, the same on every database.
    rows = db.session.execute(select(Event.id, Event.title, Event.event_date, Event.created_at)
                              .order_by(Event.id))
    due = []
    for event_id, title, event_date, created_at in rows:
        when = event_date or created_at.date()
        if when < today - timedelta(days=days):
            due.append({"id": event_id, "title": title, "date": when})
    return sorted(due, key=lambda event: (event["date"], event["id"]))


def purge_events(days: int, today: date) -> list[dict]:
    """Delete every due event with all its data (one commit each); returns what went."""
    due = due_events(days, today)
    for event in due:
        events.delete_event(event["id"], event["title"])
    return due
