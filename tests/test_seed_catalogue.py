"""The bundled catalogue against the bundled evidence: every verdict pinned and traced to its bars,
and a dozen figures recomputed by hand from the raw market record."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from dscheck.catalogue import load
from dscheck.market.archive import EvidenceArchive
from dscheck.verdicts import Verdict, verify

REPO = Path(__file__).resolve().parent.parent
RECORD = REPO.parent / "shared" / "market-record"

# Reviewed one by one against ../shared/market-record (see the closing note of the verify issue).
EXPECTED = {
    "bigtech-10am-down": "accurate",
    "nasdaq-10am-pct": "consistent",
    "sp500-10am-pct": "accurate",
    "dow-10am-pct": "consistent",
    "ust10y-early-low-bp": "inaccurate",
    "ust10y-10am-bp": "consistent",
    "ust10y-10am-level": "consistent",
    "yen-10am-up": "consistent",
    "franc-10am-up": "consistent",
    "btc-10am-down": "consistent",
    "bigtech-nvda-10am-down": "accurate",
    "nvda-10am-pct": "consistent",
    "nvda-10am-level": "consistent",
    "nvda-worst-since-2020-03": "consistent",
    "avgo-10am-pct": "consistent",
    "mrvl-10am-pct": "consistent",
    "msft-10am-pct": "inaccurate",
    "meta-10am-pct": "inaccurate",
    "pltr-10am-pct": "consistent",
    "ceg-10am-pct": "inaccurate",
    "smr-10am-pct": "inaccurate",
    "ai-stocks-two-year-rise": "accurate",
    "krw-rate-1435": "consistent",
    "nq-premarket-low-pct": "approximate",
    "nvda-premarket-pct": "unverifiable",
    "pltr-premarket-pct": "unverifiable",
    "smci-premarket-pct": "unverifiable",
    "orcl-stargate-rally": "accurate",
    "orcl-premarket-pct": "unverifiable",
    "vrt-premarket-pct": "unverifiable",
    "tsla-premarket-pct": "unverifiable",
    "nq-volume-4x-30d": "unverifiable",
    "nvda-monday-over-15pct": "accurate",
    "nvda-rebound-0128": "accurate",
    "nvda-pullback-0129": "accurate",
    "amd-affected-0127": "accurate",
    "skhynix-0131-down": "accurate",
    "samsung-0131-down": "accurate",
    "hd-hyundai-electric-0131-down": "accurate",
    "ls-electric-0131-down": "accurate",
    "hyosung-heavy-0131-down": "accurate",
    "kospi-0131-down": "accurate",
}


@pytest.fixture(scope="module")
def results():
    catalogue = load(REPO / "claims.yaml")
    return {r.claim.id: r for r in verify(catalogue, EvidenceArchive(REPO / "evidence"))}


def test_every_claim_has_the_reviewed_verdict(results):
    market = {i: r.verdict.value for i, r in results.items() if r.claim.is_market}
    assert market == EXPECTED
    external = [r for r in results.values() if not r.claim.is_market]
    assert external and all(r.verdict is Verdict.OUT_OF_SCOPE and r.claim.reason for r in external)


def test_every_decided_verdict_is_traced_to_bars_that_are_in_the_archive(results):
    archive = EvidenceArchive(REPO / "evidence")
    for result in results.values():
        if result.verdict in (Verdict.OUT_OF_SCOPE, Verdict.UNVERIFIABLE):
            continue
        assert result.evidence, result.claim.id
        for bar in result.evidence:
            series = archive.series(bar.symbol, bar.interval)
            assert any(
                (b.session, b.start, b.open, b.high, b.low, b.close) == (bar.session, bar.start, bar.open, bar.high, bar.low, bar.close)
                for b in series.bars
            ), (result.claim.id, bar)
            assert bar.source.startswith(f"evidence bars/{bar.symbol}.{bar.interval}.csv")


@cache
def raw(name: str) -> dict[str, dict[str, float]]:
    """One file of the market record as published, keyed by its timestamp column."""
    if not RECORD.is_dir():
        pytest.skip("../shared/market-record is not beside this checkout")
    with open(RECORD / name, newline="") as handle:
        return {row["timestamp"]: {k: float(v) for k, v in row.items() if k != "timestamp" and v} for row in csv.DictReader(handle)}


def pct(a: float, b: float) -> float:
    return 100 * (b / a - 1)


# Each figure computed straight from the CSV files, without dscheck's archive or calendars.
HAND = [
    ("nvda-monday-over-15pct", lambda: pct(raw("NVDA.1d.csv")["2025-01-24"]["close"], raw("NVDA.1d.csv")["2025-01-27"]["close"]), -16.97),
    ("sp500-10am-pct", lambda: pct(raw("^GSPC.1d.csv")["2025-01-24"]["close"], raw("^GSPC.5m.csv")["2025-01-27T10:00:00-05:00"]["open"]), -1.55),
    ("msft-10am-pct", lambda: pct(raw("MSFT.1d.csv")["2025-01-24"]["close"], raw("MSFT.5m.csv")["2025-01-27T10:00:00-05:00"]["open"]), -3.21),
    ("meta-10am-pct", lambda: pct(raw("META.1d.csv")["2025-01-24"]["close"], raw("META.5m.csv")["2025-01-27T10:00:00-05:00"]["open"]), -1.54),
    ("nq-premarket-low-pct", lambda: pct(raw("NQ=F.1d.csv")["2025-01-24"]["close"], min(
        v["low"] for k, v in raw("NQ=F.1h.csv").items() if "2025-01-26T18" <= k < "2025-01-27T07")), -5.24),
    ("skhynix-0131-down", lambda: pct(raw("000660.KS.1d.csv")["2025-01-24"]["close"], raw("000660.KS.1d.csv")["2025-01-31"]["close"]), -9.86),
    ("kospi-0131-down", lambda: pct(raw("^KS11.1d.csv")["2025-01-24"]["close"], raw("^KS11.1d.csv")["2025-01-31"]["close"]), -0.77),
    ("nvda-rebound-0128", lambda: pct(raw("NVDA.1d.csv")["2025-01-27"]["close"], raw("NVDA.1d.csv")["2025-01-28"]["close"]), 8.93),
    ("amd-affected-0127", lambda: pct(raw("AMD.1d.csv")["2025-01-24"]["close"], raw("AMD.1d.csv")["2025-01-27"]["close"]), -6.37),
]
RANGES = [
    # (claim, low end, high end) of the range the verdict rests on, from the bar that covers 10:00
    ("nvda-10am-pct", lambda: pct(raw("NVDA.1d.csv")["2025-01-24"]["close"], raw("NVDA.1h.csv")["2025-01-27T09:30:00-05:00"]["low"]),
     lambda: pct(raw("NVDA.1d.csv")["2025-01-24"]["close"], raw("NVDA.1h.csv")["2025-01-27T09:30:00-05:00"]["high"])),
    ("nasdaq-10am-pct", lambda: pct(raw("^IXIC.1d.csv")["2025-01-24"]["close"], raw("^IXIC.1d.csv")["2025-01-27"]["low"]),
     lambda: pct(raw("^IXIC.1d.csv")["2025-01-24"]["close"], raw("^IXIC.1d.csv")["2025-01-27"]["high"])),
    ("ust10y-10am-bp", lambda: 100 * (raw("^TNX.1d.csv")["2025-01-27"]["low"] - raw("^TNX.1d.csv")["2025-01-24"]["close"]),
     lambda: 100 * (raw("^TNX.1d.csv")["2025-01-27"]["high"] - raw("^TNX.1d.csv")["2025-01-24"]["close"])),
]


@pytest.mark.parametrize("claim_id, compute, printed", HAND, ids=[h[0] for h in HAND])
def test_figures_match_a_hand_computation_from_the_raw_record(results, claim_id, compute, printed):
    expected = compute()
    assert round(expected, 2) == printed
    assert results[claim_id].actual.exact
    assert results[claim_id].actual.lo == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("claim_id, low, high", RANGES, ids=[r[0] for r in RANGES])
def test_ranges_match_a_hand_computation_from_the_raw_record(results, claim_id, low, high):
    actual = results[claim_id].actual
    assert not actual.exact
    assert (actual.lo, actual.hi) == pytest.approx((low(), high()), abs=1e-9)


def test_volume_ratio_matches_the_record(results):
    rows = raw("NQ=F.1d.csv")
    days = sorted(rows)
    before = days[days.index("2025-01-27") - 30 : days.index("2025-01-27")]
    ratio = rows["2025-01-27"]["volume"] / (sum(rows[d]["volume"] for d in before) / 30)
    assert round(ratio, 2) == 2.06
    assert f"{ratio:.2f}×" in results["nq-volume-4x-30d"].conclusion
