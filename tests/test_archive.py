"""The evidence archive: import round trip, checksums, and what a damaged archive does to a run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dscheck.market.archive import EvidenceArchive, decode_bars, encode_bars
from dscheck.market.importer import ImportFailed, import_folder
from dscheck.market.interface import MarketDataError, Unavailable

DAILY = """timestamp,open,high,low,close,volume
2025-01-23,145.05,147.23,143.72,147.22,155915500
2025-01-24,148.37,148.97,141.88,142.62,234657600
2025-01-27,124.80000305175781,128.39999389648438,116.69999694824219,118.41999816894531,818830900
"""
HOURLY = """timestamp,open,high,low,close,volume
2025-01-27T09:30:00-05:00,124.8,128.4,123.05,125.0,100
2025-01-27T10:30:00-05:00,125.0,126.0,120.0,121.0,50
"""
KOREA = """timestamp,open,high,low,close,volume
2025-01-24,220500,227000,217500,221000,3771572
2025-01-31,197000,204500,194800,199200,11871995
"""


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "ACME.1d.csv").write_text(DAILY)
    (folder / "ACME.1h.csv").write_text(HOURLY)
    (folder / "000660.KS.1d.csv").write_text(KOREA)
    (folder / "notes.csv").write_text("not bars\n")
    return folder


def test_import_round_trip(exports, tmp_path):
    root = tmp_path / "evidence"
    report, skipped = import_folder(exports, root, source="test exports", adjustment="none")
    assert sorted((r.symbol, r.interval, r.rows) for r in report) == [
        ("000660.KS", "1d", 2), ("ACME", "1d", 3), ("ACME", "1h", 2),
    ]
    assert skipped and "notes.csv" in skipped[0]
    archive = EvidenceArchive(root)
    assert archive.check() == []
    daily = archive.series("ACME", "1d")
    # Prices come back bit for bit, and each daily bar knows its session's hours.
    assert [b.close for b in daily.bars] == [147.22, 142.62, 118.41999816894531]
    last = daily.bars[-1]
    assert last.start.isoformat() == "2025-01-27T14:30:00+00:00" and last.end.isoformat() == "2025-01-27T21:00:00+00:00"
    assert daily.source.startswith("evidence bars/ACME.1d.csv (test exports)")
    hourly = archive.series("ACME", "1h")
    assert [b.session for b in hourly.bars] == [dt.date(2025, 1, 27)] * 2
    korea = archive.series("000660.KS", "1d")
    assert korea.calendar == "XKRX" and dt.date(2025, 1, 27) not in korea.missing_sessions  # a holiday, not a gap
    assert decode_bars(encode_bars(daily.bars)) == daily.bars
    manifest = json.loads((root / "manifest.json").read_text())
    entry = manifest["files"]["bars/ACME.1d.csv"]
    assert entry["source"] == "test exports" and entry["timezone"] == "America/New_York" and len(entry["sha256"]) == 64


def test_fx_daily_bars_are_marked_as_snapshots(tmp_path):
    folder = tmp_path / "fx"
    folder.mkdir()
    (folder / "JPY=X.1d.csv").write_text("timestamp,open,high,low,close,volume\n2025-01-24,156.1,156.5,154.8,156.1,0\n")
    import_folder(folder, tmp_path / "ev", source="s", adjustment="none")
    assert EvidenceArchive(tmp_path / "ev").series("JPY=X", "1d").snapshot_close


@pytest.mark.parametrize(
    "name, text, words",
    [
        ("ACME.1d.csv", "timestamp,open,high,low\n2025-01-24,1,2,3\n", "missing column(s) close, volume"),
        ("ACME.1d.csv", "timestamp,open,high,low,close,volume\n2025-01-24,1,2,x,1,1\n", ":2: could not convert"),
        ("ACME.1d.csv", "timestamp,open,high,low,close,volume\n24/01/2025,1,2,1,1,1\n", ":2: timestamp '24/01/2025'"),
        ("ACME.1h.csv", "timestamp,open,high,low,close,volume\n2025-01-24T09:30:00,1,2,1,1,1\n", "UTC offset"),
        ("ACME.1d.csv", "timestamp,open,high,low,close,volume\n2025-01-24,1,2,1,1,1\n2025-01-24,1,2,1,1,1\n", "a second bar"),
        ("ACME.1d.csv", "timestamp,open,high,low,close,volume\n2025-01-24,1,2,1,nan,1\n", "not a price"),
    ],
)
def test_bad_exports_stop_the_import_with_file_and_line(tmp_path, name, text, words):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text(text)
    with pytest.raises(ImportFailed, match=None) as caught:
        import_folder(folder, tmp_path / "ev", source="s", adjustment="a")
    assert words in str(caught.value) and name in str(caught.value)
    assert not (tmp_path / "ev").exists()  # nothing half-written


@pytest.fixture
def archive_root(exports, tmp_path) -> Path:
    root = tmp_path / "evidence"
    import_folder(exports, root, source="test", adjustment="none")
    return root


def test_tampered_truncated_missing_and_unlisted_files(archive_root):
    bars = archive_root / "bars"
    text = (bars / "ACME.1d.csv").read_text()
    (bars / "ACME.1d.csv").write_text(text.replace("118.41999816894531", "128.41999816894531"))
    (bars / "ACME.1h.csv").write_bytes((bars / "ACME.1h.csv").read_bytes()[:40])
    (bars / "000660.KS.1d.csv").unlink()
    (bars / "EXTRA.1d.csv").write_text("x")
    archive = EvidenceArchive(archive_root)
    problems = archive.check()
    assert len(problems) == 4
    assert any("ACME.1d.csv does not match its manifest checksum" in p for p in problems)
    assert any("ACME.1h.csv does not match" in p for p in problems)
    assert any("000660.KS.1d.csv is listed in the manifest but missing" in p for p in problems)
    assert any("EXTRA.1d.csv is not listed" in p for p in problems)
    damaged = archive.series("ACME", "1d")
    assert isinstance(damaged, Unavailable) and damaged.damaged


def test_no_archive_or_bad_manifest_is_a_clear_error(tmp_path):
    with pytest.raises(MarketDataError, match="does not exist"):
        EvidenceArchive(tmp_path / "nowhere").manifest
    (tmp_path / "ev").mkdir()
    with pytest.raises(MarketDataError, match="manifest.json is missing"):
        EvidenceArchive(tmp_path / "ev").manifest
    (tmp_path / "ev" / "manifest.json").write_text("{not json")
    with pytest.raises(MarketDataError, match="cannot be read"):
        EvidenceArchive(tmp_path / "ev").manifest
    (tmp_path / "ev" / "manifest.json").write_text('{"format": "other"}')
    with pytest.raises(MarketDataError, match="not a dscheck evidence manifest"):
        EvidenceArchive(tmp_path / "ev").manifest


def test_the_bundled_archive_is_intact_and_holds_the_whole_market_record():
    repo = Path(__file__).resolve().parent.parent
    archive = EvidenceArchive(repo / "evidence")
    assert archive.check() == []
    record = repo.parent / "shared" / "market-record"
    if not record.is_dir():
        pytest.skip("../shared/market-record is not beside this checkout")
    names = {p.name for p in record.glob("*.csv")}
    assert {Path(e.file).name for e in archive.manifest.values()} == names
