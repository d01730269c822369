"""Language choice: German by default, English on request (remembered in a cookie)."""

from flask import Flask, request

LANGUAGES = ("de", "en")


def select_locale() -> str:
    """?lang= wins, then the cookie, then German."""
    chosen = request.args.get("lang") or request.cookies.get("lang")
    return chosen if chosen in LANGUAGES else "de"


def init_i18n(app: Flask) -> None:
    """Wire Flask-Babel and remember an explicit choice."""
    from .extensions import babel
    babel.init_app(app, locale_selector=select_locale)

    @app.after_request
    def remember(response):
        lang = request.args.get("lang")
        if lang in LANGUAGES:
            response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="Lax")
        return response

    @app.context_processor
    def language():
        from .views.js_strings import common_strings

        def phase_label(phase: str) -> str:
            return common_strings().get(f"phase_{phase}", phase)

        return {"current_lang": select_locale(), "languages": LANGUAGES,
                "phase_label": phase_label}
