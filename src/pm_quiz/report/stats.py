"""The group report (``pm-quiz stats``) as data and in its formats: text, md, json, html.

:func:`collect` scores every respondent through :func:`result_data` (the one source of the
result) and accumulates the numbers (:mod:`pm_quiz.quiz.stats`); :func:`stats_data` makes
the JSON-ready dict (``pm-quiz-stats/1``, documented in the README), which every renderer
reads.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rich.console import Console, ConsoleOptions, Group, JustifyMethod, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pm_quiz.bank.model import Bank
from pm_quiz.i18n import number, t
from pm_quiz.quiz.batch import Respondent
from pm_quiz.quiz.scoring import score
from pm_quiz.quiz.stats import GroupStats
from pm_quiz.report.safe import clean, cut, literal
from pm_quiz.report.summary import bar

FORMAT = "pm-quiz-stats/1"

SPARKS = "·▁▂▃▄▅▆▇█"


def collect(bank: Bank, lang: str, respondents: Iterable[Respondent]) -> GroupStats:
    """Score each respondent and add them to the group's numbers."""
    group = GroupStats(bank)
    for r in respondents:
        result = score(bank, r.answers)  # the numbers only: no texts are needed here
        group.add(r.answers, result.best.profile.id if result.best else None,
                  [reason.code for reason in result.reasons],
                  {d.dimension.id: d.score for d in result.dimensions})
    return group


def _share(count: int, n: int) -> float | None:
    return count / n if n else None


def stats_data(group: GroupStats, lang: str) -> dict[str, Any]:
    bank = group.bank
    n = group.n
    return {
        "format": FORMAT,
        "language": lang,
        "bank": {"title": bank.title.get(lang), "path": bank.path,
                 "fingerprint": bank.fingerprint},
        "n": n,
        "profiles": [{"id": p.id, "name": p.name.get(lang), "count": group.first[p.id],
                      "share": _share(group.first[p.id], n)} for p in bank.profiles],
        "unclear": {"count": group.unclear, "share": _share(group.unclear, n),
                    "reasons": dict(sorted(group.reasons.items()))},
        "dimensions": [
            {
                "id": d.id,
                "name": bank.dimension_by_id[d.id].name.get(lang),
                "n": d.n,
                "alpha": d.alpha,
                "warnings": list(d.warnings),
                "distribution": {"n": d.distribution.n,
                                 "mean": d.distribution.mean if d.distribution.n else None,
                                 "sd": d.distribution.sd, "bins": list(d.distribution.bins)},
                "items": [
                    {"id": i.id, "text": _text(bank, i.id, lang), "mean": i.mean, "sd": i.sd,
                     "item_total": i.item_total, "alpha_if_deleted": i.alpha_if_deleted,
                     "flags": list(i.flags)}
                    for i in d.items
                ],
            }
            for d in group.dimensions()
        ],
        "options": [{"question": o.question, "answered": o.answered, "counts": o.counts,
                     "unpicked": o.unpicked} for o in group.options()],
    }


def _text(bank: Bank, qid: str, lang: str) -> str:
    question = bank.question(qid)
    return "" if question is None else question.text.get(lang)


def flagged(data: Mapping[str, Any]) -> int:
    return sum(1 for d in data["dimensions"] for i in d["items"] if i["flags"])


def _num(lang: str, value: float | None, digits: int = 2) -> str:
    return "–" if value is None else number(lang, value, digits)


def _pct(lang: str, share: float | None) -> str:
    return "–" if share is None else number(lang, 100 * share, 0) + " %"


def spark(bins: list[int]) -> str:
    """Ten bins as a one-line histogram of block characters (scaled to the fullest bin)."""
    top = max(bins) if bins else 0
    if not top:
        return "·" * len(bins)
    return "".join(SPARKS[0 if b == 0 else max(1, round(b / top * 8))] for b in bins)


def _flag_text(lang: str, flags: list[str]) -> str:
    return "; ".join(t(lang, f"flag_{f}") for f in flags)


def _reason_text(lang: str, code: str) -> str:
    from pm_quiz.i18n import has

    key = f"code_{code}"
    return t(lang, key) if has(key) else code


# -- text (Rich) ---------------------------------------------------------------------------
class StatsView:
    """The group report as Rich renders it; bank text is shown literally."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.lang: str = data["language"]

    def _t(self, key: str, **values: object) -> str:
        return t(self.lang, key, **values)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        data = self.data
        lines = [Text(self._t("stats_n", n=data["n"]), style="bold")]
        if flagged(data):
            lines.append(Text("! " + self._t("stats_flagged", n=flagged(data)), style="bold"))
        yield Panel(Group(*lines), title=Text.assemble(self._t("stats_title"), ": ",
                                                      literal(data["bank"]["title"])),
                    title_align="left", border_style="bold", padding=(0, 1))
        if not data["n"]:
            yield Text(self._t("stats_empty"))
            return
        yield from self._first()
        yield from self._distributions()
        yield from self._items()
        yield from self._options()

    def _first(self) -> RenderResult:
        lang = self.lang
        table = Table.grid(padding=(0, 1))
        justifies: tuple[JustifyMethod, ...] = ("left", "left", "right", "right")
        for justify in justifies:
            table.add_column(justify=justify, no_wrap=True)
        for p in self.data["profiles"]:
            share = p["share"] or 0.0
            table.add_row(literal(p["name"]), bar(100 * share), Text(str(p["count"])),
                          Text(_pct(lang, p["share"])))
        unclear = self.data["unclear"]
        table.add_row(Text(self._t("stats_unclear"), style="italic"),
                      bar(100 * (unclear["share"] or 0.0)), Text(str(unclear["count"])),
                      Text(_pct(lang, unclear["share"])))
        yield Text(self._t("stats_first"), style="bold underline")
        yield Padding(table, (0, 0, 0, 2))
        if unclear["reasons"]:
            reasons = ", ".join(f"{_reason_text(lang, c)} {n}"
                                for c, n in unclear["reasons"].items())
            yield Padding(Text(f"{self._t('stats_reasons')}: {reasons}"), (0, 0, 0, 2))
        yield Text()

    def _distributions(self) -> RenderResult:
        lang = self.lang
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        for d in self.data["dimensions"]:
            dist = d["distribution"]
            table.add_row(literal(d["name"]), Text("0 " + spark(dist["bins"]) + " 100"),
                          Text(self._t("stats_dist_row", n=dist["n"],
                                       mean=_num(lang, dist["mean"], 0),
                                       sd=_num(lang, dist["sd"], 0)), style="dim"))
        yield Text(self._t("stats_distributions"), style="bold underline")
        yield Padding(table, (0, 0, 1, 2))

    def _items(self) -> RenderResult:
        lang = self.lang
        yield Text(self._t("stats_items"), style="bold underline")
        headers = self._t("stats_columns").split("|")
        for d in self.data["dimensions"]:
            alpha = _alpha(lang, d)
            yield Padding(Text.assemble(literal(d["name"], "bold"), f": {alpha}"), (0, 0, 0, 2))
            for warning in d["warnings"]:
                yield Padding(Text("! " + self._t(f"warn_{warning}"), style="italic"),
                              (0, 0, 0, 4))
            if not d["items"]:
                continue
            table = Table(*headers, box=None, padding=(0, 1), show_edge=False)
            for n, column in enumerate(table.columns):
                column.no_wrap = n < 5
                column.justify = "right" if 1 <= n <= 4 else "left"
            for i in d["items"]:
                mark = "!!" if "negative" in i["flags"] else "!" if i["flags"] else ""
                table.add_row(literal(i["id"]), _num(lang, i["mean"]), _num(lang, i["sd"]),
                              Text(_num(lang, i["item_total"], 3),
                                   style="bold reverse" if mark == "!!" else ""),
                              _num(lang, i["alpha_if_deleted"], 3),
                              Text(f"{mark} {_flag_text(lang, i['flags'])}".strip(),
                                   style="bold" if mark else ""))
            yield Padding(table, (0, 0, 0, 4))
            for i in d["items"]:
                if i["flags"]:  # the flagged statements' texts, to find them in the bank
                    yield Padding(Text.assemble(literal(i["id"], "bold"), ": ",
                                                literal(i["text"], "dim")), (0, 0, 0, 6))
            yield Text()

    def _options(self) -> RenderResult:
        if not self.data["options"]:
            return
        yield Text(self._t("stats_options"), style="bold underline")
        for o in self.data["options"]:
            counts = " · ".join(f"{oid} {n}" for oid, n in o["counts"].items())
            line = Text.assemble(literal(o["question"], "bold"), f": {counts}")
            if o["unpicked"]:
                line.append("  ! " + self._t("stats_unpicked", ids=", ".join(o["unpicked"])),
                            style="bold")
            yield Padding(line, (0, 0, 0, 2))


def _alpha(lang: str, d: Mapping[str, Any]) -> str:
    """A dimension's Cronbach's alpha, or why there is none, as a sentence."""
    if d["alpha"] is None:
        return t(lang, "stats_alpha_none", n=d["n"])
    return t(lang, "stats_alpha", alpha=_num(lang, d["alpha"], 3), n=d["n"])


# -- Markdown ------------------------------------------------------------------------------
def render_stats_markdown(data: Mapping[str, Any]) -> str:
    from pm_quiz.report.markdown import escape

    lang = data["language"]

    def tr(key: str, **values: object) -> str:
        return t(lang, key, **values)

    out = [f"# {tr('stats_title')}: {escape(data['bank']['title'])}", "",
           f"**{tr('stats_n', n=data['n'])}**", ""]
    if flagged(data):
        out += [f"> **{tr('stats_flagged', n=flagged(data))}**", ""]
    if not data["n"]:
        return "\n".join([*out, tr("stats_empty"), ""])
    out += [f"## {tr('stats_first')}", "", "| | | |", "|---|---:|---:|"]
    for p in data["profiles"]:
        out.append(f"| {escape(p['name'])} | {p['count']} | {_pct(lang, p['share'])} |")
    unclear = data["unclear"]
    out.append(f"| _{tr('stats_unclear')}_ | {unclear['count']} | "
               f"{_pct(lang, unclear['share'])} |")
    if unclear["reasons"]:
        out += ["", tr("stats_reasons") + ": " + ", ".join(
            f"{escape(_reason_text(lang, c))} {n}" for c, n in unclear["reasons"].items())]
    out += ["", f"## {tr('stats_distributions')}", "", "| | 0–100 | |", "|---|---|---|"]
    for d in data["dimensions"]:
        dist = d["distribution"]
        out.append(f"| {escape(d['name'])} | `{spark(dist['bins'])}` | " + tr(
            "stats_dist_row", n=dist["n"], mean=_num(lang, dist["mean"], 0),
            sd=_num(lang, dist["sd"], 0)) + " |")
    out += ["", f"## {tr('stats_items')}", ""]
    for d in data["dimensions"]:
        out += _markdown_dimension(lang, d)
    if data["options"]:
        out += [f"## {tr('stats_options')}", ""]
        for o in data["options"]:
            counts = " · ".join(f"{escape(k)} {n}" for k, n in o["counts"].items())
            tail = (f" **{tr('stats_unpicked', ids=escape(', '.join(o['unpicked'])))}**"
                    if o["unpicked"] else "")
            out.append(f"- `{escape(o['question'])}`: {counts}{tail}")
        out.append("")
    return "\n".join(out) + "\n"


def _markdown_dimension(lang: str, d: Mapping[str, Any]) -> list[str]:
    from pm_quiz.report.markdown import escape

    alpha = _alpha(lang, d)
    out = [f"### {escape(d['name'])}", "", alpha, ""]
    out += [f"> {t(lang, f'warn_{w}')}" for w in d["warnings"]]
    if d["warnings"]:
        out.append("")
    if d["items"]:
        headers = t(lang, "stats_columns").split("|")
        out += ["| " + " | ".join(headers) + " |", "|---|---:|---:|---:|---:|---|"]
        for i in d["items"]:
            flag = _flag_text(lang, i["flags"])
            if "negative" in i["flags"]:
                flag = f"**{flag}**"
            text = cut(" ".join(i["text"].split()), 40)  # one line in the table's cell
            out.append(f"| `{escape(i['id'])}` {escape(text)} | "
                       f"{_num(lang, i['mean'])} | {_num(lang, i['sd'])} | "
                       f"{_num(lang, i['item_total'], 3)} | "
                       f"{_num(lang, i['alpha_if_deleted'], 3)} | {flag} |")
        out.append("")
    return out


# -- HTML with SVG charts ------------------------------------------------------------------
_STYLE = ("body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
          "table{border-collapse:collapse}td,th{padding:.2em .6em;text-align:left}"
          "td.n{text-align:right}.neg{font-weight:bold;text-decoration:underline}"
          ".warn{font-style:italic}svg{vertical-align:middle}")


def _h(text: object) -> str:
    return html.escape(clean(str(text)))


def histogram_svg(bins: list[int], width: int = 240, height: int = 60) -> str:
    """An SVG bar chart of ten score bins (0–100), its counts in the bars' titles."""
    top = max(bins, default=0) or 1
    step = width / len(bins)
    bars = []
    for i, count in enumerate(bins):
        h = round(count / top * (height - 14), 1)
        label = f"{i * 10}–{(i + 1) * 10}: {count}"
        bars.append(f'<rect x="{i * step + 1:.1f}" y="{height - 12 - h}" '
                    f'width="{step - 2:.1f}" height="{h}" fill="currentColor">'
                    f"<title>{label}</title></rect>")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{" · ".join(map(str, bins))}">'
            + "".join(bars)
            + f'<text x="0" y="{height - 1}" font-size="10">0</text>'
            f'<text x="{width}" y="{height - 1}" font-size="10" text-anchor="end">100</text>'
            "</svg>")


def render_stats_html(data: Mapping[str, Any]) -> str:
    lang = data["language"]

    def tr(key: str, **values: object) -> str:
        return t(lang, key, **values)

    title = f"{tr('stats_title')}: {data['bank']['title']}"
    out = [f'<!DOCTYPE html><html lang="{_h(lang)}"><head><meta charset="utf-8">'
           f"<title>{_h(title)}</title><style>{_STYLE}</style></head><body>",
           f"<h1>{_h(title)}</h1>", f"<p><strong>{_h(tr('stats_n', n=data['n']))}</strong></p>"]
    if flagged(data):
        out.append(f"<p><strong>{_h(tr('stats_flagged', n=flagged(data)))}</strong></p>")
    if data["n"]:
        out += _html_first(data, tr)
        out += [f"<h2>{_h(tr('stats_distributions'))}</h2><table>"]
        for d in data["dimensions"]:
            dist = d["distribution"]
            out.append(f"<tr><td>{_h(d['name'])}</td><td>{histogram_svg(dist['bins'])}</td>"
                       f"<td>{_h(tr('stats_dist_row', n=dist['n'], mean=_num(lang, dist['mean'], 0), sd=_num(lang, dist['sd'], 0)))}</td></tr>")  # noqa: E501
        out.append("</table>")
        out.append(f"<h2>{_h(tr('stats_items'))}</h2>")
        for d in data["dimensions"]:
            out += _html_dimension(lang, d)
        out += _html_options(data, tr)
    else:
        out.append(f"<p>{_h(tr('stats_empty'))}</p>")
    out.append("</body></html>\n")
    return "\n".join(out)


def _html_first(data: Mapping[str, Any], tr: Any) -> list[str]:
    lang = data["language"]
    out = [f"<h2>{_h(tr('stats_first'))}</h2><table>"]
    rows = [(p["name"], p["count"], p["share"]) for p in data["profiles"]]
    rows.append((tr("stats_unclear"), data["unclear"]["count"], data["unclear"]["share"]))
    for name, count, share in rows:
        out.append(f'<tr><td>{_h(name)}</td><td class="n">{count}</td>'
                   f'<td class="n">{_h(_pct(lang, share))}</td></tr>')
    out.append("</table>")
    reasons = data["unclear"]["reasons"]
    if reasons:
        out.append("<p>" + _h(tr("stats_reasons") + ": " + ", ".join(
            f"{_reason_text(lang, c)} {n}" for c, n in reasons.items())) + "</p>")
    return out


def _html_dimension(lang: str, d: Mapping[str, Any]) -> list[str]:
    alpha = _alpha(lang, d)
    out = [f"<h3>{_h(d['name'])}</h3><p>{_h(alpha)}</p>"]
    out += [f'<p class="warn">{_h(t(lang, f"warn_{w}"))}</p>' for w in d["warnings"]]
    if d["items"]:
        headers = t(lang, "stats_columns").split("|")
        out.append("<table><tr>" + "".join(f"<th>{_h(h)}</th>" for h in headers) + "</tr>")
        for i in d["items"]:
            neg = ' class="neg"' if "negative" in i["flags"] else ""
            out.append(
                f"<tr><td><code>{_h(i['id'])}</code> {_h(i['text'])}</td>"
                f'<td class="n">{_num(lang, i["mean"])}</td>'
                f'<td class="n">{_num(lang, i["sd"])}</td>'
                f'<td class="n"{neg}>{_num(lang, i["item_total"], 3)}</td>'
                f'<td class="n">{_num(lang, i["alpha_if_deleted"], 3)}</td>'
                f"<td{neg}>{_h(_flag_text(lang, i['flags']))}</td></tr>")
        out.append("</table>")
    return out


def _html_options(data: Mapping[str, Any], tr: Any) -> list[str]:
    if not data["options"]:
        return []
    out = [f"<h2>{_h(tr('stats_options'))}</h2><ul>"]
    for o in data["options"]:
        counts = " · ".join(f"{_h(k)} {n}" for k, n in o["counts"].items())
        tail = (f" <strong>{_h(tr('stats_unpicked', ids=', '.join(o['unpicked'])))}</strong>"
                if o["unpicked"] else "")
        out.append(f"<li><code>{_h(o['question'])}</code>: {counts}{tail}</li>")
    out.append("</ul>")
    return out


def stats_format(fmt: str | None, output: Path | None) -> str:
    """``--format``, else the ``--output`` file's suffix, else text; checked."""
    from pm_quiz.report.formats import STATS_SUFFIXES, format_of

    if fmt is None and output is not None:
        fmt = format_of(str(output), STATS_SUFFIXES)
    return fmt or "text"


def render_stats(data: Mapping[str, Any], fmt: str, width: int = 100) -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`) as a string."""
    if fmt == "json":
        from pm_quiz.report.export import to_json

        return to_json(data)
    if fmt == "md":
        return render_stats_markdown(data)
    if fmt == "html":
        return render_stats_html(data)
    import io

    console = Console(record=True, width=width, file=io.StringIO(), color_system=None)
    console.print(StatsView(data))
    return console.export_text()
