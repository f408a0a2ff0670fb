"""The question bank as immutable objects, ready for the session, scoring and reports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

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

    @classmethod
    def plain(cls, text: str) -> LText:
        return cls({ANY_LANGUAGE: text})


EMPTY = LText({})


@dataclass(frozen=True, slots=True)
class Scale:
    min: int
    max: int
    labels: Mapping[str, tuple[str, ...]]

    @property
    def steps(self) -> range:
        return range(self.min, self.max + 1)

    def labels_for(self, lang: str) -> tuple[str, ...]:
        found = self.labels.get(lang) or self.labels.get(ANY_LANGUAGE)
        return found if found is not None else next(iter(self.labels.values()))


@dataclass(frozen=True, slots=True)
class Dimension:
    id: str
    name: LText
    description: LText
    line: int = 0


@dataclass(frozen=True, slots=True)
class Profile:
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


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    text: LText
    scores: Mapping[str, float]
    line: int = 0


@dataclass(frozen=True, slots=True)
class Question:
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


@dataclass(frozen=True, slots=True)
class Context:
    heading: LText
    points: tuple[LText, ...] = ()
    source: LText = EMPTY


@dataclass(frozen=True)
class Bank:
    path: str
    fingerprint: str
    title: LText
    intro: LText
    languages: tuple[str, ...]
    close_call: float
    scale: Scale
    dimensions: tuple[Dimension, ...]
    profiles: tuple[Profile, ...]
    questions: tuple[Question, ...]
    context: Context | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @cached_property
    def question_index(self) -> dict[str, int]:
        return {q.id: i for i, q in enumerate(self.questions)}

    @cached_property
    def dimension_by_id(self) -> dict[str, Dimension]:
        return {d.id: d for d in self.dimensions}

    @cached_property
    def profile_by_id(self) -> dict[str, Profile]:
        return {p.id: p for p in self.profiles}

    def question(self, question_id: str) -> Question | None:
        index = self.question_index.get(question_id)
        return None if index is None else self.questions[index]

    def language(self, wanted: str | None) -> str:
        """``wanted`` if the bank has it, else the bank's first language (or ``wanted``)."""
        if wanted and (wanted in self.languages or not self.languages):
            return wanted
        return self.languages[0] if self.languages else (wanted or "en")
