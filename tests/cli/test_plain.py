"""Plain mode through standard input, as a pipe or a screen reader would use it."""

from __future__ import annotations

import pytest

from helpers import Run


def test_piped_answers_answer_the_first_questions(run: Run) -> None:
    out = run("--plain", "--lang", "en", input="5\n1\n3\n")
    assert out.returncode == 0, out.stderr
    assert "1/44" in out.stdout and "3/44" in out.stdout and "4/44" in out.stdout
    # the input ended before the last question: saved for later, and no result
    assert "Your 3 answers are saved. Run pm-quiz again to carry on." in out.stdout
    assert "Your result" not in out.stdout
    assert "Traceback" not in out.stderr


def test_not_a_terminal_switches_to_plain_mode_with_a_notice(run: Run) -> None:
    out = run("--lang", "en", input="2\n")
    assert out.returncode == 0
    assert out.stderr.strip() == "pm-quiz: not a terminal, so the quiz runs line by line " \
                                 "(--plain)."
    assert "Your answer is saved." in out.stdout


def test_explicit_plain_has_no_notice(run: Run) -> None:
    out = run("--plain", "--lang", "en", input="")
    assert out.returncode == 0
    assert out.stderr == ""


def test_back_quit_and_invalid_input(run: Run, minimal_bank: object) -> None:
    out = run("--plain", "--questions", str(minimal_bank), "--lang", "en",
              input="3\nb\n\n9\nx\n1\nq\n")
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    # back to the first question shows the earlier answer marked
    assert " *3. yes" in lines
    assert out.stdout.count("Please type a number from 1 to 3, b or q.") == 2
    assert "Your 2 answers are saved." in out.stdout and "Your result" not in out.stdout


def test_full_run_in_german(run: Run, minimal_bank: object) -> None:
    out = run("--plain", "--questions", str(minimal_bank), input="3\n1\n1\n")
    assert out.returncode == 0
    assert "Am besten passt: Zuhörerin" in out.stdout
    assert "3 von 3 Fragen beantwortet." in out.stdout


def test_plain_mode_with_a_broken_bank_exits_2(run: Run, tmp_path: object) -> None:
    out = run("--plain", "--questions", "missing.yaml", input="1\n")
    assert out.returncode == 2
    assert out.stderr == "missing.yaml: no such file (expected a questions.yaml file)\n"


@pytest.mark.parametrize(("lang", "headline", "reason", "best"), [
    ("en", "No clear fit", "Every statement got the same answer (3)", "Best fit"),
    ("de", "Kein klares Ergebnis", "Jede Aussage bekam dieselbe Antwort (3)",
     "Am besten passt"),
])
def test_a_straight_lined_run_says_there_is_no_clear_fit(run: Run, lang: str, headline: str,
                                                         reason: str, best: str) -> None:
    out = run("--plain", "--lang", lang, input="3\n" * 44)
    assert out.returncode == 0, out.stderr
    result = out.stdout[out.stdout.rindex("44/44"):]
    assert headline in result and reason in result and best not in result
    assert result.index(headline) < result.index(reason)
