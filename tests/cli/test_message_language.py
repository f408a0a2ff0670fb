"""The program's messages speak the user's language: German with ``--lang de``, English
(unchanged) without it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import CORPUS, Run

BAD = CORPUS / "bad"
#: Words of the English messages; none may show in a German one (paths removed first).
ENGLISH = re.compile(r"\b(expected|no such|unknown|duplicate|found|is a file|exists already|"
                     r"does not answer|wrote|labels|but the scale|tab character|valid|"
                     r"question|is not)\b")


def without_paths(text: str, *paths: Path) -> str:
    for path in sorted({str(p) for p in paths}, key=len, reverse=True):
        text = text.replace(path, "PATH")
    return text


def german(text: str, *paths: Path) -> str:
    """``text`` without its paths, after checking it holds no English message words."""
    shown = without_paths(text, *paths)
    assert shown.strip()
    assert ENGLISH.findall(shown) == [], shown
    return shown


@pytest.mark.parametrize(("name", "words"), [
    ("duplicate_ids", ["doppelte Dimensions-ID 'listening' (zuerst in Zeile 10)",
                       "unbekannte Dimension 'analysis' in Frage 'a1'", "erwartet: "]),
    ("tab_indent", ["zum Einrücken wird ein Tabulator benutzt (erwartet: Leerzeichen"]),
    ("latin1", ["das Byte 0xf6 ist kein gültiges UTF-8 (erwartet: Text in UTF-8)"]),
    ("label_count", ["2 Beschriftungen für 'en', aber die Skala hat 3 Stufen"]),
])
def test_validate_a_broken_bank_in_german(run: Run, name: str, words: list[str]) -> None:
    path = BAD / f"{name}.yaml"
    out = run("--lang", "de", "validate", str(path))
    assert out.returncode == 2
    shown = german(out.stderr, path)
    for phrase in words:
        assert phrase in shown
    english = run("validate", str(path))
    assert english.stderr == (BAD / f"{name}.expected").read_text().replace(f"{name}.yaml",
                                                                           str(path))


def test_validate_a_missing_file_in_german(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    out = run("--lang", "de", "validate", str(path))
    assert out.returncode == 2
    assert german(out.stderr, path) == \
        "PATH: keine solche Datei (erwartet: eine questions.yaml-Datei)\n"
    assert run("validate", str(path)).stderr == \
        f"{path}: no such file (expected a questions.yaml file)\n"


def test_score_a_bad_answers_file_in_german(run: Run, tmp_path: Path,
                                            minimal_bank: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("l1: 7\nl11: 3\nc1: z\nl2: \"2\"\n", encoding="utf-8")
    args = ("--questions", str(minimal_bank), "score", "--answers", str(answers))
    out = run("--lang", "de", *args)
    assert out.returncode == 2
    lines = german(out.stderr, answers, minimal_bank).splitlines()
    assert lines[0] == "PATH:1:5: '7' beantwortet 'l1' nicht (erwartet: eine ganze Zahl " \
                       "von 1 bis 3)"
    assert lines[1] == "PATH:2:1: unbekannte Frage 'l11'; meintest du 'l1'? (erwartet: " \
                       "eine Fragen-ID aus PATH)"
    english = run(*args).stderr.splitlines()
    assert english[0] == f"{answers}:1:5: '7' does not answer 'l1' (expected a whole " \
                         "number from 1 to 3)"
    assert english[1] == f"{answers}:2:1: unknown question 'l11'; did you mean 'l1'? " \
                         f"(expected a question id of {minimal_bank})"


def test_history_on_an_unusable_data_dir_in_german(run: Run, tmp_path: Path) -> None:
    plain_file = tmp_path / "not-a-directory"
    plain_file.write_text("", encoding="utf-8")
    out = run("--lang", "de", "history", "--data-dir", str(plain_file))
    assert out.returncode == 2
    assert german(out.stderr, plain_file) == (
        "PATH: PATH ist eine Datei, kein Verzeichnis (erwartet: ein Datenverzeichnis, das "
        "pm-quiz benutzen kann (--data-dir))\n")
    english = run("history", "--data-dir", str(plain_file))
    assert english.stderr == (f"{plain_file}: {plain_file} is a file, not a directory "
                              "(expected a data directory pm-quiz can use (--data-dir))\n")


def test_init_into_an_existing_directory_in_german(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "bank"
    first = run("--lang", "de", "init", str(target))
    assert first.returncode == 0, first.stderr
    german(first.stdout.replace("questions.yaml", "").replace("questions.schema.json", ""),
           target)
    out = run("--lang", "de", "init", str(target))
    assert out.returncode == 2
    shown = german(out.stderr.replace("questions.schema.json", "").replace(
        "questions.yaml", ""), target)
    assert "die Datei gibt es schon (erwartet: --force, um sie zu ersetzen" in shown
    english = run("init", str(target))
    assert f"{target / 'questions.yaml'}: the file exists already (expected --force to " \
           "replace it (the old file is kept as NAME.bak))" in english.stderr
