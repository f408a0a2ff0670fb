"""The result summary as a Rich renderable: the same object in the terminal app, in
``pm-quiz score`` and in the text, HTML and SVG exports.

Every piece is a :class:`~rich.text.Text`, never a plain string: Rich would parse a string
for markup and emoji codes (loading its emoji table), and bank text must never be parsed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pm_quiz.i18n import number, t
from pm_quiz.report.data import (
    ContextData,
    GapData,
    ProfileData,
    ResultData,
    close_call,
    earlier_rule,
    explain,
    upgrade,
)
from pm_quiz.report.safe import literal
from pm_quiz.report.verdict import (
    BAR_WIDTH,
    bar_parts,
    fit_words,
    gap_phrase,
    reason_lines,
    score_words,
    shape_matched,
)


def bar(score: float | None, width: int = BAR_WIDTH) -> Text:
    """A bar of full and empty blocks: readable without colour."""
    full, empty = bar_parts(score, width)
    return Text.assemble((full, "bold"), (empty, "dim"))


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def _bullets(items: Iterable[str]) -> Table:
    """A bulleted list whose wrapped lines hang under the text, not under the bullet."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for item in items:
        table.add_row(Text("•"), literal(item))
    return table


class Summary:
    """A result (see :mod:`pm_quiz.report.data`) as Rich renders it."""

    def __init__(self, data: ResultData) -> None:
        self.data = upgrade(data)
        self.lang: str = data["language"]

    def _t(self, key: str, **values: object) -> str:
        return t(self.lang, key, **values)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        data = self.data
        yield self._headline()
        best = data["profiles"][0] if data["best"] else None
        if best is not None:
            yield from self._why(best)
        yield self._profiles()
        yield self._dimensions()
        if best is not None and (best["tips"] or best["industries"]):
            yield from self._advice(best)
        if data["context"]:
            yield self._context(data["context"])
        yield Text(self._t("answered", answered=data["answered"], total=data["total"]),
                   style="dim")

    def _headline(self) -> Panel:
        data = self.data
        lines: list[Text | Table] = []
        if data["best"] is None:
            lines += self._unclear()
        else:
            best = data["profiles"][0]
            fit = fit_words(data)
            lines.append(Text.assemble(
                (self._t("best_fit", name=""), "bold"), literal(best["name"], "bold"),
                "  ", (self._t("match", match=number(self.lang, best["match"] or 0.0, 1)),
                       "bold"), f" · {fit}" if fit else "",
            ))
            if best["description"]:
                lines.append(literal(best["description"]))
            close = close_call(data)
            if close is not None:
                runner_up, distance = close
                lines.append(Text.assemble(("! ", "bold"), literal(self._t(
                    "close_call_both", name=runner_up["name"],
                    gap=number(self.lang, distance, 1)))))
                if runner_up["description"]:
                    lines.append(literal(runner_up["description"]))
        if earlier_rule(data):
            lines.append(Text(self._t("earlier_rule"), style="italic"))
        lines.append(Text(self._t("disclaimer"), style="italic dim"))
        return Panel(Group(*lines), title=Text(self._t("result")), title_align="left",
                     border_style="bold", padding=(0, 1))

    def _unclear(self) -> list[Text | Table]:
        """No clear fit: said first, with every reason, before any number."""
        data = self.data
        lines: list[Text | Table] = [Text(self._t("no_clear_fit"), style="bold")]
        if data["answered"] == 0:
            lines.append(Text(self._t("no_result")))
            return lines
        lines.append(Text(self._t("no_clear_fit_why")))
        lines.append(_bullets(reason_lines(data)))
        lines.append(Text(self._t("unclear_hint"), style="italic"))
        return lines

    def _why(self, best: ProfileData) -> RenderResult:
        closest, furthest = explain(best)
        if not closest:
            return
        yield _heading(self._t("why"))
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column()

        def describe(gaps: list[GapData]) -> Text:
            return Text.assemble(*(literal(gap_phrase(self.data, best, g) + ("; " if i < len(
                gaps) - 1 else "")) for i, g in enumerate(gaps)))

        table.add_row(Text(self._t("speaks_for") + ":"), describe(closest))
        if furthest:
            table.add_row(Text(self._t("speaks_against") + ":"), describe(furthest))
        if shape_matched(self.data):
            table.add_row(Text(""), Text(self._t("shape_note"), style="italic dim"))
        yield Padding(table, (0, 0, 1, 2))

    def _profiles(self) -> Group:
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", no_wrap=True)
        table.add_column(ratio=1)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        for rank, p in enumerate(self.data["profiles"], 1):
            marker = "►" if rank == 1 and self.data["best"] else " "
            match = "–" if p["match"] is None else number(self.lang, p["match"], 1)
            table.add_row(Text(f"{marker}{rank}"), literal(p["name"]), bar(p["match"]), Text(match))
        return Group(_heading(self._t("profiles")), Padding(table, (0, 0, 1, 0)))

    def _dimensions(self) -> Group:
        # the names keep their width; the words (and a change since last time) wrap
        names = max((len(d["name"]) for d in self.data["dimensions"]), default=0)
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, min_width=min(names, 24), max_width=24)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(ratio=1)
        for d in self.data["dimensions"]:
            shown, word = score_words(self.lang, d)
            table.add_row(literal(d["name"]), bar(d["score"]), Text(shown), Text(word))
        parts: list[Any] = [_heading(self._t("dimensions")), Padding(table, (0, 0, 1, 0))]
        described = [d for d in self.data["dimensions"] if d["description"]]
        if described:
            legend = Table.grid(padding=(0, 1))
            legend.add_column(no_wrap=True)
            legend.add_column(ratio=1)
            for d in described:
                legend.add_row(Text("•"), Text.assemble(
                    literal(d["name"], "bold"), ": ", literal(d["description"], "dim")))
            parts += [Text(self._t("dimension_legend"), style="italic"),
                      Padding(legend, (0, 0, 1, 0))]
        return Group(*parts)

    def _advice(self, best: ProfileData) -> RenderResult:
        if best["tips"]:
            yield _heading(self._t("tips"))
            yield Padding(_bullets(best["tips"]), (0, 0, 1, 2))
        if best["industries"]:
            yield _heading(self._t("industries"))
            yield Padding(literal(", ".join(best["industries"])), (0, 0, 1, 2))

    def _context(self, context: ContextData) -> Panel:
        parts: list[Any] = [_bullets(context["points"])]
        if context["source"]:
            parts.append(literal(context["source"], "italic dim"))
        return Panel(Group(*parts), title=literal(context["heading"]), title_align="left",
                     padding=(0, 1))
