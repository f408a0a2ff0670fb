"""``pm-quiz check`` on the default bank, 1000 simulated respondents of each kind.

Goal (issue: validity report in check): under 2 s on this machine. The floor, measured in
the same run, is the scoring rule alone on the same number of respondents with random
answers drawn beforehand: what remains above it is the simulation's own work (personas'
noise and choices, bookkeeping) and the witness search.
"""

from __future__ import annotations

import random
import time

from common import median

from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.locate import default_bank_path
from pm_quiz.quiz.analysis import check_bank
from pm_quiz.quiz.scoring import answer_values, scorer_for
from pm_quiz.quiz.simulate import STYLES

RESPONDENTS = 1000
GOAL_SECONDS = 2.0


def main() -> int:
    bank = load_bank(default_bank_path())
    kinds = len(bank.profiles) + len(STYLES)
    rng = random.Random(0)
    values = [answer_values(bank, q) for q in bank.questions]
    sheets = [[rng.choice(v) for v in values] for _ in range(RESPONDENTS * kinds)]
    scorer = scorer_for(bank)

    def check() -> float:
        start = time.perf_counter()
        check_bank(bank, RESPONDENTS, seed=0)
        return time.perf_counter() - start

    def floor() -> float:
        start = time.perf_counter()
        for sheet in sheets:
            scorer.evaluate(sheet)
        return time.perf_counter() - start

    checks, floors = [], []
    for _ in range(5):
        checks.append(check())
        floors.append(floor())
    measured, base = median(checks), median(floors)
    print(f"check_bank on the default bank, {RESPONDENTS} respondents x {kinds} kinds: "
          f"{measured:.3f} s (goal under {GOAL_SECONDS:.0f} s: "
          f"{'ok' if measured < GOAL_SECONDS else 'MISSED'})")
    # the goal is the absolute one; the ratio says how much the simulation adds to scoring
    print(f"against scoring the same respondents alone ({base:.3f} s): ratio "
          f"{measured / base:.3f}")
    return 0 if measured < GOAL_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
