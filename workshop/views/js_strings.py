"""Translated strings the browser scripts need (rendered into a data attribute)."""

from flask_babel import gettext as _


def common_strings() -> dict:
    """Words every live screen uses."""
    return {
        "resource": _("Ressource"), "barrier": _("Barriere"),
        "resources": _("Ressourcen"), "barriers": _("Barrieren"),
        "online": _("Verbunden"), "offline": _("Keine Verbindung – wir versuchen es weiter"),
        "reconnecting": _("Verbinde …"),
        "phase_arrival": _("Ankommen"), "phase_collect": _("Sammeln"),
        "phase_organise": _("Ordnen"), "phase_vote": _("Gewichten"),
        "phase_next_steps": _("Nächste Schritte"), "phase_closing": _("Abschluss"),
        "no_cards": _("Noch keine Karten."),
    }


def phone_strings() -> dict:
    """Words of the participant's phone."""
    return {
        **common_strings(),
        "saved": _("gespeichert"), "pending": _("wird gesendet …"),
        "waiting": _("wartet auf Verbindung – bleibt auf dem Handy gespeichert"),
        "failed": _("nicht gespeichert"),
        "edit": _("Bearbeiten"), "delete": _("Löschen"), "save": _("Speichern"),
        "cancel": _("Abbrechen"), "confirm_delete": _("Diese Karte wirklich löschen?"),
        "mine": _("meine Karte"), "choose_island": _("Arbeitsinsel wählen"),
        "change_island": _("Insel wechseln"),
        "no_islands": _("Noch keine Arbeitsinseln. Bitte kurz warten."),
        "phase_no_cards": _("In dieser Phase werden keine Karten geschrieben."),
        "closed": _("Die Veranstaltung ist abgeschlossen. Danke fürs Mitmachen!"),
        "chars_left": _("Zeichen übrig"), "goal": _("Wille / Ziel der Familie"),
        "situation": _("Situation"), "case": _("Fallbeispiel"),
        "empty": _("Bitte zuerst einen Text eintragen."),
    }


def wall_strings() -> dict:
    """Words of the projector and the facilitator's live view."""
    return {
        **common_strings(), "cards": _("Karten"), "total": _("insgesamt"),
        "card": _("Karte"), "group": _("Gruppe"), "more": _("weitere"),
        "view_wall": _("Alle Karten"), "view_room": _("Wer ist da?"),
        "view_ranking": _("Rangfolge nach Punkten"), "view_agreements": _("Vereinbarungen"),
        "view_summary": _("Zusammenfassung"),
        "time_left": _("Restzeit"), "paused": _("pausiert"), "time_up": _("Die Zeit ist um"),
        "people_here": _("Personen sind da"), "person_here": _("Person ist da"),
        "person": _("Person"), "people": _("Personen"), "by_field": _("Nach Arbeitsfeld"),
        "without_field": _("ohne Angabe"), "nobody_yet": _("Noch niemand da."),
        "offers": _("Das bringen wir mit"), "no_offers": _("Noch keine Angebote."),
        "dot": _("Punkt"), "dots": _("Punkte"), "no_votes": _("Noch keine Punkte vergeben."),
        "top_points": _("Am wichtigsten"), "agreements": _("Vereinbarungen"),
        "no_agreements": _("Noch keine Vereinbarungen."), "who": _("Wer"), "due": _("Bis"),
    }


def board_strings() -> dict:
    """Words of the facilitator's and island host's live board."""
    return {**wall_strings()}
