"""Shared fixtures: the corpus of banks and a runner for the installed ``pm-quiz``."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from helpers import CORPUS, Run, pm_quiz_command


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """Run the installed ``pm-quiz`` in a clean environment, from ``tmp_path`` by default."""

    def runner(*args: str, cwd: Path | None = None, input: str | None = None,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        environ = {k: v for k, v in os.environ.items()
                   if not k.startswith("PM_QUIZ_") and k not in ("LANG", "LC_ALL",
                                                                  "LC_MESSAGES", "LANGUAGE")}
        environ["PM_QUIZ_DATA_DIR"] = str(tmp_path / "data")
        environ.update(env or {})
        return subprocess.run(
            [*pm_quiz_command(), *args], cwd=cwd or tmp_path, input=input, text=True,
            capture_output=True, env=environ, timeout=60,
        )

    return runner


@pytest.fixture
def minimal_bank() -> Path:
    return CORPUS / "good" / "minimal.yaml"
