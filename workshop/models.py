"""SQLAlchemy models: the domain words of DESIGN.md as tables."""

from datetime import UTC, date, datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import db

KINDS = ("resource", "barrier")
PHASES = ("arrival", "collect", "organise", "vote", "next_steps", "closing")


def utcnow() -> datetime:
    """Naive UTC timestamp (SQLite keeps no time zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Facilitator(UserMixin, db.Model):
    """An account that prepares and runs events."""

    __tablename__ = "facilitators"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Event(db.Model):
    """One Sozialraumdialog."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("facilitators.id"))
    title: Mapped[str] = mapped_column(String(200))
    event_date: Mapped[date | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    projector_token: Mapped[str] = mapped_column(String(64), unique=True)
    phase: Mapped[str] = mapped_column(String(20), default="collect")
    # Bumped in the same transaction as every change; snapshots and broadcasts carry it.
    seq: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    islands: Mapped[list["Island"]] = relationship(
        back_populates="event", order_by="Island.position, Island.id",
        cascade="all, delete-orphan")
    categories: Mapped[list["Category"]] = relationship(
        back_populates="event", order_by="Category.position, Category.id",
        cascade="all, delete-orphan")


class Island(db.Model):
    """An Arbeitsinsel (table) of an event."""

    __tablename__ = "islands"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="islands")
    cases: Mapped[list["Case"]] = relationship(
        back_populates="island", order_by="Case.position, Case.id",
        cascade="all, delete-orphan")


class Case(db.Model):
    """A Fallbeispiel on an island."""

    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    island_id: Mapped[int] = mapped_column(ForeignKey("islands.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    situation: Mapped[str] = mapped_column(Text, default="")
    goal: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    island: Mapped[Island] = relationship(back_populates="cases")


class Category(db.Model):
    """A resource or barrier category, configurable per event."""

    __tablename__ = "categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="categories")


class Participant(db.Model):
    """An anonymous phone, known only by a random token."""

    __tablename__ = "participants"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    island_id: Mapped[int | None] = mapped_column(
        ForeignKey("islands.id", ondelete="SET NULL"))
    field_of_work: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Card(db.Model):
    """One resource or barrier contribution on a case."""

    __tablename__ = "cards"
    __table_args__ = (UniqueConstraint("participant_id", "client_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    island_id: Mapped[int] = mapped_column(ForeignKey("islands.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"))
    # Generated on the phone: a retried submit finds the card it already created.
    client_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(10))
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(String(280))
    detail: Mapped[str] = mapped_column(String(500), default="")
    rev: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Soft delete keeps the client_id taken, so a late retry cannot resurrect the card.
    deleted_at: Mapped[datetime | None]

    category: Mapped[Category | None] = relationship()
