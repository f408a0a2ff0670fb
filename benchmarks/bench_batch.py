"""Benchmark 6: batch scoring.

A CSV export of 10,000 respondents for the default bank (seeded random answers, headers
by question id, every tenth cell empty). Measured: the whole process
``pm-quiz score --answers FILE --format csv`` (load the bank, read and check every cell,
score, build each result, write the CSV; output discarded) against the floor, a bare
``python -c`` that loads the same bank, reads the CSV with ``csv.DictReader``, turns the
cells into answers and calls the core's ``score`` for each row in a loop. The two run in
alternation; the medians are compared.
Goal: ratio <= 2.

Memory: peak RSS (``ru_maxrss``) of the same command on 1,000 and on 10,000 respondents;
streaming means it does not grow with the rows. Goal: ratio <= 1.1.
Run: ``python benchmarks/bench_batch.py [--pairs N] [--rows N]``.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

from common import PYTHON, alternate, median, pm_quiz, report, timed_run

FLOOR = """
import csv, sys
from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.locate import default_bank_path
from pm_quiz.quiz.scoring import score
bank = load_bank(default_bank_path())
likert = {q.id for q in bank.questions if q.type == "likert"}
with open(sys.argv[1], newline="", encoding="utf-8") as handle:
    for row in csv.DictReader(handle):
        answers = {k: int(v) if k in likert else v for k, v in row.items() if v}
        score(bank, answers)
"""

PEAK = """
import resource, sys
from pm_quiz.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def write_export(path: Path, rows: int, seed: int = 0) -> None:
    from pm_quiz.bank.loader import load_bank
    from pm_quiz.bank.locate import default_bank_path

    bank = load_bank(default_bank_path())
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow([q.id for q in bank.questions])
        for _ in range(rows):
            out.writerow(["" if rng.random() < 0.1 else
                          rng.randint(bank.scale.min, bank.scale.max) if q.type == "likert"
                          else rng.choice(q.options).id for q in bank.questions])


def peak_kib(args: list[str], env: dict[str, str]) -> int:
    done = subprocess.run([PYTHON, "-c", PEAK, *args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, env=env, check=True)
    return int(done.stderr.split()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PM_QUIZ_")}
    tool = pm_quiz()
    with tempfile.TemporaryDirectory(prefix="pm-quiz-batch-") as tmp:
        work = Path(tmp)
        env["PM_QUIZ_DATA_DIR"] = str(work / "data")
        big, small = work / "big.csv", work / "small.csv"
        write_export(big, args.rows)
        write_export(small, args.rows // 10, seed=1)
        ours = [tool, "score", "--answers", str(big), "--format", "csv", "--lang", "en"]
        floor = [PYTHON, "-c", FLOOR, str(big)]
        xs, ys = alternate(partial(timed_run, ours, env), partial(timed_run, floor, env),
                           args.pairs, warmup=1)
        print(f"  {args.rows:,} respondents: pm-quiz {median(xs):.2f} s, floor "
              f"{median(ys):.2f} s", file=sys.stderr)
        command = ["score", "--format", "csv", "--lang", "en", "--answers"]
        peaks = [peak_kib([*command, str(path)], env) for path in (small, big)]
        print(f"  peak RSS: {peaks[0] / 1024:.1f} MiB at {args.rows // 10:,} rows, "
              f"{peaks[1] / 1024:.1f} MiB at {args.rows:,}", file=sys.stderr)
    ok = report(f"Batch scoring: {args.rows:,} respondents on the default bank (medians of "
                f"{args.pairs} pairs)", [
                    ("score --format csv (s)", median(xs), median(ys), 2.0),
                    (f"peak RSS at {args.rows:,} vs {args.rows // 10:,} rows", peaks[1],
                     peaks[0], 1.1),
                ])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
