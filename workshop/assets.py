"""Static files under a versioned path, so browsers may cache them for a year.

ES modules import each other by relative path, so the version prefix carries over to every
imported module without a bundler.
"""

import hashlib
from pathlib import Path

from flask import Blueprint, Flask, current_app, send_from_directory, url_for

bp = Blueprint("assets", __name__)
YEAR = 365 * 24 * 3600


def _version(static_folder: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(static_folder).rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:10]


@bp.get("/assets/<version>/<path:filename>")
def asset(version: str, filename: str):
    """Serve a static file with a long cache lifetime (the URL changes when files change)."""
    response = send_from_directory(current_app.static_folder, filename, max_age=YEAR)
    # Read the (small) file into memory: Flask-Compress then gzips or brotlis it whole,
    # instead of the streaming path that leaves gzip-only clients uncompressed.
    response.direct_passthrough = False
    body = response.get_data()
    response.close()
    response.set_data(body)
    response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response


def init_app(app: Flask) -> None:
    """Compute the asset version once and offer asset_url() to templates."""
    app.config["WORKSHOP_ASSET_VERSION"] = _version(app.static_folder)
    app.register_blueprint(bp)

    @app.context_processor
    def helpers():
        def asset_url(filename: str) -> str:
            return url_for("assets.asset", version=app.config["WORKSHOP_ASSET_VERSION"],
                           filename=filename)
        return {"asset_url": asset_url}
