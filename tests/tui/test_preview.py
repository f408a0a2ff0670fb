"""Live preview: edits to the bank file show up in the running app."""

from __future__ import annotations

import os
import time
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from pm_quiz.bank.loader import load_bank
from pm_quiz.tui.app import QuizApp

from helpers import CORPUS
from tui_helpers import make_app

SIZE = (80, 24)


def bank_file(tmp_path: Path) -> Path:
    path = tmp_path / "questions.yaml"
    path.write_text((CORPUS / "good" / "minimal.yaml").read_text(encoding="utf-8"))
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    later = time.time() + 1  # a new time stamp, even on coarse file systems
    os.utime(path, (later, later))


async def until(pilot: Pilot[int], condition: object, seconds: float = 2.0) -> None:
    """Wait (as a person would) until ``condition()`` holds; at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the app did not pick up the edit in time"
        await pilot.pause(0.1)


def question_text(app: QuizApp) -> str:
    return str(app.screen.query_one("#question-text", Static).render())


async def test_a_valid_edit_updates_the_texts_in_place_and_keeps_answers(
        tmp_path: Path) -> None:
    path = bank_file(tmp_path)
    app = make_app(load_bank(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("3")
        assert question_text(app) == "Numbers bore me."
        edit(path, '"Numbers bore me."', '"Spreadsheets bore me."')
        await until(pilot, lambda: question_text(app) == "Spreadsheets bore me.")
        assert app.session.answers == {"l1": 3}
        assert app.session.index == 1
        await pilot.press("1")
        assert app.session.answers == {"l1": 3, "a1": 1}


async def test_an_invalid_edit_is_reported_and_the_last_good_bank_stays(
        tmp_path: Path) -> None:
    path = bank_file(tmp_path)
    app = make_app(load_bank(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        good = app.session.bank
        edit(path, "dimension: listening, text", "dimension: listenin, text")
        await until(pilot, lambda: any("listenin" in str(n.message)
                                       for n in app._notifications))
        note = next(n for n in app._notifications if "listenin" in str(n.message))
        assert note.severity == "error"
        assert f"{path}:21:39: unknown dimension 'listenin'" in str(note.message)
        assert app.session.bank is good
        assert question_text(app) == "I listen."
        edit(path, "dimension: listenin, text", "dimension: listening, text")
        edit(path, '"I listen."', '"I listen well."')
        await until(pilot, lambda: question_text(app) == "I listen well.")


async def test_removing_an_answered_question_names_it(tmp_path: Path) -> None:
    path = bank_file(tmp_path)
    app = make_app(load_bank(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("2", "3")
        edit(path, "  - {id: l1, type: likert, dimension: listening, text: "
                   "{de: \"Ich höre zu.\", en: \"I listen.\"}}\n", "")
        await until(pilot, lambda: "l1" not in app.session.answers)
        assert app.session.answers == {"a1": 3}
        assert any("no longer fit" in str(n.message) and "l1" in str(n.message)
                   for n in app._notifications)
