"""Translated strings the browser scripts need (rendered into a data attribute)."""

from flask_babel import gettext as _


def common_strings() -> dict:
    """Words every live screen uses."""
    return {
        "resource": _("Ressource"), "barrier": _("Barriere"),
        "resources": _("Ressourcen"), "barriers": _("Barrieren"),
        "online": _("Verbunden"), "offline": _("Keine Verbindung – wir versuchen es weiter"),
        "reconnecting": _("Verbinde …"),
        "revoked": _("Dieser Link gilt nicht mehr. Bitte den neuen Link der Moderation öffnen."),
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
        "retry": _("Erneut senden"), "to_form": _("Zurück ins Formular"),
        "edit": _("Bearbeiten"), "delete": _("Löschen"), "save": _("Speichern"),
        "cancel": _("Abbrechen"), "confirm_delete": _("Diese Karte wirklich löschen?"),
        "mine": _("meine Karte"), "choose_island": _("Arbeitsinsel wählen"),
        "change_island": _("Insel wechseln"),
        "being_assigned": _("Die Moderation verteilt die Plätze. Erscheint hier gleich keine "
                            "Arbeitsinsel, sprechen Sie bitte die Moderation an."),
        "no_islands": _("Noch keine Arbeitsinseln. Bitte kurz warten."),
        "phase_no_cards": _("In dieser Phase werden keine Karten geschrieben."),
        "closed": _("Die Veranstaltung ist abgeschlossen. Danke fürs Mitmachen!"),
        "chars_left": _("Zeichen übrig"), "goal": _("Wille / Ziel der Familie"),
        "situation": _("Situation"), "case": _("Fallbeispiel"),
        "empty": _("Bitte zuerst einen Text eintragen."),
        "help_arrival": _("Willkommen! Wählen Sie Ihre Arbeitsinsel. Wenn Sie möchten, "
                          "sagen Sie kurz, wer Sie sind."),
        "help_collect": _("Schreiben Sie Ressourcen und Barrieren zum Fallbeispiel."),
        "help_organise": _("Die Moderation fasst ähnliche Karten zu Gruppen zusammen. "
                           "Schauen Sie mit."),
        "help_vote": _("Geben Sie Ihre Punkte den Karten, die Ihnen am wichtigsten sind."),
        "help_next_steps": _("Die Insel hält fest, wer was bis wann tut."),
        "help_closing": _("Danke fürs Mitmachen! Hier sehen Sie die Ergebnisse Ihrer Insel."),
        "phase_step": _("Schritt {n} von {total}"),
        "timer_label": _("Restzeit"), "paused": _("pausiert"),
        "time_up": _("Die Zeit ist um."),
        "timer_running": _("Die Zeit läuft: noch {time}."),
        "timer_paused": _("Die Zeit ist angehalten bei {time}."),
        "my_profile": _("Mein Profil"), "close": _("Schließen"), "ok": _("OK"),
        "profile_saved": _("Ihr Profil ist gespeichert. Danke!"),
        "awaiting_approval": _("wartet auf Freigabe"),
        "groups": _("Gruppen"), "single_cards": _("Einzelne Karten"),
        "group": _("Gruppe"), "cards_in_group": _("{n} Karten"),
        "result": _("Ergebnis der Gewichtung"),
        "dots_left": _("Sie haben noch {left} von {total} Punkten."),
        "vote_add": _("+ Punkt"), "vote_remove": _("− Punkt zurück"),
        "for_item": _("für „{label}“"),
        "points_one": _("1 Punkt"), "points_n": _("{n} Punkte"),
        "my_dots": _("Ihre Punkte: {n}"),
        "agreements": _("Vereinbarungen"), "no_agreements": _("Noch keine Vereinbarungen."),
        "what": _("Was"), "who": _("Wer"), "due": _("Bis wann"),
        "addresses": _("Bezieht sich auf"),
        "moved": _("Sie sind jetzt an der Arbeitsinsel „{name}“."),
        "no_field": _("keine Angabe"), "board": _("Karten und Gruppen"),
        "category": _("Kategorie"), "text": _("Text"), "detail": _("Details"),
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
    return {
        **common_strings(),
        "hide": _("Ausblenden"), "unhide": _("Einblenden"), "approve": _("Freigeben"),
        "edit": _("Bearbeiten"), "delete": _("Löschen"), "save": _("Speichern"),
        "cancel": _("Abbrechen"), "hidden": _("ausgeblendet"),
        "unapproved": _("wartet auf Freigabe"), "votes": _("Punkte"),
        "confirm_delete": _("Diese Karte wirklich löschen? Das lässt sich nicht rückgängig "
                            "machen."),
        "new_group": _("Hierher ziehen: neue Gruppe"),
        "group_label": _("Überschrift der Gruppe"), "rename": _("Umbenennen"),
        "dissolve": _("Gruppe auflösen (rückgängig)"),
        "merge_selected": _("Ausgewählte zusammenfassen"), "select": _("auswählen"),
        "ungrouped": _("Einzelne Karten"),
        "agreements": _("Vereinbarungen"), "what": _("Was?"), "who": _("Wer?"),
        "due": _("Bis wann?"), "linked_cards": _("Bezieht sich auf (Mehrfachauswahl)"),
        "add_agreement": _("Vereinbarung speichern"),
        "save_agreement": _("Änderung speichern"),
        "confirm_rotate": _("Alle Gruppen gehen eine Insel weiter. Fortfahren?"),
        "paused": _("pausiert"), "no_timer": _("–"), "people_here": _("Personen"),
        "log_hide": _("ausgeblendet"), "log_unhide": _("eingeblendet"),
        "log_approve": _("freigegeben"), "log_edit": _("bearbeitet"),
        "log_recategorise": _("neu kategorisiert"), "log_delete": _("gelöscht"),
        "log_group": _("Gruppe gebildet"), "log_group_add": _("zur Gruppe hinzugefügt"),
        "log_group_remove": _("aus Gruppe genommen"), "log_group_rename": _("Gruppe umbenannt"),
        "log_ungroup": _("Gruppe aufgelöst"), "log_agreement": _("Vereinbarung gespeichert"),
        "log_agreement_delete": _("Vereinbarung gelöscht"),
        "log_profile_hide": _("Angebot ausgeblendet"),
        "log_profile_unhide": _("Angebot eingeblendet"),
        "log_profile_approve": _("Angebot freigegeben"),
        "card": _("Karte"),
        "no_offers": _("Noch keine Angebote."),
    }


def projector_strings() -> dict:
    """Words of the projector's paged views and the overview (the board's panel too)."""
    return {
        **wall_strings(),
        "view_island": _("Eine Insel"), "view_overview": _("Überblick über alle Inseln"),
        "view_directory": _("Ressourcenverzeichnis"),
        "no_islands": _("Noch keine Arbeitsinseln."),
        "without_category": _("ohne Kategorie"),
        "no_resources_here": _("Noch keine Ressource in dieser Kategorie."),
        "resources_by_category": _("Ressourcen nach Kategorie"),
        "barriers_by_category": _("Barrieren nach Kategorie"),
        "shared_resources": _("An mehreren Inseln genannt"),
        "no_shared": _("Noch keine Ressource an mehr als einer Insel."),
        "open_barriers": _("Barrieren ohne Ressource"),
        "open_barriers_note": _("Keine Insel hat ihr bisher eine Ressource zugeordnet "
                                "(in einer Gruppe oder einer Vereinbarung)."),
        "no_open": _("Jede Barriere hat eine Ressource."),
        "island_progress": _("So weit sind die Inseln"), "islands": _("Inseln"),
        "col_island": _("Insel"), "col_resources": _("Ressourcen"),
        "col_barriers": _("Barrieren"), "col_groups": _("Gruppen"), "col_dots": _("Punkte"),
        "col_agreements": _("Vereinbarungen"),
    }


def projector_control_strings() -> dict:
    """Words of the board's projector control and overview panel."""
    return {
        **projector_strings(),
        "sending": _("wird gesendet …"), "pinned": _("Der Beamer zeigt jetzt: {view}"),
    }
