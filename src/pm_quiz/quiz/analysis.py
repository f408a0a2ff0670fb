"""Questions about a bank as a whole, for its authors (``pm-quiz check``).

* :func:`find_witness`: a complete set of answers for which a profile ranks first, found by
  a start aimed at the profile's targets, then hill climbing one question at a time with
  seeded random restarts. The climb scores incrementally: changing one answer changes only
  that question's contributions.
* :func:`check_bank`: the quality report: coverage per dimension, reachability per profile
  (with witnesses), profiles too close to tell apart (even the answers that suit a profile
  best leave another within ``close_call`` points), untargeted dimensions, questions that
  touch no targeted dimension, and how often each profile wins among random respondents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Literal

from pm_quiz.bank.model import Bank, Profile, Question
from pm_quiz.quiz.scoring import Answer, answer_values, contributions, score

#: A profile that random respondents get first less often than this is "almost never".
RARE_SHARE = 0.02


class _Evaluator:
    """Dimension sums kept up to date answer by answer; profile matches from the sums."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.dims = [d.id for d in bank.dimensions]
        index = {d: i for i, d in enumerate(self.dims)}
        # contributions[q][value] = [(dimension index, v, lo, hi), ...]: the scoring rule's
        # numbers for every possible answer, so that changing one answer is a lookup
        self.contributions = [
            {value: [(index[d], v, lo, hi) for d, v, lo, hi in contributions(bank, q, value)]
             for value in answer_values(bank, q)}
            for q in bank.questions
        ]
        self.profiles = [
            [(index[d], t, p.weight(d)) for d, t in p.targets.items() if d in index]
            for p in bank.profiles
        ]
        self.sums = [[0.0, 0.0, 0.0] for _ in self.dims]

    def set_all(self, answers: list[Answer]) -> None:
        self.sums = [[0.0, 0.0, 0.0] for _ in self.dims]
        for q, value in enumerate(answers):
            self.add(q, value, 1.0)

    def add(self, q: int, value: Answer, sign: float) -> None:
        for d, v, lo, hi in self.contributions[q][value]:
            acc = self.sums[d]
            acc[0] += sign * v
            acc[1] += sign * lo
            acc[2] += sign * hi

    def matches(self) -> list[float | None]:
        scores = [100.0 * (v - lo) / (hi - lo) if hi - lo > 1e-12 else None
                  for v, lo, hi in self.sums]
        out: list[float | None] = []
        for targets in self.profiles:
            num = den = 0.0
            for d, t, w in targets:
                s = scores[d]
                if s is not None:
                    num += w * abs(s - t)
                    den += w
            out.append(100.0 - num / den if den > 0 else None)
        return out


def _margin(matches: list[float | None], me: int) -> float:
    """How far profile ``me`` is ahead of the rest (negative when behind; file order breaks
    ties, so a tie with an earlier profile counts as behind)."""
    mine = matches[me]
    if mine is None:
        return float("-inf")
    margin = float("inf")
    for i, other in enumerate(matches):
        if i == me or other is None:
            continue
        gap = mine - other
        if i < me and gap <= 0:
            gap = min(gap, 0.0) - 1e-9
        margin = min(margin, gap)
    return 100.0 if margin == float("inf") else margin


@dataclass(frozen=True, slots=True)
class Witness:
    profile: str
    answers: dict[str, Answer]
    margin: float  # the profile's match minus the best other profile's


def _aimed(bank: Bank, profile: Profile, question: Question) -> Answer:
    """The answer that puts the question's dimensions nearest the profile's targets."""

    def distance(value: Answer) -> float:
        total = 0.0
        for dim, v, lo, hi in contributions(bank, question, value):
            if hi > lo:
                at = 100 * (v - lo) / (hi - lo)
                total += abs(at - profile.targets.get(dim, 50.0)) * profile.weight(dim)
        return total

    return min(answer_values(bank, question), key=distance)


def find_witness(
    bank: Bank, profile_id: str, seed: int = 0, restarts: int = 6, max_sweeps: int = 12
) -> Witness | None:
    """Answers to every question for which ``profile_id`` ranks first, or ``None``."""
    me = next(i for i, p in enumerate(bank.profiles) if p.id == profile_id)
    profile = bank.profiles[me]
    rng = random.Random(seed)
    ev = _Evaluator(bank)
    values = [answer_values(bank, q) for q in bank.questions]
    best: Witness | None = None
    for attempt in range(restarts):
        answers = [
            _aimed(bank, profile, q) if attempt == 0 else rng.choice(values[i])
            for i, q in enumerate(bank.questions)
        ]
        ev.set_all(answers)
        current = _margin(ev.matches(), me)
        for _ in range(max_sweeps):
            improved = False
            order = list(range(len(answers)))
            rng.shuffle(order)
            for q in order:
                kept = answers[q]
                ev.add(q, kept, -1.0)
                for value in values[q]:
                    if value == kept:
                        continue
                    ev.add(q, value, 1.0)
                    margin = _margin(ev.matches(), me)
                    ev.add(q, value, -1.0)
                    if margin > current + 1e-12:
                        current, kept, improved = margin, value, True
                ev.add(q, kept, 1.0)
                answers[q] = kept
            if not improved:
                break
        if current >= 0 and (best is None or current > best.margin):
            best = Witness(profile_id, {q.id: a for q, a in zip(bank.questions, answers,
                                                                   strict=True)}, current)
        if best is not None and best.margin > bank.close_call:
            break  # clearly first: no need to look further
    if best is not None:
        # the exact rule decides, not the incremental sums
        result = score(bank, best.answers)
        if result.profiles[0].profile.id != profile_id:
            return None
    return best


# -- the quality report -----------------------------------------------------------------
Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class DimensionCoverage:
    id: str
    items: int  # questions that touch it
    likert: int
    reverse: int  # reverse-keyed likert items
    questions: tuple[str, ...]

    @property
    def reverse_share(self) -> float | None:
        return self.reverse / self.likert if self.likert else None


@dataclass(frozen=True, slots=True)
class ProfileReach:
    id: str
    reachable: bool
    witness: Witness | None
    first_share: float  # among the simulated respondents


@dataclass
class CheckReport:
    path: str
    respondents: int
    seed: int
    dimensions: list[DimensionCoverage] = field(default_factory=list)
    profiles: list[ProfileReach] = field(default_factory=list)
    close_pairs: list[tuple[str, str, float]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def check_bank(bank: Bank, respondents: int = 1000, seed: int = 0) -> CheckReport:
    report = CheckReport(bank.path, respondents, seed)
    targeted = {d for p in bank.profiles for d in p.targets}

    for d in bank.dimensions:
        touching = [q for q in bank.questions if d.id in q.dimensions()]
        likert = [q for q in touching if q.type == "likert"]
        report.dimensions.append(DimensionCoverage(
            d.id, len(touching), len(likert), sum(q.reverse for q in likert),
            tuple(q.id for q in touching)))
        if d.id not in targeted:
            report.findings.append(Finding("warning", "untargeted-dimension",
                                           f"no profile targets the dimension '{d.id}'"))
    for q in bank.questions:
        if not any(d in targeted for d in q.dimensions()):
            report.findings.append(Finding(
                "warning", "idle-question",
                f"question '{q.id}' touches no dimension a profile targets, so it never "
                "changes a match"))

    shares = _simulate(bank, respondents, seed)
    for i, p in enumerate(bank.profiles):
        witness = find_witness(bank, p.id, seed=seed)
        report.profiles.append(ProfileReach(p.id, witness is not None, witness, shares[i]))
        if witness is not None and witness.margin < bank.close_call:
            ranked = score(bank, witness.answers).profiles
            runner_up = ranked[1].profile.id if len(ranked) > 1 else p.id
            report.close_pairs.append((p.id, runner_up, witness.margin))
            report.findings.append(Finding(
                "warning", "close-profiles",
                f"profiles '{p.id}' and '{runner_up}' are hard to tell apart: even the "
                f"answers that suit '{p.id}' best put it only {witness.margin:.1f} points "
                f"ahead (a close call is under {bank.close_call:g})"))
        if witness is None:
            report.findings.append(Finding(
                "error", "unreachable-profile",
                f"profile '{p.id}' never ranks first: no answers bring it ahead of the "
                "others (are its targets the same as an earlier profile's?)"))
        elif respondents and shares[i] < RARE_SHARE:
            report.findings.append(Finding(
                "warning", "rare-profile",
                f"profile '{p.id}' comes first for only {shares[i]:.1%} of "
                f"{respondents} random respondents"))
    return report


def _simulate(bank: Bank, respondents: int, seed: int) -> list[float]:
    """How often each profile comes first for ``respondents`` answering every question at
    random (seeded)."""
    rng = random.Random(seed)
    ev = _Evaluator(bank)
    values = [answer_values(bank, q) for q in bank.questions]
    count = len(bank.profiles)
    firsts = [0] * count
    for _ in range(respondents):
        ev.set_all([rng.choice(v) for v in values])
        matches = ev.matches()
        ranked = sorted((i for i in range(count) if matches[i] is not None),
                        key=lambda i: (-(matches[i] or 0.0), i))
        if ranked:
            firsts[ranked[0]] += 1
    total = max(respondents, 1)
    return [f / total for f in firsts]
