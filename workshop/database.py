"""Transactions: one writer at a time, short, committed before anything is broadcast."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event as sa_event
from sqlalchemy import update
from sqlalchemy.engine import Engine

from .extensions import db
from .models import Event

# SQLite allows one writer; queueing writers here (a gevent lock after monkey-patching)
# is cheaper than letting them spin on SQLITE_BUSY.
_write_lock = threading.Lock()


@contextmanager
def transaction() -> Iterator[None]:
    """Run a block as one short write transaction; roll back on any error."""
    with _write_lock:
        try:
            yield
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise


def bump_seq(event_id: int) -> int:
    """Advance an event's sequence number inside the current transaction and return it."""
    return db.session.execute(
        update(Event).where(Event.id == event_id).values(seq=Event.seq + 1).returning(Event.seq)
    ).scalar_one()


def configure_sqlite(engine: Engine) -> None:
    """WAL, a busy timeout and enforced foreign keys on every SQLite connection."""
    if engine.dialect.name != "sqlite":
        return

    @sa_event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
