"""Where the bank comes from: ``--questions``, ``$PM_QUIZ_QUESTIONS``, ``./questions.yaml``,
then the default bank shipped in the package.

Paths here are strings, as in :mod:`pm_quiz.i18n`: ``pm-quiz validate`` runs without
``pathlib``, whose import (with ``urllib.parse`` and ``ipaddress``) cost it about 3 ms of a
60 ms start, and about 6 ms with the interpreter's exit.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from pm_quiz.i18n import say

#: What a bank is called in messages about a file that cannot be read.
WHAT = say("exp_bank_file")
ENV_VAR = "PM_QUIZ_QUESTIONS"
FILE_NAME = "questions.yaml"
SCHEMA_NAME = "questions.schema.json"
#: The first line of a bank: editors with the YAML language server find the schema by it.
MODELINE = "# yaml-language-server: $schema="


_PACKAGE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def with_modeline(text: str, schema: str) -> str:
    """``text`` starting with the modeline pointing at ``schema`` (replacing one it has)."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith(MODELINE):
        lines = lines[1:]
    return f"{MODELINE}{schema}\n" + "".join(lines)


def default_bank_path() -> str:
    """The packaged default bank (in a source checkout: the repository's ``questions.yaml``)."""
    packaged = os.path.join(_PACKAGE, "data", FILE_NAME)
    if os.path.isfile(packaged):
        return packaged
    # An editable install or a source checkout: the repository root holds the one copy.
    return os.path.join(os.path.dirname(os.path.dirname(_PACKAGE)), FILE_NAME)


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
    local = FILE_NAME if cwd is None else os.path.join(cwd, FILE_NAME)
    if os.path.isfile(local):
        return local
    return default_bank_path()
