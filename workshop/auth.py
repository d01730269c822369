"""Facilitator login sessions (Flask-Login)."""

from flask import Flask

from . import login_throttle
from .extensions import db, login_manager
from .models import Facilitator


def init_auth(app: Flask) -> None:
    """Configure Flask-Login for facilitator accounts."""
    login_manager.init_app(app)
    login_throttle.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None

    @login_manager.user_loader
    def load(user_id: str):
        if not (user_id.isascii() and user_id.isdigit()):  # "²" is a digit to Python
            return None
        return db.session.get(Facilitator, int(user_id))
