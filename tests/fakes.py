"""Hand-made bars and a fake market that subclasses the real interface."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dscheck.catalogue import loads
from dscheck.market.interface import INTERVALS, Bar, MarketData, Request, Series, Unavailable

NY = ZoneInfo("America/New_York")


def daily(day: str, o, h, low, c, v=1000.0, *, opens="09:30", closes="16:00", zone=NY) -> Bar:
    d = dt.date.fromisoformat(day)
    start = dt.datetime.combine(d, dt.time.fromisoformat(opens), zone)
    end = dt.datetime.combine(d, dt.time.fromisoformat(closes), zone)
    return Bar(d, start, end, o, h, low, c, v)


def intraday(stamp: str, interval: str, o, h, low, c, v=100.0, session: str | None = None) -> Bar:
    start = dt.datetime.fromisoformat(stamp)
    if start.tzinfo is None:
        start = start.replace(tzinfo=NY)
    day = dt.date.fromisoformat(session) if session else start.date()
    return Bar(day, start, start + dt.timedelta(seconds=INTERVALS[interval]), o, h, low, c, v)


def series(symbol: str, interval: str, bars, **kw) -> Series:
    return Series(symbol, interval, tuple(bars), source=f"fake {symbol} {interval}", **kw)


class FakeMarket(MarketData):
    """Serves the series it was given; counts what it was asked for."""

    def __init__(self, *all_series: Series):
        self.data = {(s.symbol, s.interval): s for s in all_series}
        self.loads: list[list[Request]] = []

    def intervals(self, symbol, day):
        return tuple(i for i in INTERVALS if (symbol, i) in self.data)

    def load(self, requests, progress=None):
        self.loads.append(list(requests))
        return {
            (r.symbol, r.interval): self.data.get((r.symbol, r.interval), Unavailable(f"no {r.symbol} {r.interval}"))
            for r in requests
        }


def catalogue(*claims: str, header: str = "") -> str:
    """A catalogue text with one article `a` and the given claim mappings (flow style)."""
    body = "\n".join(f"  - {{id: c{i}, article: a, quote: q, {c}}}" for i, c in enumerate(claims))
    return f"dscheck: 1\n{header}articles:\n  a: {{title: t}}\nclaims:\n{body}\n"


def verify_one(claim: str, *all_series: Series, header: str = ""):
    from dscheck.verdicts import verify

    cat = loads(catalogue(claim, header=header), "test.yaml")
    return verify(cat, FakeMarket(*all_series))[0]
