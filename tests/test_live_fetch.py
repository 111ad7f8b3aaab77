"""`dscheck evidence fetch`: what it writes, how it extends an archive, and how it reports progress."""

from __future__ import annotations

import shutil
from pathlib import Path

from test_live_verify import dscheck

from dscheck.catalogue import load
from dscheck.market.archive import EvidenceArchive, read_manifest
from dscheck.market.cache import Cache
from dscheck.market.fetch import fetch
from dscheck.market.layered import Layered
from dscheck.market.yahoo import YahooFinance

REPO = Path(__file__).resolve().parent.parent


def catalogue(tmp_path: Path, name: str, date: str, time: str | None = None, subject: str = "NVDA") -> Path:
    path = tmp_path / name
    timed = f'\n    time: "{time}"' if time else ""
    path.write_text(
        "dscheck: 1\n"
        "articles:\n"
        "  a: {published: \"2025-01-27\", language: en, source: a test}\n"
        "claims:\n"
        f"  - id: c\n    article: a\n    quote: q\n    subject: {subject}\n    metric: direction\n    value: down\n"
        f"    date: {date}{timed}\n"
    )
    return path


def test_fetch_extends_a_file_and_records_what_it_covers(capsys, yahoo, tmp_path):
    into = tmp_path / "ev"
    cache = str(tmp_path / "cache")
    first = dscheck(capsys, "evidence", "fetch", str(catalogue(tmp_path, "a.yaml", "2025-01-27")), "--into", str(into),
                    "--cache-dir", cache, obj=yahoo.obj())
    assert first[0] == 0
    assert "NVDA 1d: 10 bars, 2025-01-13 to 2025-01-27 (network)" in first[1]
    before = read_manifest(into)["bars/NVDA.1d.csv"]
    assert before.covers == (("2025-01-13", "2025-01-27"),)
    second = dscheck(capsys, "evidence", "fetch", str(catalogue(tmp_path, "b.yaml", "2025-02-14")), "--into", str(into),
                     "--cache-dir", cache, obj=yahoo.obj())
    assert second[0] == 0
    after = read_manifest(into)["bars/NVDA.1d.csv"]
    assert after.covers == (("2025-01-13", "2025-01-27"), ("2025-01-31", "2025-02-14"))
    assert after.rows == before.rows + 11 and after.first == "2025-01-13" and after.last == "2025-02-14"
    assert after.calendar == "XNYS" and after.timezone == "America/New_York"
    assert after.adjustment.startswith("split-adjusted, not dividend-adjusted")
    assert EvidenceArchive(into).check() == []


def test_fetch_offline_freezes_what_verify_left_in_the_cache(capsys, yahoo, tmp_path):
    claims = catalogue(tmp_path, "c.yaml", "2025-01-27", "10:00", subject="SPY")
    cache = str(tmp_path / "cache")
    assert dscheck(capsys, "verify", str(claims), "--cache-dir", cache, "-q", obj=yahoo.obj())[0] == 0
    yahoo.fake.seen.clear()
    code, out, err = dscheck(capsys, "evidence", "fetch", str(claims), "--offline", "--cache-dir", cache, obj=yahoo.obj())
    assert code == 0 and yahoo.fake.seen == []
    manifest = read_manifest(tmp_path / "evidence")
    assert sorted(manifest) == ["bars/SPY.1d.csv", "bars/SPY.5m.csv"]
    assert manifest["bars/SPY.5m.csv"].source.endswith("pre- and post-market bars included")
    assert "(cache)" in out


def test_fetch_reports_progress_for_every_series(yahoo, tmp_path):
    claims = load(catalogue(tmp_path, "c.yaml", "2025-01-27", "10:00", subject="SPY"))
    source = Layered(None, Cache(tmp_path / "cache"), YahooFinance(**yahoo.options()), clock=yahoo.options()["clock"],
                     extend=True)
    steps = []
    report = fetch(claims, tmp_path / "ev", source, lambda *step: steps.append(step))
    assert [s[1:] for s in steps] == [(1, 2), (2, 2)]
    assert [what for what, _, _ in steps] == ["SPY 1d (network)", "SPY 5m (network)"]
    assert len(report.written) == 2 and report.problems == []


def test_fetch_without_network_says_so_and_writes_nothing(capsys, yahoo, tmp_path):
    claims = catalogue(tmp_path, "c.yaml", "2025-01-27")
    code, out, err = dscheck(capsys, "evidence", "fetch", str(claims), "--cache-dir", str(tmp_path / "cache"),
                             obj=yahoo.obj(dns_failure=True))
    assert code == 3
    assert "not in the archive: NVDA 1d: the NVDA 1d bars for 13 Jan 2025 to 27 Jan 2025 could not be fetched (no network" in err
    assert "0 series written" in out
    assert not (tmp_path / "evidence" / "manifest.json").exists()


def test_fetch_into_the_bundled_archive_adds_only_what_it_lacks(capsys, yahoo, tmp_path):
    shutil.copytree(REPO / "evidence", tmp_path / "evidence")
    claims = catalogue(tmp_path, "c.yaml", "2025-01-27", "10:00", subject="NVDA")
    code, out, err = dscheck(capsys, "evidence", "fetch", str(claims), "--cache-dir", str(tmp_path / "cache"), obj=yahoo.obj())
    assert code == 0, err
    # The archive held NVDA 1d and 1h; the live path also offers 5m, which Yahoo (here: the fake) has none of,
    # so the 5m claim falls back to the hour, which the archive already holds.
    assert [s.query["interval"] for s in yahoo.fake.charts] == ["5m"]
    assert "0 series written, 3 already there, 0 not available" in out


def test_fetch_writes_a_fallback_series_under_its_own_interval(capsys, yahoo, tmp_path):
    claims = catalogue(tmp_path, "c.yaml", "2025-01-27", "10:00", subject="NVDA")
    code, out, err = dscheck(capsys, "evidence", "fetch", str(claims), "--cache-dir", str(tmp_path / "cache"), obj=yahoo.obj())
    assert code == 0, err
    assert "NVDA 1h (for 5m): 7 bars, 2025-01-26 to 2025-01-27 (network)" in out
    assert sorted(read_manifest(tmp_path / "evidence")) == ["bars/NVDA.1d.csv", "bars/NVDA.1h.csv"]
    offline = dscheck(capsys, "verify", str(claims), "--offline", "--format", "json", "--cache-dir", str(tmp_path / "c2"))
    assert '"interval": "1h"' in offline[1] and offline[0] == 0
