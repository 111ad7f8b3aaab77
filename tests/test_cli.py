"""The command line as a user meets it: exit codes, messages with places, no tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "dscheck", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
        # Offline: a subprocess is outside conftest's socket guard, and no test may reach a real host.
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "160", "HOME": str(cwd), "DSCHECK_OFFLINE": "1"},
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the bundled catalogue and evidence that a test may damage."""
    shutil.copy(REPO / "claims.yaml", tmp_path / "claims.yaml")
    shutil.copytree(REPO / "evidence", tmp_path / "evidence")
    return tmp_path


def test_verify_the_bundled_catalogue_prints_every_claim(project):
    done = run("verify", cwd=project)
    assert done.returncode == 1  # the seed articles hold inaccurate claims
    ids = [line.split("id:", 1)[1].strip() for line in (project / "claims.yaml").read_text().splitlines() if line.strip().startswith("- id:")]
    assert ids and all(i in done.stdout for i in ids)
    assert "claims:" in done.stdout.splitlines()[-1]


def test_json_report_shape(project):
    done = run("verify", "--format", "json", cwd=project)
    report = json.loads(done.stdout)
    assert report["schema"] == "dscheck.report/v1"
    assert set(report["summary"]) == {"accurate", "approximate", "consistent", "inaccurate", "unverifiable", "out_of_scope", "error"}
    assert sum(report["summary"].values()) == len(report["results"])
    first = report["results"][0]
    for key in ("id", "subject", "metric", "claimed", "qualifier", "verdict", "actual", "range", "accepted", "conclusion", "evidence"):
        assert key in first


def test_fail_on_decides_the_exit_code(project):
    assert run("verify", "--fail-on", "error", cwd=project).returncode == 0
    assert run("verify", "--fail-on", "unverifiable", cwd=project).returncode == 1
    bad = run("verify", "--fail-on", "wrong", cwd=project)
    assert bad.returncode == 2 and 'unknown verdict "wrong"' in bad.stderr


def test_output_file_is_written_whole(project):
    done = run("verify", "--format", "json", "--output", "report.json", cwd=project)
    assert done.returncode == 1 and done.stdout == ""
    assert json.loads((project / "report.json").read_text())["results"]
    assert not list(project.glob(".report.json.*"))  # no temporary file left behind


def test_invalid_catalogue_exit_2_with_place(project):
    path = project / "claims.yaml"
    path.write_text(path.read_text().replace("metric: change_pct", "metrc: change_pct", 1))
    done = run("verify", cwd=project)
    assert done.returncode == 2
    assert 'claims.yaml:' in done.stderr and 'unknown field "metrc"' in done.stderr and 'did you mean "metric"?' in done.stderr
    assert run("validate", cwd=project).returncode == 2


def test_validate_ok(project):
    done = run("validate", cwd=project)
    assert done.returncode == 0 and "valid" in done.stdout


def test_missing_catalogue_and_missing_evidence(project):
    missing = run("verify", "nope.yaml", cwd=project)
    assert missing.returncode == 2 and "nope.yaml:1:1: no such file" in missing.stderr
    shutil.rmtree(project / "evidence")
    no_evidence = run("verify", cwd=project)
    assert no_evidence.returncode == 3 and "dscheck evidence import" in no_evidence.stderr


def test_tampered_evidence_exit_3_and_claims_unverifiable(project):
    bars = project / "evidence" / "bars" / "NVDA.1d.csv"
    bars.write_text(bars.read_text().replace("118.41999816894531", "128.41999816894531"))
    done = run("verify", "--format", "json", cwd=project)
    assert done.returncode == 3
    assert "NVDA.1d.csv does not match its manifest checksum" in done.stderr
    report = json.loads(done.stdout)
    nvda = [r for r in report["results"] if r["subject"] == "NVDA"]
    assert nvda and all(r["verdict"] == "unverifiable" for r in nvda)
    check = run("evidence", "check", "evidence", cwd=project)
    assert check.returncode == 3 and "NVDA.1d.csv" in check.stderr


def test_unknown_symbol_is_unverifiable_not_a_crash(project):
    text = (project / "claims.yaml").read_text().replace("subject: AVGO", "subject: NOPE", 1)
    (project / "claims.yaml").write_text(text)
    report = json.loads(run("verify", "--format", "json", cwd=project).stdout)
    (nope,) = [r for r in report["results"] if r["subject"] == "NOPE"]
    assert nope["verdict"] == "unverifiable" and "no bars for NOPE" in nope["conclusion"]


def test_bad_command_line_exit_2():
    assert run("verify", "--format", "pdf").returncode == 2
    assert run("verify", "--no-such-option").returncode == 2
    assert run("frobnicate").returncode == 2


def test_every_command_has_help_with_an_example():
    top = run("--help")
    assert top.returncode == 0
    for command in (["verify"], ["validate"], ["schema"], ["evidence", "import"], ["evidence", "check"]):
        done = run(*command, "--help")
        assert done.returncode == 0 and "Example: dscheck" in done.stdout, command


def test_python_dash_m_and_schema():
    done = run("schema")
    assert json.loads(done.stdout)["title"].startswith("dscheck catalogue")


def test_evidence_import_cli(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "ACME.1d.csv").write_text("timestamp,open,high,low,close,volume\n2025-01-24,1,2,1,1.5,10\n")
    done = run("evidence", "import", str(src), "--into", str(tmp_path / "ev"), "--source", "mine", cwd=tmp_path)
    assert done.returncode == 0 and "1 files imported" in done.stdout
    assert run("evidence", "check", str(tmp_path / "ev"), cwd=tmp_path).returncode == 0
    bad = run("evidence", "import", str(tmp_path / "missing"), cwd=tmp_path)
    assert bad.returncode == 2 and "not a folder" in bad.stderr


def test_the_console_entry_ends_at_once_with_all_its_output_and_files(project):
    # The entry point ends the process without freeing the run's objects (cli.main(at_once=True)): whatever
    # it printed, larger than a pipe's buffer, and every file it wrote must be whole, and the code the same.
    done = run("verify", "--format", "json", "-o", "-", "-o", "report.csv", cwd=project)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert len(done.stdout) > 65536 and len(report["results"]) == 66
    assert (project / "report.csv").read_text("utf-8").count("\n") > 66
    assert json.loads((project / ".dscheck" / "last-run.json").read_text("utf-8"))["summary"] == report["summary"]
    quiet = run("verify", "--quiet", cwd=project)  # one short line, still in stdout's buffer at the end
    assert quiet.returncode == 1 and quiet.stdout.startswith("66 claims: 15 accurate")
    assert run("validate", "missing.yaml", cwd=project).returncode == 2  # the other ways out keep their codes too
