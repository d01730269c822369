"""Command-line tasks: accounts, retention, the demo event, importing an event."""

import json
import secrets
from datetime import datetime

import click
from flask import Flask
from sqlalchemy import func, select

from .errors import DomainError
from .export import local_zone
from .extensions import db
from .live import broadcast
from .messages import message_for
from .models import Facilitator, Sozialraum
from .services import accounts, retention

DEMO_LOGIN = "moderation@workshop.local"


def init_app(app: Flask) -> None:
    """Register the commands on the app's CLI."""

    def _run(change, *args):
        """Run a service call; a refusal becomes a one-line CLI error."""
        try:
            return change(*args)
        except DomainError as error:
            with app.test_request_context():  # the message's language comes from a request
                raise click.ClickException(message_for(error)) from None

    @app.cli.command("create-facilitator")
    @click.argument("email")
    @click.option("--name", default="", help="Name shown in the app.")
    @click.password_option(help="At least 10 characters.")
    def create_facilitator(email: str, name: str, password: str) -> None:
        """Create a facilitator account."""
        _run(accounts.create_facilitator, email, name, password)
        click.echo(f"Konto angelegt: {email}")

    @app.cli.command("reset-password")
    @click.argument("email")
    def reset_password(email: str) -> None:
        """Give an account a new generated password, print it once, end all its logins."""
        password, sids = _run(accounts.reset_password, email)
        broadcast.connections_closed(sids)
        click.echo(f"Neues Passwort für {email}: {password}")
        click.echo("Alle Anmeldungen dieses Kontos sind beendet.")

    @app.cli.command("deactivate-facilitator")
    @click.argument("email")
    def deactivate_facilitator(email: str) -> None:
        """Lock an account out: it cannot sign in, and its open logins end."""
        sids = _run(lambda: accounts.set_active(accounts.account_id_for(email), False))
        broadcast.connections_closed(sids)
        click.echo(f"Konto deaktiviert: {email}")

    @app.cli.command("activate-facilitator")
    @click.argument("email")
    def activate_facilitator(email: str) -> None:
        """Let a deactivated account sign in again."""
        _run(lambda: accounts.set_active(accounts.account_id_for(email), True))
        click.echo(f"Konto wieder aktiv: {email}")

    @app.cli.command("purge-events")
    @click.option("--dry-run", is_flag=True, help="Only list what would be deleted.")
    def purge_events(dry_run: bool) -> None:
        """Delete events older than WORKSHOP_RETENTION_DAYS after their date (for a timer)."""
        days = _run(retention.retention_days, app.config.get("WORKSHOP_RETENTION_DAYS"))
        if days is None:
            click.echo("Automatisches Löschen ist ausgeschaltet (WORKSHOP_RETENTION_DAYS=off).")
            return
        today = datetime.now(local_zone()[0]).date()  # event dates are days in Germany
        due = (retention.due_events if dry_run else retention.purge_events)(days, today)
        verb = "Würde löschen" if dry_run else "Gelöscht"
        for event in due:
            click.echo(f"{verb}: {event['title']} ({event['date']:%d.%m.%Y})")
        click.echo(f"{len(due)} Veranstaltung(en), deren Datum mehr als {days} Tage "
                   f"zurückliegt.")

    @app.cli.command("seed-demo")
    def seed_demo() -> None:
        """Create the demo event and, on a fresh database, a facilitator login.

        Every start prints the login's e-mail and how to get a new password; the generated
        password itself only the first time (it is stored hashed).
        """
        from .demo import seed_demo as seed
        password = None
        if not db.session.scalar(select(func.count(Facilitator.id))):
            password = secrets.token_urlsafe(12)
            accounts.create_facilitator(DEMO_LOGIN, "Moderation", password)
        emails = db.session.scalars(select(Facilitator.email).order_by(Facilitator.id)).all()
        click.echo("=" * 64)
        click.echo("Moderations-Login:")
        for email in emails:
            click.echo(f"  E-Mail:   {email}")
        if password:
            click.echo(f"  Passwort: {password}   (wird nur dieses eine Mal angezeigt)")
        else:
            click.echo("  Passwort: wurde beim ersten Start angezeigt.")
        click.echo(f"  Neues Passwort: make password EMAIL={emails[0]}")
        click.echo("=" * 64)
        event = seed()
        if event:
            click.echo(f"Demo-Veranstaltung angelegt: {event.title} (Code {event.join_code})")

    @app.cli.command("import-event")
    @click.argument("file", type=click.File("rb"))
    @click.option("--sozialraum", default=None,
                  help="The Sozialraum's name; needed when the installation has several.")
    def import_event(file, sozialraum: str | None) -> None:
        """Import a JSON export (a backup, or an event of another installation) as a new event."""
        from .services.event_import import import_event as load
        sozialraum_id = None
        if sozialraum is not None:
            sozialraum_id = db.session.scalar(
                select(Sozialraum.id).where(Sozialraum.name == sozialraum))
            if sozialraum_id is None:
                raise click.ClickException(f"Einen Sozialraum „{sozialraum}“ gibt es nicht.")
        try:
            event = load(json.load(file), sozialraum_id=sozialraum_id)
        except DomainError as error:
            if error.code == "choose_sozialraum":
                raise click.ClickException(
                    "Es gibt mehrere Sozialräume: bitte mit --sozialraum NAME wählen.") from None
            raise click.ClickException(
                "Das ist kein vollständiger JSON-Export von workshop "
                "(Dokumentation → Alles zusammen, JSON).") from None
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise click.ClickException(
                "Das ist kein vollständiger JSON-Export von workshop "
                "(Dokumentation → Alles zusammen, JSON).") from None
        click.echo(f"Veranstaltung importiert: {event.title} (Code {event.join_code}, "
                   f"Nr. {event.id})")
