"""A fresh PostgreSQL schema for a test, on the local server (skips where there is none).

PostgreSQL runs on the development and CI machines (127.0.0.1:5432, database `test`, trust
auth); on a laptop without it the tests that need it skip and say why.
"""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

PG_HOST, PG_PORT, PG_DATABASE, PG_USERS = "127.0.0.1", 5432, "test", ("postgres", "root")


def postgres_user() -> str:
    """The first user that can connect; skip the test when none can."""
    import psycopg
    errors = []
    for user in PG_USERS:
        try:
            with psycopg.connect(host=PG_HOST, port=PG_PORT, dbname=PG_DATABASE, user=user,
                                 connect_timeout=3):
                return user
        except psycopg.Error as error:
            errors.append(f"{user}: {str(error).strip().splitlines()[0]}")
    pytest.skip(f"PostgreSQL at {PG_HOST}:{PG_PORT}/{PG_DATABASE} unreachable: "
                + "; ".join(errors))


@contextmanager
def fresh_schema(prefix: str) -> Iterator[tuple[str, object, str]]:
    """Create a schema, yield (database URL with it as search path, admin connection, name);
    drop it afterwards with everything in it."""
    import psycopg
    user = postgres_user()
    schema = f"{prefix}_{secrets.token_hex(6)}"
    admin = psycopg.connect(host=PG_HOST, port=PG_PORT, dbname=PG_DATABASE, user=user,
                            autocommit=True)
    admin.execute(f'CREATE SCHEMA "{schema}"')
    url = (f"postgresql://{user}@{PG_HOST}:{PG_PORT}/{PG_DATABASE}"
           f"?options=-csearch_path%3D{schema}")
    try:
        yield url, admin, schema
    finally:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()
