"""Facilitator accounts and their logins: create, sign in, end logins, deactivate."""

import hashlib
import secrets
from datetime import timedelta
from functools import cache

from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from .. import validation
from ..database import transaction
from ..errors import DomainError
from ..extensions import db
from ..models import Facilitator, Login, StaffSocket, utcnow
from . import sozialraeume

MIN_PASSWORD = 10


def create_facilitator(email: str, name: str, password: str) -> Facilitator:
    """Create an account; the password is stored only as a salted scrypt hash."""
    email = validation.text(email, "email", 254).lower()
    name = validation.text(name, "name", 120, required=False) or email
    if "@" not in email:
        raise DomainError("bad_email", field="email")
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise DomainError("weak_password", field="password", min=MIN_PASSWORD)
    with transaction():
        if _by_email(email):
            raise DomainError("email_taken", field="email")
        account = Facilitator(email=email, name=name,
                              password_hash=generate_password_hash(password))
        sozialraeume.join_new_account(account)
    return account


def authenticate(email: str, password: str) -> Facilitator | None:
    """Return the active account when email and password match, else None."""
    account = _by_email(email)
    # An unknown email costs the same hash as a known one: the answer time must not tell
    # which addresses have an account.
    matches = check_password_hash(account.password_hash if account else _dummy_hash(),
                                  password or "")
    return account if account and matches and account.active else None


def start_login(account_id: int, lifetime: timedelta) -> str:
    """Open a login for an account; returns its secret token, which only the cookies keep.

    Logins older than the lifetime are removed on the way, so the table stays small.
    """
    token = secrets.token_urlsafe(32)
    with transaction():
        db.session.execute(delete(Login).where(Login.created_at < utcnow() - lifetime))
        db.session.add(Login(facilitator_id=account_id, token_hash=_hash(token)))
    return token


def signed_in(token, lifetime: timedelta) -> dict | None:
    """The login a cookie's token names, if it is still open, young enough and its account
    active: {"login_id", "account_id", "name", "email", "is_admin"}; else None."""
    if not _well_formed(token):
        return None
    row = db.session.execute(
        select(Login.id, Login.created_at, Facilitator.id, Facilitator.name, Facilitator.email,
               Facilitator.is_admin)
        .join(Facilitator, Facilitator.id == Login.facilitator_id)
        .where(Login.token_hash == _hash(token), Facilitator.active)).first()
    if row is None or row[1] < utcnow() - lifetime:
        return None
    return {"login_id": row[0], "account_id": row[2], "name": row[3], "email": row[4],
            "is_admin": row[5]}


def add_staff_socket(login_id: int, sid: str) -> None:
    """Remember a facilitator's open connection, so ending the login can close it."""
    with transaction():
        if db.session.get(StaffSocket, sid) is None:
            db.session.add(StaffSocket(sid=sid, login_id=login_id))


def end_login(token) -> list[str]:
    """End one login (logout); returns the connections it had open, to be closed."""
    if not _well_formed(token):
        return []
    return _end_logins(Login.token_hash == _hash(token))


def end_all_logins(account_id: int) -> list[str]:
    """End every login of an account ("überall abmelden"); returns its open connections."""
    return _end_logins(Login.facilitator_id == account_id)


def reset_password(email: str) -> tuple[str, list[str]]:
    """Give an account a new generated password and end all its logins.

    Returns the password (shown once) and the connections to be closed.
    """
    password = secrets.token_urlsafe(12)
    with transaction():
        account = _by_email(email)
        if account is None:
            raise DomainError("unknown_account", email=email)
        account.password_hash = generate_password_hash(password)
        account_id = account.id
    return password, end_all_logins(account_id)


def set_active(account_id: int, active: bool, acting_id: int | None = None) -> list[str]:
    """Deactivate (ending all its logins) or reactivate an account.

    Nobody deactivates their own account on a page: the team would have to use the CLI to
    get back in. Returns the connections to be closed.
    """
    with transaction():
        account = db.session.get(Facilitator, account_id)
        if account is None:
            raise DomainError("unknown_account")
        if not active and account_id == acting_id:
            raise DomainError("deactivate_self")
        account.active = active
    return [] if active else end_all_logins(account_id)


def account_id_for(email: str) -> int:
    """The id of the account with this email (any case), or an error."""
    account = _by_email(email)
    if account is None:
        raise DomainError("unknown_account", email=email)
    return account.id


def account_list() -> list[dict]:
    """Every account with its number of open logins, by email."""
    logins = (select(Login.facilitator_id, func.count().label("logins"))
              .group_by(Login.facilitator_id).subquery())
    rows = db.session.execute(
        select(Facilitator, func.coalesce(logins.c.logins, 0))
        .outerjoin(logins, logins.c.facilitator_id == Facilitator.id)
        .order_by(Facilitator.email))
    return [{"id": account.id, "email": account.email, "name": account.name,
             "active": account.active, "logins": count} for account, count in rows]


def _end_logins(condition) -> list[str]:
    with transaction():
        ended = select(Login.id).where(condition)
        sids = list(db.session.scalars(select(StaffSocket.sid)
                                       .where(StaffSocket.login_id.in_(ended))))
        db.session.execute(delete(StaffSocket).where(StaffSocket.login_id.in_(ended)))
        db.session.execute(delete(Login).where(condition))
    return sids


def _by_email(email) -> Facilitator | None:
    if not isinstance(email, str):
        return None
    return db.session.scalar(
        select(Facilitator).where(func.lower(Facilitator.email) == email.strip().lower()))


def _well_formed(token) -> bool:
    return isinstance(token, str) and 0 < len(token) <= 100 and token.isascii()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@cache
def _dummy_hash() -> str:
    """A hash of a random password, made like the real ones (so it costs the same to check)."""
    return generate_password_hash(secrets.token_hex(16))
