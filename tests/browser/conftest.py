"""A real server on a free loopback port and Debian's chromium, driven by Playwright."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
# What `make run` serves: app.py, with the head start of serve.py.
SERVER_SCRIPT = ROOT / "serve.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: Path | None = None) -> tuple[subprocess.Popen, str]:
    """Start the app as `make run` does, on a free port; return the process and URL.

    Its output goes to a file (server_log reads it), not a pipe: a pipe no one
    reads fills up and stops a talkative server mid-write.
    """
    port = free_port()
    # Open as long as the process object lives, to be read once it has stopped.
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
    env = dict(os.environ)
    if data_dir is not None:
        env["JKDEFENSE_DATA_DIR"] = str(data_dir)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(SERVER_SCRIPT)]
        + ["--server.port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = log
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            health = f"{url}/_stcore/health"
            with urllib.request.urlopen(health, timeout=1) as response:
                if response.read() == b"ok":
                    return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    process.wait()
    raise RuntimeError(f"server did not start: {server_log(process)}")


def server_log(process: subprocess.Popen) -> str:
    """What a server started by start_server has written so far."""
    process.log.seek(0)
    return process.log.read()


@contextmanager
def fresh_server(data_dir: Path | None = None) -> Iterator[str]:
    """The URL of a server of its own, that no one has visited; always stopped."""
    process, url = start_server(data_dir)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    process, url = start_server()
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


class Recorder:
    """Collects every request that leaves loopback, and every page error."""

    def __init__(self, page: Page) -> None:
        self.outside: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _request(self, request) -> None:
        host = urlparse(request.url).hostname or ""
        if (
            request.url.startswith(("http://", "https://", "ws://", "wss://"))
            and host not in LOOPBACK
        ):
            self.outside.append(request.url)


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, Recorder]]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    recorder = Recorder(opened)
    yield opened, recorder
    context.close()


# How long a page or a rerun may take to draw on a busy 2-core machine.
DRAW_TIMEOUT_MS = 30_000


def wait_until_drawn(
    page: Page, charts: int = 1, timeout: float = DRAW_TIMEOUT_MS
) -> None:
    """Wait for the script to finish and ``charts`` charts to have drawn."""
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout
    )
    if charts:
        page.wait_for_function(
            """n => document.querySelectorAll(
                '[data-testid="stPlotlyChart"] .main-svg, '
                + '[data-testid="stVegaLiteChart"] canvas, '
                + '[data-testid="stVegaLiteChart"] svg.marks').length >= n""",
            arg=charts,
            timeout=timeout,
        )
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout
    )
