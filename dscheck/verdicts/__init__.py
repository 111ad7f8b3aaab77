"""The verdict stage: a claim and its bars in, a verdict with evidence out."""

from dscheck.verdicts.engine import plan, verify
from dscheck.verdicts.interface import EvidenceBar, Interval, Result, Verdict

__all__ = ["EvidenceBar", "Interval", "Result", "Verdict", "plan", "verify"]
