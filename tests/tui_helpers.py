"""Helpers for the app tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot

from pm_quiz.bank.model import Bank
from pm_quiz.quiz.scoring import Answer
from pm_quiz.store.keeper import Keeper
from pm_quiz.tui.app import QuizApp
from pm_quiz.tui.widgets.answers import AnswerList


def make_app(bank: Bank, lang: str = "en", answers: dict[str, Answer] | None = None,
             data_dir: Path | None = None, resume: bool | None = None) -> QuizApp:
    """The app over an in-memory keeper (or a store in ``data_dir``), with ``answers``
    already given."""
    keeper = Keeper.open(bank, lang, data_dir) if data_dir else Keeper(bank, lang)
    if answers:
        keeper.session.restore(answers)
    return QuizApp(keeper, resume)


async def until(pilot: Pilot[int], condition: Callable[[], object],
                seconds: float = 5.0) -> None:
    """Wait (as a person would) until ``condition()`` holds, at most ``seconds``: for what
    reaches the app by a message or a timer of its own (a screen switch, a notification, an
    edit of the bank file), however busy the machine is."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the app did not get there in time"
        await pilot.pause(0.05)


def row_text(answers: AnswerList, index: int) -> str:
    """Row ``index`` of the answer list as its prompt renders, in plain text: ``› 3  label ●``."""
    console = Console(width=200, color_system=None, highlight=False)
    with console.capture() as captured:
        console.print(answers.get_option_at_index(index).prompt)
    lines = [line.rstrip() for line in captured.get().splitlines()]
    return lines[0] + "".join(f" {line.strip()}" for line in lines[1:] if line.strip())
