"""The words of the program itself (not of the bank), in German and English.

A bank may be in any language; the program's own words fall back to English when it has
none in the bank's language. :func:`choose_language` picks the language to use.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

UI: dict[str, dict[str, str]] = {
    "en": {
        "no_clear_fit": "No clear fit",
        "no_clear_fit_why": "Your answers do not point to one profile:",
        "reason_too_few_answers": "Too few questions are answered{where}: a result needs "
                                  "at least two thirds of each skill's questions.",
        "reason_too_few_where": " for {names}",
        "reason_straight_lining": "Every statement got the same answer ({value}), whatever "
                                  "it said.",
        "reason_inconsistent": "Statements about the same skill got contradicting answers "
                               "(inconsistency {value}; above {threshold} reads as chance).",
        "reason_acquiescence": "You agreed with statements and with their opposites alike "
                               "(agreement {value}; above {threshold}).",
        "reason_nay_saying": "You disagreed with statements and with their opposites alike "
                             "(agreement {value}; below {threshold}).",
        "reason_no_fit": "No profile resembles the pattern of your answers: the closest "
                         "matches {value}%, below the {threshold}% a fit needs.",
        "unclear_hint": "The numbers below are not a result. Answering each statement as it "
                        "applies to you gives one.",
        "close_call_both": "Close call: {name} fits almost as well ({gap} points behind). "
                           "Both descriptions are worth reading.",
        "fit_strong": "a strong fit",
        "fit_moderate": "a moderate fit",
        "fit_weak": "a weak fit",
        "shape_note": "Matching compares the pattern of your scores (which are high, which "
                      "low), not their level.",
        "earlier_rule": "Scored with an earlier rule, without the checks for a clear fit.",
        "speaks_for": "Speaks for it",
        "pattern_both_high": "high for you and for the profile",
        "pattern_both_low": "low for you and for the profile",
        "pattern_you_high": "high for you, low for the profile",
        "pattern_you_low": "low for you, high for the profile",
        "speaks_against": "Speaks against it",
        "saved_quit": "Your {answered} answer(s) are saved. Run pm-quiz again to carry on.",
        "check_title": "Quality report for ",
        "check_dimensions": "Dimensions",
        "check_dimension": "dimension",
        "check_statements": "statements",
        "check_forward": "forward",
        "check_reverse": "reverse",
        "check_scenarios": "from scenarios",
        "check_profiles": "Profiles",
        "check_profile": "profile",
        "check_can_win": "can come first",
        "check_lead": "best lead",
        "check_random_first": "first for random",
        "check_yes": "yes",
        "check_no": "NO",
        "check_validity": "Simulated respondents ({n} of each kind, seed {seed})",
        "check_kind": "respondents",
        "check_own": "own first",
        "check_unclear": "unclear",
        "check_best": "mean best",
        "check_top": "most often first",
        "kind_persona": "like {profile}",
        "kind_random": "random",
        "kind_acquiescent": "agree with all",
        "kind_nay_saying": "disagree with all",
        "kind_straight_lining": "same number",
        "check_none": "No problems found.",
        "check_counts": "{errors} error(s), {warnings} warning(s)",
        "check_error": "error:",
        "check_warning": "warning:",
        "finding_untargeted-dimension": "no profile targets the dimension '{dimension}'",
        "finding_few-statements": "the dimension '{dimension}' has {count} statement(s); with "
                                  "fewer than {minimum} its score rests on very little",
        "finding_unbalanced-keying": "the dimension '{dimension}' has {forward} forward and "
                                     "{reverse} reverse-keyed statements; balance them so that "
                                     "agreeing with everything cancels out",
        "finding_no-reverse-items": "no statement is reverse-keyed: yea-saying cannot be told "
                                    "from a real pattern (reverse about half of each "
                                    "dimension's statements)",
        "finding_idle-question": "question '{question}' touches no dimension a profile "
                                 "targets, so it never changes a match",
        "finding_unreachable-profile": "profile '{profile}' never ranks first: no answers "
                                       "bring it ahead of the others (are its targets the "
                                       "same as another profile's, or all equal?)",
        "finding_close-profiles": "profiles '{profile}' and '{other}' are hard to tell apart: "
                                  "even the answers that suit '{profile}' best put it only "
                                  "{margin} points ahead (a close call is under "
                                  "{close_call})",
        "finding_chance-winner": "profile '{profile}' comes first for {share} of random "
                                 "respondents, more than twice its fair share: it wins by "
                                 "chance",
        "finding_persona-not-recovered": "respondents like profile '{profile}' get it clearly "
                                         "first only {share} of the time (goal {goal})",
        "finding_persona-unclear": "respondents like profile '{profile}' are called unclear "
                                   "{share} of the time (goal at most {goal})",
        "finding_random-reads-as-fit": "random answers are called unclear only {share} of the "
                                       "time (goal {goal})",
        "finding_random-headline": "random answers get a best match of {mean} on average, "
                                   "against {personas} for personas (goal: at most {limit}, "
                                   "and {gap} below the personas)",
        "finding_acquiescent-wins": "respondents who agree with everything get profile "
                                    "'{profile}' first {share} of the time (goal at most "
                                    "{goal})",
        "finding_nay-saying-wins": "respondents who disagree with everything get profile "
                                   "'{profile}' first {share} of the time (goal at most "
                                   "{goal})",
        "finding_straight-lining-passes": "{share} of respondents who give every statement "
                                          "the same number get a result",
        "code_too_few_answers": "too few answers",
        "code_straight_lining": "straight-lining",
        "code_inconsistent": "inconsistent",
        "code_acquiescence": "yea-saying",
        "code_nay_saying": "nay-saying",
        "code_no_fit": "no fit",
        "code_close_call": "close call",
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
        "export_download": "Your browser downloads the result: {name}",
        "export_key": "e save",
        "bank_updated": "The questions file changed: the texts are updated.",
        "bank_broken": "The edited questions file has errors; the last good version stays",
        "more_problems": "… and {n} more (pm-quiz validate lists them all)",
        "disclaimer": "A self-assessment, not a verdict: it reflects how you answered today.",
        "batch_respondent": "respondent",
        "batch_best": "best fit",
        "batch_match": "match",
        "batch_unclear": "unclear",
        "batch_no_result": "no result",
        "stats_title": "Group report",
        "stats_n": "{n} respondent(s)",
        "stats_first": "Who comes first",
        "stats_unclear": "No clear fit",
        "stats_reasons": "Reasons",
        "stats_distributions": "Scores per dimension",
        "stats_dist_row": "n {n} · mean {mean} · SD {sd}",
        "stats_items": "Item analysis",
        "stats_alpha": "Cronbach's alpha {alpha} (n = {n})",
        "stats_alpha_none": "Cronbach's alpha: cannot be computed (n = {n})",
        "warn_few_respondents": "fewer than 30 respondents answered all its statements: "
                                "alpha is unreliable",
        "warn_too_few_statements": "fewer than two statements: no alpha",
        "stats_columns": "statement|mean|SD|item-total|alpha if deleted|",
        "flag_negative": "NEGATIVE: check its reverse:",
        "flag_low": "weak (below .20)",
        "flag_no_variance": "everyone answered alike",
        "stats_options": "Scenario options",
        "stats_unpicked": "nobody picked: {ids}",
        "stats_empty": "No respondents yet.",
        "stats_flagged": "{n} statement(s) flagged; see the item analysis.",
    },
    "de": {
        "no_clear_fit": "Kein klares Ergebnis",
        "no_clear_fit_why": "Deine Antworten deuten nicht auf ein Profil:",
        "reason_too_few_answers": "Zu wenige Fragen beantwortet{where}: Ein Ergebnis braucht "
                                  "mindestens zwei Drittel der Fragen zu jeder Fähigkeit.",
        "reason_too_few_where": " zu {names}",
        "reason_straight_lining": "Jede Aussage bekam dieselbe Antwort ({value}), egal was "
                                  "sie sagte.",
        "reason_inconsistent": "Aussagen zur selben Fähigkeit bekamen widersprüchliche "
                               "Antworten (Inkonsistenz {value}; über {threshold} wirkt es "
                               "zufällig).",
        "reason_acquiescence": "Du hast Aussagen und ihrem Gegenteil gleichermaßen "
                               "zugestimmt (Zustimmung {value}; über {threshold}).",
        "reason_nay_saying": "Du hast Aussagen und ihr Gegenteil gleichermaßen abgelehnt "
                             "(Zustimmung {value}; unter {threshold}).",
        "reason_no_fit": "Kein Profil ähnelt dem Muster deiner Antworten: Das nächste "
                         "stimmt zu {value} % überein, unter den {threshold} %, die es "
                         "braucht.",
        "unclear_hint": "Die Zahlen unten sind kein Ergebnis. Wenn du jede Aussage so "
                        "beantwortest, wie sie auf dich zutrifft, gibt es eins.",
        "close_call_both": "Knappe Sache: {name} passt fast genauso gut ({gap} Punkte "
                           "dahinter). Beide Beschreibungen lohnen sich.",
        "fit_strong": "deutlich",
        "fit_moderate": "mäßig deutlich",
        "fit_weak": "schwach",
        "shape_note": "Verglichen wird das Muster deiner Werte (was hoch, was niedrig ist), "
                      "nicht ihre Höhe.",
        "earlier_rule": "Mit einer früheren Regel berechnet, ohne die Prüfung auf ein klares "
                        "Ergebnis.",
        "speaks_for": "Spricht dafür",
        "pattern_both_high": "bei dir und beim Profil hoch",
        "pattern_both_low": "bei dir und beim Profil niedrig",
        "pattern_you_high": "bei dir hoch, beim Profil niedrig",
        "pattern_you_low": "bei dir niedrig, beim Profil hoch",
        "speaks_against": "Spricht dagegen",
        "saved_quit": "Deine Antworten ({answered}) sind gespeichert. Starte pm-quiz "
                      "wieder, um weiterzumachen.",
        "check_title": "Qualitätsbericht für ",
        "check_dimensions": "Dimensionen",
        "check_dimension": "Dimension",
        "check_statements": "Aussagen",
        "check_forward": "vorwärts",
        "check_reverse": "umgekehrt",
        "check_scenarios": "aus Szenarien",
        "check_profiles": "Profile",
        "check_profile": "Profil",
        "check_can_win": "kann vorn liegen",
        "check_lead": "bester Vorsprung",
        "check_random_first": "vorn bei Zufall",
        "check_yes": "ja",
        "check_no": "NEIN",
        "check_validity": "Simulierte Antwortende ({n} je Art, Startwert {seed})",
        "check_kind": "Antwortende",
        "check_own": "eigenes vorn",
        "check_unclear": "unklar",
        "check_best": "Mittel bestes",
        "check_top": "am häufigsten vorn",
        "kind_persona": "wie {profile}",
        "kind_random": "zufällig",
        "kind_acquiescent": "stimmen allem zu",
        "kind_nay_saying": "lehnen alles ab",
        "kind_straight_lining": "immer dieselbe Zahl",
        "check_none": "Keine Probleme gefunden.",
        "check_counts": "{errors} Fehler, {warnings} Warnung(en)",
        "check_error": "Fehler:",
        "check_warning": "Warnung:",
        "finding_untargeted-dimension": "kein Profil hat ein Ziel für die Dimension "
                                        "'{dimension}'",
        "finding_few-statements": "die Dimension '{dimension}' hat {count} Aussage(n); mit "
                                  "weniger als {minimum} steht ihr Wert auf sehr wenig",
        "finding_unbalanced-keying": "die Dimension '{dimension}' hat {forward} vorwärts und "
                                     "{reverse} umgekehrt gepolte Aussagen; gleiche sie aus, "
                                     "damit Zustimmung zu allem sich aufhebt",
        "finding_no-reverse-items": "keine Aussage ist umgekehrt gepolt: Ja-Sagen lässt sich "
                                    "nicht von einem echten Muster unterscheiden (polt etwa "
                                    "die Hälfte der Aussagen jeder Dimension um)",
        "finding_idle-question": "die Frage '{question}' berührt keine Dimension, auf die ein "
                                 "Profil zielt, und ändert daher nie ein Ergebnis",
        "finding_unreachable-profile": "das Profil '{profile}' liegt nie vorn: keine Antworten "
                                       "bringen es vor die anderen (gleichen seine Ziele "
                                       "denen eines anderen Profils, oder sind alle gleich?)",
        "finding_close-profiles": "die Profile '{profile}' und '{other}' sind schwer zu "
                                  "unterscheiden: selbst die Antworten, die am besten zu "
                                  "'{profile}' passen, bringen es nur {margin} Punkte nach "
                                  "vorn (knapp ist unter {close_call})",
        "finding_chance-winner": "das Profil '{profile}' liegt bei {share} der zufällig "
                                 "Antwortenden vorn, mehr als doppelt so oft wie fair: es "
                                 "gewinnt durch Zufall",
        "finding_persona-not-recovered": "Antwortende wie das Profil '{profile}' bekommen es "
                                         "nur in {share} der Fälle klar als erstes (Ziel "
                                         "{goal})",
        "finding_persona-unclear": "Antwortende wie das Profil '{profile}' gelten in {share} "
                                   "der Fälle als unklar (Ziel höchstens {goal})",
        "finding_random-reads-as-fit": "zufällige Antworten gelten nur in {share} der Fälle "
                                       "als unklar (Ziel {goal})",
        "finding_random-headline": "zufällige Antworten erreichen im Mittel {mean} als beste "
                                   "Übereinstimmung, Personas {personas} (Ziel: höchstens "
                                   "{limit} und {gap} unter den Personas)",
        "finding_acquiescent-wins": "wer allem zustimmt, bekommt das Profil '{profile}' in "
                                    "{share} der Fälle als erstes (Ziel höchstens {goal})",
        "finding_nay-saying-wins": "wer alles ablehnt, bekommt das Profil '{profile}' in "
                                   "{share} der Fälle als erstes (Ziel höchstens {goal})",
        "finding_straight-lining-passes": "{share} derer, die jeder Aussage dieselbe Zahl "
                                          "geben, bekommen ein Ergebnis",
        "code_too_few_answers": "zu wenige Antworten",
        "code_straight_lining": "immer dieselbe Zahl",
        "code_inconsistent": "widersprüchlich",
        "code_acquiescence": "Ja-Sagen",
        "code_nay_saying": "Nein-Sagen",
        "code_no_fit": "kein Profil passt",
        "code_close_call": "knapp",
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
        "export_download": "Dein Browser lädt das Ergebnis herunter: {name}",
        "export_key": "e speichern",
        "bank_updated": "Die Fragendatei wurde geändert: die Texte sind aktualisiert.",
        "bank_broken": "Die geänderte Fragendatei hat Fehler; die letzte gute Fassung bleibt",
        "more_problems": "… und {n} weitere (pm-quiz validate zeigt alle)",
        "disclaimer": "Eine Selbsteinschätzung, kein Urteil: Sie zeigt, wie du heute "
                      "geantwortet hast.",
        "batch_respondent": "Teilnehmende",
        "batch_best": "bestes Profil",
        "batch_match": "Übereinstimmung",
        "batch_unclear": "unklar",
        "batch_no_result": "kein Ergebnis",
        "stats_title": "Gruppenbericht",
        "stats_n": "{n} Teilnehmende",
        "stats_first": "Wer vorn liegt",
        "stats_unclear": "Kein klares Ergebnis",
        "stats_reasons": "Gründe",
        "stats_distributions": "Werte je Dimension",
        "stats_dist_row": "n {n} · Mittel {mean} · SD {sd}",
        "stats_items": "Itemanalyse",
        "stats_alpha": "Cronbachs Alpha {alpha} (n = {n})",
        "stats_alpha_none": "Cronbachs Alpha: nicht berechenbar (n = {n})",
        "warn_few_respondents": "weniger als 30 Teilnehmende haben alle Aussagen beantwortet: "
                                "Alpha ist unsicher",
        "warn_too_few_statements": "weniger als zwei Aussagen: kein Alpha",
        "stats_columns": "Aussage|Mittel|SD|Trennschärfe|Alpha ohne sie|",
        "flag_negative": "NEGATIV: reverse: prüfen",
        "flag_low": "schwach (unter 0,20)",
        "flag_no_variance": "alle gleich geantwortet",
        "stats_options": "Szenario-Optionen",
        "stats_unpicked": "von niemandem gewählt: {ids}",
        "stats_empty": "Noch keine Teilnehmenden.",
        "stats_flagged": "{n} Aussage(n) markiert; siehe die Itemanalyse.",
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
