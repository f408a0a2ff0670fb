"""Progress as a line of full and empty blocks: readable without colour."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widget import Widget

from pm_quiz.report.verdict import EMPTY, FULL


class ProgressLine(Widget):
    """``██████░░░░░░``: ``done`` of ``total``, as wide as the widget."""

    DEFAULT_CSS = "ProgressLine { height: 1; }"

    done: reactive[int] = reactive(0)
    total: reactive[int] = reactive(1)

    def render(self) -> str:
        width = self.size.width
        filled = round(width * self.done / self.total) if self.total else 0
        return FULL * filled + EMPTY * (width - filled)
