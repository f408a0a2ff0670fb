"""The output formats and the file endings that choose them, in one place: the command
line offers them (without importing any renderer), the renderers accept them, and
:func:`format_of` reads a file's ending for all of them."""

from __future__ import annotations

import os
from collections.abc import Mapping

from pm_quiz.parsing.problems import InputError, Problem

#: One result: ``--format`` of ``score`` and ``history show``, and the app's export.
FORMATS = ("text", "md", "json", "html", "svg")
SUFFIXES = {".txt": "text", ".md": "md", ".markdown": "md", ".json": "json", ".html": "html",
            ".htm": "html", ".svg": "svg"}

#: Many respondents (``score`` of a CSV or JSON Lines file).
BATCH_FORMATS = ("csv", "jsonl", "json", "text", "md")
BATCH_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
                  ".txt": "text", ".md": "md", ".markdown": "md"}

#: The group report (``stats``).
STATS_FORMATS = ("text", "md", "json", "html")
STATS_SUFFIXES = {suffix: fmt for suffix, fmt in SUFFIXES.items() if fmt in STATS_FORMATS}

#: A group's answers (``history export``), in the forms ``stats --answers`` reads.
ANSWERS_SUFFIXES = {suffix: fmt for suffix, fmt in BATCH_SUFFIXES.items()
                    if fmt in ("csv", "jsonl")}

#: The bank's check (``check``).
CHECK_FORMATS = ("text", "json")


def format_of(path: str, suffixes: Mapping[str, str],
              expected_key: str = "exp_file_ending") -> str:
    """The format the ending of ``path`` chooses among ``suffixes``; an :class:`InputError`
    naming the endings that would do (``expected_key``) when it chooses none."""
    suffix = os.path.splitext(path)[1].lower()
    fmt = suffixes.get(suffix)
    if fmt is None:
        raise InputError([Problem.of(path, 0, 0, "msg_unknown_file_type", expected_key,
                                     suffix=suffix, endings=", ".join(suffixes))])
    return fmt
