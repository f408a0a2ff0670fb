"""Results of many respondents, written as a stream: CSV, JSON Lines, JSON, text or Markdown.

Every result is the one :func:`pm_quiz.report.data.result_data` makes for a single
respondent, with a ``"respondent"`` key added. Rows are written as they are scored, so
memory does not grow with the number of respondents.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TextIO

from pm_quiz.bank.model import Bank
from pm_quiz.i18n import number, t
from pm_quiz.quiz.batch import Respondent
from pm_quiz.quiz.scoring import score
from pm_quiz.report.data import result_data
from pm_quiz.report.formats import BATCH_FORMATS as FORMATS
from pm_quiz.report.formats import BATCH_SUFFIXES as SUFFIXES
from pm_quiz.report.formats import format_of
from pm_quiz.report.safe import clean, cut


def batch_format(fmt: str | None, output: str | None) -> str:
    """``--format``, else the ``--output`` file's suffix, else text; checked."""
    from pm_quiz.parsing.problems import InputError, Problem, one_of_said

    if fmt is None and output:
        fmt = format_of(output, SUFFIXES, "exp_batch_ending")
    fmt = fmt or "text"
    if fmt not in FORMATS:
        raise InputError([Problem.of("--format", 0, 0, "msg_not_for_many", "exp_said",
                                     format=fmt, what=one_of_said(FORMATS))])
    return fmt


def results(bank: Bank, respondents: Iterable[Respondent], lang: str) -> Iterator[
        dict[str, Any]]:
    """Each respondent's result (``pm-quiz-result``) with its ``"respondent"``."""
    for r in respondents:
        data: dict[str, Any] = dict(result_data(bank, score(bank, r.answers), lang, r.answers))
        data["respondent"] = r.id
        yield data


def reason_codes(data: Mapping[str, Any]) -> list[str]:
    """The codes of a result's reasons for no clear fit (none in results without them)."""
    return [str(r["code"]) for r in data.get("reasons", []) if isinstance(r, Mapping)]


def _round(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def write_batch(out: TextIO, fmt: str, bank: Bank, lang: str,
                items: Iterable[Mapping[str, Any]]) -> int:
    """Write ``items`` (results with a respondent) to ``out`` in ``fmt``; returns how many."""
    writer = {"csv": _csv, "jsonl": _jsonl, "json": _json, "text": _text, "md": _markdown}[fmt]
    # the first result before the first byte: a file refused as a whole writes nothing
    rest = iter(items)
    first = next(rest, None)
    return writer(out, bank, lang, rest if first is None else itertools.chain([first], rest))


def _csv(out: TextIO, bank: Bank, lang: str, items: Iterable[Mapping[str, Any]]) -> int:
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(["respondent", "best", "unclear"]
                  + [f"match:{p.id}" for p in bank.profiles]
                  + [f"score:{d.id}" for d in bank.dimensions])
    count = 0
    for data in items:
        matches = {p["id"]: p["match"] for p in data["profiles"]}
        rows.writerow([data["respondent"], data["best"] or "", " ".join(reason_codes(data))]
                      + [_round(matches.get(p.id)) for p in bank.profiles]
                      + [_round(d["score"]) for d in data["dimensions"]])
        count += 1
    return count


def _jsonl(out: TextIO, bank: Bank, lang: str, items: Iterable[Mapping[str, Any]]) -> int:
    count = 0
    for data in items:
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
        count += 1
    return count


def _json(out: TextIO, bank: Bank, lang: str, items: Iterable[Mapping[str, Any]]) -> int:
    count = 0
    for data in items:
        out.write(("[\n" if count == 0 else ",\n") + json.dumps(data, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


def _cells(data: Mapping[str, Any], lang: str) -> list[str]:
    best = data["profiles"][0] if data["best"] else None
    return [
        clean(str(data["respondent"])),
        clean(best["name"]) if best else "–",
        number(lang, best["match"], 1) if best else "–",
        " ".join(reason_codes(data)) or ("–" if best else t(lang, "batch_no_result")),
    ] + ["–" if d["score"] is None else number(lang, d["score"]) for d in data["dimensions"]]


def _headers(bank: Bank, lang: str) -> list[str]:
    return [t(lang, "batch_respondent"), t(lang, "batch_best"), t(lang, "batch_match"),
            t(lang, "batch_unclear")] + [d.id for d in bank.dimensions]


def _text(out: TextIO, bank: Bank, lang: str, items: Iterable[Mapping[str, Any]]) -> int:
    """A fixed-width table; widths are known before the first row, so it streams."""
    headers = _headers(bank, lang)
    names = [clean(p.name.get(lang)) for p in bank.profiles]
    widths = [max(12, len(headers[0])), max([len(headers[1]), *map(len, names)]),
              max(6, len(headers[2])), max(15, len(headers[3]))]
    widths += [max(3, len(h)) for h in headers[4:]]

    def line(cells: list[str]) -> str:
        shown = [cut(c, w) for c, w in zip(cells, widths, strict=True)]
        parts = [shown[0].ljust(widths[0]), shown[1].ljust(widths[1]),
                 shown[2].rjust(widths[2]), shown[3].ljust(widths[3])]
        parts += [c.rjust(w) for c, w in zip(shown[4:], widths[4:], strict=True)]
        return "  ".join(parts).rstrip() + "\n"

    out.write(line(headers))
    count = 0
    for data in items:
        out.write(line(_cells(data, lang)))
        count += 1
    return count


def _markdown(out: TextIO, bank: Bank, lang: str, items: Iterable[Mapping[str, Any]]) -> int:
    from pm_quiz.report.markdown import escape

    headers = _headers(bank, lang)
    out.write("| " + " | ".join(escape(h) for h in headers) + " |\n")
    out.write("|---|---|---:|---|" + "---:|" * len(bank.dimensions) + "\n")
    count = 0
    for data in items:
        out.write("| " + " | ".join(escape(c) for c in _cells(data, lang)) + " |\n")
        count += 1
    return count
