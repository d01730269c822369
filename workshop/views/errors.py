"""Error pages in the page's language: an unknown address (404) and a server fault (500)."""

from flask import Blueprint, render_template
from flask_babel import gettext as _

bp = Blueprint("errors", __name__)


def _page(status: int, title: str, text: str):
    return render_template("error.html", title=title, text=text), status


@bp.app_errorhandler(404)
def not_found(_error):
    """An address that leads nowhere: a mistyped link or an event that no longer exists."""
    return _page(404, _("Seite nicht gefunden"),
                 _("Diese Seite gibt es nicht (mehr). Bitte die Adresse prüfen oder den "
                   "QR-Code noch einmal scannen."))


@bp.app_errorhandler(500)
def server_error(_error):
    """A fault on the server (it is logged); the page says what to do instead of a trace."""
    return _page(500, _("Etwas ist schiefgegangen"),
                 _("Auf dem Server ist ein Fehler passiert. Bitte die Seite neu laden. Wenn "
                   "es wieder passiert, bitte an die Moderation wenden."))
