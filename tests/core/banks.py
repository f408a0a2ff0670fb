"""Builders and Hypothesis strategies for question banks, shared by the core tests.

A bank is built as a plain Python dict in the ``questions.yaml`` shape, dumped with
``yaml.safe_dump`` and read back with the real loader, so every test goes through the
same path a user's file does. Tests import this module by name (pytest puts this folder
on ``sys.path``, as ``tests/core`` has no ``__init__.py``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

import yaml
from hypothesis import strategies as st

from pm_quiz.bank.loader import load_bank_bytes
from pm_quiz.bank.model import Bank

LANGUAGES = ["de", "en"]
NAME = "bank.yaml"

BankDict = dict[str, Any]
AnswerDict = dict[str, int | str]


# -- builders ----------------------------------------------------------------------------
def text(en: str) -> dict[str, str]:
    """A text in both languages: the German one is marked so the two differ."""
    return {"de": f"{en} (de)", "en": en}


def likert(qid: str, dimension: str, *, reverse: bool | None = None,
           weight: float | None = None) -> dict[str, Any]:
    q: dict[str, Any] = {"id": qid, "type": "likert", "dimension": dimension,
                         "text": text(f"Statement {qid}")}
    if reverse is not None:
        q["reverse"] = reverse
    if weight is not None:
        q["weight"] = weight
    return q


def choice(qid: str, options: Mapping[str, Mapping[str, float]]) -> dict[str, Any]:
    """A choice question; ``options`` maps option id → its scores."""
    return {
        "id": qid,
        "type": "choice",
        "text": text(f"Scenario {qid}"),
        "options": [
            {"id": oid, "text": text(f"Option {oid}"), "scores": dict(scores)}
            for oid, scores in options.items()
        ],
    }


def profile(pid: str, targets: Mapping[str, float],
            weights: Mapping[str, float] | None = None) -> dict[str, Any]:
    p: dict[str, Any] = {"id": pid, "name": text(f"Profile {pid}"), "targets": dict(targets)}
    if weights:
        p["weights"] = dict(weights)
    return p


def scale_labels(low: int, high: int) -> dict[str, list[str]]:
    steps = high - low + 1
    return {"de": [f"Stufe {i}" for i in range(steps)], "en": [f"Step {i}" for i in range(steps)]}


def bank_dict(
    dimensions: Iterable[str],
    profiles: list[dict[str, Any]],
    questions: list[dict[str, Any]],
    *,
    scale: tuple[int, int] = (1, 5),
    close_call: float | None = None,
) -> BankDict:
    d: BankDict = {"title": text("Test quiz"), "languages": list(LANGUAGES)}
    if close_call is not None:
        d["close_call"] = close_call
    low, high = scale
    d["scale"] = {"min": low, "max": high, "labels": scale_labels(low, high)}
    d["dimensions"] = [{"id": dim, "name": text(f"Dimension {dim}")} for dim in dimensions]
    d["profiles"] = profiles
    d["questions"] = questions
    return d


def to_yaml(d: BankDict) -> str:
    return yaml.safe_dump(d, allow_unicode=True, sort_keys=False, width=1_000_000)


def load(source: BankDict | str, name: str = NAME) -> Bank:
    """Load a bank dict (dumped to YAML first) or YAML text with the real loader."""
    data = source if isinstance(source, str) else to_yaml(source)
    return load_bank_bytes(data.encode("utf-8"), name)


def flip_reverse(d: BankDict, qid: str) -> BankDict:
    """A copy of ``d`` with the ``reverse`` flag of the likert question ``qid`` flipped."""
    out = copy.deepcopy(d)
    for q in out["questions"]:
        if q["id"] == qid:
            q["reverse"] = not q.get("reverse", False)
    return out


# -- strategies --------------------------------------------------------------------------
ids = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_.-]{0,7}\Z")
texts = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"]),
    min_size=1, max_size=16,
).filter(lambda s: s.strip() != "")
float_scores = st.floats(min_value=-50, max_value=50, allow_nan=False, allow_infinity=False)
float_targets = st.floats(min_value=0, max_value=100)
float_weights = st.floats(min_value=0.01, max_value=50, allow_nan=False, allow_infinity=False)


@st.composite
def localized(draw: st.DrawFn) -> dict[str, str] | str:
    """A text: mostly a map with both languages, sometimes one language-neutral string."""
    if draw(st.integers(0, 4)) == 0:
        return draw(texts)
    return {lang: draw(texts) for lang in LANGUAGES}


def quarters(low: int, high: int) -> st.SearchStrategy[float]:
    """Multiples of 0.25 from ``low`` to ``high``: floats that add up without rounding."""
    return st.integers(4 * low, 4 * high).map(lambda n: n / 4)


@st.composite
def bank_dicts(draw: st.DrawFn, exact: bool = False) -> BankDict:
    """A valid bank as a dict: 1-6 dimensions, 1-5 profiles, 1-8 mixed questions.

    Numbers are integers or arbitrary floats; with ``exact``, integers or multiples of 0.25,
    so that sums of them are exact and only the final divisions round.
    """
    score_st = st.integers(-5, 5) | (quarters(-10, 10) if exact else float_scores)
    target_st = st.integers(0, 100) | (quarters(0, 100) if exact else float_targets)
    weight_st = st.integers(1, 5) | (quarters(1, 10) if exact else float_weights)
    dims = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    low = draw(st.integers(-3, 3))
    high = low + draw(st.integers(1, 6))
    steps = high - low + 1

    d: BankDict = {"title": draw(localized()), "languages": list(LANGUAGES)}
    if draw(st.booleans()):
        d["close_call"] = draw(st.integers(0, 20) | st.floats(min_value=0, max_value=20))
    if draw(st.integers(0, 3)) == 0:
        labels: Any = draw(st.lists(texts, min_size=steps, max_size=steps))
    else:
        labels = {lang: draw(st.lists(texts, min_size=steps, max_size=steps))
                  for lang in LANGUAGES}
    d["scale"] = {"min": low, "max": high, "labels": labels}
    d["dimensions"] = [{"id": dim, "name": draw(localized())} for dim in dims]

    profiles = []
    for pid in draw(st.lists(ids, min_size=1, max_size=5, unique=True)):
        targeted = draw(st.lists(st.sampled_from(dims), min_size=1, unique=True))
        p: dict[str, Any] = {"id": pid, "name": draw(localized()),
                             "targets": {dim: draw(target_st) for dim in targeted}}
        weighted = draw(st.lists(st.sampled_from(targeted), unique=True))
        if weighted:
            p["weights"] = {dim: draw(weight_st) for dim in weighted}
        profiles.append(p)
    d["profiles"] = profiles

    questions = []
    for qid in draw(st.lists(ids, min_size=1, max_size=8, unique=True)):
        q: dict[str, Any] = {"id": qid}
        if draw(st.booleans()):
            q.update(type="likert", dimension=draw(st.sampled_from(dims)),
                     text=draw(localized()))
            reverse = draw(st.sampled_from([None, False, True]))
            if reverse is not None:
                q["reverse"] = reverse
            if draw(st.booleans()):
                q["weight"] = draw(weight_st)
        else:
            options = []
            for oid in draw(st.lists(ids, min_size=2, max_size=4, unique=True)):
                scored = draw(st.lists(st.sampled_from(dims), unique=True))
                option: dict[str, Any] = {"id": oid, "text": draw(localized())}
                if scored or draw(st.booleans()):
                    option["scores"] = {dim: draw(score_st) for dim in scored}
                options.append(option)
            q.update(type="choice", text=draw(localized()), options=options)
        questions.append(q)
    d["questions"] = questions
    return d


def valid_values(d: BankDict, q: Mapping[str, Any]) -> list[int | str]:
    """Every valid answer to question ``q`` of bank dict ``d``."""
    if q["type"] == "likert":
        return list(range(d["scale"]["min"], d["scale"]["max"] + 1))
    return [o["id"] for o in q["options"]]


def answer_sets(d: BankDict) -> st.SearchStrategy[AnswerDict]:
    """Valid answers to a random subset of the questions of ``d``."""
    questions = d["questions"]
    return st.fixed_dictionaries(
        {},
        optional={q["id"]: st.sampled_from(valid_values(d, q)) for q in questions},
    )


@st.composite
def banks_with_answers(draw: st.DrawFn, exact: bool = False) -> tuple[BankDict, AnswerDict]:
    d = draw(bank_dicts(exact=exact))
    return d, draw(answer_sets(d))
