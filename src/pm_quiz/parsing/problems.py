"""Problems found in user input, and the error that carries them.

Every message the user sees about a bad file goes through :class:`Problem`, so all of them
share one shape: ``PATH:LINE:COL: what is wrong (what was expected)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


# NamedTuple rather than a dataclass here and in the model: the command line starts several
# times faster without importing and building dataclasses (see BENCHMARKS.md).
class Problem(NamedTuple):
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
    """Raised when an input file cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.col))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


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
