"""The real ``pm-quiz`` in tmux at 80x24: from welcome to result by keyboard alone."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tmux_driver import Tmux

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(("lang", "welcome", "result"), [
    ("en", "Start the quiz", "Your result"),
    ("de", "Quiz starten", "Dein Ergebnis"),
])
def test_welcome_to_result_by_keyboard(terminal: Callable[..., Tmux], wheel_pm_quiz: Path,
                                       lang: str, welcome: str, result: str) -> None:
    """The wheel's pm-quiz, run from a directory without a questions.yaml, answered like the
    example answers file (a bridge builder): by digits, and every other one by arrow keys."""
    numbers = example_numbers()
    tmux = terminal("--lang", lang, command=[str(wheel_pm_quiz)])
    tmux.wait_for(welcome)
    tmux.send("Enter")
    tmux.wait_for("1/44")
    for n, number in enumerate(numbers, 1):
        tmux.wait_for(f"{n}/44")
        if n % 2:
            tmux.send(str(number))
        else:
            tmux.send(*["Down"] * (number - 1), "Enter")
    screen = tmux.wait_for(result)
    assert "►1" in screen and ("Bridge builder" in screen or "Brückenbauer:in" in screen)
    tmux.send("q")
    tmux.wait_for("EXITED:0")


def example_numbers() -> list[int]:
    """The number on screen of each answer in examples/answers.yaml, in question order."""
    from pm_quiz.bank.loader import load_bank
    from pm_quiz.bank.locate import default_bank_path
    from pm_quiz.quiz.answers import load_answers

    from helpers import ROOT

    bank = load_bank(default_bank_path())
    answers = load_answers(ROOT / "examples" / "answers.yaml", bank)
    return [answers[q.id] if isinstance(answers[q.id], int)  # type: ignore[misc]
            else [o.id for o in q.options].index(str(answers[q.id])) + 1
            for q in bank.questions]


def test_broken_bank_prints_errors_and_exits_2(terminal: Callable[..., Tmux]) -> None:
    tmux = terminal("--questions", "missing.yaml")
    screen = tmux.wait_for("EXITED:2")
    assert "missing.yaml: no such file (expected a questions.yaml file)" in screen
    assert "Traceback" not in screen


def test_too_small_then_resized(terminal: Callable[..., Tmux]) -> None:
    tmux = terminal("--lang", "en", width=50, height=14)
    tmux.wait_for("too small")
    tmux._tmux("resize-window", "-t", "t", "-x", "80", "-y", "24")
    tmux.wait_for("Start the quiz")


def colours(styled: str) -> set[str]:
    """The colours an SGR-styled screen uses: ``16:N`` for the basic ones, ``256:N``,
    ``rgb:R,G,B``."""
    found: set[str] = set()
    for match in re.finditer(r"\x1b\[([0-9;]*)m", styled):
        params = match.group(1).split(";")
        i = 0
        while i < len(params):
            p = params[i]
            if p in ("38", "48") and i + 1 < len(params) and params[i + 1] == "2":
                found.add("rgb:" + ",".join(params[i + 2:i + 5]))
                i += 5
                continue
            if p in ("38", "48") and i + 1 < len(params) and params[i + 1] == "5":
                found.add(f"256:{params[i + 2]}")
                i += 3
                continue
            if p.isdigit() and (30 <= int(p) <= 37 or 40 <= int(p) <= 47
                                or 90 <= int(p) <= 97 or 100 <= int(p) <= 107):
                found.add(f"16:{int(p) % 10}")
            i += 1
    return found


GREYS_16 = {"16:0", "16:7"}  # black and white (normal or bright, fore- or background)


def test_no_color_uses_no_hues_and_marks_by_symbols(terminal: Callable[..., Tmux]) -> None:
    tmux = terminal("--lang", "en", env={"NO_COLOR": "1", "TERM": "xterm"})
    tmux.wait_for("Start the quiz")
    tmux.send("Enter")
    tmux.wait_for("1/44")
    tmux.send("4", "Left")
    screen = tmux.wait_for("●")
    assert "› 4  Somewhat agree ●" in screen  # highlight and earlier answer, no colour needed
    used = colours(tmux.styled_screen())
    assert used, "expected some styling"
    hues = {c for c in used if c.startswith("16:") and c not in GREYS_16}
    hues |= {c for c in used if c.startswith("rgb:") and len(set(c[4:].split(","))) > 1}
    assert hues == set()


def test_a_16_colour_terminal_gets_only_the_16_colours(terminal: Callable[..., Tmux]) -> None:
    tmux = terminal("--lang", "en", env={"TERM": "xterm"})
    tmux.wait_for("Start the quiz")
    tmux.send("Enter")
    tmux.wait_for("1/44")
    used = colours(tmux.styled_screen())
    assert used and all(c.startswith("16:") for c in used), used


def test_kill_then_resume_finish_and_history(terminal: Callable[..., Tmux],
                                             tmp_path: Path) -> None:
    import os
    import signal
    import subprocess

    from helpers import pm_quiz_command

    tmux = terminal("--lang", "en")
    tmux.wait_for("Start the quiz")
    tmux.send("Enter")
    for n in range(1, 8):
        tmux.wait_for(f"{n}/44")
        tmux.send("3")
    tmux.wait_for("8/44")
    os.kill(tmux.pid(), signal.SIGKILL)
    tmux.wait_for("EXITED:137")

    again = terminal("--lang", "en")
    again.wait_for("Resume (7 of 44 answered)")
    again.send("Enter")
    again.wait_for("8/44")
    for n in range(8, 45):
        again.wait_for(f"{n}/44")
        again.send("4")
    again.wait_for("Your result")
    again.send("q")
    again.wait_for("EXITED:0")

    history = subprocess.run([*pm_quiz_command(), "history"], capture_output=True, text=True,
                             env={**os.environ, "PM_QUIZ_DATA_DIR": str(tmp_path / "data")})
    lines = history.stdout.splitlines()
    assert len(lines) == 2 and "Product management in Dortmund" in lines[1], history.stdout
