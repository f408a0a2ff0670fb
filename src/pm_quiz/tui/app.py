"""The Textual app: a thin front end over :class:`~pm_quiz.session.QuizSession`.

Screens show the session and pass key presses on; they tell the app where to go next by
messages. Scoring, validation and storage live in the core.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.events import Resize

from pm_quiz.bank.model import Bank
from pm_quiz.i18n import t
from pm_quiz.session import QuizSession
from pm_quiz.tui.screens.base import QuizScreen
from pm_quiz.tui.screens.help import HelpScreen
from pm_quiz.tui.screens.question import QuestionScreen
from pm_quiz.tui.screens.result import ResultScreen
from pm_quiz.tui.screens.too_small import TooSmallScreen
from pm_quiz.tui.screens.welcome import WelcomeScreen

MIN_WIDTH = 60
MIN_HEIGHT = 18


class QuizApp(App[int]):
    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "pm-quiz"
    BINDINGS = [
        Binding("q", "quit", "Quit", show=False),
        Binding("question_mark,f1", "help", "Help", show=False),
        Binding("l", "language", "Language", show=False),
    ]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session
        self._too_small: TooSmallScreen | None = None
        self._mounted = False

    def on_mount(self) -> None:
        self.push_screen(WelcomeScreen(self.session))
        self._mounted = True
        self.check_size(self.size.width, self.size.height)

    # -- moving between screens -----------------------------------------------------
    def show_questions(self) -> None:
        self.switch_screen(QuestionScreen(self.session))

    def show_result(self) -> None:
        self.switch_screen(ResultScreen(self.session))

    @on(WelcomeScreen.Start)
    def _start(self) -> None:
        if self.session.finished:
            self.show_result()
        else:
            self.show_questions()

    @on(QuestionScreen.Finished)
    def _finished(self) -> None:
        self.show_result()

    @on(QuestionScreen.BackFromFirst)
    def _back_to_welcome(self) -> None:
        self.switch_screen(WelcomeScreen(self.session))

    @on(ResultScreen.Revise)
    def _revise(self) -> None:
        self.session.back()
        self.show_questions()

    @on(ResultScreen.Restart)
    def _restart(self) -> None:
        self.session.restart()
        self.show_questions()

    # -- app-wide keys ----------------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, (HelpScreen, TooSmallScreen)):
            self.push_screen(HelpScreen(self.session.lang))

    def action_language(self) -> None:
        self.session.next_language()
        for screen in self.screen_stack:
            if isinstance(screen, QuizScreen):
                screen.refresh_texts()

    # -- terminal size ------------------------------------------------------------------
    def on_resize(self, event: Resize) -> None:
        if self._mounted:  # before that, on_mount checks once the first screen is there
            self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if small:
            message = t(self.session.lang, "too_small", width=width, height=height,
                        min_width=MIN_WIDTH, min_height=MIN_HEIGHT)
            if self._too_small is None:
                self._too_small = TooSmallScreen(message)
                self.push_screen(self._too_small)
            else:
                self._too_small.show(message)
        elif self._too_small is not None:
            if self.screen is self._too_small:
                self.pop_screen()
            self._too_small = None


def run_app(bank: Bank, lang: str, session: QuizSession | None = None) -> int:
    app = QuizApp(session or QuizSession(bank, lang))
    app.run()
    return app.return_code or 0
