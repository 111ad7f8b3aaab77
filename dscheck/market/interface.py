"""The market stage's contract: bars, series, what a source offers, and how it fails."""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# Bar lengths in seconds, finest first; "1d" is one trading session.
INTERVALS: dict[str, int] = {
    "1m": 60,
    "2m": 120,
    "5m": 300,
    "15m": 900,
    "30m": 1800,
    "1h": 3600,
    "90m": 5400,
    "1d": 86400,
}

# A Yahoo Finance symbol, as the catalogue schema allows it: it starts with a letter, digit or ^, so it is
# never "." or ".." when it becomes part of a URL path or a file name.
SYMBOL = re.compile(r"^[A-Za-z0-9^][A-Za-z0-9^=.\-]{0,19}$")

Progress = Callable[[str, int, int], None]  # (what, done, total)


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar. `start`/`end` are aware instants; a daily bar spans its session (None if unknown)."""

    session: dt.date
    start: dt.datetime | None
    end: dt.datetime | None
    open: float | None
    high: float | None
    low: float | None
    close: float | None
    volume: float | None


class DamagedBars(Exception):
    """A bar that cannot be decoded from its file, found when it is first read; the message names the file and line."""


class LazyBars(Sequence):
    """The bars of a file, each decoded the first time it is read: a run asks for a few sessions of a file that
    holds years of them. `sessions` gives every bar's trading date without decoding the rest of the bar, and
    `closes()` every close (ranking years of daily moves needs only those)."""

    __slots__ = ("_rows", "_decode", "_close", "_closes", "_made", "sessions")

    def __init__(
        self,
        rows: Sequence,
        sessions: Sequence[dt.date],
        decode: Callable[[int, object], Bar],
        close: Callable[[int, object], float | None],
    ):
        self._rows = rows
        self._decode = decode  # (index, row) -> Bar, or DamagedBars
        self._close = close  # (index, row) -> the bar's close, or DamagedBars
        self._closes: list[float | None] | None = None
        self._made: list[Bar | None] = [None] * len(rows)
        self.sessions = sessions

    def closes(self) -> list[float | None]:
        if self._closes is None:
            read = self._close
            self._closes = [read(i, row) if bar is None else bar.close for i, (row, bar) in enumerate(zip(self._rows, self._made))]
        return self._closes

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        bar = self._made[index]
        if bar is None:
            bar = self._made[index] = self._decode(index % len(self), self._rows[index])
        return bar

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"LazyBars({len(self)} bars)"


@dataclass(frozen=True)
class Series:
    """The bars of one symbol at one interval, from one source."""

    symbol: str
    interval: str
    bars: tuple[Bar, ...]
    source: str  # where the bars came from, in words a reader can follow
    snapshot_close: bool = False  # the daily "close" is a snapshot, not a closing price
    missing_sessions: frozenset[dt.date] = frozenset()  # sessions the market held but the data lacks
    calendar: str | None = None  # the trading calendar the sessions were taken from
    _by_session: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[dt.date, list[int]] = {}
        for i, day in enumerate(self.sessions()):
            index.setdefault(day, []).append(i)
        # Each session's first index and the indices of its bars; its bars are made when first asked for.
        self._by_session.update({day: (found[0], found) for day, found in index.items()})

    @property
    def first(self) -> dt.date | None:
        return self.bars[0].session if self.bars else None

    @property
    def last(self) -> dt.date | None:
        return self.bars[-1].session if self.bars else None

    def sessions(self) -> Sequence[dt.date]:
        """Every bar's trading date, in order."""
        return self.bars.sessions if isinstance(self.bars, LazyBars) else [bar.session for bar in self.bars]

    def closes(self) -> Sequence[float | None]:
        """Every bar's close, in order (from a file, without decoding the rest of each bar)."""
        return self.bars.closes() if isinstance(self.bars, LazyBars) else [bar.close for bar in self.bars]

    def session(self, day: dt.date) -> tuple[Bar, ...]:
        """The bars of one trading date, in time order."""
        found = self._by_session.get(day)
        if not found:
            return ()
        if isinstance(found[1], list):  # made once: a run asks for the same sessions again and again
            found = self._by_session[day] = (found[0], tuple(self.bars[i] for i in found[1]))
        return found[1]

    def position(self, day: dt.date) -> int | None:
        """Index of the (first) bar of `day`, for stepping to earlier sessions."""
        found = self._by_session.get(day)
        return found[0] if found else None


@dataclass(frozen=True)
class Unavailable:
    """Why a source could not give a series; `damaged` when it had one but it failed its check.

    `retry` when the answer may differ on a later try (no network, rate limit, server error) rather than
    being the source's settled answer (unknown symbol, interval no longer served, no bars in that span).
    """

    reason: str
    damaged: bool = False
    retry: bool = False


@dataclass(frozen=True)
class Request:
    """Bars wanted: a symbol at an interval, for trading dates start..end inclusive."""

    symbol: str
    interval: str
    start: dt.date
    end: dt.date


class MarketDataError(Exception):
    """The source as a whole cannot be used (no archive, unreadable manifest)."""


class MarketData(ABC):
    """A source of bars. Implementations: the evidence archive, the live yfinance path."""

    @abstractmethod
    def intervals(self, symbol: str, day: dt.date) -> tuple[str, ...]:
        """The intervals this source can give for `symbol` on `day`, finest first."""

    @abstractmethod
    def load(
        self, requests: Sequence[Request], progress: Progress | None = None
    ) -> dict[tuple[str, str], Series | Unavailable]:
        """Fetch every request at once, keyed by (symbol, interval)."""
