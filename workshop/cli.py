"""Command-line tasks: accounts, the demo event, importing an event."""

import json
import secrets

import click
from flask import Flask
from sqlalchemy import func, select

from .database import transaction
from .errors import DomainError
from .extensions import db
from .models import Facilitator
from .services import accounts

DEMO_LOGIN = "moderation@workshop.local"


def init_app(app: Flask) -> None:
    """Register the commands on the app's CLI."""

    @app.cli.command("create-facilitator")
    @click.argument("email")
    @click.option("--name", default="", help="Name shown in the app.")
    @click.password_option(help="At least 10 characters.")
    def create_facilitator(email: str, name: str, password: str) -> None:
        """Create a facilitator account."""
        try:
            accounts.create_facilitator(email, name, password)
        except DomainError as error:
            raise click.ClickException(f"{error.code}: {error.params}") from None
        click.echo(f"Konto angelegt: {email}")

    @app.cli.command("reset-password")
    @click.argument("email")
    def reset_password(email: str) -> None:
        """Give an account a new generated password and print it once."""
        from werkzeug.security import generate_password_hash
        password = secrets.token_urlsafe(12)
        with transaction():
            account = db.session.scalar(
                select(Facilitator).where(func.lower(Facilitator.email) == email.lower()))
            if account is None:
                raise click.ClickException(f"Kein Konto {email}")
            account.password_hash = generate_password_hash(password)
        click.echo(f"Neues Passwort für {email}: {password}")

    @app.cli.command("seed-demo")
    def seed_demo() -> None:
        """Create the demo event and, on a fresh database, a facilitator login (shown once)."""
        from .demo import seed_demo as seed
        if not db.session.scalar(select(func.count(Facilitator.id))):
            password = secrets.token_urlsafe(12)
            accounts.create_facilitator(DEMO_LOGIN, "Moderation", password)
            click.echo("=" * 64)
            click.echo("Moderations-Login (wird nur dieses eine Mal angezeigt):")
            click.echo(f"  E-Mail:   {DEMO_LOGIN}")
            click.echo(f"  Passwort: {password}")
            click.echo(f"  Vergessen? make password EMAIL={DEMO_LOGIN}")
            click.echo("=" * 64)
        event = seed()
        if event:
            click.echo(f"Demo-Veranstaltung angelegt: {event.title} (Code {event.join_code})")

    @app.cli.command("import-event")
    @click.argument("file", type=click.File("rb"))
    def import_event(file) -> None:
        """Import a JSON export (a backup, or an event of another installation) as a new event."""
        from .services.event_import import import_event as load
        try:
            event = load(json.load(file))
        except (UnicodeDecodeError, json.JSONDecodeError, DomainError):
            raise click.ClickException(
                "Das ist kein vollständiger JSON-Export von workshop "
                "(Dokumentation → Alles zusammen, JSON).") from None
        click.echo(f"Veranstaltung importiert: {event.title} (Code {event.join_code}, "
                   f"Nr. {event.id})")
