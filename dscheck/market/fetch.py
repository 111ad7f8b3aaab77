"""`dscheck evidence fetch`: write into an evidence archive exactly the bars a catalogue's claims need."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from dscheck.catalogue.interface import Catalogue
from dscheck.market import archive
from dscheck.market.interface import Bar, Progress, Request, Series, Unavailable
from dscheck.market.layered import Layered

ADJUSTMENT = "split-adjusted, not dividend-adjusted (Yahoo's Close, yfinance auto_adjust=False)"


@dataclass
class Fetched:
    """What a fetch did, series by series."""

    root: Path
    written: list[str] = field(default_factory=list)  # "NVDA 1d: 12 bars, 10 Jan 2025 to 27 Jan 2025 (network)"
    present: list[str] = field(default_factory=list)  # series the archive already held for the claims' dates
    problems: list[str] = field(default_factory=list)  # series that could not be had, and why
    missing: list[str] = field(default_factory=list)  # of those, the ones a later try may get (network faults)
    notices: list[str] = field(default_factory=list)
    requests: int = 0  # (symbol, interval, span) groups the catalogue needs


def fetch(catalogue: Catalogue, root: Path, source: Layered, progress: Progress | None = None) -> Fetched:
    """Plan the catalogue's requests, take each from the archive, the cache or the network, and write what
    the archive lacked into it (extending files it has), with source, interval and fetch time in the manifest."""
    from dscheck.verdicts.engine import plan

    requests = plan(catalogue, source)
    loaded = source.load(requests, progress)
    report = Fetched(root, requests=len(requests))
    pieces: dict[str, list[tuple[Request, Series, dt.datetime]]] = {}
    for request in requests:
        answer = loaded[(request.symbol, request.interval)]
        origin = source.origin.get((request.symbol, request.interval))
        if isinstance(answer, Unavailable):
            report.problems.append(f"{request.symbol} {request.interval}: {answer.reason}")
            continue
        # The series may be a coarser one than planned, when Yahoo had none at the planned interval.
        got = Request(request.symbol, answer.interval, request.start, request.end)
        label = f"{got.symbol} {got.interval}" + (f" (for {request.interval})" if got.interval != request.interval else "")
        if origin is None or origin.kind == "evidence":
            if source.archive_covers(got):
                report.present.append(label)
            else:
                # The archive's own bars were used because nothing better could be had.
                reason = f"{label}: the archive holds only some of the dates the claims need, and the rest could not be fetched"
                report.problems.append(reason)
                report.missing.append(reason)
            continue
        pieces.setdefault(archive.file_name(got.symbol, got.interval), []).append((got, answer, origin.fetched or source.clock()))
        report.written.append(f"{label}: {len(answer.bars)} bars, {got.start} to {got.end} ({origin.kind})")
    items = [_entry(source.archive, group) for group in pieces.values()]
    if items:
        archive.write(root, items)
    report.missing += source.missing
    report.notices = list(source.notices)
    return report


def _entry(existing: archive.EvidenceArchive | None, group: list[tuple[Request, Series, dt.datetime]]) -> tuple[archive.Entry, bytes]:
    """One archive file from the fetched series of one symbol and interval, and what the archive had of it."""
    from dscheck.market.calendars import market_for, zone_name

    first_request, series, _ = group[0]
    name = archive.file_name(first_request.symbol, first_request.interval)
    old_entry = existing.manifest.get(name) if existing is not None else None
    old = existing.series(first_request.symbol, first_request.interval) if old_entry is not None else None
    spans = [(request.start, request.end) for request, _, _ in group]

    def inside(day: dt.date) -> bool:
        return any(a <= day <= b for a, b in spans)

    bars: dict[tuple, Bar] = {}
    missing: set[dt.date] = set()
    source = _source(series)
    if isinstance(old, Series):
        # Extend the file: its bars outside the fetched spans stay, the fetched ones replace the rest.
        bars.update(((b.session, b.start), b) for b in old.bars if not inside(b.session))
        missing |= {d for d in old.missing_sessions if not inside(d)}
        spans += old_entry.coverage() if old_entry.covers else [(old.first, old.last)]
        if old_entry.source != source:
            source = f"{old_entry.source}; {min(s for s, _ in spans[:len(group)])} to {max(e for _, e in spans[:len(group)])}: {source}"
    for request, fetched_series, _ in group:
        bars.update(((b.session, b.start), b) for b in fetched_series.bars)
        missing |= set(fetched_series.missing_sessions)
    ordered = sorted(bars.values(), key=lambda b: (b.session, b.start or dt.datetime.min.replace(tzinfo=dt.timezone.utc)))
    present = {b.session for b in ordered}
    fetched = min(when for _, _, when in group)
    entry, data = archive.entry_for(
        first_request.symbol,
        first_request.interval,
        ordered,
        source=source,
        timezone=zone_name(series.calendar),
        adjustment=ADJUSTMENT,
        calendar=series.calendar,
        snapshot_close=series.snapshot_close,
        missing_sessions=tuple(sorted(d.isoformat() for d in missing - present)),
        fetched=fetched.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat(),
        note=market_for(first_request.symbol).note,
        covers=tuple((a.isoformat(), b.isoformat()) for a, b in _merge(spans)),
    )
    return entry, data


def _source(series: Series) -> str:
    """The provider's words without the cache's prefix and the fetch time (the manifest records that apart)."""
    text = series.source.split(": ", 1)[1] if series.source.startswith("cache ") else series.source
    text = text.split(", fetched ", 1)[0]
    extra = ", pre- and post-market bars included" if series.interval != "1d" else ""
    return f"{text}{extra}"


def _merge(spans: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    merged: list[tuple[dt.date, dt.date]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged
