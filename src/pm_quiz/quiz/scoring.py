"""The scoring rule: answers → dimension scores → profile matches → a ranked result.

For every answered question and every dimension it touches, three numbers (v, lo, hi):

* likert, answer x: k = x (or min + max - x when reversed); v = w*k, lo = w*min, hi = w*max;
* choice: for each dimension named in any option's scores, v = the chosen option's score
  (0 if absent), lo and hi = the smallest and largest of that score over the options.

A dimension's score is 100 * (Σv - Σlo) / (Σhi - Σlo), or none when Σhi = Σlo. A profile's
match is 100 - Σ w_d |s_d - t_d| / Σ w_d over its targeted dimensions that have a score.
Profiles are ranked by match, ties in file order; a close call is when the first two are
less than ``close_call`` apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from pm_quiz.bank.model import Bank, Dimension, Profile, Question

Answer = int | str
Answers = Mapping[str, Answer]


def check_answer(bank: Bank, question: Question, value: object) -> str | None:
    """``None`` when ``value`` answers ``question``; otherwise what was expected."""
    if question.type == "likert":
        low, high = bank.scale.min, bank.scale.max
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"a whole number from {low} to {high}"
        return None
    if not isinstance(value, str) or question.option(value) is None:
        return "an option id: " + ", ".join(o.id for o in question.options)
    return None


class DimensionScore(NamedTuple):
    dimension: Dimension
    score: float | None
    items: int  # answered questions that touched it


class Gap(NamedTuple):
    dimension: str
    score: float
    target: float
    weight: float

    @property
    def distance(self) -> float:
        return abs(self.score - self.target)


class ProfileMatch(NamedTuple):
    profile: Profile
    match: float | None
    gaps: tuple[Gap, ...]  # its scored, targeted dimensions, closest first


class Result(NamedTuple):
    dimensions: tuple[DimensionScore, ...]  # in file order
    profiles: tuple[ProfileMatch, ...]  # ranked, best first
    close_call: bool
    answered: int
    total: int

    @property
    def best(self) -> ProfileMatch | None:
        first = self.profiles[0] if self.profiles else None
        return first if first is not None and first.match is not None else None

    def score_of(self, dimension_id: str) -> float | None:
        for d in self.dimensions:
            if d.dimension.id == dimension_id:
                return d.score
        return None


def answer_values(bank: Bank, question: Question) -> list[Answer]:
    """Every answer ``question`` accepts, in the order it offers them."""
    if question.type == "likert":
        return list(bank.scale.steps)
    return [o.id for o in question.options]


def contributions(bank: Bank, question: Question, answer: Answer) -> list[
    tuple[str, float, float, float]
]:
    """The rule's ``(dimension, v, lo, hi)`` for ``answer`` to ``question``."""
    if question.type == "likert":
        assert question.dimension is not None and isinstance(answer, int)
        low, high = bank.scale.min, bank.scale.max
        k = low + high - answer if question.reverse else answer
        w = question.weight
        return [(question.dimension, w * k, w * low, w * high)]
    chosen = question.option(str(answer))
    assert chosen is not None
    out = []
    for dim in question.dimensions():
        values = [o.scores.get(dim, 0.0) for o in question.options]
        out.append((dim, chosen.scores.get(dim, 0.0), min(values), max(values)))
    return out


def score(bank: Bank, answers: Answers) -> Result:
    """Score ``answers`` (question id → likert number or option id) against ``bank``.

    Answers to unknown questions and invalid values must be filtered out beforehand
    (:func:`check_answer`); unanswered questions are simply left out.
    """
    sums: dict[str, list[float]] = {d.id: [0.0, 0.0, 0.0] for d in bank.dimensions}
    items: dict[str, int] = dict.fromkeys(sums, 0)
    answered = 0
    for question in bank.questions:
        answer = answers.get(question.id)
        if answer is None:
            continue
        answered += 1
        for dim, v, lo, hi in contributions(bank, question, answer):
            acc = sums[dim]
            acc[0] += v
            acc[1] += lo
            acc[2] += hi
            items[dim] += 1

    dimension_scores = []
    scores: dict[str, float] = {}
    for d in bank.dimensions:
        v, lo, hi = sums[d.id]
        # the ratio first: it is exactly 1 at the top, so the score never passes 100
        value = 100.0 * ((v - lo) / (hi - lo)) if hi > lo else None
        if value is not None:
            scores[d.id] = value
        dimension_scores.append(DimensionScore(d, value, items[d.id]))

    matches = []
    for profile in bank.profiles:
        gaps = [
            Gap(dim, scores[dim], target, profile.weight(dim))
            for dim, target in profile.targets.items()
            if dim in scores
        ]
        total_weight = sum(g.weight for g in gaps)
        match = None
        if total_weight > 0:
            mean = sum(g.weight * g.distance for g in gaps) / total_weight
            # a weighted mean of numbers in 0..100 is in 0..100; keep rounding from leaving it
            match = 100.0 - min(100.0, mean)
        gaps.sort(key=lambda g: g.distance)
        matches.append(ProfileMatch(profile, match, tuple(gaps)))

    order = sorted(
        range(len(matches)),
        key=lambda i: (matches[i].match is None, -(matches[i].match or 0.0), i),
    )
    ranked = tuple(matches[i] for i in order)
    first, second = (ranked[0].match, ranked[1].match) if len(ranked) > 1 else (None, None)
    close = first is not None and second is not None and first - second < bank.close_call
    return Result(tuple(dimension_scores), ranked, close, answered, len(bank.questions))
