"""Exit codes, in one place, and the one function that picks the code for a run."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from dscheck.verdicts.interface import Result, Verdict


class Exit(IntEnum):
    OK = 0  # no claim failed
    FAILED = 1  # some claim has a verdict in --fail-on (or an error)
    USAGE = 2  # a bad command line or an invalid catalogue
    EVIDENCE = 3  # evidence missing or corrupt
    INTERRUPTED = 130  # Ctrl-C


DEFAULT_FAIL_ON = frozenset({Verdict.INACCURATE, Verdict.ERROR})


def exit_code(
    results: Iterable[Result], fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON, *, missing_evidence: bool = False
) -> Exit:
    """Damaged evidence outranks failed claims: a run that read bad data cannot vouch for anything.

    So does evidence that could not be had (`missing_evidence`: the network failed, or --offline found
    neither an archive nor a cached copy): the run checked less than it was asked to.
    """
    results = list(results)
    if missing_evidence or any(r.damaged_evidence for r in results):
        return Exit.EVIDENCE
    if any(r.verdict in fail_on or r.verdict is Verdict.ERROR for r in results):
        return Exit.FAILED
    return Exit.OK
