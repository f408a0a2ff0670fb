"""The default bank: what the issue asks of its content, and that every profile can win."""

from __future__ import annotations

from collections import Counter

import pytest

from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.locate import default_bank_path
from pm_quiz.bank.model import Bank
from pm_quiz.quiz.analysis import find_witness
from pm_quiz.quiz.scoring import score

ARTICLE_PROFILES = {"bridge_builder", "pragmatist", "tinkerer", "organiser", "career_changer",
                    "headwind_innovator"}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(default_bank_path())


def test_loads_cleanly_in_german_and_english(bank: Bank) -> None:
    assert bank.languages == ("de", "en")
    assert not bank.warnings


def test_content_counts(bank: Bank) -> None:
    likert = [q for q in bank.questions if q.type == "likert"]
    choice = [q for q in bank.questions if q.type == "choice"]
    assert len(bank.dimensions) >= 8
    assert len(bank.profiles) >= 5
    assert len(bank.questions) >= 30
    assert len(likert) >= 18 and len(choice) >= 8
    assert sum(q.reverse for q in likert) * 3 >= len(likert)
    per_dimension = Counter(q.dimension for q in likert)
    assert all(per_dimension[d.id] >= 3 for d in bank.dimensions), per_dimension


def test_profiles_are_the_articles_kinds_of_people(bank: Bank) -> None:
    assert {p.id for p in bank.profiles} >= ARTICLE_PROFILES
    for profile in bank.profiles:
        assert profile.description.get("de") and profile.description.get("en")


def test_every_text_is_in_both_languages(bank: Bank) -> None:
    texts = [bank.title, bank.intro]
    texts += [q.text for q in bank.questions]
    texts += [o.text for q in bank.questions for o in q.options]
    texts += [d.name for d in bank.dimensions] + [p.name for p in bank.profiles]
    for text in texts:
        assert set(text.by_lang) == {"de", "en"}
        assert text.get("de") != "" and text.get("en") != ""


def test_context_names_industries_and_salary_figures(bank: Bank) -> None:
    assert bank.context is not None
    for lang, words in {"de": ["Logistik", "Energie", "3.000", "4.000", "5.500"],
                        "en": ["logistics", "energy", "3,000", "4,000", "5,500"]}.items():
        text = " ".join(p.get(lang) for p in bank.context.points).lower()
        for word in words:
            assert word.lower() in text, (lang, word)
        assert bank.context.source.get(lang)


@pytest.mark.parametrize("profile_id", sorted(ARTICLE_PROFILES))
def test_every_profile_is_reachable(bank: Bank, profile_id: str) -> None:
    witness = find_witness(bank, profile_id)
    assert witness is not None, f"no answers make {profile_id} rank first"
    result = score(bank, witness.answers)
    assert result.profiles[0].profile.id == profile_id
    assert result.answered == result.total
