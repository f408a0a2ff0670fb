"""Helpers for the app tests."""

from __future__ import annotations

from pm_quiz.bank.model import Bank
from pm_quiz.scoring import Answer
from pm_quiz.session import QuizSession
from pm_quiz.tui.app import QuizApp


def make_app(bank: Bank, lang: str = "en",
             answers: dict[str, Answer] | None = None) -> QuizApp:
    return QuizApp(QuizSession(bank, lang, answers))
