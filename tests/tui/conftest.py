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


SMALL = """
title: {de: "Kleines Quiz", en: "Small quiz"}
languages: [de, en]
scale:
  min: 1
  max: 5
  labels:
    de: ["nein", "eher nein", "teils, teils", "eher ja", "ja"]
    en: ["no", "rather not", "partly", "rather yes", "yes"]
dimensions:
  - {id: a, name: {de: "A", en: "A"}}
  - {id: b, name: {de: "B", en: "B"}}
  - {id: c, name: {de: "C", en: "C"}}
profiles:
  - {id: pa, name: {de: "PA", en: "PA"}, targets: {a: 90, b: 40, c: 20}}
  - {id: pb, name: {de: "PB", en: "PB"}, targets: {a: 20, b: 90, c: 40}}
questions:
  - {id: a1, type: likert, dimension: a, text: {de: "Aussage A", en: "Statement A"}}
  - {id: b1, type: likert, dimension: b, text: {de: "Aussage B", en: "Statement B"}}
  - {id: c1, type: likert, dimension: c, reverse: true,
     text: {de: "Aussage C", en: "Statement C"}}
  - id: s1
    type: choice
    text: {de: "Szenario", en: "Scenario"}
    options:
      - {id: x, text: {de: "X", en: "X"}, scores: {a: 2}}
      - {id: y, text: {de: "Y", en: "Y"}, scores: {b: 2}}
      - {id: z, text: {de: "Z", en: "Z"}, scores: {c: 2}}
"""


@pytest.fixture(scope="session")
def small_bank() -> Bank:
    """Four questions: enough for every way of answering, quick to walk through."""
    from pm_quiz.bank.loader import load_bank_bytes

    return load_bank_bytes(SMALL.encode("utf-8"), "small.yaml")
