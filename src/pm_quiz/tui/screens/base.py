"""What every screen of the quiz has: the keeper and its session, texts that follow the
language, and a visible warning while progress is not being saved."""

from __future__ import annotations

from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from pm_quiz.i18n import t
from pm_quiz.quiz.session import QuizSession
from pm_quiz.report.safe import clean
from pm_quiz.store.keeper import Keeper
from pm_quiz.tui.widgets.keys import KeyLine


class SaveWarning(Static):
    """``⚠ Progress is not being saved: …``, shown only while that is so."""

    def show(self, warning: str | None) -> None:
        self.update(f"⚠ {clean(warning)}" if warning else "")
        self.display = bool(warning)


class BankProblem(Static):
    """While an edit of the bank does not load (live preview): what is wrong, where to see
    it all; gone when the bank loads again."""

    def show(self, text: str | None) -> None:
        self.update(text or "")
        self.display = bool(text)


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

    def bottom(self) -> Vertical:
        """The lines at the bottom, stacked so that none hides another: the live-preview
        line, the save warning (each only when there is something to say) and the keys."""
        return Vertical(self.bank_problem(), self.save_warning(), KeyLine(), id="bottom")

    def save_warning(self) -> SaveWarning:
        warning = SaveWarning(id="save-warning", markup=False)
        warning.show(self.keeper.warning)
        return warning

    def bank_problem(self) -> BankProblem:
        banner = BankProblem(id="bank-problem", markup=False)
        banner.show(self._bank_problem_text())
        return banner

    def _bank_problem_text(self) -> str | None:
        text = getattr(self.app, "bank_problem", None)
        return text if isinstance(text, str) else None

    def show_bank_problem(self) -> None:
        for banner in self.query(BankProblem):
            banner.show(self._bank_problem_text())

    def show_warning(self) -> None:
        for warning in self.query(SaveWarning):
            warning.show(self.keeper.warning)

    def refresh_texts(self) -> None:
        """Show everything again, e.g. after the language changed."""
        self.show_warning()

    def bank_changed(self) -> None:
        """The bank was edited (live preview): show the new texts."""
        self.refresh_texts()
