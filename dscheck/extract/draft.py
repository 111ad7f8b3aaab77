"""Draft claims as v1 catalogue YAML: a new catalogue, or an addition to an existing one that stays valid."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import yaml

from dscheck.catalogue import CatalogueError, loads
from dscheck.extract.interface import Drafted, Extraction, ExtractError
from dscheck.extract.rules import clean
from dscheck.extract.text import paragraphs

NEW_YORK = "America/New_York"
_SHORT = {
    "change_pct": "pct", "change_bp": "bp", "change_points": "points", "level": "level",
    "volume_ratio": "volume", "worst_since": "worst-since", "best_since": "best-since",
}


def article_id_for(name: str) -> str:
    """An article id from a file name: lowercase letters, digits and hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "article"


def render(extraction: Extraction, *, article_id: str, article_date: dt.date, source: str, text: str = "") -> str:
    """A whole v1 catalogue holding one article's drafts."""
    lines = [
        f"# Drafted by dscheck extract from {_c(source)} (article date {article_date}).",
        "# Every claim is a draft: check its quote, subject, value, date and time against the article, then",
        "# delete its `draft` tag. The comment above each claim gives the rules' confidence (0 to 1) and why.",
        "",
        "dscheck: 1",
        f"timezone: {NEW_YORK}",
        "",
        "articles:",
        *_article_lines(article_id, article_date, source, extraction.language, text, indent=2),
        "",
        "claims:" if extraction.claims else "claims: []",
        *claim_lines(extraction, article_id, article_date, set(), indent=2, default_zone=NEW_YORK),
    ]
    return "\n".join(lines) + "\n"


def _article_lines(article_id: str, day: dt.date, source: str, language: str, text: str, indent: int) -> list[str]:
    pad = " " * indent
    lines = [f"{pad}{article_id}:"]
    title = _title(text)
    if title:
        lines.append(f"{pad}  title: {_q(title)}")
    lines += [f'{pad}  published: "{day.isoformat()}"', f"{pad}  language: {language}", f"{pad}  source: {_q(source)}"]
    return lines


def _title(text: str) -> str:
    """The first paragraph when it reads as a headline: short, and not ending like a sentence."""
    text = clean(text)
    spans = paragraphs(text)
    if len(spans) < 2:
        return ""
    first = text[spans[0][0] : spans[0][1]].strip()
    return first if len(first) <= 100 and "\n" not in first and not first.endswith((".", "다", "?", "!")) else ""


def claim_lines(
    extraction: Extraction, article_id: str, article_date: dt.date, taken: set[str], indent: int, default_zone: str
) -> list[str]:
    """The claims as block-sequence items, then every unmapped number as a commented-out draft."""
    pad = " " * indent
    lines: list[str] = []
    ids = set(taken)
    for claim in extraction.claims:
        claim_id = _unique(_claim_id(claim, article_date), ids)
        lines.append(f"{pad}# confidence {claim.confidence:.2f}: " + _c("; ".join(claim.why)))
        lines.append(f"{pad}- id: {claim_id}")
        body = [
            ("article", article_id),
            ("quote", _q(claim.quote)),
            ("tags", "[draft]"),
            ("subject", _q(claim.subject)),
            ("metric", claim.metric),
            ("value", _value(claim)),
        ]
        if claim.qualifier:
            body.append(("qualifier", claim.qualifier))
        if claim.extreme:
            body.append(("extreme", "true"))
        if claim.invert:
            body.append(("invert", "true"))
        if claim.baseline:
            body.append(("baseline", _q(claim.baseline)))
        if claim.window is not None:
            body.append(("window", str(claim.window)))
        if claim.tolerance is not None:
            body.append(("tolerance", _plain_number(claim.tolerance)))
        body.append(("date", claim.date.isoformat()))
        if claim.time is not None:
            body.append(("time", f'"{claim.time:%H:%M}"'))
            zone = claim.timezone or NEW_YORK
            if zone != default_zone:
                body.append(("timezone", zone))
        lines += [f"{pad}  {key}: {value}" for key, value in body]
    if extraction.unmapped:
        lines += [
            f"{pad}# Numbers found but not drafted as claims, kept so that none is lost. To keep one, uncomment it",
            f"{pad}# and write its reason (an external claim), or make it a market claim by hand.",
        ]
        for number, item in enumerate(extraction.unmapped, 1):
            claim_id = _unique(f"unmapped-{number}", ids)
            lines += [
                f"{pad}# - id: {claim_id}",
                f"{pad}#   article: {article_id}",
                f"{pad}#   quote: {_q(item.quote)}",
                f"{pad}#   kind: external",
                f'{pad}#   reason: ""  # found {_q(item.text)}: {_c(item.why)}',
            ]
    return lines


def _claim_id(claim: Drafted, article_date: dt.date) -> str:
    parts = [re.sub(r"[^a-z0-9]+", "-", claim.subject.lower()).strip("-") or "claim"]
    parts.append(str(claim.value) if claim.metric == "direction" else _SHORT[claim.metric])
    if claim.date != article_date:
        parts.append(f"{claim.date:%m%d}")
    if claim.time is not None:
        parts.append(f"{claim.time:%H%M}")
    return "-".join(parts)


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 2
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _value(claim: Drafted) -> str:
    if claim.metric == "direction":
        return str(claim.value)
    if isinstance(claim.value, str):
        return _q(claim.value)
    return claim.value_text or _plain_number(claim.value)


def _plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it) that loads back as exactly `text`."""
    return _escape_unprintable(json.dumps(text, ensure_ascii=False))


def _c(text: str) -> str:
    """Article words made safe for a comment: nothing YAML refuses, and no line break to escape the comment."""
    return _escape_unprintable(text)


# YAML's printable characters, less those it reads as line breaks (NEL, LS, PS).
_UNPRINTABLE = re.compile("[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _escape_unprintable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


# --- adding to an existing catalogue ------------------------------------------------------------


def append_to(
    path: Path, extraction: Extraction, *, article_id: str, article_date: dt.date, source: str, text: str = ""
) -> str:
    """The catalogue at `path` with this article and its drafts added; checked to load before it is returned.

    The file's own text, comments and layout are kept: the new lines are inserted, nothing is re-dumped.
    """
    if not path.exists():
        return render(extraction, article_id=article_id, article_date=article_date, source=source, text=text)
    try:
        original = path.read_text("utf-8")
        catalogue = loads(original, str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise ExtractError(f"{path}: cannot read it ({exc})") from None
    except CatalogueError as exc:
        raise ExtractError(f"{path} is not a valid catalogue as it stands; fix it first:\n{exc}") from None
    root = yaml.compose(original, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    keys = {key.value: (key, value) for key, value in root.value}
    lines = original.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    inserts: list[tuple[int, list[str]]] = []
    zone = catalogue.timezone

    claims_key, claims_node = keys["claims"]
    taken = {str(c.id) for c in catalogue.claims} | set(re.findall(r"(?m)^\s*#\s*- id: ([a-z0-9-]+)", original))
    if isinstance(claims_node, yaml.SequenceNode) and claims_node.value and not claims_node.flow_style:
        indent = claims_node.start_mark.column
        pad = " " * indent
        new = [f"{pad}# Drafted by dscheck extract from {_c(source)} (article date {article_date})."]
        new += claim_lines(extraction, article_id, article_date, taken, indent, zone)
        inserts.append((_end_of(lines, claims_key, root), new))
    else:
        lines = _clear_flow(lines, claims_key, claims_node)
        new = claim_lines(extraction, article_id, article_date, taken, 2, zone)
        inserts.append((claims_key.start_mark.line + 1, new))

    if article_id not in catalogue.articles:
        if "articles" in keys:
            articles_key, articles_node = keys["articles"]
            if isinstance(articles_node, yaml.MappingNode) and articles_node.value and not articles_node.flow_style:
                indent = articles_node.value[0][0].start_mark.column
                article = _article_lines(article_id, article_date, source, extraction.language, text, indent)
                inserts.append((_line_after(articles_node.value[-1][1]), article))
            else:
                lines = _clear_flow(lines, articles_key, articles_node)
                article = _article_lines(article_id, article_date, source, extraction.language, text, 2)
                inserts.append((articles_key.start_mark.line + 1, article))
        else:
            article = ["articles:", *_article_lines(article_id, article_date, source, extraction.language, text, 2)]
            inserts.append((claims_key.start_mark.line, article))

    for at, new_lines in sorted(inserts, key=lambda item: item[0], reverse=True):
        lines[at:at] = [line + "\n" for line in new_lines]
    result = "".join(lines)
    try:
        loads(result, str(path))
    except CatalogueError as exc:
        raise ExtractError(f"adding the drafts would leave {path} invalid, so it was not changed:\n{exc}") from None
    return result


def _end_of(lines: list[str], key: yaml.Node, root: yaml.MappingNode) -> int:
    """The line after a top-level key's block, with its own trailing comments (top-level ones go with the next key)."""
    following = [k.start_mark.line for k, _ in root.value if k.start_mark.line > key.start_mark.line]
    if not following:
        return len(lines)
    at = min(following)
    while at > key.start_mark.line + 1 and (not lines[at - 1].strip() or lines[at - 1].startswith("#")):
        at -= 1
    return at


def _line_after(node: yaml.Node) -> int:
    """The index of the line just after a node's last written value."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark
    return end.line if end.column == 0 else end.line + 1


def _clear_flow(lines: list[str], key: yaml.Node, value: yaml.Node) -> list[str]:
    """Remove an empty flow value ("claims: []", "articles: {}") or a null so block items can follow the key."""
    if isinstance(value, (yaml.SequenceNode, yaml.MappingNode)) and value.value:
        raise ExtractError(f'"{key.value}" is written in flow style ([...] or {{...}}); write it as a block list to add drafts')
    if isinstance(value, yaml.ScalarNode) and value.value not in ("", "~", "null", "Null", "NULL"):
        raise ExtractError(f'"{key.value}" holds a single value, not a list or mapping')
    line = key.start_mark.line
    if value.start_mark.line == line and value.end_mark.index > value.start_mark.index:
        text = lines[line]
        start = value.start_mark.column
        end = value.end_mark.column if value.end_mark.line == line else len(text.rstrip("\n"))
        lines = list(lines)
        lines[line] = text[:start].rstrip() + text[end:]
    return lines
