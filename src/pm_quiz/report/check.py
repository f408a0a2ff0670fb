"""The ``pm-quiz check`` report: as a Rich renderable for people, as JSON for machines,
in the reader's language."""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pm_quiz.i18n import number, t
from pm_quiz.quiz.analysis import CheckReport, Finding
from pm_quiz.quiz.simulate import StyleResult
from pm_quiz.report.safe import literal

CHECK_FORMAT = "pm-quiz-check/2"
#: Finding parameters that are shares (0..1), shown as percentages.
_SHARES = {"share", "goal"}


def percent(lang: str, share: float) -> str:
    return t(lang, "percent", value=number(lang, 100 * share))


def finding_text(lang: str, finding: Finding) -> str:
    """The finding as a sentence in ``lang``."""
    values: dict[str, object] = {}
    for key, value in finding.params.items():
        if isinstance(value, str):
            values[key] = value
        elif key in _SHARES:
            values[key] = percent(lang, value)
        else:
            values[key] = number(lang, value, 0 if float(value).is_integer() else 1)
    count = finding.params.get("n")
    if isinstance(count, (int, float)):
        values["n"] = int(count)  # a count chooses the plural form
    return t(lang, f"finding_{finding.code}", **values)


def kind_name(lang: str, style: StyleResult) -> str:
    if style.kind == "persona":
        return t(lang, "kind_persona", profile=style.profile or "")
    return t(lang, f"kind_{style.kind}")


def check_data(report: CheckReport, lang: str = "en") -> dict[str, Any]:
    return {
        "format": CHECK_FORMAT,
        "path": report.path,
        "respondents": report.respondents,
        "seed": report.seed,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "findings": [{"severity": f.severity, "code": f.code, "params": f.params,
                      "message": finding_text(lang, f)} for f in report.findings],
        "dimensions": [
            {"id": d.id, "items": d.items, "likert": d.likert, "forward": d.forward,
             "reverse": d.reverse, "reverse_share": d.reverse_share,
             "scenario_share": d.scenario_share, "questions": list(d.questions)}
            for d in report.dimensions
        ],
        "profiles": [
            {"id": p.id, "reachable": p.reachable, "first_share": p.first_share,
             "margin": p.witness.margin if p.witness else None}
            for p in report.profiles
        ],
        "validity": [
            {"kind": v.kind, "profile": v.profile, "respondents": v.respondents,
             "own_first": v.own, "unclear": v.unclear, "reasons": v.reasons,
             "mean_best": v.mean_best, "firsts": v.firsts}
            for v in report.validity
        ],
    }


def _table(title: str, columns: list[tuple[str, str]]) -> Table:
    """A report table; cells keep to one line (a long one is shortened with …)."""
    table = Table(title=title, title_justify="left", title_style="bold", show_edge=False,
                  pad_edge=False)
    for name, justify in columns:
        table.add_column(name, justify=justify, no_wrap=True,  # type: ignore[arg-type]
                         overflow="ellipsis")
    return table


class CheckView:
    """The report as Rich renders it; reads well at 80 columns."""

    def __init__(self, report: CheckReport, lang: str = "en") -> None:
        self.report = report
        self.lang = lang

    def _t(self, key: str, **values: object) -> str:
        return t(self.lang, key, **values)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text.assemble((self._t("check_title"), "bold"), literal(self.report.path, "bold"))
        yield Text("")
        yield self._dimensions()
        yield Text("")
        yield self._profiles()
        yield Text("")
        if self.report.validity:
            yield self._validity()
            yield Text("")
        yield self._findings()

    def _dimensions(self) -> Table:
        table = _table(self._t("check_dimensions"), [
            (self._t("check_dimension"), "left"), (self._t("check_statements"), "right"),
            (self._t("check_forward"), "right"), (self._t("check_reverse"), "right"),
            (self._t("check_scenarios"), "right")])
        for d in self.report.dimensions:
            share = "–" if d.scenario_share is None else percent(self.lang, d.scenario_share)
            table.add_row(literal(d.id), str(d.likert), str(d.forward), str(d.reverse), share)
        return table

    def _profiles(self) -> Table:
        table = _table(self._t("check_profiles"), [
            (self._t("check_profile"), "left"), (self._t("check_can_win"), "left"),
            (self._t("check_lead"), "right"), (self._t("check_random_first"), "right")])
        for p in self.report.profiles:
            lead = number(self.lang, p.witness.margin, 1) if p.witness else "–"
            table.add_row(literal(p.id), self._t("check_yes" if p.reachable else "check_no"),
                          lead, percent(self.lang, p.first_share))
        return table

    def _validity(self) -> Table:
        r = self.report
        table = _table(self._t("check_validity", n=r.respondents, seed=r.seed), [
            (self._t("check_kind"), "left"), (self._t("check_own"), "right"),
            (self._t("check_unclear"), "right"), (self._t("check_best"), "right"),
            (self._t("check_top"), "left")])
        for v in r.validity:
            top = max(v.firsts.items(), key=lambda kv: kv[1], default=None)
            table.add_row(
                literal(kind_name(self.lang, v)),
                "–" if v.own is None else percent(self.lang, v.own),
                percent(self.lang, v.unclear), number(self.lang, v.mean_best),
                literal(f"{top[0]} {percent(self.lang, top[1])}") if top else Text("–"))
        return table

    def _findings(self) -> Text | Group:
        r = self.report
        if not r.findings:
            return Text(self._t("check_none"), style="bold")
        rows = Table.grid(padding=(0, 1))
        rows.add_column(no_wrap=True)
        rows.add_column(ratio=1)
        for f in r.findings:
            mark = (self._t("check_error"), "bold") if f.severity == "error" \
                else (self._t("check_warning"), "")
            rows.add_row(Text(*mark), literal(finding_text(self.lang, f)))
        counts = (f'{self._t("check_errors", n=len(r.errors))}, '
                  f'{self._t("check_warnings", n=len(r.warnings))}')
        return Group(Text(counts, style="bold"),
                     Padding(rows, (0, 0, 0, 2)))
