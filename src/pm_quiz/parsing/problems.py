"""Problems found in user input, and the error that carries them.

Every message the user sees about a bad file goes through :class:`Problem`, so all of them
share one shape: ``PATH:LINE:COL: what is wrong (what was expected)``. A file can hold
hundreds of thousands of mistakes; only the first :data:`MAX_PROBLEMS` are kept and shown,
followed by how many more there were.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from pm_quiz.i18n import Phrase, message_language, say, t

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
    #: The catalogue keys of the message and expectation, and their values; with a key,
    #: ``str()`` speaks the message language, while ``message`` and ``expected`` hold English.
    key: str | None = None
    expected_key: str | None = None
    params: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(cls, path: str, line: int, col: int, key: str, expected_key: str | None = None,
           /, **params: object) -> Problem:
        """The error the catalogue text ``key`` describes (``expected_key`` saying what was
        expected), both filled in with ``params``."""
        return cls.made(path, line, col, key, expected_key, params)

    @classmethod
    def made(cls, path: str, line: int, col: int, key: str, expected_key: str | None,
             params: Mapping[str, object], severity: Severity = "error") -> Problem:
        """:meth:`of` with the values as a mapping, and a severity."""
        expected = Phrase(expected_key, params).said("en") if expected_key else None
        return cls(path, line, col, Phrase(key, params).said("en"), expected, severity,
                   key, expected_key, params)

    @classmethod
    def not_shown(cls, path: str, more: int, shown: int,
                  severity: Severity = "error") -> Problem:
        """The last line of a long list: ``more`` problems not shown after ``shown``."""
        return cls.made(path, 0, 0, "msg_more_problems", None,
                        {"n": more, "count": f"{more:,}", "shown": shown}, severity)

    def __str__(self) -> str:
        return self.said(message_language())

    def said(self, lang: str, *, brief: bool = False) -> str:
        """The problem as one line in ``lang``: ``PATH:LINE:COL: message (expected …)``;
        ``brief``: without what was expected (where room is short)."""
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        if self.key is None:  # a message not in the catalogues: English
            kind = "warning: " if self.severity == "warning" else ""
            tail = f" (expected {self.expected})" if self.expected and not brief else ""
            return f"{where}: {kind}{self.message}{tail}"
        kind = t(lang, "msg_warning") if self.severity == "warning" else ""
        text = Phrase(self.key, self.params).said(lang)
        if self.expected_key and not brief:
            text = t(lang, "msg_expected", message=text,
                     expected=Phrase(self.expected_key, self.params).said(lang))
        return f"{where}: {kind}{text}"

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
            kept.append(Problem.not_shown(kept[-1].path, more, len(kept)))
        self.problems = kept
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


class Collector:
    """Collects the problems of reading one file: the first :data:`MAX_PROBLEMS` in full,
    the rest only counted. Use :meth:`hint` for hints: once the collector is full,
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

    def say(self, line: int, col: int, key: str, expected_key: str | None = None,
            /, *, severity: Severity = "error", **params: object) -> None:
        """Add the problem the catalogue text ``key`` describes (see :meth:`Problem.of`)."""
        self.put(line, col, key, expected_key, params, severity)

    def put(self, line: int, col: int, key: str, expected_key: str | None,
            params: Mapping[str, object], severity: Severity = "error") -> None:
        """:meth:`say` with the values as a mapping."""
        if self.full:
            self.more += 1
            self._more_errors += severity == "error"
        else:
            self.problems.append(Problem.made(self.path, line, col, key, expected_key,
                                              params, severity))

    @property
    def failed(self) -> bool:
        """Whether any error was found (counted ones included)."""
        return self._more_errors > 0 or any(p.is_error for p in self.problems)

    def hint(self, word: str, choices: Iterable[str]) -> Phrase | str:
        return "" if self.full else hint(word, choices)

    def as_error(self) -> InputError:
        """The error to raise with everything collected."""
        return InputError(self.problems, self.more)


def hint(word: str, choices: Iterable[str]) -> Phrase | str:
    """A ``; did you mean 'x'?`` hint (a ``{hint}`` value for a catalogue text), or an empty
    string when nothing is close."""
    import difflib  # only when there is a mistake to explain

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return say("msg_did_you_mean", word=close[0]) if close else ""


def one_of_said(choices: Iterable[str], limit: int = 12) -> Phrase:
    """``one of a, b, c`` for an expectation, shortened when the list is long."""
    items = list(choices)
    if not items:
        return say("exp_none_defined")
    rest = say("exp_in_all", n=len(items)) if len(items) > limit else ""
    return say("exp_one_of", shown=", ".join(items[:limit]), rest=rest)
