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

import re
from typing import Any

from dscheck import parallel
from dscheck.catalogue import stream
from dscheck.catalogue.interface import Location

SPLIT_AT = 2 * 1024 * 1024  # characters; below this a fork and the hand-over cost more than they save
# This process reads a little more than half: the child also encodes its part as JSON, and both should end together.
FIRST_SHARE = 0.55
_CLAIMS = re.compile(r"^claims:[ \t]*(?:#[^\n]*)?\r?\n", re.M)
_ITEM = re.compile(r"^( *)-(?:[ \t]|\r?$)", re.M)
_SKIP = re.compile(r"^[ \t]*(?:#[^\n]*)?\r?$", re.M)  # blank lines and comments before the first item


def read(text: str, name: str, loader: type, *, max_nodes: int, max_depth: int, split_at: int | None = None):
    """What stream.read gives for `text`, read on two cores when the text is large enough and can be cut."""
    large = len(text) >= (SPLIT_AT if split_at is None else split_at)
    cut = _cut(text) if large and parallel.available() else None
    if cut is None:
        return stream.read(text, name, loader, max_nodes=max_nodes, max_depth=max_depth)
    offset, line = cut
    child = parallel.start(lambda: _plain(stream.read(
        "claims:\n" + text[offset:], name, loader, max_nodes=max_nodes, max_depth=max_depth
    )))
    first = child.run_here(lambda: stream.read(text[:offset], name, loader, max_nodes=max_nodes, max_depth=max_depth))
    joined = _join(first, child.result(), name, line, max_nodes)
    if joined is None:  # a part the quick reader gave up on: read the whole file as one, which decides
        return stream.read(text, name, loader, max_nodes=max_nodes, max_depth=max_depth)
    return joined


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
