"""Questions about a bank as a whole, for its authors (``pm-quiz check``).

* :func:`find_witness`: a complete set of answers for which a profile ranks first, found by
  a start aimed at the profile's targets, then hill climbing one question at a time with
  seeded random restarts. The climb scores incrementally: changing one answer changes only
  that question's contributions.
* :func:`check_bank`: the quality report: coverage and keying balance per dimension,
  reachability per profile (with witnesses), profiles too close to tell apart (even the
  answers that suit a profile best leave another within ``close_call`` points), untargeted
  dimensions, questions that touch no targeted dimension, and the validity simulation
  (:mod:`pm_quiz.quiz.simulate`) judged against the goals below. Findings carry a code and
  their numbers; :mod:`pm_quiz.report.check` words them in the reader's language.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Literal

from pm_quiz.bank.model import Bank, Profile, Question
from pm_quiz.quiz.scoring import Answer, answer_values, contributions, score, scorer_for
from pm_quiz.quiz.simulate import StyleResult, simulate


class _Evaluator:
    """Dimension sums kept up to date answer by answer; profile matches from the sums by
    the scoring rule itself (:meth:`Scorer.matches`)."""

    def __init__(self, bank: Bank) -> None:
        self.scorer = scorer_for(bank)
        self.contributions = self.scorer.table
        self.sums = [[0.0, 0.0, 0.0] for _ in self.scorer.dimension_ids]

    def set_all(self, answers: list[Answer]) -> None:
        self.sums = [[0.0, 0.0, 0.0] for _ in self.scorer.dimension_ids]
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
        return self.scorer.matches(scores)


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

#: The validity goals `check` holds a bank to: below the first number of a pair is a
#: warning, below the second an error (see the README's "Check a bank").
PERSONA_RECOVERY = (0.90, 0.50)
PERSONA_UNCLEAR = 0.20
RANDOM_UNCLEAR = 0.90
RANDOM_HEADLINE = 60.0
HEADLINE_GAP = 25.0
STYLE_WINS = 0.25
MIN_STATEMENTS = 4


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing `check` found: ``params`` fill the code's sentence (shares are 0..1)."""

    severity: Severity
    code: str
    params: dict[str, str | float]


@dataclass(frozen=True, slots=True)
class DimensionCoverage:
    id: str
    items: int  # questions that touch it
    likert: int
    reverse: int  # reverse-keyed likert items
    questions: tuple[str, ...]
    scenario_share: float | None = None  # of its score range, from scenarios

    @property
    def reverse_share(self) -> float | None:
        return self.reverse / self.likert if self.likert else None

    @property
    def forward(self) -> int:
        return self.likert - self.reverse


@dataclass(frozen=True, slots=True)
class ProfileReach:
    id: str
    reachable: bool
    witness: Witness | None
    first_share: float  # among the simulated random respondents


@dataclass
class CheckReport:
    path: str
    respondents: int
    seed: int
    dimensions: list[DimensionCoverage] = field(default_factory=list)
    profiles: list[ProfileReach] = field(default_factory=list)
    close_pairs: list[tuple[str, str, float]] = field(default_factory=list)
    validity: list[StyleResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def add(self, severity: Severity, code: str, **params: str | float) -> None:
        self.findings.append(Finding(severity, code, params))

    def style(self, kind: str) -> StyleResult | None:
        return next((v for v in self.validity if v.kind == kind), None)


def check_bank(bank: Bank, respondents: int = 1000, seed: int = 0) -> CheckReport:
    report = CheckReport(bank.path, respondents, seed)
    _coverage(bank, report)
    report.validity = simulate(bank, respondents, seed)
    random_style = report.style("random")
    shares = random_style.firsts if random_style else {}
    for p in bank.profiles:
        _reach(bank, p, seed, shares.get(p.id, 0.0), report)
    _validity_findings(bank, report)
    return report


def _range(bank: Bank, question: Question, dim: str) -> float:
    """How far ``question`` can move ``dim``'s sums: hi - lo of its contribution."""
    first = contributions(bank, question, answer_values(bank, question)[0])
    return sum(hi - lo for d, _, lo, hi in first if d == dim)


def _coverage(bank: Bank, report: CheckReport) -> None:
    targeted = {d for p in bank.profiles for d in p.targets}
    for d in bank.dimensions:
        touching = [q for q in bank.questions if d.id in q.dimensions()]
        likert = [q for q in touching if q.type == "likert"]
        reverse = sum(q.reverse for q in likert)
        total = sum(_range(bank, q, d.id) for q in touching)
        scenarios = sum(_range(bank, q, d.id) for q in touching if q.type == "choice")
        report.dimensions.append(DimensionCoverage(
            d.id, len(touching), len(likert), reverse, tuple(q.id for q in touching),
            scenarios / total if total else None))
        if d.id not in targeted:
            report.add("warning", "untargeted-dimension", dimension=d.id)
        if touching and len(likert) < MIN_STATEMENTS:
            report.add("warning", "few-statements", dimension=d.id, n=len(likert),
                       minimum=MIN_STATEMENTS)
        if len(likert) >= 2 and abs(len(likert) - 2 * reverse) > 1:
            report.add("warning", "unbalanced-keying", dimension=d.id,
                       forward=len(likert) - reverse, reverse=reverse)
    statements = [q for q in bank.questions if q.type == "likert"]
    if statements and not any(q.reverse for q in statements):
        report.add("warning", "no-reverse-items")
    for q in bank.questions:
        if not any(d in targeted for d in q.dimensions()):
            report.add("warning", "idle-question", question=q.id)


def _reach(bank: Bank, p: Profile, seed: int, share: float, report: CheckReport) -> None:
    witness = find_witness(bank, p.id, seed=seed)
    report.profiles.append(ProfileReach(p.id, witness is not None, witness, share))
    if witness is None:
        report.add("error", "unreachable-profile", profile=p.id)
    elif witness.margin < bank.close_call:
        ranked = score(bank, witness.answers).profiles
        runner_up = ranked[1].profile.id if len(ranked) > 1 else p.id
        report.close_pairs.append((p.id, runner_up, witness.margin))
        report.add("warning", "close-profiles", profile=p.id, other=runner_up,
                   margin=witness.margin, close_call=bank.close_call)
    if report.respondents and len(bank.profiles) > 1 and share > 2 / len(bank.profiles):
        report.add("warning", "chance-winner", profile=p.id, share=share)


def _validity_findings(bank: Bank, report: CheckReport) -> None:
    personas = [v for v in report.validity if v.kind == "persona"]
    for v in personas:
        own = v.own or 0.0
        if own < PERSONA_RECOVERY[0]:
            severity: Severity = "error" if own < PERSONA_RECOVERY[1] else "warning"
            report.add(severity, "persona-not-recovered", profile=v.profile or "", share=own,
                       goal=PERSONA_RECOVERY[0])
        if v.unclear > PERSONA_UNCLEAR:
            report.add("warning", "persona-unclear", profile=v.profile or "", share=v.unclear,
                       goal=PERSONA_UNCLEAR)
    random_style = report.style("random")
    if random_style is not None:
        _random_findings(random_style, personas, report)
    for kind in ("acquiescent", "nay_saying"):
        style = report.style(kind)
        top = max(style.firsts.items(), key=lambda kv: kv[1], default=None) if style else None
        if top is not None and top[1] > STYLE_WINS:
            report.add("warning", f"{kind.replace('_', '-')}-wins", profile=top[0],
                       share=top[1], goal=STYLE_WINS)
    straight = report.style("straight_lining")
    if straight is not None and straight.unclear < 1.0:
        report.add("warning", "straight-lining-passes", share=1 - straight.unclear)


def _random_findings(random_style: StyleResult, personas: list[StyleResult],
                     report: CheckReport) -> None:
    if random_style.unclear < RANDOM_UNCLEAR:
        report.add("warning", "random-reads-as-fit", share=random_style.unclear,
                   goal=RANDOM_UNCLEAR)
    persona_mean = (sum(v.mean_best for v in personas) / len(personas)) if personas else 100.0
    if (random_style.mean_best > RANDOM_HEADLINE
            or random_style.mean_best > persona_mean - HEADLINE_GAP):
        report.add("warning", "random-headline", mean=random_style.mean_best,
                   personas=persona_mean, limit=RANDOM_HEADLINE, gap=HEADLINE_GAP)
