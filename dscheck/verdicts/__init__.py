"""The verdict stage: a claim and its bars in, a verdict with evidence out."""

from dscheck.verdicts.interface import EvidenceBar, Interval, Result, Verdict

__all__ = ["EvidenceBar", "Interval", "Result", "Verdict", "plan", "verify"]


def __getattr__(name: str):
    # The engine, and with it every metric, loads only when a command verifies: `--help` and the exit
    # codes need just the interface.
    if name in ("plan", "verify"):
        from dscheck.verdicts import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
