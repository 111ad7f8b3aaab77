"""`dscheck verify` with report options, run as a user runs it: every format from one run, exit codes, --select."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import junitparser
import pytest

from dscheck import reports

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = """\
dscheck: 1
articles:
  wire:
    title: "Chip stocks sink"
    publisher: "Example Wire"
    published: "2025-01-27"
    source: "https://news.example/wire"
  kr:
    publisher: "한국경제"
    published: "2025-01-30"
    language: ko
claims:
  - id: nvda-fell
    article: wire
    quote: "Nvidia fell 17%"
    tags: [ai]
    subject: NVDA
    metric: change_pct
    value: -17
    date: 2025-01-27
  - id: nvda-rose
    article: wire
    quote: "Nvidia <b>rose</b> 10% & more"
    tags: [ai]
    subject: NVDA
    metric: change_pct
    value: 10
    date: 2025-01-27
  - id: spy-down
    article: kr
    quote: "S&P 500 지수는 하락했다"
    subject: SPY
    metric: direction
    value: down
    date: 2025-01-27
  - id: cost
    article: kr
    quote: "The model cost $5.6 million to train"
    kind: external
    reason: "a company's own figure; prices cannot check it"
"""
VERDICTS = {"nvda-fell": "accurate", "nvda-rose": "inaccurate", "spy-down": "accurate", "cost": "out_of_scope"}
LINES = {"nvda-fell": 13, "nvda-rose": 21, "spy-down": 29, "cost": 36}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "claims.yaml").write_text(CATALOGUE, encoding="utf-8")
    return tmp_path


def dscheck(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The bundled evidence, offline, with a private cache: no run here may reach the network."""
    done = subprocess.run(
        [sys.executable, "-m", "dscheck", "verify", "claims.yaml", "--evidence", str(REPO / "evidence"), *args],
        cwd=project, capture_output=True, text=True, timeout=120,
        env={
            "PATH": "/usr/bin:/bin", "HOME": str(project), "COLUMNS": "160", "DSCHECK_OFFLINE": "1",
            "DSCHECK_CACHE_DIR": str(project / "cache"), **(env or {}),
        },
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done


def test_one_run_writes_all_seven_formats_from_the_same_results(project):
    names = ["r.txt", "r.json", "r.csv", "r.md", "r.html", "junit.xml", "reviews.jsonld"]
    done = dscheck(project, *[a for n in names for a in ("-o", n)])
    assert done.returncode == 1 and done.stdout == ""
    assert {reports.by_extension(Path(n)).name for n in names} == set(reports.FORMATS)
    report = json.loads((project / "r.json").read_text())
    assert {r["id"]: r["verdict"] for r in report["results"]} == VERDICTS
    rows = list(csv.DictReader((project / "r.csv").open(encoding="utf-8")))
    assert {r["id"]: r["verdict"] for r in rows} == VERDICTS
    suite = next(iter(junitparser.JUnitXml.fromfile(str(project / "junit.xml"))))
    outcomes = {c.name: [type(r).__name__ for r in c.result] for c in suite}
    assert outcomes == {"nvda-fell": [], "nvda-rose": ["Failure"], "spy-down": [], "cost": ["Skipped"]}
    reviews = json.loads((project / "reviews.jsonld").read_text())
    assert {r["url"].split("#claim-")[1]: r["reviewRating"]["alternateName"] for r in reviews} == {
        "nvda-fell": "Accurate", "nvda-rose": "Inaccurate", "spy-down": "Accurate"
    }
    html = (project / "r.html").read_text()
    for cid, verdict in VERDICTS.items():
        assert f'class="claim v-{verdict}' in html.split(f'id="claim-{cid}"')[0].rsplit("<article", 1)[1]
    assert "Nvidia &lt;b&gt;rose&lt;/b&gt; 10% &amp; more" in html
    for name in ("r.txt", "r.md"):
        text = (project / name).read_text()
        assert all(cid in text for cid in VERDICTS), name
    assert (project / ".dscheck" / "last-run.json").exists()


@pytest.mark.parametrize("name", list(reports.FORMATS))
def test_fail_on_and_exit_codes_hold_in_every_format(project, name):
    done = dscheck(project, "--format", name)
    assert done.returncode == 1 and "nvda-rose" in done.stdout
    assert dscheck(project, "--format", name, "--fail-on", "error").returncode == 0
    ext = reports.FORMATS[name].extensions[0]
    assert dscheck(project, "-o", f"out{ext}").returncode == 1 and (project / f"out{ext}").stat().st_size > 0


def test_select_by_last_verdict(project):
    none_yet = dscheck(project, "--select", "verdict:inaccurate")
    assert none_yet.returncode == 2 and "no last run" in none_yet.stderr
    assert dscheck(project, "-q").returncode == 1
    again = dscheck(project, "--select", "verdict:inaccurate", "--format", "json")
    assert again.returncode == 1
    assert [r["id"] for r in json.loads(again.stdout)["results"]] == ["nvda-rose"]
    nothing = dscheck(project, "--select", "verdict:error")
    assert nothing.returncode == 2 and "--select verdict:error matches no claim in the last run" in nothing.stderr
    # A run of a selection keeps the other verdicts: the inaccurate claim is still found afterwards.
    assert dscheck(project, "--select", "id:nvda-fell", "-q").returncode == 0
    assert dscheck(project, "--select", "verdict:inaccurate", "-q").stdout == "1 claims: 1 inaccurate\n"


def test_select_combinations_and_mistakes(project):
    both = dscheck(project, "--select", "tag:ai", "--select", "subject:SPY", "-f", "csv")
    assert both.returncode == 2 and "no claim matches all of" in both.stderr
    union = dscheck(project, "--select", "nvda-*", "--select", "id:spy-*", "-q")
    assert union.returncode == 1 and union.stdout.startswith("3 claims:")
    article = dscheck(project, "--select", "article:kr", "-q")
    assert article.returncode == 0 and article.stdout == "2 claims: 1 accurate, 1 out of scope\n"
    typo = dscheck(project, "--select", "tags:ai")
    assert typo.returncode == 2 and 'unknown kind "tags"' in typo.stderr


def test_quiet_and_plain_output(project):
    quiet = dscheck(project, "--quiet")
    assert quiet.stdout == "4 claims: 2 accurate, 1 inaccurate, 1 out of scope\n"
    plain = dscheck(project)  # stdout is a pipe here: no colour codes at all
    assert "\x1b[" not in plain.stdout and "nvda-rose" in plain.stdout


def test_stdout_and_files_together(project):
    done = dscheck(project, "-f", "csv", "-o", "-", "-o", "report.html")
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert [r["id"] for r in rows] == list(VERDICTS) and (project / "report.html").exists()
    named = dscheck(project, "-o", "junit:results.out")
    assert named.returncode == 1 and (project / "results.out").read_text().startswith("<?xml")


def test_bad_outputs_are_usage_errors(project):
    unknown = dscheck(project, "-o", "report.pdf")
    assert unknown.returncode == 2 and 'no format for the extension ".pdf"' in unknown.stderr
    (project / "blocker").write_text("")
    unwritable = dscheck(project, "-o", "blocker/report.html")
    assert unwritable.returncode == 2 and "cannot write the html report" in unwritable.stderr
    assert dscheck(project, "--format", "pdf").returncode == 2


def test_github_actions_annotations_and_step_summary(project):
    summary = project / "summary.md"
    done = dscheck(project, "-q", env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary),
                                       "GITHUB_WORKSPACE": str(project)})
    assert done.returncode == 1
    (annotation,) = [line for line in done.stdout.splitlines() if line.startswith("::error")]
    assert annotation.startswith(f"::error file=claims.yaml,line={LINES['nvda-rose']},col=5,title=dscheck%3A nvda-rose")
    assert summary.read_text().startswith("## dscheck: 4 claims, 1 failing")


def test_help_names_the_state_file_and_the_formats():
    done = subprocess.run([sys.executable, "-m", "dscheck", "verify", "--help"], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"}, timeout=60)
    flat = " ".join(done.stdout.split())
    assert ".dscheck/last-run.json" in flat and "claimreview" in flat and "--quiet" in flat
