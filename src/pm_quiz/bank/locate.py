"""Where the bank comes from: ``--questions``, ``$PM_QUIZ_QUESTIONS``, ``./questions.yaml``,
then the default bank shipped in the package."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

#: What a bank is called in messages about a file that cannot be read.
WHAT = "a questions.yaml file"
ENV_VAR = "PM_QUIZ_QUESTIONS"
FILE_NAME = "questions.yaml"
SCHEMA_NAME = "questions.schema.json"
#: The first line of a bank: editors with the YAML language server find the schema by it.
MODELINE = "# yaml-language-server: $schema="


_PACKAGE = Path(__file__).resolve().parent.parent


def packaged_schema_path() -> Path:
    """The JSON Schema shipped in the package (generated; a test keeps it current)."""
    return _PACKAGE / "data" / SCHEMA_NAME


def with_modeline(text: str, schema: str) -> str:
    """``text`` starting with the modeline pointing at ``schema`` (replacing one it has)."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith(MODELINE):
        lines = lines[1:]
    return f"{MODELINE}{schema}\n" + "".join(lines)


def default_bank_path() -> Path:
    """The packaged default bank (in a source checkout: the repository's ``questions.yaml``)."""
    packaged = _PACKAGE / "data" / FILE_NAME
    if packaged.is_file():
        return packaged
    # An editable install or a source checkout: the repository root holds the one copy.
    return _PACKAGE.parent.parent / FILE_NAME


def find_bank(
    option: str | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: str | None = None,
) -> str:
    """The bank's path as the user gave it, or the one found."""
    env = os.environ if environ is None else environ
    if option:
        return option
    if env.get(ENV_VAR):
        return env[ENV_VAR]
    local = Path(cwd or "", FILE_NAME)
    if local.is_file():
        return str(local)
    return str(default_bank_path())
