"""Benchmark 4: answer latency.

200 answers through Textual's Pilot (``app.run_test(size=(80, 24))``), each timed from just
before ``await pilot.press(key)`` until the next question is on screen (the press has
returned and ``await pilot.pause()`` has let the screen refresh). The app is built as the
tests build it, with a real store in a temporary data directory, over a generated bank of
250 likert and choice questions (``genbank.py``); "enter" starts the quiz, then digits
answer. The floor: the minimal Textual app (``minimal_app.Minimal``) that updates one
``Static`` per key, measured the same way. Rounds of 200 presses alternate between the two;
the medians of all per-answer times are compared.
Goal: ratio <= 1.3.

Pilot waits in steps of 20 ms (``textual._wait.wait_for_idle``), so both times come in those
steps; for reference the time until the frame with the new question was composed
(``App._display``) is printed too.
Run: ``python benchmarks/bench_answer_latency.py [--rounds N] [--presses N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import genbank
from common import median, report
from minimal_app import Minimal
from textual.app import App

from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.model import Bank
from pm_quiz.store.keeper import Keeper
from pm_quiz.tui.app import QuizApp
from pm_quiz.tui.screens.question import QuestionScreen

QUESTIONS = 250
KEYS = ("1", "2", "3")  # every likert and choice question of genbank offers at least 3


def _frames(app: App[Any]) -> list[float]:
    """Record when the app hands a composed frame to its driver."""
    stamps: list[float] = []
    display = app._display

    def recorded(*args: Any) -> None:
        stamps.append(time.perf_counter())
        display(*args)

    app._display = recorded  # type: ignore[method-assign, assignment]
    return stamps


async def _presses(app: App[Any], presses: int, start: str | None,
                   check: Callable[[App[Any], int], None]) -> tuple[list[float], list[float]]:
    """Per press: seconds to the refreshed screen, and to the last composed frame."""
    times: list[float] = []
    frames: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if start:
            await pilot.press(start)
            await pilot.pause()
        stamps = _frames(app)
        for n in range(presses):
            stamps.clear()
            before = time.perf_counter()
            await pilot.press(KEYS[n % len(KEYS)])
            await pilot.pause()
            after = time.perf_counter()
            times.append(after - before)
            frames.append((stamps[-1] if stamps else after) - before)
        check(app, presses)
        app.exit()
    return times, frames


def _check_quiz(app: App[Any], presses: int) -> None:
    assert isinstance(app, QuizApp)
    if not isinstance(app.screen, QuestionScreen) or app.session.answered != presses:
        raise RuntimeError(f"expected the question screen after {presses} answers, found "
                           f"{type(app.screen).__name__} with {app.session.answered}")


def _check_minimal(app: App[Any], presses: int) -> None:
    assert isinstance(app, Minimal)
    if app.presses != presses:
        raise RuntimeError(f"the minimal app saw {app.presses} of {presses} presses")


async def quiz_round(bank: Bank, presses: int) -> tuple[list[float], list[float]]:
    with tempfile.TemporaryDirectory(prefix="pm-quiz-latency-") as data_dir:
        keeper = Keeper.open(bank, "en", Path(data_dir))
        try:
            if keeper.warning:
                raise RuntimeError(keeper.warning)
            return await _presses(QuizApp(keeper), presses, "enter", _check_quiz)
        finally:
            keeper.close()


async def minimal_round(presses: int) -> tuple[list[float], list[float]]:
    return await _presses(Minimal(), presses, None, _check_minimal)


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[8]


async def run(rounds: int, presses: int, warmup: int) -> int:
    with tempfile.TemporaryDirectory(prefix="pm-quiz-latency-bank-") as work:
        path = Path(work) / "questions.yaml"  # kept while the app runs: it watches the file
        path.write_text(genbank.generate(max(QUESTIONS, presses + 1)), encoding="utf-8")
        return await measure(load_bank(path), rounds, presses, warmup)


async def measure(bank: Bank, rounds: int, presses: int, warmup: int) -> int:
    if warmup:
        await quiz_round(bank, warmup)
        await minimal_round(warmup)
    ours: list[float] = []
    ours_frame: list[float] = []
    floor: list[float] = []
    floor_frame: list[float] = []
    for n in range(rounds):
        times, frames = await quiz_round(bank, presses)
        ours += times
        ours_frame += frames
        times, frames = await minimal_round(presses)
        floor += times
        floor_frame += frames
        print(f"  round {n + 1}: pm-quiz {median(ours[-presses:]) * 1000:.1f} ms, "
              f"minimal {median(floor[-presses:]) * 1000:.1f} ms", file=sys.stderr, flush=True)
    ms = 1000
    ok = report(f"Answer latency, press to refreshed screen ({rounds} rounds of {presses} "
                f"presses each, ms)", [
        ("median per answer / minimal app", median(ours) * ms, median(floor) * ms, 1.3),
    ])
    print(f"  {'for reference':34} {'pm-quiz':>10} {'floor':>10} {'ratio':>7}")
    for name, xs, ys in (
        ("90th percentile per answer", p90(ours), p90(floor)),
        ("median to the composed frame", median(ours_frame), median(floor_frame)),
        ("90th percentile to the frame", p90(ours_frame), p90(floor_frame)),
    ):
        print(f"  {name:34} {xs * ms:10.4g} {ys * ms:10.4g} {xs / ys:7.3f}")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds per app")
    parser.add_argument("--presses", type=int, default=200, help="answers per round")
    parser.add_argument("--warmup", type=int, default=20,
                        help="presses of an unmeasured first round per app (0: none)")
    args = parser.parse_args()
    return asyncio.run(run(args.rounds, args.presses, args.warmup))


if __name__ == "__main__":
    sys.exit(main())
