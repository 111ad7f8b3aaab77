"""The cache and the order of sources (archive, cache, network), with a fake network that counts its calls."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from fakes import daily, series

from dscheck.market.archive import EvidenceArchive
from dscheck.market.cache import Cache, CacheDamaged
from dscheck.market.interface import INTERVALS, MarketData, Request, Series, Unavailable
from dscheck.market.layered import Layered, settled_after

D = dt.date.fromisoformat
UTC = dt.timezone.utc
LATER = dt.datetime(2025, 3, 10, 12, tzinfo=UTC)  # long after the January sessions below
REPO = Path(__file__).resolve().parent.parent

ACME = series(
    "ACME", "1d",
    [daily("2025-01-23", 99, 101, 98, 100), daily("2025-01-24", 100, 101, 99, 100), daily("2025-01-27", 90, 95, 80, 85)],
    calendar="XNYS",
)


class FakeNetwork(MarketData):
    """Answers from a dict (Series, or an Unavailable) and records every request it was asked for."""

    name = "fake network"

    def __init__(self, answers: dict | None = None):
        self.answers = answers or {}
        self.asked: list[Request] = []

    def intervals(self, symbol, day):
        return ("1h", "1d")

    def load(self, requests, progress=None):
        self.asked.extend(requests)
        out = {}
        for r in requests:
            answer = self.answers.get((r.symbol, r.interval), Unavailable(f"no {r.symbol}"))
            if isinstance(answer, Series):
                answer = Series(r.symbol, r.interval, tuple(b for b in answer.bars if r.start <= b.session <= r.end),
                                answer.source, answer.snapshot_close, answer.missing_sessions, answer.calendar)
            out[(r.symbol, r.interval)] = answer
        return out


def request(start="2025-01-23", end="2025-01-27", symbol="ACME", interval="1d") -> Request:
    return Request(symbol, interval, D(start), D(end))


# The cache on its own --------------------------------------------------------------------------------


def test_put_then_get_gives_back_the_same_bars(tmp_path):
    cache = Cache(tmp_path)
    cache.put(request(), ACME, LATER, True, "fake network")
    hit = cache.get(request())
    assert hit.answer.bars == ACME.bars and hit.answer.calendar == "XNYS"
    assert hit.answer.source == "cache ACME.1d.json: fake network, fetched 2025-03-10 12:00 UTC"
    assert cache.get(request("2025-01-22")) is None  # a day before what was fetched: not covered
    assert cache.get(request("2025-01-24", "2025-01-24")).answer.bars == ACME.bars[1:2]
    # No temporary file left behind; only the lock that serialises writers sharing the cache.
    assert sorted(p.name for p in (tmp_path / "bars").iterdir()) == [".lock", "ACME.1d.json"]


def test_spans_fetched_apart_cover_a_request_together(tmp_path):
    cache = Cache(tmp_path)
    cache.put(request("2025-01-23", "2025-01-24"), ACME, LATER, True, "n")
    cache.put(request("2025-01-25", "2025-01-27"), ACME, LATER, True, "n")
    assert cache.get(request()).answer.bars == ACME.bars
    cache2 = Cache(tmp_path / "gap")
    cache2.put(request("2025-01-23", "2025-01-23"), ACME, LATER, True, "n")
    cache2.put(request("2025-01-25", "2025-01-27"), ACME, LATER, True, "n")
    assert cache2.get(request()) is None  # 24 Jan was never fetched


def test_an_answer_fetched_before_the_sessions_closed_is_provisional(tmp_path):
    cache = Cache(tmp_path)
    during = dt.datetime(2025, 1, 27, 18, tzinfo=UTC)  # Monday afternoon in New York: the day is not over
    assert during < settled_after(request())
    cache.put(request(), ACME, during, during >= settled_after(request()), "n")
    assert cache.get(request()) is None  # online: ask again
    assert cache.get(request(), provisional=True).answer.bars == ACME.bars  # offline: better than nothing


def test_a_settled_refusal_is_kept_and_bars_win_over_it(tmp_path):
    cache = Cache(tmp_path)
    cache.put(request(), Unavailable("Yahoo Finance does not know the symbol ACME (HTTP 404)"), LATER, True, "n")
    hit = cache.get(request())
    assert isinstance(hit.answer, Unavailable)
    assert hit.answer.reason.startswith("Yahoo Finance does not know the symbol ACME (HTTP 404) (answer of 2025-03-10")
    cache.put(request(), ACME, LATER, True, "n")
    assert isinstance(cache.get(request()).answer, Series)


@pytest.mark.parametrize(
    "damage, says",
    [
        (lambda text: text.replace('"close"', '"close"').replace("85.0", "86.0"), "do not match their checksum"),
        (lambda text: text[: len(text) // 2], "not valid JSON"),
        (lambda text: text.replace("dscheck.cache/v1", "something/v9"), "not a dscheck cache file"),
        (lambda text: text.replace('"symbol": "ACME"', '"symbol": "OTHER"'), "another symbol or interval"),
        (lambda text: text.replace('"final": true', '"final": "yes"').replace('"fetched": "2025', '"fetched": "x2025'), "damaged"),
    ],
)
def test_a_damaged_file_is_detected_never_used(tmp_path, damage, says):
    cache = Cache(tmp_path)
    cache.put(request(), ACME, LATER, True, "n")
    path = cache.file("ACME", "1d")
    path.write_text(damage(path.read_text()))
    with pytest.raises(CacheDamaged, match=says):
        cache.get(request())


def test_symbols_that_are_not_symbols_never_name_a_file(tmp_path):
    cache = Cache(tmp_path)
    assert cache.file("../../etc/passwd", "1d") is None and cache.file("ACME", "7d") is None
    cache.put(Request("../x", "1d", D("2025-01-01"), D("2025-01-02")), ACME, LATER, True, "n")
    assert not (tmp_path / "bars").exists()
    assert set(INTERVALS) >= {"1d"}


# The order of sources ------------------------------------------------------------------------------


def layered(tmp_path, network, archive=None, **kw) -> Layered:
    return Layered(archive, Cache(tmp_path / "cache"), network, clock=lambda: LATER, **kw)


def test_the_network_is_asked_once_and_the_cache_answers_after(tmp_path):
    network = FakeNetwork({("ACME", "1d"): ACME})
    first = layered(tmp_path, network)
    got = first.load([request()])[("ACME", "1d")]
    assert got.bars == ACME.bars and first.origin[("ACME", "1d")].kind == "network"
    second = layered(tmp_path, network)
    got = second.load([request()])[("ACME", "1d")]
    assert got.bars == ACME.bars and second.origin[("ACME", "1d")].kind == "cache"
    assert len(network.asked) == 1


def test_refresh_asks_again_and_keeps_the_new_answer(tmp_path):
    network = FakeNetwork({("ACME", "1d"): ACME})
    layered(tmp_path, network).load([request()])
    again = layered(tmp_path, network, refresh=True)
    again.load([request()])
    assert len(network.asked) == 2 and again.origin[("ACME", "1d")].kind == "network"


def test_transient_failures_are_not_cached_settled_ones_are(tmp_path):
    down = FakeNetwork({("ACME", "1d"): Unavailable("no network", retry=True), ("GONE", "1d"): Unavailable("unknown symbol")})
    source = layered(tmp_path, down)
    out = source.load([request(), request(symbol="GONE")])
    assert out[("ACME", "1d")].reason == "no network" and source.missing == ["no network"]
    layered(tmp_path, down).load([request(), request(symbol="GONE")])
    assert [r.symbol for r in down.asked] == ["ACME", "GONE", "ACME"]  # GONE's answer came from the cache


def test_a_damaged_cache_file_is_reported_and_fetched_again(tmp_path):
    network = FakeNetwork({("ACME", "1d"): ACME})
    layered(tmp_path, network).load([request()])
    path = Cache(tmp_path / "cache").file("ACME", "1d")
    path.write_text(path.read_text().replace("85.0", "8.5"))
    source = layered(tmp_path, network)
    got = source.load([request()])[("ACME", "1d")]
    assert got.bars == ACME.bars and len(network.asked) == 2
    assert source.notices and "damaged cache file" in source.notices[0] and "fetching it again" in source.notices[0]
    assert Cache(tmp_path / "cache").get(request()) is not None  # and replaced by a sound one


def test_offline_never_asks_the_network(tmp_path):
    network = FakeNetwork({("ACME", "1d"): ACME})
    source = layered(tmp_path, network, offline=True, archive_root=str(tmp_path / "evidence"))
    out = source.load([request()])
    assert network.asked == []
    assert "no evidence archive (none at" in out[("ACME", "1d")].reason
    assert "--offline kept dscheck off the network" in out[("ACME", "1d")].reason
    assert source.missing  # nothing to check against: the run must say evidence is missing


def test_a_cache_that_cannot_be_written_is_a_notice_not_a_failure(tmp_path):
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    network = FakeNetwork({("ACME", "1d"): ACME})
    source = layered(tmp_path, network)
    assert source.load([request()])[("ACME", "1d")].bars == ACME.bars
    assert "could not write the cache" in source.notices[0]


def bundled(tmp_path) -> EvidenceArchive:
    shutil.copytree(REPO / "evidence", tmp_path / "evidence")
    return EvidenceArchive(tmp_path / "evidence")


def test_the_archive_comes_first_and_decides_the_intervals_of_its_symbols(tmp_path):
    network = FakeNetwork()
    source = layered(tmp_path, network, bundled(tmp_path))
    assert source.intervals("SPY", D("2025-01-27")) == ("5m", "1h", "1d")  # the archive's, whatever the network
    assert source.intervals("ZZZ", D("2025-01-27")) == ("1h", "1d")  # not in the archive: the network's
    out = source.load([Request("SPY", "1d", D("2025-01-10"), D("2025-01-27"))])
    assert out[("SPY", "1d")].source.startswith("evidence bars/SPY.1d.csv")
    assert network.asked == []
    extending = layered(tmp_path, network, source.archive, extend=True)
    assert extending.intervals("ES=F", D("2025-01-27")) == ("1h", "1d")


def test_a_missing_symbol_is_fetched_and_the_reason_names_every_source(tmp_path):
    network = FakeNetwork({("ZZZ", "1d"): Unavailable("Yahoo Finance does not know the symbol ZZZ (HTTP 404)")})
    source = layered(tmp_path, network, bundled(tmp_path))
    out = source.load([request(symbol="ZZZ")])
    assert out[("ZZZ", "1d")].reason == (
        "the evidence archive has no bars for ZZZ, and Yahoo Finance does not know the symbol ZZZ (HTTP 404)"
    )


def test_an_archive_file_that_does_not_reach_the_claims_is_used_when_nothing_better_comes(tmp_path):
    archive = bundled(tmp_path)
    late = Request("SPY", "1d", D("2025-02-20"), D("2025-03-05"))  # the file ends on 28 Feb
    network = FakeNetwork({("SPY", "1d"): Unavailable("no network", retry=True)})
    source = layered(tmp_path, network, archive)
    out = source.load([late])
    assert out[("SPY", "1d")].source.startswith("evidence bars/SPY.1d.csv")
    assert network.asked == [late]
    assert "do not cover every date the claims need" in source.notices[0]


def test_damaged_evidence_is_reported_not_replaced_by_the_network(tmp_path):
    archive = bundled(tmp_path)
    path = tmp_path / "evidence" / "bars" / "SPY.1d.csv"
    path.write_bytes(path.read_bytes() + b"2025-01-28,,,1,1,1,1,1\n")  # a bar added after the manifest vouched
    network = FakeNetwork({("SPY", "1d"): ACME})
    out = layered(tmp_path, network, archive).load([Request("SPY", "1d", D("2025-01-10"), D("2025-01-27"))])
    assert out[("SPY", "1d")].damaged and network.asked == []


def test_cache_file_is_plain_json_with_the_spans_it_answers_for(tmp_path):
    cache = Cache(tmp_path)
    cache.put(request(), ACME, LATER, True, "fake network")
    document = json.loads(cache.file("ACME", "1d").read_text())
    assert document["format"] == "dscheck.cache/v1"
    assert document["spans"] == [{"start": "2025-01-23", "end": "2025-01-27", "fetched": LATER.isoformat(), "final": True}]


def test_processes_writing_one_cache_keep_every_span(tmp_path):
    """Each writer merges under the cache's lock, so none drops a span another wrote.

    Every span is written once, so an update lost to a read-merge-write race would stay lost."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_put_spans, args=(tmp_path, worker)) for worker in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    cache = Cache(tmp_path)
    spans = cache._read(cache.file("ACME", "1d")).spans
    assert len(spans) == 4 * 40


def _put_spans(root, worker):
    cache = Cache(root)
    first = D("2000-01-01") + dt.timedelta(days=1000 * worker)
    for k in range(40):
        day = (first + dt.timedelta(days=2 * k)).isoformat()
        cache.put(request(day, day), ACME, LATER, True, "fake network")
