"""Where reports go: files written atomically, plain or coloured stdout, --quiet, and GitHub Actions extras.

The environment is a mapping handed in, never os.environ.
"""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest
from report_samples import RESULTS, RUN

from dscheck import reports
from dscheck.reports import github
from dscheck.reports.deliver import Terminal, deliver

ESC = "\x1b["


def terminal(env=None, is_terminal=False) -> Terminal:
    return Terminal(io.StringIO(), io.StringIO(), is_terminal, {"COLUMNS": "160", **(env or {})})


def test_a_terminal_gets_colour_unless_no_color():
    coloured = terminal(is_terminal=True)
    deliver(RUN, [], reports.FORMATS["table"], coloured)
    assert ESC in coloured.out.getvalue()
    for plain in (terminal({"NO_COLOR": "1"}, is_terminal=True), terminal()):
        deliver(RUN, [], reports.FORMATS["table"], plain)
        text = plain.out.getvalue()
        assert ESC not in text and "smci-jumped" in text and text.rstrip().endswith("1 error")
    # NO_COLOR set but empty does not count (https://no-color.org).
    assert not terminal({"NO_COLOR": ""}, is_terminal=True).plain


def test_quiet_prints_only_the_summary_line_but_still_writes_files(tmp_path):
    term = terminal()
    deliver(RUN, [(reports.FORMATS["html"], tmp_path / "r.html")], reports.FORMATS["table"], term, quiet=True)
    assert term.out.getvalue() == (
        "10 claims: 4 accurate, 1 approximate, 1 consistent, 1 inaccurate, 1 unverifiable, 1 out of scope, 1 error\n"
    )
    assert (tmp_path / "r.html").read_text().startswith("<!doctype html>")


def test_files_are_replaced_whole_and_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old")
    deliver(RUN, [(reports.FORMATS["json"], target)], None, terminal())
    assert json.loads(target.read_text())["summary"]["error"] == 1
    before = target.read_text()

    def interrupted(src, dst):  # Ctrl-C after the new report is written, before it takes the old one's place
        raise KeyboardInterrupt

    monkeypatch.setattr("dscheck.files.os.replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        deliver(dataclasses.replace(RUN, results=RESULTS[:1]), [(reports.FORMATS["json"], target)], None, terminal())
    assert target.read_text() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_an_unwritable_path_is_a_report_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(reports.ReportError, match="cannot write the html report"):
        deliver(RUN, [(reports.FORMATS["html"], blocker / "r.html")], None, terminal())


def test_stdout_silent_when_only_files_are_asked_for(tmp_path):
    term = terminal()
    deliver(RUN, [(reports.FORMATS["csv"], tmp_path / "r.csv")], None, term)
    assert term.out.getvalue() == "" and term.err.getvalue() == ""


def github_env(tmp_path: Path, **more) -> dict:
    return {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), **more}


def test_github_annotations_point_at_the_catalogue_lines(tmp_path):
    lines = github.annotations(RUN)
    assert [line.split("::")[1].split(" ", 1)[0] for line in lines] == ["error", "error"]
    smci, avgo = lines
    assert smci.startswith("::error file=claims.yaml,line=40,col=5,title=dscheck%3A smci-jumped is inaccurate::")
    assert "claimed +10 %25, actual -13.48 %25." in smci  # % escaped, or the runner would decode it
    assert avgo.startswith("::error file=claims.yaml,line=100,col=5,title=dscheck%3A avgo-broken is error::")
    workspace = tmp_path / "repo"
    (workspace / "news").mkdir(parents=True)
    moved = dataclasses.replace(
        RESULTS[3], claim=dataclasses.replace(RESULTS[3].claim, location=dataclasses.replace(
            RESULTS[3].claim.location, file=str(workspace / "news" / "claims.yaml")))
    )
    (line,) = github.annotations(dataclasses.replace(RUN, results=(moved,)), str(workspace))
    assert line.startswith("::error file=news/claims.yaml,line=40,")


def test_under_github_actions_the_table_is_fenced_and_the_summary_appended(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    term = terminal(github_env(tmp_path))
    assert deliver(RUN, [], reports.FORMATS["table"], term) == []
    out = term.out.getvalue().splitlines()
    assert out[0].startswith("::error file=claims.yaml,line=40") and out[1].startswith("::error file=claims.yaml,line=100")
    token = out[2].removeprefix("::stop-commands::")
    assert out[2].startswith("::stop-commands::") and len(token) == 24
    assert out[-1] == f"::{token}::"  # catalogue text in between cannot act as a workflow command
    text = summary.read_text()
    assert text.startswith("earlier step\n## dscheck: 10 claims, 2 failing")
    deliver(RUN, [], None, term, quiet=True)
    assert summary.read_text().count("## dscheck:") == 2  # appended, never overwritten


def test_under_github_actions_a_document_on_stdout_stays_clean(tmp_path):
    term = terminal(github_env(tmp_path))
    deliver(RUN, [], reports.FORMATS["json"], term)
    assert json.loads(term.out.getvalue())["summary"]["inaccurate"] == 1
    assert term.err.getvalue().count("::error ") == 2


def test_outside_github_actions_nothing_extra(tmp_path):
    term = terminal({"GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")})
    deliver(RUN, [], reports.FORMATS["table"], term)
    assert "::" not in term.out.getvalue() and not (tmp_path / "summary.md").exists()


def test_an_unwritable_step_summary_is_a_warning_not_a_failure(tmp_path):
    term = terminal(github_env(tmp_path, GITHUB_STEP_SUMMARY=str(tmp_path / "missing" / "summary.md")))
    warnings = deliver(RUN, [], None, term, quiet=True)
    assert len(warnings) == 1 and "could not append to the step summary" in warnings[0]
