"""Import CSV bar exports (SYMBOL.INTERVAL.csv) into an evidence archive, with sessions from a trading calendar."""

from __future__ import annotations

import csv
import fnmatch
import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dscheck.market import archive
from dscheck.market.calendars import market_for, zone_name
from dscheck.market.interface import INTERVALS, Bar
from dscheck.market.sessions import RepeatedBar, place

_ALIASES = {
    "timestamp": "timestamp",
    "date": "timestamp",
    "datetime": "timestamp",
    "time": "timestamp",
    "open": "open",
    "high": "high",
    "low": "low",
    "close": "close",
    "volume": "volume",
}


class ImportFailed(Exception):
    """A file that cannot be imported, with file:line and what is wrong."""


@dataclass(frozen=True)
class Imported:
    file: str
    symbol: str
    interval: str
    rows: int
    calendar: str | None
    warnings: tuple[str, ...]


def parse_name(path: Path) -> tuple[str, str] | None:
    """NVDA.1d.csv -> ("NVDA", "1d"); 000660.KS.1h.csv -> ("000660.KS", "1h")."""
    stem = path.name[: -len(".csv")] if path.name.endswith(".csv") else None
    if not stem or "." not in stem:
        return None
    symbol, interval = stem.rsplit(".", 1)
    interval = {"60m": "1h"}.get(interval, interval)
    return (symbol, interval) if interval in INTERVALS and symbol else None


def import_folder(
    source_dir: Path,
    root: Path,
    *,
    source: str,
    adjustment: str,
    calendars: dict[str, str] | None = None,
    only: list[str] | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[list[Imported], list[str]]:
    """Import every SYMBOL.INTERVAL.csv in `source_dir`; returns what was imported and the files skipped.

    Nothing is written unless every file parses: a bad file stops the import with its file:line.
    """
    files = sorted(
        p for p in source_dir.iterdir()
        if p.suffix == ".csv" and (not only or any(fnmatch.fnmatchcase(p.name, pattern) for pattern in only))
    )
    skipped = [f"{p.name}: not named SYMBOL.INTERVAL.csv (e.g. NVDA.1d.csv)" for p in files if not parse_name(p)]
    named = [(p, parse_name(p)) for p in files if parse_name(p)]
    if not named:
        which = f" matching {', '.join(only)}" if only else ""
        raise ImportFailed(f"{source_dir}: no SYMBOL.INTERVAL.csv files{which} to import")
    # Daily files first: intraday bars take their sessions from the same calendar.
    named.sort(key=lambda item: (item[1][1] != "1d", item[0].name))
    stamp = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat()
    items, report = [], []
    for done, (path, (symbol, interval)) in enumerate(named, 1):
        market = market_for(symbol, calendars)
        rows = _read_rows(path)
        bars, missing, warnings = _to_bars(rows, interval, market.calendar, path.name)
        entry, data = archive.entry_for(
            symbol,
            interval,
            bars,
            source=source,
            timezone=zone_name(market.calendar),
            adjustment=adjustment,
            calendar=market.calendar,
            snapshot_close=market.snapshot_close and interval == "1d",
            missing_sessions=tuple(d.isoformat() for d in missing),
            fetched=stamp,
            note=market.note,
        )
        items.append((entry, data))
        report.append(Imported(path.name, symbol, interval, len(bars), market.calendar, tuple(warnings)))
        if progress:
            progress(path.name, done, len(named))
    archive.write(root, items)
    return report, skipped


def _read_rows(path: Path) -> list[tuple[int, str, list[float | None]]]:
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"{path}: cannot be read ({exc})") from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if not header:
        raise ImportFailed(f"{path}:1: the file is empty")
    columns = {}
    for index, name in enumerate(header):
        key = _ALIASES.get(name.strip().lower())
        if key and key not in columns:
            columns[key] = index
    missing = [c for c in ("timestamp", "open", "high", "low", "close", "volume") if c not in columns]
    if missing:
        raise ImportFailed(f"{path}:1: missing column(s) {', '.join(missing)}; expected timestamp,open,high,low,close,volume")
    rows = []
    for line, row in enumerate(reader, 2):
        if not row:
            continue
        try:
            stamp = row[columns["timestamp"]].strip()
            values = [_value(row[columns[c]]) for c in ("open", "high", "low", "close", "volume")]
        except IndexError:
            raise ImportFailed(f"{path}:{line}: too few fields") from None
        except ValueError as exc:
            raise ImportFailed(f"{path}:{line}: {exc}") from None
        if values[3] is None:
            raise ImportFailed(f"{path}:{line}: no close value")
        rows.append((line, stamp, values))
    if not rows:
        raise ImportFailed(f"{path}: no rows of bars")
    return rows


def _value(text: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    number = float(text)
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"{text!r} is not a price or volume")
    return number


def _to_bars(rows, interval: str, calendar: str | None, name: str) -> tuple[list[Bar], list[dt.date], list[str]]:
    daily = interval == "1d"
    stamps = []
    for line, stamp, _ in rows:
        try:
            if daily:
                stamps.append(dt.date.fromisoformat(stamp[:10]))
            else:
                instant = dt.datetime.fromisoformat(stamp)
                if instant.tzinfo is None:
                    raise ValueError
                stamps.append(instant)
        except ValueError:
            wanted = "a date YYYY-MM-DD" if daily else "an ISO time with its UTC offset (2025-01-27T09:30:00-05:00)"
            raise ImportFailed(f"{name}:{line}: timestamp {stamp!r} is not {wanted}") from None
    try:
        placed = place([(stamp, values) for stamp, (_, _, values) in zip(stamps, rows)], interval, calendar)
    except RepeatedBar as exc:
        raise ImportFailed(f"{name}:{rows[exc.index][0]}: a second bar for {exc.stamp}") from None
    warnings = [f"{day} is not a {calendar} session; kept without session times" for day in placed.off_calendar]
    return list(placed.bars), list(placed.missing), warnings
