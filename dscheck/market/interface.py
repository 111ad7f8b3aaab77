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
        for i, bar in enumerate(self.bars):
            index.setdefault(bar.session, []).append(i)
        # Each session's first index and its bars, made once: a run asks for the same sessions again and again.
        self._by_session.update({day: (found[0], tuple(self.bars[i] for i in found)) for day, found in index.items()})

    @property
    def first(self) -> dt.date | None:
        return self.bars[0].session if self.bars else None

    @property
    def last(self) -> dt.date | None:
        return self.bars[-1].session if self.bars else None

    def session(self, day: dt.date) -> tuple[Bar, ...]:
        """The bars of one trading date, in time order."""
        found = self._by_session.get(day)
        return found[1] if found else ()

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
