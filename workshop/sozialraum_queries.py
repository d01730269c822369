"""Reads of the Sozialraum scoping: which Sozialräume and events an account may see."""

from sqlalchemy import select

from .errors import DomainError
from .extensions import db
from .models import Event, Facilitator, Membership, Sozialraum


def _member_of(account_id: int):
    return select(Membership.sozialraum_id).where(Membership.facilitator_id == account_id)


def visible_event(account_id: int, event_id: int) -> Event | None:
    """The event when it belongs to one of the account's Sozialräume, else None."""
    return db.session.scalar(select(Event).where(
        Event.id == event_id, Event.sozialraum_id.in_(_member_of(account_id))))


def is_member(account_id: int, sozialraum_id: int | None) -> bool:
    """Whether the account belongs to the Sozialraum's team."""
    return sozialraum_id is not None and db.session.get(
        Membership, (sozialraum_id, account_id)) is not None


def events_of(account_id: int) -> list[Event]:
    """The events of the account's Sozialräume, newest first."""
    return list(db.session.scalars(
        select(Event).where(Event.sozialraum_id.in_(_member_of(account_id)))
        .order_by(Event.created_at.desc())))


def sozialraeume_of(account_id: int) -> list[dict]:
    """The account's Sozialräume by name: [{"id", "name"}]."""
    rows = db.session.execute(
        select(Sozialraum.id, Sozialraum.name).where(Sozialraum.id.in_(_member_of(account_id)))
        .order_by(Sozialraum.name))
    return [{"id": row.id, "name": row.name} for row in rows]


def for_new_event(account_id: int, chosen) -> int:
    """The Sozialraum a new event of the account goes to: the chosen one, which must be the
    account's, or its only one."""
    own = [s["id"] for s in sozialraeume_of(account_id)]
    if chosen in (None, "") and len(own) == 1:
        return own[0]
    if str(chosen).isdigit() and int(chosen) in own:
        return int(chosen)
    raise DomainError("choose_sozialraum" if own else "no_sozialraum", field="sozialraum")


def overview() -> dict:
    """For the admin page: every Sozialraum with its members' ids, and every account."""
    members: dict[int, set[int]] = {}
    for row in db.session.execute(select(Membership.sozialraum_id, Membership.facilitator_id)):
        members.setdefault(row.sozialraum_id, set()).add(row.facilitator_id)
    sozialraeume = [{"id": s.id, "name": s.name, "members": members.get(s.id, set())}
                    for s in db.session.scalars(select(Sozialraum).order_by(Sozialraum.name))]
    accounts = [{"id": a.id, "name": a.name, "email": a.email, "active": a.active,
                 "is_admin": a.is_admin}
                for a in db.session.scalars(select(Facilitator).order_by(Facilitator.name))]
    return {"sozialraeume": sozialraeume, "accounts": accounts}
