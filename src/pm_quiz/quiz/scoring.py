"""The scoring rule: answers → dimension scores → profile matches → a ranked, judged result.

For every answered question and every dimension it touches, three numbers (v, lo, hi):

* likert, answer x: k = x (or min + max - x when reversed); v = w*k, lo = w*min, hi = w*max;
* choice: for each dimension named in any option's scores, v = the chosen option's score
  (0 if absent), lo and hi = the smallest and largest of that score over the options.

A dimension's score is 100 * (Σv - Σlo) / (Σhi - Σlo), or none when Σhi = Σlo.

A profile's match compares the *shape* of the scores with the profile's targets (a target
of 50 for each dimension it does not name): the weighted Pearson correlation r over the
dimensions that have a score, as 100 * max(0, r). How high someone answers overall
(elevation) and how widely (scatter) move no match (Cronbach & Gleser). With fewer than
three scored dimensions there is no shape, and the match is the level rule:
100 - Σ w |s - t| / Σ w over the profile's targeted dimensions that have a score.

Profiles are ranked by match, ties in file order; :mod:`pm_quiz.quiz.validity` decides
whether the answers support a type at all. The README states the rule in full.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pm_quiz.bank.model import Bank, Dimension, Profile, Question
from pm_quiz.i18n import Phrase, say
from pm_quiz.quiz.validity import (
    STRAIGHT_MIN,
    Indices,
    Reason,
    needed,
    pair_mean,
    reasons_for,
)

Answer = int | str
Answers = Mapping[str, Answer]

#: The target of a dimension a profile does not name.
NEUTRAL_TARGET = 50.0
#: Below this many scored dimensions, matching falls back to the level rule.
MIN_SHAPE_DIMENSIONS = 3
#: Scores whose weighted standard deviation is below this many points have no shape.
MIN_SPREAD = 5.0


def check_answer(bank: Bank, question: Question, value: object) -> str | None:
    """``None`` when ``value`` answers ``question``; otherwise what was expected (English;
    :func:`expected_answer` says it in the message language)."""
    if question.type == "likert":
        low, high = bank.scale.min, bank.scale.max
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return expected_answer(bank, question).said("en")
        return None
    if not isinstance(value, str) or question.option(value) is None:
        return expected_answer(bank, question).said("en")
    return None


def expected_answer(bank: Bank, question: Question) -> Phrase:
    """What answers ``question``, for a message."""
    if question.type == "likert":
        return say("exp_whole_number", low=bank.scale.min, high=bank.scale.max)
    return say("exp_option_id", ids=", ".join(o.id for o in question.options))


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


# -- the result --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DimensionScore:
    dimension: Dimension
    score: float | None
    items: int  # answered questions that touched it


@dataclass(frozen=True, slots=True)
class Gap:
    """One scored dimension of a profile: the score, the target, the weight, and its share
    of the match (``contribution``: the dimension's term of the correlation; positive when
    score and target lie on the same side of their averages)."""

    dimension: str
    score: float
    target: float
    weight: float
    contribution: float = 0.0

    @property
    def distance(self) -> float:
        return abs(self.score - self.target)


@dataclass(frozen=True, slots=True)
class ProfileMatch:
    profile: Profile
    match: float | None
    gaps: tuple[Gap, ...]  # its scored dimensions, the one that carried the match most first


@dataclass(frozen=True, slots=True)
class Result:
    dimensions: tuple[DimensionScore, ...]  # in file order
    profiles: tuple[ProfileMatch, ...]  # ranked, best first
    reasons: tuple[Reason, ...]  # why the result is not a clear fit; empty when it is
    indices: Indices
    answered: int
    total: int

    @property
    def unclear(self) -> bool:
        return any(r.unclear for r in self.reasons)

    @property
    def close_call(self) -> bool:
        return any(r.code == "close_call" for r in self.reasons)

    @property
    def verdict(self) -> str:
        """``clear``, ``close_call`` (the first two shown together) or ``unclear``."""
        return "unclear" if self.unclear else "close_call" if self.close_call else "clear"

    @property
    def best(self) -> ProfileMatch | None:
        """The first profile, unless the answers do not support a type."""
        if self.unclear or not self.profiles or self.profiles[0].match is None:
            return None
        return self.profiles[0]


# -- the rule, compiled once per bank ------------------------------------------------------
Entry = tuple[int, float, float, float]  # dimension index, v, lo, hi


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The rule's numbers for one set of answers, before they are dressed as a Result."""

    sums: list[list[float]]  # per dimension [Σv, Σlo, Σhi]
    items: list[int]
    scores: list[float | None]
    matches: list[float | None]
    terms: list[list[float]]  # per profile, each scored dimension's term (shape rule)
    order: list[int]  # profile indices, ranked
    indices: Indices
    reasons: tuple[Reason, ...]
    answered: int


class Scorer:
    """The scoring rule for one bank, with everything that does not depend on the answers
    worked out once: every answer's contributions, the statement pairs of the validity
    indices, and each profile's full target and weight vectors. ``score`` uses it, and so
    does ``pm-quiz check`` when it scores thousands of simulated respondents."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.dimension_ids = [d.id for d in bank.dimensions]
        index = {d: i for i, d in enumerate(self.dimension_ids)}
        self.table: list[dict[Answer, tuple[Entry, ...]]] = [
            {value: tuple((index[d], v, lo, hi) for d, v, lo, hi in
                          contributions(bank, q, value))
             for value in answer_values(bank, q)}
            for q in bank.questions
        ]
        self.informative = [0] * len(index)  # questions that can move each dimension
        for q in range(len(bank.questions)):
            first = next(iter(self.table[q].values()), ())
            for d, _, lo, hi in first:
                self.informative[d] += hi > lo
        self.likert = [(q, index[question.dimension], question.reverse)
                       for q, question in enumerate(bank.questions)
                       if question.dimension is not None]
        self.same_pairs, self.opposite_pairs = self._pairs()
        self.targets = [[p.targets.get(d, NEUTRAL_TARGET) for d in self.dimension_ids]
                        for p in bank.profiles]
        self.weights = [[p.weight(d) for d in self.dimension_ids] for p in bank.profiles]

    def _pairs(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Same-dimension statement pairs: all of them (for consistency, on keyed answers),
        and those of a forward with a reverse statement (for yea- and nay-saying)."""
        same, opposite = [], []
        for i, (qa, da, ra) in enumerate(self.likert):
            for qb, db, rb in self.likert[i + 1:]:
                if da == db:
                    same.append((qa, qb))
                    if ra != rb:
                        opposite.append((qa, qb))
        return same, opposite

    def evaluate(self, values: Sequence[Answer | None]) -> Evaluation:
        """The rule for ``values``: one answer (or ``None``) per question, in bank order."""
        n = len(self.dimension_ids)
        sums = [[0.0, 0.0, 0.0] for _ in range(n)]
        items = [0] * n
        moved = [0] * n
        answered = 0
        for q, value in enumerate(values):
            if value is None:
                continue
            answered += 1
            for d, v, lo, hi in self.table[q][value]:
                acc = sums[d]
                acc[0] += v
                acc[1] += lo
                acc[2] += hi
                items[d] += 1
                moved[d] += hi > lo
        # the ratio first: it is exactly 1 at the top, so a score never passes 100
        scores = [100.0 * ((v - lo) / (hi - lo)) if hi > lo else None for v, lo, hi in sums]
        matches, terms = self.matches_and_terms(scores)
        order = sorted(range(len(matches)),
                       key=lambda i: (matches[i] is None, -(matches[i] or 0.0), i))
        indices = self.indices(values, moved)
        ranked = [matches[i] for i in order[:2]] + [None, None]
        reasons = reasons_for(indices, self.dimension_ids, ranked[0], ranked[1],
                              self.bank.close_call)
        return Evaluation(sums, items, scores, matches, terms, order, indices, reasons,
                          answered)

    # -- matching ----------------------------------------------------------------------
    def matches(self, scores: Sequence[float | None]) -> list[float | None]:
        return self.matches_and_terms(scores)[0]

    def matches_and_terms(self, scores: Sequence[float | None]) -> tuple[
            list[float | None], list[list[float]]]:
        """Each profile's match, and each scored dimension's term of it (zeros under the
        level rule)."""
        scored = [d for d, s in enumerate(scores) if s is not None]
        profiles = range(len(self.targets))
        if len(scored) < MIN_SHAPE_DIMENSIONS:
            return [self._level(p, scores) for p in profiles], [[0.0] * len(scored)
                                                                for _ in profiles]
        shapes = [self._shape(p, scores, scored) for p in profiles]
        return [match for match, _ in shapes], [terms for _, terms in shapes]

    def _level(self, p: int, scores: Sequence[float | None]) -> float | None:
        profile = self.bank.profiles[p]
        num = den = 0.0
        for d, dim in enumerate(self.dimension_ids):
            s = scores[d]
            if s is not None and dim in profile.targets:
                w = self.weights[p][d]
                num += w * abs(s - profile.targets[dim])
                den += w
        # a weighted mean of numbers in 0..100 is in 0..100; keep rounding from leaving it
        return 100.0 - min(100.0, num / den) if den > 0 else None

    def _shape(self, p: int, scores: Sequence[float | None],
               scored: Sequence[int]) -> tuple[float | None, list[float]]:
        """The match and each scored dimension's term of the correlation."""
        targets, weights = self.targets[p], self.weights[p]
        total = sum(weights[d] for d in scored)
        s_mean = sum(weights[d] * (scores[d] or 0.0) for d in scored) / total
        t_mean = sum(weights[d] * targets[d] for d in scored) / total
        ds = [(scores[d] or 0.0) - s_mean for d in scored]
        dt = [targets[d] - t_mean for d in scored]
        var_s = sum(weights[d] * x * x for d, x in zip(scored, ds, strict=True))
        var_t = sum(weights[d] * y * y for d, y in zip(scored, dt, strict=True))
        if var_t <= 1e-9:
            return None, [0.0] * len(scored)  # the profile has no shape here
        if var_s / total < MIN_SPREAD ** 2:
            return 0.0, [0.0] * len(scored)  # the answers have none
        norm = math.sqrt(var_s * var_t)
        terms = [weights[d] * x * y / norm for d, x, y in zip(scored, ds, dt, strict=True)]
        r = max(-1.0, min(1.0, sum(terms)))
        return 100.0 * max(0.0, r), terms

    # -- validity ------------------------------------------------------------------------
    def indices(self, values: Sequence[Answer | None], moved: Sequence[int]) -> Indices:
        scale = self.bank.scale
        span = scale.max - scale.min
        raw: list[float | None] = [None] * len(values)
        keyed: list[float | None] = [None] * len(values)
        numbers = set()
        for q, _, reverse in self.likert:
            value = values[q]
            if isinstance(value, int):
                position = (value - scale.min) / span
                raw[q] = position
                keyed[q] = 1.0 - position if reverse else position
                numbers.add(value)
        answered = sum(1 for q, _, _ in self.likert if raw[q] is not None)
        straight = next(iter(numbers)) if len(numbers) == 1 and answered >= STRAIGHT_MIN else None
        together = pair_mean(self.opposite_pairs, raw, "sum")
        return Indices(
            inconsistency=pair_mean(self.same_pairs, keyed, "diff"),
            acquiescence=None if together is None else together - 1.0,
            straight=straight,
            uncovered=tuple(d for d, total in enumerate(self.informative)
                            if total and moved[d] < needed(total)),
        )

    # -- dressing up -------------------------------------------------------------------
    def result(self, ev: Evaluation) -> Result:
        bank = self.bank
        dimensions = tuple(DimensionScore(d, ev.scores[i], ev.items[i])
                           for i, d in enumerate(bank.dimensions))
        return Result(dimensions, tuple(self._profile_match(p, ev) for p in ev.order),
                      ev.reasons, ev.indices, ev.answered, len(bank.questions))

    def _profile_match(self, p: int, ev: Evaluation) -> ProfileMatch:
        scored = [d for d, s in enumerate(ev.scores) if s is not None]
        shape = len(scored) >= MIN_SHAPE_DIMENSIONS
        terms = ev.terms[p]
        profile = self.bank.profiles[p]
        gaps = [Gap(self.dimension_ids[d], ev.scores[d] or 0.0, self.targets[p][d],
                    self.weights[p][d], term)
                for d, term in zip(scored, terms, strict=True)
                if shape or self.dimension_ids[d] in profile.targets]
        key = (lambda g: -g.contribution) if shape else (lambda g: g.distance)
        return ProfileMatch(profile, ev.matches[p], tuple(sorted(gaps, key=key)))


_SCORERS: dict[int, Scorer] = {}


def scorer_for(bank: Bank) -> Scorer:
    """The bank's :class:`Scorer`, made once (the few most recent banks are kept)."""
    found = _SCORERS.get(id(bank))
    if found is None or found.bank is not bank:
        if len(_SCORERS) >= 8:
            _SCORERS.pop(next(iter(_SCORERS)))
        found = _SCORERS[id(bank)] = Scorer(bank)
    return found


def score(bank: Bank, answers: Answers) -> Result:
    """Score ``answers`` (question id → likert number or option id) against ``bank``.

    Answers to unknown questions and invalid values must be filtered out beforehand
    (:func:`check_answer`); unanswered questions are simply left out.
    """
    scorer = scorer_for(bank)
    return scorer.result(scorer.evaluate([answers.get(q.id) for q in bank.questions]))
