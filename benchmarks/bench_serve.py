"""Benchmark 6: ``pm-quiz serve``.

1. First paint. From ``page.goto`` in headless Chromium (Playwright, the system's
   Chromium) to the welcome screen painted (its text received over the websocket, then two
   animation frames), against the same app's first paint in a pseudo-terminal of the same
   size (exec to "Start the quiz" on screen, as in bench_first_screen.py). The server runs
   before the clock starts; each page load starts a new app process, as each terminal run
   does. Runs alternate; medians compared. Goal: ratio <= 2.
2. A room. ``--participants`` (default 30) connect at once and answer the whole default bank,
   each differently, with a think time of ``--think`` seconds (default 0.3-1.0, uniform)
   between answers: far quicker than people read. A participant here is a websocket client
   that speaks what textual-serve's page speaks (``["stdin", key]``), so a browser per
   participant does not compete with the server for this machine's cores; part 1 measures
   the browser. An answer is acknowledged when the next question's counter (or, after the
   last, the result) has arrived. Reported: median and p95 of those latencies (goals 250 ms,
   1 s), the memory per participant (PSS and RSS of the app processes, read while everyone
   is connected), and a check that the store holds every answer under its own attempt.
Run: ``python benchmarks/bench_serve.py [--pairs N] [--participants N] [--skip-room]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import PtyApp, median, pm_quiz, visible

WELCOME = "Start the quiz"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
COLUMNS, ROWS = 100, 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(data: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    server = subprocess.Popen([pm_quiz(), "serve", "--port", str(port), "--lang", "en",
                               "--group", "bench", "--data-dir", str(data)],
                              env=env, cwd=data, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    assert server.stdout is not None
    for line in server.stdout:
        if "connected: 0" in line:
            return server, f"localhost:{port}"
    raise RuntimeError("pm-quiz serve did not start")


def stop_server(server: subprocess.Popen[str]) -> None:
    server.send_signal(signal.SIGINT)
    try:
        server.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.communicate()


# -- 1. first paint ----------------------------------------------------------------------
async def browser_paint(browser: Any, address: str) -> float:
    context = await browser.new_context(viewport={"width": 1100, "height": 760})
    page = await context.new_page()
    received = bytearray()
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda f: received.extend(f) if isinstance(f, bytes) else None))
    start = time.perf_counter()
    await page.goto(f"http://{address}/")
    while WELCOME not in visible(bytes(received)):
        await asyncio.sleep(0.005)
    await page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    elapsed = time.perf_counter() - start
    await context.close()
    return elapsed


def terminal_paint(env: dict[str, str]) -> float:
    app = PtyApp([pm_quiz(), "--lang", "en"], COLUMNS, ROWS, env)
    try:
        return app.wait_for(WELCOME)
    finally:
        app.close()


async def first_paint(pairs: int, address: str, env: dict[str, str]) -> tuple[float, float]:
    from playwright.async_api import async_playwright

    chromium = os.environ.get("PM_QUIZ_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        sys.exit("no Chromium: apt-get install chromium (or set PM_QUIZ_CHROMIUM)")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium,
                                                   args=CHROMIUM_ARGS)
        web, term = [], []
        for i in range(pairs + 1):  # the first pair warms caches and is dropped
            w = await browser_paint(browser, address)
            t = terminal_paint(env)
            if i:
                web.append(w)
                term.append(t)
        await browser.close()
    return median(web), median(term)


# -- 2. a room ---------------------------------------------------------------------------
async def participant(number: int, address: str, keys: list[int], think: tuple[float, float],
                      latencies: list[float], connected: asyncio.Barrier,
                      measured: asyncio.Event) -> None:
    import aiohttp

    total = len(keys)
    rng = random.Random(number)
    async with aiohttp.ClientSession() as session, session.ws_connect(
            f"ws://{address}/ws?width={COLUMNS}&height={ROWS}") as ws:
        buffer = bytearray()

        async def until(text: str) -> None:
            while text not in visible(bytes(buffer)):
                message = await ws.receive(timeout=60)
                if message.type == aiohttp.WSMsgType.BINARY:
                    buffer.extend(message.data)
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    raise RuntimeError(f"participant {number}: the session ended")

        await until(WELCOME)
        await connected.wait()
        await measured.wait()  # memory is read while everyone is on the welcome screen
        buffer.clear()
        await ws.send_json(["stdin", "\r"])
        await until(f"1/{total}")
        for index, key in enumerate(keys):
            await asyncio.sleep(rng.uniform(*think))
            buffer.clear()
            start = time.perf_counter()
            await ws.send_json(["stdin", str(key)])
            await until(f"{index + 2}/{total}" if index + 1 < total else "Your result")
            latencies.append(time.perf_counter() - start)


def process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def memory_kib(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of a process in KiB."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Pss", "Rss"):
            values[name] = int(rest.split()[0])
    return values["Pss"], values["Rss"]


def app_processes(server: int) -> list[int]:
    found = []
    for pid in process_tree(server):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--served" in command and b"pm_quiz" in command:
            found.append(pid)
    return found


async def room(count: int, address: str, server: int, think: tuple[float, float]
               ) -> tuple[list[float], list[tuple[int, int]], float]:
    from pm_quiz.bank.loader import load_bank
    from pm_quiz.bank.locate import default_bank_path
    from pm_quiz.quiz.session import QuizSession

    bank = load_bank(default_bank_path())
    session = QuizSession(bank, "en")
    sizes = [len(session.choices(q)) for q in bank.questions]
    latencies: list[float] = []
    connected = asyncio.Barrier(count + 1)
    measured = asyncio.Event()
    tasks = [asyncio.create_task(participant(
        n, address, [(n + i) % size + 1 for i, size in enumerate(sizes)], think, latencies,
        connected, measured)) for n in range(count)]
    await connected.wait()
    await asyncio.sleep(1)
    memory = [memory_kib(pid) for pid in app_processes(server)]
    server_memory = memory_kib(server)[0] / 1024
    measured.set()
    await asyncio.gather(*tasks)
    return latencies, memory, server_memory


def check_store(data: Path, count: int, questions: int) -> str:
    db = sqlite3.connect(data / "pm-quiz.sqlite3")
    try:
        rows = db.execute("SELECT a.id, a.finished_at IS NOT NULL, count(n.question_id) FROM "
                          "attempts a LEFT JOIN answers n ON n.attempt_id = a.id WHERE "
                          "a.group_name = 'bench' GROUP BY a.id").fetchall()
        answers = [json.loads(v) for (v,) in db.execute("SELECT value FROM answers")]
    finally:
        db.close()
    complete = sum(1 for _id, done, n in rows if done and n == questions)
    return (f"{len(rows)} attempts in group 'bench', {complete} finished with all {questions} "
            f"answers ({len(answers)} answers stored; expected {count * questions})")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--think", type=float, nargs=2, default=(0.3, 1.0))
    parser.add_argument("--skip-room", action="store_true")
    parser.add_argument("--skip-paint", action="store_true")
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp())
    env = {k: v for k, v in os.environ.items() if not k.startswith("PM_QUIZ_")}
    env.update(PM_QUIZ_DATA_DIR=str(data), LANG="C.UTF-8")
    os.chdir(data)  # no ./questions.yaml here: the default bank
    server, address = start_server(data, env)
    ok = True
    try:
        if not args.skip_paint:
            web, term = asyncio.run(first_paint(args.pairs, address, env))
            ratio = web / term
            ok &= ratio <= 2
            print(f"\nFirst paint, median of {args.pairs} (ms): browser {web * 1000:.0f}, "
                  f"terminal {term * 1000:.0f}, ratio {ratio:.2f} (goal <= 2)  "
                  f"{'ok' if ratio <= 2 else 'MISSED'}")
        if not args.skip_room:
            n = args.participants
            started = time.perf_counter()
            latencies, memory, server_mib = asyncio.run(
                room(n, address, server.pid, tuple(args.think)))  # type: ignore[arg-type]
            took = time.perf_counter() - started
            mid, p95 = median(latencies) * 1000, percentile(latencies, 0.95) * 1000
            ok &= mid <= 250 and p95 <= 1000
            pss = statistics.mean(m[0] for m in memory) / 1024
            rss = statistics.mean(m[1] for m in memory) / 1024
            print(f"\nA room of {n} ({len(latencies)} answers in {took:.0f} s, think time "
                  f"{args.think[0]}-{args.think[1]} s)")
            print(f"  answer acknowledged: median {mid:.0f} ms (goal 250), p95 {p95:.0f} ms "
                  f"(goal 1000), max {max(latencies) * 1000:.0f} ms  "
                  f"{'ok' if mid <= 250 and p95 <= 1000 else 'MISSED'}")
            print(f"  memory per participant: PSS {pss:.1f} MiB, RSS {rss:.1f} MiB "
                  f"({len(memory)} app processes); the server itself: PSS {server_mib:.1f} MiB")
    finally:
        stop_server(server)
    if not args.skip_room:
        from pm_quiz.bank.loader import load_bank
        from pm_quiz.bank.locate import default_bank_path

        questions = len(load_bank(default_bank_path()).questions)
        print("  store: " + check_store(data, args.participants, questions))
    shutil.rmtree(data, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
