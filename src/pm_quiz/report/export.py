"""Writing a result to a file; the format follows ``--format`` or the file's suffix."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pm_quiz.i18n import t
from pm_quiz.i18n.external import explain
from pm_quiz.parsing.problems import InputError, Problem
from pm_quiz.report.data import ResultData
from pm_quiz.report.safe import message
from pm_quiz.report.write import Written, check_target, place, write_file

__all__ = ["FORMATS", "Writing", "Written", "format_for", "render", "to_json", "write_file"]

from pm_quiz.report.formats import FORMATS, SUFFIXES, format_of

WIDTH = 88


def format_for(path: Path) -> str:
    """The result's format the ending of ``path`` chooses."""
    return format_of(str(path), SUFFIXES)


def to_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(data: ResultData, fmt: str, width: int = WIDTH) -> str:
    """The result in ``fmt`` (one of :data:`FORMATS`) as a string."""
    if fmt == "json":
        return to_json(data)
    if fmt == "md":
        from pm_quiz.report.markdown import render_markdown

        return render_markdown(data)
    from rich.console import Console

    from pm_quiz.report.summary import Summary

    console = Console(record=True, width=width, file=io.StringIO(),
                      color_system="truecolor", force_terminal=fmt != "text")
    console.print(Summary(data))
    if fmt == "html":
        return _html(console.export_html(inline_styles=True), data)
    if fmt == "svg":
        return _offline(console.export_svg(title=message(data["bank"]["title"])))
    return "\n".join(line.rstrip() for line in console.export_text().split("\n"))


def _html(page: str, data: ResultData) -> str:
    """Rich's page with the document's language and a title."""
    from html import escape

    title = escape(message(f"{data['bank']['title']} – {t(data['language'], 'result')}"))
    lang = escape(data["language"], quote=True)
    page = page.replace("<html>", f'<html lang="{lang}">', 1)
    return page.replace("<head>", f"<head>\n<title>{title}</title>", 1)


def _offline(svg: str) -> str:
    """Rich's SVG without the font it would fetch from a CDN: the reader's local Fira Code,
    else their monospace font. Nothing is loaded from the network."""
    return re.sub(r",\s*url\(\"https?://[^)]*\)\s*format\(\"[a-z0-9]+\"\)", "", svg)


class Writing:
    """``with Writing(path, force) as handle:`` writes a file as a stream, by the same rules
    as :func:`write_file` (only regular files replaced, never without ``force``, a backup of
    what is replaced): a temporary file beside it takes its place only when the block ends
    without error."""

    def __init__(self, path: Path, force: bool = False) -> None:
        self.path = path
        self.force = force
        self._tmp: str | None = None
        self._handle: io.TextIOWrapper | None = None
        self.written: Written | None = None

    def __enter__(self) -> io.TextIOWrapper:
        self._target = check_target(self.path, self.force)
        real = self._target.real
        directory = real.parent if str(real.parent) else Path(".")
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=".pm-quiz-", suffix=".tmp", dir=directory)
            self._handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise InputError([Problem.of(str(self.path), 0, 0, "msg_cannot_write",
                                         "exp_writable", why=explain(exc))]) from None
        return self._handle

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        assert self._handle is not None and self._tmp is not None
        self._handle.close()
        if kind is not None:
            os.unlink(self._tmp)
            return
        try:
            self.written = place(self._target, self._tmp)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
            raise
