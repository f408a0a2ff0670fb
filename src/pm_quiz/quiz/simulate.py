"""Simulated respondents, to see whether a bank's result means something (``pm-quiz check``).

In the manner of Handel et al. (2010), who judged the MMPI-2-RF validity scales by simulating
random and fixed responding: each kind of respondent answers the whole bank, and the real
scoring rule (:class:`~pm_quiz.quiz.scoring.Scorer`) judges every one of them.

* **persona**: someone at a profile's targets (50 where it names none). Each statement is
  answered at their level (keyed answer = min + level/100 · (max - min)) plus normal noise
  of :data:`NOISE` scale points, rounded and kept on the scale; each scenario option is
  chosen with a probability that falls with its distance from their levels
  (exp(-distance / :data:`TEMPERATURE`)).
* **random**: every answer drawn evenly from what the question offers.
* **acquiescent** / **nay-saying**: every statement answered with one of the two highest
  (lowest) numbers, whatever it says; scenarios at random.
* **straight-lining**: every statement the same number (each number of the scale in
  turn); scenarios at random.

Seeded: the same bank, count and seed give the same figures.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pm_quiz.bank.model import Bank, Question
from pm_quiz.quiz.scoring import Answer, Scorer, answer_values, scorer_for

#: The spread of a persona's statement answers around their level, in scale points.
NOISE = 1.0
#: How sharply a persona prefers the scenario option nearest their levels (in score points).
TEMPERATURE = 15.0

STYLES = ("random", "acquiescent", "nay_saying", "straight_lining")

Respondent = Callable[[random.Random], list[Answer]]


@dataclass(frozen=True, slots=True)
class StyleResult:
    """How one kind of respondent fared: ``kind`` is ``persona`` (of ``profile``) or a
    style; ``firsts`` maps profile id → share of respondents it came first for (unclear
    results included: that is who *would* have been named); ``own`` is a persona's share
    with its own profile first and clearly named."""

    kind: str
    profile: str | None
    respondents: int
    unclear: float
    reasons: dict[str, float]
    firsts: dict[str, float]
    mean_best: float
    own: float | None = None


def _always(number: int) -> Callable[[random.Random], int]:
    return lambda _rng: number


class Simulation:
    """Respondent generators for one bank, sharing the scoring rule's compiled tables."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.scorer: Scorer = scorer_for(bank)
        self.values = [answer_values(bank, q) for q in bank.questions]
        self.likert = [q.type == "likert" for q in bank.questions]
        # per choice question and option: the option's position 0..100 on each dimension
        # the question can move, for the personas' choices
        self.positions = [self._positions(q, question)
                          for q, question in enumerate(bank.questions)]

    def _positions(self, q: int, question: Question) -> list[list[tuple[int, float]]]:
        """The scoring rule's own numbers (:attr:`Scorer.table`) as positions 0..100."""
        if question.type != "choice":
            return []
        return [[(d, 100.0 * (v - lo) / (hi - lo))
                 for d, v, lo, hi in self.scorer.table[q][option.id] if hi > lo]
                for option in question.options]

    # -- respondents ----------------------------------------------------------------------
    def persona(self, profile: int) -> Respondent:
        levels = self.scorer.targets[profile]
        scale = self.bank.scale
        span = scale.max - scale.min
        questions = self.bank.questions
        dims = {d: i for i, d in enumerate(self.scorer.dimension_ids)}

        def answer(rng: random.Random) -> list[Answer]:
            out: list[Answer] = []
            for q, question in enumerate(questions):
                if question.dimension is not None:
                    level = levels[dims[question.dimension]]
                    keyed = scale.min + level / 100 * span + rng.gauss(0.0, NOISE)
                    k = min(scale.max, max(scale.min, round(keyed)))
                    out.append(scale.min + scale.max - k if question.reverse else k)
                else:
                    out.append(self._choose(q, levels, rng))
            return out

        return answer

    def _choose(self, q: int, levels: Sequence[float], rng: random.Random) -> Answer:
        weights = [math.exp(-sum(abs(pos - levels[d]) for d, pos in spots) / TEMPERATURE)
                   for spots in self.positions[q]]
        return rng.choices(self.values[q], weights=weights)[0]

    def at_random(self, rng: random.Random) -> list[Answer]:
        return [rng.choice(values) for values in self.values]

    def styled(self, statements: Callable[[random.Random], int]) -> Respondent:
        """Statements answered by ``statements`` whatever they say, scenarios at random."""

        def answer(rng: random.Random) -> list[Answer]:
            return [statements(rng) if likert else rng.choice(values)
                    for likert, values in zip(self.likert, self.values, strict=True)]

        return answer

    def style(self, name: str, n: int) -> list[tuple[Respondent, int]]:
        """The respondents of a style, with how many of each."""
        steps = list(self.bank.scale.steps)
        if name == "random":
            return [(self.at_random, n)]
        if name == "acquiescent":
            return [(self.styled(lambda rng: rng.choice(steps[-2:])), n)]
        if name == "nay_saying":
            return [(self.styled(lambda rng: rng.choice(steps[:2])), n)]
        share = -(-n // len(steps))  # straight-lining: each number in turn
        return [(self.styled(_always(x)), share) for x in steps]

    # -- running them -----------------------------------------------------------------
    def run(self, kind: str, groups: list[tuple[Respondent, int]], seed: int,
            profile: int | None = None) -> StyleResult:
        rng = random.Random(f"{seed}:{kind}:{profile}")
        ids = [p.id for p in self.bank.profiles]
        firsts = dict.fromkeys(ids, 0)
        reasons: dict[str, int] = {}
        unclear = own = total = 0
        best_sum = 0.0
        for respondent, count in groups:
            for _ in range(count):
                ev = self.scorer.evaluate(respondent(rng))
                total += 1
                first = ev.order[0] if ev.order else -1
                match = ev.matches[first] if first >= 0 else None
                if match is None:
                    unclear += 1
                    continue
                firsts[ids[first]] += 1
                best_sum += match
                is_unclear = any(r.unclear for r in ev.reasons)
                unclear += is_unclear
                own += first == profile and not is_unclear
                for r in ev.reasons:
                    reasons[r.code] = reasons.get(r.code, 0) + 1
        share = 1 / total if total else 0.0
        return StyleResult(
            kind, ids[profile] if profile is not None else None, total, unclear * share,
            {code: c * share for code, c in reasons.items()},
            {pid: c * share for pid, c in firsts.items()}, best_sum * share,
            own * share if profile is not None else None)


def simulate(bank: Bank, respondents: int, seed: int = 0) -> list[StyleResult]:
    """Every kind of respondent, ``respondents`` of each (of each profile's persona)."""
    if respondents <= 0:
        return []
    sim = Simulation(bank)
    out = [sim.run("persona", [(sim.persona(p), respondents)], seed, p)
           for p in range(len(bank.profiles))]
    out += [sim.run(style, sim.style(style, respondents), seed) for style in STYLES]
    return out
