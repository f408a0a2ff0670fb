"""The app as one participant of ``pm-quiz serve``: a download instead of a file, no
screenshot to the server's disk, no other participant's attempt."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from pm_quiz.bank.model import Bank
from pm_quiz.store.keeper import Keeper
from pm_quiz.tui.app import QuizApp
from pm_quiz.tui.screens.question import QuestionScreen
from pm_quiz.tui.screens.result import ResultScreen
from pm_quiz.tui.screens.welcome import WelcomeScreen

SIZE = (80, 24)


async def test_export_is_a_download_and_writes_no_file(bank: Bank, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       example_answers: dict[str, Any]
                                                       ) -> None:
    monkeypatch.chdir(tmp_path)
    keeper = Keeper(bank, "en", shared=True)
    keeper.session.restore(example_answers)
    app = QuizApp(keeper, resume=False, export_dir=tmp_path, served=True)
    delivered: list[tuple[str, dict[str, Any]]] = []

    def deliver_text(file: io.StringIO, **options: Any) -> str:
        delivered.append((file.getvalue(), options))
        return "key"

    monkeypatch.setattr(app, "deliver_text", deliver_text)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)  # no file-name dialog
    [(html, options)] = delivered
    assert "<html" in html.lower()
    assert options["save_filename"] == "pm-quiz-result.html"
    assert options["open_method"] == "download"
    assert list(tmp_path.iterdir()) == []  # nothing written on the server's side


async def test_no_screenshot_command_served_or_not(bank: Bank) -> None:
    """A participant gets nothing of the server's; alone, the export does what a screenshot
    would, and a screenshot needs a Downloads folder that may not exist."""
    served = QuizApp(Keeper(bank, "en", shared=True), resume=False, served=True)
    alone = QuizApp(Keeper(bank, "en"))
    for app in (served, alone):
        async with app.run_test(size=SIZE):
            titles = [c.title for c in app.get_system_commands(app.screen)]
            assert "Screenshot" not in titles and "Colour theme" in titles


async def test_a_participant_starts_afresh_beside_an_unfinished_attempt(bank: Bank,
                                                                        tmp_path: Path
                                                                        ) -> None:
    other = Keeper.open(bank, "en", tmp_path, group="room")
    other.session.choose(1)  # another participant's unfinished attempt
    me = Keeper.open(bank, "en", tmp_path, group="room", shared=True)
    app = QuizApp(me, resume=False, served=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, WelcomeScreen) and app.screen.offer is None
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen)
            assert app.session.answered == 0 and app.session.index == 0
            await pilot.press("2")
            await pilot.pause()
        assert me.attempt_id is not None and me.attempt_id != other.attempt_id
    finally:
        other.close()
        me.close()
