"""Exit codes, in one place, and the one function that picks the code for a run."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the verdicts are imported when a run ends, so `--help` and `validate` start without them
    from dscheck.verdicts.interface import Result, Verdict


class Exit(IntEnum):
    OK = 0  # no claim failed
    FAILED = 1  # some claim has a verdict in --fail-on (or an error)
    USAGE = 2  # a bad command line or an invalid catalogue
    EVIDENCE = 3  # evidence missing or corrupt
    INTERRUPTED = 130  # Ctrl-C


# The verdicts that fail a run unless --fail-on says otherwise, by name (Verdict values).
DEFAULT_FAIL_ON = ("error", "inaccurate")


def exit_code(
    results: Iterable[Result], fail_on: Collection[Verdict] | None = None, *, missing_evidence: bool = False
) -> Exit:
    """Damaged evidence outranks failed claims: a run that read bad data cannot vouch for anything.

    So does evidence that could not be had (`missing_evidence`: the network failed, or --offline found
    neither an archive nor a cached copy): the run checked less than it was asked to.
    """
    from dscheck.verdicts.interface import Verdict

    failing = frozenset(Verdict(name) for name in DEFAULT_FAIL_ON) if fail_on is None else fail_on
    results = list(results)
    if missing_evidence or any(r.damaged_evidence for r in results):
        return Exit.EVIDENCE
    if any(r.verdict in failing or r.verdict is Verdict.ERROR for r in results):
        return Exit.FAILED
    return Exit.OK
