"""The numbers of a group report: who comes first, score distributions, item analysis.

Everything is accumulated one respondent at a time (:class:`GroupStats.add`), so memory
does not grow with the group. Item analysis per dimension works on its likert statements
as the scoring rule counts them (v = w·k, reverse items flipped), over the respondents who
answered all of them (listwise), from a streaming covariance matrix:

* Cronbach's alpha = k/(k−1) · (1 − Σ var(item) / var(total));
* corrected item-total correlation = corr(item, total − item);
* alpha if deleted = alpha of the other k − 1 statements.

Means and standard deviations (n − 1) are on the answer scale, keyed (reverse items
flipped).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pm_quiz.bank.model import Bank, Question
from pm_quiz.quiz.scoring import Answers, contributions

#: Below this corrected item-total correlation a statement is flagged as weak.
LOW_ITEM_TOTAL = 0.20
#: Below this many respondents alpha comes with a warning.
FEW_RESPONDENTS = 30
BINS = 10


class Moments:
    """Means and co-moments of k variables, updated one observation at a time (Welford)."""

    __slots__ = ("com", "k", "mean", "n")

    def __init__(self, k: int) -> None:
        self.k = k
        self.n = 0
        self.mean = [0.0] * k
        self.com = [[0.0] * k for _ in range(k)]

    def add(self, xs: Sequence[float]) -> None:
        self.n += 1
        before = [x - m for x, m in zip(xs, self.mean, strict=True)]
        self.mean = [m + d / self.n for m, d in zip(self.mean, before, strict=True)]
        after = [x - m for x, m in zip(xs, self.mean, strict=True)]
        for i, di in enumerate(before):
            row = self.com[i]
            for j, dj in enumerate(after):
                row[j] += di * dj

    def covariance(self) -> list[list[float]]:
        """The sample covariance matrix (n − 1); zeros below two observations."""
        if self.n < 2:
            return [[0.0] * self.k for _ in range(self.k)]
        return [[c / (self.n - 1) for c in row] for row in self.com]


def cronbach_alpha(cov: Sequence[Sequence[float]]) -> float | None:
    """Alpha of the items with covariance matrix ``cov``; ``None`` below two items or when
    the total does not vary."""
    k = len(cov)
    total = sum(sum(row) for row in cov)
    if k < 2 or total <= 0:
        return None
    return k / (k - 1) * (1 - sum(cov[i][i] for i in range(k)) / total)


def _without(cov: Sequence[Sequence[float]], i: int) -> list[list[float]]:
    return [[c for j, c in enumerate(row) if j != i] for r, row in enumerate(cov) if r != i]


def item_total(cov: Sequence[Sequence[float]], i: int) -> float | None:
    """Corrected item-total correlation of item ``i``: corr(x_i, total − x_i)."""
    var_i = cov[i][i]
    row = sum(cov[i])
    rest = sum(sum(r) for r in cov) - 2 * row + var_i
    if var_i <= 0 or rest <= 0:
        return None
    return (row - var_i) / math.sqrt(var_i * rest)


@dataclass(frozen=True, slots=True)
class ItemStats:
    id: str
    mean: float | None
    sd: float | None
    item_total: float | None
    alpha_if_deleted: float | None
    flags: tuple[str, ...]


def item_flags(r: float | None, sd: float | None) -> tuple[str, ...]:
    """``negative`` (a wrong ``reverse:``?), ``low`` (below .20), ``no_variance``."""
    if sd is not None and sd == 0:
        return ("no_variance",)
    if r is None:
        return ()
    if r < 0:
        return ("negative",)
    return ("low",) if r < LOW_ITEM_TOTAL else ()


def analyse_items(ids: Sequence[str], moments: Moments,
                  weights: Sequence[float]) -> tuple[float | None, tuple[ItemStats, ...]]:
    """Alpha and per-item statistics from the moments of the weighted keyed items."""
    cov = moments.covariance()
    alpha = cronbach_alpha(cov)
    items = []
    for i, qid in enumerate(ids):
        w = weights[i]
        mean = moments.mean[i] / w if moments.n else None
        sd = math.sqrt(cov[i][i]) / w if moments.n >= 2 else None
        r = item_total(cov, i) if len(ids) >= 2 and moments.n >= 2 else None
        deleted = cronbach_alpha(_without(cov, i)) if len(ids) >= 3 else None
        items.append(ItemStats(qid, mean, sd, r, deleted, item_flags(r, sd)))
    return alpha, tuple(items)


@dataclass(slots=True)
class Distribution:
    """Scores 0..100 of one dimension: count, mean, SD and ten bins of width 10."""

    n: int = 0
    mean: float = 0.0
    m2: float = 0.0
    bins: list[int] = field(default_factory=lambda: [0] * BINS)

    def add(self, value: float) -> None:
        self.n += 1
        delta = value - self.mean
        self.mean += delta / self.n
        self.m2 += delta * (value - self.mean)
        self.bins[min(BINS - 1, max(0, int(value // (100 / BINS))))] += 1

    @property
    def sd(self) -> float | None:
        return math.sqrt(self.m2 / (self.n - 1)) if self.n >= 2 else None


@dataclass(frozen=True, slots=True)
class DimensionStats:
    id: str
    n: int  # respondents who answered all its statements
    alpha: float | None
    items: tuple[ItemStats, ...]
    distribution: Distribution
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OptionCounts:
    question: str
    answered: int
    counts: dict[str, int]  # option id → how often chosen, in bank order

    @property
    def unpicked(self) -> list[str]:
        return [oid for oid, n in self.counts.items() if n == 0] if self.answered else []


class GroupStats:
    """Accumulates a group's respondents; :meth:`dimensions` and :meth:`options` report."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.n = 0
        self.first: dict[str, int] = {p.id: 0 for p in bank.profiles}
        self.unclear = 0
        self.reasons: dict[str, int] = {}
        self.statements: dict[str, list[Question]] = {d.id: [] for d in bank.dimensions}
        for q in bank.questions:
            if q.type == "likert" and q.dimension is not None:
                self.statements[q.dimension].append(q)
        self.moments = {d: Moments(len(qs)) for d, qs in self.statements.items()}
        self.distributions = {d.id: Distribution() for d in bank.dimensions}
        self.chosen: dict[str, dict[str, int]] = {
            q.id: {o.id: 0 for o in q.options} for q in bank.questions if q.type == "choice"}
        self.answered: dict[str, int] = dict.fromkeys(self.chosen, 0)

    def add(self, answers: Answers, best: str | None, reasons: Sequence[str],
            scores: Mapping[str, float | None]) -> None:
        """One respondent: answers, the result's best profile, reasons and scores."""
        self.n += 1
        if best is None:
            self.unclear += 1
        elif best in self.first:
            self.first[best] += 1
        for code in reasons:
            self.reasons[code] = self.reasons.get(code, 0) + 1
        for dim, value in scores.items():
            if value is not None and dim in self.distributions:
                self.distributions[dim].add(value)
        for dim, questions in self.statements.items():
            if not questions or any(answers.get(q.id) is None for q in questions):
                continue
            self.moments[dim].add([contributions(self.bank, q, answers[q.id])[0][1]
                                   for q in questions])
        for qid, counts in self.chosen.items():
            chosen = answers.get(qid)
            if chosen is not None and str(chosen) in counts:
                counts[str(chosen)] += 1
                self.answered[qid] += 1

    def dimensions(self) -> list[DimensionStats]:
        out = []
        for d in self.bank.dimensions:
            questions = self.statements[d.id]
            moments = self.moments[d.id]
            alpha, items = analyse_items([q.id for q in questions], moments,
                                         [q.weight for q in questions])
            warnings = []
            if len(questions) >= 2 and moments.n < FEW_RESPONDENTS:
                warnings.append("few_respondents")
            if len(questions) < 2:
                warnings.append("too_few_statements")
            out.append(DimensionStats(d.id, moments.n, alpha, items, self.distributions[d.id],
                                      tuple(warnings)))
        return out

    def options(self) -> list[OptionCounts]:
        return [OptionCounts(qid, self.answered[qid], dict(counts))
                for qid, counts in self.chosen.items()]
