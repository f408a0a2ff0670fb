"""The real ``pm-quiz`` in tmux at its smallest size: German throughout, Textual's own words
included, and the language chosen with ``l`` kept for the next start."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tmux_driver import Tmux

pytestmark = pytest.mark.e2e

#: Textual's English words that a German quiz must not show.
ENGLISH = ("Do you want", "Press", "to quit", "Search for", "Keys", "Maximize", "Screenshot",
           "Theme", "Quit", "No matches")


def no_english(screen: str) -> None:
    for word in ENGLISH:
        assert word not in screen, f"{word!r} on a German screen:\n{screen}"


def gone(tmux: Tmux, text: str, timeout: float = 10.0) -> None:
    """Wait until ``text`` has left the screen."""
    deadline = time.monotonic() + timeout
    while text in tmux.screen():
        assert time.monotonic() < deadline, f"{text!r} stayed:\n{tmux.screen()}"
        time.sleep(0.1)


def test_german_throughout_and_kept_across_a_restart(terminal: Callable[..., Tmux],
                                                     tmp_path: Path) -> None:
    config = tmp_path / "config"
    env = {"PM_QUIZ_CONFIG_DIR": str(config), "PM_QUIZ_LANG": "en"}
    tmux = terminal(width=60, height=18, env=env)
    tmux.wait_for("Start the quiz")
    tmux.send("l")
    tmux.wait_for("Quiz starten")
    tmux.send("q")
    tmux.wait_for("EXITED:0")
    assert json.loads((config / "settings.json").read_text(encoding="utf-8")) == {
        "language": "de"}

    again = terminal(width=60, height=18, env=env)  # the environment still says English
    again.wait_for("Quiz starten")
    again.send("Enter")
    again.wait_for("1/44")
    again.send("C-c")
    no_english(again.wait_for("Beenden?"))
    again.send("C-p")
    no_english(again.wait_for("Befehl suchen"))
    screen = again.wait_for("Farbschema")
    assert "Sprache" in screen and "Hilfe" in screen
    again.send("z", "z", "z")
    no_english(again.wait_for("Nichts gefunden"))
    again.send("Escape")
    gone(again, "Nichts gefunden")
    again.send("q")
    again.wait_for("EXITED:0")

    english = terminal("--lang", "en", width=60, height=18, env=env)  # --lang wins, once
    english.wait_for("Start the quiz")
    english.send("q")
    english.wait_for("EXITED:0")
    assert json.loads((config / "settings.json").read_text(encoding="utf-8")) == {
        "language": "de"}
