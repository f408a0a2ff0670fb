"""``pm-quiz serve`` without a browser: its options, messages and the command it serves."""

from __future__ import annotations

import shlex
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

from pm_quiz import serve
from pm_quiz.cli import _served, build_parser

from helpers import CORPUS, Run

OPTIONS = serve.ServeOptions(bank="/srv/my banks/q's.yaml", title="Quiz", lang="de",
                             data_dir=Path("/data dir"), group="Workshop; rm -rf /")


def test_each_tab_runs_the_quiz_as_a_participant_of_the_group() -> None:
    words = shlex.split(serve.app_command(OPTIONS, python="/venv/bin/python"))
    assert words[:5] == ["exec", "/venv/bin/python", "-m", "pm_quiz", "--served"]
    args = build_parser().parse_args(words[4:])
    assert args.served and args.command is None
    assert (args.group, args.questions, args.lang, args.data_dir) == (
        "Workshop; rm -rf /", "/srv/my banks/q's.yaml", "de", "/data dir")


def test_the_group_defaults_to_the_day() -> None:
    assert serve.default_group(date(2026, 3, 9)) == "2026-03-09"
    assert serve.default_group() == date.today().isoformat()


def test_localhost_by_default_and_a_warning_for_any_other_address() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("localhost", 8000)
    local = "\n".join(serve.banner(OPTIONS, Path("/data dir/pm-quiz.sqlite3")))
    assert "http://localhost:8000/" in local and "Anyone" not in local
    shared = serve.ServeOptions(**{**{f: getattr(OPTIONS, f) for f in OPTIONS.__slots__},
                                   "host": "192.0.2.7", "port": 9000})
    lines = serve.banner(shared, Path("/data dir/pm-quiz.sqlite3"))
    assert "  share: http://192.0.2.7:9000/" in lines
    assert sum("Anyone who can reach this address can take the quiz, and nothing else" in line
               for line in lines) == 1
    assert all(url.startswith("http://") and url.endswith(":9000/")
               for url in serve.urls("0.0.0.0", 9000))


def test_the_coach_sees_counts_only() -> None:
    from datetime import datetime

    assert serve.status_line(3, 1, datetime(2026, 1, 1, 9, 5, 7)) == (
        "09:05:07  connected: 3  finished: 1")


def test_served_when_textual_serve_runs_the_app(monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert not _served()
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert _served()


def test_without_textual_serve_a_message_says_how_to_get_it(tmp_path: Path) -> None:
    code = ("import sys\n"
            "class Hide:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] == 'textual_serve':\n"
            "            raise ModuleNotFoundError(name)\n"
            "sys.meta_path.insert(0, Hide())\n"
            "from pm_quiz.cli import main\n"
            "sys.exit(main(['serve', '--data-dir', sys.argv[1]]))\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "pip install 'pm-quiz[serve]'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "data").exists()


def test_bad_options_and_banks_stop_before_serving(run: Run) -> None:
    done = run("serve", "--port", "0")
    assert done.returncode == 2 and "--port" in done.stderr and "1 to 65535" in done.stderr
    done = run("serve", "--questions", str(CORPUS / "bad" / "duplicate_key.yaml"))
    assert done.returncode == 2 and "duplicate_key.yaml" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_port_in_use_is_a_clear_message(run: Run) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run("serve", "--port", str(port), "--lang", "en")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "cannot listen there" in done.stderr and "Traceback" not in done.stderr


def test_the_page_points_where_the_browser_came_from() -> None:
    from aiohttp.test_utils import make_mocked_request

    from pm_quiz.serve.server import page

    direct = page(make_mocked_request("GET", "/", headers={"Host": "10.0.0.5:8000"}), "Quiz")
    assert direct["app_websocket_url"] == "ws://10.0.0.5:8000/ws"
    assert direct["config"]["static"]["url"] == "http://10.0.0.5:8000/static/"
    proxied = page(make_mocked_request("GET", "/?fontsize=20", headers={
        "Host": "quiz.example.org", "X-Forwarded-Proto": "https"}), "Quiz")
    assert proxied["app_websocket_url"] == "wss://quiz.example.org/ws"
    assert proxied["font_size"] == 20 and proxied["application"]["name"] == "Quiz"


def test_the_page_asks_no_other_host() -> None:
    import re

    text = (serve.TEMPLATES / "app_index.html").read_text(encoding="utf-8")
    loaded = re.findall(r'(?:src|href)="([^"]*)"|url\("([^"]*)"\)', text)
    addresses = [a or b for a, b in loaded]
    assert len(addresses) >= 3
    assert all(a.startswith("{{ config.static.url }}") for a in addresses), addresses


def test_ctrl_c_stops_cleanly_and_keeps_every_answer(tmp_path: Path) -> None:
    """A participant (a websocket client speaking the page's protocol) answers three
    questions; Ctrl+C on the server ends everything, and the three answers are stored."""
    import asyncio
    import os
    import signal
    import sqlite3

    import aiohttp

    from helpers import pm_quiz_command

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PM_QUIZ_")}
    server = subprocess.Popen([*pm_quiz_command(), "serve", "--port", str(port), "--lang",
                               "en", "--group", "g", "--data-dir", str(tmp_path / "data")],
                              cwd=tmp_path, env=environ, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    assert server.stdout is not None
    lines = [server.stdout.readline() for _ in range(5)]
    assert "connected: 0" in lines[-1], lines

    async def participant() -> None:
        async with aiohttp.ClientSession() as session, session.ws_connect(
                f"ws://localhost:{port}/ws?width=100&height=30") as ws:
            seen = b""
            while b"Start the quiz" not in seen:
                seen += (await ws.receive(timeout=30)).data
            for key in ("\r", "5", "4", "1"):
                await ws.send_json(["stdin", key])
                await asyncio.sleep(0.4)
            server.send_signal(signal.SIGINT)
            async for _message in ws:  # until the server closes the connection
                pass

    try:
        asyncio.run(asyncio.wait_for(participant(), 60))
        rest, _ = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode == 0, rest
    assert "stopped: 0 finished in group g" in rest and "Traceback" not in rest
    db = sqlite3.connect(tmp_path / "data" / "pm-quiz.sqlite3")
    try:
        rows = db.execute("SELECT a.group_name, count(*) FROM attempts a JOIN answers n ON "
                          "n.attempt_id = a.id GROUP BY a.id").fetchall()
    finally:
        db.close()
    assert rows == [("g", 3)]
