"""Benchmark 3: scale.

Generated bilingual banks (``genbank.py``) of 100, 1,000 and 10,000 questions with 20
dimensions, each with 10 and with 100 profiles, and a full answers file for each. Measured:
the whole process ``pm-quiz score --questions BANK --answers ANSWERS --format json`` (load,
validate, score, render; output discarded) against the floor, a bare ``python -c`` that
imports yaml and parses the same bank with ``yaml.load(f, Loader=yaml.CSafeLoader)``.
The two run in alternation; the medians are compared.

Goals: ratio <= 1.25 at 10,000 questions and 100 profiles; and time grows linearly in the
number of questions: with the 100-question run as the fixed part (start-up), the variable
part from 1,000 to 10,000 questions grows by no more than 1.25 x the linear 9,900/900 = 11.
Run: ``python benchmarks/bench_scale.py [--pairs N] [--pairs-1k N] [--pairs-100 N]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from functools import partial
from pathlib import Path

import genbank
from common import PYTHON, alternate, median, pm_quiz, report, timed_run

SIZES = (100, 1000, 10000)
PROFILES = (10, 100)
DIMENSIONS = 20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5, help="pairs at 10,000 questions")
    parser.add_argument("--pairs-1k", type=int, default=10, help="pairs at 1,000 questions")
    parser.add_argument("--pairs-100", type=int, default=15, help="pairs at 100 questions")
    args = parser.parse_args()
    pairs = {100: args.pairs_100, 1000: args.pairs_1k, 10000: args.pairs}

    with tempfile.TemporaryDirectory(prefix="pm-quiz-scale-") as tmp:
        return measure(Path(tmp), pairs)


def measure(work: Path, pairs: dict[int, int]) -> int:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PM_QUIZ_")}
    env["PM_QUIZ_DATA_DIR"] = str(work / "data")
    os.chdir(work)
    tool = pm_quiz()

    ours: dict[tuple[int, int], float] = {}
    floor: dict[tuple[int, int], float] = {}
    for profiles in PROFILES:
        for size in SIZES:
            bank, answers = genbank.write(work, size, DIMENSIONS, profiles)
            score = [tool, "score", "--questions", str(bank), "--answers", str(answers),
                     "--format", "json"]
            parse = [PYTHON, "-c", f"import yaml; yaml.load(open({str(bank)!r}, 'rb'), "
                                   "Loader=yaml.CSafeLoader)"]
            xs, ys = alternate(partial(timed_run, score, env), partial(timed_run, parse, env),
                               pairs[size], warmup=1 if size >= 10000 else 2)
            ours[size, profiles] = median(xs) * 1000
            floor[size, profiles] = median(ys) * 1000
            print(f"  {size:>6} questions, {profiles:>3} profiles "
                  f"({bank.stat().st_size / 1e6:.2f} MB): pm-quiz {ours[size, profiles]:.0f} ms,"
                  f" floor {floor[size, profiles]:.0f} ms", file=sys.stderr, flush=True)

    print(f"\nScale: pm-quiz score vs yaml.load (medians; pairs: "
          f"{', '.join(f'{pairs[s]} at {s:,}' for s in SIZES)}; milliseconds)")
    print(f"  {'questions':>9} {'profiles':>8} {'pm-quiz':>9} {'floor':>9} {'ratio':>6}"
          f" {'pm-quiz ms/1k q':>16} {'floor ms/1k q':>14}")
    for profiles in PROFILES:
        previous: int | None = None
        for size in SIZES:
            key = (size, profiles)
            per_1k = ""
            if previous is not None:
                per = 1000 / (size - previous)
                per_1k = (f" {(ours[key] - ours[previous, profiles]) * per:16.1f}"
                          f" {(floor[key] - floor[previous, profiles]) * per:14.1f}")
            print(f"  {size:>9,} {profiles:>8} {ours[key]:9.1f} {floor[key]:9.1f}"
                  f" {ours[key] / floor[key]:6.3f}{per_1k}")
            previous = size
    linear = (SIZES[2] - SIZES[0]) / (SIZES[1] - SIZES[0])

    def growth(times: dict[tuple[int, int], float], profiles: int) -> float:
        """How much the part above the 100-question run grows from 1,000 to 10,000."""
        return ((times[SIZES[2], profiles] - times[SIZES[0], profiles])
                / (times[SIZES[1], profiles] - times[SIZES[0], profiles]))

    ok = report("Goals (the 'floor' of the growth rows is the linear growth, 11)", [
        ("10,000 q, 100 profiles / yaml.load", ours[10000, 100], floor[10000, 100], 1.25),
        *((f"growth 1k->10k above 100 q, {p} prof.", growth(ours, p), linear, 1.25)
          for p in PROFILES),
    ])
    print("  (for reference, the floor's own growth 1k->10k above 100 q: "
          + ", ".join(f"{growth(floor, p):.2f} with {p} profiles" for p in PROFILES) + ")")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
