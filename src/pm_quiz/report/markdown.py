"""The result as Markdown (``--format md`` and ``.md`` exports)."""

from __future__ import annotations

import re

from pm_quiz.i18n import number, t
from pm_quiz.report.data import (
    ContextData,
    ProfileData,
    ResultData,
    close_call,
    earlier_rule,
    explain,
    upgrade,
)
from pm_quiz.report.safe import clean
from pm_quiz.report.verdict import (
    bar_parts,
    fit_words,
    gap_phrase,
    reason_lines,
    score_words,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
# what starts a block at the beginning of a line: a rule or setext underline (---, ===),
# a list item (- x, 1. x); #, >, +, * and ) are escaped wherever they stand
_BLOCK = re.compile(r"^(\d*)([-=.])")


def escape(text: str) -> str:
    """Bank text as literal Markdown on one line: no markup, links, HTML, entities or
    blocks (rules, headings, lists, quotes) take effect."""
    inline = _SPECIAL.sub(r"\\\1", clean(text).replace("\n", " ").strip())
    return _BLOCK.sub(r"\1\\\2", inline)


def _bar(score: float | None) -> str:
    return "".join(bar_parts(score))


def render_markdown(stored: ResultData) -> str:
    data = upgrade(stored)
    lang = data["language"]
    best = data["profiles"][0] if data["best"] else None
    out = [f"# {t(lang, 'result')} – {escape(data['bank']['title'])}", ""]
    out += _headline(data, best)
    if best is not None:
        out += _why(data, best)
    out += _profiles(data) + _dimensions(data)
    if best is not None:
        out += _advice(lang, best)
    if data["context"]:
        out += _context(data["context"])
    out.append(t(lang, "answered", answered=data["answered"], total=data["total"]))
    return "\n".join(out) + "\n"


def _headline(data: ResultData, best: ProfileData | None) -> list[str]:
    lang = data["language"]
    if best is None:
        out = [f"**{t(lang, 'no_clear_fit')}**", ""]
        if data["answered"] == 0:
            out += [t(lang, "no_result"), ""]
        else:
            out += [t(lang, "no_clear_fit_why"), ""]
            out += [f"- {escape(line)}" for line in reason_lines(data)]
            out += ["", f"_{t(lang, 'unclear_hint')}_", ""]
    else:
        fit = fit_words(data)
        out = [f"**{t(lang, 'best_fit', name=escape(best['name']))}**, "
               f"{t(lang, 'match', match=number(lang, best['match'] or 0.0, 1))}"
               + (f" · {fit}" if fit else ""), ""]
        if best["description"]:
            out += [escape(best["description"]), ""]
        close = close_call(data)
        if close is not None:
            runner_up, distance = close
            said = t(lang, "close_call_both", name=runner_up["name"],
                     gap=number(lang, distance, 1))
            out += [f"> {escape(said)}", ""]
            if runner_up["description"]:
                out += [f"> {escape(runner_up['description'])}", ""]
    if earlier_rule(data):
        out += [f"_{t(lang, 'earlier_rule')}_", ""]
    return [*out, f"_{t(lang, 'disclaimer')}_", ""]


def _why(data: ResultData, best: ProfileData) -> list[str]:
    lang = data["language"]
    closest, furthest = explain(best)
    if not closest:
        return []
    out = [f"## {t(lang, 'why')}", ""]
    for label, gaps in ((t(lang, "speaks_for"), closest), (t(lang, "speaks_against"), furthest)):
        if gaps:
            out.append(f"- {label}: " + "; ".join(escape(gap_phrase(data, best, g))
                                                    for g in gaps))
    return [*out, ""]


def _profiles(data: ResultData) -> list[str]:
    lang = data["language"]
    out = [f"## {t(lang, 'profiles')}", "",
           f"| # | {t(lang, 'md_profile')} | | {t(lang, 'md_match')} |", "|---:|---|---|---:|"]
    for rank, p in enumerate(data["profiles"], 1):
        match = "–" if p["match"] is None else number(lang, p["match"], 1)
        out.append(f"| {rank} | {escape(p['name'])} | `{_bar(p['match'])}` | {match} |")
    return [*out, ""]


def _dimensions(data: ResultData) -> list[str]:
    lang = data["language"]
    out = [f"## {t(lang, 'dimensions')}", "",
           f"| {t(lang, 'md_dimension')} | | {t(lang, 'md_score')} | |", "|---|---|---:|---|"]
    for d in data["dimensions"]:
        shown, word = score_words(lang, d)
        out.append(f"| {escape(d['name'])} | `{_bar(d['score'])}` | {shown} | {word} |")
    out.append("")
    described = [d for d in data["dimensions"] if d["description"]]
    if described:
        out += [f"_{t(lang, 'dimension_legend')}_", ""]
        out += [f"- **{escape(d['name'])}**: {escape(d['description'])}" for d in described]
        out.append("")
    return out


def _advice(lang: str, best: ProfileData) -> list[str]:
    out: list[str] = []
    if best["tips"]:
        out += [f"## {t(lang, 'tips')}", ""] + [f"- {escape(x)}" for x in best["tips"]] + [""]
    if best["industries"]:
        out += [f"## {t(lang, 'industries')}", "",
                ", ".join(escape(x) for x in best["industries"]), ""]
    return out


def _context(context: ContextData) -> list[str]:
    out = [f"## {escape(context['heading'])}", ""]
    out += [f"- {escape(x)}" for x in context["points"]]
    if context["source"]:
        out += ["", f"_{escape(context['source'])}_"]
    return [*out, ""]
