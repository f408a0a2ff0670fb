"""The result as Markdown (``--format md`` and ``.md`` exports)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pm_quiz.i18n import band, number, t
from pm_quiz.report.data import dimension_names, explain, runner_up_gap
from pm_quiz.report.safe import clean

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
# what starts a block at the beginning of a line: a rule or setext underline (---, ===),
# a list item (- x, 1. x); #, >, +, * and ) are escaped wherever they stand
_BLOCK = re.compile(r"^(\d*)([-=.])")


def escape(text: str) -> str:
    """Bank text as literal Markdown on one line: no markup, links, HTML, entities or
    blocks (rules, headings, lists, quotes) take effect."""
    inline = _SPECIAL.sub(r"\\\1", clean(text).replace("\n", " ").strip())
    return _BLOCK.sub(r"\1\\\2", inline)


def _bar(score: float | None, width: int = 20) -> str:
    if score is None:
        return "·" * width
    filled = round(max(0.0, min(100.0, score)) / 100 * width)
    return "█" * filled + "░" * (width - filled)


def render_markdown(data: Mapping[str, Any]) -> str:
    lang = data["language"]

    def tr(key: str, **values: object) -> str:
        return t(lang, key, **values)

    out = [f"# {escape(data['bank']['title'])}: {tr('result')}", ""]
    best = data["profiles"][0] if data["best"] else None
    if best is None:
        out += [f"**{tr('no_result')}**", ""]
    else:
        out += [f"**{tr('best_fit', name=escape(best['name']))}**, "
                f"{tr('match', match=number(lang, best['match'], 1))}", ""]
        if best["description"]:
            out += [escape(best["description"]), ""]
        gap = runner_up_gap(data)
        if data["close_call"] and gap is not None:
            out += [f"> {tr('close_call', name=escape(gap[0]), gap=number(lang, gap[1], 1))}", ""]
    out += [f"_{tr('disclaimer')}_", ""]

    if best is not None:
        names = dimension_names(data)
        closest, furthest = explain(best)
        if closest:
            out += [f"## {tr('why')}", ""]
            for label, gaps in ((tr("closest"), closest), (tr("furthest"), furthest)):
                if gaps:
                    items = "; ".join(
                        f"{escape(names.get(g['dimension'], g['dimension']))} ("
                        + tr("you_vs", score=number(lang, g["score"]),
                             target=number(lang, g["target"]))
                        + ")"
                        for g in gaps
                    )
                    out.append(f"- {label}: {items}")
            out.append("")

    out += [f"## {tr('profiles')}", "", "| # | | | |", "|---:|---|---|---:|"]
    for rank, p in enumerate(data["profiles"], 1):
        match = "–" if p["match"] is None else number(lang, p["match"], 1)
        out.append(f"| {rank} | {escape(p['name'])} | `{_bar(p['match'])}` | {match} |")
    out += ["", f"## {tr('dimensions')}", "", "| | | | |", "|---|---|---:|---|"]
    for d in data["dimensions"]:
        score = d["score"]
        if score is None:
            shown, word = "–", tr("not_measured")
        else:
            shown, word = number(lang, score), band(lang, score)
            if d.get("previous") is not None:
                word += f" ({score - d['previous']:+.0f} {tr('change')})"
        out.append(f"| {escape(d['name'])} | `{_bar(score)}` | {shown} | {word} |")
    out.append("")

    if best is not None and best["tips"]:
        out += [f"## {tr('tips')}", ""] + [f"- {escape(x)}" for x in best["tips"]] + [""]
    if best is not None and best["industries"]:
        out += [f"## {tr('industries')}", "", ", ".join(escape(x) for x in best["industries"]),
                ""]
    context = data["context"]
    if context:
        out += [f"## {escape(context['heading'])}", ""]
        out += [f"- {escape(x)}" for x in context["points"]]
        if context["source"]:
            out += ["", f"_{escape(context['source'])}_"]
        out.append("")
    out.append(tr("answered", answered=data["answered"], total=data["total"]))
    return "\n".join(out) + "\n"
