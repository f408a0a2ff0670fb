"""The question bank as immutable objects, ready for the session, scoring and reports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple

ANY_LANGUAGE = "*"


class LText(NamedTuple):
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


class Scale(NamedTuple):
    min: int
    max: int
    labels: Mapping[str, tuple[str, ...]]

    @property
    def steps(self) -> range:
        return range(self.min, self.max + 1)

    def labels_for(self, lang: str) -> tuple[str, ...]:
        found = self.labels.get(lang) or self.labels.get(ANY_LANGUAGE)
        return found if found is not None else next(iter(self.labels.values()))


class Dimension(NamedTuple):
    id: str
    name: LText
    description: LText
    line: int = 0


class Profile(NamedTuple):
    id: str
    name: LText
    description: LText
    targets: Mapping[str, float]
    weights: Mapping[str, float]
    tips: tuple[LText, ...] = ()
    industries: tuple[LText, ...] = ()
    line: int = 0

    def weight(self, dimension: str) -> float:
        return self.weights.get(dimension, 1.0)


class Option(NamedTuple):
    id: str
    text: LText
    scores: Mapping[str, float]
    line: int = 0


class Question(NamedTuple):
    id: str
    type: Literal["likert", "choice"]
    text: LText
    dimension: str | None = None
    reverse: bool = False
    weight: float = 1.0
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


class Context(NamedTuple):
    heading: LText
    points: tuple[LText, ...] = ()
    source: LText = EMPTY


class Bank:
    """A loaded, valid bank. ``fingerprint`` is the SHA-256 of the file's bytes."""

    __slots__ = ("_data", "_fingerprint", "close_call", "context", "dimension_by_id",
                 "dimensions", "intro", "languages", "path", "profile_by_id", "profiles",
                 "question_index", "questions", "scale", "title", "warnings")

    def __init__(
        self,
        *,
        path: str,
        data: bytes,
        title: LText,
        intro: LText,
        languages: tuple[str, ...],
        close_call: float,
        scale: Scale,
        dimensions: tuple[Dimension, ...],
        profiles: tuple[Profile, ...],
        questions: tuple[Question, ...],
        context: Context | None = None,
        warnings: tuple[str, ...] = (),
    ) -> None:
        self.path = path
        self._data = data
        self._fingerprint: str | None = None
        self.title = title
        self.intro = intro
        self.languages = languages
        self.close_call = close_call
        self.scale = scale
        self.dimensions = dimensions
        self.profiles = profiles
        self.questions = questions
        self.context = context
        self.warnings = warnings
        self.question_index = {q.id: i for i, q in enumerate(questions)}
        self.dimension_by_id = {d.id: d for d in dimensions}
        self.profile_by_id = {p.id: p for p in profiles}

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            from pm_quiz.parsing.files import sha256_hex

            self._fingerprint = sha256_hex(self._data)
        return self._fingerprint

    def question(self, question_id: str) -> Question | None:
        index = self.question_index.get(question_id)
        return None if index is None else self.questions[index]
