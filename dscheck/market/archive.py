"""The evidence archive: a folder of bar files and a manifest that vouches for each one."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dscheck.files import held_interrupts, locked, stage
from dscheck.market.interface import (
    INTERVALS,
    Bar,
    DamagedBars,
    LazyBars,
    MarketData,
    MarketDataError,
    Progress,
    Request,
    Series,
    Unavailable,
)

FORMAT = "dscheck.evidence/v1"
MANIFEST = "manifest.json"
BARS = "bars"
COLUMNS = ("session", "start", "end", "open", "high", "low", "close", "volume")


@dataclass(frozen=True)
class Entry:
    """What the manifest says of one bar file."""

    file: str  # relative to the archive root, e.g. bars/NVDA.1d.csv
    symbol: str
    interval: str
    sha256: str
    rows: int
    first: str
    last: str
    source: str
    timezone: str
    adjustment: str
    calendar: str | None = None
    snapshot_close: bool = False
    missing_sessions: tuple[str, ...] = ()
    fetched: str | None = None  # when the bars were fetched or imported (ISO instant)
    note: str = ""
    # Spans of trading dates (first, last) the file is complete for, when it was fetched for a catalogue.
    covers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_json(cls, data: dict) -> Entry:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["missing_sessions"] = tuple(known.get("missing_sessions", ()))
        known["covers"] = tuple((str(a), str(b)) for a, b in known.get("covers", ()))
        return cls(**known)

    def to_json(self) -> dict:
        data = dict(self.__dict__)
        data["missing_sessions"] = list(self.missing_sessions)
        if self.covers:
            data["covers"] = [list(span) for span in self.covers]
        else:
            del data["covers"]
        return data

    def coverage(self) -> list[tuple[dt.date, dt.date]]:
        """The dates the file answers for. An imported file answers for every date up to its last: what it
        lacks before its first bar is what whoever built it chose to leave out, not something to fetch."""
        if not self.covers:
            return [(dt.date.min, dt.date.fromisoformat(self.last))]
        return [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in self.covers]


def file_name(symbol: str, interval: str) -> str:
    return f"{BARS}/{symbol}.{interval}.csv"


# Writing -------------------------------------------------------------------------------------


def _number(value: float | None) -> str:
    # repr keeps the shortest text that reads back as the same float: no digit is lost or invented.
    return "" if value is None else repr(float(value))


def encode_bars(bars: Iterable[Bar]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for bar in bars:
        writer.writerow(
            [
                bar.session.isoformat(),
                bar.start.isoformat() if bar.start else "",
                bar.end.isoformat() if bar.end else "",
                *(_number(v) for v in (bar.open, bar.high, bar.low, bar.close)),
                "" if bar.volume is None else _volume(bar.volume),
            ]
        )
    return out.getvalue().encode("utf-8")


def _volume(volume: float) -> str:
    return str(int(volume)) if float(volume).is_integer() else repr(float(volume))


def entry_for(symbol: str, interval: str, bars: Sequence[Bar], **provenance) -> tuple[Entry, bytes]:
    """A bar file's bytes and the manifest entry that vouches for them (checksum, rows, first and last session)."""
    data = encode_bars(bars)
    entry = Entry(
        file=file_name(symbol, interval),
        symbol=symbol,
        interval=interval,
        sha256=hashlib.sha256(data).hexdigest(),
        rows=len(bars),
        first=bars[0].session.isoformat(),
        last=bars[-1].session.isoformat(),
        **provenance,
    )
    return entry, data


def write(root: Path, items: Sequence[tuple[Entry, bytes]]) -> None:
    """Add or replace bar files in the archive at `root`: all of them, or none.

    Each file is first written under a hidden name beside its place. Then, holding the archive's lock
    (so that a concurrent import's entries are merged, not lost) and with Ctrl-C held back, the manifest
    is read afresh and every file, the new manifest last, is renamed into place.
    """
    for entry, _ in items:
        problem = _entry_problem(entry.file, entry.to_json())
        if problem:
            raise ValueError(f"refusing to write {entry.file!r} into an evidence archive: {problem}")
    staged: list[tuple[Path, Path]] = []
    try:
        for entry, data in items:
            with held_interrupts():  # Ctrl-C between the two steps would leave a staged file no one removes
                staged.append((stage(root / entry.file, data), root / entry.file))
        with locked(root), held_interrupts():
            manifest = read_manifest(root) if (root / MANIFEST).exists() else {}
            manifest.update((entry.file, entry) for entry, _ in items)
            document = {
                "format": FORMAT,
                "files": {name: manifest[name].to_json() for name in sorted(manifest)},
            }
            text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
            staged.append((stage(root / MANIFEST, text.encode("utf-8")), root / MANIFEST))
            for tmp, final in staged:
                os.replace(tmp, final)
            staged = []
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)


# Reading -------------------------------------------------------------------------------------


def read_manifest(root: Path) -> dict[str, Entry]:
    path = root / MANIFEST
    if not root.is_dir():
        raise MarketDataError(
            f"no evidence archive at {root}: the folder does not exist. "
            "Build one with `dscheck evidence import DIR`, or name another with --evidence"
        )
    try:
        document = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise MarketDataError(
            f"no evidence archive at {root}: {MANIFEST} is missing. "
            "Build one with `dscheck evidence import DIR`, or name another with --evidence"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MarketDataError(f"{path}: the manifest cannot be read ({exc})") from None
    except RecursionError:
        raise MarketDataError(f"{path}: the manifest cannot be read (nested too deeply)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise MarketDataError(f'{path}: not a dscheck evidence manifest (expected "format": "{FORMAT}")')
    files = document.get("files")
    if not isinstance(files, dict):
        raise MarketDataError(f'{path}: the manifest is damaged ("files" must map file names to entries)')
    for name, data in files.items():
        problem = _entry_problem(name, data)
        if problem:
            raise MarketDataError(
                f'{path}: the manifest is damaged (entry "{name}": {problem}); '
                "rebuild the archive, or restore the manifest from where the archive came from"
            )
    try:
        return {name: Entry.from_json(data) for name, data in document["files"].items()}
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise MarketDataError(f"{path}: the manifest is damaged ({exc})") from None


_HEX64 = re.compile(r"[0-9a-f]{64}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value) -> bool:
    try:
        return isinstance(value, str) and bool(_ISO_DATE.fullmatch(value)) and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def _entry_problem(name: str, data) -> str | None:
    """What is wrong with one manifest entry, or None.

    The manifest vouches for the files, so it is read as strictly as a catalogue: an entry must name its own
    file, that file must be bars/SYMBOL.INTERVAL.csv inside the archive (never ../ or an absolute path), and
    every field must have its type.
    """
    if not isinstance(data, dict):
        return "not an object"
    for key in ("file", "symbol", "interval", "sha256", "source", "timezone", "adjustment"):
        if not isinstance(data.get(key), str):
            return f'"{key}" must be text' if key in data else f'"{key}" is missing'
    symbol, interval = data["symbol"], data["interval"]
    if interval not in INTERVALS:
        return f'"interval" must be one of {", ".join(INTERVALS)}'
    if not symbol or symbol.startswith(".") or any(c in symbol for c in "/\\\0") or len(symbol) > 64:
        return f'"symbol" {symbol!r} cannot name a file in {BARS}/'
    if not (name == data["file"] == file_name(symbol, interval)):
        return f'the file must be {file_name(symbol, interval)}, not {data["file"]!r}'
    if not _HEX64.fullmatch(data["sha256"]):
        return '"sha256" must be 64 lowercase hexadecimal digits'
    if not isinstance(data.get("rows"), int) or isinstance(data["rows"], bool) or data["rows"] < 0:
        return '"rows" must be a whole number'
    if not (_iso_date(data.get("first")) and _iso_date(data.get("last"))):
        return '"first" and "last" must be dates written YYYY-MM-DD'
    for key in ("calendar", "fetched"):
        if data.get(key) is not None and not isinstance(data[key], str):
            return f'"{key}" must be text'
    if not isinstance(data.get("note", ""), str):
        return '"note" must be text'
    if not isinstance(data.get("snapshot_close", False), bool):
        return '"snapshot_close" must be true or false'
    missing = data.get("missing_sessions", [])
    if not isinstance(missing, list) or not all(_iso_date(d) for d in missing):
        return '"missing_sessions" must be a list of dates written YYYY-MM-DD'
    covers = data.get("covers", [])
    if not isinstance(covers, list) or not all(
        isinstance(span, list) and len(span) == 2 and all(_iso_date(d) for d in span) for span in covers
    ):
        return '"covers" must be a list of [first, last] date pairs'
    return None


def _float(text: str) -> float | None:
    return float(text) if text else None


def decode_bars(data: bytes) -> tuple[Bar, ...]:
    rows = csv.reader(io.StringIO(data.decode("utf-8")))
    header = next(rows, None)
    if tuple(header or ()) != COLUMNS:
        raise ValueError(f"unexpected header {header}")
    return tuple(_bar(*row) for row in rows)


def lazy_bars(data: bytes, path: object) -> LazyBars:
    """A bar file's rows, checked for shape and trading dates now and decoded bar by bar when read.

    The sessions are decoded at once (they index the series); a row whose other fields do not decode raises
    DamagedBars, naming `path` and its line, when a claim first reads it.
    """
    lines = data.decode("utf-8").splitlines()
    if not lines or tuple(lines[0].split(",")) != COLUMNS:
        raise ValueError(f"unexpected header {lines[0] if lines else ''!r}")
    rows = lines[1:]
    for number, row in enumerate(rows, 2):
        if row.count(",") != len(COLUMNS) - 1:
            raise ValueError(f"line {number} has {row.count(',') + 1} fields, not {len(COLUMNS)}")
    sessions = [dt.date.fromisoformat(row[: row.index(",")]) for row in rows]

    def decode(index: int, row: str) -> Bar:
        try:
            return _bar(*row.split(","))
        except ValueError as exc:
            raise DamagedBars(f"evidence file {path} cannot be read (line {index + 2}: {exc})") from None

    def close(index: int, row: str) -> float | None:
        try:
            return _float(row.rsplit(",", 2)[1])  # the close is the last column but one
        except ValueError as exc:
            raise DamagedBars(f"evidence file {path} cannot be read (line {index + 2}: {exc})") from None

    return LazyBars(rows, sessions, decode, close)


def _bar(session: str, start: str, end: str, o: str, h: str, low: str, c: str, v: str) -> Bar:
    parse_instant = dt.datetime.fromisoformat
    return Bar(
        dt.date.fromisoformat(session),
        parse_instant(start) if start else None,
        parse_instant(end) if end else None,
        _float(o),
        _float(h),
        _float(low),
        _float(c),
        _float(v),
    )


class EvidenceArchive(MarketData):
    """Bars from an evidence archive; each file is checked against its manifest checksum before use."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self._manifest: dict[str, Entry] | None = None
        self._cache: dict[str, Series | Unavailable] = {}

    @property
    def manifest(self) -> dict[str, Entry]:
        if self._manifest is None:
            self._manifest = read_manifest(self.root)
        return self._manifest

    def intervals(self, symbol: str, day: dt.date) -> tuple[str, ...]:
        offered = {e.interval for e in self.manifest.values() if e.symbol == symbol}
        return tuple(i for i in INTERVALS if i in offered)

    def load(
        self, requests: Sequence[Request], progress: Progress | None = None
    ) -> dict[tuple[str, str], Series | Unavailable]:
        keys = sorted({(r.symbol, r.interval) for r in requests})
        result = {}
        for done, (symbol, interval) in enumerate(keys, 1):
            result[(symbol, interval)] = self.series(symbol, interval)
            if progress:
                progress(f"{symbol} {interval}", done, len(keys))
        return result

    def series(self, symbol: str, interval: str) -> Series | Unavailable:
        name = file_name(symbol, interval)
        if name not in self._cache:
            self._cache[name] = self._read(name, symbol, interval)
        return self._cache[name]

    def _read(self, name: str, symbol: str, interval: str) -> Series | Unavailable:
        entry = self.manifest.get(name)
        problem, data = self._verified(entry) if entry else (None, b"")
        if problem or (entry is None and (self.root / name).exists()):
            # An import may have replaced or added the file and not yet the manifest: look again when it is done.
            entry, problem, data = self._settled(name)
            if entry is None and (self.root / name).exists():
                return Unavailable(f"evidence file {self.root / name} is not listed in the manifest; it was not used", damaged=True)
        if entry is None:
            have = sorted(e.interval for e in self.manifest.values() if e.symbol == symbol)
            if have:
                return Unavailable(f"the evidence archive has {', '.join(have)} bars for {symbol} but no {interval} bars")
            return Unavailable(f"the evidence archive has no bars for {symbol}")
        if problem:
            return Unavailable(problem, damaged=True)
        try:
            bars = lazy_bars(data, self.root / name)
        except (ValueError, UnicodeDecodeError) as exc:
            return Unavailable(f"evidence file {self.root / name} cannot be read ({exc})", damaged=True)
        return Series(
            symbol=symbol,
            interval=interval,
            bars=bars,
            source=f"evidence {name} ({entry.source})",
            snapshot_close=entry.snapshot_close,
            missing_sessions=frozenset(dt.date.fromisoformat(d) for d in entry.missing_sessions),
            calendar=entry.calendar,
        )

    def _settled(self, name: str) -> tuple[Entry | None, str | None, bytes]:
        """`name`'s entry and check once no import is writing the archive, with the manifest read afresh."""
        with locked(self.root, shared=True):
            self._manifest = read_manifest(self.root)
            entry = self._manifest.get(name)
            if entry is None:
                return None, None, b""
            return (entry, *self._verified(entry))

    def _verified(self, entry: Entry) -> tuple[str | None, bytes]:
        path = self.root / entry.file
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return f"evidence file {path} is listed in the manifest but missing", b""
        except OSError as exc:
            return f"evidence file {path} cannot be read ({exc.strerror})", b""
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            return f"evidence file {path} does not match its manifest checksum (changed or truncated); it was not used", b""
        return None, data

    def check(self) -> list[str]:
        """Every problem with the archive: damaged or missing files, and files the manifest does not know."""
        with locked(self.root, shared=True):  # an import in progress finishes first
            self._manifest = read_manifest(self.root)
            problems = [p for entry in self._manifest.values() if (p := self._verified(entry)[0])]
            listed = set(self._manifest)
            bars_dir = self.root / BARS
            if bars_dir.is_dir():
                for path in sorted(bars_dir.iterdir()):
                    rel = f"{BARS}/{path.name}"
                    if rel not in listed and not path.name.startswith("."):
                        problems.append(f"evidence file {path} is not listed in the manifest")
        return problems
