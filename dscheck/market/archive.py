"""The evidence archive: a folder of bar files and a manifest that vouches for each one."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dscheck.files import atomic_write
from dscheck.market.interface import (
    INTERVALS,
    Bar,
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


def write(root: Path, items: Sequence[tuple[Entry, bytes]]) -> None:
    """Add or replace bar files in the archive at `root`; the manifest is written last."""
    manifest = read_manifest(root) if (root / MANIFEST).exists() else {}
    for entry, data in items:
        atomic_write(root / entry.file, data)
        manifest[entry.file] = entry
    document = {
        "format": FORMAT,
        "files": {name: manifest[name].to_json() for name in sorted(manifest)},
    }
    atomic_write(root / MANIFEST, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


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
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise MarketDataError(f'{path}: not a dscheck evidence manifest (expected "format": "{FORMAT}")')
    try:
        return {name: Entry.from_json(data) for name, data in document["files"].items()}
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise MarketDataError(f"{path}: the manifest is damaged ({exc})") from None


def _float(text: str) -> float | None:
    return float(text) if text else None


def decode_bars(data: bytes) -> tuple[Bar, ...]:
    rows = csv.reader(io.StringIO(data.decode("utf-8")))
    header = next(rows, None)
    if tuple(header or ()) != COLUMNS:
        raise ValueError(f"unexpected header {header}")
    parse_date, parse_instant = dt.date.fromisoformat, dt.datetime.fromisoformat
    return tuple(
        Bar(
            parse_date(session),
            parse_instant(start) if start else None,
            parse_instant(end) if end else None,
            _float(o),
            _float(h),
            _float(low),
            _float(c),
            _float(v),
        )
        for session, start, end, o, h, low, c, v in rows
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
        if entry is None:
            have = sorted(e.interval for e in self.manifest.values() if e.symbol == symbol)
            if have:
                return Unavailable(f"the evidence archive has {', '.join(have)} bars for {symbol} but no {interval} bars")
            return Unavailable(f"the evidence archive has no bars for {symbol}")
        problem, data = self._verified(entry)
        if problem:
            return Unavailable(problem, damaged=True)
        try:
            bars = decode_bars(data)
        except (ValueError, UnicodeDecodeError) as exc:
            return Unavailable(f"{self.root / name} cannot be read ({exc})", damaged=True)
        return Series(
            symbol=symbol,
            interval=interval,
            bars=bars,
            source=f"evidence {name} ({entry.source})",
            snapshot_close=entry.snapshot_close,
            missing_sessions=frozenset(dt.date.fromisoformat(d) for d in entry.missing_sessions),
            calendar=entry.calendar,
        )

    def _verified(self, entry: Entry) -> tuple[str | None, bytes]:
        path = self.root / entry.file
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return f"{path} is listed in the manifest but missing", b""
        except OSError as exc:
            return f"{path} cannot be read ({exc.strerror})", b""
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            return f"{path} does not match its manifest checksum (changed or truncated); it was not used", b""
        return None, data

    def check(self) -> list[str]:
        """Every problem with the archive: damaged or missing files, and files the manifest does not know."""
        problems = [p for entry in self.manifest.values() if (p := self._verified(entry)[0])]
        listed = set(self.manifest)
        bars_dir = self.root / BARS
        if bars_dir.is_dir():
            for path in sorted(bars_dir.iterdir()):
                rel = f"{BARS}/{path.name}"
                if rel not in listed and not path.name.startswith("."):
                    problems.append(f"{path} is not listed in the manifest")
        return problems
