"""Problems found in user input, and the error that carries them.

Every message the user sees about a bad file goes through :class:`Problem`, so all of them
share one shape: ``PATH:LINE:COL: what is wrong (what was expected)``. A file can hold
hundreds of thousands of mistakes; only the first :data:`MAX_PROBLEMS` are kept and shown,
followed by how many more there were.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

#: Problems kept and shown per input; the rest are only counted.
MAX_PROBLEMS = 100


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file. ``line`` and ``col`` are 1-based; 0 means none."""

    path: str
    line: int
    col: int
    message: str
    expected: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        kind = "warning: " if self.severity == "warning" else ""
        tail = f" (expected {self.expected})" if self.expected else ""
        return f"{where}: {kind}{self.message}{tail}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class InputError(Exception):
    """Raised when an input file cannot be used; carries the problems found, in file order.

    At most :data:`MAX_PROBLEMS` are kept; when there were more (``more`` counts those not
    kept), a last problem says how many."""

    def __init__(self, problems: Iterable[Problem], more: int = 0) -> None:
        kept = sorted(problems, key=lambda p: (p.path, p.line, p.col))
        if len(kept) > MAX_PROBLEMS:
            more += len(kept) - MAX_PROBLEMS
            kept = kept[:MAX_PROBLEMS]
        self.more = more
        if more and kept:
            kept.append(Problem(kept[-1].path, 0, 0, f"{more:,} more problem"
                                f"{'' if more == 1 else 's'} not shown (the first "
                                f"{len(kept)} are listed)"))
        self.problems = kept
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


class Collector:
    """Collects the problems of reading one file: the first :data:`MAX_PROBLEMS` in full,
    the rest only counted. Use :meth:`did_you_mean` for hints: once the collector is full,
    it does not spend time on a message nobody will see."""

    def __init__(self, path: str, limit: int = MAX_PROBLEMS) -> None:
        self.path = path
        self.limit = limit
        self.problems: list[Problem] = []
        self.more = 0  # problems found beyond the limit
        self._more_errors = 0  # of those, errors

    @property
    def full(self) -> bool:
        return len(self.problems) >= self.limit

    def add(self, line: int, col: int, message: str, expected: str | None = None,
            severity: Severity = "error") -> None:
        if self.full:
            self.more += 1
            self._more_errors += severity == "error"
        else:
            self.problems.append(Problem(self.path, line, col, message, expected, severity))

    @property
    def failed(self) -> bool:
        """Whether any error was found (counted ones included)."""
        return self._more_errors > 0 or any(p.is_error for p in self.problems)

    def did_you_mean(self, word: str, choices: Iterable[str]) -> str:
        return "" if self.full else did_you_mean(word, choices)

    def as_error(self) -> InputError:
        """The error to raise with everything collected."""
        return InputError(self.problems, self.more)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``; did you mean 'x'?`` hint, or an empty string when nothing is close."""
    import difflib  # only when there is a mistake to explain

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def one_of(choices: Iterable[str], limit: int = 12) -> str:
    """``one of a, b, c`` for an expectation, shortened when the list is long."""
    items = list(choices)
    shown = ", ".join(items[:limit]) + (f", … ({len(items)} in all)" if len(items) > limit else "")
    return f"one of {shown}" if shown else "nothing (none are defined)"
