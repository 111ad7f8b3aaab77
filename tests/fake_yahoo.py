"""A local stand-in for Yahoo Finance's chart service, answering from the bundled evidence archive.

It speaks the chart endpoint (/v8/finance/chart/SYMBOL) in Yahoo's own JSON shape, plus the cookie and crumb
endpoints yfinance calls first; it counts what it is asked and can be told to misbehave (rate limits, server
errors, delays, malformed bodies) for one symbol or all. `routed_session` is the session handed to yfinance: a
subclass of dscheck's real session class that sends every Yahoo URL to this server instead, keeping the
original host in a header, so yfinance's own code runs unchanged and no real host name is touched.

By default it serves the bundled files as they are, gaps included (few symbols have 5m bars, none 1m), which is
what the tests of the provider's coarser fallback need. With `complete=True` it answers like Yahoo with full
data instead: every symbol it has a file for gets bars at every interval, those it has no file for being
synthetic (see `complete_series`), so the provider never has to fall back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import math
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from dscheck.market.archive import EvidenceArchive
from dscheck.market.interface import INTERVALS, Bar, Series
from dscheck.market.yahoo import SERVED_DAYS, session_class

EVIDENCE = Path(__file__).resolve().parent.parent / "evidence"
CRUMB = "fAkEcRuMb.1"
HOST_HEADER = "X-Yahoo-Host"

def _profile(symbol: str) -> tuple[str, str, str]:
    """What Yahoo reports for a kind of symbol: exchangeTimezoneName, instrumentType, currency."""
    if symbol.endswith((".KS", ".KQ")) or symbol == "^KS11":
        return "Asia/Seoul", "INDEX" if symbol.startswith("^") else "EQUITY", "KRW"
    if symbol.endswith("=X"):
        return "Europe/London", "CURRENCY", symbol[:-2][-3:]
    if symbol.endswith("-USD"):
        return "UTC", "CRYPTOCURRENCY", "USD"
    if symbol.endswith("=F"):
        return "America/New_York", "FUTURE", "USD"
    return "America/New_York", "INDEX" if symbol.startswith("^") else "EQUITY", "USD"


@dataclass
class Fault:
    """How the fake misbehaves on chart requests for a symbol ("*": every symbol)."""

    status: int = 200
    body: bytes | None = None  # None: the normal chart answer (with `status`)
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    times: int | None = None  # misbehave this many times, then answer normally; None: always


@dataclass(frozen=True)
class Seen:
    host: str
    path: str
    query: dict

    @property
    def chart(self) -> bool:
        return self.path.startswith("/v8/finance/chart/")

    @property
    def symbol(self) -> str:
        return unquote(self.path.rsplit("/", 1)[1]) if self.chart else ""


def utc_date(stamp: int) -> dt.date:
    return dt.datetime.fromtimestamp(stamp, dt.timezone.utc).date()


def yahoo_error(code: str, description: str) -> bytes:
    return json.dumps({"chart": {"result": None, "error": {"code": code, "description": description}}}).encode()


class FakeYahoo:
    """The fake service. `now` is its idea of today: intraday bars older than Yahoo serves are refused (422)."""

    def __init__(self, now: dt.datetime, evidence: Path = EVIDENCE, adjclose_factor: float = 0.97, *,
                 complete: bool = False):
        self.now = now
        self.complete = complete
        self._files: dict[str, dict[str, dict[dt.date, list[Bar]]]] = {}  # complete mode: what is held, by symbol
        self._made: dict[tuple[str, str, dt.date], list[Bar]] = {}  # complete mode: bars made, by session
        self.archive = EvidenceArchive(evidence)
        self.seen: list[Seen] = []
        self.barren: list[Seen] = []  # chart requests answered well-formed but without a single bar
        self.faults: dict[str, Fault] = {}
        # Yahoo's adjclose differs from close wherever dividends were paid; make it differ everywhere, so a
        # provider reading the adjusted column cannot go unnoticed.
        self.adjclose_factor = adjclose_factor
        self._lock = threading.Lock()

    # What tests look at ------------------------------------------------------------------------------

    @property
    def charts(self) -> list[Seen]:
        return [s for s in self.seen if s.chart]

    def fail(self, symbol: str = "*", **fault) -> None:
        self.faults[symbol] = Fault(**fault)

    # Serving ---------------------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        host = request.headers.get(HOST_HEADER, "")
        seen = Seen(host, request.path, dict(request.args))
        with self._lock:
            self.seen.append(seen)
        if seen.chart:
            return self._chart(seen)
        if request.path == "/v1/test/getcrumb":
            return Response(CRUMB, content_type="text/plain")
        if host == "fc.yahoo.com":
            # Yahoo's cookie endpoint answers 404 and sets the A3 cookie all the same.
            return Response("", status=404, headers={"Set-Cookie": "A3=d=AQABBfake; Path=/; HttpOnly"})
        if request.path == "/consent":
            return Response("<html><body>no consent needed</body></html>", content_type="text/html")
        return Response("not found", status=404)

    def _fault_for(self, symbol: str) -> Fault | None:
        with self._lock:
            fault = self.faults.get(symbol) or self.faults.get("*")
            if fault is None:
                return None
            if fault.times is not None:
                if fault.times <= 0:
                    return None
                fault.times -= 1
            return fault

    def _chart(self, seen: Seen) -> Response:
        fault = self._fault_for(seen.symbol)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            if fault.body is not None or fault.status != 200:
                body = fault.body if fault.body is not None else yahoo_error("Error", "fault injected by the test")
                return Response(body, status=fault.status, headers=fault.headers, content_type="application/json")
        return self._answer(seen)

    def _answer(self, seen: Seen) -> Response:
        symbol, query = seen.symbol, seen.query
        interval = {"60m": "1h"}.get(query.get("interval", "1d"), query.get("interval", "1d"))
        files = {e.interval for e in self.archive.manifest.values() if e.symbol == symbol}
        if not files:
            return Response(yahoo_error("Not Found", "No data found, symbol may be delisted"), status=404,
                            content_type="application/json")
        if interval not in INTERVALS:
            return Response(yahoo_error("Bad Request", f"Invalid input - interval={interval} is not supported."),
                            status=400, content_type="application/json")
        start = int(query["period1"])
        end = int(query["period2"])
        if interval in SERVED_DAYS:
            oldest = self.now - dt.timedelta(days=SERVED_DAYS[interval])
            if dt.datetime.fromtimestamp(start, dt.timezone.utc) < oldest:
                return Response(
                    yahoo_error(
                        "Unprocessable Entity",
                        f"{interval} data not available for startTime={start} and endTime={end}. "
                        f"The requested range must be within the last {SERVED_DAYS[interval]} days.",
                    ),
                    status=422, content_type="application/json",
                )
            if interval == "1m" and end - start > 8 * 86400:
                return Response(
                    yahoo_error("Unprocessable Entity",
                                "Only 8 days worth of 1m granularity data are allowed to be fetched per request."),
                    status=422, content_type="application/json",
                )
        prepost = query.get("includePrePost", "False").lower() == "true"
        if self.complete:
            # Sessions are dated on the exchange's clock: a day's margin each side of the UTC span covers them.
            day = dt.timedelta(days=1)
            series = self.complete_series(symbol, interval, utc_date(start) - day, utc_date(end) + day)
        else:
            series = self.archive.series(symbol, interval) if interval in files else None
        body = self.document(symbol, interval, series, start, end, prepost)
        if "timestamp" not in body["chart"]["result"][0]:
            with self._lock:
                self.barren.append(seen)
        return Response(json.dumps(body), content_type="application/json")

    def document(self, symbol: str, interval: str, series: Series | None, start: int, end: int, prepost: bool) -> dict:
        zone_name, kind, currency = _profile(symbol)
        zone = ZoneInfo(zone_name)
        stamps, rows = [], []
        daily_times = self._sessions(symbol)
        for bar in series.bars if isinstance(series, Series) else ():
            if interval == "1d":
                # Yahoo stamps a daily bar at its session's opening when that falls on the session's own date,
                # else at midnight of that date on the exchange's clock.
                local_open = bar.start.astimezone(zone) if bar.start else None
                instant = local_open if local_open and local_open.date() == bar.session else \
                    dt.datetime.combine(bar.session, dt.time(), zone)
            else:
                instant = bar.start
                hours = daily_times.get(bar.session)
                if not prepost and hours and not hours[0] <= instant < hours[1]:
                    continue
            stamp = int(instant.timestamp())
            if start <= stamp < end:
                stamps.append(stamp)
                rows.append(bar)
        offset = int(self.now.astimezone(zone).utcoffset().total_seconds())
        meta = {
            "currency": currency,
            "symbol": symbol,
            "exchangeName": "NMS" if kind == "EQUITY" else "SNP" if kind == "INDEX" else "CCY",
            "fullExchangeName": "Fake Exchange",
            "instrumentType": kind,
            "firstTradeDate": 946684800,
            "regularMarketTime": int(self.now.timestamp()),
            "hasPrePostMarketData": kind == "EQUITY",
            "gmtoffset": offset,
            "timezone": self.now.astimezone(zone).tzname(),
            "exchangeTimezoneName": zone_name,
            "regularMarketPrice": rows[-1].close if rows else 100.0,
            "chartPreviousClose": rows[0].close if rows else 100.0,
            "priceHint": 2,
            "currentTradingPeriod": {
                part: {"timezone": self.now.astimezone(zone).tzname(), "start": int(self.now.timestamp()),
                       "end": int(self.now.timestamp()) + 3600, "gmtoffset": offset}
                for part in ("pre", "regular", "post")
            },
            "dataGranularity": interval,
            "range": "",
            "validRanges": ["1d", "5d", "1mo", "3mo", "6mo", "1y", "2y", "5y", "10y", "ytd", "max"],
        }
        result: dict = {"meta": meta}
        if rows:
            result["timestamp"] = stamps
            result["indicators"] = {
                "quote": [{
                    "open": [b.open for b in rows],
                    "high": [b.high for b in rows],
                    "low": [b.low for b in rows],
                    "close": [b.close for b in rows],
                    "volume": [None if b.volume is None else int(b.volume) for b in rows],
                }],
                "adjclose": [{"adjclose": [None if b.close is None else b.close * self.adjclose_factor for b in rows]}],
            }
        else:
            # Yahoo's answer for a span without bars: the meta, and empty indicators.
            result["indicators"] = {"quote": [{}], "adjclose": [{}]}
        return {"chart": {"result": [result], "error": None}}

    def complete_series(self, symbol: str, interval: str, first: dt.date = dt.date.min,
                        last: dt.date = dt.date.max) -> Series:
        """Bars of `symbol` at `interval` for the sessions from `first` to `last` that any of its files holds
        (the complete mode's answer).

        Per session: the file's own bars at `interval` when it has them; else the nearest coarser file's bars
        of that session, each cut into `interval` bars (`split`: synthetic, but together they have the coarser
        bar's open, high, low, close and volume); else the nearest finer file's bars merged (`merge`). A daily
        bar without session times (a rates series' closes, DGS10) is taken to span its UTC date, so it is cut
        into flat bars at its close. Sessions older than Yahoo serves `interval` for are left out: they are
        refused anyway.
        """
        held = self._held(symbol)
        by_length = sorted(held, key=INTERVALS.__getitem__)
        coarser = [i for i in by_length if INTERVALS[i] > INTERVALS[interval]]
        finer = [i for i in reversed(by_length) if INTERVALS[i] < INTERVALS[interval]]
        if interval in SERVED_DAYS:
            first = max(first, (self.now - dt.timedelta(days=SERVED_DAYS[interval] + 1)).date())
        bars: list[Bar] = []
        for day in sorted({d for sessions in held.values() for d in sessions if first <= d <= last}):
            key = (symbol, interval, day)
            with self._lock:
                made = self._made.get(key)
            if made is None:
                if day in held.get(interval, {}):
                    made = held[interval][day]
                elif source := next((i for i in coarser if day in held[i]), None):
                    made = [piece for bar in held[source][day] for piece in split(bar, interval)]
                elif source := next((i for i in finer if day in held[i]), None):
                    made = merge(held[source][day], interval)
                with self._lock:
                    made = self._made.setdefault(key, made or [])
            bars += made
        return Series(symbol, interval, tuple(bars), f"fake Yahoo, complete mode ({symbol} {interval})")

    def _held(self, symbol: str) -> dict[str, dict[dt.date, list[Bar]]]:
        """The bars of every file of `symbol`: by interval, then by session."""
        with self._lock:
            if symbol in self._files:
                return self._files[symbol]
        held: dict[str, dict[dt.date, list[Bar]]] = {}
        for entry in self.archive.manifest.values():
            series = self.archive.series(symbol, entry.interval) if entry.symbol == symbol else None
            if isinstance(series, Series):
                for bar in series.bars:
                    if entry.interval == "1d" and bar.start is None:
                        begin = dt.datetime.combine(bar.session, dt.time(), dt.timezone.utc)
                        bar = replace(bar, start=begin, end=begin + dt.timedelta(days=1))
                    held.setdefault(entry.interval, {}).setdefault(bar.session, []).append(bar)
        with self._lock:
            return self._files.setdefault(symbol, held)

    def _sessions(self, symbol: str) -> dict[dt.date, tuple[dt.datetime, dt.datetime]]:
        daily = self.archive.series(symbol, "1d") if f"bars/{symbol}.1d.csv" in self.archive.manifest else None
        if not isinstance(daily, Series):
            return {}
        return {b.session: (b.start, b.end) for b in daily.bars if b.start and b.end}


def split(bar: Bar, interval: str) -> list[Bar]:
    """`bar` cut into bars of `interval` from its start (the last one shorter when the length does not divide).

    The price walks in straight lines from the open to the low, the high and the close (to the high first when
    the bar fell) at a third, two thirds and the end of the bar, and each piece takes its open, close, high and
    low from that walk; so the pieces together open, close, reach the high and the low exactly where the bar
    does, and share its volume (as whole shares). A bar without times or close cannot be cut: no pieces.
    """
    if bar.start is None or bar.end is None or bar.close is None or bar.end <= bar.start:
        return []
    close = bar.close
    open_ = bar.open if bar.open is not None else close
    high = bar.high if bar.high is not None else max(open_, close)
    low = bar.low if bar.low is not None else min(open_, close)
    first, second = (low, high) if close >= open_ else (high, low)
    walk = ((0.0, open_), (1 / 3, first), (2 / 3, second), (1.0, close))

    def price(at: float) -> float:
        for (x0, y0), (x1, y1) in zip(walk, walk[1:]):
            if at <= x1:
                return min(max(y0 + (y1 - y0) * (at - x0) / (x1 - x0), low), high)
        return close

    span = bar.end - bar.start
    step = dt.timedelta(seconds=INTERVALS[interval])
    count = math.ceil(span / step)
    volume = None if bar.volume is None else int(bar.volume)
    pieces = []
    for k in range(count):
        begin, finish = bar.start + k * step, min(bar.start + (k + 1) * step, bar.end)
        a, b = (begin - bar.start) / span, (finish - bar.start) / span
        values = [price(a), price(b), *(y for x, y in walk if a <= x <= b)]
        shares = None if volume is None else volume // count + (k < volume % count)
        pieces.append(Bar(bar.session, begin, finish, price(a), max(values), min(values), price(b), shares))
    return pieces


def merge(bars: list[Bar], interval: str) -> list[Bar]:
    """One session's finer bars merged into bars of `interval` (one bar for "1d"), counted from the first start."""
    timed = [b for b in bars if b.start is not None and b.close is not None]
    if not timed:
        return []
    origin = timed[0].start
    length = INTERVALS[interval]
    groups: dict[int, list[Bar]] = {}
    for bar in timed:
        groups.setdefault(0 if interval == "1d" else int((bar.start - origin).total_seconds() // length), []).append(bar)
    merged = []
    for group in groups.values():
        highs = [b.high for b in group if b.high is not None]
        lows = [b.low for b in group if b.low is not None]
        volumes = [b.volume for b in group if b.volume is not None]
        merged.append(Bar(
            group[0].session, group[0].start, group[-1].end, group[0].open, max(highs, default=None),
            min(lows, default=None), group[-1].close, sum(volumes) if volumes else None,
        ))
    return merged


def serve(fake: FakeYahoo) -> HTTPServer:
    """Start a threaded server on 127.0.0.1 answering every path with the fake (stop it when done)."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request would drown the test output
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.expect_request(re.compile(".*"), method="__ALL").respond_with_handler(fake.handle)
    server.start()
    return server


def routed_session(base_url: str, *, cap: float = 10.0, dns_failure: bool = False):
    """A dscheck Yahoo session whose requests go to `base_url`; with `dns_failure`, every request fails the way
    curl fails when a host name cannot be resolved (the situation on a machine without network)."""
    from curl_cffi.requests.exceptions import DNSError

    base = base_url.rstrip("/")

    class Routed(session_class()):
        def request(self, method, url, *args, **kwargs):
            parts = urlsplit(url)
            if dns_failure:
                raise DNSError(
                    f"Failed to perform, curl: (6) Could not resolve host: {parts.hostname}. "
                    "See https://curl.se/libcurl/c/libcurl-errors.html first for more details."
                )
            headers = dict(kwargs.pop("headers", None) or {})
            headers[HOST_HEADER] = parts.hostname or ""
            target = f"{base}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")
            return super().request(method, target, *args, headers=headers, **kwargs)

    return Routed(cap=cap)


def reset_yfinance() -> None:
    """Forget yfinance's process-wide state: the session/cookie/crumb singleton, its memoized answers, its
    cache databases and the config dscheck sets, so that one test cannot lend another a crumb or an answer."""
    import sys

    data = sys.modules.get("yfinance.data")
    if data is not None:
        data.YfData.cache_get.cache_clear()
        data.SingletonMeta._instances.clear()
    caches = sys.modules.get("yfinance.cache")
    if caches is not None:
        for manager in (caches._TzDBManager, caches._CookieDBManager, caches._ISINDBManager):
            manager.close_db()
            manager._db = None
        caches._TzCacheManager._tz_cache = None
        caches._CookieCacheManager._Cookie_cache = None
        caches._ISINCacheManager._isin_cache = None
    base = sys.modules.get("yfinance.base")
    if base is not None:
        base._tz_info_fetch_ctr = 0
    config = sys.modules.get("yfinance.config")
    if config is not None:
        config.YfConfig.debug.hide_exceptions = True
        config.YfConfig.network.retries = 0


# The fake's "today": the seed claims (24-31 January 2025) are 38-45 days old, so Yahoo still serves their 5m
# bars (60 days) but not their 1m bars (30 days).
NOW = dt.datetime(2025, 3, 10, 12, 0, tzinfo=dt.timezone.utc)


@dataclass
class Live:
    """The fake server running, and the options that point dscheck's Yahoo provider at it."""

    fake: FakeYahoo
    url: str
    waits: list[float] = field(default_factory=list)  # the provider's sleeps between tries (not really slept)

    def options(self, **override) -> dict:
        options = {
            "session": routed_session(self.url, cap=override.pop("cap", 5.0), dns_failure=override.pop("dns_failure", False)),
            "clock": lambda: self.fake.now,
            "sleep": self.waits.append,
            "timeout": 5.0,
        }
        options.update(override)
        return options

    def obj(self, **override) -> dict:
        """The context object for `dscheck.cli.main`."""
        return {"yahoo": self.options(**override)}


@contextlib.contextmanager
def running(fake: FakeYahoo) -> Iterator[Live]:
    """The fake served on 127.0.0.1 for the block's length, as a Live; stopped however the block ends."""
    server = serve(fake)
    try:
        yield Live(fake, server.url_for("/"))
    finally:
        server.clear()
        server.stop()
