"""Writing a result to a file; the format follows ``--format`` or the file's suffix."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pm_quiz.parsing.problems import InputError, Problem
from pm_quiz.report.safe import message
from pm_quiz.report.write import Written, write_file

__all__ = ["FORMATS", "Written", "format_for", "render", "to_json", "write_file"]

FORMATS = ("text", "md", "json", "html", "svg")
SUFFIXES = {".txt": "text", ".md": "md", ".markdown": "md", ".json": "json", ".html": "html",
            ".htm": "html", ".svg": "svg"}
WIDTH = 88


def format_for(path: Path) -> str:
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError([Problem(str(path), 0, 0, f"unknown file type '{path.suffix}'",
                                  "a file ending in " + ", ".join(SUFFIXES))])
    return fmt


def to_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(data: Mapping[str, Any], fmt: str, width: int = WIDTH) -> str:
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
        return console.export_html(inline_styles=True)
    if fmt == "svg":
        return console.export_svg(title=message(data["bank"]["title"]))
    return console.export_text()
