"""Domain error codes turned into clear messages, in one place."""

from flask_babel import lazy_gettext as _l

from .errors import DomainError

MESSAGES = {
    "empty": _l("Bitte etwas eintragen."),
    "too_long": _l("Der Text ist zu lang (höchstens %(max)s Zeichen)."),
    "too_large": _l("Bitte eine Zahl bis %(max)s angeben."),
    "malformed": _l("Die Anfrage war unvollständig. Bitte die Seite neu laden."),
    "bad_character": _l("Der Text enthält ein Zeichen, das nicht gespeichert werden kann "
                        "(etwa ein halbes Emoji). Bitte das Zeichen löschen."),
    "unknown_event": _l("Diese Anfrage kennt der Server nicht. Bitte die Seite neu laden."),
    "bad_date": _l("Bitte ein gültiges Datum angeben."),
    "photo_empty": _l("Bitte ein Foto auswählen."),
    "photo_too_large": _l("Das Foto ist zu groß (höchstens %(max_mb)s MB)."),
    "photo_not_an_image": _l("Diese Datei ist kein Foto, das sich lesen lässt (JPEG, PNG, "
                             "WebP …)."),
    "photo_too_many": _l("Diese Insel hat schon %(max)s Fotos. Bitte erst eines löschen."),
    "bad_import": _l("Diese Datei ist kein vollständiger JSON-Export von workshop. Bitte die "
                     "Datei aus „Dokumentation → Alles zusammen (JSON)“ hochladen."),
    "bad_email": _l("Bitte eine gültige E-Mail-Adresse angeben."),
    "weak_password": _l("Das Passwort muss mindestens %(min)s Zeichen lang sein."),
    "email_taken": _l("Diese E-Mail-Adresse hat schon ein Konto."),
    "not_found": _l("Nicht gefunden."),
    "library_not_anonymous": _l("Dieses Fallbeispiel könnte eine Familie erkennbar machen. "
                                "Bitte erst die markierten Stellen ändern, dann in die "
                                "Bibliothek übernehmen."),
    "library_has_case": _l("Dieses Fallbeispiel ist schon in der Bibliothek."),
    "sozialraum_taken": _l("Einen Sozialraum mit diesem Namen gibt es schon."),
    "choose_sozialraum": _l("Bitte einen Ihrer Sozialräume wählen."),
    "no_sozialraum": _l("Ihr Konto gehört noch zu keinem Sozialraum. Bitte die Administration "
                        "fragen."),
    "wrong_code": _l("Diesen Zugangscode gibt es nicht. Bitte noch einmal prüfen."),
    "not_joined": _l("Bitte zuerst der Veranstaltung beitreten."),
    "unknown_island": _l("Diese Arbeitsinsel gibt es nicht."),
    "unknown_case": _l("Dieses Fallbeispiel gibt es nicht."),
    "wrong_island": _l("Dieses Fallbeispiel gehört zu einer anderen Arbeitsinsel."),
    "unknown_kind": _l("Bitte Ressource oder Barriere wählen."),
    "unknown_category": _l("Bitte eine Kategorie aus der Liste wählen."),
    "unknown_card": _l("Diese Karte gibt es nicht mehr."),
    "unknown_participant": _l("Diese Person ist nicht (mehr) angemeldet."),
    "confirm_title": _l("Zum Löschen bitte den Titel der Veranstaltung genau so eintippen, "
                        "wie er oben steht."),
    "not_your_card": _l("Nur eigene Karten können geändert werden."),
    "closed": _l("Die Veranstaltung ist abgeschlossen. Es können keine Karten mehr "
                 "geschrieben werden."),
    "phase_no_cards": _l("Karten können nur in der Phase „Sammeln“ geschrieben werden."),
    "unknown_phase": _l("Diese Phase gibt es nicht."),
    "has_cards": _l("Hier gibt es schon Karten. Es kann nicht gelöscht werden."),
    "has_agreements": _l("Hier gibt es schon Vereinbarungen. Es kann nicht gelöscht werden."),
    "forbidden": _l("Dafür fehlt die Berechtigung."),
    "timer_too_long": _l("Der Timer kann höchstens vier Stunden laufen."),
    "too_many_dots": _l("Höchstens 20 Punkte pro Insel."),
    "rotate_needs_islands": _l("Zum Wechseln braucht es mindestens zwei Arbeitsinseln."),
    "unknown_group": _l("Diese Gruppe gibt es nicht mehr."),
    "group_other_case": _l("Nur Karten desselben Fallbeispiels können zusammengefasst werden."),
    "phase_no_votes": _l("Punkte können nur in der Phase „Gewichten“ vergeben werden."),
    "no_dots_left": _l("Sie haben alle Punkte für diese Insel vergeben."),
    "max_dots_per_card": _l("Auf eine Karte passen höchstens %(max)s Punkte von Ihnen."),
    "no_dot_here": _l("Auf dieser Karte ist kein Punkt von Ihnen."),
    "unknown_agreement": _l("Diese Vereinbarung gibt es nicht mehr."),
    "island_full": _l("Diese Arbeitsinsel ist voll. Bitte eine andere wählen."),
    "all_islands_full": _l("Alle Arbeitsinseln sind voll. Bitte an die Moderation wenden."),
    "seated_elsewhere": _l("Der Tisch vom QR-Code ist voll. Sie sitzen jetzt an dieser "
                           "Arbeitsinsel."),
    "islands_assigned": _l("Die Plätze werden heute zugeteilt. Wenn Sie die Insel wechseln "
                           "möchten, sprechen Sie bitte die Moderation an."),
    "unknown_field_of_work": _l("Bitte ein Handlungsfeld aus der Liste wählen."),
    "too_many_logins": _l("Zu viele fehlgeschlagene Anmeldungen. Bitte in ein paar Minuten "
                          "noch einmal versuchen."),
    "too_many_joins": _l("Gerade melden sich sehr viele Handys auf einmal an. Bitte in ein paar "
                         "Sekunden noch einmal versuchen."),
    "too_many_wrong_codes": _l("Zu viele falsche Zugangscodes. Bitte eine Minute warten und "
                               "den Code dann noch einmal prüfen."),
    "too_many_writes": _l("Das war zu schnell hintereinander. Bitte einen Moment warten und "
                          "dann noch einmal versuchen."),
    "unknown_account": _l("Dieses Konto gibt es nicht."),
    "deactivate_self": _l("Das eigene Konto kann hier nicht deaktiviert werden. Bitte eine "
                          "andere Person aus dem Team darum bitten."),
    "bad_retention": _l("WORKSHOP_RETENTION_DAYS muss eine Zahl von Tagen (1 bis 36500) oder "
                        "„off“ sein, nicht „%(value)s“."),
    "server": _l("Etwas ist schiefgegangen. Bitte noch einmal versuchen."),
}

FIELDS = {
    "text": _l("Text"), "detail": _l("Details"), "title": _l("Titel"), "place": _l("Ort"),
    "name": _l("Name"), "label": _l("Bezeichnung"), "situation": _l("Situation"),
    "goal": _l("Wille / Ziel der Familie"), "email": _l("E-Mail"), "password": _l("Passwort"),
    "what": _l("Was"), "who": _l("Wer"), "due": _l("Bis wann"),
    "organisation": _l("Organisation"), "offer": _l("Was ich anbieten kann"),
    "display_name": _l("Name"), "fields_of_work": _l("Handlungsfelder"),
    "capacity": _l("Plätze"), "max_dots_per_card": _l("Höchstens Punkte pro Karte"),
}


def message_for(error: DomainError) -> str:
    """A user-facing message for a domain error, in the current language."""
    template = MESSAGES.get(error.code, MESSAGES["server"])
    text = str(template) % error.params if "%(" in str(template) else str(template)
    field = error.params.get("field")
    if field in FIELDS and error.code in ("empty", "too_long", "too_large", "bad_character"):
        return f"{FIELDS[field]}: {text}"
    return text
