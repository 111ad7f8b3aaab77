"""Writing files so that a reader sees the old file or the new one, never a part."""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK = ".lock"  # the lock file of a folder that several dscheck processes may write (an archive, a cache)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); a report to publish or share gets the mode a plain open() would.
        os.chmod(tmp, _mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode(path: Path) -> int:
    """The mode of the file being replaced, or what the umask allows a new file."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def stage(path: Path, data: bytes) -> Path:
    """Write `data` to a new hidden file beside `path` and return its name, for an `os.replace` into place later.

    Used where several files must change together: stage them all, then replace them all at once.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _mode(path))  # as atomic_write: mkstemp's 0600 would keep an archive from those it is shared with
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


@contextmanager
def locked(folder: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold the lock of `folder` (its .lock file): exclusive for a writer, shared for readers.

    The lock is advisory (flock) and belongs to an open file, so a process that holds it shared must not
    ask for it exclusive. A reader goes on unlocked where the lock file cannot be made (a read-only
    archive) or flock does not exist (Windows): nobody can be writing there through dscheck either way.
    """
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    path = folder / LOCK
    if shared:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o666)
        except OSError:
            yield
            return
    else:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


@contextmanager
def held_interrupts() -> Iterator[None]:
    """Hold back Ctrl-C and SIGTERM until the block ends, then deliver them: for steps that must finish together.

    Only the main thread can set signal handlers; elsewhere the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    caught = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda number, frame: pending.append(number)) for number in caught}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(pending):
            signal.raise_signal(number)  # now the old handler runs: KeyboardInterrupt for Ctrl-C
