"""Fixtures for the app tests: banks, sessions and a ready-made app."""

from __future__ import annotations

from pathlib import Path

import pytest

from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.locate import default_bank_path
from pm_quiz.bank.model import Bank
from pm_quiz.quiz.answers import load_answers
from pm_quiz.quiz.scoring import Answer

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="session")
def bank() -> Bank:
    return load_bank(default_bank_path())


@pytest.fixture(scope="session")
def example_answers(bank: Bank) -> dict[str, Answer]:
    return load_answers(ROOT / "examples" / "answers.yaml", bank)
