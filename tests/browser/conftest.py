"""Browser tests: ``pm-quiz serve`` driven in headless Chromium with Playwright.

Playwright's own browser download is not used: the system's Chromium is (Debian's
``chromium`` package, or ``$PM_QUIZ_CHROMIUM``). Without one the tests skip with one line
saying how to enable them; with ``CI=true`` a missing browser fails them instead.
Screenshots are kept in ``$PM_QUIZ_ARTIFACTS`` (default: the test's temporary directory).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import pm_quiz_command
from serve_driver import Served, free_port

ENABLE = ("browser tests need Chromium and Playwright: apt-get install chromium (or set "
          "PM_QUIZ_CHROMIUM to a Chromium binary) and pip install -e '.[test]'")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    given = os.environ.get("PM_QUIZ_CHROMIUM")
    if given:
        return given if Path(given).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: a missing browser is a failure)")
    pytest.skip(f"{reason}: {ENABLE}")


@pytest.fixture
def chromium() -> str:
    try:
        import playwright.async_api  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError as exc:
        unavailable(f"{exc.name} is not installed")
    path = chromium_path()
    if path is None:
        unavailable("no Chromium found")
    assert path is not None
    return path


@pytest.fixture
def artifacts(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """Where the screenshots go: ``$PM_QUIZ_ARTIFACTS/<test name>`` or the test's tmp dir."""
    base = os.environ.get("PM_QUIZ_ARTIFACTS")
    directory = Path(base) / request.node.name if base else tmp_path / "artifacts"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def served(chromium: str, tmp_path: Path) -> Iterator[Served]:
    """``pm-quiz serve`` on a free local port, group ``room-1``, the default bank."""
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PM_QUIZ_")}
    data_dir = tmp_path / "data"
    process = subprocess.Popen(
        [*pm_quiz_command(), "serve", "--port", str(port), "--group", "room-1",
         "--lang", "en", "--data-dir", str(data_dir)],
        cwd=tmp_path, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True)
    server = Served(f"http://localhost:{port}/", data_dir, "room-1", process)
    assert process.stdout is not None
    while True:  # the first status line: the server listens
        line = process.stdout.readline()
        if not line:
            pytest.fail("pm-quiz serve ended:\n" + "".join(server.output))
        server.output.append(line)
        if "connected: 0" in line:
            break
    yield server
    print(server.stop())  # the coach's terminal, shown when a test fails


@pytest.fixture
async def browser(chromium: str) -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=chromium,
                                                    args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            await launched.close()

