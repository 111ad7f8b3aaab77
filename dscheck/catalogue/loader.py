"""Read a catalogue file into Claim objects, naming file:line:column for every problem."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from dscheck.catalogue import halves
from dscheck.catalogue.interface import (
    Article,
    Catalogue,
    CatalogueError,
    Claim,
    ClaimId,
    Location,
    Problem,
)
from dscheck.catalogue.metrics import COMMON, FIELDS
from dscheck.catalogue.precision import half_unit
from dscheck.collector import paused

DEFAULT_TIMEZONE = "America/New_York"
# About 150,000 claims, and some 30 s of parsing: a catalogue larger than this is a mistake, not a catalogue.
MAX_BYTES = 32 * 1024 * 1024
MAX_NODES = 5_000_000  # values in one catalogue
MAX_ALIASED = 100_000  # values reached again through aliases: stops a "billion laughs" early
MAX_DEPTH = 64
MAX_PROBLEMS = 100  # a catalogue this broken needs its first problems fixed, not a list of all of them
MAX_HINTS = 10  # "did you mean" searches (each one scans every article id) for the first problems only
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # control characters, all but tab and line feed
# Characters YAML does not allow in a document (control characters, surrogates, U+FFFE and U+FFFF).
_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = yaml.constructor.SafeConstructor()
_MERGE = "tag:yaml.org,2002:merge"
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
}


def load(path: str | Path) -> Catalogue:
    """Load and validate the catalogue at `path`."""
    path = Path(path)
    name = str(path)
    try:
        limit = f"a catalogue may be at most {MAX_BYTES:,} bytes ({MAX_BYTES >> 20} MiB)"
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _error(name, 1, 1, f"the file is {size:,} bytes; {limit}")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # /dev/zero and pipes say size 0 and never end
        if len(data) > MAX_BYTES:
            raise _error(name, 1, 1, f"the file holds more than {MAX_BYTES:,} bytes; {limit}")
    except FileNotFoundError:
        raise _error(name, 1, 1, "no such file; pass the path of a catalogue such as claims.yaml") from None
    except IsADirectoryError:
        raise _error(name, 1, 1, "is a folder, not a catalogue file") from None
    except OSError as exc:
        raise _error(name, 1, 1, f"cannot read the file: {exc.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _error(name, line, column, "the file is not UTF-8 text") from None
    return loads(text, name)


def loads(text: str, name: str = "<catalogue>") -> Catalogue:
    """Validate catalogue text; `name` is used in the locations of problems."""
    try:
        return _loads(text, name)
    except CatalogueError as exc:
        # Messages quote the catalogue's text: escaped and cut short, a value cannot break a message into
        # several lines or send a terminal escape sequence.
        raise CatalogueError([Problem(p.location, _printable(p.message)) for p in exc.problems]) from None


def _printable(message: str, limit: int = 400) -> str:
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in message)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _loads(text: str, name: str) -> Catalogue:
    bad = _FORBIDDEN.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        if bad.group() == "\x00":
            raise _error(name, line, column, "the file holds binary data (a NUL byte), not YAML text")
        raise _error(name, line, column, f"character U+{ord(bad.group()):04X} is not allowed in YAML text")
    with paused():
        quick = halves.read(text, name, _Loader, max_nodes=MAX_NODES, max_depth=MAX_DEPTH)
        if quick is not None:  # plain YAML: read from the parser's events, without the node graph
            try:
                _check_schema(*quick)
                return _build(*quick)
            except CatalogueError:
                pass  # read again the full way below, which places every problem exactly
    try:
        _check_depth(text)  # before compose: libyaml's composer recurses in C and would crash the process
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if isinstance(exc, _TooDeep):
            raise _error(name, *where, exc.problem) from None
        if exc.problem == _LIBYAML_TOO_DEEP:  # libyaml 0.2.6 and later stop at their own depth, reading ahead
            raise _error(name, *where, f"the YAML is nested more than {MAX_DEPTH} levels deep") from None
        problem = exc.problem or exc.context or "not valid YAML"
        raise _error(name, *where, f"not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise _error(name, 1, 1, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise _error(name, 1, 1, "the YAML is nested too deeply") from None
    if root is None:
        raise _error(name, 1, 1, 'the file is empty; a catalogue starts with "dscheck: 1"')
    tree = _Tree(name)
    data = tree.convert(root, ())
    _check_schema(data, tree)
    return _build(data, tree)


def _error(name: str, line: int, column: int, message: str) -> CatalogueError:
    return CatalogueError([Problem(Location(name, line, column), message)])


class _TooDeep(yaml.MarkedYAMLError):
    pass


# What libyaml (from 0.2.6, in PyYAML 6.0.4 and later) says when nesting passes its own limit of 1,000 levels.
# Its scanner reads ahead of the events, so a file nested that deep can stop there before _check_depth does.
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


def _check_depth(text: str) -> None:
    """Stop at the first collection nested deeper than MAX_DEPTH, reading events (libyaml parses without recursing)."""
    depth = 0
    opens, closes = (yaml.SequenceStartEvent, yaml.MappingStartEvent), (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    for event in yaml.parse(text, Loader=_Loader):
        kind = event.__class__
        if kind in opens:
            depth += 1
            if depth > MAX_DEPTH:
                raise _TooDeep(problem=f"the YAML is nested more than {MAX_DEPTH} levels deep", problem_mark=event.start_mark)
        elif kind in closes:
            depth -= 1


class _Tree:
    """Plain data from YAML nodes, remembering where each value and key stood and how it was written."""

    def __init__(self, name: str):
        self.name = name
        self.where: dict[tuple, Location] = {}
        self.key_where: dict[tuple, Location] = {}
        self.text: dict[tuple, str] = {}
        self._nodes = 0
        self._aliased = 0  # values visited inside a collection seen before (an alias to it)
        self._inside_alias = 0
        self._seen: set[int] = set()
        self._stack: set[int] = set()
        self._merged: dict[int, list] = {}  # mapping with merge keys -> its pairs, merges resolved
        self._merging: set[int] = set()

    def at(self, path: tuple, key: bool = False) -> Location:
        """The location of the value at `path` (or of its key), else of the nearest enclosing value."""
        table = self.key_where if key else self.where
        while path not in table and path:
            path = path[:-1]
            table = self.where
        return table.get(path, Location(self.name, 1, 1))

    def _loc(self, node: yaml.Node) -> Location:
        return Location(self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def convert(self, node: yaml.Node, path: tuple) -> Any:
        self._nodes += 1
        self._aliased += self._inside_alias > 0
        if self._nodes > MAX_NODES or self._aliased > MAX_ALIASED:
            raise CatalogueError([Problem(self._loc(node), "too many values (an alias expanding without end?)")])
        if len(path) > MAX_DEPTH:
            raise CatalogueError([Problem(self._loc(node), "the YAML is nested too deeply")])
        self.where[path] = self._loc(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if node.tag not in ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"):
            raise CatalogueError([Problem(self._loc(node), f"unsupported YAML tag {node.tag!r}")])
        if id(node) in self._stack:
            raise CatalogueError([Problem(self._loc(node), "an alias refers to itself")])
        again = id(node) in self._seen
        self._seen.add(id(node))
        self._stack.add(id(node))
        self._inside_alias += again
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
            return self._mapping(node, path)
        finally:
            self._stack.discard(id(node))
            self._inside_alias -= again

    def _scalar(self, node: yaml.ScalarNode, path: tuple) -> Any:
        self.text[path] = node.value
        if node.tag not in _PLAIN_TAGS:
            raise CatalogueError([Problem(self._loc(node), f"unsupported YAML tag {node.tag!r}")])
        # Dates and clock times stay as written: YAML 1.1 reads 10:00 as the number 600.
        if node.tag == "tag:yaml.org,2002:timestamp" or (
            node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and ":" in node.value
        ):
            return node.value
        try:
            return _SCALARS.yaml_constructors[node.tag](_SCALARS, node)
        except (ValueError, OverflowError):
            return node.value

    def _pairs(self, node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
        """The mapping's pairs, each merge key (<<) replaced by the pairs it brings in.

        Unlike PyYAML's flatten_mapping, every merged pair counts as a value reached through an alias
        before it is copied: chained merges would otherwise grow a small file into gigabytes.
        """
        if not any(key.tag == _MERGE for key, _ in node.value):
            return node.value
        if id(node) in self._merged:
            return self._merged[id(node)]
        if id(node) in self._merging:
            raise CatalogueError([Problem(self._loc(node), "a merge key (<<) refers to its own mapping")])
        self._merging.add(id(node))
        merged, own = [], []
        try:
            for key, value in node.value:
                if key.tag != _MERGE:
                    own.append((key, value))
                    continue
                # PyYAML's order: the mappings of a merged list are taken last to first.
                sources = value.value[::-1] if isinstance(value, yaml.SequenceNode) else [value]
                for source in sources:
                    if not isinstance(source, yaml.MappingNode):
                        raise CatalogueError(
                            [Problem(self._loc(source), "bad merge key: << takes a mapping or a list of mappings")]
                        )
                    pairs = self._pairs(source)
                    self._aliased += len(pairs)
                    if self._aliased > MAX_ALIASED:
                        raise CatalogueError([Problem(self._loc(key), "too many values (an alias expanding without end?)")])
                    merged.extend(pairs)
        finally:
            self._merging.discard(id(node))
        self._merged[id(node)] = merged + own
        return self._merged[id(node)]

    def _mapping(self, node: yaml.MappingNode, path: tuple) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in self._pairs(node):
            if not isinstance(key_node, yaml.ScalarNode):
                raise CatalogueError([Problem(self._loc(key_node), "a key must be plain text")])
            key = key_node.value
            if key in result:
                first = self.key_where[path + (key,)]
                raise CatalogueError(
                    [Problem(self._loc(key_node), f'duplicate key "{key}" (first at line {first.line})')]
                )
            self.key_where[path + (key,)] = self._loc(key_node)
            result[key] = self.convert(value_node, path + (key,))
        return result


@cache
def _schema() -> dict:
    """The schema itself, read only to explain a problem (a valid catalogue never needs it)."""
    from importlib import resources

    return json.loads(resources.files("dscheck.catalogue").joinpath("schema.json").read_text("utf-8"))


@cache
def _validator():
    # schema.json compiled ahead of time (schema_code.py): compiling it here cost each run about 25 ms.
    from dscheck.catalogue.compiled_schema import validate

    return validate


def _check_schema(data: Any, tree: _Tree) -> None:
    import fastjsonschema

    try:
        _validator()(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        path = tuple(int(p) if p.isdigit() else p for p in exc.path[1:])
        location, message = _explain(exc, path, data, tree)
        raise CatalogueError([Problem(location, message)]) from None


def _schema_at(path: tuple) -> dict:
    """The part of the schema that describes the value at `path`."""
    schema = _schema()
    node = schema
    for step in path:
        if "$ref" in node:
            node = schema["definitions"][node["$ref"].rsplit("/", 1)[1]]
        if isinstance(step, int):
            node = node.get("items", {})
        else:
            props = node.get("properties", {})
            node = props[step] if step in props else node.get("additionalProperties") or {}
    if "$ref" in node:
        node = schema["definitions"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _value_at(data: Any, path: tuple) -> Any:
    for step in path:
        data = data[step]
    return data


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""


def _what(path: tuple) -> str:
    named = [p for p in path if isinstance(p, str)]
    return f'"{named[-1]}"' if named else "the catalogue"


def _explain(exc, path: tuple, data: Any, tree: _Tree) -> tuple[Location, str]:
    rule, definition, value = exc.rule, exc.rule_definition, exc.value
    if rule == "propertyNames":
        bad = next((k for k in value if not re.match(r"^[a-z0-9][a-z0-9-]*$", k)), "?")
        return tree.at(path + (bad,), key=True), f'article id "{bad}" must be lowercase letters, digits and hyphens'
    if rule == "additionalProperties":
        known = _schema_at(path).get("properties", {})
        unknown = [k for k in value if k not in known]
        key = unknown[0] if unknown else "?"
        where = "claim" if len(path) == 2 and path[0] == "claims" else _what(path)
        return tree.at(path + (key,), key=True), f'unknown field "{key}" in {where}{_suggest(key, known)}'
    if rule == "required":
        missing = [k for k in definition if k not in value]
        return tree.at(path), f'missing field "{missing[0]}"'
    if rule == "type":
        kinds = definition if isinstance(definition, list) else [definition]
        wanted = " or ".join(_TYPE_NAMES.get(k, k) for k in kinds)
        return tree.at(path), f"{_what(path)} must be {wanted}, not {_show(value, tree.text.get(path))}"
    if rule == "enum":
        choices = ", ".join(str(c) for c in definition)
        hint = _suggest(str(value), [str(c) for c in definition])
        return tree.at(path), f"{_what(path)} must be one of {choices}, not {_show(value, tree.text.get(path))}{hint}"
    if rule == "const":
        return tree.at(path), f"{_what(path)} must be {json.dumps(definition)}; this is format version 1"
    if rule == "pattern":
        field = path[-1] if path else ""
        wanted = {
            "id": "lowercase letters, digits and hyphens",
            "date": "a date written YYYY-MM-DD",
            "time": 'a time written "HH:MM"',
            "subject": "a Yahoo Finance symbol such as NVDA, ^IXIC or JPY=X",
            "baseline": "previous_close, open, or a date written YYYY-MM-DD",
        }.get(field, f"text matching {definition}")
        return tree.at(path), f"{_what(path)} must be {wanted}, not {_show(value, tree.text.get(path))}"
    if rule in ("minimum", "exclusiveMinimum", "maximum"):
        word = {"minimum": "at least", "exclusiveMinimum": "more than", "maximum": "at most"}[rule]
        return tree.at(path), f"{_what(path)} must be {word} {definition}, not {_show(value, tree.text.get(path))}"
    if rule == "minLength":
        return tree.at(path), f"{_what(path)} must not be empty"
    message = exc.message.replace("data.", "", 1).replace("data ", "the catalogue ", 1)
    return tree.at(path), message


def _show(value: Any, text: str | None) -> str:
    if text is not None and not isinstance(value, (dict, list)):
        shown = text
    elif isinstance(value, dict):
        return "a mapping"
    elif isinstance(value, list):
        return "a list"
    else:
        shown = str(value)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    return f'"{shown}"'


_PERIOD = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_ANY_MARKET_CLAIM = COMMON | {"id", "article", "quote", "gloss", "tags", "kind"}  # fields every metric takes


def _build(data: dict, tree: _Tree) -> Catalogue:
    problems: list[Problem] = []

    def problem(path: tuple, message: str, key: bool = False) -> None:
        problems.append(Problem(tree.at(path, key), message))
        if len(problems) == MAX_PROBLEMS:
            stop = Problem(problems[-1].location, f"stopped after {MAX_PROBLEMS} problems; fix these and run again")
            raise CatalogueError([*problems, stop])

    default_tz = data.get("timezone", DEFAULT_TIMEZONE)
    if not _zone_ok(default_tz):
        problem(("timezone",), f'unknown time zone "{default_tz}"; use an IANA name such as America/New_York')

    articles = {
        key: Article(id=key, **{k: str(v) for k, v in (fields or {}).items()})
        for key, fields in (data.get("articles") or {}).items()
    }
    for key, fields in (data.get("articles") or {}).items():
        for field, text in (fields or {}).items():
            _check_text(text, ("articles", key, field), problem)
    claims: list[Claim] = []
    first_seen: dict[str, int] = {}  # claim id -> index of its first claim (placed only when repeated)
    for index, raw in enumerate(data["claims"]):
        path = ("claims", index)
        before = len(problems)
        texts = [raw[field] for field in ("quote", "gloss", "reason") if field in raw] + list(raw.get("tags") or ())
        if _CONTROL.search("\n".join(texts)):  # rare: then look field by field for where it is
            for field in ("quote", "gloss", "reason"):
                if field in raw:
                    _check_text(raw[field], path + (field,), problem)
            for i, tag in enumerate(raw.get("tags") or ()):
                _check_text(tag, path + ("tags", i), problem)
        claim_id = raw["id"]
        if claim_id in first_seen:
            first = tree.at(("claims", first_seen[claim_id], "id"))
            problem(path + ("id",), f'duplicate claim id "{claim_id}" (first at line {first.line})')
        else:
            first_seen[claim_id] = index
        if raw["article"] not in articles:
            if not articles:
                hint = '; list it under "articles:" first'
            else:
                hint = _suggest(raw["article"], articles) if len(problems) < MAX_HINTS else ""
            problem(path + ("article",), f'unknown article "{raw["article"]}"{hint}')
        fields = _claim_fields(raw, path, default_tz, tree, problem)
        if len(problems) == before:
            fields["id"], fields["location"] = ClaimId(claim_id), tree.at(path)
            claims.append(Claim.from_fields(fields))
    if problems:
        raise CatalogueError(problems)
    return Catalogue(path=tree.name, timezone=default_tz, articles=articles, claims=tuple(claims))


def _claim_fields(raw: dict, path: tuple, default_tz: str, tree: _Tree, problem) -> dict:
    common = {
        "article": raw["article"],
        "quote": raw["quote"],
        "gloss": raw.get("gloss"),
        "tags": tuple(raw.get("tags") or ()),
    }
    kind = raw.get("kind", "market")
    if kind == "external":
        for key in raw:
            if key in COMMON or any(key in f.options for f in FIELDS.values()):
                problem(path + (key,), f'field "{key}" has no meaning for an external claim', key=True)
        if "reason" not in raw:
            problem(path, 'an external claim needs a "reason": why market data cannot check it')
        return {**common, "kind": "external", "reason": raw.get("reason")}

    if "reason" in raw:
        problem(path + ("reason",), '"reason" belongs to external claims; add "kind: external" or remove it', key=True)
    for key in ("subject", "metric", "value", "date"):
        if key not in raw:
            problem(path, f'missing field "{key}" (a market claim needs subject, metric, value and date)')
    if "metric" not in raw:
        return {}
    metric = raw["metric"]
    spec = FIELDS[metric]
    stray = raw.keys() - _ANY_MARKET_CLAIM - spec.options
    for key in (k for k in raw if k in stray) if stray else ():  # in the order written
        owners = sorted(m for m, f in FIELDS.items() if key in f.options)
        problem(path + (key,), f'field "{key}" has no meaning for metric {metric} (it goes with {", ".join(owners)})', key=True)

    fields: dict[str, Any] = {**common, "subject": raw.get("subject"), "metric": metric}
    value, value_path = raw.get("value"), path + ("value",)
    text = tree.text.get(value_path, str(value))
    if spec.value == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problem(value_path, f"value must be a number for metric {metric}, not {_show(value, text)}")
        elif not _finite(value):
            problem(value_path, f"value must be a finite number, not {_show(value, text)}")
        else:
            fields["value"], fields["value_text"] = float(value), text
            try:
                half_unit(text)
            except ValueError:
                problem(value_path, f"value {text} is not written as a plain number")
    elif spec.value == "direction" and "value" in raw:
        if value not in ("up", "down"):
            problem(value_path, f"value must be up or down for metric direction, not {_show(value, text)}")
        fields["value"] = value
    elif "value" in raw:
        if not isinstance(value, str) or not _PERIOD.match(value) or not _date_ok(value if len(value) == 10 else value + "-01"):
            problem(value_path, f"value must be a month (YYYY-MM) or a date (YYYY-MM-DD) for metric {metric}, not {_show(value, text)}")
        fields["value"] = value

    if "date" in raw:
        try:
            fields["date"] = dt.date.fromisoformat(raw["date"])
        except ValueError:
            problem(path + ("date",), f'"{raw["date"]}" is not a calendar date')
    if "time" in raw:
        parts = [int(p) for p in raw["time"].split(":")]
        try:
            fields["time"] = dt.time(*parts)
        except ValueError:
            problem(path + ("time",), f'"{raw["time"]}" is not a time of day (00:00 to 23:59)')
    zone = raw.get("timezone", default_tz)
    if "timezone" in raw and not _zone_ok(zone):
        problem(path + ("timezone",), f'unknown time zone "{zone}"; use an IANA name such as America/New_York')
    fields["timezone"] = zone
    baseline = raw.get("baseline", "previous_close")
    if baseline not in ("previous_close", "open") and not _date_ok(baseline):
        problem(path + ("baseline",), f'"{baseline}" is not a calendar date')
    fields["baseline"] = baseline
    tolerance = raw.get("tolerance")
    if tolerance is not None and not _finite(tolerance):
        problem(path + ("tolerance",), "tolerance must be a finite number")
    min_pct = raw.get("min_pct")
    if min_pct is not None and not _finite(min_pct):
        problem(path + ("min_pct",), "min_pct must be a finite number")
    for key in ("qualifier", "extreme", "invert", "window"):
        if key in raw:
            fields[key] = raw[key]
    if "window" in raw:
        fields["window"] = int(raw["window"])  # JSON Schema counts 20.0 as an integer; slices do not
    fields["tolerance"] = float(tolerance) if tolerance is not None and _finite(tolerance) else None
    fields["min_pct"] = float(min_pct) if min_pct is not None and _finite(min_pct) else None
    return fields


def _check_text(text: str, path: tuple, problem) -> None:
    """Free text may not hold control characters: a terminal showing the report would act on them.

    YAML refuses them written raw; a double-quoted escape ("\\e", "\\r") is the only way in."""
    control = _CONTROL.search(text)
    if control:
        problem(path, f"text may not hold control characters (U+{ord(control.group()):04X} here)")


def _finite(number: float) -> bool:
    """False for NaN, the infinities, and whole numbers too large for a float (1 followed by 400 zeros)."""
    try:
        return math.isfinite(number)
    except OverflowError:
        return False


def _date_ok(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _zone_ok(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
