"""Questions about a bank as a whole: can each profile come first, and with what answers?

:func:`find_witness` searches for a complete set of answers for which a given profile ranks
first: a start that aims every dimension at the profile's targets, then hill climbing over
one question at a time, with seeded random restarts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from pm_quiz.bank.model import Bank, Profile, Question
from pm_quiz.scoring import Answer, Result, score


@dataclass(frozen=True, slots=True)
class Witness:
    profile: str
    answers: dict[str, Answer]
    margin: float  # the profile's match minus the best other profile's


def _values(bank: Bank, question: Question) -> list[Answer]:
    if question.type == "likert":
        return list(bank.scale.steps)
    return [o.id for o in question.options]


def _margin(result: Result, profile_id: str) -> float:
    """How far ``profile_id`` is ahead (negative: behind); -inf when it is not first."""
    mine = None
    best_other = None
    for m in result.profiles:
        if m.profile.id == profile_id:
            mine = m.match
        elif best_other is None:
            best_other = m.match
    if mine is None:
        return float("-inf")
    if result.profiles[0].profile.id != profile_id:
        # behind, or tied but later in the file: a negative margin (or a tiny one for ties)
        return mine - (best_other or 0.0) - 1e-9
    return mine - best_other if best_other is not None else 100.0


def _aimed(bank: Bank, profile: Profile, question: Question) -> Answer:
    """The answer that moves the question's dimensions nearest the profile's targets."""
    values = _values(bank, question)
    if question.type == "likert":
        assert question.dimension is not None
        target = profile.targets.get(question.dimension, 50.0) / 100
        low, high = bank.scale.min, bank.scale.max
        k = low + round(target * (high - low))
        return low + high - k if question.reverse else k

    def distance(option_id: Answer) -> float:
        option = question.option(str(option_id))
        assert option is not None
        total = 0.0
        for dim in question.dimensions():
            scores = [o.scores.get(dim, 0.0) for o in question.options]
            lo, hi = min(scores), max(scores)
            if hi > lo:
                at = (option.scores.get(dim, 0.0) - lo) / (hi - lo)
                total += abs(at * 100 - profile.targets.get(dim, 50.0)) * profile.weight(dim)
        return total

    return min(values, key=distance)


def find_witness(
    bank: Bank, profile_id: str, seed: int = 0, restarts: int = 6, max_sweeps: int = 12
) -> Witness | None:
    """Answers to every question for which ``profile_id`` ranks first, or ``None``."""
    profile = bank.profile_by_id[profile_id]
    rng = random.Random(seed)
    best: Witness | None = None
    for attempt in range(restarts):
        answers: dict[str, Answer] = {}
        for q in bank.questions:
            values = _values(bank, q)
            answers[q.id] = _aimed(bank, profile, q) if attempt == 0 else rng.choice(values)
        current = _margin(score(bank, answers), profile_id)
        for _ in range(max_sweeps):
            improved = False
            order = list(bank.questions)
            rng.shuffle(order)
            for q in order:
                kept = answers[q.id]
                for value in _values(bank, q):
                    if value == kept:
                        continue
                    answers[q.id] = value
                    margin = _margin(score(bank, answers), profile_id)
                    if margin > current + 1e-12:
                        current, kept, improved = margin, value, True
                answers[q.id] = kept
            if not improved:
                break
        if current >= 0 and (best is None or current > best.margin):
            best = Witness(profile_id, dict(answers), current)
    return best
