"""The words of the program itself (not of the bank), in German and English.

A bank may be in any language; the program's own words fall back to English when it has
none in the bank's language. :func:`choose_language` picks the language to use.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

UI: dict[str, dict[str, str]] = {
    "en": {
        "result": "Your result",
        "best_fit": "Best fit: {name}",
        "match": "{match}% match",
        "no_result": "Not enough answers for a result yet.",
        "close_call": "Close call: {name} is only {gap} points behind. Both descriptions "
                      "are worth reading.",
        "why": "Why this profile",
        "closest": "Closest to it on",
        "furthest": "Furthest from it on",
        "you_vs": "you {score}, profile {target}",
        "profiles": "How you match each profile",
        "dimensions": "Your dimensions",
        "not_measured": "not measured",
        "tips": "Next steps",
        "industries": "Where it fits",
        "answered": "Answered {answered} of {total} questions.",
        "band_0": "very low",
        "band_1": "low",
        "band_2": "middle",
        "band_3": "high",
        "band_4": "very high",
        "change": "since last time",
        "plain_notice": "pm-quiz: not a terminal, so the quiz runs line by line (--plain).",
        "plain_encoding": "pm-quiz: the terminal's encoding ({encoding}) cannot show the "
                          "full-screen quiz, so it runs line by line (--plain).",
        "plain_keys": "Type the number of your answer and press Enter. b: back, l: language, "
                      "q: quit; an empty line keeps an earlier answer.",
        "plain_prompt": "Your answer (1-{n}, b, q): ",
        "plain_first": "This is the first question.",
        "plain_invalid": "Please type a number from 1 to {n}, b or q.",
        "language_name": "English",
        "start": "Start the quiz",
        "welcome_meta": "{n} questions · about {minutes} minutes · {language}",
        "welcome_keys": "Enter start · ↑↓ choose · l language · ? help · q quit",
        "question_keys": "1-{n} answer · ↑↓ Enter · ← back · → next · l language · ? help · q quit",
        "result_keys": "↑↓ scroll · b back · r start over · e save · l language · ? help · "
                       "q quit",
        "too_small": "The terminal is too small: {width}×{height}. pm-quiz needs at least "
                     "{min_width}×{min_height}. Make the window larger, or press q to quit.",
        "help_title": "Keys",
        "help_close": "Esc, ? or q closes this help.",
        "help_rows": "1 … 9|choose the answer with that number and move on\n"
                     "↑ ↓ and Enter|move the highlight and choose it (the mouse works too)\n"
                     "← or Backspace|back one question, the earlier answer highlighted\n"
                     "→|forward over questions already answered\n"
                     "l|switch the language (your answers stay)\n"
                     "b|on the result: back to revise your answers\n"
                     "r|on the result: start over\n"
                     "e|on the result: save it to a file\n"
                     "Ctrl+P|command palette, e.g. to change the theme\n"
                     "? or F1|this help\n"
                     "q|quit",
        "help_marks": "› marks the highlighted answer, ● the answer you gave earlier.",
        "not_saving": "Progress is not being saved: {reason}",
        "saving_later": "Not saved yet: {reason}; trying again with the next answer.",
        "saved_again": "Saved: the answers that waited are in the store now.",
        "not_saved": "{n} answer(s) could not be saved: {reason}",
        "dropped": "The bank has changed: {n} earlier answer(s) no longer fit and were left "
                   "out: {ids}",
        "resume": "Resume ({answered} of {total} answered)",
        "start_over": "Start over",
        "resume_question": "Resume your unfinished quiz ({answered} of {total} answered)? "
                           "[Y/n] ",
        "export_title": "Save the result",
        "export_hint": "File name; the ending picks the format: .txt .md .json .html .svg",
        "export_exists": "{path} exists. Overwrite it? y / n",
        "export_done": "Saved: {path}",
        "export_backup": "(the old file is kept as {backup})",
        "export_key": "e save",
        "bank_updated": "The questions file changed: the texts are updated.",
        "bank_broken": "The edited questions file has errors; the last good version stays",
        "more_problems": "… and {n} more (pm-quiz validate lists them all)",
        "disclaimer": "A self-assessment, not a verdict: it reflects how you answered today.",
    },
    "de": {
        "result": "Dein Ergebnis",
        "best_fit": "Am besten passt: {name}",
        "match": "{match} % Übereinstimmung",
        "no_result": "Noch nicht genug Antworten für ein Ergebnis.",
        "close_call": "Knappe Sache: {name} liegt nur {gap} Punkte dahinter. Beide "
                      "Beschreibungen lohnen sich.",
        "why": "Warum dieses Profil",
        "closest": "Am nächsten bei",
        "furthest": "Am weitesten entfernt bei",
        "you_vs": "du {score}, Profil {target}",
        "profiles": "Wie gut du zu jedem Profil passt",
        "dimensions": "Deine Dimensionen",
        "not_measured": "nicht gemessen",
        "tips": "Nächste Schritte",
        "industries": "Wo es passt",
        "answered": "{answered} von {total} Fragen beantwortet.",
        "band_0": "sehr gering",
        "band_1": "gering",
        "band_2": "mittel",
        "band_3": "hoch",
        "band_4": "sehr hoch",
        "change": "seit dem letzten Mal",
        "plain_encoding": "pm-quiz: die Zeichenkodierung des Terminals ({encoding}) kann das "
                          "Vollbild-Quiz nicht zeigen, daher läuft es Zeile für Zeile "
                          "(--plain).",
        "plain_notice": "pm-quiz: kein Terminal, daher läuft das Quiz Zeile für Zeile "
                        "(--plain).",
        "plain_keys": "Tippe die Nummer deiner Antwort und drücke Enter. b: zurück, "
                      "l: Sprache, q: beenden; eine leere Zeile behält eine frühere Antwort.",
        "plain_prompt": "Deine Antwort (1-{n}, b, q): ",
        "plain_first": "Das ist die erste Frage.",
        "plain_invalid": "Bitte tippe eine Zahl von 1 bis {n}, b oder q.",
        "language_name": "Deutsch",
        "start": "Quiz starten",
        "welcome_meta": "{n} Fragen · etwa {minutes} Minuten · {language}",
        "welcome_keys": "Enter starten · ↑↓ wählen · l Sprache · ? Hilfe · q beenden",
        "question_keys": "1-{n} antworten · ↑↓ Enter · ← zurück · → vor · l Sprache · "
                         "? Hilfe · q Ende",
        "result_keys": "↑↓ blättern · b zurück · r neu · e speichern · l Sprache · ? Hilfe · "
                       "q Ende",
        "too_small": "Das Terminal ist zu klein: {width}×{height}. pm-quiz braucht mindestens "
                     "{min_width}×{min_height}. Vergrößere das Fenster oder drücke q zum "
                     "Beenden.",
        "help_title": "Tasten",
        "help_close": "Esc, ? oder q schließt die Hilfe.",
        "help_rows": "1 … 9|die Antwort mit dieser Nummer wählen und weiter\n"
                     "↑ ↓ und Enter|Markierung bewegen und wählen (die Maus geht auch)\n"
                     "← oder Rücktaste|eine Frage zurück, die frühere Antwort markiert\n"
                     "→|vor über schon beantwortete Fragen\n"
                     "l|Sprache wechseln (deine Antworten bleiben)\n"
                     "b|im Ergebnis: zurück, um Antworten zu ändern\n"
                     "r|im Ergebnis: neu beginnen\n"
                     "e|im Ergebnis: in eine Datei speichern\n"
                     "Strg+P|Befehlspalette, z. B. für das Farbschema\n"
                     "? oder F1|diese Hilfe\n"
                     "q|beenden",
        "help_marks": "› markiert die gewählte Zeile, ● deine frühere Antwort.",
        "not_saving": "Der Fortschritt wird nicht gespeichert: {reason}",
        "saving_later": "Noch nicht gespeichert: {reason}; neuer Versuch mit der nächsten "
                        "Antwort.",
        "saved_again": "Gespeichert: die wartenden Antworten sind jetzt gesichert.",
        "not_saved": "{n} Antwort(en) konnten nicht gespeichert werden: {reason}",
        "dropped": "Die Fragen wurden geändert: {n} frühere Antwort(en) passen nicht mehr und "
                   "fallen weg: {ids}",
        "resume": "Weitermachen ({answered} von {total} beantwortet)",
        "start_over": "Neu beginnen",
        "resume_question": "Dein angefangenes Quiz fortsetzen ({answered} von {total} "
                           "beantwortet)? [J/n] ",
        "export_title": "Ergebnis speichern",
        "export_hint": "Dateiname; die Endung bestimmt das Format: .txt .md .json .html .svg",
        "export_exists": "{path} gibt es schon. Überschreiben? j / n",
        "export_done": "Gespeichert: {path}",
        "export_backup": "(die alte Datei ist als {backup} aufgehoben)",
        "export_key": "e speichern",
        "bank_updated": "Die Fragendatei wurde geändert: die Texte sind aktualisiert.",
        "bank_broken": "Die geänderte Fragendatei hat Fehler; die letzte gute Fassung bleibt",
        "more_problems": "… und {n} weitere (pm-quiz validate zeigt alle)",
        "disclaimer": "Eine Selbsteinschätzung, kein Urteil: Sie zeigt, wie du heute "
                      "geantwortet hast.",
    },
}


def t(lang: str, key: str, **values: object) -> str:
    """The program's text ``key`` in ``lang`` (English when missing), formatted."""
    table = UI.get(lang) or UI["en"]
    template = table.get(key) or UI["en"][key]
    return template.format(**values) if values else template


#: The decimal mark per language; English (and the fallback) uses a point.
DECIMAL_MARK = {"de": ","}


def number(lang: str, value: float, digits: int = 0) -> str:
    """``value`` rounded to ``digits`` places, written as people of ``lang`` write it."""
    text = f"{value:.{digits}f}"
    return text.replace(".", DECIMAL_MARK.get(lang, "."))


def band(lang: str, score: float) -> str:
    """A word for a 0..100 score, so meaning never rests on colour or bar length alone."""
    return t(lang, f"band_{min(4, int(score // 20))}")


def locale_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language of the user's locale (``de`` for ``de_DE.UTF-8``), or ``None``."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if var == "LANGUAGE":
            value = value.split(":")[0]
        code = value.split(".")[0].split("@")[0].split("_")[0].lower()
        if code and code not in ("c", "posix"):
            return code
        if value:
            return None  # set to C/POSIX: no language preference
    return None


def choose_language(
    bank_languages: Sequence[str],
    requested: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """``--lang``, then ``$PM_QUIZ_LANG``, then the locale, then the bank's first language.

    ``requested`` (from ``--lang``) must be one of the bank's languages; the caller checks
    that and reports it. The environment and locale are used only when the bank has them.
    """
    env = os.environ if environ is None else environ
    if requested:
        return requested
    for candidate in (env.get("PM_QUIZ_LANG"), locale_language(env)):
        if candidate and (candidate in bank_languages or not bank_languages):
            return candidate
    return bank_languages[0] if bank_languages else "en"
