"""The scoring rule on small hand-computed banks.

Each expected value is worked out by hand from the rule (see ``pm_quiz.quiz.scoring``): for every
answered question and dimension a triple (v, lo, hi); s = 100 (Σv - Σlo) / (Σhi - Σlo);
match = 100 - Σ w |s - t| / Σ w over the scored targeted dimensions.
"""

from __future__ import annotations

from typing import Any

import pytest

from pm_quiz.bank.model import Bank
from pm_quiz.quiz.scoring import Result, check_answer, score

from banks import bank_dict, choice, likert, load, profile


def dims(result: Result) -> dict[str, float | None]:
    return {d.dimension.id: d.score for d in result.dimensions}


def ranking(result: Result) -> list[tuple[str, float | None]]:
    return [(m.profile.id, m.match) for m in result.profiles]


def one_dim_bank(*questions: dict[str, Any], scale: tuple[int, int] = (1, 5)) -> Bank:
    return load(bank_dict(["x"], [profile("p", {"x": 50})], list(questions), scale=scale))


# -- likert --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "expected"),
    [(1, 0.0), (2, 25.0), (3, 50.0), (4, 75.0), (5, 100.0)],
)
def test_likert_plain(answer: int, expected: float) -> None:
    # v = x, lo = 1, hi = 5: s = 100 (x - 1) / 4
    bank = one_dim_bank(likert("q", "x"))
    assert dims(score(bank, {"q": answer})) == {"x": expected}


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(1, 100.0), (2, 75.0), (3, 50.0), (4, 25.0), (5, 0.0)],
)
def test_likert_reverse(answer: int, expected: float) -> None:
    # k = 1 + 5 - x
    bank = one_dim_bank(likert("q", "x", reverse=True))
    assert dims(score(bank, {"q": answer})) == {"x": expected}


def test_likert_reverse_on_a_scale_around_zero() -> None:
    # scale -2..2: k = -2 + 2 - x = -x; answer 2 → k = -2 = min → 0; answer -1 → k = 1 → 75
    bank = one_dim_bank(likert("q", "x", reverse=True), scale=(-2, 2))
    assert dims(score(bank, {"q": 2})) == {"x": 0.0}
    assert dims(score(bank, {"q": -1})) == {"x": 75.0}


def test_likert_reverse_false_is_the_default() -> None:
    explicit = one_dim_bank(likert("q", "x", reverse=False))
    implicit = one_dim_bank(likert("q", "x"))
    assert dims(score(explicit, {"q": 4})) == dims(score(implicit, {"q": 4})) == {"x": 75.0}


def test_likert_weight_counts_against_other_items() -> None:
    # q1: x=5 → (5, 1, 5); q2 weight 3, x=1 → (3, 3, 15)
    # s = 100 (8 - 4) / (20 - 4) = 25   (unweighted it would be 50)
    bank = one_dim_bank(likert("q1", "x"), likert("q2", "x", weight=3))
    assert dims(score(bank, {"q1": 5, "q2": 1})) == {"x": 25.0}


def test_likert_plain_reverse_and_weighted_together() -> None:
    # q1 x=4 → (4, 1, 5); q2 reverse x=2 → k=4 → (4, 1, 5); q3 weight 2 x=3 → (6, 2, 10)
    # s = 100 (14 - 4) / (20 - 4) = 62.5
    bank = one_dim_bank(likert("q1", "x"), likert("q2", "x", reverse=True),
                        likert("q3", "x", weight=2))
    assert dims(score(bank, {"q1": 4, "q2": 2, "q3": 3})) == {"x": 62.5}


def test_fractional_likert_weight() -> None:
    # q1 x=5 → (5, 1, 5); q2 weight 0.5 x=1 → (0.5, 0.5, 2.5)
    # s = 100 (5.5 - 1.5) / (7.5 - 1.5) = 400 / 6 = 66.66…
    bank = one_dim_bank(likert("q1", "x"), likert("q2", "x", weight=0.5))
    result = score(bank, {"q1": 5, "q2": 1})
    assert dims(result)["x"] == pytest.approx(200 / 3, abs=1e-9)


# -- choice ------------------------------------------------------------------------------
CHOICE_OPTIONS = {
    "a": {"x": 2, "y": -1},
    "b": {"x": -2},
    "c": {"y": 3},
}


def choice_bank() -> Bank:
    return load(bank_dict(["x", "y", "z"], [profile("p", {"x": 50})],
                          [choice("q", CHOICE_OPTIONS), likert("l", "z")]))


@pytest.mark.parametrize(
    ("chosen", "expected_x", "expected_y"),
    [
        # x over the options: a=2, b=-2, c=0 (absent) → lo=-2, hi=2
        # y over the options: a=-1, b=0 (absent), c=3 → lo=-1, hi=3
        ("a", 100.0, 0.0),  # x: (2+2)/4; y: (-1+1)/4
        ("b", 0.0, 25.0),  # x: (-2+2)/4; y: (0+1)/4 (absent counts as 0)
        ("c", 50.0, 100.0),  # x: (0+2)/4 (absent counts as 0); y: (3+1)/4
    ],
)
def test_choice_with_absent_and_negative_scores(chosen: str, expected_x: float,
                                                expected_y: float) -> None:
    result = score(choice_bank(), {"q": chosen})
    assert dims(result) == {"x": expected_x, "y": expected_y, "z": None}
    assert {d.dimension.id: d.items for d in result.dimensions} == {"x": 1, "y": 1, "z": 0}


def test_choice_float_scores() -> None:
    bank = load(bank_dict(["x"], [profile("p", {"x": 50})],
                          [choice("q", {"a": {"x": 0.5}, "b": {"x": 1.5}, "c": {"x": 1.25}})]))
    # lo = 0.5, hi = 1.5: c → 100 * 0.75 / 1 = 75
    assert dims(score(bank, {"q": "c"}))["x"] == 75.0
    assert dims(score(bank, {"q": "a"}))["x"] == 0.0


def test_likert_and_choice_add_up_on_one_dimension() -> None:
    # likert x=3 → (3, 1, 5); choice a → x: (2, -2, 2); s = 100 (5 + 1) / (7 + 1) = 75
    bank = load(bank_dict(["x"], [profile("p", {"x": 50})],
                          [likert("l", "x"), choice("c", {"a": {"x": 2}, "b": {"x": -2}})]))
    result = score(bank, {"l": 3, "c": "a"})
    assert dims(result)["x"] == 75.0
    assert result.dimensions[0].items == 2


def test_dimension_with_equal_scores_on_every_option_has_no_score() -> None:
    # every option gives x the same 2: Σhi = Σlo, so x has no score; y is scored
    bank = load(bank_dict(["x", "y"], [profile("p", {"x": 0, "y": 100})],
                          [choice("q", {"a": {"x": 2, "y": 1}, "b": {"x": 2}})]))
    result = score(bank, {"q": "a"})
    assert dims(result) == {"x": None, "y": 100.0}
    # the profile is matched on y alone: 100 - |100 - 100| = 100 (x, targeted 0, is ignored)
    assert ranking(result) == [("p", 100.0)]


@pytest.mark.parametrize("kind", ["choice", "likert weight"])
def test_score_at_the_top_is_exactly_100(kind: str) -> None:
    # v = hi on every item, so s = 100 (Σhi - Σlo) / (Σhi - Σlo) = 100 exactly, and the
    # match against a target of 0 is 100 - 100 = 0. The numbers are ordinary floats.
    w = 41.3005533314169
    question = (choice("q", {"a": {"x": w}, "b": {}}) if kind == "choice"
                else likert("q", "x", weight=w))
    bank = load(bank_dict(["x"], [profile("p", {"x": 0})], [question]))
    result = score(bank, {"q": "a" if kind == "choice" else 5})
    s = dims(result)["x"]
    assert s is not None and 0.0 <= s <= 100.0, s
    match = result.profiles[0].match
    assert match is not None and 0.0 <= match <= 100.0, match


# -- matching ----------------------------------------------------------------------------
def two_dim_bank(profiles: list[dict[str, Any]], close_call: float | None = None) -> Bank:
    return load(bank_dict(["x", "y"], profiles, [likert("qx", "x"), likert("qy", "y")],
                          close_call=close_call))


def test_match_at_the_bottom_is_exactly_0() -> None:
    # x = y = 100 exactly; targets 0: match = 100 - (0.1 * 100 + 0.7 * 100) / 0.8 = 0
    bank = two_dim_bank([profile("p", {"x": 0, "y": 0}, {"x": 0.1, "y": 0.7})])
    result = score(bank, {"qx": 5, "qy": 5})
    assert dims(result) == {"x": 100.0, "y": 100.0}
    match = result.profiles[0].match
    assert match is not None and 0.0 <= match <= 100.0, match


def test_unanswered_dimension_is_none_and_ignored_in_matching() -> None:
    bank = two_dim_bank([profile("p", {"x": 100, "y": 50}), profile("only_y", {"y": 0})])
    result = score(bank, {"qx": 5})
    assert dims(result) == {"x": 100.0, "y": None}
    # p: only x counts → 100 - 0 = 100 (were y taken as 0 it would be 75)
    # only_y: no targeted dimension has a score → None, ranked last
    assert ranking(result) == [("p", 100.0), ("only_y", None)]
    # y has none of its one item answered: too little evidence to present a type
    assert result.best is None
    assert [(r.code, r.dimensions) for r in result.reasons] == [("too_few_answers", ("y",))]
    assert [g.dimension for g in result.profiles[0].gaps] == ["x"]
    assert result.answered == 1 and result.total == 2


def test_profile_weights() -> None:
    # x = 100 (qx=5), y = 0 (qy=1)
    # p: distances x 20, y 40, weights x 3, y 1 → 100 - (60 + 40) / 4 = 75 (unweighted: 70)
    # q: x only, distance 50 → 50
    # r: x 20 (weight 0.5), y 40 (weight 1.5) → 100 - (10 + 60) / 2 = 65
    bank = two_dim_bank([
        profile("q", {"x": 50}),
        profile("p", {"x": 80, "y": 40}, {"x": 3}),
        profile("r", {"x": 80, "y": 40}, {"x": 0.5, "y": 1.5}),
    ])
    result = score(bank, {"qx": 5, "qy": 1})
    assert dims(result) == {"x": 100.0, "y": 0.0}
    assert ranking(result) == [("p", 75.0), ("r", 65.0), ("q", 50.0)]
    assert result.close_call is False


def test_gaps_are_the_scored_targets_closest_first_with_their_weights() -> None:
    bank = two_dim_bank([profile("p", {"x": 80, "y": 40}, {"y": 2})])
    best = score(bank, {"qx": 5, "qy": 1}).best
    assert best is not None
    assert [(g.dimension, g.score, g.target, g.weight, g.distance) for g in best.gaps] == [
        ("x", 100.0, 80.0, 1.0, 20.0),
        ("y", 0.0, 40.0, 2.0, 40.0),
    ]


@pytest.mark.parametrize("order", [["zeta", "alpha", "mid"], ["alpha", "mid", "zeta"],
                                   ["mid", "zeta", "alpha"]])
def test_ties_keep_file_order(order: list[str]) -> None:
    bank = two_dim_bank([profile(pid, {"x": 60}) for pid in order])
    result = score(bank, {"qx": 4})  # x = 75, every match 85
    assert ranking(result) == [(pid, 85.0) for pid in order]
    assert result.close_call is True  # a tie is the closest call of all


def test_unscored_profile_ranks_last_even_when_first_in_file() -> None:
    bank = two_dim_bank([profile("y_only", {"y": 10}), profile("low", {"x": 0}),
                         profile("high", {"x": 100})])
    result = score(bank, {"qx": 5})
    assert ranking(result) == [("high", 100.0), ("low", 0.0), ("y_only", None)]


@pytest.mark.parametrize(
    ("close_call", "second_target", "expected"),
    [
        (None, 95, False),  # default 5: exactly 5 apart is not a close call
        (None, 95.5, True),  # 4.5 apart
        (None, 94, False),  # 6 apart
        (5, 95, False),
        (2.5, 97.5, False),  # exactly 2.5 apart
        (2.5, 98, True),  # 2 apart
        (0, 100, False),  # a tie is not closer than 0
        (20, 85, True),
    ],
)
def test_close_call_boundary(close_call: float | None, second_target: float,
                             expected: bool) -> None:
    bank = two_dim_bank([profile("a", {"x": 100}), profile("b", {"x": second_target})],
                        close_call=close_call)
    result = score(bank, {"qx": 5})  # x = 100: a matches 100, b matches second_target
    assert ranking(result) == [("a", 100.0), ("b", float(second_target))]
    assert bank.close_call == (5.0 if close_call is None else close_call)
    assert result.close_call is expected


def test_close_call_needs_two_scored_profiles() -> None:
    one = two_dim_bank([profile("a", {"x": 100})])
    assert score(one, {"qx": 5}).close_call is False
    second_unscored = two_dim_bank([profile("a", {"x": 100}), profile("b", {"y": 100})])
    assert score(second_unscored, {"qx": 5}).close_call is False


# -- counts and empty results ------------------------------------------------------------
def test_nothing_answered() -> None:
    bank = two_dim_bank([profile("a", {"x": 100}), profile("b", {"y": 0})])
    result = score(bank, {})
    assert result.best is None
    assert dims(result) == {"x": None, "y": None}
    assert ranking(result) == [("a", None), ("b", None)]
    assert result.close_call is False
    assert (result.answered, result.total) == (0, 2)


def test_answered_and_total_counts() -> None:
    bank = load(bank_dict(["x"], [profile("p", {"x": 50})],
                          [likert("l1", "x"), choice("c", {"a": {"x": 1}, "b": {}}),
                           likert("l2", "x")]))
    assert (score(bank, {"c": "b"}).answered, score(bank, {"c": "b"}).total) == (1, 3)
    full = score(bank, {"l1": 1, "c": "a", "l2": 5})
    assert (full.answered, full.total) == (3, 3)
    # l1 (1, 1, 5) + c (1, 0, 1) + l2 (5, 1, 5) → 100 (7 - 2) / (11 - 2)
    assert dims(full)["x"] == pytest.approx(500 / 9, abs=1e-9)
    assert "nope" not in dims(full)


# -- check_answer ------------------------------------------------------------------------
def test_check_answer_likert() -> None:
    bank = one_dim_bank(likert("q", "x"), scale=(0, 4))
    q = bank.questions[0]
    for ok in (0, 1, 4):
        assert check_answer(bank, q, ok) is None
    for bad in (True, False, -1, 5, 2.0, "2", None):
        expected = check_answer(bank, q, bad)
        assert expected is not None and "0 to 4" in expected, bad


def test_check_answer_choice() -> None:
    bank = load(bank_dict(["x"], [profile("p", {"x": 50})],
                          [choice("q", {"yes_": {"x": 1}, "no_": {}})]))
    q = bank.questions[0]
    assert check_answer(bank, q, "yes_") is None
    assert check_answer(bank, q, "no_") is None
    for bad in ("maybe", "YES_", 1, True, None):
        expected = check_answer(bank, q, bad)
        assert expected is not None and "yes_, no_" in expected, bad
