"""Running the room: phases, the timer, session settings, rotation between islands."""

from datetime import timedelta

from sqlalchemy import select

from .. import validation
from ..database import bump_seq, transaction
from ..errors import DomainError
from ..extensions import db
from ..models import ASSIGNMENTS, PHASES, PROJECTOR_VIEWS, Event, Participant, utcnow

TIMER_MAX_S = 4 * 3600
DOTS_MAX = 20  # per island, and so per card too


def _event(event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event is None:
        raise DomainError("not_found")
    return event


def set_phase(event_id: int, phase: str) -> Event:
    """Move the whole room to a phase; nothing is deleted or reset."""
    if phase not in PHASES:
        raise DomainError("unknown_phase")
    with transaction():
        event = _event(event_id)
        event.phase = phase
        bump_seq(event_id)
    return event


def remaining_seconds(event: Event) -> int | None:
    """Seconds left on the countdown, or None when no countdown is set."""
    if event.timer_ends_at is not None:
        return max(0, round((event.timer_ends_at - utcnow()).total_seconds()))
    return event.timer_remaining_s


def timer(event_id: int, action: str, seconds=None) -> Event:
    """start (with seconds, or resume when paused), pause, add_minute, stop."""
    with transaction():
        event = _event(event_id)
        now = utcnow()
        if action == "start":
            if seconds is None and event.timer_remaining_s is not None:
                seconds = event.timer_remaining_s
            seconds = validation.integer(seconds, "seconds")
            if seconds > TIMER_MAX_S:
                raise DomainError("timer_too_long")
            event.timer_duration_s = seconds if event.timer_remaining_s is None else (
                event.timer_duration_s)
            event.timer_ends_at, event.timer_remaining_s = now + timedelta(seconds=seconds), None
        elif action == "pause":
            if event.timer_ends_at is not None:
                event.timer_remaining_s = remaining_seconds(event)
                event.timer_ends_at = None
        elif action == "add_minute":
            if event.timer_ends_at is not None:
                event.timer_ends_at += timedelta(seconds=60)
            elif event.timer_remaining_s is not None:
                event.timer_remaining_s += 60
            else:
                event.timer_ends_at = now + timedelta(seconds=60)
            event.timer_duration_s += 60
        elif action == "stop":
            event.timer_ends_at = event.timer_remaining_s = None
        else:
            raise DomainError("malformed", field="action")
        bump_seq(event_id)
    return event


def update_settings(event_id: int, *, premoderation: bool, dots_per_island, max_dots_per_card,
                    assignment: str, fields_of_work: str, projector_view: str) -> Event:
    """Change how the session runs: pre-moderation, dots, island assignment, profile list."""
    dots = validation.integer(dots_per_island, "dots_per_island")
    if dots > DOTS_MAX:
        raise DomainError("too_many_dots")
    max_per_card = None
    if max_dots_per_card not in (None, "", 0, "0"):
        max_per_card = validation.integer(max_dots_per_card, "max_dots_per_card", DOTS_MAX)
    if assignment not in ASSIGNMENTS or projector_view not in PROJECTOR_VIEWS:
        raise DomainError("malformed")
    fields = validation.text(fields_of_work, "fields_of_work", 4000, required=False)
    lines = [line.strip()[:120] for line in fields.splitlines() if line.strip()]
    with transaction():
        event = _event(event_id)
        event.premoderation = bool(premoderation)
        event.dots_per_island, event.max_dots_per_card = dots, max_per_card
        event.assignment, event.projector_view = assignment, projector_view
        event.fields_of_work = "\n".join(dict.fromkeys(lines))
        bump_seq(event_id)
    return event


def rotate(event_id: int) -> int:
    """World Café: every seated participant moves on to the next island; returns how many."""
    with transaction():
        event = _event(event_id)
        order = [island.id for island in event.islands]
        if len(order) < 2:
            raise DomainError("rotate_needs_islands")
        following = {island_id: order[(i + 1) % len(order)] for i, island_id in enumerate(order)}
        moved = 0
        for participant in db.session.scalars(select(Participant).where(
                Participant.event_id == event_id, Participant.island_id.is_not(None))):
            participant.island_id = following[participant.island_id]
            moved += 1
        bump_seq(event_id)
    return moved
