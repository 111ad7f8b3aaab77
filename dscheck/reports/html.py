"""The HTML report: one self-contained page (inline CSS and SVG, no script, no network) for people to read and print."""

from __future__ import annotations

from html import escape

from dscheck.catalogue.interface import Article
from dscheck.reports import charts, claimreview
from dscheck.reports.interface import Run
from dscheck.reports.summary import counts
from dscheck.verdicts.interface import EvidenceBar, Result, Verdict

# Nothing may load or run: a catalogue text that slipped through escaping still could not execute.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

COLOURS = {
    Verdict.ACCURATE: ("#1b5e20", "#e8f5e9"),
    Verdict.APPROXIMATE: ("#8a5300", "#fff3e0"),
    Verdict.CONSISTENT: ("#00695c", "#e0f2f1"),
    Verdict.INACCURATE: ("#b71c1c", "#ffebee"),
    Verdict.UNVERIFIABLE: ("#6a1b9a", "#f3e5f5"),
    Verdict.OUT_OF_SCOPE: ("#546e7a", "#eceff1"),
    Verdict.ERROR: ("#ffffff", "#b71c1c"),
}

STYLE = """
:root { --ink: #212121; --muted: #616161; --rule: #e0e0e0; --paper: #ffffff; --accent: #1565c0; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem 1.25rem 3rem; color: var(--ink); background: var(--paper);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK KR", sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1rem; margin: 0; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
a { color: var(--accent); }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .92em; }
.meta { color: var(--muted); margin: 0; }
.headline { font-size: 1.15rem; margin: .75rem 0 .5rem; }
.stack { display: flex; height: .9rem; border-radius: .45rem; overflow: hidden; margin: .5rem 0 .75rem; background: var(--rule); }
.stack span { display: block; height: 100%; }
.counts { display: flex; flex-wrap: wrap; gap: .4rem .9rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.counts li { white-space: nowrap; }
.counts .zero { opacity: .45; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: .75rem; font-size: .8rem; font-weight: 600;
  letter-spacing: .02em; text-transform: uppercase; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .45rem; border-bottom: 1px solid var(--rule); }
th { font-weight: 600; color: var(--muted); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.overview td:first-child { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .8rem; }
.claim { border: 1px solid var(--rule); border-left: 6px solid var(--edge); border-radius: .4rem;
  padding: .8rem 1rem; margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
.claim > header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
.claim.failing > header h3::after { content: " (fails the run)"; font-family: system-ui, sans-serif; font-weight: 400;
  color: var(--muted); font-size: .85rem; }
blockquote { margin: .6rem 0 .3rem; padding: .1rem .8rem; border-left: 3px solid var(--rule); font-size: 1.05rem; }
.gloss { color: var(--muted); margin: 0 0 .5rem .9rem; font-style: italic; }
.figures { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .5rem 0; font-size: .9rem; }
.figures dt { color: var(--muted); }
.figures dd { margin: 0; }
.conclusion { margin: .5rem 0; }
figure { margin: .6rem 0 .2rem; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: .8rem; }
figcaption .item { white-space: nowrap; }
.key { display: inline-block; width: .9rem; height: .6rem; vertical-align: baseline; margin: 0 .25rem 0 .6rem; }
.key.accepted { background: rgba(46, 125, 50, .35); }
.key.approximate { background: rgba(249, 168, 37, .35); }
.key.claimed { height: 2px; background: #1565c0; vertical-align: middle; }
.key.reference { height: 0; border-top: 2px dashed #757575; vertical-align: middle; }
.key.moment { background: rgba(21, 101, 192, .12); }
.key.actual { width: .6rem; height: .6rem; border-radius: 50%; background: #212121; }
details { margin-top: .4rem; font-size: .85rem; }
summary { cursor: pointer; color: var(--muted); }
.where { color: var(--muted); font-size: .8rem; margin: .3rem 0 0; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .claim { margin: .5rem 0; }
  details { display: none; }
  @page { margin: 14mm 12mm; }
}
"""


def e(text: object) -> str:
    """Every text from the catalogue or the data goes through here."""
    return escape("" if text is None else str(text), quote=True)


def _badge(verdict: Verdict) -> str:
    fg, bg = COLOURS[verdict]
    return f'<span class="badge" style="color:{fg};background:{bg}">{e(verdict.value.replace("_", " "))}</span>'


def _when(result: Result) -> str:
    claim = result.claim
    if not claim.date:
        return ""
    moment = f"{claim.time:%H:%M} ({claim.timezone})" if claim.time else "close"
    return f"{claim.date.isoformat()} {moment}"


def _summary(run: Run) -> list[str]:
    results = list(run.results)
    total = len(results)
    failing = sum(1 for r in results if run.failing(r))
    numbers = counts(results)
    out = ['<section id="summary">', "<h2>Summary</h2>"]
    verdict_word = "claim fails" if failing == 1 else "claims fail"
    lead = f"<strong>{failing} of {total}</strong> {verdict_word} the run" if failing else f"No claim of {total} fails the run"
    out.append(f'<p class="headline">{lead}.</p>')
    out.append('<div class="stack" role="img" aria-label="verdicts in proportion">')
    for verdict in Verdict:
        n = numbers[verdict.value]
        if n:
            out.append(f'<span title="{e(verdict.value)}: {n}" style="width:{100 * n / total:.3f}%;'
                       f'background:{COLOURS[verdict][0] if verdict is not Verdict.ERROR else COLOURS[verdict][1]}"></span>')
    out.append("</div>")
    out.append('<ul class="counts">')
    for verdict in Verdict:
        n = numbers[verdict.value]
        out.append(f'<li class="{"zero" if not n else ""}">{_badge(verdict)} {n}</li>')
    out.append("</ul>")
    fail_on = sorted({v.value for v in run.fail_on} | {Verdict.ERROR.value})
    out.append(f'<p class="meta">Verdicts that fail the run: {e(", ".join(fail_on))}.</p>')
    out.append('<table class="overview"><thead><tr><th>claim</th><th>subject</th><th>when</th><th>claimed</th>'
               "<th>actual</th><th>verdict</th></tr></thead><tbody>")
    for r in results:
        out.append(
            f'<tr><td><a href="#{e(claimreview.anchor(r))}">{e(r.claim.id)}</a></td><td>{e(r.claim.subject or "")}</td>'
            f"<td>{e(_when(r))}</td><td>{e(r.claimed_text)}</td><td>{e(r.actual_text)}</td><td>{_badge(r.verdict)}</td></tr>"
        )
    out.append("</tbody></table></section>")
    return out


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:,.4g}" if abs(value) < 1 else f"{value:,.2f}"


def _evidence(result: Result) -> list[str]:
    bars: tuple[EvidenceBar, ...] = result.evidence
    if not bars:
        return []
    out = [f"<details><summary>Evidence: {len(bars)} bar{'s' if len(bars) != 1 else ''}</summary>",
           "<table><thead><tr><th>role</th><th>bar</th><th>open</th><th>high</th><th>low</th><th>close</th>"
           "<th>volume</th><th>source</th></tr></thead><tbody>"]
    for b in bars:
        start = b.start.isoformat(timespec="minutes") if b.start and b.interval != "1d" else b.session.isoformat()
        out.append(
            f"<tr><td>{e(b.role)}</td><td>{e(b.symbol)} {e(b.interval)} {e(start)}</td>"
            + "".join(f'<td class="num">{e(_number(v))}</td>' for v in (b.open, b.high, b.low, b.close, b.volume))
            + f"<td>{e(b.source)}</td></tr>"
        )
    out.append("</tbody></table></details>")
    return out


LEGEND = {
    "moment": "bars the verdict rests on",
    "actual": "what the data shows",
    "claimed": "claimed value",
    "accepted": "accepted band",
    "approximate": "approximate band",
    "reference": "baseline (previous close unless the claim names another)",
}
VOLUME_REFERENCE = "mean volume of the sessions before"


def _figure(result: Result) -> list[str]:
    drawing = charts.chart(result)
    if drawing is None:
        return []
    names = dict(LEGEND, reference=VOLUME_REFERENCE) if drawing.kind == "volume" else LEGEND
    keys = "".join(f'<span class="item"><span class="key {k}"></span>{e(text)}</span>' for k, text in names.items()
                   if k in drawing.keys)
    return ["<figure>", drawing.svg, f"<figcaption>{keys}</figcaption>", "</figure>"]


def _claim(run: Run, result: Result, article: Article | None) -> list[str]:
    claim = result.claim
    fg, bg = COLOURS[result.verdict]
    edge = bg if result.verdict is Verdict.ERROR else fg
    classes = f"claim v-{result.verdict.value}" + (" failing" if run.failing(result) else "")
    lang = f' lang="{e(article.language)}"' if article is not None and article.language else ""
    out = [
        f'<article class="{classes}" id="{e(claimreview.anchor(result))}" style="--edge:{edge}">',
        f'<header><h3><a href="#{e(claimreview.anchor(result))}">{e(claim.id)}</a></h3>{_badge(result.verdict)}</header>',
        f"<blockquote{lang}>{e(claim.quote)}</blockquote>",
    ]
    if claim.gloss:
        out.append(f'<p class="gloss">{e(claim.gloss)}</p>')
    figures = []
    if claim.subject:
        figures.append(("subject", f"{claim.subject} · {claim.metric}" if claim.metric else claim.subject))
    if _when(result):
        figures.append(("when", _when(result)))
    if result.claimed_text:
        figures.append(("claimed", result.claimed_text))
    if result.actual_text:
        figures.append(("actual", result.actual_text))
    if figures:
        out.append('<dl class="figures">' + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in figures) + "</dl>")
    out.append(f'<p class="conclusion">{e(result.conclusion)}</p>')
    if result.damaged_evidence:
        out.append('<p class="conclusion"><strong>Damaged evidence:</strong> a file this claim needed failed its checksum.</p>')
    out += _figure(result)
    out += _evidence(result)
    tags = f" · tags: {', '.join(claim.tags)}" if claim.tags else ""
    out.append(f'<p class="where">{e(str(claim.location) + tags)}</p>')
    out.append("</article>")
    return out


def _article_head(article_id: str, article: Article | None) -> list[str]:
    title = article.title if article is not None and article.title else article_id
    out = [f'<section class="article" id="article-{e(article_id)}">', f"<h2>{e(title)}</h2>"]
    if article is not None:
        parts = [p for p in (article.publisher, article.published) if p]
        if article.source and article.source.startswith(("https://", "http://")):
            parts.append(f'<a href="{e(article.source)}">{e(article.source)}</a>')
            head = " · ".join(e(p) for p in parts[:-1]) + (" · " if len(parts) > 1 else "") + parts[-1]
        else:
            if article.source:
                parts.append(article.source)
            head = " · ".join(e(p) for p in parts)
        out.append(f'<p class="meta">{head} · article <code>{e(article_id)}</code></p>')
    return out


def render(run: Run) -> str:
    results = list(run.results)
    title = f"Fact-check of {run.catalogue}" if run.catalogue else "Fact-check"
    checked = f"{len(results)} claims checked" + (f" on {run.date.isoformat()}" if run.date else "")
    if run.evidence:
        checked += f" against the evidence in {run.evidence}"
    out = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="generator" content="dscheck">',
        f"<title>{e(title)}</title>",
        f"<style>{STYLE}</style>",
        f'<script type="application/ld+json">{claimreview.script(run)}</script>',
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{e(title)}</h1>",
        f'<p class="meta">{e(checked)}.</p>',
        "</header>",
        *_summary(run),
    ]
    order: list[str] = []
    for r in results:
        if r.claim.article not in order:
            order.append(r.claim.article)
    for article_id in order:
        article = run.articles.get(article_id)
        out += _article_head(article_id, article)
        for r in results:
            if r.claim.article == article_id:
                out += _claim(run, r, article)
        out.append("</section>")
    out += ["<footer>Made by dscheck. Each verdict rests on the bars listed under it; "
            "the charts draw the claimed value and its accepted band in the instrument's own prices.</footer>",
            "</body>", "</html>", ""]
    return "\n".join(out)
