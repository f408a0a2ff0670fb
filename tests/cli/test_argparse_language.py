"""The command line's own words (help, usage and argparse's errors) in the user's language,
from the catalogues: German with ``--lang de`` or a German environment, English unchanged
without."""

from __future__ import annotations

import argparse
import ast
import re

import pytest

from pm_quiz.cli import SUBCOMMANDS, _program_language, build_parser, main
from pm_quiz.i18n import catalog, catalog_languages, message_language, set_message_language, t
from pm_quiz.i18n.arguments import CONTEXT, argparse_speaking
from pm_quiz.i18n.catalog import in_context

from helpers import Run

#: argparse's English words; none may show in German help or errors.
ENGLISH = ["usage", "options", "positional arguments", "show this help", "error:",
           "the following arguments", "invalid choice", "unrecognized arguments",
           "expected one argument", "show program's version", "invalid int value"]
#: Every help screen: the top level, each command, the actions of ``history``.
SCREENS = [(), *((name,) for name in SUBCOMMANDS), ("history", "show"), ("history", "export")]
WIDE = {"COLUMNS": "1000"}  # one line per help text: nothing is wrapped or hyphenated


def flat(text: str) -> str:
    return " ".join(text.split())


def cli_texts(lang: str) -> dict[str, str]:
    """The catalogue's words of the command line in ``lang``, as help shows them."""
    found = catalog(lang)
    assert found is not None
    return {key: flat(str(text)) for key, text in found.entries.items()
            if key.startswith(("cli_", "meta_"))}


def english_words(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


def argparse_msgids() -> list[tuple[str, ...]]:
    """Every msgid (with its plural) this Python's argparse passes to gettext: the string
    arguments of its ``_()`` and ``ngettext()`` calls, and the default of
    ``_(kwargs.pop('title', 'subcommands'))``."""
    tree = ast.parse(open(argparse.__file__, encoding="utf-8").read())  # noqa: SIM115
    found: list[tuple[str, ...]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "ngettext")):
            continue
        first = node.args[0]
        if isinstance(first, ast.Call) and len(first.args) == 2:  # kwargs.pop(key, default)
            first = first.args[1]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        if node.func.id == "ngettext":
            second = node.args[1]
            assert isinstance(second, ast.Constant)
            found.append((first.value, second.value))
        else:
            found.append((first.value,))
    return sorted(set(found))


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%(?:\(\w+\))?[a-z%]", text))


def test_every_word_argparse_says_is_in_every_catalogue() -> None:
    msgids = argparse_msgids()
    assert len(msgids) > 25  # the walk finds argparse's calls
    assert ("usage: ",) in msgids and ("expected %s argument", "expected %s arguments") in msgids
    for lang in catalog_languages():
        found = catalog(lang)
        assert found is not None
        for msgid in msgids:
            entry = found.entries.get(in_context(CONTEXT, msgid[0]))
            assert entry is not None, f"{lang}.po has no msgctxt {CONTEXT!r} msgid {msgid[0]!r}"
            forms = entry if isinstance(entry, tuple) else (entry,)
            assert isinstance(entry, tuple) == (len(msgid) == 2), msgid
            for form, english in zip(forms, msgid * 2, strict=False):
                assert placeholders(form) == placeholders(english), (lang, msgid)
            if lang == "en":
                assert forms == msgid  # English says them as argparse does


@pytest.mark.parametrize("words", SCREENS, ids=lambda w: " ".join(w) or "top")
def test_help_in_german(run: Run, words: tuple[str, ...]) -> None:
    out = run("--lang", "de", *words, "--help", env=WIDE)
    assert out.returncode == 0, out.stderr
    shown = flat(out.stdout)
    assert shown.startswith("Aufruf: pm-quiz")
    assert "Optionen:" in shown and "diese Hilfe zeigen und beenden" in shown
    assert english_words(shown) == []
    german, english = cli_texts("de"), cli_texts("en")
    described = german["cli_description"] if not words else german.get(
        f"cli_cmd_{words[-1]}", german["cli_show"] if words[-1] == "show" else
        german["cli_export_description"])
    assert described in shown
    theirs = [english[key] for key in german if english[key] != german[key]
              and not key.startswith("meta_") and english[key] in shown]
    assert theirs == []


def test_german_help_shows_every_text_of_the_command_line(run: Run) -> None:
    shown = " ".join(flat(run("--lang", "de", *words, "--help", env=WIDE).stdout)
                     for words in SCREENS)
    missing = [key for key, text in cli_texts("de").items()
               if text not in shown and key != "cli_whole_number"]  # said in an error
    assert missing == []


def test_every_text_of_the_command_line_is_german_in_german() -> None:
    """A text left in English in de.po would pass the tests above unseen; only these are
    German as they are."""
    same = {"meta_code", "meta_name", "meta_n", "meta_port"}
    german, english = cli_texts("de"), cli_texts("en")
    assert sorted(key for key in german if german[key] == english[key]) == sorted(same)


@pytest.mark.parametrize(("words", "said"), [
    (("validate", "--bogus"), "pm-quiz: Fehler: unbekannte Argumente: --bogus"),
    (("score",), "pm-quiz score: Fehler: diese Argumente fehlen: --answers"),
    (("history", "show"), "pm-quiz history show: Fehler: diese Argumente fehlen: NR"),
    (("score", "--answers"), "Fehler: Argument --answers: erwartet einen Wert"),
    (("check", "--respondents", "x"),
     "Argument --respondents: 'x' ist keine gültige Angabe (erwartet: ganze Zahl)"),
    (("bogus",), "Argument BEFEHL: ungültige Wahl: 'bogus' (möglich: 'validate', "),
    (("--resume", "--new"), "Argument --new: nicht zusammen mit dem Argument --resume"),
    (("--plain=yes",), "Argument --plain: nimmt keinen Wert, auch nicht 'yes'"),
    (("--lang",), "Argument --lang: erwartet einen Wert"),  # the --lang before counts
])
def test_usage_errors_in_german(run: Run, words: tuple[str, ...], said: str) -> None:
    out = run("--lang", "de", *words)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.startswith("Aufruf: pm-quiz")
    assert said in out.stderr
    assert "Traceback" not in out.stderr
    assert english_words(out.stderr) == []


@pytest.mark.parametrize("env", [{"LANG": "de_DE.UTF-8"}, {"PM_QUIZ_LANG": "de"},
                                 {"LC_ALL": "de_AT.UTF-8", "LANG": "en_GB.UTF-8"}])
def test_the_environment_chooses_german_before_anything_is_parsed(run: Run,
                                                                  env: dict[str, str]) -> None:
    out = run("validate", "--bogus", env=env)
    assert out.returncode == 2
    assert "pm-quiz: Fehler: unbekannte Argumente: --bogus" in out.stderr
    assert english_words(out.stderr) == []


@pytest.mark.parametrize("words", [("--lang=de",), ("--la", "de"),
                                   ("--lang", "en", "--lang", "de")])
def test_every_way_argparse_reads_lang_is_read(run: Run, words: tuple[str, ...]) -> None:
    out = run(*words, "score")
    assert out.returncode == 2
    assert "pm-quiz score: Fehler: diese Argumente fehlen: --answers" in out.stderr


def test_english_stays_english(run: Run) -> None:
    error = run("validate", "--bogus")
    assert error.returncode == 2
    assert error.stderr.startswith("usage: pm-quiz [-h] [--version] [--questions PATH]")
    assert error.stderr.endswith("pm-quiz: error: unrecognized arguments: --bogus\n")
    shown = flat(run("--help", env=WIDE).stdout)
    for words in ("positional arguments:", "options:", "-h, --help show this help message "
                  "and exit", "--version show program's version number and exit",
                  flat(t("en", "cli_description")), "--data-dir DIR where answers"):
        assert words in shown
    missing = run("check", "--respondents", "x", env={"LANG": "C"})
    assert "error: argument --respondents: invalid whole number value: 'x'" in missing.stderr
    german = run("--lang", "de", "score").stderr
    assert german != run("--lang", "en", "score").stderr
    assert run("--lang", "xx", "score").stderr == run("score").stderr  # no such catalogue


@pytest.mark.parametrize(("argv", "env", "lang"), [
    (["--lang", "de"], {}, "de"),
    (["--lang=de", "score"], {}, "de"),
    (["--l", "de"], {}, "de"),
    (["score", "--lang", "de", "--lang", "en"], {}, "en"),
    (["--lang", "de", "--lang"], {}, "de"),
    (["--", "--lang", "de"], {}, "en"),
    (["--lang", "xx"], {"PM_QUIZ_LANG": "de"}, "de"),
    (["--lang", "en"], {"PM_QUIZ_LANG": "de"}, "en"),
    ([], {"LANG": "de_DE.UTF-8"}, "de"),
    ([], {"LANG": "fr_FR.UTF-8"}, "en"),
    ([], {"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "en"),
])
def test_the_program_language_from_argv_and_environment(
        monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str],
        lang: str) -> None:
    for name in ("PM_QUIZ_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert _program_language(argv) == lang


def test_argparse_speaks_german_only_within_the_block(
        capsys: pytest.CaptureFixture[str]) -> None:
    lookups = vars(argparse)
    before = lookups["_"], lookups["ngettext"]
    with argparse_speaking("de"):
        assert lookups["_"]("options") == "Optionen"
        assert lookups["ngettext"]("expected %s argument", "expected %s arguments",
                                   2) == "erwartet %s Werte"
        assert lookups["_"]("a word no catalogue has") == "a word no catalogue has"
    assert (lookups["_"], lookups["ngettext"]) == before
    was = message_language()
    try:
        with pytest.raises(SystemExit) as ended:
            main(["--lang", "de", "validate", "--bogus"])
    finally:
        set_message_language(was)
    assert ended.value.code == 2
    assert "Fehler: unbekannte Argumente" in capsys.readouterr().err
    assert (lookups["_"], lookups["ngettext"]) == before
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"


def test_a_parser_built_inside_the_hook_speaks_german() -> None:
    was = message_language()
    set_message_language("de")
    try:
        with argparse_speaking("de"):
            text = build_parser().format_help()
    finally:
        set_message_language(was)
    assert english_words(text) == [] and "Aufruf: pm-quiz" in text
