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
