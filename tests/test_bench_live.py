"""The live benchmark's measure: against a Yahoo with every bar (the fake's complete mode), one request per group."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import pytest
from fake_yahoo import NOW, FakeYahoo, Live, merge, running, split

from dscheck.catalogue import loads
from dscheck.market.cache import Cache
from dscheck.market.interface import Bar
from dscheck.market.layered import Layered
from dscheck.market.yahoo import SERVED_DAYS, YahooFinance
from dscheck.verdicts import Verdict, plan, verify

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate  # noqa: E402

NY = dt.timezone(dt.timedelta(hours=-5))


@pytest.fixture
def complete():
    """The fake Yahoo server in its complete mode on 127.0.0.1; stopped after the test."""
    with running(FakeYahoo(NOW, complete=True)) as live:
        yield live


def source(live: Live, cache: Path) -> Layered:
    return Layered(None, Cache(cache), YahooFinance(**live.options()), clock=lambda: NOW)


def test_complete_mode_asks_once_per_planned_group_and_a_second_run_asks_nothing(complete, tmp_path):
    # Synthetic claims spread over December to February: aged for 1m, 5m and 1h bars against the fake's today.
    catalogue = loads(generate(150), "synthetic.yaml")
    groups = plan(catalogue, source(complete, tmp_path / "unused"))
    assert {r.interval for r in groups} == {"1m", "5m", "1h", "1d"}

    results = verify(catalogue, source(complete, tmp_path / "cache"))
    asked = Counter((s.symbol, s.query["interval"]) for s in complete.fake.charts)
    assert len(complete.fake.charts) == len(groups)
    assert asked == Counter((r.symbol, r.interval) for r in groups)  # each planned group once, nothing else
    assert complete.fake.barren == []  # every answer had bars: no reason to ask one interval coarser
    assert not any("could not be fetched" in r.conclusion for r in results)

    again = verify(catalogue, source(complete, tmp_path / "cache"))
    assert len(complete.fake.charts) == len(groups)  # all from the cache
    assert [r.verdict for r in again] == [r.verdict for r in results]


def bar(open_, high, low, close, volume, start=dt.datetime(2025, 1, 24, 9, 30, tzinfo=NY), hours=6.5) -> Bar:
    return Bar(start.date(), start, start + dt.timedelta(hours=hours), open_, high, low, close, volume)


@pytest.mark.parametrize("whole", [
    bar(100.0, 104.0, 97.0, 103.0, 1_000_001),  # rose
    bar(100.0, 101.0, 90.0, 91.5, 7),  # fell, fewer shares than pieces
    bar(4.19, 4.19, 4.19, 4.19, None),  # a flat rate without volume
    bar(50.0, 55.0, 45.0, 50.0, 10, hours=1),  # one piece per hour exactly
])
@pytest.mark.parametrize("interval", ["1m", "5m", "1h"])
def test_split_bars_together_are_the_bar_they_came_from(whole, interval):
    pieces = split(whole, interval)
    assert pieces[0].start == whole.start and pieces[-1].end == whole.end
    assert all(a.end == b.start and a.close == b.open for a, b in zip(pieces, pieces[1:]))
    assert all(p.low <= min(p.open, p.close) <= max(p.open, p.close) <= p.high for p in pieces)
    assert all(p.end - p.start <= dt.timedelta(seconds={"1m": 60, "5m": 300, "1h": 3600}[interval]) for p in pieces)
    assert merge(pieces, "1d") == [whole]


def test_split_cannot_cut_a_bar_without_times_or_close():
    assert split(Bar(dt.date(2025, 1, 24), None, None, None, None, None, 4.19, None), "5m") == []
    assert split(bar(None, None, None, None, 5), "5m") == []


def test_every_known_symbol_has_every_interval_yahoo_serves_for_its_age(complete):
    fake = complete.fake
    latest: dict[str, dt.date] = {}
    for entry in fake.archive.manifest.values():
        latest[entry.symbol] = max(latest.get(entry.symbol, dt.date.min), dt.date.fromisoformat(entry.last))
    for symbol, day in sorted(latest.items()):
        for interval in ("1m", "5m", "1h", "1d"):
            if (NOW.date() - day).days >= SERVED_DAYS.get(interval, 10_000):
                continue  # Yahoo no longer serves these (ES=F's files end in January: no 1m bars)
            got = fake.complete_series(symbol, interval, day - dt.timedelta(days=3), day)
            assert got.bars, (symbol, interval)
    older = dt.date(2025, 1, 24)  # 45 days before the fake's today
    # Where the files have bars at the interval itself, those are served unchanged.
    own = fake.archive.series("AAPL", "5m")
    assert fake.complete_series("AAPL", "5m", older, older).bars == own.session(older)
    # Too old for 1m: Yahoo refuses them, so none are made.
    assert not fake.complete_series("AAPL", "1m", older, older).bars


# A claim about AMD's price a minute before the close, 11 days before the fake's today: Yahoo serves 1m bars
# for it, the bundled evidence holds AMD's daily bars only.
AMD_CLAIM = """dscheck: 1
articles:
  a: {title: t}
claims:
  - {id: c1, article: a, quote: q, subject: AMD, metric: level, date: 2025-02-27, time: '15:59', value: %s}
"""


def amd_claim(fake: FakeYahoo):
    close = fake.archive.series("AMD", "1d").session(dt.date(2025, 2, 27))[0].close
    return loads(AMD_CLAIM % f"{close:.2f}", "c.yaml")


def test_the_default_mode_still_falls_back_where_the_bundled_files_have_no_bars(yahoo, tmp_path):
    # The fallback tests rely on it: no 1m bars at all, and none finer than daily for AMD.
    verify(amd_claim(yahoo.fake), source(yahoo, tmp_path / "cache"))
    assert [s.query["interval"] for s in yahoo.fake.charts] == ["1d", "1m", "5m", "1h"]
    assert [s.query["interval"] for s in yahoo.fake.barren] == ["1m", "5m", "1h"]


def test_the_complete_mode_answers_from_synthesised_bars_that_agree_with_the_daily_ones(complete, tmp_path):
    # The last 1m bar cut from AMD's daily bar closes at that day's close.
    [result] = verify(amd_claim(complete.fake), source(complete, tmp_path / "cache"))
    assert [s.query["interval"] for s in complete.fake.charts] == ["1d", "1m"]
    assert result.verdict is Verdict.ACCURATE, result.conclusion
