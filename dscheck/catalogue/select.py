"""Choosing claims: `--select KIND:GLOB` by id, article, tag, subject or the verdict of the last run."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase

from dscheck.catalogue.interface import Claim

KINDS = ("id", "article", "tag", "subject", "verdict")


class SelectionError(Exception):
    """A selector that cannot be read, or one that matches no claim."""


@dataclass(frozen=True)
class Selector:
    kind: str
    pattern: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.pattern}"


def parse(text: str) -> Selector:
    """`tag:ai*` -> Selector("tag", "ai*"); a bare glob selects by id."""
    kind, sep, pattern = text.partition(":")
    if not sep:
        kind, pattern = "id", text
    kind = kind.strip().lower()
    pattern = pattern.strip()
    if kind not in KINDS:
        raise SelectionError(f'--select {text}: unknown kind "{kind}"; use one of {", ".join(KINDS)} (e.g. tag:ai)')
    if not pattern:
        raise SelectionError(f"--select {text}: nothing after the colon; e.g. {kind}:{'inaccurate' if kind == 'verdict' else '*'}")
    return Selector(kind, pattern)


def _values(claim: Claim, kind: str, verdicts: Mapping[str, str]) -> Iterable[str]:
    if kind == "id":
        return (claim.id,)
    if kind == "article":
        return (claim.article,)
    if kind == "tag":
        return claim.tags
    if kind == "subject":
        return (claim.subject,) if claim.subject else ()
    verdict = verdicts.get(claim.id)
    return (verdict,) if verdict else ()


def matches(selector: Selector, claim: Claim, verdicts: Mapping[str, str] | None = None) -> bool:
    values = _values(claim, selector.kind, verdicts or {})
    return any(fnmatchcase(value, selector.pattern) for value in values)


def select(
    claims: Sequence[Claim],
    selectors: Sequence[Selector],
    verdicts: Mapping[str, str] | None = None,
    known_verdicts: Sequence[str] = (),
) -> tuple[Claim, ...]:
    """The claims every kind of selector admits: selectors of one kind add up, different kinds narrow.

    `verdicts` maps claim ids to their verdict in the last run (None: there was no last run).
    Every selector must match some claim on its own, and the whole selection must match one:
    a typo in CI should fail the job, not pass it with nothing checked.
    """
    if not selectors:
        return tuple(claims)
    wanted_verdicts = [s for s in selectors if s.kind == "verdict"]
    if wanted_verdicts and verdicts is None:
        raise SelectionError(
            f"--select {wanted_verdicts[0]}: there is no last run to take verdicts from; run dscheck verify once "
            "without a verdict selector first"
        )
    verdicts = verdicts or {}
    for selector in wanted_verdicts:
        if known_verdicts and not any(fnmatchcase(v, selector.pattern) for v in known_verdicts):
            raise SelectionError(f"--select {selector}: no such verdict; verdicts are {', '.join(known_verdicts)}")
    for selector in selectors:
        if not any(matches(selector, c, verdicts) for c in claims):
            where = " in the last run" if selector.kind == "verdict" else ""
            raise SelectionError(f"--select {selector} matches no claim{where}")
    by_kind: dict[str, list[Selector]] = {}
    for selector in selectors:
        by_kind.setdefault(selector.kind, []).append(selector)
    chosen = tuple(
        c for c in claims if all(any(matches(s, c, verdicts) for s in group) for group in by_kind.values())
    )
    if not chosen:
        raise SelectionError(
            "no claim matches all of " + ", ".join(f"--select {s}" for s in selectors)
            + " (selectors of different kinds must all match)"
        )
    return chosen
