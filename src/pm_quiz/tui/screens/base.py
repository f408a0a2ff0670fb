"""What every screen of the quiz has: the session, and texts that follow the language."""

from __future__ import annotations

from textual.screen import Screen

from pm_quiz.i18n import t
from pm_quiz.session import QuizSession


class QuizScreen(Screen[None]):
    """A screen that shows the session; ``refresh_texts`` redraws it in the current language."""

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session

    def tr(self, key: str, **values: object) -> str:
        return t(self.session.lang, key, **values)

    def refresh_texts(self) -> None:
        """Show everything again, e.g. after the language changed."""
