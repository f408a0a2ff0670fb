"""Whether a result read back (from the store) has the shape the renderers rely on.

A stored result is JSON written by :func:`~pm_quiz.report.data.result_data`; a damaged or
edited store can hold anything. :func:`result_problem` says what is wrong, or ``None``, so
``history``, ``history show`` and the "since last time" comparison skip or name a damaged
result instead of failing on it. Keys beyond these are allowed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from pm_quiz.i18n import Phrase, say
from pm_quiz.report.data import FORMAT

#: Results stored by earlier versions, still shown (see :func:`~pm_quiz.report.data.upgrade`).
EARLIER = ("pm-quiz-result/1",)

#: A check returns ``None`` when ``value`` fits, else where and what does not (``where`` is
#: a path such as ``result.dimensions[0].score``, the same in every language).
Check = Callable[[Any, str], Phrase | None]


def _text(value: Any, where: str) -> Phrase | None:
    return None if isinstance(value, str) else say("shape_not_text", where=where)


def _whole(value: Any, where: str) -> Phrase | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return None if ok else say("shape_not_whole", where=where)


def _number(value: Any, where: str) -> Phrase | None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    return None if ok else say("shape_not_number", where=where)


def _flag(value: Any, where: str) -> Phrase | None:
    return None if isinstance(value, bool) else say("shape_not_flag", where=where)


def _optional(check: Check) -> Check:
    return lambda value, where: None if value is None else check(value, where)


def _list(check: Check) -> Check:
    def checked(value: Any, where: str) -> Phrase | None:
        if not isinstance(value, list):
            return say("shape_not_list", where=where)
        return next((p for i, item in enumerate(value)
                     if (p := check(item, f"{where}[{i}]")) is not None), None)
    return checked


def _record(**fields: Check) -> Check:
    def checked(value: Any, where: str) -> Phrase | None:
        if not isinstance(value, dict):
            return say("shape_not_record", where=where)
        for key, check in fields.items():
            if key not in value:
                return say("shape_missing", where=f"{where}.{key}")
            problem = check(value[key], f"{where}.{key}")
            if problem is not None:
                return problem
        return None
    return checked


def _mapping(value: Any, where: str) -> Phrase | None:
    return None if isinstance(value, dict) else say("shape_not_record", where=where)


_GAP = _record(dimension=_text, score=_number, target=_number, weight=_number)
_PROFILE = _record(id=_text, name=_text, match=_optional(_number), description=_text,
                   tips=_list(_text), industries=_list(_text), gaps=_list(_GAP))
_DIMENSION = _record(id=_text, name=_text, description=_text, score=_optional(_number),
                     items=_whole)
_CONTEXT = _record(heading=_text, points=_list(_text), source=_text)
_RESULT = _record(language=_text, bank=_record(title=_text), answered=_whole, total=_whole,
                  best=_optional(_text), close_call=_flag, profiles=_list(_PROFILE),
                  dimensions=_list(_DIMENSION), context=_optional(_CONTEXT),
                  answers=_mapping)
_REASON = _record(code=_text, value=_optional(_number), threshold=_optional(_number),
                  dimensions=_list(_text))
#: What format 2 added.
_VERDICT = _record(verdict=_text, fit=_optional(_text), reasons=_list(_REASON),
                   validity=_mapping)


def result_problem(data: Any) -> Phrase | None:
    """``None`` if ``data`` is a result the renderers can show, else what is wrong."""
    if not isinstance(data, dict) or data.get("format") not in (FORMAT, *EARLIER):
        return say("shape_not_result", format=FORMAT)
    problem = _RESULT(data, "result")
    if problem is None and data["format"] == FORMAT:
        problem = _VERDICT(data, "result")
    if problem is not None:
        return problem
    for i, dimension in enumerate(data["dimensions"]):
        previous = dimension.get("previous")
        if previous is not None and _number(previous, "") is not None:
            return say("shape_not_number", where=f"result.dimensions[{i}].previous")
    if data["best"] is not None and (not data["profiles"]
                                     or data["profiles"][0]["match"] is None):
        return say("shape_best_unranked", where="result.best")
    return None
