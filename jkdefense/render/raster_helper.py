"""A helper process that draws Vega-Lite specs as PNGs, beside this one.

vl-convert holds the interpreter while it draws, so threads draw one chart at
a time; with a second process, a briefing's charts are drawn two at a time on
two cores (jkdefense.render.pictures shares them out). The helper starts on
the first briefing and is kept for the next (started again if it died), and
ends with this process. It imports nothing but vl-convert.

It reads requests on stdin and answers on stdout. A request: the scale (8-byte
float) and the spec's length (4 bytes), then the spec (UTF-8 JSON). An answer:
whether it was drawn (1 byte) and a length (4 bytes), then the PNG, or the
reason it was not.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import struct
import subprocess
import sys
import threading
from typing import IO, cast

REQUEST = struct.Struct(">dI")
ANSWER = struct.Struct(">?I")
# A chart small enough to start vl-convert's JavaScript runtime with, before
# the first real chart arrives (a third of a second the first chart saves).
FIRST_SPEC = '{"mark": "point", "data": {"values": [{"a": 1}]}}'


def _read(stream: IO[bytes], size: int) -> bytes:
    """Exactly ``size`` bytes; EOFError when the other end has gone."""
    data = stream.read(size)
    if len(data) != size:
        raise EOFError("the other end closed the pipe")
    return data


class Helper:
    """One helper process and the pipe to it; one request at a time."""

    def __init__(self) -> None:
        """Start the process; it readies vl-convert while this one goes on."""
        self.process = subprocess.Popen(
            [sys.executable, "-c", f"from {__name__} import main; main()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        # Both are pipes: Popen was asked for them.
        self.requests = cast(IO[bytes], self.process.stdin)
        self.answers = cast(IO[bytes], self.process.stdout)
        self.lock = threading.Lock()
        self.broken = False

    def png(self, spec: str, scale: float) -> bytes | None:
        """The spec drawn as a PNG; None when the helper could not draw it.

        A None asks the caller to draw the chart itself (where an error in the
        spec is raised as any export's would be).
        """
        data = spec.encode("utf-8")
        with self.lock:
            if self.broken:
                return None
            try:
                self.requests.write(REQUEST.pack(scale, len(data)) + data)
                self.requests.flush()
                drawn, length = ANSWER.unpack(_read(self.answers, ANSWER.size))
                body = _read(self.answers, length)
            except (OSError, EOFError, struct.error):
                self.broken = True
                return None
        return body if drawn else None

    def alive(self) -> bool:
        """True while the process runs and its pipe works."""
        return not self.broken and self.process.poll() is None

    def stop(self) -> None:
        """End the process: its stdin closes, then it is killed if it lingers."""
        with contextlib.suppress(OSError):
            self.requests.close()
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_helper: Helper | None = None
_started = threading.Lock()


def helper() -> Helper | None:
    """The running helper, started if there is none (or the last one died).

    None when no process can be started (this process then draws alone).
    """
    global _helper
    with _started:
        if _helper is None or not _helper.alive():
            if _helper is not None:
                _helper.stop()
            try:
                _helper = Helper()
            except OSError:
                _helper = None
        return _helper


@atexit.register
def _stop() -> None:
    if _helper is not None:
        _helper.stop()


def serve(requests: IO[bytes], answers: IO[bytes]) -> None:
    """Draw each spec read from ``requests`` until it ends; answer each."""
    import vl_convert

    vl_convert.vegalite_to_svg(FIRST_SPEC)
    while header := requests.read(REQUEST.size):
        scale, length = REQUEST.unpack(header)
        spec = _read(requests, length).decode("utf-8")
        try:
            body, drawn = vl_convert.vegalite_to_png(spec, scale=scale), True
        except Exception as error:  # noqa: BLE001 - said to the caller, who redraws
            body, drawn = str(error).encode("utf-8"), False
        answers.write(ANSWER.pack(drawn, len(body)) + body)
        answers.flush()


def main() -> None:
    """The helper process: serve this process's stdin and stdout."""
    # The answers get stdout's pipe to themselves: whatever else would print
    # there (a library's message) goes where stderr goes instead.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, answers)
