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
        "match": "{match:.1f}% match",
        "no_result": "Not enough answers for a result yet.",
        "close_call": "Close call: {name} is only {gap:.1f} points behind. Both descriptions "
                      "are worth reading.",
        "why": "Why this profile",
        "closest": "Closest to it on",
        "furthest": "Furthest from it on",
        "you_vs": "you {score:.0f}, profile {target:.0f}",
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
        "plain_keys": "Type the number of your answer and press Enter. b: back, l: language, "
                      "q: quit; an empty line keeps an earlier answer.",
        "plain_prompt": "Your answer (1-{n}, b, q): ",
        "plain_first": "This is the first question.",
        "plain_invalid": "Please type a number from 1 to {n}, b or q.",
        "disclaimer": "A self-assessment, not a verdict: it reflects how you answered today.",
    },
    "de": {
        "result": "Dein Ergebnis",
        "best_fit": "Am besten passt: {name}",
        "match": "{match:.1f} % Übereinstimmung",
        "no_result": "Noch nicht genug Antworten für ein Ergebnis.",
        "close_call": "Knappe Sache: {name} liegt nur {gap:.1f} Punkte dahinter. Beide "
                      "Beschreibungen lohnen sich.",
        "why": "Warum dieses Profil",
        "closest": "Am nächsten bei",
        "furthest": "Am weitesten entfernt bei",
        "you_vs": "du {score:.0f}, Profil {target:.0f}",
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
        "plain_notice": "pm-quiz: kein Terminal, daher läuft das Quiz Zeile für Zeile "
                        "(--plain).",
        "plain_keys": "Tippe die Nummer deiner Antwort und drücke Enter. b: zurück, "
                      "l: Sprache, q: beenden; eine leere Zeile behält eine frühere Antwort.",
        "plain_prompt": "Deine Antwort (1-{n}, b, q): ",
        "plain_first": "Das ist die erste Frage.",
        "plain_invalid": "Bitte tippe eine Zahl von 1 bis {n}, b oder q.",
        "disclaimer": "Eine Selbsteinschätzung, kein Urteil: Sie zeigt, wie du heute "
                      "geantwortet hast.",
    },
}


def t(lang: str, key: str, **values: object) -> str:
    """The program's text ``key`` in ``lang`` (English when missing), formatted."""
    table = UI.get(lang) or UI["en"]
    template = table.get(key) or UI["en"][key]
    return template.format(**values) if values else template


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
