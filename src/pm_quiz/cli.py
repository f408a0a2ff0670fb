"""The ``pm-quiz`` command line.

Start-up is kept cheap: at import this module needs only ``sys``; ``--version`` answers
before argparse is even imported, each command imports what it needs when it runs, and
only the quiz app imports Textual (see BENCHMARKS.md).
"""

from __future__ import annotations

import sys

from pm_quiz import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence
    from pathlib import Path
    from typing import Any

    from pm_quiz.bank.model import Bank
    from pm_quiz.parsing.problems import InputError
    from pm_quiz.report.data import ResultData

EXIT_OK = 0
EXIT_ERRORS = 1  # `check` found errors in a valid file
EXIT_BAD_INPUT = 2


def _global_options(parser: argparse.ArgumentParser, top: bool) -> None:
    """Options that work before or after a subcommand.

    On subcommands their default is SUPPRESS, so a value given before the subcommand is not
    overwritten by the subparser's default.
    """
    import argparse

    default: Any = None if top else argparse.SUPPRESS
    parser.add_argument("--questions", metavar="PATH", default=default,
                        help="the question bank (default: $PM_QUIZ_QUESTIONS, "
                             "./questions.yaml, then the built-in bank)")
    parser.add_argument("--lang", metavar="CODE", default=default,
                        help="language, e.g. de or en (default: $PM_QUIZ_LANG, the locale, "
                             "then the bank's first language)")
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help="where answers and results are kept (default: $PM_QUIZ_DATA_DIR, "
                             "then the user data directory)")


def _group_option(parser: argparse.ArgumentParser, top: bool) -> None:
    import argparse

    parser.add_argument("--group", metavar="NAME", default=None if top else argparse.SUPPRESS,
                        help="a group (a workshop, a class): the quiz tags its attempts, "
                             "history and stats keep to it (default: $PM_QUIZ_GROUP)")


def _stats_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--answers", action="append", metavar="FILE",
                   help="answers to report on (CSV, JSON Lines, YAML or JSON; repeatable); "
                        "default: the finished attempts in the store")
    _group_option(p, top=False)
    p.add_argument("--format", choices=("text", "md", "json", "html"),
                   help="output format (default: text, or the --output file's suffix)")
    p.add_argument("--output", metavar="FILE", help="write to FILE instead of the terminal")
    p.add_argument("--force", action="store_true", help="overwrite an existing --output file")


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="pm-quiz",
        description="Would product management suit you? A self-assessment in the terminal. "
                    "Without a command, the quiz starts.",
    )
    parser.add_argument("--version", action="version", version=f"pm-quiz {__version__}")
    _global_options(parser, top=True)
    parser.add_argument("--plain", action="store_true",
                        help="ask line by line instead of the full-screen app")
    _group_option(parser, top=True)
    decide = parser.add_mutually_exclusive_group()
    decide.add_argument("--resume", action="store_true",
                        help="carry on with an unfinished quiz without asking")
    decide.add_argument("--new", action="store_true",
                        help="start afresh without asking (the unfinished quiz is kept)")
    # one participant of `pm-quiz serve`: a new attempt, no other's, no comparison
    parser.add_argument("--served", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        _global_options(p, top=False)
        return p

    p = command("validate", "check a question bank and list every problem")
    p.add_argument("path", nargs="?", metavar="PATH", help="the bank to check")

    p = command("score", "score an answers file and print the result")
    p.add_argument("--answers", required=True, metavar="FILE",
                   help="YAML or JSON mapping of question id to a number or option id; "
                        "or many respondents: CSV (a form export) or JSON Lines")
    p.add_argument("--format", choices=("text", "md", "json", "html", "svg", "csv", "jsonl"),
                   help="output format (default: text, or the --output file's suffix); "
                        "many respondents: csv, jsonl, json, text or md")
    p.add_argument("--output", metavar="FILE", help="write to FILE instead of the terminal")
    p.add_argument("--force", action="store_true", help="overwrite an existing --output file")

    p = command("check", "a quality report for quiz authors: coverage, reachable profiles, "
                         "simulated respondents")
    p.add_argument("path", nargs="?", metavar="PATH", help="the bank to check")
    p.add_argument("--respondents", type=int, default=1000, metavar="N",
                   help="simulated respondents of each kind (default: 1000)")
    p.add_argument("--seed", type=int, default=0, help="seed of the simulation (default: 0)")
    p.add_argument("--witness", metavar="DIR",
                   help="write, per profile, answers that bring it first (PROFILE.yaml)")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = command("schema", "print the JSON Schema of questions.yaml (for editors)")
    p.add_argument("--markdown", action="store_true",
                   help="print the format reference as Markdown instead")

    p = command("history", "list finished quizzes, show one again, or clear them")
    p.add_argument("show", nargs="*", metavar="show ID | export",
                   help="show the result of the attempt with this ID; export: write the "
                        "answers (of --group) to --output FILE.csv or .jsonl")
    _group_option(p, top=False)
    p.add_argument("--clear", action="store_true", help="remove all finished attempts")
    p.add_argument("--yes", action="store_true", help="do not ask before --clear")
    p.add_argument("--format", choices=("text", "md", "json", "html", "svg"),
                   help="output format of show (default: text, or the --output suffix)")
    p.add_argument("--output", metavar="FILE", help="write the shown result to FILE")
    p.add_argument("--force", action="store_true", help="overwrite an existing --output file")

    _stats_arguments(command("stats", "a group report: who comes first, score distributions "
                                      "and an item analysis of the bank's statements"))
    p = command("serve", "the quiz in the browser for a room of participants "
                         "(needs pm-quiz[serve])")
    p.add_argument("--host", default="localhost",
                   help="address to listen on (default: localhost, this computer only; "
                        "0.0.0.0: every address)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    _group_option(p, top=False)  # for serve, without a group: today's date

    p = command("init", "write a copy of the default bank to customise")
    p.add_argument("dir", nargs="?", default=".", metavar="DIR",
                   help="where to write questions.yaml (default: here)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing questions.yaml (kept as a .bak copy)")
    return parser


def _problems(exc: InputError) -> int:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    return EXIT_BAD_INPUT


def _bank_path(args: argparse.Namespace, positional: str | None = None) -> str:
    from pm_quiz.bank.locate import find_bank

    return find_bank(positional or getattr(args, "questions", None))


def _load(args: argparse.Namespace, positional: str | None = None,
          cache: Path | None = None) -> Bank:
    """The bank, parsed and checked; with ``cache``, from the cache of unchanged banks."""
    if cache is not None:
        from pm_quiz.bank.cache import load_bank_cached

        bank = load_bank_cached(_bank_path(args, positional), cache)
    else:
        from pm_quiz.bank.loader import load_bank

        bank = load_bank(_bank_path(args, positional))
    for warning in bank.warnings:
        print(warning, file=sys.stderr)
    return bank


def _language(args: argparse.Namespace, bank: Bank) -> str:
    from pm_quiz.i18n import choose_language
    from pm_quiz.parsing.problems import InputError, Problem, one_of

    requested = getattr(args, "lang", None)
    if requested and bank.languages and requested not in bank.languages:
        raise InputError([Problem("--lang", 0, 0, f"the bank {bank.path} has no language "
                                  f"'{requested}'", one_of(bank.languages))])
    return choose_language(bank.languages, requested)


def cmd_validate(args: argparse.Namespace) -> int:
    bank = _load(args, args.path)
    likert = sum(1 for q in bank.questions if q.type == "likert")
    langs = ", ".join(bank.languages) or "one language"
    print(f"{bank.path}: valid: {len(bank.questions)} questions ({likert} likert, "
          f"{len(bank.questions) - likert} choice), {len(bank.dimensions)} dimensions, "
          f"{len(bank.profiles)} profiles; languages: {langs}")
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


def _print_problem(problem: Any) -> None:
    print(problem, file=sys.stderr)


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
        print(f"wrote {count} result(s) to {args.output}", file=sys.stderr)
    else:
        write_batch(sys.stdout, fmt, bank, lang, items)
    if respondents.rejected:
        print(f"{args.answers}: {respondents.rejected} row(s) with problems were not scored",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _group(args: argparse.Namespace) -> str | None:
    """``--group``, else ``$PM_QUIZ_GROUP``, checked; ``None`` for no group."""
    import os

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
        raise InputError([Problem(where, 0, 0, str(exc), "1 to 100 characters, no control "
                                  "characters")]) from None


def _open_store(args: argparse.Namespace) -> Any:
    """The store, or ``None`` when there is none yet."""
    from pm_quiz.parsing.problems import InputError, Problem
    from pm_quiz.store.database import FILE_NAME, Store, StoreError

    directory = _data_dir(args)
    if not (directory / FILE_NAME).exists():
        return None
    try:
        store = Store.open(directory)
    except StoreError as exc:
        raise InputError([Problem(str(directory / FILE_NAME), 0, 0, str(exc),
                                  "a pm-quiz data file")]) from None
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
        from pm_quiz.store.database import StoreError
        from pm_quiz.store.groups import StoredRespondents

        store = _open_store(args)
        try:
            stored = StoredRespondents(store, bank, group) if store is not None else None
            stats = collect(bank, lang, stored or [])
            elsewhere = stored.elsewhere() if stored is not None else 0
        except StoreError as exc:
            from pm_quiz.parsing.problems import InputError, Problem

            raise InputError([Problem(str(_data_dir(args)), 0, 0, str(exc),
                                      "a readable pm-quiz data file")]) from None
        finally:
            if store is not None:
                store.close()
        _stored_notices(elsewhere, stored.dropped if stored is not None else 0)
    data = stats_data(stats, lang)
    data["source"] = {"group": group, "answers": list(args.answers or [])}
    _emit_stats(args, data)
    return EXIT_BAD_INPUT if rejected else EXIT_OK


def _emit_stats(args: argparse.Namespace, data: dict[str, Any]) -> None:
    from pathlib import Path

    from pm_quiz.report.export import write_file
    from pm_quiz.report.stats import StatsView, render_stats, stats_format

    output = Path(args.output) if args.output else None
    fmt = stats_format(args.format, output)
    if output is not None:
        write_file(output, render_stats(data, fmt), force=args.force)
        print(f"wrote {output}", file=sys.stderr)
    elif fmt == "text":
        from rich.console import Console

        Console().print(StatsView(data))
    else:
        sys.stdout.write(render_stats(data, fmt))


def _stored_notices(elsewhere: int, dropped: int) -> None:
    if elsewhere:
        print(f"pm-quiz: {elsewhere} finished attempt(s) taken with another bank are left "
              "out (--questions chooses the bank)", file=sys.stderr)
    if dropped:
        print(f"pm-quiz: {dropped} stored answer(s) no longer fit the bank and are left out",
              file=sys.stderr)


def _history_export(args: argparse.Namespace) -> int:
    """``history export``: a group's answers in the batch format, for ``stats --answers``."""
    from pathlib import Path

    from pm_quiz.parsing.problems import InputError, Problem
    from pm_quiz.quiz.batch import write_answers
    from pm_quiz.report.export import Writing
    from pm_quiz.store.groups import StoredRespondents

    if len(args.show) != 1 or not args.output:
        raise InputError([Problem("history", 0, 0, f"unexpected '{' '.join(args.show)}'"
                                  if len(args.show) != 1 else "export needs --output",
                                  "history export [--group NAME] --output FILE.csv|.jsonl")])
    output = Path(args.output)
    fmt = {".csv": "csv", ".jsonl": "jsonl"}.get(output.suffix.lower())
    if fmt is None:
        raise InputError([Problem(str(output), 0, 0, f"unknown file type '{output.suffix}'",
                                  "a file ending in .csv or .jsonl")])
    from pm_quiz.store.database import StoreError

    bank = _load(args)
    group = _group(args)
    store = _open_store(args)
    try:
        stored: Any = StoredRespondents(store, bank, group) if store is not None else []
        with Writing(output, args.force) as handle:
            count = write_answers(handle, fmt, bank, stored)
        if store is not None:
            _stored_notices(stored.elsewhere(), stored.dropped)
    except StoreError as exc:
        raise InputError([Problem(str(_data_dir(args)), 0, 0, str(exc),
                                  "a readable pm-quiz data file")]) from None
    finally:
        if store is not None:
            store.close()
    print(f"wrote {count} attempt(s) to {output}", file=sys.stderr)
    return EXIT_OK


def _emit(args: argparse.Namespace, data: ResultData) -> None:
    """Print a result, or write it to ``--output`` in the format of ``--format`` or its
    suffix."""
    from pathlib import Path

    from pm_quiz.report.export import format_for, render, write_file

    output = Path(args.output) if args.output else None
    fmt = args.format or (format_for(output) if output else "text")
    if output is not None:
        write_file(output, render(data, fmt), force=args.force)
        print(f"wrote {output}", file=sys.stderr)
    elif fmt == "text":
        from rich.console import Console

        from pm_quiz.report.summary import Summary

        Console().print(Summary(data))
    else:
        sys.stdout.write(render(data, fmt))


def _data_dir(args: argparse.Namespace) -> Path:
    from pathlib import Path

    from pm_quiz.store.database import default_data_dir

    given = getattr(args, "data_dir", None)
    return Path(given) if given else default_data_dir()


def cmd_history(args: argparse.Namespace) -> int:
    from pm_quiz.parsing.problems import InputError, Problem
    from pm_quiz.store.database import FILE_NAME, Store, StoreError

    if args.show[:1] == ["export"]:
        return _history_export(args)
    group = _group(args)

    directory = _data_dir(args)
    if not (directory / FILE_NAME).exists():
        attempts = []
        store = None
    else:
        try:
            store = Store.open(directory)
        except StoreError as exc:
            raise InputError([Problem(str(directory / FILE_NAME), 0, 0, str(exc),
                                      "a pm-quiz data file")]) from None
        for notice in store.notices:
            print(f"pm-quiz: {notice}", file=sys.stderr)
        attempts = store.finished_in_group(group) if group else store.finished()
    try:
        if args.clear:
            return _clear_history(args, store, len(attempts))
        if args.show:
            if args.show[0] != "show" or len(args.show) != 2 or not args.show[1].isdigit():
                raise InputError([Problem("history", 0, 0, f"unexpected "
                                          f"'{' '.join(args.show)}'", "history show ID")])
            wanted = int(args.show[1])
            found = next((a for a in attempts if a.id == wanted and a.result), None)
            if found is None or found.result is None:
                ids = ", ".join(str(a.id) for a in attempts) or "none yet"
                raise InputError([Problem("history", 0, 0, f"no finished attempt {wanted}",
                                          f"an ID from pm-quiz history: {ids}")])
            from pm_quiz.report.data import upgrade

            _emit(args, upgrade(found.result))
            return EXIT_OK
        if not attempts:
            print(f"No finished quizzes yet (kept in {directory}).")
            return EXIT_OK
        print(_history_table(attempts))
        return EXIT_OK
    finally:
        if store is not None:
            store.close()


def _history_table(attempts: Sequence[Any]) -> str:
    from datetime import datetime

    rows = [("ID", "finished", "quiz", "best profile", "match")]
    for a in attempts:
        result = a.result or {}
        best = next((p for p in result.get("profiles", []) if p["id"] == result.get("best")),
                    None)
        when = datetime.fromisoformat(a.finished_at).astimezone().strftime("%Y-%m-%d %H:%M")
        rows.append((str(a.id), when, _cut(a.bank_title, 34), _cut(best["name"], 26)
                     if best else "–", f"{best['match']:.1f}" if best else "–"))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    for row in rows:
        cells = [row[0].rjust(widths[0]), *(c.ljust(w) for c, w in zip(row[1:4], widths[1:4],
                                                                      strict=True)),
                 row[4].rjust(widths[4])]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _clear_history(args: argparse.Namespace, store: Any, count: int) -> int:
    from pm_quiz.parsing.problems import InputError, Problem

    if count == 0 or store is None:
        print("No finished quizzes to remove.")
        return EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError([Problem("history --clear", 0, 0, "needs a confirmation",
                                      "a terminal to answer in, or --yes")])
        reply = input(f"Remove {count} finished quiz(zes) from {store.path}? [y/N] ")
        if reply.strip().lower() not in ("y", "yes", "j", "ja"):
            print("Nothing removed.")
            return EXIT_OK
    removed = store.clear_history()
    print(f"Removed {removed} finished quiz(zes); unfinished ones are kept.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pm_quiz.parsing.problems import InputError, Problem
    from pm_quiz.quiz.analysis import check_bank

    if args.respondents < 0:
        raise InputError([Problem("--respondents", 0, 0, f"{args.respondents} is negative",
                                  "a whole number of at least 0")])
    bank = _load(args, args.path)
    lang = _language(args, bank)
    report = check_bank(bank, args.respondents, args.seed)
    if args.witness:
        _write_witnesses(Path(args.witness), report)
    if args.format == "json":
        import json

        from pm_quiz.report.check import check_data

        print(json.dumps(check_data(report, lang), ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        from pm_quiz.report.check import CheckView

        Console().print(CheckView(report, lang))
    return EXIT_ERRORS if report.errors else EXIT_OK


def _write_witnesses(directory: Path, report: Any) -> None:
    from pm_quiz.parsing.problems import InputError, Problem
    from pm_quiz.quiz.answers import format_answers
    from pm_quiz.report.export import write_file

    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError([Problem(str(directory), 0, 0, f"cannot create the directory: "
                                  f"{exc.strerror or exc}", "a writable location")]) from None
    for reach in report.profiles:
        if reach.witness is None:
            continue
        target = directory / f"{reach.id}.yaml"
        write_file(target, format_answers(reach.witness.answers, [
            f"Answers for which '{reach.id}' comes first (by {reach.witness.margin:.1f} "
            "points).", f"pm-quiz score --answers {target}"]), force=True)
    print(f"wrote witnesses to {directory}", file=sys.stderr)


def cmd_schema(args: argparse.Namespace) -> int:
    from pm_quiz.bank.definition import json_schema_text, reference_markdown

    sys.stdout.write(reference_markdown() if args.markdown else json_schema_text())
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pm_quiz.bank.locate import FILE_NAME, default_bank_path
    from pm_quiz.parsing.problems import InputError, Problem
    from pm_quiz.report.export import write_file

    directory = Path(args.dir)
    if directory.exists() and not directory.is_dir():
        raise InputError([Problem(str(directory), 0, 0, "this is a file", "a directory")])
    target = directory / FILE_NAME
    if target.exists() and args.force:
        backup = _free_name(target.with_name(FILE_NAME + ".bak"))
        target.replace(backup)
        print(f"kept the old {target} as {backup}", file=sys.stderr)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError([Problem(str(directory), 0, 0, f"cannot create the directory: "
                                  f"{exc.strerror or exc}", "a writable location")]) from None
    if target.exists():
        raise InputError([Problem(str(target), 0, 0, "the file exists already",
                                  "--force to replace it (the old file is kept as .bak)")])
    from pm_quiz.bank.definition import json_schema_text
    from pm_quiz.bank.locate import SCHEMA_NAME, with_modeline

    text = Path(default_bank_path()).read_text(encoding="utf-8")
    write_file(target, with_modeline(text, f"./{SCHEMA_NAME}"))
    write_file(directory / SCHEMA_NAME, json_schema_text(), force=True)
    print(f"wrote {target} and {SCHEMA_NAME} beside it (editors with the YAML language server "
          f"use it); edit, then: pm-quiz check {target}")
    return EXIT_OK


def _free_name(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.{n}")
    return candidate


def _served() -> bool:
    """Run by a web server (textual-serve sets Textual's web driver): the app talks over
    pipes, which are no terminal, and each run is another person."""
    import os

    return os.environ.get("TEXTUAL_DRIVER", "").endswith("web_driver:WebDriver")


def cmd_quiz(args: argparse.Namespace) -> int:
    from pm_quiz.store.keeper import Keeper

    served = args.served or _served()
    data_dir = _data_dir(args)
    bank = _load(args, cache=data_dir / "cache")
    lang = _language(args, bank)
    keeper = Keeper.open(bank, lang, data_dir, group=_group(args), shared=served)
    resume = False if served else True if args.resume else False if args.new else None
    try:
        terminal = sys.stdin.isatty() and sys.stdout.isatty()
        if args.plain or not (terminal or served):
            from pm_quiz.plain import run_plain

            return run_plain(keeper, resume, notice=not args.plain)
        from pm_quiz.tui.app import run_app

        return int(run_app(keeper, resume, served=served,
                           lang_given=bool(getattr(args, "lang", None))))
    finally:
        keeper.close()


def cmd_serve(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pm_quiz import serve
    from pm_quiz.parsing.problems import InputError, Problem
    from pm_quiz.store.database import StoreError

    if not serve.available():
        print(serve.MISSING, file=sys.stderr)
        return EXIT_BAD_INPUT
    if not 0 < args.port < 65536:
        raise InputError([Problem("--port", 0, 0, f"{args.port} is not a port",
                                  "a number from 1 to 65535")])
    data_dir = _data_dir(args).resolve()
    bank = _load(args, cache=data_dir / "cache")
    lang = _language(args, bank)
    options = serve.ServeOptions(
        bank=str(Path(bank.path).resolve()), title=bank.title.get(lang), lang=lang,
        data_dir=data_dir, group=_group(args) or serve.default_group(),
        host=args.host, port=args.port)
    try:
        return serve.run(options)
    except StoreError as exc:
        raise InputError([Problem(str(data_dir), 0, 0, str(exc),
                                  "a writable --data-dir")]) from None
    except OSError as exc:  # the address is taken or not this computer's
        raise InputError([Problem(f"--host {args.host} --port {args.port}", 0, 0,
                                  f"cannot listen there: {exc.strerror or exc}",
                                  "a free port (--port) on an address of this computer")]
                         ) from None


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


def main(argv: Sequence[str] | None = None) -> int:
    if "--version" in (sys.argv[1:] if argv is None else argv):
        print(f"pm-quiz {__version__}")  # the fast path: no argparse, no Rich, no Textual
        return EXIT_OK
    args = build_parser().parse_args(argv)
    from pm_quiz.parsing.problems import InputError

    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        return _problems(exc)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `pm-quiz score ... | head`): not an error of ours
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
