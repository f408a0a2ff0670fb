"""The key line at the foot of a screen: one line, the short wording when the long one does
not fit the terminal's width."""

from __future__ import annotations

from textual.events import Resize
from textual.widgets import Static


class KeyLine(Static):
    """Shows ``long``, or ``short`` when ``long`` would wrap."""

    def __init__(self, *, id: str = "keys") -> None:
        super().__init__(id=id, markup=False)
        self._texts = ("", "")

    def show(self, long: str, short: str | None = None) -> None:
        """Show these keys; the same again (every answer) is no redraw."""
        texts = (long, short or long)
        if texts != self._texts:
            self._texts = texts
            self._fit(self.size.width)

    def _fit(self, width: int) -> None:
        long, short = self._texts
        room = width - 2  # the padding
        self.update(long if width == 0 or len(long) <= room else short)

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)
