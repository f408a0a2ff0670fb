"""The result as a JSON-ready dict: the ``--format json`` output and what history stores.

The shape is documented in the README ("The JSON result"); ``FORMAT`` names its version.
Texts are in the language the result was made in; numbers are full precision.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pm_quiz.bank.model import Bank, LText
from pm_quiz.quiz.scoring import Answers, Result

FORMAT = "pm-quiz-result/1"
#: Within this many points of a target, a dimension counts as close to the profile.
CLOSE = 15


def result_data(
    bank: Bank,
    result: Result,
    lang: str,
    answers: Answers,
    previous: Mapping[str, float | None] | None = None,
) -> dict[str, Any]:
    """Everything a summary shows, in one JSON-ready dict.

    ``previous`` maps dimension id → score of an earlier attempt, for the change column.
    """

    def text(value: LText) -> str:
        return value.get(lang)

    best = result.best
    context = bank.context
    return {
        "format": FORMAT,
        "language": lang,
        "bank": {"title": text(bank.title), "path": bank.path, "fingerprint": bank.fingerprint},
        "answered": result.answered,
        "total": result.total,
        "best": best.profile.id if best else None,
        "close_call": result.close_call,
        "profiles": [
            {
                "id": m.profile.id,
                "name": text(m.profile.name),
                "match": m.match,
                "description": text(m.profile.description),
                "tips": [text(t) for t in m.profile.tips],
                "industries": [text(i) for i in m.profile.industries],
                "gaps": [
                    {"dimension": g.dimension, "score": g.score, "target": g.target,
                     "weight": g.weight}
                    for g in m.gaps
                ],
            }
            for m in result.profiles
        ],
        "dimensions": [
            {
                "id": d.dimension.id,
                "name": text(d.dimension.name),
                "description": text(d.dimension.description),
                "score": d.score,
                "items": d.items,
                "previous": None if previous is None else previous.get(d.dimension.id),
            }
            for d in result.dimensions
        ],
        "context": None if context is None else {
            "heading": text(context.heading),
            "points": [text(p) for p in context.points],
            "source": text(context.source),
        },
        "answers": dict(answers),
    }


def dimension_names(data: Mapping[str, Any]) -> dict[str, str]:
    return {d["id"]: d["name"] for d in data["dimensions"]}


def explain(profile: Mapping[str, Any], count: int = 3) -> tuple[list[Any], list[Any]]:
    """Which dimensions carried a profile's match: those where the score came within
    :data:`CLOSE` points of the target (at least the closest one), and those clearly
    furthest from it."""
    gaps = list(profile["gaps"])  # closest first
    closest = [g for g in gaps if abs(g["score"] - g["target"]) < CLOSE][:count] or gaps[:1]
    furthest = [g for g in reversed(gaps) if abs(g["score"] - g["target"]) >= CLOSE
                and g not in closest]
    return closest, furthest[:2]


def runner_up_gap(data: Mapping[str, Any]) -> tuple[str, float] | None:
    """Name of the second profile and its distance to the first, when both have a match."""
    profiles = data["profiles"]
    if len(profiles) < 2 or profiles[0]["match"] is None or profiles[1]["match"] is None:
        return None
    return profiles[1]["name"], profiles[0]["match"] - profiles[1]["match"]
