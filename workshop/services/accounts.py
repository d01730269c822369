"""Facilitator accounts."""

import secrets
from functools import cache

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from .. import validation
from ..database import transaction
from ..errors import DomainError
from ..extensions import db
from ..models import Facilitator

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
        if db.session.scalar(select(Facilitator).where(func.lower(Facilitator.email) == email)):
            raise DomainError("email_taken", field="email")
        account = Facilitator(email=email, name=name,
                              password_hash=generate_password_hash(password))
        db.session.add(account)
    return account


def authenticate(email: str, password: str) -> Facilitator | None:
    """Return the account when email and password match, else None."""
    account = db.session.scalar(
        select(Facilitator).where(func.lower(Facilitator.email) == (email or "").strip().lower()))
    # An unknown email costs the same hash as a known one: the answer time must not tell
    # which addresses have an account.
    matches = check_password_hash(account.password_hash if account else _dummy_hash(),
                                  password or "")
    return account if account and matches else None


@cache
def _dummy_hash() -> str:
    """A hash of a random password, made like the real ones (so it costs the same to check)."""
    return generate_password_hash(secrets.token_hex(16))
