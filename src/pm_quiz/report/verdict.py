"""The words for a result's verdict, shared by every renderer: why there is no clear fit,
and how strong a fit is. Plain strings: each renderer shows them literally its own way."""

from __future__ import annotations

from pm_quiz.i18n import band, number, t
from pm_quiz.report.data import (
    DimensionData,
    GapData,
    ProfileData,
    ResultData,
    dimension_names,
    shape_explained,
)

#: The bar's length in blocks, in every renderer.
BAR_WIDTH = 20

#: Reasons whose index is a share (0..1) and shown as such, with two decimals.
_INDEX_REASONS = {"inconsistent", "acquiescence", "nay_saying"}


def reason_lines(data: ResultData) -> list[str]:
    """One sentence per reason the result is unclear (a close call is not among them)."""
    lang = data["language"]
    names = dimension_names(data)
    out = []
    for reason in data["reasons"]:
        code = reason["code"]
        if code == "close_call":
            continue
        digits = 2 if code in _INDEX_REASONS else 0
        values = {
            key: number(lang, value, digits) if value is not None else "–"
            for key, value in (("value", reason["value"]), ("threshold", reason["threshold"]))
        }
        if code == "too_few_answers":
            shown = ", ".join(names.get(d, d) for d in reason["dimensions"])
            where = t(lang, "reason_too_few_where", names=shown) if shown else ""
            out.append(t(lang, "reason_too_few_answers", where=where))
        else:
            out.append(t(lang, f"reason_{code}", **values))
    return out


def fit_words(data: ResultData) -> str:
    """``a strong fit`` and the like, or an empty string without a best profile."""
    fit = data.get("fit")
    return t(data["language"], f"fit_{fit}") if fit else ""


def shape_matched(data: ResultData) -> bool:
    """Whether the matches compare shape (any dimension carries a share of a match)."""
    return any(shape_explained(p["gaps"]) for p in data["profiles"])


def gap_phrase(data: ResultData, profile: ProfileData, gap: GapData) -> str:
    """``Curiosity: low for you and for the profile (you 12, profile 40)``; under the level
    rule just ``Curiosity (you 12, profile 40)``. High and low are against each one's own
    weighted average over the scored dimensions, as the shape rule sees them."""
    lang = data["language"]
    name = dimension_names(data).get(gap["dimension"], gap["dimension"])
    numbers = t(lang, "you_vs", score=number(lang, gap["score"]),
                target=number(lang, gap["target"]))
    gaps = profile["gaps"]
    if not shape_explained(gaps):
        return f"{name} ({numbers})"
    total = sum(g["weight"] for g in gaps)
    you_high = gap["score"] >= sum(g["weight"] * g["score"] for g in gaps) / total
    it_high = gap["target"] >= sum(g["weight"] * g["target"] for g in gaps) / total
    pattern = ("both_high" if it_high else "you_high") if you_high else \
        ("you_low" if it_high else "both_low")
    return f"{name}: {t(lang, 'pattern_' + pattern)} ({numbers})"


#: A bar's blocks: full, empty, and the dots of a bar without a score.
FULL, EMPTY, NO_SCORE = "█", "░", "·"


def bar_parts(score: float | None, width: int = BAR_WIDTH) -> tuple[str, str]:
    """A score's bar as its full and its empty part, ``("█████", "░░░")``, readable
    without colour; without a score no full part, and dots for the rest."""
    if score is None:
        return "", NO_SCORE * width
    filled = round(max(0.0, min(100.0, score)) / 100 * width)
    return FULL * filled, EMPTY * (width - filled)


def score_words(lang: str, dimension: DimensionData) -> tuple[str, str]:
    """A dimension's score as shown, and its word with the change since last time:
    ``("68", "high (+12 since last time)")``, or ``("–", "not measured")``."""
    score = dimension["score"]
    if score is None:
        return "–", t(lang, "not_measured")
    word = band(lang, score)
    previous = dimension.get("previous")
    if previous is not None:
        word += f" ({score - previous:+.0f} {t(lang, 'change')})"
    return number(lang, score), word
