"""textual-serve's server, made pm-quiz's: a page of our own, the coach's live counts, an
app process kept warm for the next participant, and a clean stop.

Needs the ``serve`` extra (textual-serve, aiohttp); imported only by :func:`pm_quiz.serve.run`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server

from pm_quiz.serve import STATUS_INTERVAL, TEMPLATES, ServeOptions, app_command, status_line
from pm_quiz.store.database import Store, StoreError

#: App processes started before anyone asks, so that a participant's page does not wait for
#: Python and Textual to start (see benchmarks/bench_serve.py).
WARM = 1
#: A cursor move to a row and column: the app is drawing its screen.
PAINT = re.compile(rb"\x1b\[\d+;\d+H")


class WarmService(AppService):
    """An app process that can be started before its participant connects: what it paints
    meanwhile is held, and sent when the participant's websocket is attached."""

    def __init__(self, command: str, download_manager: Any) -> None:
        super().__init__(command, write_bytes=self._bytes, write_str=self._text,
                         close=self._close, download_manager=download_manager)
        self.size = (0, 0)
        self._held: list[bytes] = []
        self._socket: web.WebSocketResponse | None = None
        self._painted = asyncio.Event()

    async def _bytes(self, data: bytes) -> None:
        if not self._painted.is_set() and PAINT.search(data):
            self._painted.set()  # a screen drawn (not just the terminal modes set up)
        if self._socket is None:
            self._held.append(data)
        else:
            await self._socket.send_bytes(data)

    async def _text(self, data: str) -> None:
        if self._socket is not None:
            await self._socket.send_str(data)

    async def _close(self) -> None:
        if self._socket is not None:
            await self._socket.close()

    async def launch(self, width: int, height: int) -> None:
        """Start the process at this terminal size, and read what it paints."""
        self.size = (width, height)
        await self._open_app_process(width, height)
        self._task = asyncio.create_task(self.run())

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.returncode is None

    async def attach(self, websocket: web.WebSocketResponse) -> None:
        """From now on the app talks to this participant; first what it painted before."""
        while self._held:
            held, self._held = self._held, []
            for data in held:
                await websocket.send_bytes(data)
        self._socket = websocket  # no await since the last look: nothing is left behind

    async def start(self, width: int, height: int) -> None:
        if self._task is None:
            await self.launch(width, height)
        elif (width, height) != self.size:
            # only once the app has painted at its first size: a resize read before the app
            # has set that size would be overridden by it
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._painted.wait(), 30)
            await self.set_terminal_size(width, height)

    async def ended(self) -> None:
        """Until the process has ended (its last answer committed)."""
        if self._process is not None:
            await self._process.wait()


class QuizServer(Server):
    def __init__(self, options: ServeOptions, store: Store, since: str) -> None:
        super().__init__(app_command(options), host=options.host, port=options.port,
                         title=options.title, templates_path=TEMPLATES)
        self.options = options
        self.store = store
        self.since = since  # finished counts are of attempts finished while serving
        self.connected = 0
        self.finished = 0
        self.services: set[WarmService] = set()
        self.sockets: set[web.WebSocketResponse] = set()
        self.warm: list[WarmService] = []
        self._size = (80, 24)  # the last participant's: the next one's likely size
        self._shown: tuple[int, int] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._warming = asyncio.Lock()
        self._ready = asyncio.Event()

    def run(self) -> None:
        self.initialize_logging()
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
        loop = asyncio.new_event_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.request_exit)
        web.run_app(self._make_app(), host=self.options.host, port=self.options.port,
                    handle_signals=False, loop=loop, print=self._listening,
                    access_log=None)

    def _listening(self, _banner: str) -> None:
        """aiohttp prints its banner once the server listens: only then the counts start."""
        self._ready.set()

    def request_exit(self) -> None:
        raise GracefulExit()

    def _background(self, coroutine: Any) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def on_startup(self, app: web.Application) -> None:
        self._background(self._status())
        self._background(self._keep_warm())

    async def on_shutdown(self, app: web.Application) -> None:
        for task in list(self._tasks):
            task.cancel()
        for websocket in list(self.sockets):
            await websocket.close()
        services = [*self.services, *self.warm]
        await asyncio.gather(*(service.stop() for service in services), return_exceptions=True)
        await asyncio.gather(*(service.ended() for service in services),
                             return_exceptions=True)
        self._show()

    # -- the coach's terminal -------------------------------------------------------------
    async def _status(self) -> None:
        await self._ready.wait()
        while True:
            self._show()
            await asyncio.sleep(STATUS_INTERVAL)

    def _show(self) -> None:
        with contextlib.suppress(StoreError):  # busy: the count waits for the next look
            self.finished = self.store.count_finished(self.options.group, self.since)
        current = (self.connected, self.finished)
        if current != self._shown:
            self._shown = current
            print(status_line(*current), flush=True)

    # -- app processes --------------------------------------------------------------------
    async def _keep_warm(self) -> None:
        async with self._warming:
            self.warm = [service for service in self.warm if service.alive]
            while len(self.warm) < WARM:
                service = WarmService(self.command, self.download_manager)
                await service.launch(*self._size)
                self.warm.append(service)

    def _take(self, width: int, height: int) -> WarmService:
        self._size = (width, height)
        while self.warm:
            service = self.warm.pop(0)
            if service.alive:
                return service
        return WarmService(self.command, self.download_manager)

    # -- the web ------------------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        return aiohttp_jinja2.render_template("app_index.html", request,
                                              page(request, self.options.title))

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = number(request.query.get("width"), 80)
        height = number(request.query.get("height"), 24)
        await websocket.prepare(request)
        service = self._take(width, height)
        self._background(self._keep_warm())
        self.sockets.add(websocket)
        self.services.add(service)
        self.connected += 1
        try:
            await service.start(width, height)
            await service.attach(websocket)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            self.connected -= 1
            self.sockets.discard(websocket)
            self.services.discard(service)
            await service.stop()
            await service.ended()
        return websocket


def number(text: str | None, default: int) -> int:
    try:
        return int(text or "")
    except ValueError:
        return default


def page(request: web.Request, title: str) -> dict[str, Any]:
    """The page's settings, with addresses as the browser reached this server (so it works
    on every address of a wildcard host and behind a reverse proxy)."""
    scheme = request.headers.get("X-Forwarded-Proto", request.scheme)
    origin = f"{scheme}://{request.host}"
    socket_scheme = "wss" if scheme == "https" else "ws"
    return {
        "font_size": number(request.query.get("fontsize"), 16),
        "app_websocket_url": f"{socket_scheme}://{request.host}/ws",
        "config": {"static": {"url": f"{origin}/static/"}},
        "application": {"name": title},
    }
