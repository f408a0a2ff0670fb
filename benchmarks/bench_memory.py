"""Benchmark 5: memory.

Peak resident memory (``VmHWM`` of ``/proc/PID/status``) of the real ``pm-quiz`` process on
the result screen of the default bank, against the minimal Textual app (``minimal_app.py``)
after its first paint; both in a pseudo-terminal of 80x24.

To reach the result quickly a data directory is prepared once: ``pm-quiz --plain`` answers
all questions but the last (an unfinished attempt is stored). Each run gets a copy of it and
starts ``pm-quiz --lang en``: Enter on "Resume (43 of 44 answered)" on the welcome screen,
"1" answers the last question, and the memory is read once "Your result" is on screen (after
a short settle). (Not ``--resume``: there, Enter on "Start the quiz" starts afresh.)
The minimal app is read the same settle time after its text appears. Runs alternate; the
medians are compared.
Goal: ratio <= 1.2.
Run: ``python benchmarks/bench_memory.py [--pairs N] [--settle SECONDS]``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import HERE, PYTHON, PtyApp, alternate, median, pm_quiz, report


def peak_rss_mib(pid: int) -> float:
    """``VmHWM`` of a running process, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM in /proc/{pid}/status")


def close(app: PtyApp) -> None:
    """Close ``app``, which ``PtyApp.wait_for`` has already done when it timed out."""
    with contextlib.suppress(OSError):
        app.close()


def prepare(tool: str, data: Path, env: dict[str, str]) -> int:
    """Answer all questions of the default bank but the last in plain mode; returns the
    number of questions."""
    from pm_quiz.bank.loader import load_bank
    from pm_quiz.bank.locate import default_bank_path

    total = len(load_bank(default_bank_path()).questions)
    environ = {**env, "PM_QUIZ_DATA_DIR": str(data)}
    subprocess.run([tool, "--plain", "--lang", "en"], input="1\n" * (total - 1), text=True,
                   env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return total


def on_result(tool: str, template: Path, work: Path, total: int, env: dict[str, str],
              settle: float) -> float:
    data = work / "data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(template, data)
    app = PtyApp([tool, "--lang", "en"], 80, 24, {**env, "PM_QUIZ_DATA_DIR": str(data)})
    try:
        app.wait_for(f"Resume ({total - 1} of {total} answered)")
        app.send(b"\r")
        app.wait_for(f"{total}/{total}")
        app.send(b"1")
        app.wait_for("Your result")
        time.sleep(settle)
        return peak_rss_mib(app.proc.pid)
    finally:
        close(app)


def minimal(env: dict[str, str], settle: float) -> float:
    app = PtyApp([PYTHON, str(HERE / "minimal_app.py"), "Start the quiz"], 80, 24, env)
    try:
        app.wait_for("Start the quiz")
        time.sleep(settle)
        return peak_rss_mib(app.proc.pid)
    finally:
        close(app)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--settle", type=float, default=0.3,
                        help="seconds between the marker on screen and reading VmHWM")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pm-quiz-memory-") as tmp:
        return measure(Path(tmp), args.pairs, args.settle)


def measure(work: Path, pairs: int, settle: float) -> int:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PM_QUIZ_")}
    env["LANG"] = "C.UTF-8"
    os.chdir(work)  # no ./questions.yaml here: the default bank
    tool = pm_quiz()
    template = work / "prepared"
    total = prepare(tool, template, env)

    ours, floor = alternate(lambda: on_result(tool, template, work, total, env, settle),
                            lambda: minimal(env, settle), pairs, warmup=1)
    print(f"  pm-quiz: {', '.join(f'{x:.1f}' for x in ours)} MiB; "
          f"minimal: {', '.join(f'{y:.1f}' for y in floor)} MiB", file=sys.stderr)
    ok = report(f"Peak memory, VmHWM (median of {pairs} runs each, MiB)", [
        ("pm-quiz result screen / minimal app", median(ours), median(floor), 1.2),
    ])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
