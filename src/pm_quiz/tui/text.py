"""Bank text for Textual widgets: literal, never parsed as markup."""

from __future__ import annotations

from textual.content import Content

from pm_quiz.report.safe import clean


def literal(text: str) -> Content:
    """Text shown exactly as written: Textual markup and escapes are not obeyed."""
    return Content(clean(text))
