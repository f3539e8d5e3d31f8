"""The command as a process: output to a reader who may leave, and signals that stop it cleanly.

`deck build … | head -1` closes the pipe after one line; `| true` before any. Python then raises
BrokenPipeError at the next write, or at its own flush on exit ("Exception ignored …"). Here the
rest of the output is dropped instead and the command ends as it would have: a deck that was
built stays written, and the exit status is the build's.

SIGTERM and SIGHUP end a Python process on the spot by default: no `finally` runs, so a
temporary file stays beside the deck and a LibreOffice converting in its own process group
goes on (writing its PDF later, its profile left behind). While a command runs they raise
`Terminated`, a KeyboardInterrupt, and stop it as Ctrl-C does; the exit status is 128 + the
signal's number.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager


class _Reader:
    """stdout or stderr, read by someone who may stop reading (`deck build … | head -1`, or
    `| true`): once the pipe is broken, what is left to say is dropped, and the command goes on
    and ends as it would have — a deck that was built stays written. The stream's descriptor is
    pointed at /dev/null then, so Python's own flush at exit finds nothing to complain about."""

    def __init__(self, stream):
        self.stream, self.gone = stream, False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self.stream.write(text)
            except BrokenPipeError:
                self._gone()
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self._gone()

    def _gone(self) -> None:
        self.gone = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # not a real file (a test's StringIO)
            pass

    def __getattr__(self, name):
        return getattr(self.stream, name)


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: stop as Ctrl-C does — temporary files removed, LibreOffice ended."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _terminate(signum, frame):
    raise Terminated(signum)


@contextmanager
def stopped_by_signals():
    """SIGTERM and SIGHUP raise Terminated while a command runs (the default would end the
    process on the spot, leaving a temporary file and a running LibreOffice behind)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {}
    for sig in wanted:
        if signal.getsignal(sig) == signal.SIG_DFL:  # not one ignored on purpose (nohup)
            before[sig] = signal.signal(sig, _terminate)
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


@contextmanager
def readers():
    """stdout and stderr as _Reader for the command's duration, flushed at its end."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Reader(out), _Reader(err)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        sys.stdout, sys.stderr = out, err
