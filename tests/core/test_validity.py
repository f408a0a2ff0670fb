"""The matching rule compares shape, and the result says "no clear fit" when the answers do
not support a type: each reason on a small balanced bank, and the rule's invariances."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.locate import default_bank_path
from pm_quiz.bank.model import Bank
from pm_quiz.quiz import validity
from pm_quiz.quiz.analysis import check_bank
from pm_quiz.quiz.scoring import Result, score, scorer_for
from pm_quiz.quiz.simulate import simulate
from pm_quiz.report.data import result_data, upgrade
from pm_quiz.report.markdown import render_markdown
from pm_quiz.report.summary import Summary

from banks import bank_dict, choice, likert, load, profile

DIMS = ("a", "b", "c")
PROFILES = {"pa": {"a": 90, "b": 40, "c": 20}, "pb": {"a": 20, "b": 90, "c": 40},
            "pc": {"a": 40, "b": 20, "c": 90}}


def balanced(forward_only: bool = False) -> Bank:
    """Three dimensions of four statements each, two of them reverse-keyed, and a scenario."""
    questions: list[dict[str, Any]] = []
    for dim in DIMS:
        for i in range(4):
            questions.append(likert(f"{dim}{i}", dim,
                                    reverse=False if forward_only else i % 2 == 1))
    questions.append(choice("s", {"x": {"a": 2}, "y": {"b": 2}, "z": {"c": 2}}))
    return load(bank_dict(DIMS, [profile(p, t) for p, t in PROFILES.items()], questions))


def at_levels(bank: Bank, levels: dict[str, int], scenario: str = "x") -> dict[str, int | str]:
    """Answers that put each dimension at ``levels`` (keyed answer on 1..5)."""
    answers: dict[str, int | str] = {"s": scenario}
    for q in bank.questions:
        if q.type == "likert":
            assert q.dimension is not None
            k = levels[q.dimension]
            answers[q.id] = 6 - k if q.reverse else k
    return answers


def codes(result: Result) -> list[str]:
    return [r.code for r in result.reasons]


# -- the shape rule ---------------------------------------------------------------------
def test_a_persona_gets_its_own_profile_clearly() -> None:
    bank = balanced()
    result = score(bank, at_levels(bank, {"a": 5, "b": 3, "c": 1}))
    assert result.verdict == "clear" and codes(result) == []
    assert result.best is not None and result.best.profile.id == "pa"
    assert result.best.match is not None and result.best.match > 90


@settings(max_examples=60, deadline=None)
@given(scores=st.lists(st.floats(0, 60), min_size=3, max_size=3),
       shift=st.floats(0, 40), stretch=st.floats(0.2, 1.6))
def test_matches_ignore_elevation_and_scatter(scores: list[float], shift: float,
                                              stretch: float) -> None:
    """Answering everything higher (elevation) or more extremely (scatter) moves no match."""
    scorer = scorer_for(balanced())
    before = scorer.matches(scores)
    moved = scorer.matches([min(100.0, stretch * s + shift) for s in scores])
    spread = max(scores) - min(scores)
    if spread * min(1.0, stretch) > 20 and max(stretch * s + shift for s in scores) <= 100:
        assert moved == pytest.approx(before, abs=1e-6)


def test_agreeing_with_everything_crowns_nobody() -> None:
    bank = balanced()
    result = score(bank, {q.id: (5 if q.type == "likert" else "x") for q in bank.questions})
    assert result.best is None
    assert "acquiescence" in codes(result) and "straight_lining" in codes(result)


# -- each reason ------------------------------------------------------------------------
def test_too_few_answers_names_the_dimensions() -> None:
    bank = balanced()
    result = score(bank, {"a0": 5})
    assert result.best is None
    [reason] = [r for r in result.reasons if r.code == "too_few_answers"]
    assert reason.dimensions == ("a", "b", "c")


def test_two_thirds_of_each_dimension_is_enough() -> None:
    bank = balanced()
    answers = at_levels(bank, {"a": 5, "b": 3, "c": 1})
    for dim in DIMS:  # 3 of 4 statements each: ceil(2/3 * 5) = 4 of 5 items with the scenario
        del answers[f"{dim}3"]
    assert "too_few_answers" not in codes(score(bank, answers))
    del answers["a2"]
    assert codes(score(bank, answers))[0] == "too_few_answers"


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_straight_lining_is_unclear_whatever_the_number(number: int) -> None:
    bank = balanced()
    answers = {q.id: (number if q.type == "likert" else "y") for q in bank.questions}
    result = score(bank, answers)
    assert result.best is None and "straight_lining" in codes(result)


def test_inconsistent_answers_within_a_dimension() -> None:
    bank = balanced()
    answers: dict[str, int | str] = {"s": "x"}
    for q in bank.questions:  # keyed answers alternate 5 and 1 within every dimension
        if q.type == "likert":
            keyed = 5 if q.id[-1] in "02" else 1
            answers[q.id] = 6 - keyed if q.reverse else keyed
    result = score(bank, answers)
    assert result.indices.inconsistency is not None
    assert result.indices.inconsistency > validity.INCONSISTENCY
    assert "inconsistent" in codes(result) and result.best is None


@pytest.mark.parametrize(("high", "code"), [(True, "acquiescence"), (False, "nay_saying")])
def test_yea_and_nay_saying_from_forward_reverse_pairs(high: bool, code: str) -> None:
    bank = balanced()
    answers: dict[str, int | str] = {"s": "x"}
    for q in bank.questions:
        if q.type == "likert":  # 5 and 4 (or 1 and 2) whatever the statement says
            answers[q.id] = (5 if q.reverse else 4) if high else (1 if q.reverse else 2)
    result = score(bank, answers)
    assert code in codes(result) and "straight_lining" not in codes(result)
    assert result.best is None


def test_no_fit_when_the_answers_have_no_shape() -> None:
    """Every dimension in the middle, from answers that are neither straight nor
    inconsistent: no pattern, so no profile resembles it."""
    bank = balanced()
    keyed = {"0": 2, "1": 4, "2": 4, "3": 2}
    answers: dict[str, int | str] = {}
    for q in bank.questions:
        if q.type == "likert":
            answers[q.id] = 6 - keyed[q.id[-1]] if q.reverse else keyed[q.id[-1]]
    result = score(bank, answers)
    assert [d.score for d in result.dimensions] == [50.0, 50.0, 50.0]
    assert [m.match for m in result.profiles] == [0.0, 0.0, 0.0]
    assert codes(result) == ["no_fit", "close_call"] and result.best is None


def test_close_call_keeps_the_best_and_says_so() -> None:
    bank = load(bank_dict(DIMS, [profile("p1", {"a": 90, "b": 60, "c": 10}),
                                 profile("p2", {"a": 90, "b": 50, "c": 10})],
                          [likert(f"{d}{i}", d, reverse=i == 1) for d in DIMS for i in (0, 1)]))
    answers = {q.id: (6 - k if q.reverse else k)
               for q in bank.questions for k in [{"a": 5, "b": 3, "c": 1}[q.dimension or "a"]]}
    result = score(bank, answers)
    assert result.verdict == "close_call" and codes(result) == ["close_call"]
    assert result.best is not None and result.close_call


def test_a_small_bank_gives_a_clear_result_to_complete_consistent_answers() -> None:
    """The README's minimal bank: one statement per dimension, one scenario."""
    from helpers import CORPUS

    bank = load_bank(CORPUS / "good" / "minimal.yaml")
    result = score(bank, {"l1": 3, "a1": 3, "c1": "a"})
    assert result.verdict == "clear"
    assert result.best is not None and result.best.profile.id == "listener"


# -- the default bank --------------------------------------------------------------------
@pytest.fixture(scope="module")
def default() -> Bank:
    return load_bank(default_bank_path())


def test_one_answer_of_the_default_bank_presents_no_type(default: Bank) -> None:
    result = score(default, {default.questions[0].id: 5})
    assert result.best is None and codes(result)[0] == "too_few_answers"


@pytest.mark.parametrize("number", [1, 3, 5])
def test_straight_lining_the_default_bank_is_unclear(default: Bank, number: int) -> None:
    answers = {q.id: number if q.type == "likert" else q.options[0].id
               for q in default.questions}
    result = score(default, answers)
    assert result.best is None and "straight_lining" in codes(result)


# -- check and the simulation -------------------------------------------------------------
def test_the_simulation_is_seeded_and_reproducible() -> None:
    bank = balanced()
    assert simulate(bank, 60, seed=3) == simulate(bank, 60, seed=3)
    assert simulate(bank, 60, seed=3) != simulate(bank, 60, seed=4)


def test_check_flags_a_bank_with_only_forward_keyed_statements() -> None:
    report = check_bank(balanced(forward_only=True), respondents=100)
    assert "no-reverse-items" in [f.code for f in report.findings]
    assert "no-reverse-items" not in [f.code for f in check_bank(balanced(), 100).findings]


def test_check_recovers_the_personas_of_a_balanced_bank() -> None:
    report = check_bank(balanced(), respondents=200)
    personas = {v.profile: v.own for v in report.validity if v.kind == "persona"}
    assert set(personas) == set(PROFILES)
    assert all(own is not None and own >= 0.9 for own in personas.values()), personas
    random_style = report.style("random")  # three dimensions make a coarse shape
    assert random_style is not None and random_style.unclear >= 0.7


# -- how it reads ------------------------------------------------------------------------
def rendered(data: Any, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(Summary(data))
    return console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "headline", "reason"), [
    ("en", "No clear fit", "Every statement got the same answer (3)"),
    ("de", "Kein klares Ergebnis", "Jede Aussage bekam dieselbe Antwort (3)"),
])
def test_an_unclear_result_says_so_first_in_both_languages(
        default: Bank, lang: str, headline: str, reason: str) -> None:
    answers = {q.id: 3 if q.type == "likert" else q.options[0].id for q in default.questions}
    data = result_data(default, score(default, answers), lang, answers)
    assert data["best"] is None and data["verdict"] == "unclear"
    profiles = "How you match each profile" if lang == "en" else "Wie gut du zu jedem Profil"
    for text in (rendered(data), render_markdown(data).replace("\\", "")):
        assert headline in text and reason in text
        assert "Best fit" not in text and "Am besten passt" not in text
        assert text.index(headline) < text.index(reason) < text.index(profiles)


def test_a_stored_result_of_format_1_still_shows(default: Bank) -> None:
    answers = {q.id: 3 if q.type == "likert" else q.options[0].id for q in default.questions}
    data: dict[str, Any] = dict(result_data(default, score(default, answers), "en", answers))
    old = {k: v for k, v in data.items() if k not in ("verdict", "fit", "reasons", "validity")}
    old.update(format="pm-quiz-result/1", best=data["profiles"][0]["id"], close_call=False)
    for p in old["profiles"]:
        for g in p["gaps"]:
            del g["contribution"]
    text = rendered(upgrade(old))
    assert "Best fit:" in text and "earlier rule" in text
