"""Problems and reasons are said in the message language; their ``message`` stays English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pm_quiz.i18n import message_language, set_message_language
from pm_quiz.parsing.problems import InputError, Problem
from pm_quiz.report.write import check_target
from pm_quiz.store.database import StoreError, usable_directory


@pytest.fixture
def german() -> Iterator[None]:
    before = message_language()
    set_message_language("de")
    try:
        yield
    finally:
        set_message_language(before)


def test_english_is_the_default() -> None:
    assert message_language() == "en"


def test_a_problem_keeps_its_english_and_says_the_message_language(german: None) -> None:
    problem = Problem.of("q.yaml", 3, 4, "msg_duplicate_key", "exp_key_once", key="max",
                         first=2)
    assert problem.message == "duplicate key 'max' (first at line 2)"
    assert problem.expected == "each key once per mapping"
    assert str(problem) == ("q.yaml:3:4: doppelter Schlüssel 'max' (zuerst in Zeile 2) "
                            "(erwartet: jeder Schlüssel einmal je Zuordnung)")
    assert problem.said("en") == ("q.yaml:3:4: duplicate key 'max' (first at line 2) "
                                  "(expected each key once per mapping)")


def test_a_problem_without_a_key_stays_as_written(german: None) -> None:
    problem = Problem("x", 0, 0, "plain words", "something", "warning")
    assert str(problem) == "x: warning: plain words (expected something)"


def test_a_file_that_exists_is_refused_in_german(german: None, tmp_path: Path) -> None:
    target = tmp_path / "result.txt"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        check_target(target)
    shown = str(caught.value.problems[0])
    assert shown.startswith(f"{target}: die Datei gibt es schon (erwartet: ")
    assert "expected" not in shown


def test_a_store_reason_is_said_in_either_language(tmp_path: Path) -> None:
    plain_file = tmp_path / "f"
    plain_file.write_text("", encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        usable_directory(plain_file)
    assert str(caught.value) == f"{plain_file} is a file, not a directory"
    assert caught.value.said("de") == f"{plain_file} ist eine Datei, kein Verzeichnis"
