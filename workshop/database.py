"""Transactions: one writer at a time, short, committed before anything is broadcast."""

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from sqlalchemy import bindparam, update
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from .extensions import db
from .models import Event

# SQLite allows one writer; queueing writers here (a gevent lock after monkey-patching)
# is cheaper than letting them spin on SQLITE_BUSY, whose busy handler sleeps and so stops
# the whole gevent process. PostgreSQL needs no such lock: its row lock on the event's seq
# orders writers, across worker processes too.
_write_lock = threading.Lock()


def _writers_queue() -> AbstractContextManager:
    return _write_lock if db.engine.dialect.name == "sqlite" else nullcontext()


@contextmanager
def transaction() -> Iterator[None]:
    """Run a block as one short write transaction; roll back on any error."""
    with _writers_queue():
        session = db.session()
        try:
            yield
            _commit_keeping_inserted(session)
        except BaseException:
            session.rollback()
            raise


def _commit_keeping_inserted(session: Session) -> None:
    """Commit; expire what was loaded, as usual, but keep the rows just inserted loaded.

    The caller answers and broadcasts what it inserted (a new card, a participant), whose
    attributes it has just written; reading each back after the commit cost one more query
    per card (docs/performance.md). Everything else expires as before, so relationships and
    rows changed by other statements are read again.
    """
    inserted = set(session.new)
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True
    for obj in list(session.identity_map.values()):
        if obj not in inserted:
            session.expire(obj)


_events = Event.__table__
_BUMP_SEQ = (update(_events).where(_events.c.id == bindparam("event_id"))
             .values(seq=_events.c.seq + 1).returning(_events.c.seq))


def bump_seq(event_id: int) -> int:
    """Advance an event's sequence number inside the current transaction and return it."""
    # A Core UPDATE on the table: the ORM's bulk-update path (synchronising the session by
    # evaluating `seq + 1` in Python) was an eighth of the server's CPU per card under load.
    # A loaded Event is kept in step by hand instead.
    # Built once (_BUMP_SEQ), like the reads of a new card: its cache key is computed once.
    seq = db.session.execute(_BUMP_SEQ, {"event_id": event_id}).scalar_one()
    loaded = db.session.identity_map.get(Session.identity_key(Event, event_id))
    if loaded is not None:
        set_committed_value(loaded, "seq", seq)
    return seq


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
