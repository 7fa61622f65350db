"""The real `yomite` on a pseudo-terminal, for tests that read the bytes it writes."""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import struct
import subprocess
import termios
import threading
import time
from pathlib import Path


class PtyApp:
    """`yomite` on a pseudo-terminal of a fixed size; a thread collects all its output."""

    def __init__(self, argv: list[str], *, cwd: Path, size: tuple[int, int]) -> None:
        self.master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "LANG": "C.UTF-8",
            "TEXTUAL_ANIMATIONS": "none",
            "COLUMNS": str(columns),
            "LINES": str(rows),
        }
        env.pop("NO_COLOR", None)
        self.process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self._output = bytearray()
        self.since = 0
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.1)
                if ready:
                    chunk = os.read(self.master, 65536)
                    if not chunk:
                        return
                    with self._lock:
                        self._output += chunk
                elif self.process.poll() is not None:
                    return
            except OSError:  # EIO: the child closed the terminal
                return

    @property
    def output(self) -> bytes:
        with self._lock:
            return bytes(self._output)

    def shown(self) -> str:
        return self.output.decode("utf-8", "replace")

    def wait_for(self, text: str | tuple[str, ...], what: str, timeout: float = 45) -> None:
        """Wait until the output holds `text` (or any of several), counted from `since`."""
        wanted = (text,) if isinstance(text, str) else text
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.shown()[self.since :]
            if any(option in shown for option in wanted):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        tail = self.shown()[-2000:]
        raise AssertionError(f"{what}: {wanted!r} never appeared; output ends with {tail!r}")

    def mark(self) -> None:
        """Later `wait_for` calls look only at what is written from now on."""
        self.since = len(self.shown())

    def keys(self, *keys: str, pause: float = 0.25) -> None:
        for key in keys:
            os.write(self.master, key.encode("utf-8"))
            time.sleep(pause)

    def settle(self, quiet: float = 0.6, timeout: float = 15) -> None:
        """Wait until the app has written nothing for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        size = -1
        while time.monotonic() < deadline:
            now = len(self.output)
            if now == size:
                return
            size = now
            time.sleep(quiet)

    def close(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, 9)
            self.process.wait()
        self._reader.join(timeout=5)
        os.close(self.master)
