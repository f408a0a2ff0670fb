"""Resume, an edited bank, saving the result and the not-saving warning, in the app."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.model import Bank
from pm_quiz.report.export import render
from pm_quiz.store.database import Store
from pm_quiz.store.keeper import Keeper
from pm_quiz.tui.app import QuizApp
from pm_quiz.tui.screens.export import ExportScreen
from pm_quiz.tui.screens.question import QuestionScreen
from pm_quiz.tui.screens.result import ResultScreen
from pm_quiz.tui.screens.welcome import WelcomeScreen
from pm_quiz.tui.widgets.answers import AnswerList

from helpers import CORPUS
from tui_helpers import make_app, row_text

SIZE = (80, 24)


def copy_bank(tmp_path: Path) -> Path:
    path = tmp_path / "questions.yaml"
    path.write_text((CORPUS / "good" / "minimal.yaml").read_text(encoding="utf-8"))
    return path


async def answer(app: QuizApp, *keys: str) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()


def welcome_actions(app: QuizApp) -> list[str]:
    answers = app.screen.query_one(AnswerList)
    return [row_text(answers, i) for i in range(answers.option_count)]


async def test_resume_is_the_default_and_start_over_one_key_away(bank: Bank,
                                                                 tmp_path: Path) -> None:
    data = tmp_path / "data"
    await answer(make_app(bank, data_dir=data), "4", "5", "3")
    app = make_app(bank, data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert welcome_actions(app) == ["› 1  Resume (3 of 44 answered)", "  2  Start over"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.index == 3 and len(app.session.answers) == 3
    app = make_app(bank, data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.index == 0 and app.session.answers == {}


async def test_resume_and_new_flags_decide_without_asking(bank: Bank, tmp_path: Path) -> None:
    data = tmp_path / "data"
    await answer(make_app(bank, data_dir=data), "1", "2")
    app = make_app(bank, data_dir=data, resume=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert welcome_actions(app) == ["› 1  Start the quiz"]
        assert app.session.index == 2
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.index == 2 and len(app.session.answers) == 2
        await pilot.press("3")
    with Store.open(data) as store:
        resumed = store.unfinished(app.keeper.bank_key)
    assert resumed is not None and len(resumed.answers) == 3  # one attempt carried on
    app = make_app(bank, data_dir=data, resume=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert welcome_actions(app) == ["› 1  Start the quiz"]
        assert app.session.index == 0 and app.session.answers == {}


async def test_edited_bank_keeps_valid_answers_and_names_the_dropped(tmp_path: Path) -> None:
    path = copy_bank(tmp_path)
    data = tmp_path / "data"
    await answer(make_app(load_bank(path), data_dir=data), "3", "1")  # l1 = 3, a1 = 1
    text = path.read_text(encoding="utf-8")
    text = text.replace("  max: 3\n", "  max: 2\n").replace(
        '    de: ["nein", "teils", "ja"]\n    en: ["no", "partly", "yes"]',
        '    de: ["nein", "ja"]\n    en: ["no", "yes"]')
    path.write_text(text, encoding="utf-8")
    app = make_app(load_bank(path), data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert welcome_actions(app)[0] == "› 1  Resume (1 of 3 answered)"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers == {"a1": 1}
        assert app.session.index == 0  # l1 is unanswered again
        notes = [str(n.message) for n in app._notifications]
        assert any("no longer fit" in n and "„I listen.“" in n for n in notes), notes
    app = make_app(load_bank(path), data_dir=data, resume=True)  # --resume: said at start
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session.answers == {"a1": 1}
        notes = [str(n.message) for n in app._notifications]
        assert any("no longer fit" in n and "„I listen.“" in n for n in notes), notes
        assert welcome_actions(app) == ["› 1  Start the quiz"]


async def test_a_removed_question_is_named_by_its_text_with_the_cache_emptied(
        tmp_path: Path) -> None:
    import shutil

    from pm_quiz.bank.cache import CACHE_DIR, load_bank_cached

    path = copy_bank(tmp_path)
    data = tmp_path / "data"
    original = load_bank_cached(path, data / CACHE_DIR)
    await answer(make_app(original, lang="de", data_dir=data), "2", "1")  # l1 = 2, a1 = 1
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if not line.startswith("  - {id: l1,"))
                    + "\n", encoding="utf-8")
    shutil.rmtree(data / CACHE_DIR)  # the bank the answers were given with is gone
    app = make_app(load_bank_cached(path, data / CACHE_DIR), lang="de", data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers == {"a1": 1}
        notes = [str(n.message) for n in app._notifications]
        assert any("„Ich höre zu.“" in n for n in notes), notes
        assert not any("l1" in n for n in notes), notes


async def test_every_answer_is_in_the_store_before_the_screen_moves(bank: Bank,
                                                                    tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = make_app(bank, data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        for count, key in enumerate("4253", 1):
            await pilot.press(key)
            with Store.open(data) as store:
                attempt = store.attempt(app.keeper.attempt_id or 0)
                assert attempt is not None and len(attempt.answers) == count


async def test_finishing_stores_the_result_and_history_compares(bank: Bank,
                                                                tmp_path: Path) -> None:
    data = tmp_path / "data"
    for key in ("1", "2"):
        app = make_app(bank, data_dir=data, resume=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press(*[key] * len(bank.questions))
            await pilot.pause()
            assert isinstance(app.screen, ResultScreen)
            shown = app.screen.data
    with Store.open(data) as store:
        finished = store.finished()
    assert len(finished) == 2 and all(a.result for a in finished)
    # the second result shows the change per dimension since the first
    first_scores = {d["id"]: d["score"] for d in finished[1].result["dimensions"]}  # type: ignore[index]
    assert {d["id"]: d["previous"] for d in shown["dimensions"]} == first_scores
    assert "since last time" in render(shown, "text")


async def test_saving_the_result_never_overwrites_without_asking(bank: Bank, tmp_path: Path,
                                                                 example_answers: dict[str, object]
                                                                 ) -> None:
    target = tmp_path / "result.md"
    target.write_text("mine")
    keeper = Keeper(bank, "en")
    keeper.session.restore(example_answers)  # type: ignore[arg-type]
    app = QuizApp(keeper, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        field = app.screen.query_one(Input)
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert "exists" in str(app.screen.query_one("#export-message", Static).render())
        await pilot.press("n")
        assert target.read_text() == "mine"
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
    assert target.read_text().startswith("# Your result – Product management")


async def test_a_store_that_cannot_be_written_shows_a_warning(bank: Bank,
                                                             tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    app = make_app(bank, data_dir=blocker / "data")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        warning = str(app.screen.query_one("#save-warning", Static).render())
        assert warning.startswith("⚠ Progress is not being saved")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("3")
        assert app.session.answers  # the quiz goes on
        assert app.screen.query_one("#save-warning", Static).display
