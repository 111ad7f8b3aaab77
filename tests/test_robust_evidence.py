"""Evidence integrity: a changed, truncated, missing or unlisted file, and a damaged manifest.

Each is reported by name, the claims that needed it are `unverifiable` (never checked against other
data), and the run exits 3. A manifest is read as strictly as a catalogue: one that names a file
outside the archive, or holds a field of the wrong type, is refused as a whole.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from robust_inputs import REPO, run_cli

from dscheck.market import archive
from dscheck.market.archive import EvidenceArchive, Entry, read_manifest
from dscheck.market.interface import MarketDataError, Request

NVDA = "evidence/bars/NVDA.1d.csv"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the bundled catalogue and evidence that a test may damage."""
    shutil.copy(REPO / "claims.yaml", tmp_path / "claims.yaml")
    shutil.copytree(REPO / "evidence", tmp_path / "evidence", ignore=shutil.ignore_patterns(".lock"))
    return tmp_path


def verify_json(project: Path) -> tuple[int, list[dict], str]:
    offline = {"DSCHECK_OFFLINE": "1", "DSCHECK_CACHE_DIR": str(project / "cache")}
    code, out, err = run_cli("verify", "--format", "json", cwd=project, env=offline)
    return code, (json.loads(out)["results"] if out.strip() else []), err


def changed(project: Path) -> None:
    path = project / NVDA
    text = path.read_text()
    last = text.rstrip("\n").rsplit("\n", 1)[1]
    fields = last.split(",")
    fields[6] = repr(float(fields[6]) * 1.1)  # the last close, 10 % higher: the length changes too
    path.write_text(text.replace(last, ",".join(fields)))


def same_length(project: Path) -> None:
    path = project / NVDA
    data = bytearray(path.read_bytes())
    at = data.rindex(b".") + 1  # one digit of the last number, swapped for another
    data[at] = ord("1") if data[at] != ord("1") else ord("2")
    path.write_bytes(bytes(data))


def truncated(project: Path) -> None:
    path = project / NVDA
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def missing(project: Path) -> None:
    (project / NVDA).unlink()


def unlisted(project: Path) -> None:
    manifest = project / "evidence/manifest.json"
    document = json.loads(manifest.read_text())
    del document["files"]["bars/NVDA.1d.csv"]
    manifest.write_text(json.dumps(document, indent=2))


DAMAGE = {
    "changed": (changed, "evidence file evidence/bars/NVDA.1d.csv does not match its manifest checksum (changed or truncated); it was not used"),
    "changed-same-length": (same_length, "evidence file evidence/bars/NVDA.1d.csv does not match its manifest checksum"),
    "truncated": (truncated, "evidence file evidence/bars/NVDA.1d.csv does not match its manifest checksum (changed or truncated)"),
    "missing": (missing, "evidence file evidence/bars/NVDA.1d.csv is listed in the manifest but missing"),
    "unlisted": (unlisted, "evidence file evidence/bars/NVDA.1d.csv is not listed in the manifest"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_file_makes_its_claims_unverifiable_and_exits_3(project, kind):
    damage, message = DAMAGE[kind]
    damage(project)
    code, results, err = verify_json(project)
    assert code == 3, err
    assert f"dscheck: damaged evidence: {message[0].upper()}{message[1:]}" in err
    nvda = [r for r in results if r["subject"] == "NVDA"]
    assert nvda and all(r["verdict"] == "unverifiable" for r in nvda)
    assert all(message[1:] in r["conclusion"] for r in nvda)  # the reason names the file
    others = [r for r in results if r["subject"] not in (None, "NVDA") and r["verdict"] != "unverifiable"]
    assert others, "claims on whole files still get their verdicts"
    code, out, err = run_cli("evidence", "check", "evidence", cwd=project)
    assert code == 3 and f"dscheck: {message}" in err and out == ""


def test_a_whole_archive_checks_clean(project):
    code, out, err = run_cli("evidence", "check", "evidence", cwd=project)
    assert code == 0 and err == "" and out.endswith("files, all match the manifest\n")


def entry(**changes) -> dict:
    data = json.loads((REPO / "evidence/manifest.json").read_text())["files"]["bars/NVDA.1d.csv"]
    data.update(changes)
    return data


def manifest_with(files) -> str:
    return json.dumps({"format": "dscheck.evidence/v1", "files": files})


BAD_MANIFESTS = {
    "not-json": ("{", "the manifest cannot be read (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))"),
    "not-utf8": ('{"format": "dscheck.evidence/v1", "files": {}}'.encode("utf-16"), "the manifest cannot be read ('utf-8' codec"),
    "nested-too-deep": ("[" * 100_000 + "]" * 100_000, "the manifest cannot be read (nested too deeply)"),
    "a-list": ("[]", 'not a dscheck evidence manifest (expected "format": "dscheck.evidence/v1")'),
    "another-format": ('{"format": "something/v9", "files": {}}', "not a dscheck evidence manifest"),
    "no-files": ('{"format": "dscheck.evidence/v1"}', 'the manifest is damaged ("files" must map file names to entries)'),
    "files-a-list": ('{"format": "dscheck.evidence/v1", "files": []}', '"files" must map file names to entries'),
    "entry-not-an-object": (manifest_with({"bars/NVDA.1d.csv": "x"}), 'entry "bars/NVDA.1d.csv": not an object'),
    "no-sha256": (manifest_with({"bars/NVDA.1d.csv": {k: v for k, v in entry().items() if k != "sha256"}}), '"sha256" is missing'),
    "sha256-a-number": (manifest_with({"bars/NVDA.1d.csv": entry(sha256=5)}), '"sha256" must be text'),
    "sha256-short": (manifest_with({"bars/NVDA.1d.csv": entry(sha256="abc")}), '"sha256" must be 64 lowercase hexadecimal digits'),
    "rows-text": (manifest_with({"bars/NVDA.1d.csv": entry(rows="12")}), '"rows" must be a whole number'),
    "rows-nan": ('{"format": "dscheck.evidence/v1", "files": {"bars/NVDA.1d.csv": ' + json.dumps(entry(rows=0)).replace('"rows": 0', '"rows": NaN') + "}}", '"rows" must be a whole number'),
    "bad-session-date": (manifest_with({"bars/NVDA.1d.csv": entry(missing_sessions=["2025-02-30"])}), '"missing_sessions" must be a list of dates'),
    "snapshot-text": (manifest_with({"bars/NVDA.1d.csv": entry(snapshot_close="no")}), '"snapshot_close" must be true or false'),
    "unknown-interval": (manifest_with({"bars/NVDA.1d.csv": entry(interval="7x")}), '"interval" must be one of 1m, 2m, 5m'),
    "file-outside": (manifest_with({"bars/NVDA.1d.csv": entry(file="../../../../etc/passwd")}), "the file must be bars/NVDA.1d.csv, not '../../../../etc/passwd'"),
    "absolute-file": (manifest_with({"bars/NVDA.1d.csv": entry(file="/etc/passwd")}), "the file must be bars/NVDA.1d.csv, not '/etc/passwd'"),
    "name-outside": (manifest_with({"../../etc/passwd": entry(file="../../etc/passwd")}), 'entry "../../etc/passwd": the file must be bars/NVDA.1d.csv'),
    "symbol-a-path": (manifest_with({"bars/../x.1d.csv": entry(symbol="../x", file="bars/../x.1d.csv")}), "\"symbol\" '../x' cannot name a file in bars/"),
    "another-symbols-file": (manifest_with({"bars/NVDA.1d.csv": entry(file="bars/AAPL.1d.csv")}), "the file must be bars/NVDA.1d.csv, not 'bars/AAPL.1d.csv'"),
    "hidden-file": (manifest_with({"bars/.x.1d.csv": entry(symbol=".x", file="bars/.x.1d.csv")}), "cannot name a file in bars/"),
}


@pytest.mark.parametrize("kind", BAD_MANIFESTS)
def test_damaged_manifest_is_refused_with_its_reason(project, kind):
    text, message = BAD_MANIFESTS[kind]
    path = project / "evidence/manifest.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    code, results, err = verify_json(project)
    assert code == 3 and results == []
    assert err.startswith("dscheck: evidence/manifest.json: ") and message in err, err
    code, out, err = run_cli("evidence", "check", "evidence", cwd=project)
    assert code == 3 and message in err
    with pytest.raises(MarketDataError, match="manifest"):
        EvidenceArchive(project / "evidence").check()


def test_a_manifest_cannot_make_dscheck_read_outside_the_archive(project, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("session,start,end,open,high,low,close,volume\n2025-01-27,,,1.0,1.0,1.0,1.0,1\n")
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()  # a manifest that vouches for the outside file
    path = project / "evidence/manifest.json"
    path.write_text(manifest_with({"bars/NVDA.1d.csv": entry(file="../../secret.csv", sha256=digest)}))
    with pytest.raises(MarketDataError, match="the file must be bars/NVDA.1d.csv"):
        EvidenceArchive(project / "evidence").load([Request("NVDA", "1d", *[__import__("datetime").date(2025, 1, 27)] * 2)])


def test_a_listed_file_that_is_a_folder_is_damaged(project):
    (project / NVDA).unlink()
    (project / NVDA).mkdir()
    code, results, err = verify_json(project)
    assert code == 3 and "dscheck: damaged evidence: Evidence file evidence/bars/NVDA.1d.csv cannot be read" in err


def test_a_file_whose_checksum_matches_but_cannot_be_parsed_is_damaged(project):
    # A hand-made archive can vouch for a broken file; it is still never used.
    path = project / NVDA
    path.write_bytes(b"session,start,end,open,high,low,close,volume\n2025-01-27,\x00,,1,1,1,1,1\n")
    manifest = project / "evidence/manifest.json"
    document = json.loads(manifest.read_text())
    document["files"]["bars/NVDA.1d.csv"]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(document))
    code, results, err = verify_json(project)
    assert code == 3 and "dscheck: damaged evidence: Evidence file evidence/bars/NVDA.1d.csv cannot be read" in err


def test_writing_refuses_an_entry_outside_the_archive(tmp_path):
    data = archive.encode_bars(())
    bad = Entry(file="../outside.1d.csv", symbol="../outside", interval="1d", sha256=hashlib.sha256(data).hexdigest(),
                rows=0, first="2025-01-27", last="2025-01-27", source="s", timezone="UTC", adjustment="none")
    with pytest.raises(ValueError, match="refusing to write '../outside.1d.csv'"):
        archive.write(tmp_path / "ev", [(bad, data)])
    assert not (tmp_path / "outside.1d.csv").exists() and not (tmp_path / "ev").exists()


def test_importing_into_an_archive_with_a_damaged_manifest_writes_nothing(project, tmp_path):
    source = tmp_path / "csv"
    source.mkdir()
    shutil.copy(REPO / "evidence/bars/AAPL.1d.csv", source / "AAPL.1d.csv")
    (source / "AAPL.1d.csv").write_text("date,open,high,low,close,volume\n2025-01-27,1,2,0.5,1.5,100\n")
    (project / "evidence/manifest.json").write_text("{")
    before = sorted(p.name for p in (project / "evidence/bars").iterdir())
    code, out, err = run_cli("evidence", "import", str(source), "--into", "evidence", cwd=project)
    assert code == 3 and err.startswith("dscheck: nothing imported: evidence/manifest.json: the manifest cannot be read")
    assert sorted(p.name for p in (project / "evidence/bars").iterdir()) == before


def test_importing_into_a_file_says_so(project, tmp_path):
    source = tmp_path / "csv"
    source.mkdir()
    (source / "AAPL.1d.csv").write_text("date,open,high,low,close,volume\n2025-01-27,1,2,0.5,1.5,100\n")
    (project / "not-a-folder").write_text("x")
    code, out, err = run_cli("evidence", "import", str(source), "--into", "not-a-folder", cwd=project)
    assert code == 2 and err.startswith("dscheck: nothing imported: cannot write not-a-folder/bars (Not a directory)"), err


def test_the_bundled_manifest_passes_the_strict_reading():
    assert len(read_manifest(REPO / "evidence")) > 40


def damage_field(project: Path, session: str, field: int) -> int:
    """Put a letter O for a zero in one field of NVDA's bar of `session`, checksum updated; its line number."""
    path = project / NVDA
    lines = path.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith(f"{session},"))
    fields = lines[number].split(",")
    fields[field] = fields[field].replace("0", "O", 1) if "0" in fields[field] else "12O.5"
    lines[number] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n")
    manifest = project / "evidence/manifest.json"
    document = json.loads(manifest.read_text())
    document["files"]["bars/NVDA.1d.csv"]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(document))
    return number + 1


def test_a_bar_that_does_not_decode_is_named_by_file_and_line_when_a_claim_reads_it(project):
    # Bars are decoded when first read; a bad one still stops every claim that reads it, with its line.
    number = damage_field(project, "2025-01-24", 6) - 1
    code, results, err = verify_json(project)
    damaged = [r for r in results if r["subject"] == "NVDA" and "cannot be read" in r["conclusion"]]
    assert code == 3 and damaged
    assert f"Evidence file evidence/bars/NVDA.1d.csv cannot be read (line {number + 1}: could not convert" in err


def test_ranking_daily_moves_reads_every_close_but_no_other_field_of_old_bars(project):
    # "Worst since March 2020" ranks five years of closes: a damaged close in 2021 stops the claim, with its
    # line; a damaged open that day does not, as the verdict does not rest on it.
    worst = "nvda-worst-since-2020-03"
    _, before, _ = verify_json(project)
    expected = next(r for r in before if r["id"] == worst)
    opened = damage_field(project, "2021-06-01", 3)
    _, results, _ = verify_json(project)
    assert next(r for r in results if r["id"] == worst) == expected
    closed = damage_field(project, "2021-06-02", 6)
    code, results, err = verify_json(project)
    ranked = next(r for r in results if r["id"] == worst)
    assert code == 3 and ranked["verdict"] == "unverifiable" and opened != closed
    assert f"Evidence file evidence/bars/NVDA.1d.csv cannot be read (line {closed}: could not convert" in ranked["conclusion"]
