"""workshop: live Arbeitsinseln for Sozialraumdialog events."""

import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import config
from .extensions import compress, csrf, db, migrate, socketio

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then the environment, then test overrides."""
    # The user asked for top-level templates/ and static/ folders beside the package.
    app = Flask(__name__, instance_path=os.environ.get("WORKSHOP_INSTANCE_PATH"),
                template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)
        if "SQLALCHEMY_DATABASE_URI" in test_config:
            app.config["SQLALCHEMY_ENGINE_OPTIONS"] = config.engine_options(
                test_config["SQLALCHEMY_DATABASE_URI"])
    config.secure_cookies(app.config)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    compress.init_app(app)
    from .i18n import init_i18n
    init_i18n(app)
    from .auth import init_auth
    init_auth(app)
    from . import rate_limits
    rate_limits.init_app(app)
    # Handlers must be registered before init_app, which hands them to each new server.
    from .live import phone, wall  # noqa: F401
    # The unbound SocketIO keeps the previous app's Redis manager when this app has no queue
    # (several apps in one process: tests, commands): forget it first.
    socketio.server_options.pop("client_manager", None)
    socketio.init_app(app, message_queue=app.config["WORKSHOP_REDIS_URL"],
                      channel=app.config["WORKSHOP_REDIS_CHANNEL"],
                      async_mode=app.config["WORKSHOP_ASYNC_MODE"],
                      cors_allowed_origins=app.config.get("WORKSHOP_CORS_ORIGINS", []) or None,
                      ping_interval=25, ping_timeout=20)
    from .live.acks import guard_events
    guard_events(socketio.server)
    with app.app_context():
        from .database import configure_sqlite
        configure_sqlite(db.engine)

    from . import assets, cli, private_logs, security
    from .views import (
        auth_views,
        converters,
        errors,
        exports,
        facilitator,
        health,
        host,
        participant,
        photos,
        projector,
        projector_control,
        sozialraeume,
        transfer,
    )
    converters.init_app(app)
    for module in (health, auth_views, facilitator, exports, transfer, photos, host,
                   participant, projector, projector_control, sozialraeume, errors):
        app.register_blueprint(module.bp)
    cli.init_app(app)
    if app.config.get("WORKSHOP_PROXY_COUNT"):
        # Behind nginx: the phone's address (login throttle, logs) and https come from the
        # proxy's X-Forwarded-For / -Proto, trusted for exactly that many proxies.
        hops = app.config["WORKSHOP_PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    assets.init_app(app)
    security.init_app(app)
    private_logs.init_app(app)
    return app
