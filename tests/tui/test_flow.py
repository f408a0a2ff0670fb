"""The app's behaviour, driven with Pilot as a person would: keys, mouse, resizes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from pm_quiz.bank.loader import load_bank_bytes
from pm_quiz.bank.model import Bank
from pm_quiz.quiz.scoring import Answer
from pm_quiz.store.keeper import Keeper
from pm_quiz.tui.app import QuizApp
from pm_quiz.tui.screens.help import HelpScreen
from pm_quiz.tui.screens.question import QuestionScreen
from pm_quiz.tui.screens.result import ResultScreen
from pm_quiz.tui.screens.too_small import TooSmallScreen
from pm_quiz.tui.screens.welcome import WelcomeScreen
from pm_quiz.tui.widgets.answers import AnswerList

from tui_helpers import make_app, row_text, until

SIZE = (80, 24)


def shown(app: QuizApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def start(pilot: object, app: QuizApp) -> None:
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, WelcomeScreen)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, QuestionScreen)


async def test_answer_everything_by_digits(bank: Bank) -> None:
    """The one walk through the whole default bank; the other ways of answering use a
    small bank."""
    app = make_app(bank)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        expected: dict[str, Answer] = {}
        for question in bank.questions:
            assert shown(app, "#counter") == f"{len(expected) + 1}/{len(bank.questions)}"
            assert shown(app, "#question-text") == question.text.get("en")
            number = 2 if question.type == "likert" else len(question.options)
            expected[question.id] = (bank.scale.min + 1 if question.type == "likert"
                                     else question.options[-1].id)
            await pilot.press(str(number))
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert app.session.answers == expected


async def test_start_up_ends_once_the_welcome_screen_is_painted(small_bank: Bank) -> None:
    """``on_started`` is called once, when the welcome screen is painted, and the bank file
    is watched from then on."""
    shown: list[object] = []
    app = QuizApp(Keeper(small_bank, "en"), on_started=lambda: shown.append(app.screen))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(shown) == 1 and isinstance(shown[0], WelcomeScreen)
        assert app.watcher.path == Path(small_bank.path)  # watched from the first paint
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen))
        assert len(shown) == 1


async def test_answer_everything_by_arrows_and_enter(small_bank: Bank) -> None:
    bank = small_bank
    app = make_app(bank)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        for _ in bank.questions:
            await pilot.press("down", "down", "up", "down", "enter")  # the third answer
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        for question in bank.questions:
            third = bank.scale.min + 2 if question.type == "likert" else question.options[2].id
            assert app.session.answers[question.id] == third


async def test_answer_everything_by_mouse(small_bank: Bank) -> None:
    bank = small_bank
    app = make_app(bank)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        for _ in bank.questions:
            await pilot.click(AnswerList, offset=(6, 0))  # the first answer's row
            await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        for question in bank.questions:
            first = bank.scale.min if question.type == "likert" else question.options[0].id
            assert app.session.answers[question.id] == first


async def test_back_highlights_the_earlier_answer_and_forward_skips(bank: Bank) -> None:
    app = make_app(bank)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        await pilot.press("4", "2")
        await pilot.press("left")
        answers = app.screen.query_one(AnswerList)
        assert app.session.index == 1
        assert answers.highlighted == 1  # "2" was the second answer
        assert "●" not in row_text(answers, 0)
        assert row_text(answers, 1).endswith("●")
        await pilot.press("backspace")
        assert app.session.index == 0 and answers.highlighted == 3
        await pilot.press("right", "right")
        assert app.session.index == 2
        await pilot.press("right")  # not answered yet: stays
        assert app.session.index == 2


async def test_revising_an_answer_changes_the_result(bank: Bank,
                                                    example_answers: dict[str, Answer]) -> None:
    app = make_app(bank, answers=example_answers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        before = shown(app, "#summary")
        last = bank.questions[-1]
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.current == last
        other = next(c.number for c in app.session.choices()
                     if c.value != example_answers[last.id])
        await pilot.press(str(other))
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        after = shown(app, "#summary")
        assert before != after
        assert app.session.answers[last.id] != example_answers[last.id]


async def test_start_over_from_the_result(bank: Bank,
                                          example_answers: dict[str, Answer]) -> None:
    app = make_app(bank, answers=example_answers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.answers == {} and app.session.index == 0


async def test_language_switch_keeps_the_answers(bank: Bank) -> None:
    app = make_app(bank, "de")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        await pilot.press("5", "1", "3")
        question = app.session.current
        assert question is not None
        assert shown(app, "#question-text") == question.text.get("de")
        await pilot.press("l")
        assert app.session.lang == "en"
        assert shown(app, "#question-text") == question.text.get("en")
        first_label = app.session.choices()[0].label
        assert first_label == (question.options[0].text.get("en") if question.options
                               else bank.scale.labels_for("en")[0])
        assert first_label in row_text(app.screen.query_one(AnswerList), 0)
        assert len(app.session.answers) == 3
        await pilot.press("l")
        assert app.session.lang == "de"


async def test_help_opens_and_closes(bank: Bank) -> None:
    app = make_app(bank)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")  # closes the help, does not quit
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_too_small_and_recovering_keeps_the_place(bank: Bank) -> None:
    app = make_app(bank)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        await pilot.press("4", "4")
        await pilot.resize_terminal(50, 14)
        await until(pilot, lambda: isinstance(app.screen, TooSmallScreen))
        assert "50×14" in str(app.screen.query_one("#too-small", Static).render())
        await pilot.resize_terminal(120, 40)
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen))
        assert app.session.index == 2
        await pilot.press("1")
        assert app.session.index == 3


async def test_starting_too_small_then_growing(bank: Bank) -> None:
    app = make_app(bank)
    async with app.run_test(size=(40, 10)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TooSmallScreen))
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: isinstance(app.screen, WelcomeScreen))


async def test_q_quits(bank: Bank) -> None:
    app = make_app(bank)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_bank_markup_and_escapes_are_shown_literally(tmp_path: Path) -> None:
    text = (Path(__file__).parents[1] / "corpus" / "good" / "minimal.yaml").read_text()
    text = text.replace('en: "I listen."', r'en: "[bold red]loud[/] \e[31mred"')
    bank = load_bank_bytes(text.encode(), "markup.yaml")
    app = make_app(bank)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        assert shown(app, "#question-text") == r"[bold red]loud[/] \x1b[31mred"


async def test_command_palette_and_themes(bank: Bank) -> None:
    from textual.command import CommandPalette

    app = make_app(bank)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"theme", "enter")
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("3")
        assert app.session.index == 1
