"""Helpers of the web UI tests: the demo's database, a real server, a real browser.

- :func:`demo_database`: the bundled Together AI snapshots tracked by the real pipeline
  (``tracker.demo.run_demo``) into a fresh SQLite file;
- :func:`running_app`: the ASGI app served by a real uvicorn server on a free loopback port,
  in a thread of the test process (stopped, and waited for, on exit);
- :func:`running_command`: ``python -m tracker serve`` as a real process;
- :func:`browser`: Debian's Chromium driven by Playwright, never a downloaded browser, with a
  fresh profile.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from tracker.classify import load_rules
from tracker.demo import run_demo
from tracker.registry import load_registry
from tracker.settings import Settings, load_settings
from tracker.web import create_app

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def demo_database(work: Path, env: Mapping[str, str] | None = None) -> str:
    """Track the bundled snapshots into ``work``; the database URL."""
    settings = load_settings(dict(env or {}), cwd=work)
    registry = load_registry(ROOT / "data" / "documents.toml")
    rules = load_rules(ROOT / "data" / "rules.toml")
    return run_demo(DEMO, registry, settings, work, rules=rules).database_url


def web_settings(database_url: str, **env: str) -> Settings:
    values = {"TRACKER_DATABASE_URL": database_url, "TRACKER_RULES": str(ROOT / "data/rules.toml")}
    return load_settings({**values, **env}, cwd=ROOT)


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def running_app(settings: Settings) -> Iterator[str]:
    """The web app of ``settings`` on a real uvicorn server; yields its base URL."""
    app = create_app(settings)
    sock = free_socket()
    config = uvicorn.Config(app, log_level="error", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the web server did not start")
            time.sleep(0.02)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()
        app.state.web.db.dispose()


@contextmanager
def running_command(database_url: str, *, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """``python -m tracker serve`` on a free port, as a real process; yields its base URL."""
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    command = [sys.executable, "-m", "tracker", "--database-url", database_url, "serve"]
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                raise RuntimeError(f"tracker serve exited {process.returncode}: {output}")
            try:
                httpx.get(url + "/static/tracker.css", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stdout:
            process.stdout.close()


@contextmanager
def browser() -> Iterator[Any]:
    """A fresh Chromium profile (a Playwright BrowserContext) on Debian's Chromium."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.is_file():
        raise RuntimeError(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)")
    profile = tempfile.mkdtemp(prefix="tracker-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=str(CHROMIUM),
                args=CHROMIUM_ARGS,
                headless=True,
                viewport={"width": 1280, "height": 900},
            )
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
