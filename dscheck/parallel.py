"""Work on the second core: one value worked out by a forked copy of this process, handed back as JSON.

Reading a large catalogue splits its work in two (catalogue/halves.py): a forked child does one part while
this process does the other, and hands its part back as plain data. The child is a copy of this process, so
it needs nothing sent to it; it never runs anything else, and never returns into the caller's code.
(Verifying was tried the same way and lost: handing back 50,000 results with their evidence cost more than
checking them.)
"""

from __future__ import annotations

import json
import os
import signal
import threading

# A fork shares this process's memory with the child until either side writes to a page, which is then
# copied; each side writes to old pages as it goes (reference counts, freed slots reused). A program that
# already holds several catalogues (benchmarks/library_run.py: the tenth of ten 100,000-claim files came at
# 2 GB) paid more in copies than the second core saved, so it works in one process from this size on.
MAX_RESIDENT = 512 * 1024 * 1024


def available() -> bool:
    """A second core, and a process that may fork and gains by it: nothing but this thread running (a forked
    child gets only the thread that forked, and whatever locks the others held), and a small heap."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return hasattr(os, "fork") and cores >= 2 and threading.active_count() == 1 and _resident() <= MAX_RESIDENT


def _resident() -> int:
    """The bytes of memory this process holds now (Linux; elsewhere 0, as if small)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class Child:
    """A forked process working out one value of plain data, handed back through a pipe as JSON."""

    def __init__(self, pid: int, pipe: int):
        self.pid = pid
        self.pipe = pipe
        self._payload = b""

    def run_here(self, work):
        """Do `work` in this process meanwhile; the child is stopped if it fails or is interrupted."""
        try:
            done = work()
            with os.fdopen(self.pipe, "rb") as pipe:
                self._payload = pipe.read()
        except BaseException:
            os.kill(self.pid, signal.SIGKILL)
            raise
        finally:
            os.waitpid(self.pid, 0)
        return done

    def result(self):
        """The child's value; None when it handed back nothing (it failed, or was killed)."""
        try:
            return json.loads(self._payload) if self._payload else None
        except Exception:
            return None


def start(work) -> Child:
    """Start `work` in a forked process. The child never returns into the caller's code: it hands back its
    value and ends at once (no cleanup of the parent's, no flushing of its buffers). Ctrl-C is for the
    parent, which then stops the child."""
    pipe_out, pipe_in = os.pipe()
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
        if pid == 0:
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                os.close(pipe_out)
                payload = json.dumps(work(), ensure_ascii=False).encode("utf-8")
                with os.fdopen(pipe_in, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(0)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    os.close(pipe_in)
    return Child(pid, pipe_out)
