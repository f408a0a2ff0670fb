"""The command line, run as a user runs it: the installed ``pm-quiz`` in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import CORPUS, ROOT, Run

BAD = CORPUS / "bad"


def test_version(run: Run) -> None:
    out = run("--version")
    assert out.returncode == 0
    assert out.stdout.strip().startswith("pm-quiz ")
    # the same through the parser, where --version is one option among others
    assert run("--lang", "de", "--version").stdout == out.stdout
    wrong = run("validate", "--version")  # not an option of validate
    assert wrong.returncode == 2 and "--version" in wrong.stderr and not wrong.stdout


def test_validate_default_bank(run: Run) -> None:
    out = run("validate")
    assert out.returncode == 0, out.stderr
    assert "valid: 44 questions (36 likert, 8 choice), 9 dimensions, 6 profiles; " \
           "languages: de, en" in out.stdout


def test_validate_bad_bank_lists_every_error(run: Run) -> None:
    path = BAD / "duplicate_ids.yaml"
    out = run("validate", str(path))
    assert out.returncode == 2
    expected = (BAD / "duplicate_ids.expected").read_text().replace(
        "duplicate_ids.yaml", str(path))
    assert out.stderr == expected
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("name", ["syntax_error", "python_tag", "binary", "alias_bomb",
                                  "deep_nesting", "empty", "utf16"])
def test_validate_never_shows_a_traceback(run: Run, name: str) -> None:
    out = run("validate", str(BAD / f"{name}.yaml"))
    assert out.returncode == 2
    assert out.stderr.startswith(str(BAD / f"{name}.yaml"))
    assert "Traceback" not in out.stderr


def test_validate_missing_and_directory(run: Run, tmp_path: Path) -> None:
    out = run("validate", "nope.yaml")
    assert (out.returncode, out.stderr) == (2, "nope.yaml: no such file "
                                               "(expected a questions.yaml file)\n")
    out = run("validate", str(tmp_path))
    assert out.returncode == 2 and "this is a directory" in out.stderr


def test_warning_does_not_fail(run: Run) -> None:
    out = run("validate", str(BAD / "unmeasured_dimension.yaml"))
    assert out.returncode == 0
    assert "warning: no question measures the dimension 'empathy'" in out.stderr


def _answers(tmp_path: Path, text: str, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_score_json_is_complete_and_full_precision(run: Run, tmp_path: Path,
                                                   minimal_bank: Path) -> None:
    answers = _answers(tmp_path, "l1: 3\na1: 2\nc1: a\n")
    out = run("--questions", str(minimal_bank), "score", "--answers", str(answers),
              "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    # listening: likert 3 of 1..3 plus option a (2 of 0..2) -> (3+2-1-0)/(3+2-1-0) = 100
    # analysis: reversed 2 -> k=2 plus option a (0 of 0..2) -> (2+0-1-0)/(3+2-1-0) = 25
    assert [(d["id"], d["score"]) for d in data["dimensions"]] == [
        ("listening", 100.0), ("analysis", 25.0)]
    # listener: 100 - (10 + 5)/2 = 92.5; analyst: 100 - (70*1 + 65*2)/3 = 33.333...
    assert [(p["id"], p["match"]) for p in data["profiles"]] == [
        ("listener", 92.5), ("analyst", 100 - 200 / 3)]
    assert data["best"] == "listener"
    assert data["close_call"] is False
    assert (data["answered"], data["total"]) == (3, 3)


def test_global_options_before_or_after_the_subcommand(run: Run, tmp_path: Path,
                                                       minimal_bank: Path) -> None:
    answers = _answers(tmp_path, '{"l1": 1, "a1": 1, "c1": "b"}', "answers.json")
    before = run("--lang", "de", "--questions", str(minimal_bank), "score", "--answers",
                 str(answers), "--format", "md")
    after = run("score", "--answers", str(answers), "--format", "md", "--lang", "de",
                "--questions", str(minimal_bank))
    assert before.returncode == after.returncode == 0, before.stderr + after.stderr
    assert before.stdout == after.stdout
    assert "Am besten passt" in before.stdout


def test_score_text_is_the_rich_summary(run: Run, tmp_path: Path, minimal_bank: Path) -> None:
    answers = _answers(tmp_path, "l1: 3\na1: 2\nc1: a\n")
    out = run("--questions", str(minimal_bank), "--lang", "en", "score", "--answers",
              str(answers))
    assert out.returncode == 0
    assert "Best fit: Listener" in out.stdout
    assert "92.5% match" in out.stdout
    assert "\x1b[" not in out.stdout  # not a terminal: no colour codes


def test_bad_answers_files(run: Run, tmp_path: Path, minimal_bank: Path) -> None:
    answers = _answers(tmp_path, "l1: 7\nl11: 3\nc1: z\na1: yes\n")
    out = run("--questions", str(minimal_bank), "score", "--answers", str(answers))
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        f"{answers}:1:5: '7' does not answer 'l1' (expected a whole number from 1 to 3)",
        f"{answers}:2:1: unknown question 'l11'; did you mean 'l1'? (expected a question id "
        f"of {minimal_bank})",
        f"{answers}:3:5: 'z' does not answer 'c1' (expected an option id: a, b)",
        f"{answers}:4:5: 'yes' does not answer 'a1' (expected a whole number from 1 to 3)",
    ]


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_score_output_file_and_no_overwrite(run: Run, tmp_path: Path,
                                            minimal_bank: Path) -> None:
    answers = _answers(tmp_path, "l1: 3\n")
    target = tmp_path / "result.md"
    first = run("--questions", str(minimal_bank), "score", "--answers", str(answers),
                "--output", str(target))
    assert first.returncode == 0, first.stderr
    assert target.read_text().startswith("# Dein Ergebnis – Mini-Quiz")
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()  # not private like a temp file
    target.write_text("mine")
    second = run("--questions", str(minimal_bank), "score", "--answers", str(answers),
                 "--output", str(target))
    assert second.returncode == 2 and "exists already" in second.stderr
    assert target.read_text() == "mine"
    third = run("--questions", str(minimal_bank), "score", "--answers", str(answers),
                "--output", str(target), "--force")
    assert third.returncode == 0 and target.read_text().startswith("# Dein Ergebnis – Mini-Quiz")


def test_unknown_language_is_refused(run: Run, minimal_bank: Path, tmp_path: Path) -> None:
    answers = _answers(tmp_path, "l1: 3\n")
    out = run("--questions", str(minimal_bank), "--lang", "fr", "score", "--answers",
              str(answers))
    assert out.returncode == 2
    assert out.stderr == f"--lang: the bank {minimal_bank} has no language 'fr' " \
                         "(expected one of de, en)\n"


def test_language_from_environment_and_locale(run: Run, tmp_path: Path,
                                              minimal_bank: Path) -> None:
    answers = _answers(tmp_path, "l1: 3\n")
    args = ("--questions", str(minimal_bank), "score", "--answers", str(answers), "--format",
            "json")
    assert json.loads(run(*args).stdout)["language"] == "de"  # the bank's first language
    assert json.loads(run(*args, env={"LANG": "en_GB.UTF-8"}).stdout)["language"] == "en"
    assert json.loads(run(*args, env={"LANG": "en_GB.UTF-8",
                                      "PM_QUIZ_LANG": "de"}).stdout)["language"] == "de"
    assert json.loads(run(*args, "--lang", "en", env={"PM_QUIZ_LANG": "de"}).stdout)[
        "language"] == "en"


def test_bank_lookup_order(run: Run, tmp_path: Path, minimal_bank: Path) -> None:
    # packaged default, from a directory without questions.yaml
    assert "44 questions" in run("validate").stdout
    # ./questions.yaml beats the default
    (tmp_path / "questions.yaml").write_text(minimal_bank.read_text())
    assert "3 questions" in run("validate").stdout
    # $PM_QUIZ_QUESTIONS beats ./questions.yaml
    env = {"PM_QUIZ_QUESTIONS": str(BAD / "unmeasured_dimension.yaml")}
    assert "3 dimensions" in run("validate", env=env).stdout
    # --questions beats the environment
    assert "3 questions" in run("--questions", str(minimal_bank), "validate", env=env).stdout


def test_init_writes_the_default_and_never_loses_an_edit(run: Run, tmp_path: Path) -> None:
    out = run("init", "quiz")
    assert out.returncode == 0, out.stderr
    written = tmp_path / "quiz" / "questions.yaml"
    # the same bank, only the first line (the schema comment) points beside it
    assert written.read_text().splitlines()[1:] == \
        (ROOT / "questions.yaml").read_text().splitlines()[1:]
    written.write_text("# my edits\n" + written.read_text())
    again = run("init", "quiz")
    assert again.returncode == 2 and "exists already" in again.stderr
    assert written.read_text().startswith("# my edits")
    forced = run("init", "quiz", "--force")
    assert forced.returncode == 0
    assert (tmp_path / "quiz" / "questions.yaml.bak").read_text().startswith("# my edits")
    assert run("validate", str(written)).returncode == 0


def test_usage_errors_exit_2(run: Run) -> None:
    out = run("score")
    assert out.returncode == 2 and "--answers" in out.stderr
