"""Reports as self-contained HTML: ``index.html`` (all stories) and one page per story.

Everything is inline (CSS and SVG pictures); the pages carry no script at all and a Content
Security Policy that forbids scripts and outside requests, so untrusted article text can never
run. Every piece of text goes through ``html.escape``; links are only made for http(s) URLs.
Citations [n] are anchors to the supporting sentence in article n, highlighted with CSS
``:target``; removed lines sit behind a native ``<details>`` toggle.
"""

from __future__ import annotations

import html
import math
import re
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .conflicts import published_days
from .models import Article, Claim, Report, Story, counted
from .report import NOT_COMPARED_NOTE, SINGLE_NOTE, STRAY_NOTE, atomic_write, from_stray_article, one_source, other_language, shared_claims
from .timeline import is_background, story_start

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]
CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
main{max-width:1100px;margin:auto;padding:1.5em}
h1{font-size:1.6em;margin:.2em 0}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
.meta{color:#666;font-size:.9em}.card{background:#fff;border:1px solid #e3e3e3;border-radius:8px;padding:1em;margin:.8em 0}.card>h2:first-child{margin-top:0}
.conflict{border-left:5px solid #e15759}.cite{font-size:.8em;text-decoration:none;vertical-align:super;color:#4e79a7}
.sent:target{background:#fff3a0;outline:2px solid #edc948}.tag{display:inline-block;padding:0 .5em;border-radius:1em;background:#eee;font-size:.8em;margin-right:.3em}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.3em .5em;text-align:left;vertical-align:top}
.removed li{color:#777}.removed .label{font-weight:600;color:#b07aa1}svg{max-width:100%;height:auto;background:#fff;border:1px solid #eee;border-radius:6px}
.article p{margin:.5em 0}nav a{margin-right:1em}
nav.contents{position:sticky;top:0;background:#fafafa;padding:.4em 0;border-bottom:1px solid #e3e3e3;font-size:.9em;z-index:1}nav.contents a{margin-right:.3em}
table.sources{font-size:.9em;margin:.6em 0}
@media print{nav.contents{position:static}a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em;color:#666}body{background:#fff}.card{break-inside:avoid}}
"""


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links; anything else (javascript:, data:) is shown as text."""
    return url if url and url.lower().startswith(("http://", "https://")) and '"' not in url else None


def page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body><main>{body}</main></body></html>"
    )


def sentence_anchor(sentence_id: str) -> str:
    aid, idx = sentence_id.rsplit(":", 1)
    return f"s-{aid}-{idx}"


# -- files -------------------------------------------------------------------------------------


def story_filename(story: Story) -> str:
    return f"story-{story.id}.html"


_STORY_PAGE = re.compile(r"story-S[0-9a-f]+\.html")  # story_filename's shape: only our own pages are removed


def write_html(report: Report, out_dir: str | Path) -> dict[str, Path]:
    """Write index.html and one story-<id>.html per story into ``out_dir``, each atomically."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {"index": out / "index.html"}
    atomic_write(written["index"], render_index(report))
    by_id = {a.id: a for a in report.articles}
    for story in report.stories:
        path = out / story_filename(story)
        atomic_write(path, render_story(story, [by_id[i] for i in story.article_ids if i in by_id]))
        written[story.id] = path
    for stale in out.glob("story-S*.html"):  # pages of stories an earlier run into this folder wrote
        if stale not in written.values() and _STORY_PAGE.fullmatch(stale.name):
            stale.unlink()
    return written


def render_index(report: Report, link: Callable[[Story], str] = story_filename) -> str:
    published = {a.id: a.published[:10] for a in report.articles if a.published}
    rows = "".join(
        f"<tr><td><a href='{esc(link(s))}'>{esc(s.title)}</a>{_first_summary_sentence(s)}</td><td>{esc(_span(published, s.article_ids))}</td>"
        f"<td>{len(s.article_ids)}</td><td>{esc(', '.join(s.outlets))}</td>"
        f"<td>{len(shared_claims(s))}</td><td>{len(s.conflicts)}</td></tr>"
        for s in report.stories
    )
    problems = "".join(f"<li>{esc(p)}</li>" for p in report.problems)
    body = (
        f"<h1>newsprism report</h1><p class='meta'>{counted(len(report.articles), 'article')}, {counted(len(report.stories), 'story', 'stories')}</p>"
        f"<table><tr><th>Story</th><th>Published</th><th>Articles</th><th>Outlets</th><th>Shared facts</th><th>Conflicts</th></tr>{rows}</table>"
        + (f"<h2>Input problems</h2><ul>{problems}</ul>" if problems else "")
    )
    return page("newsprism report", body)


def _span(published: dict[str, str], article_ids: Iterable[str]) -> str:
    """'2017-08-09 – 2017-08-10', one date, or '?' when no article has one."""
    days = sorted({published[a] for a in article_ids if a in published})
    return "?" if not days else days[0] if len(days) == 1 else f"{days[0]} – {days[-1]}"


def _first_summary_sentence(story: Story) -> str:
    first = next((s.text for s in story.summary.sentences if s.sentence_id), "")
    return f"<div class='meta'>{esc(first)}</div>" if first and not first.startswith(story.title.rstrip("…")) else ""  # not the title again


# -- story page --------------------------------------------------------------------------------


def render_story(story: Story, articles: Sequence[Article], home: str = "index.html", article_page: str | None = None) -> str:
    """A story's page; ``article_page`` ('/articles/{id}'), where each article also has a page of its own."""
    num = {a.id: n for n, a in enumerate(articles, 1)}
    text = {s.id: s.text for a in articles for s in a.sentences}
    start = story_start(articles)
    agreed = len(shared_claims(story))
    off = len(set(story.stray_articles) & {a.id for a in articles})
    counts = f"{counted(len(articles) - off, 'article')}{f' (and {off} off the story)' if off else ''}, {counted(story.sources or len(story.outlets), 'independent source')}, {counted(len(story.conflicts), 'conflict')}, {counted(agreed, 'agreed fact')}"
    sections = [
        _section("Where accounts differ", _conflicts(story, articles, num, text)),
        _section("What the outlets agree on", _agreed(story, num)),
        _section("Who agrees with whom", agreement_svg(story)),
        _section("Claims only one outlet makes", _unique(story, num)),
        _section("Claims one outlet makes, close to another's sentence", _unique(story, num, "single")),
        _section("Articles that share nothing with the rest", _strays(story, articles, num)),
        _section("In another language: not compared", _not_compared(articles, num)),
        _section("Who cited whom", citation_svg(story, articles) + _citations(story, num, text)),
        _section("Timeline", timeline_svg(story, start) + _timeline_table(story, start, num)),
        _section("Coverage", coverage_svg(articles)),
        _section("Names as each outlet wrote them", _entities(story)),
        _section("Distinctive wording", _framing(story, text)),
        _section("Articles", "".join(article_html(a, num[a.id]) for a in articles)),
    ]
    parts = [
        f"<nav><a href='{esc(home)}'>&larr; all stories</a></nav><h1>{esc(story.title)}</h1>",
        f"<p class='meta'>{counts}</p>",
        _sources_table(story, articles, num, article_page),
        _contents(([("Summary", "summary")] if story.summary and story.summary.sentences else []) + [(t, _slug(t)) for t, body in sections if body]),
        _summary(story, num),
        *(body for _, body in sections),
    ]
    return page(story.title, "".join(parts))


def _section(title: str, content: str) -> tuple[str, str]:
    """(title, the section's HTML with an anchor to reach it), or (title, '') when it is empty."""
    return title, (f"<h2 id='{_slug(title)}'>{esc(title)}</h2>{content}" if content else "")


def _slug(title: str) -> str:
    return "s-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _contents(entries: list[tuple[str, str]]) -> str:
    """A bar of links to the page's sections: (title, anchor) each."""
    return "<nav class='contents'>" + " &middot; ".join(f"<a href='#{esc(anchor)}'>{esc(t)}</a>" for t, anchor in entries) + "</nav>"


def _sources_table(story: Story, articles: Sequence[Article], num: dict[str, int], article_page: str | None = None) -> str:
    """Who reported the story: one row per article, with its headline (linked to its text below),
    date, author, original address, and which articles are copies of one text (a wire report run
    by several outlets counts once)."""
    copy_of = {i: g[0] for g in story.copies for i in g[1:]}
    copies = {g[0]: len(g) - 1 for g in story.copies}
    rows = []
    for a in articles:
        url = safe_url(a.url)
        original = f"<a href='{esc(url)}' rel='noreferrer noopener'>original</a>" if url else ""
        if article_page:
            original += f" <a href='{esc(article_page.format(id=a.id))}'>its page</a>"
        if a.id in copy_of and copy_of[a.id] in num:
            source = f"copy of [{num[copy_of[a.id]]}]"
        else:
            source = "independent" + (f", and {counted(copies[a.id], 'copy', 'copies')}" if a.id in copies else "")
        rows.append(
            f"<tr><td>[{num[a.id]}]</td><td>{esc(a.outlet or '?')}</td><td><a href='#a-{esc(a.id)}'>{esc(a.headline or '(no headline)')}</a></td>"
            f"<td>{esc(a.published or '?')}</td><td>{esc(a.author or '')}</td><td>{original}</td><td>{esc(source)}</td></tr>"
        )
    head = "<tr><th></th><th>Outlet</th><th>Headline</th><th>Published</th><th>Author</th><th>Link</th><th>Source</th></tr>"
    return f"<table class='sources'>{head}{''.join(rows)}</table>"


def _cite_links(cites: Iterable[str], num: dict[str, int], targets: dict[str, str]) -> str:
    return "".join(f"<a class='cite' href='#{esc(sentence_anchor(targets[a]))}'>[{num[a]}]</a>" for a in sorted(cites, key=lambda a: num.get(a, 0)) if a in num and a in targets)


def _sentence_links(sentence_ids: Iterable[str], num: dict[str, int]) -> str:
    """[n] links to the articles of ``sentence_ids``, each to its sentence."""
    targets = {s.rsplit(":", 1)[0]: s for s in sentence_ids}
    return _cite_links(targets, num, targets)


def _claim_targets(story: Story, sentence_id: str | None) -> dict[str, str]:
    """Article -> its sentence in the claim holding ``sentence_id`` (the sentences a citation shows)."""
    for c in story.claims:
        if sentence_id in c.sentence_ids:
            return {s.rsplit(":", 1)[0]: s for s in c.sentence_ids}
    return {}


def _summary(story: Story, num: dict[str, int]) -> str:
    if not story.summary or not story.summary.sentences:
        return ""
    out = []
    for s in story.summary.sentences:
        targets = _claim_targets(story, s.sentence_id)
        if s.sentence_id is None:
            targets = {sid.rsplit(":", 1)[0]: sid for c in story.conflicts for v in c.values for sid in v.sentence_ids}
        out.append(f"<span class='summary-sentence'>{esc(s.text)}{_cite_links(s.cites, num, targets)}</span>")
    return f"<div class='card' id='summary'><h2>Summary</h2><p>{' '.join(out)}</p></div>"


def _conflicts(story: Story, articles: Sequence[Article], num: dict[str, int], text: dict[str, str]) -> str:
    cards = []
    for c in story.conflicts:
        days = published_days(c, articles)
        vals = "".join(
            f"<li><b>{esc(', '.join(v.surface) or v.value)}</b> &mdash; {esc(', '.join(v.outlets))}{' &middot; published ' + esc(days[v.value]) if days else ''} "
            + "".join(f"<blockquote>{esc(text.get(sid, ''))}{_sentence_links([sid], num)}</blockquote>" for sid in v.sentence_ids)
            + "</li>"
            for v in c.values
        )
        verdict = "figure updated" if c.verdict == "update" else "disputed"
        why = f"<p class='why'>{esc(c.why)}</p>" if c.why else ""
        cards.append(f"<div class='card conflict'><span class='tag'>{esc(c.type)}</span><span class='tag'>{verdict}</span><b>{esc(c.about)}</b>{why}<ul>{vals}</ul></div>")
    return "".join(cards)


def _disputed(c: Claim) -> str:
    """A note under a claim that some outlets give another value (the conflict card has them)."""
    return f"<br><small>Other outlets give another value: see {', '.join(esc(x) for x in c.disputed_by)} under Where accounts differ.</small>" if c.disputed_by else ""


def _related(c: Claim, num: dict[str, int]) -> str:
    """The sentences grouped with the claim, or close to it from other sources, that are not counted as stating it."""
    return f"<br><small>related, not counted: {_sentence_links(c.related_ids, num)}</small>" if c.related_ids else ""


def _why(c: Claim, num: dict[str, int]) -> str:
    """A folded list of why each other sentence is counted: the words it shares with the shown one."""
    items = "".join(
        f"<li>[{num[k.sentence_id.rsplit(':', 1)[0]]}] shares {esc(', '.join(k.shared) or 'no particular word')} &middot; similarity {k.score:.2f} &middot; wording in common {k.overlap:.2f}"
        f"{' &middot; a second fact of its sentence' if k.second_fact else ''}{' &middot; <b>related, not counted</b>: ' + esc(k.why_not or 'too far from the claim as shown to say it states it') if not k.counted else ''}</li>"
        for k in c.links
        if k.sentence_id.rsplit(":", 1)[0] in num
    )
    return f"<details class='why'><summary>why these sentences</summary><ul>{items}</ul></details>" if items else ""


def _agreed(story: Story, num: dict[str, int]) -> str:
    rows = shared_claims(story)
    if not rows:
        return "<p class='meta'>No fact is stated by more than one outlet.</p>"
    body = "".join(
        f"<tr><td>{esc(c.id)}</td><td><span class='tag'>{c.support}/{story.sources or len(story.outlets)}</span>{esc(c.kind)}</td><td>{esc(c.text)}{_disputed(c)}{_why(c, num)}</td>"
        f"<td>{esc(', '.join(c.outlets))} {_sentence_links(c.sentence_ids, num)}{_related(c, num)}</td></tr>"
        for c in rows
    )
    return f"<table><tr><th>#</th><th>Support</th><th>Claim</th><th>Sources</th></tr>{body}</table>"  # ids as in the agreement matrix


def _unique(story: Story, num: dict[str, int], kind: str = "unique") -> str:
    """The claims of one source of ``kind`` ("unique", "single": see ``claims.claim_kind``), longest lists cut at 25."""
    rows = [c for c in one_source(story, kind) if len(c.text.split()) >= 8][:25]
    if not rows:
        return ""
    note = f"<p class='meta'>{esc(SINGLE_NOTE)}</p>" if kind == "single" else ""
    where = "only in " if kind == "unique" else ""
    return note + "<ul>" + "".join(f"<li>{where}<b>{esc(c.outlets[0])}</b>: {esc(c.text)}{_sentence_links(c.sentence_ids[:1], num)}{_related(c, num)}</li>" for c in rows) + "</ul>"


def _strays(story: Story, articles: Sequence[Article], num: dict[str, int]) -> str:
    foreign = other_language(articles)
    strays = [a for a in story.stray_articles if a not in foreign]
    if not strays:
        return ""
    by_id = {a.id: a for a in articles}
    items = "".join(f"<li><a href='#a-{esc(a)}'>[{num[a]}]</a> {esc(by_id[a].outlet or a)}: {esc(by_id[a].headline or '')}</li>" for a in strays if a in by_id and a in num)
    return f"<p class='meta'>{esc(STRAY_NOTE)}</p><ul>{items}</ul>"


def _not_compared(articles: Sequence[Article], num: dict[str, int]) -> str:
    """The articles in another language than the story's: listed as not compared, not as strays."""
    foreign = other_language(articles)
    by_id = {a.id: a for a in articles}
    items = "".join(f"<li><a href='#a-{esc(a)}'>[{num[a]}]</a> {esc(by_id[a].outlet or a)}: {esc(by_id[a].headline or '')}: in {esc(lang)}, not compared</li>" for a, lang in foreign.items() if a in num)
    return f"<p class='meta'>{esc(NOT_COMPARED_NOTE)}</p><ul>{items}</ul>" if items else ""


def _citations(story: Story, num: dict[str, int], text: dict[str, str]) -> str:
    if not story.citations:
        return ""
    o = story.original_source
    head = f"<p><b>Original source:</b> {esc(o.outlet)} ({'article [' + str(num[o.article_id]) + ']' if o and o.article_id in num else 'not in this corpus'})</p>" if o else ""
    items = "".join(
        f"<li>[{num.get(c.article_id, '?')}] cites <b>{esc(c.cites)}</b>{' through ' + esc(c.via) if c.via else ''}: &ldquo;{esc(text.get(c.sentence_id, ''))}&rdquo;</li>" for c in story.citations
    )
    return f"{head}<ul>{items}</ul>"


def _entities(story: Story) -> str:
    shared = [e for e in story.entities if len(e.variants) > 1 or len({o for v in e.variants for o in v.outlets}) > 1]
    rows = sorted(shared, key=lambda e: len(e.spellings()) < 2)[:40]  # names spelled differently first
    body = "".join(
        f"<tr><td>{esc(e.name)}{' <span class=tag>spelled differently</span>' if len(e.spellings()) > 1 else ''}</td><td>{esc(e.label)}</td><td>"
        + "; ".join(f"{esc(v.form)} <span class='meta'>({esc(', '.join(v.outlets))}{'; ' + esc(v.why) if v.why else ''})</span>" for v in e.variants)
        + "</td></tr>"
        for e in rows
    )
    return f"<table><tr><th>Entity</th><th>Type</th><th>Spellings by outlet</th></tr>{body}</table>" if rows else ""


def _framing(story: Story, text: dict[str, str]) -> str:
    return "".join(f"<p><b>{esc(f.outlet)}</b>: " + ", ".join(f"<span class='tag' title='{esc(text.get(t.example_sentence_id or '', ''))}'>{esc(t.term)}</span>" for t in f.terms) + "</p>" for f in story.framing if f.terms)


def article_html(a: Article, n: int) -> str:
    paras = []
    pos = 0
    sentences = list(a.sentences)
    for para in a.body.split("\n\n"):
        start = a.body.index(para, pos)
        end = start + len(para)
        pos = end
        inside = [s for s in sentences if start <= s.start < end]
        paras.append("<p>" + " ".join(f"<span class='sent' id='{esc(sentence_anchor(s.id))}'>{esc(s.text)}</span>" for s in inside) + "</p>")
    url = safe_url(a.url)
    link = f" &middot; <a href='{esc(url)}' rel='noreferrer noopener'>source</a>" if url else (f" &middot; {esc(a.url)}" if a.url else "")
    removed = "".join(f"<li><span class='label'>{esc(r.label)}</span> {esc(r.text)} <span class='meta'>({esc(r.reason)})</span></li>" for r in a.removed)
    return (
        f"<div class='card article' id='a-{esc(a.id)}'><h3>[{n}] {esc(a.headline or '(no headline)')}</h3>"
        f"<p class='meta'>{esc(a.outlet or '?')} &middot; {esc(a.published or 'date unknown')}{' &middot; by ' + esc(a.author) if a.author else ''}{link}</p>"
        + (f"<p><i>{esc(a.standfirst)}</i></p>" if a.standfirst else "")
        + "".join(paras)
        + (f"<details class='removed'><summary>{counted(len(a.removed), 'line')} set aside (menus, captions, teasers...)</summary><ul>{removed}</ul></details>" if removed else "")
        + "</div>"
    )


# -- pictures ----------------------------------------------------------------------------------


def _colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _svg(width: int, height: int, inner: str, label: str) -> str:
    return f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' width='{width}' role='img' aria-label='{esc(label)}'>{inner}</svg>"


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso if len(iso) == 10 else (iso + "-01")[:10] if len(iso) == 7 else f"{iso}-07-01")
    except ValueError:
        return None


def timeline_svg(story: Story, start: date | None = None) -> str:
    """The story's own dated events on a time axis (background events, before ``start``'s window,
    are in the table below)."""
    events = [(d, e) for e in story.timeline if (d := _day(e.date)) and not is_background(e, start)]
    if not events:
        return ""
    lo, hi = min(d for d, _ in events).toordinal(), max(d for d, _ in events).toordinal()
    span = max(hi - lo, 1)
    w, row = 900, 22
    h = 40 + row * len(events)
    parts = [f"<line x1='20' y1='25' x2='{w - 20}' y2='25' stroke='#999'/>",
             f"<text x='20' y='15' font-size='11'>{esc(min(d for d, _ in events))}</text><text x='{w - 20}' y='15' font-size='11' text-anchor='end'>{esc(max(d for d, _ in events))}</text>"]
    for i, (d, e) in enumerate(events):
        x = 20 + (w - 40) * (d.toordinal() - lo) / span
        y = 40 + row * i
        r = 4 + 2 * len(e.outlets)
        left = x > w / 2  # a label runs to the side with more room, cut to fit it
        room = (x - r - 8) if left else (w - x - r - 8)
        label = _shortened(f"{e.date} ({', '.join(e.outlets)}): {e.text}", max(12, int(room / CHAR_PX)))
        parts.append(f"<circle cx='{x:.0f}' cy='{y}' r='{r}' fill='{_colour(['day', 'week', 'month', 'year'].index(e.precision))}' opacity='.8'><title>{esc(e.text)}</title></circle>")
        anchor = " text-anchor='end'" if left else ""
        parts.append(f"<text x='{x - r - 4 if left else x + r + 4:.0f}' y='{y + 4}' font-size='11'{anchor}>{esc(label)}</text>")
    legend = " ".join(
        f"<svg width='12' height='12' aria-hidden='true'><circle cx='6' cy='6' r='5' fill='{_colour(k)}' opacity='.8'/></svg> dated to the {p}"
        for k, p in enumerate(["day", "week", "month", "year"]) if any(e.precision == p for _, e in events)
    )
    return _svg(w, h, "".join(parts), "timeline of the story's dated events") + f"<p class='meta'>{legend}; a bigger dot: more outlets give the date (hover a dot for the event).</p>"


CHAR_PX = 6.2  # width of a character of the 11 px SVG labels, roughly


def _timeline_table(story: Story, start: date | None, num: dict[str, int]) -> str:
    """Every dated event, background ones (before the story's window) marked as such."""
    if not story.timeline:
        return ""
    rows = []
    for e in story.timeline:
        tag = " <span class='tag'>background</span>" if is_background(e, start) else ""
        rows.append(f"<tr><td>{esc(e.date)}{tag}</td><td>{esc(e.text)}</td><td>{_sentence_links(e.sentence_ids, num)}</td></tr>")
    return f"<table><tr><th>Date</th><th>Event</th><th>Sources</th></tr>{''.join(rows)}</table>"


def coverage_svg(articles: Sequence[Article]) -> str:
    dated = [(a, d) for a in articles if (d := _day(a.published or ""))]
    outlets = sorted({a.outlet or a.id for a in articles})
    if not dated or not outlets:
        return ""
    lo, hi = min(d for _, d in dated).toordinal(), max(d for _, d in dated).toordinal()
    span = max(hi - lo, 1)
    w, row = 700, 26
    h = 30 + row * len(outlets)
    parts = []
    with_date = {a.outlet or a.id for a, _ in dated}
    for i, o in enumerate(outlets):
        y = 20 + row * i
        parts.append(f"<text x='5' y='{y + 4}' font-size='12'>{esc(o[:28])}</text><line x1='200' y1='{y}' x2='{w - 20}' y2='{y}' stroke='#eee'/>")
        if o not in with_date:
            parts.append(f"<text x='210' y='{y + 4}' font-size='11' fill='#888'>publication date not found</text>")
    for a, d in dated:
        y = 20 + row * outlets.index(a.outlet or a.id)
        x = 200 + (w - 240) * (d.toordinal() - lo) / span
        parts.append(f"<circle cx='{x:.0f}' cy='{y}' r='6' fill='{_colour(outlets.index(a.outlet or a.id))}'><title>{esc(a.headline)} ({esc(a.published)})</title></circle>")
    parts.append(f"<text x='200' y='{h - 4}' font-size='11'>{esc(date.fromordinal(lo))}</text><text x='{w - 20}' y='{h - 4}' font-size='11' text-anchor='end'>{esc(date.fromordinal(hi))}</text>")
    return _svg(w, h, "".join(parts), "which outlet published when")


def citation_svg(story: Story, articles: Sequence[Article]) -> str:
    if not story.citations:
        return ""
    outlet_of = {a.id: a.outlet or a.id for a in articles}
    edges = {(c.via or outlet_of.get(c.article_id, c.article_id), c.cites) for c in story.citations}
    edges |= {(outlet_of.get(c.article_id, c.article_id), c.via) for c in story.citations if c.via}
    nodes = sorted({n for e in edges for n in e} | set(outlet_of.values()))
    w, h, radius = 760, 440, 150
    cx, cy = w / 2, h / 2
    angle = {n: 2 * math.pi * i / len(nodes) - math.pi / 2 for i, n in enumerate(nodes)}  # the first at the top
    pos = {n: (cx + radius * math.cos(a), cy + radius * math.sin(a)) for n, a in angle.items()}
    origin = story.original_source.outlet if story.original_source else None
    parts = ["<defs><marker id='arrow' viewBox='0 0 10 10' refX='10' refY='5' markerWidth='7' markerHeight='7' orient='auto'><path d='M0,0 L10,5 L0,10 z' fill='#888'/></marker></defs>"]
    for a, b in sorted(edges):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        dx, dy = x2 - x1, y2 - y1
        d = math.hypot(dx, dy) or 1
        parts.append(f"<line x1='{x1 + dx / d * 14:.0f}' y1='{y1 + dy / d * 14:.0f}' x2='{x2 - dx / d * 16:.0f}' y2='{y2 - dy / d * 16:.0f}' stroke='#888' marker-end='url(#arrow)'/>")
    for n, (x, y) in pos.items():
        in_corpus = n in outlet_of.values()
        ring = " stroke='#e15759' stroke-width='4'" if n == origin else ""
        parts.append(f"<circle cx='{x:.0f}' cy='{y:.0f}' r='12' fill='{'#4e79a7' if in_corpus else '#bab0ac'}'{ring}><title>{esc(n)}</title></circle>")
        cos, sin = math.cos(angle[n]), math.sin(angle[n])  # the label goes outward, away from the others
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        lx, ly = x + 20 * cos, y + 20 * sin + (4 if anchor != "middle" else (-4 if sin < 0 else 14))
        parts.append(f"<text x='{lx:.0f}' y='{ly:.0f}' font-size='12' text-anchor='{anchor}'>{esc(_shortened(n, 40))}{' (original)' if n == origin else ''}</text>")
    return _svg(w, h, "".join(parts), "citation graph: an arrow points from the citing outlet to the cited one")


def agreement_svg(story: Story) -> str:
    """Outlet-by-claim matrix of the shared claims: green where the outlet states the claim, red
    where it gives another value of it (a conflict), each row labelled with its claim's words."""
    claims = shared_claims(story)[:20]
    if not claims:
        return ""
    outlets = list(story.outlets)
    other = {c.id: {o for x in story.conflicts if x.id in c.disputed_by for v in x.values for o in v.outlets} - set(c.outlets) for c in claims}
    labels = [f"{c.id} {_shortened(c.text, ROW_LABEL_CHARS)}" for c in claims]
    char, cell = 7.0, 24  # px per character at 12px (a wide estimate: labels must not be cut), px per cell
    left = 12 + char * max(len(t) for t in labels)
    top = 16 + 0.82 * char * max(len(o) for o in outlets)  # names rotated 55 degrees
    w = left + cell * len(outlets) + 0.57 * char * len(outlets[-1]) + 16
    h = top + cell * len(claims) + 10
    parts = []
    for j, o in enumerate(outlets):
        x = left + cell * j + cell / 2
        parts.append(f"<text transform='translate({x:.0f},{top - 6:.0f}) rotate(-55)' font-size='12'>{esc(o)}</text>")
    for i, (c, label) in enumerate(zip(claims, labels)):
        y = top + cell * i
        parts.append(f"<text x='{left - 6:.0f}' y='{y + 16:.0f}' font-size='12' text-anchor='end'><title>{esc(c.text[:300])}</title>{esc(label)}</text>")
        for j, o in enumerate(outlets):
            fill, what = ("#59a14f", "states it") if o in c.outlets else (("#e15759", "gives another value") if o in other[c.id] else ("#eee", "does not state it"))
            parts.append(f"<rect x='{left + cell * j:.0f}' y='{y:.0f}' width='{cell - 2}' height='{cell - 2}' fill='{fill}'><title>{esc(o)} {what}: {esc(c.text[:200])}</title></rect>")
    note = "Rows: the shared claims of the table above (hover for the whole text). Green: the outlet states the claim; red: it gives another value (see Where accounts differ); grey: it does not state it."
    return _svg(math.ceil(w), math.ceil(h), "".join(parts), "outlet by claim agreement matrix") + f"<p class='meta'>{note}</p>"


ROW_LABEL_CHARS = 48  # a claim's words shown beside its row of the matrix


def _shortened(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"

