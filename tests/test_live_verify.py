"""The live path end to end: `dscheck verify` and `dscheck evidence fetch` against the fake Yahoo server."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fake_yahoo import NOW

from dscheck.catalogue import load
from dscheck.cli import main
from dscheck.market.archive import EvidenceArchive, read_manifest
from dscheck.market.cache import Cache
from dscheck.market.layered import Layered
from dscheck.market.yahoo import YahooFinance
from dscheck.verdicts import plan, verify

REPO = Path(__file__).resolve().parent.parent


def dscheck(capsys, *args: str, obj: dict | None = None) -> tuple[int, str, str]:
    """Run the command line as a user does (through `main`): exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as ended:
        main(list(args), obj=obj)
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return ended.value.code, out.out, out.err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The bundled catalogue beside an empty evidence folder."""
    shutil.copy(REPO / "claims.yaml", tmp_path / "claims.yaml")
    (tmp_path / "evidence").mkdir()
    return tmp_path


def verdicts(report_text: str) -> dict[str, str]:
    return {r["id"]: r["verdict"] for r in json.loads(report_text)["results"]}


def archive_verdicts() -> dict[str, str]:
    results = verify(load(REPO / "claims.yaml"), EvidenceArchive(REPO / "evidence"))
    return {r.claim.id: r.verdict.value for r in results}


def groups(tmp_path: Path) -> int:
    """The distinct (symbol, interval, span) groups the catalogue needs on the live path."""
    live = YahooFinance(clock=lambda: NOW)
    return len(plan(load(REPO / "claims.yaml"), Layered(None, Cache(tmp_path / "unused"), live)))


def test_verify_from_yahoo_matches_the_bundled_archive_then_reuses_the_cache(project, yahoo, capsys, tmp_path):
    cache = tmp_path / "cache"
    args = ("verify", str(project / "claims.yaml"), "--format", "json", "--cache-dir", str(cache))
    code, out, err = dscheck(capsys, *args, obj=yahoo.obj())
    assert verdicts(out) == archive_verdicts()
    assert code == 1  # the articles hold inaccurate claims, as with the bundled archive
    charts = yahoo.fake.charts
    asked = [(s.symbol, s.query["interval"], s.query["period1"], s.query["period2"]) for s in charts]
    assert len(asked) == len(set(asked)), "a (symbol, interval, span) was asked for twice"
    assert not [s for s in charts if s.query.get("range")], "no extra time-zone lookups"
    # One request per planned group, and one more for each 5m group the fake has no bars for (Yahoo itself
    # has 5m bars of every one of these symbols; the bundled evidence, which the fake serves, has few): the
    # provider then falls back to 1h bars, as the archive's own files do.
    fine = {s.symbol for s in charts if s.query["interval"] == "5m"}
    lacking = {sym for sym in fine if f"bars/{sym}.5m.csv" not in yahoo.fake.archive.manifest}
    assert {s.symbol for s in charts if s.query["interval"] == "1h"} == lacking
    assert len(asked) == groups(tmp_path) + len(lacking)
    report = json.loads(out)
    sources = {bar["source"].split(":")[0] for r in report["results"] for bar in r["evidence"]}
    assert sources and all(s.startswith("Yahoo Finance chart API via yfinance") for s in sources), sources

    yahoo.fake.seen.clear()
    code2, out2, _ = dscheck(capsys, *args, obj=yahoo.obj())
    assert (code2, verdicts(out2)) == (code, verdicts(out))
    assert yahoo.fake.seen == []  # not a chart request, not even a cookie
    cached = {bar["source"].split(":")[0] for r in json.loads(out2)["results"] for bar in r["evidence"]}
    assert cached and all(s.startswith("cache ") for s in cached), cached


def test_evidence_fetch_then_verify_offline_gives_the_same_verdicts(project, yahoo, capsys, tmp_path):
    code, out, err = dscheck(
        capsys, "evidence", "fetch", str(project / "claims.yaml"), "--cache-dir", str(tmp_path / "cache"), obj=yahoo.obj()
    )
    assert code == 0, err
    assert "series written" in out.splitlines()[-1]
    manifest = read_manifest(project / "evidence")
    assert manifest
    for entry in manifest.values():
        assert entry.source.startswith("Yahoo Finance chart API via yfinance 1.7.0"), entry.source
        assert entry.fetched == NOW.isoformat()
        assert entry.covers and entry.interval in ("1d", "5m", "1h")
    assert dscheck(capsys, "evidence", "check", str(project / "evidence"))[0] == 0
    # A fresh cache and no network: the archive alone must answer.
    offline = dscheck(
        capsys, "verify", str(project / "claims.yaml"), "--offline", "--format", "json",
        "--cache-dir", str(tmp_path / "empty-cache"), obj=yahoo.obj(dns_failure=True),
    )
    assert verdicts(offline[1]) == archive_verdicts()
    assert offline[0] == 1

    # Fetching again asks for nothing: the archive already holds every span.
    yahoo.fake.seen.clear()
    again = dscheck(capsys, "evidence", "fetch", str(project / "claims.yaml"), "--cache-dir", str(tmp_path / "cache"),
                    obj=yahoo.obj())
    assert again[0] == 0 and yahoo.fake.seen == []
    assert "0 series written" in again[1]


def test_no_network_finishes_and_says_how_to_get_the_data(project, yahoo, capsys, tmp_path):
    code, out, err = dscheck(
        capsys, "verify", str(project / "claims.yaml"), "--format", "json", "--cache-dir", str(tmp_path / "c"),
        obj=yahoo.obj(dns_failure=True),
    )
    assert code == 3
    assert "market data missing" in err and "could not be fetched (no network" in err
    assert "dscheck evidence fetch" in err and "--offline" in err
    report = json.loads(out)
    market = [r for r in report["results"] if r["verdict"] != "out_of_scope"]
    assert market and all(r["verdict"] == "unverifiable" for r in market)
    assert all("no network" in r["conclusion"] for r in market)
    assert yahoo.fake.seen == []
