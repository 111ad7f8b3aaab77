"""The JUnit XML report: one test case per claim, so CI test views list the claims that failed and why."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from dscheck.reports.interface import Run
from dscheck.verdicts.interface import Result, Verdict

# XML 1.0 cannot carry most control characters, not even escaped; a YAML string can hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

NOT_RUN = (Verdict.OUT_OF_SCOPE, Verdict.UNVERIFIABLE)


def _clean(value: str | None) -> str:
    return _NOT_XML.sub("\ufffd", value or "")


def _outcome(run: Run, result: Result) -> str:
    """passed, failure, error or skipped."""
    if result.verdict is Verdict.ERROR or result.damaged_evidence:
        return "error"
    if run.failing(result):
        return "failure"
    if result.verdict in NOT_RUN:
        return "skipped"
    return "passed"


def _message(result: Result) -> str:
    if result.claimed_text and result.actual_text:
        return f"{result.verdict.value}: claimed {result.claimed_text}, actual {result.actual_text}"
    return result.verdict.value


def _case(run: Run, result: Result) -> tuple[ET.Element, str]:
    claim = result.claim
    case = ET.Element(
        "testcase",
        {
            "name": claim.id,
            "classname": _clean(claim.article),
            "file": _clean(claim.location.file),
            "line": str(claim.location.line),
            "time": "0",
        },
    )
    outcome = _outcome(run, result)
    if outcome in ("failure", "error"):
        kind = "damaged_evidence" if result.damaged_evidence else result.verdict.value
        ET.SubElement(case, outcome, {"message": _clean(_message(result)), "type": kind}).text = _clean(result.conclusion)
    elif outcome == "skipped":
        ET.SubElement(case, "skipped", {"message": _clean(f"{result.verdict.value}: {result.conclusion}")})
    out = [f"quote: {claim.quote}"]
    if claim.subject:
        out.append(f"subject: {claim.subject} {claim.metric or ''}".rstrip())
    out += [f"verdict: {result.verdict.value}", f"conclusion: {result.conclusion}", f"location: {claim.location}"]
    ET.SubElement(case, "system-out").text = _clean("\n".join(out))
    return case, outcome


def render(run: Run) -> str:
    cases = [_case(run, r) for r in run.results]
    tally = {k: sum(1 for _, o in cases if o == k) for k in ("failure", "error", "skipped")}
    attrs = {
        "tests": str(len(cases)),
        "failures": str(tally["failure"]),
        "errors": str(tally["error"]),
        "skipped": str(tally["skipped"]),
        "time": "0",
    }
    root = ET.Element("testsuites", {"name": "dscheck", **attrs})
    suite = ET.SubElement(root, "testsuite", {"name": _clean(run.catalogue or "dscheck"), **attrs})
    for case, _ in cases:
        suite.append(case)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
