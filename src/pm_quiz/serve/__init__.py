"""``pm-quiz serve``: the full-screen quiz in the browsers of a room, through textual-serve.

Every browser tab gets its own app process (``pm-quiz --served``), talking to the page over
a websocket; no shell is exposed. The processes write to the coach's store, each attempt
tagged with the group. The coach's terminal shows how many are connected and how many have
finished, as counts. textual-serve is an optional extra (``pip install 'pm-quiz[serve]'``):
this package imports it (in :mod:`pm_quiz.serve.server`) only when the server starts.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pm_quiz.i18n import message_language, t

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
#: How often the coach's line (connected, finished) is brought up to date, in seconds.
STATUS_INTERVAL = 0.5
TEMPLATES = Path(__file__).parent.parent / "data" / "serve"
#: The catalogue key of what is said when textual-serve is not installed.
MISSING = "msg_serve_missing"


@dataclass(frozen=True, slots=True)
class ServeOptions:
    bank: str  # the bank's resolved path: every participant gets the same file
    title: str
    lang: str
    data_dir: Path
    group: str
    host: str = "localhost"
    port: int = 8000


def default_group(today: date | None = None) -> str:
    """Without ``--group``, a workshop's attempts are grouped by the day."""
    return (today or date.today()).isoformat()


def is_local(host: str) -> bool:
    return host in LOCAL_HOSTS


def available() -> bool:
    """textual-serve and what it needs (aiohttp, Jinja2) can be imported."""
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        return False
    return True


def app_command(options: ServeOptions, python: str = sys.executable) -> str:
    """The command textual-serve runs (through a shell) for each browser tab; ``exec``: the
    shell becomes the app, so the server's signals and waits reach the app itself."""
    return "exec " + shlex.join([
        python, "-m", "pm_quiz", "--served", "--group", options.group,
        "--questions", options.bank, "--lang", options.lang,
        "--data-dir", str(options.data_dir),
    ])


def urls(host: str, port: int) -> list[str]:
    """Where participants open the quiz. A wildcard address is shown as this computer's
    addresses, as far as they can be found without asking the network."""
    if host not in ("0.0.0.0", "::", ""):
        shown = f"[{host}]" if ":" in host else host
        return [f"http://{shown}:{port}/"]
    import contextlib
    import socket

    found: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    addresses = [str(info[4][0]) for info in infos]
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.connect(("192.0.2.1", 9))  # picks the outgoing interface; sends nothing
        addresses.append(str(udp.getsockname()[0]))
    for address in addresses:
        if not address.startswith("127.") and address not in found:
            found.append(address)
    return [f"http://{a}:{port}/" for a in found] or [f"http://<this computer's address>:{port}/"]


def banner(options: ServeOptions, store_path: Path) -> list[str]:
    """What the coach reads when the server starts (in the message language)."""
    lang = message_language()
    lines = [f"pm-quiz serve: {options.title}",
             t(lang, "serve_group", group=options.group, path=store_path)]
    if is_local(options.host):
        lines.append(t(lang, "serve_local", port=options.port))
    else:
        lines += [t(lang, "serve_share", url=url) for url in urls(options.host, options.port)]
        lines.append(t(lang, "serve_anyone"))
    lines.append(t(lang, "serve_stops"))
    return lines


def status_line(connected: int, finished: int, when: datetime | None = None) -> str:
    stamp = (when or datetime.now()).strftime("%H:%M:%S")
    return t(message_language(), "serve_status", stamp=stamp, connected=connected,
             finished=finished)


def run(options: ServeOptions) -> int:
    """Serve until Ctrl+C; returns the exit code."""
    from pm_quiz.serve.server import QuizServer
    from pm_quiz.store.database import Store, now

    store = Store.open(options.data_dir)  # StoreError: the caller says why, nothing starts
    try:
        for line in banner(options, store.path):
            print(line, flush=True)
        server = QuizServer(options, store, now())
        server.run()
        print(t(message_language(), "serve_stopped", n=server.finished, group=options.group,
                path=store.path), flush=True)
    finally:
        store.close()
    return 0
