"""The on-disk cache of fetched bars: one checked file per symbol and interval, with the date spans it answers for."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from dscheck.files import atomic_write, locked
from dscheck.market.archive import decode_bars, encode_bars
from dscheck.market.interface import INTERVALS, SYMBOL, Bar, Request, Series, Unavailable

FORMAT = "dscheck.cache/v1"
BARS = "bars"
# The catalogue schema's own rule for symbols; it also keeps a symbol from naming a path outside the cache.


def default_dir() -> Path:
    """The platform's cache folder for dscheck (~/.cache/dscheck on Linux)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("dscheck", appauthor=False))


class CacheDamaged(Exception):
    """A cache file that cannot be trusted; the message names it and says why."""


@dataclass(frozen=True)
class Span:
    """One answer the cache keeps: the bars of trading dates start..end, or the source's settled refusal."""

    start: dt.date
    end: dt.date
    fetched: dt.datetime
    final: bool  # fetched after every session of the span had closed, so the answer will not change
    refused: str = ""  # the reason, when the source refused (unknown symbol, interval no longer served)
    missing: tuple[dt.date, ...] = ()  # sessions of the span the calendar lists but the source had no bar for

    def to_json(self) -> dict:
        data = {"start": self.start.isoformat(), "end": self.end.isoformat(), "fetched": self.fetched.isoformat(),
                "final": self.final}
        if self.refused:
            data["refused"] = self.refused
        if self.missing:
            data["missing"] = [d.isoformat() for d in self.missing]
        return data

    @classmethod
    def from_json(cls, data: dict) -> Span:
        fetched = dt.datetime.fromisoformat(data["fetched"])
        if fetched.tzinfo is None:
            raise ValueError("fetch time without a UTC offset")
        return cls(
            dt.date.fromisoformat(data["start"]),
            dt.date.fromisoformat(data["end"]),
            fetched,
            bool(data["final"]),
            str(data.get("refused", "")),
            tuple(dt.date.fromisoformat(d) for d in data.get("missing", ())),
        )

    def within(self, request: Request) -> bool:
        return request.start <= self.start and self.end <= request.end

    def covers(self, request: Request) -> bool:
        return self.start <= request.start and request.end <= self.end


@dataclass(frozen=True)
class Hit:
    """What the cache holds for a request: a series (possibly without bars) or a settled refusal."""

    answer: Series | Unavailable
    fetched: dt.datetime  # the oldest fetch the answer rests on
    final: bool


@dataclass
class _Entry:
    symbol: str
    interval: str
    source: str
    calendar: str | None
    snapshot_close: bool
    spans: list[Span]
    bars: list[Bar]


class Cache:
    """Fetched bars kept under `root`, reused by later runs; every file carries a checksum of its bars."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def file(self, symbol: str, interval: str) -> Path | None:
        if not SYMBOL.match(symbol) or interval not in INTERVALS:
            return None
        return self.root / BARS / f"{symbol}.{interval}.json"

    def get(self, request: Request, *, provisional: bool = False) -> Hit | None:
        """The cached answer covering the whole request, or None. Provisional answers (fetched before the
        span's sessions had all closed) count only when `provisional` is set (offline: better than nothing).

        Raises CacheDamaged for a file that fails its checks.
        """
        path = self.file(request.symbol, request.interval)
        if path is None:
            return None
        entry = self._read(path)
        if entry is None:
            return None
        usable = [s for s in entry.spans if s.final or provisional]
        with_bars = sorted((s for s in usable if not s.refused), key=lambda s: s.start)
        reach, used = request.start, []
        for span in with_bars:
            if span.start > reach:
                break
            if span.end >= reach:
                used.append(span)
                reach = span.end + dt.timedelta(days=1)
        if reach > request.end:
            bars = tuple(b for b in entry.bars if request.start <= b.session <= request.end)
            present = {b.session for b in bars}
            missing = frozenset(
                d for s in used for d in s.missing if request.start <= d <= request.end and d not in present
            )
            oldest = min(s.fetched for s in used)
            series = Series(
                symbol=request.symbol,
                interval=request.interval,
                bars=bars,
                source=f"cache {path.name}: {entry.source}, fetched {stamp(oldest)}",
                snapshot_close=entry.snapshot_close,
                missing_sessions=missing,
                calendar=entry.calendar,
            )
            return Hit(series, oldest, all(s.final for s in used))
        for span in usable:
            if span.refused and span.covers(request):
                reason = f"{span.refused} (answer of {stamp(span.fetched)}, kept in the cache; --refresh asks again)"
                return Hit(Unavailable(reason), span.fetched, span.final)
        return None

    def put(self, request: Request, answer: Series | Unavailable, fetched: dt.datetime, final: bool, source: str) -> None:
        """Keep an answer for the request's span: bars replace those the cache had for the span."""
        path = self.file(request.symbol, request.interval)
        if path is None:
            return
        # Read, merge and write under the cache's lock: two runs sharing a cache keep each other's spans.
        with locked(path.parent):
            self._merge(path, request, answer, fetched, final, source)

    def _merge(self, path: Path, request: Request, answer: Series | Unavailable, fetched: dt.datetime, final: bool, source: str) -> None:
        try:
            entry = self._read(path)
        except CacheDamaged:
            entry = None  # a damaged file is replaced, never merged with
        if entry is None:
            entry = _Entry(request.symbol, request.interval, source, None, False, [], [])
        if isinstance(answer, Series):
            span = Span(request.start, request.end, fetched, final, missing=tuple(sorted(answer.missing_sessions)))
            entry.bars = [b for b in entry.bars if not request.start <= b.session <= request.end]
            entry.bars.extend(b for b in answer.bars if request.start <= b.session <= request.end)
            entry.bars.sort(key=lambda b: (b.session, b.start or dt.datetime.min.replace(tzinfo=dt.timezone.utc)))
            entry.calendar, entry.snapshot_close, entry.source = answer.calendar, answer.snapshot_close, source
            # Answers wholly inside the new span are superseded by it.
            entry.spans = [s for s in entry.spans if not s.within(request)]
        else:
            span = Span(request.start, request.end, fetched, final, refused=answer.reason)
            entry.spans = [s for s in entry.spans if not (s.refused and s.within(request))]
        entry.spans.append(span)
        entry.spans.sort(key=lambda s: (s.start, s.end))
        atomic_write(path, self._encode(entry))

    # The file --------------------------------------------------------------------------------------

    @staticmethod
    def _encode(entry: _Entry) -> bytes:
        text = encode_bars(entry.bars).decode("utf-8")
        document = {
            "format": FORMAT,
            "symbol": entry.symbol,
            "interval": entry.interval,
            "source": entry.source,
            "calendar": entry.calendar,
            "snapshot_close": entry.snapshot_close,
            "spans": [s.to_json() for s in entry.spans],
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "bars": text,
        }
        return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")

    def _read(self, path: Path) -> _Entry | None:
        try:
            raw = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise CacheDamaged(f"{path} cannot be read ({exc.strerror})") from None
        try:
            document = json.loads(raw.decode("utf-8"))
            if not isinstance(document, dict) or document.get("format") != FORMAT:
                raise ValueError(f'not a dscheck cache file (expected "format": "{FORMAT}")')
            if [document["symbol"], document["interval"]] != path.name[: -len(".json")].rsplit(".", 1):
                raise ValueError("it names another symbol or interval than its file name")
            text = document["bars"]
            if hashlib.sha256(text.encode("utf-8")).hexdigest() != document["sha256"]:
                raise ValueError("its bars do not match their checksum (changed or truncated)")
            return _Entry(
                symbol=str(document["symbol"]),
                interval=str(document["interval"]),
                source=str(document["source"]),
                calendar=document["calendar"],
                snapshot_close=bool(document["snapshot_close"]),
                spans=[Span.from_json(s) for s in document["spans"]],
                bars=list(decode_bars(text.encode("utf-8"))),
            )
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CacheDamaged(f"{path} is not valid JSON ({exc})") from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CacheDamaged(f"{path} is damaged ({exc})") from None


def stamp(instant: dt.datetime) -> str:
    return instant.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
