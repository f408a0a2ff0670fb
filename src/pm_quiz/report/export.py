"""Writing a result to a file; the format follows ``--format`` or the file's suffix."""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pm_quiz.parsing.problems import InputError, Problem
from pm_quiz.report.data import ResultData

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
        return console.export_html(inline_styles=True)
    if fmt == "svg":
        return console.export_svg(title=str(data["bank"]["title"]))
    return console.export_text()


def write_file(path: Path, content: str, force: bool = False) -> None:
    """Write ``content`` to ``path`` atomically; never replace an existing file unless
    ``force``. Raises :class:`InputError` with a clear message on failure."""
    if path.exists() and not force:
        raise InputError([Problem(str(path), 0, 0, "the file exists already",
                                  "a new file name, or --force to overwrite it")])
    if path.is_dir():
        raise InputError([Problem(str(path), 0, 0, "this is a directory", "a file name")])
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
        try:
            # mkstemp makes the file private (0600); a written result gets the usual mode
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(content)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        raise InputError([Problem(str(path), 0, 0, f"cannot write the file: "
                                  f"{exc.strerror or exc}", "a writable location")]) from None


class Writing:
    """``with Writing(path, force) as handle:`` writes a file as a stream, atomically:
    a temporary file beside it replaces ``path`` only when the block ends without error.
    Never replaces an existing file unless ``force``; failures raise :class:`InputError`."""

    def __init__(self, path: Path, force: bool = False) -> None:
        self.path = path
        self.force = force
        self._tmp: str | None = None
        self._handle: io.TextIOWrapper | None = None

    def _fail(self, exc: OSError) -> InputError:
        return InputError([Problem(str(self.path), 0, 0, f"cannot write the file: "
                                   f"{exc.strerror or exc}", "a writable location")])

    def __enter__(self) -> io.TextIOWrapper:
        path = self.path
        if path.exists() and not self.force:
            raise InputError([Problem(str(path), 0, 0, "the file exists already",
                                      "a new file name, or --force to overwrite it")])
        if path.is_dir():
            raise InputError([Problem(str(path), 0, 0, "this is a directory", "a file name")])
        directory = path.parent if str(path.parent) else Path(".")
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self._tmp, 0o666 & ~umask)
            self._handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise self._fail(exc) from None
        return self._handle

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        assert self._handle is not None and self._tmp is not None
        try:
            self._handle.close()
            if kind is None:
                os.replace(self._tmp, self.path)
                return
        except OSError as error:
            os.unlink(self._tmp)
            raise self._fail(error) from None
        os.unlink(self._tmp)
