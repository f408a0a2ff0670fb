"""Textual's command palette in the quiz's language."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, ProviderSource
from textual.widgets.option_list import Option

from pm_quiz.i18n import t


class QuizPalette(CommandPalette):
    """The command palette with its placeholder and "nothing found" in ``lang``."""

    def __init__(self, lang: str, providers: ProviderSource | None = None,
                 placeholder: str | None = None, id: str | None = None) -> None:
        super().__init__(providers, placeholder=placeholder or t(lang, "palette_placeholder"),
                         id=id)
        self.lang = lang

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's own, with the words of the catalogue."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(t(self.lang, "palette_no_matches"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
