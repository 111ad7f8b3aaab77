"""A plain catalogue read straight from the YAML parser's events: the fast way for large catalogues.

The full reader (loader.loads) composes the whole node graph and remembers where every value and every
key stood, which a catalogue of 100,000 claims pays for in seconds and gigabytes. Nearly every catalogue
is plain YAML: mappings, lists and untagged scalars, without anchors, aliases, merge keys or repeated
keys. `read` builds the same plain data from the parser's events in one pass and keeps only what a valid
catalogue needs (where each mapping starts, so each claim has its line, and how each `value` was written,
which sets its precision). It gives up (returns None) at the first thing out of the ordinary, and the
loader reads any catalogue with a problem again the full way, so every message and its line:column still
come from one place.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from dscheck.catalogue.interface import Location

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_CONSTRUCTED = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}
_RESOLVER = yaml.resolver.Resolver()
_SCALARS = yaml.constructor.SafeConstructor()
_STRANGE = object()  # a scalar only the full reader may judge (a merge key, "=", ...)
_KEY = object()  # a mapping waiting for its next key

# Scalars whose written text a valid catalogue needs: the precision of a number is in how it is written.
TEXT_KEYS = frozenset({"value"})


class Sketch:
    """The little the schema check and the claim builder ask of the full reader's tree, for plain catalogues."""

    def __init__(self, name: str, where: dict[tuple, Location], text: dict[tuple, str], values: int = 0):
        self.name = name
        self.where = where
        self.text = text
        self.values = values  # values read (scalars and collections, not keys), against the loader's limit

    def at(self, path: tuple, key: bool = False) -> Location:
        """The place of the nearest mapping enclosing `path` (a valid catalogue asks only for its claims')."""
        while path not in self.where and path:
            path = path[:-1]
        return self.where.get(path, Location(self.name, 1, 1))


@lru_cache(maxsize=1 << 16)
def _plain(value: str) -> Any:
    """An untagged plain scalar as the full reader gives it: dates and clock times stay text."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag == _STR or tag == _TIMESTAMP or (tag in _NUMBERS and ":" in value):
        return value
    if tag not in _CONSTRUCTED:
        return _STRANGE
    try:
        return _SCALARS.yaml_constructors[tag](_SCALARS, yaml.ScalarNode(tag, value))
    except (ValueError, OverflowError):
        return value


def read(text: str, name: str, loader: type, *, max_nodes: int, max_depth: int) -> tuple[Any, Sketch] | None:
    """(plain data, its sketch), or None when the text needs the full reader (or is not valid YAML)."""
    where: dict[tuple, Location] = {}
    written: dict[tuple, str] = {}
    # One frame per open collection: [container, its path, the pending key of a mapping (or _KEY)]. A path is
    # made only for a collection (its place is kept) and for a value under TEXT_KEYS, not for every scalar.
    stack: list[list] = []
    root: Any = None
    documents = values = 0
    scalar, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    parser = loader(text)
    next_event = parser.get_event  # without yaml.parse's generator and its check_event call per event
    try:
        while True:
            event = next_event()
            kind = event.__class__
            if kind is scalar:
                if event.anchor is not None or event.tag is not None:
                    return None  # anchors and tags: the full reader's business
                frame = stack[-1] if stack else None
                if frame is not None and frame[2] is _KEY:
                    if event.value in frame[0] or event.value == "<<":
                        return None  # a repeated key, a merge key
                    frame[2] = event.value
                    continue
                values += 1
                if values > max_nodes:
                    return None
                value = _plain(event.value) if event.implicit[0] else event.value
                if value is _STRANGE:
                    return None
                if frame is None:
                    root = value
                elif frame[2] is None:
                    frame[0].append(value)
                else:
                    key = frame[2]
                    if key in TEXT_KEYS:
                        written[frame[1] + (key,)] = event.value
                    frame[0][key] = value
                    frame[2] = _KEY
            elif kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or event.tag is not None:
                    return None
                frame = stack[-1] if stack else None
                if frame is not None and frame[2] is _KEY:
                    return None  # a key that is not plain text
                values += 1
                if values > max_nodes or len(stack) >= max_depth:
                    return None
                value = {} if kind is mapping_start else []
                if frame is None:
                    path: tuple = ()
                    root = value
                elif frame[2] is None:
                    path = frame[1] + (len(frame[0]),)
                    frame[0].append(value)
                else:
                    path = frame[1] + (frame[2],)
                    frame[0][frame[2]] = value
                    frame[2] = _KEY
                if kind is mapping_start:  # a valid catalogue is placed by its mappings (its claims)
                    where[path] = Location(name, event.start_mark.line + 1, event.start_mark.column + 1)
                stack.append([value, path, _KEY if kind is mapping_start else None])
            elif kind in ends:
                stack.pop()
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    return None
            elif kind is yaml.AliasEvent:
                return None
            elif kind is yaml.StreamEndEvent:
                break
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        parser.dispose()
    if root is None:
        return None
    return root, Sketch(name, where, written, values)
