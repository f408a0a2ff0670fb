"""The ``pm-quiz check`` report: as a Rich renderable for people, as JSON for machines."""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pm_quiz.quiz.analysis import CheckReport
from pm_quiz.report.safe import literal


def check_data(report: CheckReport) -> dict[str, Any]:
    return {
        "path": report.path,
        "respondents": report.respondents,
        "seed": report.seed,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "findings": [{"severity": f.severity, "code": f.code, "message": f.message}
                     for f in report.findings],
        "dimensions": [
            {"id": d.id, "items": d.items, "likert": d.likert, "reverse": d.reverse,
             "reverse_share": d.reverse_share, "questions": list(d.questions)}
            for d in report.dimensions
        ],
        "profiles": [
            {"id": p.id, "reachable": p.reachable, "first_share": p.first_share,
             "margin": p.witness.margin if p.witness else None}
            for p in report.profiles
        ],
    }


class CheckView:
    """The report as Rich renders it; reads well at 80 columns."""

    def __init__(self, report: CheckReport) -> None:
        self.report = report

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        r = self.report
        yield Text.assemble(("Quality report for ", "bold"), literal(r.path, "bold"))
        yield Text("")
        dims = Table(title="Dimensions", title_justify="left", title_style="bold",
                     expand=False, show_edge=False, pad_edge=False)
        dims.add_column("dimension")
        dims.add_column("items", justify="right")
        dims.add_column("likert", justify="right")
        dims.add_column("reversed", justify="right")
        dims.add_column("questions", overflow="fold", ratio=1)
        for d in r.dimensions:
            share = "–" if d.reverse_share is None else f"{d.reverse} ({d.reverse_share:.0%})"
            dims.add_row(literal(d.id), str(d.items), str(d.likert), share,
                         literal(", ".join(d.questions)))
        yield dims
        yield Text("")
        profiles = Table(title="Profiles", title_justify="left", title_style="bold",
                         show_edge=False, pad_edge=False)
        profiles.add_column("profile")
        profiles.add_column("can come first")
        profiles.add_column("best lead", justify="right")
        profiles.add_column(f"first for (of {r.respondents} random)", justify="right")
        for p in r.profiles:
            lead = f"{p.witness.margin:.1f}" if p.witness else "–"
            profiles.add_row(literal(p.id), "yes" if p.reachable else "NO", lead,
                             f"{p.first_share:.1%}")
        yield profiles
        yield Text("")
        if not r.findings:
            yield Text("No problems found.", style="bold")
            return
        rows = Table.grid(padding=(0, 1))
        rows.add_column(no_wrap=True)
        rows.add_column(ratio=1)
        for f in r.findings:
            mark = ("error:", "bold") if f.severity == "error" else ("warning:", "")
            rows.add_row(Text(*mark), literal(f.message))
        yield Group(Text(f"{len(r.errors)} error(s), {len(r.warnings)} warning(s)",
                         style="bold"), Padding(rows, (0, 0, 0, 2)))
