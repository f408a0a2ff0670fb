"""The result as a JSON-ready dict: the ``--format json`` output and what history stores.

The shape is documented in the README ("The JSON result") and typed here as
:class:`ResultData`; ``FORMAT`` names its version. Texts are in the language the result was
made in; numbers are full precision.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypedDict

from pm_quiz.bank.model import Bank, LText
from pm_quiz.quiz.scoring import Answers, Result

FORMAT = "pm-quiz-result/2"
#: Within this many points of a target, a dimension counts as close (the level rule).
CLOSE = 15
#: A best match at or above this is a strong fit, at or above MODERATE a moderate one.
STRONG = 75.0
MODERATE = 60.0
#: A dimension's share of the match (its term of the correlation) counts from this size.
CARRIES = 0.02


class BankInfo(TypedDict):
    title: str
    path: str
    fingerprint: str


class GapData(TypedDict):
    dimension: str
    score: float
    target: float
    weight: float
    contribution: float


class ProfileData(TypedDict):
    id: str
    name: str
    match: float | None
    description: str
    tips: list[str]
    industries: list[str]
    gaps: list[GapData]


class DimensionData(TypedDict):
    id: str
    name: str
    description: str
    score: float | None
    items: int
    previous: float | None


class ReasonData(TypedDict):
    code: str
    value: float | None
    threshold: float | None
    dimensions: list[str]


class ValidityData(TypedDict):
    inconsistency: float | None
    acquiescence: float | None
    straight_lining: int | None


class ContextData(TypedDict):
    heading: str
    points: list[str]
    source: str


class ResultData(TypedDict):
    format: str
    language: str
    bank: BankInfo
    answered: int
    total: int
    verdict: str
    best: str | None
    close_call: bool
    fit: str | None
    reasons: list[ReasonData]
    validity: ValidityData
    profiles: list[ProfileData]
    dimensions: list[DimensionData]
    context: ContextData | None
    answers: dict[str, int | str]


def result_data(
    bank: Bank,
    result: Result,
    lang: str,
    answers: Answers,
    previous: Mapping[str, float | None] | None = None,
) -> ResultData:
    """Everything a summary shows, in one JSON-ready dict.

    ``previous`` maps dimension id → score of an earlier attempt, for the change column.
    """

    def text(value: LText) -> str:
        return value.get(lang)

    best = result.best
    context = bank.context
    profiles = _profiles(result, text)
    indices = result.indices
    return {
        "format": FORMAT,
        "language": lang,
        "bank": {"title": text(bank.title), "path": bank.path, "fingerprint": bank.fingerprint},
        "answered": result.answered,
        "total": result.total,
        "verdict": result.verdict,
        "best": best.profile.id if best else None,
        "close_call": result.close_call,
        "fit": fit_strength(profiles[0]) if best else None,
        "reasons": [{"code": r.code, "value": r.value, "threshold": r.threshold,
                     "dimensions": list(r.dimensions)} for r in result.reasons],
        "validity": {"inconsistency": indices.inconsistency,
                     "acquiescence": indices.acquiescence,
                     "straight_lining": indices.straight},
        "profiles": profiles,
        "dimensions": [
            {"id": d.dimension.id, "name": text(d.dimension.name),
             "description": text(d.dimension.description), "score": d.score, "items": d.items,
             "previous": None if previous is None else previous.get(d.dimension.id)}
            for d in result.dimensions
        ],
        "context": None if context is None else {
            "heading": text(context.heading),
            "points": [text(p) for p in context.points],
            "source": text(context.source),
        },
        "answers": dict(answers),
    }


def _profiles(result: Result, text: Callable[[LText], str]) -> list[ProfileData]:
    return [
        {
            "id": m.profile.id,
            "name": text(m.profile.name),
            "match": m.match,
            "description": text(m.profile.description),
            "tips": [text(t) for t in m.profile.tips],
            "industries": [text(i) for i in m.profile.industries],
            "gaps": [{"dimension": g.dimension, "score": g.score, "target": g.target,
                      "weight": g.weight, "contribution": g.contribution} for g in m.gaps],
        }
        for m in result.profiles
    ]


def upgrade(stored: Mapping[str, Any]) -> ResultData:
    """A stored result in today's shape. Results are kept as they were made: one from before
    ``pm-quiz-result/2`` keeps its match and best profile (judged by the rule of its day)
    and gains the keys it lacks, with no validity judgement."""
    data: dict[str, Any] = dict(stored)
    if data.get("format") == FORMAT:
        return data  # type: ignore[return-value]
    close = bool(data.get("close_call"))
    verdict = "unclear" if data.get("best") is None else "close_call" if close else "clear"
    data.setdefault("verdict", verdict)
    data.setdefault("fit", None)
    data.setdefault("reasons", [{"code": "close_call", "value": None, "threshold": None,
                                 "dimensions": []}] if close else [])
    data.setdefault("validity", {"inconsistency": None, "acquiescence": None,
                                 "straight_lining": None})
    for profile in data.get("profiles", []):
        for gap in profile.get("gaps", []):
            gap.setdefault("contribution", 0.0)
    return data  # type: ignore[return-value]


def dimension_names(data: ResultData) -> dict[str, str]:
    return {d["id"]: d["name"] for d in data["dimensions"]}


def shape_explained(gaps: list[GapData]) -> bool:
    """Whether these gaps come from the shape rule (some dimension carries a share)."""
    return any(g["contribution"] for g in gaps)


def explain(profile: ProfileData, count: int = 3) -> tuple[list[GapData], list[GapData]]:
    """Which dimensions carried a profile's match, and which went against it.

    Under the shape rule: the dimensions whose term of the correlation is largest (score and
    target on the same side of their averages), and those with the most negative terms.
    Under the level rule: the dimensions within :data:`CLOSE` points of the target (at least
    the closest one), and those clearly furthest from it."""
    gaps = list(profile["gaps"])
    if shape_explained(gaps):
        ordered = sorted(gaps, key=lambda g: -g["contribution"])
        carried = [g for g in ordered if g["contribution"] >= CARRIES][:count] or ordered[:1]
        against = [g for g in reversed(ordered) if g["contribution"] <= -CARRIES]
        return carried, against[:2]
    gaps.sort(key=lambda g: abs(g["score"] - g["target"]))
    closest = [g for g in gaps if abs(g["score"] - g["target"]) < CLOSE][:count] or gaps[:1]
    furthest = [g for g in reversed(gaps) if abs(g["score"] - g["target"]) >= CLOSE
                and g not in closest]
    return closest, furthest[:2]


def defining(profile: ProfileData) -> str | None:
    """The profile's most defining dimension: the most heavily weighted, or with equal
    weights the target furthest from the profile's average target."""
    gaps = profile["gaps"]
    if not gaps:
        return None
    mean = sum(g["target"] for g in gaps) / len(gaps)
    return max(gaps, key=lambda g: (g["weight"], abs(g["target"] - mean)))["dimension"]


def fit_strength(profile: ProfileData) -> str:
    """``strong``, ``moderate`` or ``weak``; always weak when the profile's most defining
    dimension is among those that went against the match."""
    match = profile["match"] or 0.0
    _, against = explain(profile)
    if defining(profile) in {g["dimension"] for g in against}:
        return "weak"
    return "strong" if match >= STRONG else "moderate" if match >= MODERATE else "weak"


def close_call(data: ResultData) -> tuple[ProfileData, float] | None:
    """When the best fit is a close call: the runner-up and how far it is behind."""
    profiles = data["profiles"]
    if not data["close_call"] or len(profiles) < 2:
        return None
    first, second = profiles[0]["match"], profiles[1]["match"]
    if first is None or second is None:
        return None
    return profiles[1], first - second


def earlier_rule(data: ResultData) -> bool:
    """Whether the result was scored by an earlier rule than today's (see :func:`upgrade`)."""
    return data["format"] != FORMAT
