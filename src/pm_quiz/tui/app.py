"""The Textual app: a thin front end over the core's session and keeper.

Screens show the session and pass key presses on; they tell the app where to go next by
messages (handled by name: ``on_question_screen_finished``...). Scoring, validation and
storage live in the core (:mod:`pm_quiz.store.keeper`). Only the welcome screen is needed
for the first paint: the other screens, the palette and the watcher of the bank file are
imported where they are first used.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.events import Resize
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import get_current_worker

from pm_quiz.i18n import Phrase, t
from pm_quiz.parsing.problems import Problem
from pm_quiz.quiz.session import QuizSession
from pm_quiz.report.data import ResultData
from pm_quiz.report.safe import clean
from pm_quiz.report.safe import message as one_line
from pm_quiz.store.keeper import Keeper
from pm_quiz.store.settings import Settings, load_settings, save_settings, settings_path
from pm_quiz.tui.screens.base import QuizScreen
from pm_quiz.tui.screens.too_small import TooSmallScreen
from pm_quiz.tui.screens.welcome import WelcomeScreen

if TYPE_CHECKING:
    from pm_quiz.tui.screens.result import ResultScreen
    from pm_quiz.tui.watch import BankBroken, BankChanged

MIN_WIDTH = 60
MIN_HEIGHT = 18
#: How often the bank file is looked at for edits (the live preview), in seconds.
WATCH_INTERVAL = 0.5


class QuizApp(App[int]):
    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "pm-quiz"
    BINDINGS = [
        Binding("q", "quit", "Quit", show=False),
        Binding("question_mark,f1", "help", "Help", show=False),
        Binding("l", "language", "Language", show=False),
    ]

    def __init__(self, keeper: Keeper, resume: bool | None = None,
                 export_dir: Path | None = None, served: bool = False,
                 settings: Path | None = None, lang_given: bool = False,
                 on_started: Callable[[], None] | None = None) -> None:
        """``resume``: ``True``/``False`` decide about an unfinished attempt without asking
        (``--resume``/``--new``); ``None`` offers the choice on the welcome screen.
        ``served``: one participant in a browser (``pm-quiz serve``): the result is exported
        as a download, nothing is written to or read from the server's files but the store,
        and the questions file is not watched.
        ``settings``: the settings file (:mod:`pm_quiz.store.settings`) that keeps the
        language and theme for the next start; ``None`` keeps nothing (and so when served).
        ``lang_given``: the language was asked for (``--lang``): it wins over the kept one.
        ``on_started``: called once the first screen is painted."""
        super().__init__()
        self.keeper = keeper
        self.resume = resume
        self.export_dir = export_dir
        self.served = served
        self.settings_path = None if served else settings
        self.settings = Settings()
        self._settings_failed = False
        self.lang_given = lang_given
        self.on_started = on_started
        #: While an edit of the bank does not load: what to say about it (the live preview).
        self.bank_problem: str | None = None
        self._too_small: TooSmallScreen | None = None
        self._mounted = False

    @property
    def session(self) -> QuizSession:
        return self.keeper.session

    @property
    def lang(self) -> str:
        return self.keeper.session.lang

    def get_default_screen(self) -> Screen[Any]:
        """The first screen is the welcome screen (rather than one pushed over Textual's
        blank first screen: one screen is composed and painted at start, not two). It
        offers the unfinished attempt, unless ``--resume`` or ``--new`` decided already."""
        self.keeper.on_warning = self._warn
        self._apply_settings()
        offer = self.keeper.resume_offer()
        if offer is not None and self.resume is not None:
            self._decide(self.resume)
            offer = None
        return WelcomeScreen(self.keeper, offer)

    def on_mount(self) -> None:
        self._end_on_signals()
        for notice in self.keeper.notices:
            self.say(notice, severity="warning", timeout=15)
        if self.keeper.warning:
            self.say(self.keeper.warning, severity="warning", timeout=15)
        self._mounted = True
        self.check_size(self.size.width, self.size.height)

    def on_ready(self) -> None:
        """The first screen is painted: start-up is over (``on_started``), and the bank
        file is watched from now on."""
        if self.on_started is not None:
            self.on_started()
        if not self.served:
            from pm_quiz.tui.watch import BankWatcher

            self.watcher = BankWatcher(self.keeper.bank.path, self.keeper.bank.fingerprint)
            self._watch()

    def _end_on_signals(self) -> None:
        """SIGTERM and SIGHUP end the app as Ctrl+C does: the terminal is restored (main
        screen, mouse off); every answer is committed already."""
        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(number, self.exit, None, 128 + number)

    # -- live preview -------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="watch")
    def _watch(self) -> None:
        """Look at the bank file every WATCH_INTERVAL seconds, in a thread: reading a large
        bank takes long enough to stall the interface if done on the event loop."""
        worker = get_current_worker()
        while True:
            time.sleep(WATCH_INTERVAL)
            if worker.is_cancelled:  # the app is ending: no more reading
                return
            event = self.watcher.poll()
            if event is not None and not worker.is_cancelled:
                self.call_from_thread(self.bank_event, event)

    def bank_event(self, event: BankChanged | BankBroken) -> None:
        """An edit of the bank file: take up the new bank, or say why it does not load."""
        from pm_quiz.tui.watch import BankBroken, BankChanged

        if isinstance(event, BankBroken):
            self._show_bank_problem(self._broken_text(event.problems))
        elif isinstance(event, BankChanged):
            was_broken = self.bank_problem is not None
            self._show_bank_problem(None)
            dropped = self.keeper.rebase(event.bank)
            message = t(self.lang, "bank_reloaded" if was_broken else "bank_updated")
            self.say(f"{message} {dropped}" if dropped else message, timeout=6)
            self._bank_changed()

    def say(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
            timeout: float = 10) -> None:
        """A notification whose text is shown as written: no markup, no escapes obeyed
        (it may repeat a path, a key or a value from a file)."""
        self.notify(clean(message), title=clean(title), severity=severity, timeout=timeout,
                    markup=False)

    def _bank_changed(self) -> None:
        from pm_quiz.tui.screens.question import QuestionScreen
        from pm_quiz.tui.screens.result import ResultScreen

        screen = self.screen
        if isinstance(screen, QuestionScreen) and self.session.finished:
            self.show_result()
        elif isinstance(screen, ResultScreen) and not self.session.finished:
            self.show_questions()
        else:
            for each in self._quiz_screens():
                each.bank_changed()

    def _broken_text(self, problems: list[Problem]) -> str:
        import os
        import shlex

        path = Path(self.keeper.bank.path)
        try:
            relative = Path(os.path.relpath(path))
            shown = relative if len(str(relative)) < len(str(path)) else path
        except ValueError:  # another drive (Windows)
            shown = path
        return "\n".join([
            t(self.lang, "bank_broken_banner", n=len(problems)),
            t(self.lang, "bank_broken_validate", n=len(problems),
              path=shlex.quote(str(shown))),
            one_line(problems[0].said(self.lang, brief=True)) if problems else ""])

    def _show_bank_problem(self, text: str | None) -> None:
        """The broken state stays on every screen until the bank loads again."""
        self.bank_problem = text
        for screen in self._quiz_screens():
            screen.show_bank_problem()

    def _warn(self, warning: str | None) -> None:
        self.say(warning or t(self.lang, "saved_again"), severity="warning" if warning
                 else "information", timeout=15 if warning else 5)
        for screen in self._quiz_screens():
            screen.show_warning()

    def _decide(self, resume: bool) -> None:
        notice = self.keeper.decide(resume)
        if notice:
            self.say(notice, severity="warning", timeout=15)

    # -- moving between screens -----------------------------------------------------
    def _quiz_screens(self) -> list[QuizScreen]:
        """The screens that show the session, the welcome screen at the bottom included."""
        return [screen for screen in self.screen_stack if isinstance(screen, QuizScreen)]

    def _show(self, screen: Screen[Any]) -> None:
        """``screen`` in place of the current one. The welcome screen the app starts with
        stays at the bottom of Textual's screen stack: the first move covers it."""
        if len(self.screen_stack) == 1:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def show_questions(self) -> None:
        from pm_quiz.tui.screens.question import QuestionScreen

        self._show(QuestionScreen(self.keeper))

    def show_result(self) -> None:
        from pm_quiz.tui.screens.result import ResultScreen

        self._show(ResultScreen(self.keeper, self.keeper.finish()))

    def on_welcome_screen_start(self, message: WelcomeScreen.Start) -> None:
        self._decide(message.resume)
        if self.keeper.session.finished:
            self.show_result()
        else:
            self.show_questions()

    def on_question_screen_finished(self) -> None:
        self.show_result()

    def on_question_screen_back_from_first(self) -> None:
        self._show(WelcomeScreen(self.keeper))

    def on_result_screen_revise(self) -> None:
        self.keeper.reopen()
        self.keeper.session.back()
        self.show_questions()

    def on_result_screen_restart(self) -> None:
        self.keeper.start_over()
        self.show_questions()

    def on_result_screen_export(self, message: ResultScreen.Export) -> None:
        if self.served:
            self.download(message.data)
            return
        from pm_quiz.report.write import Written
        from pm_quiz.tui.screens.export import ExportScreen

        def done(written: Written | None) -> None:
            if written is not None:
                message = t(self.lang, "export_done", path=written.path)
                if written.backup is not None:
                    message += " " + t(self.lang, "export_backup", backup=written.backup)
                self.say(message, timeout=10)

        self.push_screen(ExportScreen(message.data, self.lang, self.export_dir), done)

    def download(self, data: ResultData) -> None:
        """The result as an HTML file, downloaded by the participant's browser."""
        import io

        from pm_quiz.report.export import render
        from pm_quiz.tui.screens.export import DEFAULT_NAME

        self.deliver_text(io.StringIO(render(data, "html")), save_filename=DEFAULT_NAME,
                          open_method="download", mime_type="text/html", encoding="utf-8")
        self.notify(t(self.lang, "export_download", name=DEFAULT_NAME), timeout=10)

    # -- settings kept between runs -----------------------------------------------------
    def _apply_settings(self) -> None:
        if self.settings_path is None:
            return
        self.settings = load_settings(self.settings_path)
        language = self.settings.language
        if language and not self.lang_given and language in self.keeper.bank.languages:
            self.keeper.session.lang = language
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, lambda theme: self._remember(theme=theme.name))

    def _remember(self, **changes: str | None) -> None:
        if self.settings_path is None:
            return
        settings = self.settings.but(**changes)
        if settings != self.settings:
            self.settings = settings
            reason = save_settings(self.settings_path, settings)
            if reason and not self._settings_failed:  # said once; the quiz goes on
                self._settings_failed = True
                self.say(Phrase("settings_not_kept", {"reason": reason}).said(self.lang),
                         severity="warning", timeout=10)

    # -- Textual's own words, in the quiz's language -------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """What the quiz needs of the palette, in its language: no key panel (the help
        screen says which keys apply), no maximising, no screenshot."""
        lang = self.lang
        yield SystemCommand(t(lang, "cmd_help"), t(lang, "cmd_help_help"), self.action_help)
        if len(self.keeper.bank.languages) > 1:
            yield SystemCommand(t(lang, "cmd_language"), t(lang, "cmd_language_help"),
                                self.action_language)
        yield SystemCommand(t(lang, "cmd_theme"), t(lang, "cmd_theme_help"),
                            self.action_change_theme)
        yield SystemCommand(t(lang, "cmd_quit"), t(lang, "cmd_quit_help"), self.action_quit)

    def action_command_palette(self) -> None:
        from pm_quiz.tui.widgets.palette import QuizPalette

        if self.use_command_palette and not isinstance(self.screen, QuizPalette):
            self.push_screen(QuizPalette(self.lang, id="--command-palette"))

    def action_change_theme(self) -> None:
        from textual.theme import ThemeProvider

        from pm_quiz.tui.widgets.palette import QuizPalette

        self.push_screen(QuizPalette(self.lang, providers=[ThemeProvider],
                                     placeholder=t(self.lang, "theme_placeholder")))

    def action_help_quit(self) -> None:
        """Ctrl+C: say how to quit, in the quiz's language."""
        self.notify(t(self.lang, "quit_hint", quit_key="q"), title=t(self.lang, "quit_title"),
                    markup=False)

    # -- app-wide keys ----------------------------------------------------------------
    def action_help(self) -> None:
        from pm_quiz.tui.screens.help import HelpScreen

        if isinstance(self.screen, (HelpScreen, TooSmallScreen)) or self.screen.is_modal:
            return
        self.push_screen(HelpScreen(self.lang))

    def action_language(self) -> None:
        self._remember(language=self.keeper.session.next_language())
        for screen in self._quiz_screens():
            screen.refresh_texts()

    # -- terminal size ------------------------------------------------------------------
    def on_resize(self, event: Resize) -> None:
        if self._mounted:  # before that, on_mount checks once the first screen is there
            self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if small:
            message = t(self.lang, "too_small", width=width, height=height,
                        min_width=MIN_WIDTH, min_height=MIN_HEIGHT)
            if self._too_small is None:
                self._too_small = TooSmallScreen(message)
                self.push_screen(self._too_small)
            else:
                self._too_small.show(message)
        elif self._too_small is not None:
            if self.screen is self._too_small:
                self.pop_screen()
            self._too_small = None


def run_app(keeper: Keeper, resume: bool | None = None, **options: Any) -> int:
    """Run the app until it quits; ``options`` as :class:`QuizApp` takes them."""
    if not options.get("served"):
        options.setdefault("settings", settings_path())
    app = QuizApp(keeper, resume, **options)
    app.run()
    return app.return_code or 0
