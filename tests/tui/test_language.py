"""The app in the user's language, Textual's own words included, and what it keeps for the
next start (language and theme)."""

from __future__ import annotations

import json
from pathlib import Path

from textual.command import CommandInput
from textual.widgets import Static

from pm_quiz.bank.model import Bank
from pm_quiz.store.keeper import Keeper
from pm_quiz.store.settings import FILE_NAME
from pm_quiz.tui.app import QuizApp
from pm_quiz.tui.widgets.palette import QuizPalette

from tui_helpers import until

SIZE = (80, 24)
ENGLISH = ("Search for commands", "Keys", "Maximize", "Screenshot", "Theme", "Quit",
           "Do you want to quit", "Press")


def app_with(bank: Bank, lang: str, config: Path, **options: object) -> QuizApp:
    return QuizApp(Keeper(bank, lang), settings=config / FILE_NAME, **options)  # type: ignore[arg-type]


def welcome_title(app: QuizApp) -> str:
    return str(app.screen.query_one("#welcome-title", Static).render())


async def test_language_and_theme_are_kept_for_the_next_start(bank: Bank,
                                                             tmp_path: Path) -> None:
    first = app_with(bank, "en", tmp_path)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert first.lang == "en"
        await pilot.press("l")
        await pilot.pause()
        assert first.lang == "de"
        first.theme = "nord"
        await pilot.pause()
    assert json.loads((tmp_path / FILE_NAME).read_text()) == {"language": "de",
                                                               "theme": "nord"}
    again = app_with(bank, "en", tmp_path)  # as the locale would choose
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.lang == "de"
        assert again.theme == "nord"
        assert "passt das zu dir" in welcome_title(again)


async def test_lang_on_the_command_line_wins_for_that_run(bank: Bank, tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text('{"language": "de"}', encoding="utf-8")
    app = app_with(bank, "en", tmp_path, lang_given=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.lang == "en"
    assert json.loads((tmp_path / FILE_NAME).read_text()) == {"language": "de"}


async def test_kept_values_the_bank_or_textual_do_not_know_are_left_aside(
        bank: Bank, tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text('{"language": "fr", "theme": "no-such-theme"}',
                                      encoding="utf-8")
    app = app_with(bank, "en", tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.lang == "en"
        assert app.theme != "no-such-theme"


async def test_the_language_is_kept_on_resume(bank: Bank, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = QuizApp(Keeper.open(bank, "en", data), settings=tmp_path / FILE_NAME)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("3", "l")
        await pilot.pause()
    first.keeper.close()
    keeper = Keeper.open(bank, "en", data)
    again = QuizApp(keeper, resume=True, settings=tmp_path / FILE_NAME)
    try:
        async with again.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            assert again.lang == "de"
            assert again.session.index == 1
    finally:
        keeper.close()


async def test_served_keeps_nothing(bank: Bank, tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text('{"language": "de"}', encoding="utf-8")
    app = QuizApp(Keeper(bank, "en", shared=True), resume=False, served=True,
                  settings=tmp_path / FILE_NAME)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.lang == "en"
        await pilot.press("l")
        await pilot.pause()
    assert json.loads((tmp_path / FILE_NAME).read_text()) == {"language": "de"}


async def test_settings_that_cannot_be_kept_are_said_once(bank: Bank, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("in the way", encoding="utf-8")
    app = app_with(bank, "en", tmp_path / "file")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications if n.severity == "warning"]
        assert len(said) == 1 and str(tmp_path / "file") in said[0]
        assert said[0].startswith("Sprache und Farbschema")  # in the language just chosen
        assert app.lang == "de"  # the quiz goes on


def shown_text(app: QuizApp) -> str:
    """Every text on screen and in the notifications."""
    parts = [str(w.render()) for w in app.screen.query(Static)]
    parts += [f"{n.title} {n.message}" for n in app._notifications]
    return "\n".join(parts)


async def test_the_palette_and_ctrl_c_speak_german(bank: Bank, tmp_path: Path) -> None:
    app = app_with(bank, "de", tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        notes = [f"{n.title} {n.message}" for n in app._notifications]
        assert notes == ["Beenden? Drück q, um pm-quiz zu beenden."]
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, QuizPalette))
        assert app.screen.query_one(CommandInput).placeholder == "Befehl suchen…"
        titles = [c.title for c in app.get_system_commands(app.screen_stack[-2])]
        assert titles == ["Hilfe", "Sprache", "Farbschema", "Beenden"]
        await pilot.press(*"zzzz")

        def palette_text() -> str:
            return shown_text(app) + "\n".join(
                str(o.prompt) for o in app.screen.query_one("CommandList").options)  # type: ignore[attr-defined]

        await until(pilot, lambda: "Nichts gefunden" in palette_text())
        shown = palette_text()
        for word in ENGLISH:
            assert word not in shown, word
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p", *"Farb", "enter")
        await until(pilot, lambda: isinstance(app.screen, QuizPalette) and app.screen.query_one(
            CommandInput).placeholder == "Farbschema suchen…")


async def test_help_from_the_palette(bank: Bank, tmp_path: Path) -> None:
    app = app_with(bank, "en", tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Help", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
