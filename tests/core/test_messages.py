"""Messages that lead somewhere: each names what is wrong in the author's terms and what to
write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from pm_quiz.bank.loader import load_bank, load_bank_bytes
from pm_quiz.parsing.problems import InputError
from pm_quiz.quiz.answers import load_answers

from helpers import CORPUS

MINIMAL = CORPUS / "good" / "minimal.yaml"


def problems_of(call: object) -> list[str]:
    with pytest.raises(InputError) as exc:
        call()  # type: ignore[operator]
    return [str(p) for p in exc.value.problems]


def test_a_quoted_number_is_called_text_and_the_fix_shown(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text('l1: "3"\n', encoding="utf-8")
    assert problems_of(lambda: load_answers(answers, load_bank(MINIMAL))) == [
        f"{answers}:1:5: the answer to 'l1' is the text '3' (in quotes), not a number "
        "(expected a whole number from 1 to 3, without quotes: l1: 3)"]


def test_a_key_yaml_reads_as_a_date_says_so(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("2024-01-01: 3\n", encoding="utf-8")
    assert problems_of(lambda: load_answers(answers, load_bank(MINIMAL))) == [
        f"{answers}:1:1: YAML reads the key 2024-01-01 as a date, not as a name (expected a "
        'question id; write it in quotes: "2024-01-01")']


def test_broken_json_is_a_json_syntax_error(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text('{"l1": 3,,}', encoding="utf-8")
    [message] = problems_of(lambda: load_answers(answers, load_bank(MINIMAL)))
    assert "JSON syntax error" in message and message.endswith("(expected valid JSON)")


def test_utf32_is_named_as_such() -> None:
    [message] = problems_of(lambda: load_bank_bytes("title: x".encode("utf-32"), "b.yaml"))
    assert message == "b.yaml: the file is UTF-32 encoded (expected UTF-8 text)"


@pytest.mark.parametrize(("written", "meaning"), [("=", "a default-value key"),
                                                  ("<<", "a merge key")])
def test_unquoted_special_values_are_explained(written: str, meaning: str) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace('en: "Mini quiz"',
                                                       f"en: {written}")
    [message] = problems_of(lambda: load_bank_bytes(text.encode(), "b.yaml"))
    assert f"{written} unquoted is special in YAML ({meaning})" in message
    assert f'write "{written}" in quotes' in message


def test_unquoted_booleans_in_labels_are_not_also_a_wrong_count() -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace('en: ["no", "partly", "yes"]',
                                                       "en: [no, partly, yes]")
    messages = problems_of(lambda: load_bank_bytes(text.encode(), "b.yaml"))
    assert len(messages) == 2 and all("read as the boolean" in m for m in messages)
