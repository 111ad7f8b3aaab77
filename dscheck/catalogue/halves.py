"""A large plain catalogue read on two cores: the parser's events for the second part of the claims come from
a forked process while this one reads the first part.

Reading the parser's events (stream.read) is most of the time of loading a large catalogue, and it cannot be
made faster in one process. A catalogue is a mapping whose `claims` list makes nearly all of the file, so
the list is cut at the start of one of its items near the middle of the file, and each part is read as a
document of its own: the text before the cut as it stands, and the text from the cut on under a `claims:`
line of its own. Both parts are then put together as the whole file reads.

A cut only stands where the whole file reads the same as its two parts. It is made at a line that starts a
block-sequence item at the indentation of the claims' items; no other line of a valid catalogue can start
like that (the fields of a claim, the lines of a block scalar and those of a nested list are indented
further, and a quoted text or a flow collection running over the cut leaves the first part unterminated,
which the parser refuses). `claims` must be the last key the first part holds, so that the cut falls inside
its list, and no other key may be in both parts. Anything else, or any part that stream.read gives up on,
and the file is read in one piece as before; the loader then reads any catalogue with a problem again the
full way, so every message still comes from one place.
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
from typing import Any

from dscheck.catalogue import stream
from dscheck.catalogue.interface import Location

SPLIT_AT = 2 * 1024 * 1024  # characters; below this a fork and the hand-over cost more than they save
# This process reads a little more than half: the child also encodes its part as JSON, and both should end together.
FIRST_SHARE = 0.55
# A fork shares this process's memory with the child until either side writes to a page, which is then
# copied; each side writes to old pages as it goes (reference counts, freed slots reused). A program that
# already holds several catalogues (benchmarks/library_run.py: the tenth of ten 100,000-claim files came at
# 2 GB) paid more in copies than the second core saved, so it reads in one piece from this size on.
MAX_RESIDENT = 512 * 1024 * 1024
_CLAIMS = re.compile(r"^claims:[ \t]*(?:#[^\n]*)?\r?\n", re.M)
_ITEM = re.compile(r"^( *)-(?:[ \t]|\r?$)", re.M)
_SKIP = re.compile(r"^[ \t]*(?:#[^\n]*)?\r?$", re.M)  # blank lines and comments before the first item


def read(text: str, name: str, loader: type, *, max_nodes: int, max_depth: int, split_at: int | None = None):
    """What stream.read gives for `text`, read on two cores when the text is large enough and can be cut."""
    large = len(text) >= (SPLIT_AT if split_at is None else split_at)
    cut = _cut(text) if large and _can_fork() else None
    if cut is None:
        return stream.read(text, name, loader, max_nodes=max_nodes, max_depth=max_depth)
    offset, line = cut
    child = _in_child(lambda: _plain(stream.read(
        "claims:\n" + text[offset:], name, loader, max_nodes=max_nodes, max_depth=max_depth
    )))
    first = child.run_here(lambda: stream.read(text[:offset], name, loader, max_nodes=max_nodes, max_depth=max_depth))
    joined = _join(first, child.result(), name, line, max_nodes)
    if joined is None:  # a part the quick reader gave up on: read the whole file as one, which decides
        return stream.read(text, name, loader, max_nodes=max_nodes, max_depth=max_depth)
    return joined


def _can_fork() -> bool:
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


def _cut(text: str) -> tuple[int, int] | None:
    """(where the second part starts, its line number, 1-based), or None when there is nowhere to cut."""
    claims = _CLAIMS.search(text)
    if claims is None:
        return None
    position = claims.end()
    while (blank := _SKIP.match(text, position)) and blank.end() < len(text):
        position = blank.end() + 1
    first = _ITEM.match(text, position)
    if first is None:
        return None
    item = re.compile(rf"^{first.group(1)}-(?:[ \t]|\r?$)", re.M)
    cut = item.search(text, max(int(len(text) * FIRST_SHARE), first.end()))
    if cut is None:
        return None
    return cut.start(), text.count("\n", 0, cut.start()) + 1


def _plain(found):
    """The second part as JSON's plain data for the hand-over: places and written values as [path, ...] lists."""
    if found is None:
        return None
    root, sketch = found
    places = [[path, at.line, at.column] for path, at in sketch.where.items()]
    return root, places, [[path, text] for path, text in sketch.text.items()], sketch.values


def _join(first, second, name: str, line: int, max_nodes: int):
    """The two parts as one (data, sketch), as stream.read gives for the whole file; None when they do not fit."""
    if first is None or second is None:
        return None
    (root, sketch), (rest, places, written, values) = first, second
    if not (isinstance(root, dict) and isinstance(rest, dict) and root and list(root)[-1] == "claims"):
        return None
    if not (isinstance(root["claims"], list) and isinstance(rest.get("claims"), list)):
        return None
    if any(key in root for key in rest if key != "claims"):
        return None  # a key in both parts: a repeated key, which only the full reader may judge
    # Less the second part's own root mapping and claims list, which the first part already counted.
    if sketch.values + values - 2 > max_nodes:
        return None
    shift = line - 2  # the second part's line 2 is the file's line `line`
    count = len(root["claims"])

    def place(path: tuple) -> tuple:
        return ("claims", path[1] + count, *path[2:]) if path[:1] == ("claims",) else path

    for path, at_line, at_column in places:
        if len(path) > 1 or (path and path[0] != "claims"):  # not the second part's own root and claims list
            sketch.where[place(tuple(path))] = Location(name, at_line + shift, at_column)
    for path, value in written:
        sketch.text[place(tuple(path))] = value
    _share_texts(rest["claims"])
    data: dict[str, Any] = dict(root)
    data["claims"] = root["claims"] + rest.pop("claims")
    data.update(rest)
    sketch.values += values - 2
    return data, sketch


def _share_texts(claims: list) -> None:
    """One object for equal texts in the claims' fields, as the one-piece reader has them: JSON makes a new
    string for every value, and 50,000 claims of "change_pct", "NVDA" and "2025-01-27" are 20 MB."""
    shared: dict[str, str] = {}
    for claim in claims:
        if isinstance(claim, dict):
            for key, value in claim.items():
                if type(value) is str:
                    claim[key] = shared.setdefault(value, value)
                elif type(value) is list:
                    claim[key] = [shared.setdefault(v, v) if type(v) is str else v for v in value]


class _Child:
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


def _in_child(work) -> _Child:
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
    return _Child(pid, pipe_out)
