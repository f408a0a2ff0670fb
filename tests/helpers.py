"""Helpers shared by the test packages (the fixtures are in the conftest files)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
CORPUS = TESTS / "corpus"
ROOT = TESTS.parent

Run = Callable[..., subprocess.CompletedProcess[str]]


def pm_quiz_command() -> list[str]:
    """The installed console script (next to this Python, else on PATH)."""
    here = Path(sys.executable).parent / "pm-quiz"
    if here.exists():
        return [str(here)]
    found = shutil.which("pm-quiz")
    if found is None:
        pytest.fail("pm-quiz is not installed: run the README's set-up command")
    return [found]
