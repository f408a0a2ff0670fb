"""The output formats and the file endings that choose them, in one place: the command
line offers them (without importing any renderer), the renderers accept them."""

from __future__ import annotations

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
