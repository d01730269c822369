"""Static files under a versioned path, so browsers may cache them for a year.

Each file is compressed once, at the strongest level, and kept in memory: a thousand phones
opening the join page at the same moment must not cost a thousand compressions.
"""

import gzip
import hashlib
from functools import lru_cache
from pathlib import Path

import brotli
from flask import Blueprint, Flask, current_app, request, send_from_directory, url_for

bp = Blueprint("assets", __name__)
YEAR = 365 * 24 * 3600


def _version(static_folder: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(static_folder).rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:10]


@lru_cache(maxsize=256)
def _compressed(path: str, mtime_ns: int, encoding: str) -> bytes:
    body = Path(path).read_bytes()
    if encoding == "br":
        return brotli.compress(body, quality=11)
    return gzip.compress(body, compresslevel=9, mtime=0)


@bp.get("/assets/<version>/<path:filename>")
def asset(version: str, filename: str):
    """Serve a static file with a long cache lifetime (the URL changes when files change)."""
    response = send_from_directory(current_app.static_folder, filename, max_age=YEAR)
    path = Path(current_app.static_folder, filename)
    response.direct_passthrough = False
    response.close()  # the file is answered from memory below
    accepted = request.headers.get("Accept-Encoding", "")
    encoding = "br" if "br" in accepted else "gzip" if "gzip" in accepted else None
    if encoding and response.status_code == 200:
        response.set_data(_compressed(str(path), path.stat().st_mtime_ns, encoding))
        response.headers["Content-Encoding"] = encoding
    elif response.status_code == 200:
        response.set_data(path.read_bytes())
    response.headers["Vary"] = "Accept-Encoding"
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
