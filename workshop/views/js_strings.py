"""Translated strings the browser scripts need (rendered into a data attribute)."""

from flask_babel import gettext as _
from flask_babel import ngettext


def counted(phrase) -> dict:
    """Both forms of a counted phrase with a {n} placeholder, for static/js/lib/plural.js.

    `phrase` is `lambda n: ngettext(singular, plural, n)`, so extraction finds the words.
    """
    return {"one": phrase(1), "other": phrase(2)}


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
        "yes_delete": _("Ja, löschen"),
        "mine": _("meine Karte"), "choose_island": _("Arbeitsinsel wählen"),
        "change_island": _("Insel wechseln"),
        "being_assigned": _("Die Moderation verteilt die Plätze. Erscheint hier gleich keine "
                            "Arbeitsinsel, sprechen Sie bitte die Moderation an."),
        "no_islands": _("Noch keine Arbeitsinseln. Bitte kurz warten."),
        "phase_no_cards": _("In dieser Phase werden keine Karten geschrieben."),
        "closed": _("Die Veranstaltung ist abgeschlossen. Danke fürs Mitmachen!"),
        "chars_left": counted(lambda n: ngettext("{n} Zeichen übrig", "{n} Zeichen übrig", n)),
        "chars_over": counted(lambda n: ngettext("{n} Zeichen zu viel", "{n} Zeichen zu viel", n)),
        "too_long": counted(lambda n: ngettext(
            "Der Text ist {n} Zeichen zu lang. Höchstens 280 Zeichen: bitte kürzen.",
            "Der Text ist {n} Zeichen zu lang. Höchstens 280 Zeichen: bitte kürzen.", n)),
        "goal": _("Wille / Ziel der Familie"),
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
        "group": _("Gruppe"),
        "cards_in_group": counted(lambda n: ngettext("{n} Karte", "{n} Karten", n)),
        "result": _("Ergebnis der Gewichtung"),
        "dots_left": _("Sie haben noch {left} von {total} Punkten."),
        "vote_add": _("+ Punkt"), "vote_remove": _("− Punkt zurück"),
        "for_item": _("für „{label}“"),
        "points": counted(lambda n: ngettext("{n} Punkt", "{n} Punkte", n)),
        "my_dots": _("Ihre Punkte: {n}"),
        "agreements": _("Vereinbarungen"), "no_agreements": _("Noch keine Vereinbarungen."),
        "what": _("Was"), "who": _("Wer"), "due": _("Bis wann"),
        "addresses": _("Bezieht sich auf"),
        "moved": _("Sie sind jetzt an der Arbeitsinsel „{name}“."),
        "no_field": _("keine Angabe"), "board": _("Karten und Gruppen"),
        "category": _("Kategorie"), "text": _("Text"), "detail": _("Details"),
        "phase": _("Phase"), "your_island": _("Ihre Insel"), "discard": _("Verwerfen"),
        "announce_saved": _("Karte gespeichert."), "announce_edited": _("Karte geändert."),
        "announce_deleted": _("Karte gelöscht."), "announce_discarded": _("Karte verworfen."),
        "announce_voted": _("Punkt vergeben."), "announce_unvoted": _("Punkt zurückgenommen."),
        "refused_todo_collect": _("Senden Sie die Karte erneut, oder holen Sie den Text zurück "
                                  "ins Formular und ändern ihn dort."),
        "refused_todo_later": _("Karten werden nur in der Phase „Sammeln“ angenommen. "
                                "Schreiben Sie sich den Text auf oder zeigen Sie ihn der "
                                "Moderation. Wenn wieder gesammelt wird, senden Sie ihn erneut."),
        "refused_todo_closing": _("Die Veranstaltung ist abgeschlossen. Wenn der Text in die "
                                  "Dokumentation soll, zeigen Sie ihn der Moderation oder "
                                  "schicken Sie ihn ihr."),
        "hidden_by_moderation": _("von der Moderation ausgeblendet"),
        "announce_hidden": _("Eine Ihrer Karten wurde von der Moderation ausgeblendet."),
        "hidden_todo": _("Die anderen sehen diese Karte nicht, auch nicht auf dem Beamer. "
                         "Wenn Sie wissen möchten, warum, fragen Sie die Moderation."),
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
        "person": _("Person"), "people": _("Personen"), "by_field": _("Nach Handlungsfeld"),
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
        "signed_out": _("Abgemeldet: Ihre Anmeldung wurde beendet. Bitte neu anmelden."),
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
        "selected": _("ausgewählt"), "unselect": _("Auswahl aufheben"),
        "selection_cleared": _("Auswahl aufgehoben."),
        "make_group": _("Gruppe bilden"), "group": _("Gruppe"), "groups": _("Gruppen"),
        "cards": _("Karten"), "actions_for": _("Aktionen zur Karte"),
        "actions_for_group": _("Aktionen zur Gruppe"),
        "move_into": _("In die Gruppe"), "take_out": _("Aus der Gruppe nehmen"),
        "new_group_with": _("Neue Gruppe mit dieser Karte"),
        "category": _("Kategorie"), "card_text": _("Text der Karte"), "detail": _("Details"),
        "ungrouped": _("Einzelne Karten"), "all_islands": _("Alle Inseln"),
        "agreements": _("Vereinbarungen"), "what": _("Was?"), "who": _("Wer?"),
        "due": _("Bis wann?"), "linked_cards": _("Bezieht sich auf"),
        "agreement_form": _("Vereinbarung festhalten"),
        "nothing_to_link": _("Noch keine Karten auf dieser Insel."),
        "add_agreement": _("Vereinbarung speichern"),
        "save_agreement": _("Änderung speichern"),
        "confirm_delete_agreement": _("Diese Vereinbarung wirklich löschen?"),
        "paused": _("pausiert"), "no_timer": _("nicht gestartet"),
        "done_hide": _("Karte ausgeblendet."), "done_unhide": _("Karte wieder eingeblendet."),
        "done_approve": _("Karte freigegeben."), "done_delete": _("Karte gelöscht."),
        "done_edit": _("Karte gespeichert."),
        "done_group": _("Gruppe „{name}“ gebildet."),
        "done_rename": _("Die Gruppe heißt jetzt „{name}“."),
        "done_group_add": _("Karte in die Gruppe „{name}“ verschoben."),
        "done_group_remove": _("Karte aus der Gruppe genommen."),
        "done_dissolve": _("Gruppe „{name}“ aufgelöst."),
        "done_agreement": _("Vereinbarung gespeichert."),
        "done_agreement_delete": _("Vereinbarung gelöscht."),
        "done_collapse": _("Alle Inseln eingeklappt."),
        "done_expand": _("Alle Inseln aufgeklappt."),
        "done_phase": _("Phase"), "done_timer_start": _("Der Timer läuft."),
        "done_timer_pause": _("Der Timer ist angehalten."),
        "done_timer_add_minute": _("Eine Minute mehr."),
        "done_timer_stop": _("Der Timer ist gestoppt."),
        "done_rotate": _("Alle Gruppen sind eine Insel weiter."),
        # Log lines: who did what to which card ({what}: its text in quotes, shortened).
        "log_hide": _("{who} hat {what} ausgeblendet"),
        "log_unhide": _("{who} hat {what} wieder eingeblendet"),
        "log_approve": _("{who} hat {what} freigegeben"),
        "log_edit": _("{who} hat {what} bearbeitet"),
        "log_recategorise": _("{who} hat {what} neu eingeordnet"),
        "log_delete": _("{who} hat {what} gelöscht"),
        "log_group": _("{who} hat die Gruppe {what} gebildet"),
        "log_group_add": _("{who} hat {what} in eine Gruppe gelegt"),
        "log_group_remove": _("{who} hat {what} aus einer Gruppe genommen"),
        "log_group_rename": _("{who} hat eine Gruppe in {what} umbenannt"),
        "log_ungroup": _("{who} hat die Gruppe {what} aufgelöst"),
        "log_agreement": _("{who} hat die Vereinbarung {what} gespeichert"),
        "log_agreement_delete": _("{who} hat die Vereinbarung {what} gelöscht"),
        "log_profile_hide": _("{who} hat das Angebot {what} ausgeblendet"),
        "log_profile_unhide": _("{who} hat das Angebot {what} wieder eingeblendet"),
        "log_profile_approve": _("{who} hat das Angebot {what} freigegeben"),
        "quoted": _("„{text}“"),
        "people_count": counted(lambda n: ngettext("{n} Person", "{n} Personen", n)),
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
