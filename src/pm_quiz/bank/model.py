"""The question bank as immutable records, ready for the session, scoring and reports.

The bank format (:mod:`pm_quiz.bank.definition`) builds these records by their field names
and takes the defaults of optional keys from them; the cache serialises them by their
fields. A new field is added here and in the format's definition, nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

#: The key of a language-neutral text (one written as a plain string in the bank).
ANY_LANGUAGE = "*"


@dataclass(frozen=True, slots=True)
class LText:
    """A text in one or more languages. ``ANY_LANGUAGE`` holds a language-neutral text."""

    by_lang: Mapping[str, str]

    def get(self, lang: str) -> str:
        found = self.by_lang.get(lang)
        if found is not None:
            return found
        found = self.by_lang.get(ANY_LANGUAGE)
        if found is not None:
            return found
        return next(iter(self.by_lang.values()), "")

    def __bool__(self) -> bool:
        return any(self.by_lang.values())


EMPTY = LText({})


@dataclass(frozen=True, slots=True, kw_only=True)
class Scale:
    """The agreement scale of the likert questions: ``min`` to ``max``, labels per language."""

    min: int
    max: int
    labels: Mapping[str, tuple[str, ...]]

    @property
    def steps(self) -> range:
        return range(self.min, self.max + 1)

    def labels_for(self, lang: str) -> tuple[str, ...]:
        found = self.labels.get(lang) or self.labels.get(ANY_LANGUAGE)
        return found if found is not None else next(iter(self.labels.values()))


@dataclass(frozen=True, slots=True, kw_only=True)
class Dimension:
    """A quality the quiz measures; ``line`` is where the bank defines it."""

    id: str
    name: LText
    description: LText = EMPTY
    line: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """A kind of person: target scores per dimension, and how much each counts."""

    id: str
    name: LText
    targets: Mapping[str, float]
    description: LText = EMPTY
    weights: Mapping[str, float] = field(default_factory=dict)
    tips: tuple[LText, ...] = ()
    industries: tuple[LText, ...] = ()
    line: int = 0

    def weight(self, dimension: str) -> float:
        return self.weights.get(dimension, 1.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Option:
    """An answer of a choice question, with the points it gives per dimension."""

    id: str
    text: LText
    scores: Mapping[str, float] = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    """A likert statement (``dimension``, ``reverse``, ``weight``) or a choice question
    (``options``)."""

    id: str
    type: Literal["likert", "choice"]
    text: LText
    dimension: str | None = None
    reverse: bool = False
    weight: float = 1
    options: tuple[Option, ...] = ()
    line: int = 0

    def option(self, option_id: str) -> Option | None:
        for option in self.options:
            if option.id == option_id:
                return option
        return None

    def dimensions(self) -> tuple[str, ...]:
        """The dimensions this question touches, in the order they first appear."""
        if self.dimension is not None:
            return (self.dimension,)
        seen: dict[str, None] = {}
        for option in self.options:
            for dim in option.scores:
                seen.setdefault(dim, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """Background shown beside the result."""

    heading: LText
    points: tuple[LText, ...] = ()
    source: LText = EMPTY


@dataclass(frozen=True, slots=True, kw_only=True)
class Bank:
    """A loaded, valid bank. ``source`` is the file's bytes; ``fingerprint`` their SHA-256."""

    path: str
    source: bytes = field(repr=False)
    title: LText
    scale: Scale
    dimensions: tuple[Dimension, ...]
    profiles: tuple[Profile, ...]
    questions: tuple[Question, ...]
    intro: LText = EMPTY
    languages: tuple[str, ...] = ()
    close_call: float = 5
    context: Context | None = None
    warnings: tuple[str, ...] = ()
    question_index: Mapping[str, int] = field(init=False, repr=False, compare=False)
    dimension_by_id: Mapping[str, Dimension] = field(init=False, repr=False, compare=False)
    profile_by_id: Mapping[str, Profile] = field(init=False, repr=False, compare=False)
    _hash: list[str] = field(init=False, repr=False, compare=False, default_factory=list)

    def __post_init__(self) -> None:
        index = {q.id: i for i, q in enumerate(self.questions)}
        object.__setattr__(self, "question_index", index)
        object.__setattr__(self, "dimension_by_id", {d.id: d for d in self.dimensions})
        object.__setattr__(self, "profile_by_id", {p.id: p for p in self.profiles})

    def know_fingerprint(self, digest: str) -> None:
        """Take the SHA-256 of :attr:`source` from whoever computed it already."""
        if not self._hash:
            self._hash.append(digest)

    @property
    def fingerprint(self) -> str:
        """The SHA-256 of the file's bytes, in hex: computed when first asked for (validating
        a bank does not need it), then kept."""
        if not self._hash:
            import hashlib

            self._hash.append(hashlib.sha256(self.source).hexdigest())
        return self._hash[0]

    def question(self, question_id: str) -> Question | None:
        index = self.question_index.get(question_id)
        return None if index is None else self.questions[index]
