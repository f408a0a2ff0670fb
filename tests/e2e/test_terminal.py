"""The real ``pm-quiz`` in tmux at 80x24: from welcome to result by keyboard alone."""

from __future__ import annotations

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
    """The wheel's pm-quiz, run from a directory without a questions.yaml."""
    tmux = terminal("--lang", lang, command=[str(wheel_pm_quiz)])
    tmux.wait_for(welcome)
    tmux.send("Enter")
    tmux.wait_for("1/44")
    for n in range(1, 45):
        tmux.wait_for(f"{n}/44")
        tmux.send("2" if n % 2 else "Down", *([] if n % 2 else ["Enter"]))
    screen = tmux.wait_for(result)
    assert "►1" in screen
    tmux.send("q")
    tmux.wait_for("EXITED:0")


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
