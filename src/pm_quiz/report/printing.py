"""Printing a renderable to a terminal or a pipe without the spaces Rich pads lines with:
tables and panels fill every line to the console's width, which leaves trailing spaces in
logs, pasted text and files."""

from __future__ import annotations

import re

from rich.console import Console, RenderableType

#: Spaces at the end of a line, before any style codes that close it.
_TRAILING = re.compile(r"[ \u00a0]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def print_trimmed(console: Console, renderable: RenderableType, end: str = "\n") -> None:
    """``console.print(renderable)``, each line without trailing spaces."""
    with console.capture() as capture:
        console.print(renderable, end=end)
    console.file.write(_TRAILING.sub(r"\1", capture.get()))
    console.file.flush()
