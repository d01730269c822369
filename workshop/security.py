"""Response headers: a strict Content-Security-Policy and friends on every page."""

import re

from flask import Flask, request

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src {connect}; font-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'none'")
# A host[:port] as browsers send it; anything else (a forged Host) gets 'self' alone.
HOST = re.compile(r"[A-Za-z0-9.-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


def connect_sources() -> str:
    """The page's own origin, for fetches and for the socket.

    'self' covers ws:/wss: to the same host in CSP 3, but older Chromium and Safari
    versions read it as http(s) only, so the socket's origin is also named.
    The scheme and host are the ones the browser used (behind nginx: X-Forwarded-Proto and
    the Host header nginx passes on), so this holds on the public address and behind a proxy.
    """
    host = request.host
    if not HOST.fullmatch(host):
        return "'self'"
    return f"'self' {'wss' if request.is_secure else 'ws'}://{host}"


def init_app(app: Flask) -> None:
    """Attach the security headers and cache rules."""

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy",
                                    CSP.format(connect=connect_sources()))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # Same-origin, not no-referrer: Flask-WTF checks on HTTPS that a form post comes
        # from this site's own pages (its defence against a man-in-the-middle planting a
        # form over plain HTTP), which needs the Referer; other sites still get none, so
        # the tokens in join, projector and host links never leave the installation.
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if not request.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
