"""The ``pm-quiz`` command line.

Each command imports what it needs when it runs, and only the quiz app imports Textual.
``pm-quiz --version`` is answered before this module is imported (``pm_quiz.__main__``).
Its words, argparse's own included, come from the catalogues in the language
:func:`_program_language` reads from the command line and the environment before anything
is parsed (see ``i18n/arguments.py``).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from pm_quiz import __version__

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import RenderableType

    from pm_quiz.bank.model import Bank
    from pm_quiz.parsing.problems import InputError
    from pm_quiz.quiz.analysis import CheckReport
    from pm_quiz.report.data import ResultData
    from pm_quiz.report.write import Written
    from pm_quiz.store.database import Attempt, Store
    from pm_quiz.store.respondents import StoredRespondents

EXIT_OK = 0
EXIT_ERRORS = 1  # `check` found errors in a valid file
EXIT_BAD_INPUT = 2


def _tr(key: str) -> str:
    """The help text ``key`` in the message language, as argparse needs it (``%`` doubled:
    argparse fills ``%(default)s`` and the like into help texts)."""
    return _say(key).replace("%", "%%")


def _meta(name: str) -> str:
    """The placeholder ``name`` (``file``, ``path``...) of a value in usage and help."""
    return _say(f"meta_{name}")


class _Whole:
    """``int`` for argparse, named in the user's language in its error ("invalid whole
    number value: 'x'")."""

    def __init__(self) -> None:
        self.__name__ = _say("cli_whole_number")

    def __call__(self, text: str) -> int:
        return int(text)


def _global_options(parser: argparse.ArgumentParser, top: bool) -> None:
    """Options that work before or after a subcommand.

    On subcommands their default is SUPPRESS, so a value given before the subcommand is not
    overwritten by the subparser's default.
    """
    default: Any = None if top else argparse.SUPPRESS
    parser.add_argument("--questions", metavar=_meta("path"), default=default,
                        help=_tr("cli_questions"))
    parser.add_argument("--lang", metavar=_meta("code"), default=default, help=_tr("cli_lang"))
    parser.add_argument("--data-dir", metavar=_meta("dir"), default=default,
                        help=_tr("cli_data_dir"))


def _group_option(parser: argparse.ArgumentParser, top: bool) -> None:
    parser.add_argument("--group", metavar=_meta("name"),
                        default=None if top else argparse.SUPPRESS, help=_tr("cli_group"))


def _output_options(p: argparse.ArgumentParser, formats: Sequence[str], help_key: str) -> None:
    p.add_argument("--format", choices=formats, help=_tr(help_key))
    p.add_argument("--output", metavar=_meta("file"), help=_tr("cli_output"))
    p.add_argument("--force", action="store_true", help=_tr("cli_force_output"))


def _validate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", nargs="?", metavar=_meta("path"), help=_tr("cli_bank_to_check"))


def _score_arguments(p: argparse.ArgumentParser) -> None:
    from pm_quiz.report.formats import BATCH_FORMATS, FORMATS

    p.add_argument("--answers", required=True, metavar=_meta("file"),
                   help=_tr("cli_score_answers"))
    _output_options(p, tuple(dict.fromkeys((*FORMATS, *BATCH_FORMATS))), "cli_score_format")


def _check_arguments(p: argparse.ArgumentParser) -> None:
    from pm_quiz.report.formats import CHECK_FORMATS

    p.add_argument("path", nargs="?", metavar=_meta("path"), help=_tr("cli_bank_to_check"))
    p.add_argument("--respondents", type=_Whole(), default=1000, metavar=_meta("n"),
                   help=_tr("cli_respondents"))
    p.add_argument("--seed", type=_Whole(), default=0, metavar=_meta("seed"),
                   help=_tr("cli_seed"))
    p.add_argument("--witness", metavar=_meta("dir"), help=_tr("cli_witness"))
    p.add_argument("--force", action="store_true", help=_tr("cli_force_witness"))
    p.add_argument("--format", choices=CHECK_FORMATS, default="text",
                   help=_tr("cli_check_format"))


def _schema_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--markdown", action="store_true", help=_tr("cli_markdown"))


def _history_arguments(p: argparse.ArgumentParser) -> None:
    from pm_quiz.report.formats import FORMATS

    _group_option(p, top=False)
    p.add_argument("--clear", action="store_true", help=_tr("cli_clear"))
    p.add_argument("--yes", action="store_true", help=_tr("cli_yes"))
    actions = p.add_subparsers(dest="action", metavar=f"show {_meta('id')} | export")
    show = actions.add_parser("show", help=_tr("cli_show"), description=_say("cli_show"))
    show.add_argument("id", metavar=_meta("id"), help=_tr("cli_show_id"))
    _output_options(show, FORMATS, "cli_result_format")
    _global_options(show, top=False)
    export = actions.add_parser("export", help=_tr("cli_export"),
                                description=_say("cli_export_description"))
    export.add_argument("--output", metavar=_meta("file"), required=True,
                        help=_tr("cli_export_output"))
    export.add_argument("--force", action="store_true", help=_tr("cli_force_file"))
    _group_option(export, top=False)
    _global_options(export, top=False)


def _stats_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--answers", action="append", metavar=_meta("file"),
                   help=_tr("cli_stats_answers"))
    _group_option(p, top=False)
    from pm_quiz.report.formats import STATS_FORMATS

    _output_options(p, STATS_FORMATS, "cli_stats_format")


def _serve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="localhost", metavar=_meta("host"), help=_tr("cli_host"))
    p.add_argument("--port", type=_Whole(), default=8000, metavar=_meta("port"),
                   help=_tr("cli_port"))
    _group_option(p, top=False)  # for serve, without a group: today's date


def _init_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", nargs="?", default=".", metavar=_meta("dir"), help=_tr("cli_init_dir"))
    p.add_argument("--force", action="store_true", help=_tr("cli_force_files"))


#: Each command: what it adds to its parser; its help is the catalogue's ``cli_cmd_NAME``.
SUBCOMMANDS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "validate": _validate_arguments,
    "score": _score_arguments,
    "check": _check_arguments,
    "schema": _schema_arguments,
    "history": _history_arguments,
    "stats": _stats_arguments,
    "serve": _serve_arguments,
    "init": _init_arguments,
}


def build_parser() -> argparse.ArgumentParser:
    """The parser, its words in the message language (argparse's own words too, within
    :func:`pm_quiz.i18n.arguments.argparse_speaking`)."""
    parser = argparse.ArgumentParser(prog="pm-quiz", description=_say("cli_description"))
    parser.add_argument("--version", action="version", version=f"pm-quiz {__version__}",
                        help=_tr("cli_version"))
    _global_options(parser, top=True)
    parser.add_argument("--plain", action="store_true", help=_tr("cli_plain"))
    _group_option(parser, top=True)
    decide = parser.add_mutually_exclusive_group()
    decide.add_argument("--resume", action="store_true", help=_tr("cli_resume"))
    decide.add_argument("--new", action="store_true", help=_tr("cli_new"))
    # one participant of `pm-quiz serve`: a new attempt, no other's, no comparison
    parser.add_argument("--served", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar=_meta("command"))
    for name, arguments in SUBCOMMANDS.items():
        what = _say(f"cli_cmd_{name}")
        p = sub.add_parser(name, help=what.replace("%", "%%"), description=what)
        _global_options(p, top=False)
        arguments(p)
    return parser


def _say(key: str, **values: object) -> str:
    """The program's text ``key`` in the message language."""
    from pm_quiz.i18n import message_language, t

    return t(message_language(), key, **values)


def _store_problem(path: object, exc: Exception, expected_key: str | None) -> InputError:
    """The problem of a store that cannot be used, its reason in the message language."""
    from pm_quiz.parsing.problems import InputError, Problem

    reason = exc.args[0] if exc.args else str(exc)
    return InputError([Problem.of(str(path), 0, 0, "msg_reason", expected_key, why=reason)])


def _safe(value: object) -> str:
    """A path, problem or notice as one line that shows what it holds and obeys nothing."""
    from pm_quiz.report.safe import message

    return message(value)


def _problems(exc: InputError) -> int:
    for problem in exc.problems:
        _print_problem(problem)
    return EXIT_BAD_INPUT


def _bank_path(args: argparse.Namespace, positional: str | None = None) -> str:
    from pm_quiz.bank.locate import find_bank

    return find_bank(positional or getattr(args, "questions", None))


def started() -> None:
    """Start-up is over: the cyclic garbage collector runs again, but leaves out what
    start-up made.

    Starting (the imports, the arguments, the bank, for the quiz its first screen) makes
    tens of thousands of objects, nearly all of which live until the process ends. The
    collector's passes over them free nothing: they cost about 13 ms before the quiz's first
    screen and 9 ms of ``validate``. So :func:`main` pauses the collector, and this freezes
    the objects made so far (``gc.freeze``: no later pass looks at them, not even the ones
    at exit) and resumes it. The few cycles start-up leaves (the argument parser, a caught
    exception) stay frozen with them: a few thousand objects, once per process. Called once
    the bank is loaded (:func:`_load`), by the quiz once its first question or screen is
    shown, and when a command ends before either; only the first call does anything.
    """
    if gc.isenabled():
        return  # start-up is over already
    gc.freeze()
    gc.enable()


def _load(args: argparse.Namespace, positional: str | None = None,
          cache: Path | None = None) -> Bank:
    """The bank, parsed and checked; with ``cache``, from the cache of unchanged banks.
    Start-up is over then (:func:`started`)."""
    bank = _read_bank(args, positional, cache)
    started()
    return bank


def _read_bank(args: argparse.Namespace, positional: str | None = None,
               cache: Path | None = None) -> Bank:
    if cache is not None:
        from pm_quiz.bank.cache import load_bank_cached

        bank = load_bank_cached(_bank_path(args, positional), cache)
    else:
        from pm_quiz.bank.loader import load_bank

        bank = load_bank(_bank_path(args, positional))
    for warning in bank.warnings:
        print(_safe(warning), file=sys.stderr)
    return bank


def _language(args: argparse.Namespace, bank: Bank) -> str:
    """The bank's language to speak (``--lang``, the environment, the bank's first). The
    program's messages keep the language :func:`main` chose: the same when ``--lang`` or the
    environment named one the program speaks, English rather than the bank's first
    language when nothing was asked."""
    from pm_quiz.i18n import choose_language
    from pm_quiz.parsing.problems import InputError, Problem, one_of_said

    requested = getattr(args, "lang", None)
    if requested and bank.languages and requested not in bank.languages:
        raise InputError([Problem.of("--lang", 0, 0, "msg_no_bank_language", "exp_said",
                                     path=bank.path, lang=requested,
                                     what=one_of_said(bank.languages))])
    return choose_language(bank.languages, requested)


def cmd_validate(args: argparse.Namespace) -> int:
    bank = _load(args, args.path)
    likert = sum(1 for q in bank.questions if q.type == "likert")
    langs = ", ".join(bank.languages) or _say("msg_one_language")
    print(_say("msg_valid", path=_safe(bank.path),
               questions=_say("msg_n_questions", n=len(bank.questions)), likert=likert,
               choice=len(bank.questions) - likert,
               dimensions=_say("msg_n_dimensions", n=len(bank.dimensions)),
               profiles=_say("msg_n_profiles", n=len(bank.profiles)), langs=langs))
    return EXIT_OK


def cmd_score(args: argparse.Namespace) -> int:
    from pm_quiz.parsing.files import is_batch
    from pm_quiz.quiz.answers import load_answers
    from pm_quiz.quiz.scoring import score
    from pm_quiz.report.data import result_data

    bank = _load(args)
    lang = _language(args, bank)
    if is_batch(args.answers) or args.format in ("csv", "jsonl"):
        return _score_batch(args, bank, lang)
    answers = load_answers(args.answers, bank)
    _emit(args, result_data(bank, score(bank, answers), lang, answers))
    return EXIT_OK


def _print_problem(problem: object) -> None:
    """One problem on standard error, as text (it repeats what a file said)."""
    print(_safe(problem), file=sys.stderr)


def _score_batch(args: argparse.Namespace, bank: Bank, lang: str) -> int:
    """Many respondents: results are written as they are scored (see report/batch.py)."""
    from pathlib import Path

    from pm_quiz.quiz.batch import Respondents
    from pm_quiz.report.batch import batch_format, results, write_batch

    fmt = batch_format(args.format, args.output)
    respondents = Respondents([args.answers], bank, _print_problem)
    items = results(bank, respondents, lang)
    if args.output:
        from pm_quiz.report.export import Writing

        with Writing(Path(args.output), args.force) as handle:
            count = write_batch(handle, fmt, bank, lang, items)
        print(_say("msg_wrote_results", n=count, path=args.output), file=sys.stderr)
    else:
        write_batch(sys.stdout, fmt, bank, lang, items)
    if respondents.rejected:
        print(_say("msg_rows_not_scored", n=respondents.rejected, path=args.answers),
              file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _group(args: argparse.Namespace) -> str | None:
    """``--group``, else ``$PM_QUIZ_GROUP``, checked; ``None`` for no group."""
    from pm_quiz.i18n.external import explain
    from pm_quiz.parsing.problems import InputError, Problem
    from pm_quiz.store.groups import ENV_VAR, group_name

    given = getattr(args, "group", None)
    value = given if given is not None else os.environ.get(ENV_VAR) or None
    if value is None:
        return None
    try:
        return group_name(value)
    except ValueError as exc:
        where = "--group" if given is not None else f"${ENV_VAR}"
        raise InputError([Problem.of(where, 0, 0, "msg_reason", "exp_group_name",
                                     why=explain(exc))]) from None


def _open_store(args: argparse.Namespace) -> Store | None:
    """The store, or ``None`` when there is none yet."""
    from pm_quiz.store.database import FILE_NAME, Store, StoreError

    directory = _data_dir(args)
    if not (directory / FILE_NAME).exists():
        return None
    try:
        store = Store.open(directory)
    except StoreError as exc:
        raise _store_problem(directory / FILE_NAME, exc, "exp_data_file") from None
    for notice in store.notices:
        print(f"pm-quiz: {notice}", file=sys.stderr)
    return store


def cmd_stats(args: argparse.Namespace) -> int:
    from pm_quiz.report.stats import collect, stats_data

    bank = _load(args)
    lang = _language(args, bank)
    group = _group(args)
    rejected = 0
    if args.answers:
        from pm_quiz.quiz.batch import Respondents

        respondents = Respondents(args.answers, bank, _print_problem)
        stats = collect(bank, lang, respondents)
        rejected = respondents.rejected
    else:
        with _stored_respondents(args, bank, group) as stored:
            stats = collect(bank, lang, [] if stored is None else stored)
    data = stats_data(stats, lang)
    data["source"] = {"group": group, "answers": list(args.answers or [])}
    _emit_stats(args, data)
    return EXIT_BAD_INPUT if rejected else EXIT_OK


def _emit_stats(args: argparse.Namespace, data: dict[str, Any]) -> None:
    from pathlib import Path

    from pm_quiz.report.stats import StatsView, render_stats, stats_format

    fmt = stats_format(args.format, Path(args.output) if args.output else None)
    _output(args, lambda: render_stats(data, fmt), lambda: StatsView(data), fmt == "text")


def _output(args: argparse.Namespace, text: Callable[[], str],
            view: Callable[[], RenderableType], on_screen: bool) -> None:
    """Write ``text()`` to ``--output`` (saying where, and where a replaced file was
    kept), or print it; ``on_screen``: print the Rich ``view()`` instead."""
    if args.output:
        from pathlib import Path

        from pm_quiz.report.write import write_file

        _wrote(write_file(Path(args.output), text(), force=args.force))
    elif on_screen:
        from rich.console import Console

        from pm_quiz.report.printing import print_trimmed

        print_trimmed(Console(), view())
    else:
        sys.stdout.write(text())


@contextmanager
def _stored_respondents(args: argparse.Namespace, bank: Bank,
                        group: str | None) -> Iterator[StoredRespondents | None]:
    """The group's stored attempts as respondents (``None`` before the first); then says
    how many were left out, and closes the store."""
    from pm_quiz.store.database import StoreError
    from pm_quiz.store.respondents import StoredRespondents

    store = _open_store(args)
    try:
        stored = StoredRespondents(store, bank, group) if store is not None else None
        yield stored
        if stored is not None:
            for key, n in (("msg_other_bank_left_out", stored.elsewhere()),
                           ("msg_stored_answers_left_out", stored.dropped)):
                if n:
                    print(f"pm-quiz: {_say(key, n=n)}", file=sys.stderr)
    except StoreError as exc:
        raise _store_problem(_data_dir(args), exc, "exp_readable_data_file") from None
    finally:
        if store is not None:
            store.close()


def _history_export(args: argparse.Namespace) -> int:
    """``history export``: a group's answers in the batch format, for ``stats --answers``."""
    from pathlib import Path

    from pm_quiz.quiz.batch import write_answers
    from pm_quiz.report.export import Writing
    from pm_quiz.report.formats import ANSWERS_SUFFIXES, format_of

    output = Path(args.output)
    fmt = format_of(args.output, ANSWERS_SUFFIXES, "exp_csv_or_jsonl")
    bank = _load(args)
    with _stored_respondents(args, bank, _group(args)) as stored, \
            Writing(output, args.force) as handle:
        count = write_answers(handle, fmt, bank, [] if stored is None else stored)
    print(_say("msg_wrote_attempts", n=count, path=output), file=sys.stderr)
    return EXIT_OK


def _emit(args: argparse.Namespace, data: ResultData) -> None:
    """Print a result, or write it to ``--output`` in the format of ``--format`` or its
    suffix."""
    from pathlib import Path

    from pm_quiz.report.export import format_for, render

    output = Path(args.output) if args.output else None
    fmt = args.format or (format_for(output) if output else "text")
    if output is not None and args.format and format_for(output) != args.format:
        from pm_quiz.parsing.problems import InputError, Problem

        raise InputError([Problem.of(str(output), 0, 0, "msg_format_mismatch",
                                     "exp_fitting_ending", format=args.format,
                                     suffix=output.suffix)])

    def summary() -> RenderableType:
        from pm_quiz.report.summary import Summary  # Rich: only for the screen

        return Summary(data)

    _output(args, lambda: render(data, fmt), summary, fmt == "text")


def _data_dir(args: argparse.Namespace) -> Path:
    from pathlib import Path

    from pm_quiz.store.database import default_data_dir

    given = getattr(args, "data_dir", None)
    return Path(given) if given else default_data_dir()


def cmd_history(args: argparse.Namespace) -> int:
    from pm_quiz.store.database import Store, StoreError

    if args.action == "export":
        return _history_export(args)
    group = _group(args)

    directory = _data_dir(args)
    try:
        store = Store.open_existing(directory)
    except StoreError as exc:
        raise _store_problem(directory, exc, "exp_data_dir") from None
    attempts = []
    if store is not None:
        for notice in store.notices:
            print(f"pm-quiz: {_safe(notice)}", file=sys.stderr)
        try:
            attempts = store.finished(group=group or None)
        except StoreError as exc:
            store.close()
            raise _store_problem(store.path, exc, None) from None
    try:
        if args.clear:
            return _clear_history(args, store, len(attempts))
        if args.action == "show":
            _history_show(args, attempts)
            return EXIT_OK
        if not attempts:
            print(_say("msg_no_finished_yet", path=_safe(directory)))
            return EXIT_OK
        from rich.console import Console

        from pm_quiz.i18n import message_language
        from pm_quiz.report.history import history_table

        console = Console(highlight=False)
        console.print(history_table(attempts, console.width, message_language()),
                      width=10_000)
        return EXIT_OK
    finally:
        if store is not None:
            store.close()


def _history_show(args: argparse.Namespace, attempts: Sequence[Attempt]) -> None:
    from pm_quiz.parsing.problems import InputError, Problem

    if not (args.id.isascii() and args.id.isdigit()):
        raise InputError([Problem.of("history show", 0, 0, "msg_not_an_id", "exp_history_id",
                                     id=repr(_safe(args.id)))])
    wanted = int(args.id)
    found = next((a for a in attempts if a.id == wanted), None)
    if found is not None and found.damaged:
        raise InputError([Problem.of("history", 0, 0, "msg_result_damaged", "exp_another_id",
                                     id=wanted, why=found.damaged)])
    if found is None or found.result is None:
        ids = ", ".join(str(a.id) for a in attempts if a.result) or _say("msg_none_yet")
        raise InputError([Problem.of("history", 0, 0, "msg_no_attempt", "exp_id_from_history",
                                     id=wanted, ids=ids)])
    from pm_quiz.report.data import upgrade
    from pm_quiz.report.history import in_language

    data, notice = in_language(upgrade(found.result), getattr(args, "lang", None))
    if notice:
        print(f"pm-quiz: {notice}", file=sys.stderr)
    _emit(args, data)


def _program_language(argv: Sequence[str]) -> str:
    """The language of the program's own words (messages, help, argparse's errors):
    ``--lang`` when the program speaks it, else ``$PM_QUIZ_LANG`` or the locale when it
    does, else English.

    Read from ``argv`` before argparse parses it (so argparse's own errors are in it too),
    as argparse reads ``--lang``: ``--lang de``, ``--lang=de`` or a prefix such as ``--la
    de``, the last one counting, none after ``--`` (a last ``--lang`` without its value,
    an error, is said in the language of the one before).
    """
    from pm_quiz.i18n import FALLBACK, catalog_languages, choose_language

    requested = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        if len(name) > 2 and "--lang".startswith(name):
            following = argv[index + 1] if index + 1 < len(argv) else requested
            requested = value if equals else following
    spoken = [FALLBACK, *(lang for lang in catalog_languages() if lang != FALLBACK)]
    return choose_language(spoken, requested if requested in spoken else None)


def _clear_history(args: argparse.Namespace, store: Store | None, count: int) -> int:
    from pm_quiz.parsing.problems import InputError, Problem

    if count == 0 or store is None:
        print(_say("msg_nothing_to_remove"))
        return EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError([Problem.of("history --clear", 0, 0, "msg_needs_confirmation",
                                         "exp_terminal_or_yes")])
        try:
            reply = input(_say("msg_remove_prompt", n=count, path=_safe(store.path)))
        except EOFError:  # Ctrl-D: no answer is a no
            print()
            reply = ""
        from pm_quiz.i18n import yes_or_no

        if not yes_or_no(reply):  # no answer, or anything but a yes, is a no
            print(_say("msg_nothing_removed"))
            return EXIT_OK
    removed = store.clear_history()
    print(_say("msg_removed", n=removed))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pm_quiz.parsing.problems import InputError, Problem
    from pm_quiz.quiz.analysis import check_bank

    if args.respondents < 0:
        raise InputError([Problem.of("--respondents", 0, 0, "msg_negative", "exp_at_least_0",
                                     value=args.respondents)])
    bank = _load(args, args.path)
    lang = _language(args, bank)
    report = check_bank(bank, args.respondents, args.seed)
    if args.witness:
        _write_witnesses(Path(args.witness), report, args.force)
    if args.format == "json":
        from pm_quiz.report.check import check_data
        from pm_quiz.report.export import to_json

        sys.stdout.write(to_json(check_data(report, lang)))
    else:
        from rich.console import Console

        from pm_quiz.report.check import CheckView
        from pm_quiz.report.printing import print_trimmed

        print_trimmed(Console(), CheckView(report, lang))
    return EXIT_ERRORS if report.errors else EXIT_OK


def _write_witnesses(directory: Path, report: CheckReport, force: bool) -> None:
    import shlex

    from pm_quiz.i18n import message_language, number
    from pm_quiz.parsing.problems import InputError, Problem
    from pm_quiz.quiz.answers import format_answers
    from pm_quiz.report.safe import message
    from pm_quiz.report.write import make_directory, write_files

    make_directory(directory)
    bank = os.path.realpath(report.path)
    files: list[tuple[Path, str]] = []
    for reach in report.profiles:
        if reach.witness is None:
            continue
        target = directory / f"{reach.id}.yaml"
        if os.path.realpath(target) == bank:
            raise InputError([Problem.of(str(target), 0, 0, "msg_is_checked_bank",
                                         "exp_other_witness_dir")])
        command = shlex.join(["pm-quiz", "--questions", report.path, "score", "--answers",
                              str(target)])
        files.append((target, format_answers(reach.witness.answers, [
            _say("msg_witness_comment", id=reach.id,
                 margin=number(message_language(), reach.witness.margin, 1)),
            message(command)])))
    for written in write_files(files, force):
        _wrote(written, quiet=True)
    print(_say("msg_wrote_witnesses", path=_safe(directory)), file=sys.stderr)


def _wrote(written: Written, quiet: bool = False) -> None:
    """Say that a file was written, and where the file it replaced was kept."""
    if not quiet:
        print(_say("msg_wrote", path=_safe(written.path)), file=sys.stderr)
    if written.backup is not None:
        print(_say("msg_kept_old", path=_safe(written.path), backup=_safe(written.backup)),
              file=sys.stderr)


def cmd_schema(args: argparse.Namespace) -> int:
    from pm_quiz.bank.definition import json_schema_text, reference_markdown
    from pm_quiz.i18n import message_language

    lang = message_language()
    sys.stdout.write(reference_markdown(lang) if args.markdown else json_schema_text(lang))
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pm_quiz.bank.definition import json_schema_text
    from pm_quiz.bank.locate import FILE_NAME, SCHEMA_NAME, default_bank_path, with_modeline
    from pm_quiz.i18n import message_language, say
    from pm_quiz.report.write import make_directory, write_files

    directory = Path(args.dir)
    make_directory(directory)
    text = Path(default_bank_path()).read_text(encoding="utf-8")
    target = directory / FILE_NAME
    for written in write_files([(target, with_modeline(text, f"./{SCHEMA_NAME}")),
                                (directory / SCHEMA_NAME,
                                 json_schema_text(message_language()))],
                               force=args.force,
                               hint=say("exp_force_only")):
        _wrote(written, quiet=True)
    print(_say("msg_wrote_bank", path=_safe(target), schema=SCHEMA_NAME))
    return EXIT_OK


def _served() -> bool:
    """Run by a web server (textual-serve sets Textual's web driver): the app talks over
    pipes, which are no terminal, and each run is another person."""
    return os.environ.get("TEXTUAL_DRIVER", "").endswith("web_driver:WebDriver")


def cmd_quiz(args: argparse.Namespace) -> int:
    from pm_quiz.parsing.problems import InputError, Problem
    from pm_quiz.store.keeper import Keeper

    served = args.served or _served()
    if "stdin" in CLOSED:
        raise InputError([Problem.of(_say("msg_stdin"), 0, 0, "msg_stdin_closed",
                                     "exp_terminal_or_answers")])
    _end_on_signals()

    from pm_quiz.bank.cache import CACHE_DIR

    data_dir = _data_dir(args)
    # start-up goes on until the front end shows its first question or screen: no started()
    bank = _read_bank(args, cache=data_dir / CACHE_DIR)
    lang = _language(args, bank)
    keeper = Keeper.open(bank, lang, data_dir, group=_group(args), shared=served)
    resume = False if served else True if args.resume else False if args.new else None
    try:
        terminal = sys.stdin.isatty() and sys.stdout.isatty()
        encoding = None if served else _not_utf8()
        if not served and (args.plain or encoding or not terminal):
            from pm_quiz.plain import run_plain

            started()
            if encoding and not args.plain:
                from pm_quiz.i18n import t

                print(t(lang, "plain_encoding", encoding=encoding), file=sys.stderr)
            # the "not a terminal" notice only when nothing else explained the line mode
            return run_plain(keeper, resume, notice=not (args.plain or encoding))
        from pm_quiz.tui.app import run_app

        return int(run_app(keeper, resume, served=served,
                           lang_given=bool(getattr(args, "lang", None)),
                           on_started=started))
    finally:
        keeper.on_warning = None  # the front end is gone: what is left is said here
        keeper.close()
        if keeper.waiting:
            print(f"pm-quiz: {_safe(keeper.warning)}", file=sys.stderr)


def _not_utf8() -> str | None:
    """The terminal's encoding when it is not UTF-8 (``LC_ALL=C``, ``PYTHONIOENCODING``):
    the full-screen app cannot be drawn in it, plain mode can."""
    import codecs

    for stream in (sys.stdout, sys.__stderr__):  # Textual draws on stderr
        name = getattr(stream, "encoding", None) or "utf-8"
        try:
            if codecs.lookup(name).name != "utf-8":
                return name
        except LookupError:
            return name
    return None


def _end_on_signals() -> None:
    """SIGTERM and SIGHUP end the quiz like Ctrl+C: the ``finally`` blocks run, so waiting
    answers are saved and the store closed (the app also restores the terminal)."""
    import signal

    def end(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), end)


def cmd_serve(args: argparse.Namespace) -> int:

    from pm_quiz import serve
    from pm_quiz.i18n.external import explain
    from pm_quiz.parsing.problems import InputError, Problem
    from pm_quiz.store.database import StoreError

    if not serve.available():
        print(_say(serve.MISSING), file=sys.stderr)
        return EXIT_BAD_INPUT
    if not 0 < args.port < 65536:
        raise InputError([Problem.of("--port", 0, 0, "msg_not_a_port", "exp_port",
                                     port=args.port)])
    from pm_quiz.bank.cache import CACHE_DIR
    from pm_quiz.store.database import bank_key

    data_dir = _data_dir(args).resolve()
    bank = _load(args, cache=data_dir / CACHE_DIR)
    lang = _language(args, bank)
    options = serve.ServeOptions(
        bank=bank_key(bank), title=bank.title.get(lang), lang=lang,
        data_dir=data_dir, group=_group(args) or serve.default_group(),
        host=args.host, port=args.port)
    try:
        return serve.run(options)
    except StoreError as exc:
        raise _store_problem(data_dir, exc, "exp_writable_data_dir") from None
    except OSError as exc:  # the address is taken or not this computer's
        raise InputError([Problem.of(f"--host {args.host} --port {args.port}", 0, 0,
                                     "msg_cannot_listen", "exp_free_port",
                                     why=explain(exc))]) from None


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_quiz,
    "validate": cmd_validate,
    "score": cmd_score,
    "init": cmd_init,
    "history": cmd_history,
    "check": cmd_check,
    "stats": cmd_stats,
    "schema": cmd_schema,
    "serve": cmd_serve,
}


#: Standard streams that were closed when pm-quiz started (``<&-``); see _prepare_streams.
CLOSED: set[str] = set()


def _prepare_streams() -> None:
    """Make the standard streams safe to use, in one place for every command.

    A closed stream (``pm-quiz <&-``) gets ``/dev/null`` on its descriptor, so no file
    opened later lands there and receives output; output that the terminal's encoding
    cannot show (``PYTHONIOENCODING=latin-1``, ``LC_ALL=C``) is replaced, not fatal.
    """
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        if getattr(sys, name) is None:
            null = os.open(os.devnull, os.O_RDONLY if mode == "r" else os.O_WRONLY)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            setattr(sys, name, open(fd, mode, encoding="utf-8", errors="replace",  # noqa: SIM115
                                    closefd=False))
            CLOSED.add(name)
    for stream in (sys.stdin, sys.stdout):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _output_failed(exc: OSError) -> int:
    """Writing failed (``> /dev/full``, a closed pipe...): say so once, exit non-zero."""
    from pm_quiz.i18n.external import explain

    try:
        sys.stdout.flush()
    except OSError:  # what is still buffered cannot go anywhere: let it go nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    where = f"{_safe(exc.filename)}: " if exc.filename else _say("msg_cannot_write_output")
    import contextlib

    with contextlib.suppress(OSError):
        print(f"pm-quiz: {where}{explain(exc)}", file=sys.stderr)
    return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    gc.disable()  # while pm-quiz starts: see started()
    try:
        return _run(arguments)
    finally:
        started()


def _run(arguments: list[str]) -> int:
    _prepare_streams()
    from pm_quiz.i18n import set_message_language
    from pm_quiz.i18n.arguments import argparse_speaking

    lang = _program_language(arguments)
    set_message_language(lang)
    with argparse_speaking(lang):
        args = build_parser().parse_args(arguments)
    from pm_quiz.parsing.problems import InputError

    try:
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a full disk shows here, not in the interpreter's last flush
        return code
    except InputError as exc:
        return _problems(exc)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `pm-quiz score ... | head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        return _output_failed(exc)
