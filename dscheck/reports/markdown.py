"""The Markdown report: a summary and tables that fit a pull-request comment or a CI step summary."""

from __future__ import annotations

from dscheck.reports.interface import Run
from dscheck.reports.summary import counts
from dscheck.verdicts.interface import Result, Verdict

# Markdown punctuation that would turn catalogue text into formatting, links or table cells.
_PUNCTUATION = str.maketrans({c: "\\" + c for c in "\\`*_[]|~"})


def text(value: str | None) -> str:
    """Catalogue or report text as literal Markdown on one line: no tags, no formatting, no cell breaks."""
    value = (value or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(value.translate(_PUNCTUATION).split())


def _when(result: Result) -> str:
    claim = result.claim
    if not claim.date:
        return ""
    return claim.date.isoformat() + (f" {claim.time:%H:%M}" if claim.time else " close")


def table(results: list[Result]) -> list[str]:
    lines = ["| claim | quote | subject | claimed | actual | verdict | conclusion |", "|---|---|---|---|---|---|---|"]
    for r in results:
        when = _when(r)
        claim = f"`{r.claim.id}`" + (f"<br>{when}" if when else "") + f"<br>{text(str(r.claim.location))}"
        lines.append(
            f"| {claim} | {text(r.claim.quote)} | {text(r.claim.subject)} | {text(r.claimed_text)} | "
            f"{text(r.actual_text)} | **{r.verdict.value}** | {text(r.conclusion)} |"
        )
    return lines


def render(run: Run) -> str:
    results = list(run.results)
    failing = [r for r in results if run.failing(r)]
    numbers = counts(results)
    title = f"## dscheck: {len(results)} claims, " + (f"{len(failing)} failing" if failing else "none failing")
    lines = [
        title,
        "",
        "| " + " | ".join(name.replace("_", " ") for name in numbers) + " |",
        "|" + "---:|" * len(numbers),
        "| " + " | ".join(str(n) for n in numbers.values()) + " |",
        "",
    ]
    where = [f"catalogue {text(run.catalogue)}" if run.catalogue else "", f"evidence {text(run.evidence)}" if run.evidence else ""]
    if any(where):
        lines += ["Checked " + ", ".join(w for w in where if w) + ".", ""]
    failing_verdicts = sorted({v.value for v in run.fail_on} | {Verdict.ERROR.value})
    lines += ["Verdicts that fail the run: " + ", ".join(failing_verdicts) + ".", ""]
    if failing:
        lines += ["### Failing claims", "", *table(failing), ""]
    lines += [
        "<details><summary>All claims</summary>" if failing else "### All claims",
        "",
        *table(results),
        "",
    ]
    if failing:
        lines += ["</details>", ""]
    return "\n".join(lines)
