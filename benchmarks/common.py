"""Shared pieces of the benchmarks: timing, medians, a pseudo-terminal runner, reports."""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
_ANSI = re.compile(
    rb"\x1b\[[0-9;?<=>$]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\x1b\][^\x07]*\x07"
)


def pm_quiz() -> str:
    """The installed ``pm-quiz`` next to this Python (or on PATH)."""
    here = Path(sys.executable).parent / "pm-quiz"
    found = str(here) if here.exists() else shutil.which("pm-quiz")
    if not found:
        sys.exit("pm-quiz is not installed in this environment: run the README's set-up")
    return found


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def alternate(a: Callable[[], float], b: Callable[[], float], pairs: int,
              warmup: int = 2) -> tuple[list[float], list[float]]:
    """Run ``a`` and ``b`` in alternation, ``pairs`` times, after ``warmup`` pairs."""
    for _ in range(warmup):
        a()
        b()
    xs, ys = [], []
    for _ in range(pairs):
        xs.append(a())
        ys.append(b())
    return xs, ys


def timed_run(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Seconds from exec to exit of ``command`` (output discarded)."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   stdin=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def visible(data: bytes) -> str:
    """Terminal output with escape sequences taken out."""
    return _ANSI.sub(b"", data).decode("utf-8", errors="replace")


class PtyApp:
    """A command in a pseudo-terminal of a given size, its output read as it comes."""

    def __init__(self, command: Sequence[str], width: int = 80, height: int = 24,
                 env: dict[str, str] | None = None) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        environ = dict(os.environ if env is None else env)
        environ.setdefault("TERM", "xterm-256color")
        environ.pop("NO_COLOR", None)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave,
                                     env=environ, start_new_session=True, close_fds=True)
        os.close(slave)
        self.output = b""

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        """Seconds from exec until ``text`` is on the screen."""
        deadline = time.perf_counter() + timeout
        while True:
            if text in visible(self.output):
                return time.perf_counter() - self.started
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                self.close()
                raise TimeoutError(f"{text!r} did not appear:\n{visible(self.output)[-800:]}")
            ready, _, _ = select.select([self.master], [], [], min(remaining, 0.05))
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    self.close()
                    raise RuntimeError(visible(self.output)[-800:]) from None

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        os.close(self.master)


def report(title: str, rows: list[tuple[str, float, float, float | None]]) -> bool:
    """Print ``(name, measured, floor, goal)`` rows with their ratios; True if all meet
    their goal. A row whose goal is None is shown for what it explains, and judged not."""
    print(f"\n{title}")
    print(f"  {'':34} {'pm-quiz':>10} {'floor':>10} {'ratio':>7} {'goal':>7}")
    ok = True
    for name, value, floor, goal in rows:
        ratio = value / floor
        if goal is None:
            print(f"  {name:34} {value:10.4g} {floor:10.4g} {ratio:7.3f} {'-':>7}")
            continue
        met = ratio <= goal
        ok &= met
        print(f"  {name:34} {value:10.4g} {floor:10.4g} {ratio:7.3f} {'<= ' + str(goal):>7}"
              f"  {'ok' if met else 'MISSED'}")
    return ok
