"""Sozialräume and their teams: create one, set who is a member."""

from sqlalchemy import delete, func, select

from .. import validation
from ..database import transaction
from ..errors import DomainError
from ..extensions import db
from ..models import Facilitator, Membership, Sozialraum

FIRST_NAME = "Mein Sozialraum"


def only_one_id() -> int | None:
    """Inside a write: the installation's only Sozialraum, made when there is none yet;
    None when there are several (then the admin says who belongs where)."""
    ids = db.session.scalars(select(Sozialraum.id).limit(2)).all()
    if not ids:
        first = Sozialraum(name=FIRST_NAME)
        db.session.add(first)
        db.session.flush()
        return first.id
    return ids[0] if len(ids) == 1 else None


def join_new_account(account: Facilitator) -> None:
    """Inside a write: the first account of an installation is its admin, and on an
    installation with one Sozialraum every new account joins it."""
    account.is_admin = not db.session.scalar(select(func.count()).select_from(Facilitator))
    db.session.add(account)
    db.session.flush()
    sozialraum_id = only_one_id()
    if sozialraum_id is not None:
        db.session.add(Membership(sozialraum_id=sozialraum_id, facilitator_id=account.id))


def create(name: str) -> Sozialraum:
    """A new Sozialraum without events or members."""
    name = validation.text(name, "name", 120)
    with transaction():
        if db.session.scalar(select(Sozialraum.id).where(Sozialraum.name == name)):
            raise DomainError("sozialraum_taken", field="name")
        sozialraum = Sozialraum(name=name)
        db.session.add(sozialraum)
    return sozialraum


def set_members(sozialraum_id: int, account_ids: list[int]) -> None:
    """Make exactly these accounts the Sozialraum's team."""
    if db.session.get(Sozialraum, sozialraum_id) is None:
        raise DomainError("not_found")
    known = set(db.session.scalars(select(Facilitator.id).where(
        Facilitator.id.in_(account_ids))))
    with transaction():
        db.session.execute(delete(Membership).where(Membership.sozialraum_id == sozialraum_id))
        db.session.add_all(Membership(sozialraum_id=sozialraum_id, facilitator_id=account_id)
                           for account_id in sorted(known))
