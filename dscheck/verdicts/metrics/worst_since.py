"""worst_since: no session since the claimed month or day fell as far, and the last that did lies in it."""

from dscheck.verdicts.metrics import since
from dscheck.verdicts.metrics.change_pct import fmt  # noqa: F401  (how its values are shown)

NAME = "worst_since"


def check(claim, data):
    return since.check(claim, data, worst=True)
