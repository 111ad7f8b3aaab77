"""best_since: no session since the claimed month or day rose as far, and the last that did lies in it."""

from dscheck.verdicts.metrics import since
from dscheck.verdicts.metrics.change_pct import fmt  # noqa: F401  (how its values are shown)

NAME = "best_since"


def check(claim, data):
    return since.check(claim, data, worst=False)
