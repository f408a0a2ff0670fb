"""The core never imports Textual; the cheap commands do not pay for Rich or Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pm_quiz

from helpers import ROOT

PACKAGE = Path(pm_quiz.__file__).parent


def core_modules() -> list[str]:
    names = [
        m.name for m in pkgutil.walk_packages([str(PACKAGE)], prefix="pm_quiz.")
        if not m.name.startswith("pm_quiz.tui") and m.name != "pm_quiz.__main__"
    ]
    assert "pm_quiz.quiz.scoring" in names and "pm_quiz.quiz.session" in names
    return names


def loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    )
    return set(out.stdout.split())


def test_core_modules_import_no_textual() -> None:
    modules = core_modules()
    loaded = loaded_after("\n".join(f"import {name}" for name in modules))
    assert set(modules) <= loaded
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


def test_the_layers_hold() -> None:
    """The import contracts in pyproject.toml: each layer imports only from those below it,
    and nothing outside ``tui/`` imports Textual (import-linter reads every import,
    also those inside functions)."""
    lint = Path(sys.executable).parent / "lint-imports"
    out = subprocess.run([str(lint)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "3 kept, 0 broken" in out.stdout


def test_version_is_answered_before_the_command_line_is_imported() -> None:
    """``pm-quiz --version`` (the console script, ``pm_quiz.__main__.main``) loads no module of
    its own but the package, and no argparse."""
    loaded = loaded_after(
        "import sys\n"
        "from pm_quiz.__main__ import main\n"
        "sys.argv = ['pm-quiz', '--version']\n"
        "assert main() == 0"
    )
    assert {m for m in loaded if m.startswith("pm_quiz")} == {"pm_quiz", "pm_quiz.__main__"}
    assert "argparse" not in loaded


def test_version_through_the_command_line_imports_neither_rich_nor_textual() -> None:
    loaded = loaded_after(
        "from pm_quiz.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit as exc:\n    assert exc.code == 0"
    )
    assert not {m for m in loaded if m.split(".")[0] in ("rich", "textual", "yaml")}


def test_validate_imports_no_rich_or_textual(tmp_path: Path) -> None:
    loaded = loaded_after(
        "from pm_quiz.cli import main\n"
        "assert main(['validate']) == 0"
    )
    assert "pm_quiz.bank.loader" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("rich", "textual")}


def test_the_collector_runs_again_once_started(tmp_path: Path) -> None:
    """Start-up pauses the cyclic garbage collector (``cli.started``): a command turns it
    back on once its bank is loaded, the plain quiz before its first question."""
    code = (
        "import gc, io, sys\n"
        "import pm_quiz.plain as plain\n"
        "from pm_quiz.cli import main\n"
        "asked = []\n"
        "ask = plain.PlainQuiz.ask\n"
        "plain.PlainQuiz.ask = lambda self: asked.append(gc.isenabled()) or ask(self)\n"
        "sys.stdin = io.StringIO('')\n"
        f"assert main(['--plain', '--lang', 'en', '--data-dir', {str(tmp_path)!r}]) == 0\n"
        "assert asked == [True], asked\n"
        "gc.disable()\n"
        "assert main(['validate']) == 0 and gc.isenabled()\n"
    )
    loaded_after(code)


def test_the_quiz_with_an_unchanged_bank_does_not_import_yaml(tmp_path: Path) -> None:
    """The second start answers the bank from the cache: no PyYAML, no parsing."""
    code = (
        "import io, sys\n"
        "sys.stdin = io.StringIO('')\n"
        "from pm_quiz.cli import main\n"
        f"assert main(['--plain', '--lang', 'en', '--data-dir', {str(tmp_path)!r}]) == 0"
    )
    loaded_after(code)  # the first start fills the cache
    loaded = loaded_after(code)
    assert "pm_quiz.bank.cache" in loaded
    assert not {m for m in loaded if m.split(".")[0] == "yaml"}


def test_no_function_is_longer_than_60_lines() -> None:
    """Small functions (ruff's C901 keeps their complexity at 12 or less)."""
    import ast

    long = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > 60:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} {lines}")
    assert long == []
