"""Benchmark 1: the first screen.

From exec to the welcome screen painted in a pseudo-terminal (80x24): ``pm-quiz`` against
a minimal Textual app that shows one ``Static``, in alternation, median of the pairs.
Goal: ratio <= 1.25.
Run: ``python benchmarks/bench_first_screen.py [--pairs N]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

from common import HERE, PYTHON, PtyApp, alternate, median, pm_quiz, report


def first_paint(command: list[str], marker: str, env: dict[str, str]) -> float:
    app = PtyApp(command, 80, 24, env)
    try:
        return app.wait_for(marker)
    finally:
        app.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=12)
    args = parser.parse_args()
    data = tempfile.mkdtemp()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PM_QUIZ_")}
    env.update(PM_QUIZ_DATA_DIR=data, LANG="C.UTF-8")
    os.chdir(data)  # no ./questions.yaml here: the default bank
    quiz = [pm_quiz(), "--lang", "en"]
    floor = [PYTHON, str(HERE / "minimal_app.py"), "Start the quiz"]
    ours, base = alternate(lambda: first_paint(quiz, "Start the quiz", env),
                           lambda: first_paint(floor, "Start the quiz", env), args.pairs)
    ok = report(f"First screen, exec to painted (median of {args.pairs} pairs, ms)", [
        ("pm-quiz welcome / minimal app", median(ours) * 1000, median(base) * 1000, 1.25),
    ])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
