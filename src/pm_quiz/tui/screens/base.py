"""What every screen of the quiz has: the keeper and its session, texts that follow the
language, and a visible warning while progress is not being saved."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Static

from pm_quiz.i18n import t
from pm_quiz.quiz.session import QuizSession
from pm_quiz.report.safe import clean
from pm_quiz.store.keeper import Keeper


class SaveWarning(Static):
    """``⚠ Progress is not being saved: …``, shown only while that is so."""

    def show(self, warning: str | None) -> None:
        self.update(f"⚠ {clean(warning)}" if warning else "")
        self.display = bool(warning)


class QuizScreen(Screen[None]):
    """A screen that shows the session; ``refresh_texts`` redraws it in the current language."""

    def __init__(self, keeper: Keeper) -> None:
        super().__init__()
        self.keeper = keeper

    @property
    def session(self) -> QuizSession:
        return self.keeper.session

    def tr(self, key: str, **values: object) -> str:
        return t(self.session.lang, key, **values)

    def save_warning(self) -> SaveWarning:
        warning = SaveWarning(id="save-warning", markup=False)
        warning.show(self.keeper.warning)
        return warning

    def show_warning(self) -> None:
        for warning in self.query(SaveWarning):
            warning.show(self.keeper.warning)

    def refresh_texts(self) -> None:
        """Show everything again, e.g. after the language changed."""
        self.show_warning()

    def bank_changed(self) -> None:
        """The bank was edited (live preview): show the new texts."""
        self.refresh_texts()
