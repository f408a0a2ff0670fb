"""At the smallest size (60x18): one line of keys on every screen, the start choice in
sight, and the export dialog's own keys."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input

from pm_quiz.bank.model import Bank, LText
from pm_quiz.quiz.scoring import Answer
from pm_quiz.store.keeper import Keeper
from pm_quiz.tui.app import QuizApp
from pm_quiz.tui.widgets.keys import KeyLine

from tui_helpers import make_app

SMALLEST = (60, 18)


def keys(app: QuizApp) -> str:
    return str(app.screen.query_one(KeyLine).render())


def fits(text: str, width: int = SMALLEST[0] - 2) -> bool:
    return "\n" not in text and 0 < len(text) <= width


@pytest.mark.parametrize("lang", ["de", "en"])
async def test_one_line_of_keys_on_every_screen(bank: Bank, example_answers: dict[str, Answer],
                                                lang: str, tmp_path: Path) -> None:
    app = make_app(bank, lang)
    async with app.run_test(size=SMALLEST) as pilot:
        await pilot.pause()
        assert fits(keys(app))
        await pilot.press("enter")
        await pilot.pause()
        assert fits(keys(app))
        await pilot.press("question_mark")
        await pilot.pause()
        assert fits(keys(app))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert "→" in keys(app)  # the long wording where there is room
    app = make_app(bank, lang, example_answers)
    app.export_dir = tmp_path
    async with app.run_test(size=SMALLEST) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        result_keys = keys(app)
        assert fits(result_keys)
        await pilot.press("e")
        await pilot.pause()
        assert fits(keys(app)) and keys(app) != result_keys
        assert "Enter" in keys(app) and "Esc" in keys(app)


async def test_the_export_dialog_says_which_keys_apply(bank: Bank,
                                                       example_answers: dict[str, Answer],
                                                       tmp_path: Path) -> None:
    (tmp_path / "mine.md").write_text("mine", encoding="utf-8")
    app = make_app(bank, "de", example_answers)
    app.export_dir = tmp_path
    async with app.run_test(size=SMALLEST) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert keys(app) == "Enter speichern · Esc abbrechen"
        app.screen.query_one(Input).value = "mine.md"
        await pilot.press("enter")
        await pilot.pause()
        assert keys(app).startswith("j überschreiben")
        await pilot.press("n")
        await pilot.pause()
        assert keys(app) == "Enter speichern · Esc abbrechen"
        assert (tmp_path / "mine.md").read_text(encoding="utf-8") == "mine"


async def test_the_resume_choice_is_in_sight_at_the_smallest_size(bank: Bank,
                                                                  tmp_path: Path) -> None:
    """A long introduction scrolls in its box (PageDown); the choice stays in sight."""
    long = " ".join(["Ein Satz der Einleitung, der Platz braucht."] * 20)
    bank = replace(bank, intro=LText({"de": long, "en": long}))
    keeper = Keeper.open(bank, "de", tmp_path)
    keeper.session.choose(3)
    keeper.close()
    again = Keeper.open(bank, "de", tmp_path)
    app = QuizApp(again)
    try:
        async with app.run_test(size=SMALLEST) as pilot:
            await pilot.pause()
            actions = app.screen.query_one("#actions")
            footer = app.screen.query_one(KeyLine)
            assert actions.region.height == 2
            assert actions.region.bottom <= footer.region.y
            await pilot.press("pagedown")  # the introduction scrolls, the choice stays
            await pilot.pause()
            assert app.screen.query_one("#intro-box").scroll_y > 0
            assert actions.region.bottom <= footer.region.y
    finally:
        again.close()
