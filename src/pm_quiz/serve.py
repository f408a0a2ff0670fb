"""``pm-quiz serve``: the full-screen quiz in the browsers of a room, through textual-serve.

Every browser tab gets its own app process (``pm-quiz --served``), talking to the page over
a websocket; no shell is exposed. The processes write to the coach's store, each attempt
tagged with the group. The coach's terminal shows how many are connected and how many have
finished, as counts. textual-serve is an optional extra (``pip install 'pm-quiz[serve]'``):
this module imports it only when the server starts.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
#: How often the coach's line (connected, finished) is brought up to date, in seconds.
STATUS_INTERVAL = 0.5
TEMPLATES = Path(__file__).parent / "data" / "serve"
MISSING = ("pm-quiz serve needs textual-serve, an optional part of pm-quiz; install it with: "
           "pip install 'pm-quiz[serve]'")


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
    """The command textual-serve runs (through a shell) for each browser tab."""
    return shlex.join([
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
    import socket

    found: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for info in infos:
        address = str(info[4][0])
        if not address.startswith("127.") and address not in found:
            found.append(address)
    return [f"http://{a}:{port}/" for a in found] or [f"http://<this computer's address>:{port}/"]


def banner(options: ServeOptions, store_path: Path) -> list[str]:
    """What the coach reads when the server starts."""
    lines = [f"pm-quiz serve: {options.title}", f"  group: {options.group} · answers are "
             f"kept in {store_path}"]
    if is_local(options.host):
        lines.append(f"  open http://localhost:{options.port}/ in a browser on this computer "
                     "(--host makes it reachable from others)")
    else:
        lines += [f"  share: {url}" for url in urls(options.host, options.port)]
        lines.append("  Anyone who can reach this address can take the quiz, and nothing "
                     "else: no files, no history, no other banks.")
    lines.append("  Ctrl+C stops; every answer given so far is saved.")
    return lines


def status_line(connected: int, finished: int, when: datetime | None = None) -> str:
    stamp = (when or datetime.now()).strftime("%H:%M:%S")
    return f"{stamp}  connected: {connected}  finished: {finished}"


def run(options: ServeOptions) -> int:
    """Serve until Ctrl+C; returns the exit code."""
    from pm_quiz.store.database import Store, now

    store = Store.open(options.data_dir)  # StoreError: the caller says why, nothing starts
    try:
        for line in banner(options, store.path):
            print(line, flush=True)
        server = _make_server(options, store, now())
        server.run()
        print(f"stopped: {server.finished} finished in group {options.group} while serving; "
              f"every answer given is in {store.path}", flush=True)
    finally:
        store.close()
    return 0


def _make_server(options: ServeOptions, store: Any, since: str) -> Any:
    """textual-serve's server with a page of our own, the coach's live counts, and a clean
    stop; built here so that importing this module does not need textual-serve."""
    import asyncio
    import contextlib
    import logging
    import signal

    import aiohttp_jinja2
    from aiohttp import web
    from aiohttp.web_runner import GracefulExit
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    from pm_quiz.store.database import StoreError

    class QuizServer(Server):
        def __init__(self) -> None:
            super().__init__(app_command(options), host=options.host, port=options.port,
                             title=options.title, templates_path=TEMPLATES)
            self.connected = 0
            self.finished = 0
            self.services: set[Any] = set()
            self.sockets: set[web.WebSocketResponse] = set()
            self._shown: tuple[int, int] | None = None

        def run(self) -> None:
            self.initialize_logging()
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
            loop = asyncio.new_event_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, self.request_exit)
            web.run_app(self._make_app(), host=options.host, port=options.port,
                        handle_signals=False, loop=loop, print=None, access_log=None)

        def request_exit(self) -> None:
            raise GracefulExit()

        async def on_startup(self, app: web.Application) -> None:
            app["status"] = asyncio.create_task(self._status())

        async def on_shutdown(self, app: web.Application) -> None:
            app["status"].cancel()
            for websocket in list(self.sockets):
                await websocket.close()
            services = list(self.services)
            await asyncio.gather(*(service.stop() for service in services),
                                 return_exceptions=True)
            await asyncio.gather(*(_ended(service) for service in services),
                                 return_exceptions=True)
            self._show()

        async def _status(self) -> None:
            while True:
                self._show()
                await asyncio.sleep(STATUS_INTERVAL)

        def _show(self) -> None:
            with contextlib.suppress(StoreError):  # busy: the count waits for the next look
                self.finished = store.count_finished(options.group, since)
            current = (self.connected, self.finished)
            if current != self._shown:
                self._shown = current
                print(status_line(*current), flush=True)

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            return aiohttp_jinja2.render_template("app_index.html", request,
                                                  _page(request, options.title))

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            websocket = web.WebSocketResponse(heartbeat=15)
            width = _int(request.query.get("width"), 80)
            height = _int(request.query.get("height"), 24)
            await websocket.prepare(request)

            async def close() -> None:
                await websocket.close()

            service = AppService(self.command, write_bytes=websocket.send_bytes,
                                 write_str=websocket.send_str, close=close,
                                 download_manager=self.download_manager, debug=False)
            self.sockets.add(websocket)
            self.services.add(service)
            self.connected += 1
            try:
                await service.start(width, height)
                await self._process_messages(websocket, service)
            except asyncio.CancelledError:
                await websocket.close()
            finally:
                self.connected -= 1
                self.sockets.discard(websocket)
                self.services.discard(service)
                await service.stop()
                await _ended(service)
            return websocket

    return QuizServer()


async def _ended(service: Any) -> None:
    """Wait until the participant's app process has ended (its last answer committed)."""
    process = getattr(service, "_process", None)  # textual-serve keeps it to itself
    if process is not None:
        await process.wait()


def _int(text: str | None, default: int) -> int:
    try:
        return int(text or "")
    except ValueError:
        return default


def _page(request: Any, title: str) -> dict[str, Any]:
    """The page's settings, with addresses as the browser reached this server (so it works
    on every address of a wildcard host and behind a reverse proxy)."""
    scheme = request.headers.get("X-Forwarded-Proto", request.scheme)
    origin = f"{scheme}://{request.host}"
    socket_scheme = "wss" if scheme == "https" else "ws"
    return {
        "font_size": _int(request.query.get("fontsize"), 16),
        "app_websocket_url": f"{socket_scheme}://{request.host}/ws",
        "config": {"static": {"url": f"{origin}/static/"}},
        "application": {"name": title},
    }
