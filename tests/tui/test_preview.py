"""Live preview: edits to the bank file show up in the running app."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from textual.widgets import Static

from pm_quiz.bank.loader import load_bank
from pm_quiz.tui.app import QuizApp
from pm_quiz.tui.watch import BankChanged, BankWatcher

from helpers import CORPUS
from tui_helpers import make_app, until

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


def notified(app: QuizApp, *words: str) -> bool:
    """Whether a notification with all ``words`` has been shown: a notification reaches the
    screen by a message of its own, a moment after the change that caused it."""
    return any(all(word in str(n.message) for word in words) for n in app._notifications)


def question_text(app: QuizApp) -> str:
    return str(app.screen.query_one("#question-text", Static).render())


def test_the_first_look_sees_an_edit_made_before_watching_began(tmp_path: Path) -> None:
    path = bank_file(tmp_path)
    bank = load_bank(path)
    assert BankWatcher(path, bank.fingerprint).poll() is None  # read, and unchanged
    edit(path, '"Numbers bore me."', '"Spreadsheets bore me."')
    watcher = BankWatcher(path, bank.fingerprint)
    event = watcher.poll()
    assert isinstance(event, BankChanged)
    assert "Spreadsheets bore me." in [q.text.get("en") for q in event.bank.questions]
    assert watcher.poll() is None
    assert BankWatcher(tmp_path / "gone.yaml", bank.fingerprint).poll() is None


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


def banner(app: QuizApp) -> str | None:
    """The live-preview line about a broken edit, when it is shown."""
    found = app.screen.query("#bank-problem")
    if not found or not found.first().display:
        return None
    return str(found.first(Static).render())


async def test_an_invalid_edit_is_shown_until_fixed_and_the_last_good_bank_stays(
        tmp_path: Path) -> None:
    path = bank_file(tmp_path)
    app = make_app(load_bank(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        good = app.session.bank
        assert banner(app) is None
        edit(path, "dimension: listening, text", "dimension: listenin, text")
        await until(pilot, lambda: banner(app) is not None)
        shown = banner(app)
        assert shown is not None
        assert f"{path}:21:39: unknown dimension 'listenin'" in shown
        assert "pm-quiz validate" in shown
        assert app.session.bank is good
        assert question_text(app) == "I listen."
        await pilot.pause(1.2)  # no toast that vanishes: the line stays while it is broken
        await pilot.press("3")
        assert banner(app) == shown  # and on the next question too
        edit(path, "dimension: listenin, text", "dimension: listening, text")
        edit(path, '"Numbers bore me."', '"Numbers bore me a lot."')
        await until(pilot, lambda: question_text(app) == "Numbers bore me a lot.")
        assert banner(app) is None
        await until(pilot, lambda: notified(app, "reloaded"))


async def test_undoing_a_broken_edit_clears_the_line(tmp_path: Path) -> None:
    """Back to exactly the bank in use: nothing changed, but the broken state is over."""
    path = bank_file(tmp_path)
    app = make_app(load_bank(path), "de")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        edit(path, "dimension: listening, text", "dimension: listenin, text")
        await until(pilot, lambda: banner(app) is not None)
        assert "Fragendatei" in (banner(app) or "")
        edit(path, "dimension: listenin, text", "dimension: listening, text")
        await until(pilot, lambda: banner(app) is None)
        await until(pilot, lambda: notified(app, "neu geladen"))


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
        await until(pilot, lambda: notified(app, "no longer fit", "„I listen.“"))


async def test_the_line_is_whole_at_the_smallest_size(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 60x18 in German the broken-edit line shows all it says, above the keys line (not
    under it), with every answer of the question still in sight (a coach's bank given as
    a short path, as on the command line)."""
    bank_file(tmp_path)
    monkeypatch.chdir(tmp_path)
    path = Path("questions.yaml")
    app = make_app(load_bank(path), "de")
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        edit(path, "dimension: listening, text", "dimension: listenin, text")
        await until(pilot, lambda: banner(app) is not None)
        line = app.screen.query_one("#bank-problem", Static)
        keys = app.screen.query_one("#keys", Static)
        assert line.region.bottom <= keys.region.y  # nothing hidden under the keys
        assert line.size.height == line.get_content_height(line.size, line.size, line.size.width)
        assert "unbekannte Dimension 'listenin'" in (banner(app) or "")
        assert "&#x27;listenin&#x27;" in app.export_screenshot()  # and on the screen
        for answer in app.screen.query("#answers > *"):
            assert answer.region.bottom <= line.region.y
