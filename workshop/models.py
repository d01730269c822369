"""SQLAlchemy models: the domain words of DESIGN.md as tables."""

from datetime import UTC, date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .codes import new_token
from .extensions import db

KINDS = ("resource", "barrier")
PHASES = ("arrival", "collect", "organise", "vote", "next_steps", "closing")
ASSIGNMENTS = ("choose", "auto")
# What the facilitator can pin on the projector; "island" shows Event.projector_island only.
PROJECTOR_VIEWS = ("auto", "wall", "island", "overview", "room", "ranking", "agreements",
                   "directory")
DEFAULT_FIELDS_OF_WORK = (
    "Offene Kinder- und Jugendarbeit", "Schule / Schulsozialarbeit", "Kita / Kindertagespflege",
    "Beratung (Erziehung, Familie, Schulden, Sucht)", "Kreisjugendamt / ASD",
    "Gemeinde / Verwaltung", "Verein / Ehrenamt / Kirche", "Gesundheit", "Sonstiges",
)


def utcnow() -> datetime:
    """Naive UTC timestamp (SQLite keeps no time zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Facilitator(db.Model):
    """An account that prepares and runs events."""

    __tablename__ = "facilitators"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A deactivated account cannot sign in; its logins ended when it was deactivated.
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    # An installation admin manages Sozialräume and their members; events stay scoped.
    is_admin: Mapped[bool] = mapped_column(default=False, server_default=false())


class Sozialraum(db.Model):
    """A Sozialraum: its events and the team that runs them."""

    __tablename__ = "sozialraeume"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LibraryCase(db.Model):
    """A case example kept in a Sozialraum's library, to be taken over into later events."""

    __tablename__ = "library_cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    sozialraum_id: Mapped[int] = mapped_column(
        ForeignKey("sozialraeume.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    situation: Mapped[str] = mapped_column(Text, default="")
    goal: Mapped[str] = mapped_column(Text, default="")
    # Where it was first told (the event's title), for the choice; the event may be gone.
    source: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Membership(db.Model):
    """A facilitator account in a Sozialraum's team: it sees that Sozialraum's events."""

    __tablename__ = "sozialraum_members"
    sozialraum_id: Mapped[int] = mapped_column(
        ForeignKey("sozialraeume.id", ondelete="CASCADE"), primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(
        ForeignKey("facilitators.id", ondelete="CASCADE"), primary_key=True, index=True)


class Login(db.Model):
    """One sign-in of a facilitator: the cookies name it, so ending it ends them."""

    __tablename__ = "logins"
    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(
        ForeignKey("facilitators.id", ondelete="CASCADE"), index=True)
    # Only a hash: a copy of the database gives no cookie that works.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StaffSocket(db.Model):
    """An open facilitator connection, so ending its login can close it in any worker."""

    __tablename__ = "staff_sockets"
    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    login_id: Mapped[int] = mapped_column(ForeignKey("logins.id", ondelete="CASCADE"),
                                          index=True)


class Event(db.Model):
    """One Sozialraumdialog."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("facilitators.id"))
    sozialraum_id: Mapped[int] = mapped_column(ForeignKey("sozialraeume.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    event_date: Mapped[date | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    projector_token: Mapped[str] = mapped_column(String(64), unique=True)
    # A new event starts at "Ankommen": phones that scan early read, they do not write yet.
    phase: Mapped[str] = mapped_column(String(20), default="arrival")
    premoderation: Mapped[bool] = mapped_column(default=False)
    dots_per_island: Mapped[int] = mapped_column(default=3)
    max_dots_per_card: Mapped[int | None]
    assignment: Mapped[str] = mapped_column(String(10), default="choose")
    fields_of_work: Mapped[str] = mapped_column(Text, default="\n".join(DEFAULT_FIELDS_OF_WORK))
    projector_view: Mapped[str] = mapped_column(String(20), default="auto")
    # The island of the pinned view "island"; no foreign key (islands already point here),
    # a deleted island simply falls back to all islands on the screen.
    projector_island_id: Mapped[int | None]
    # The countdown: running when timer_ends_at is set, paused when timer_remaining_s is.
    timer_duration_s: Mapped[int] = mapped_column(default=0)
    timer_ends_at: Mapped[datetime | None]
    timer_remaining_s: Mapped[int | None]
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
    capacity: Mapped[int | None]
    # The island host's link: moderation rights for this one island.
    host_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    # This island's own projector link: its cards only, never the main projector.
    projector_token: Mapped[str | None] = mapped_column(String(64), unique=True,
                                                        default=new_token)

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
    organisation: Mapped[str | None] = mapped_column(String(120))
    offer: Mapped[str | None] = mapped_column(String(280))
    display_name: Mapped[str | None] = mapped_column(String(80))
    # Name, organisation and offer go to the projector's "Wer ist da?": facilitators can hide
    # them, and with pre-moderation they wait for approval like cards.
    profile_hidden: Mapped[bool] = mapped_column(default=False, server_default=false())
    profile_approved: Mapped[bool] = mapped_column(default=True, server_default=true())
    # When the phone's last connection closed; None while connected. After a grace period
    # (a locked screen, the venue Wi-Fi) it no longer takes a seat or counts in the room.
    left_at: Mapped[datetime | None]
    # The newest connection of the phone: its closing counts as leaving (a reconnect
    # over mobile data opens the new one before the server notices the old one is dead).
    connection_id: Mapped[str | None] = mapped_column(String(64), index=True)
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
    hidden: Mapped[bool] = mapped_column(default=False)
    approved: Mapped[bool] = mapped_column(default=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("card_groups.id", ondelete="SET NULL"))
    rev: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Soft delete keeps the client_id taken, so a late retry cannot resurrect the card.
    deleted_at: Mapped[datetime | None]

    category: Mapped[Category | None] = relationship()


class CardGroup(db.Model):
    """Duplicate or related cards merged under a label; dissolving it restores the cards."""

    __tablename__ = "card_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    island_id: Mapped[int] = mapped_column(ForeignKey("islands.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(280))
    rev: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    dissolved_at: Mapped[datetime | None]


class Vote(db.Model):
    """One dot a participant put on a card (a group's dots sit on its cards)."""

    __tablename__ = "votes"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    island_id: Mapped[int] = mapped_column(ForeignKey("islands.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


agreement_cards = db.Table(
    "agreement_cards",
    db.Column("agreement_id", ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True),
    db.Column("card_id", ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True),
)

agreement_groups = db.Table(
    "agreement_groups",
    db.Column("agreement_id", ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True),
    db.Column("group_id", ForeignKey("card_groups.id", ondelete="CASCADE"), primary_key=True),
)


class Agreement(db.Model):
    """A next step: what, who, by when, and the cards and groups it addresses."""

    __tablename__ = "agreements"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    island_id: Mapped[int] = mapped_column(ForeignKey("islands.id", ondelete="CASCADE"))
    what: Mapped[str] = mapped_column(String(500))
    who: Mapped[str] = mapped_column(String(200), default="")
    due: Mapped[str] = mapped_column(String(100), default="")
    rev: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[datetime | None]

    cards: Mapped[list[Card]] = relationship(secondary=agreement_cards, order_by=Card.id)
    groups: Mapped[list[CardGroup]] = relationship(secondary=agreement_groups,
                                                   order_by=CardGroup.id)


class ModerationLog(db.Model):
    """Who changed what, when: every moderation action, visible to facilitators."""

    __tablename__ = "moderation_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    island_id: Mapped[int | None] = mapped_column(ForeignKey("islands.id", ondelete="SET NULL"))
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Photo(db.Model):
    """A photo of an island's table (flip chart, pin board), re-encoded without metadata."""

    __tablename__ = "photos"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    island_id: Mapped[int] = mapped_column(ForeignKey("islands.id", ondelete="CASCADE"),
                                           index=True)
    # A JPEG as the server wrote it: in the database, so several workers need no shared disk.
    jpeg: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int]
    height: Mapped[int]
    uploaded_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
