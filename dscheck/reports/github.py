"""GitHub Actions: failing claims as annotations on their catalogue line, and the Markdown report as the step summary.

The environment comes in as a mapping, so tests hand in their own instead of patching os.environ.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from dscheck.reports import markdown
from dscheck.reports.interface import Run
from dscheck.verdicts.interface import Result


def active(env: Mapping[str, str]) -> bool:
    return env.get("GITHUB_ACTIONS") == "true"


def _data(text: str) -> str:
    """A workflow command's message: %, CR and LF would end or garble it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _relative(file: str, workspace: str | None) -> str:
    """Annotations need the path from the repository root; the catalogue may have been named otherwise."""
    if workspace:
        try:
            return Path(os.path.relpath(Path(file).resolve(), Path(workspace).resolve())).as_posix()
        except ValueError:  # another drive (Windows)
            return file
    return Path(file).as_posix()


def annotation(run: Run, result: Result, workspace: str | None = None) -> str:
    claim = result.claim
    where = claim.location
    kind = "damaged evidence" if result.damaged_evidence else result.verdict.value.replace("_", " ")
    title = f"dscheck: {claim.id} is {kind}"
    message = result.conclusion
    if result.claimed_text and result.actual_text:
        message = f"claimed {result.claimed_text}, actual {result.actual_text}. {message}"
    return (
        f"::error file={_property(_relative(where.file, workspace))},line={where.line},col={where.column},"
        f"title={_property(title)}::{_data(message)}"
    )


def annotations(run: Run, workspace: str | None = None) -> list[str]:
    """One error annotation per claim that fails the run."""
    return [annotation(run, r, workspace) for r in run.results if run.failing(r)]


def annotate(run: Run, env: Mapping[str, str], out: TextIO) -> None:
    for line in annotations(run, env.get("GITHUB_WORKSPACE")):
        out.write(line + "\n")


def summarise(run: Run, env: Mapping[str, str]) -> str | None:
    """Append the Markdown report to the step summary; returns a warning when that failed (the run still counts)."""
    target = env.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    try:
        # The runner collects this file after the step; other tools in the same step may append to it too.
        with open(target, "a", encoding="utf-8") as summary:
            summary.write(markdown.render(run) + "\n")
    except OSError as exc:
        return f"could not append to the step summary {target}: {exc.strerror or exc}"
    return None
