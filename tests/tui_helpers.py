"""Helpers for the app tests."""

from __future__ import annotations

from pathlib import Path

from pm_quiz.bank.model import Bank
from pm_quiz.quiz.scoring import Answer
from pm_quiz.store.keeper import Keeper
from pm_quiz.tui.app import QuizApp


def make_app(bank: Bank, lang: str = "en", answers: dict[str, Answer] | None = None,
             data_dir: Path | None = None, resume: bool | None = None) -> QuizApp:
    """The app over an in-memory keeper (or a store in ``data_dir``), with ``answers``
    already given."""
    keeper = Keeper.open(bank, lang, data_dir) if data_dir else Keeper(bank, lang)
    if answers:
        keeper.session.restore(answers)
    return QuizApp(keeper, resume)
