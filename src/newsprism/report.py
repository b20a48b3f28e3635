"""Stage 6, reports: ``report.json`` (the data, schema in docs/) and ``report.md`` (for people).

Article text is untrusted: in Markdown the characters that make HTML are escaped ('<', '>', and an
'&' that would start a character reference), so a viewer that renders Markdown to HTML shows
``<script>`` as text instead of running it, while 'good & bad' reads as written.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections import Counter
from typing import Iterable
from pathlib import Path

from .conflicts import published_days
from .entities import surface
from .models import Article, Claim, Report, Story, counted
from .timeline import is_background, story_start

SCHEMA_VERSION = "1.0"


def to_json(report: Report) -> str:
    data = report.to_dict()
    data["schema_version"] = SCHEMA_VERSION
    return json.dumps(data, ensure_ascii=False, indent=1)


def write_report(report: Report, out_dir: str | Path) -> dict[str, Path]:
    """Write report.json, report.md and the HTML pages into ``out_dir`` (atomically: no
    half-written files; permissions from the umask, like any file the user writes)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "report.json", "markdown": out / "report.md"}
    atomic_write(paths["json"], to_json(report))
    atomic_write(paths["markdown"], render_markdown(report))
    from .render_html import write_html

    paths["html"] = write_html(report, out)["index"]
    return paths


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half-written.

    Mode 0o666 lets the umask decide the permissions, as ``open()`` would (mkstemp's are 0600)."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_ENTITY_START = re.compile(r"&(?=#?\w+;)")  # an ampersand a Markdown viewer would read as the start of a character reference


def md(text: str | None) -> str:
    """Escape untrusted text for Markdown: HTML special characters and Markdown emphasis/links."""
    if not text:
        return ""
    out = _ENTITY_START.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")  # 'good & bad' stays readable; '&lt;' in the text stays text
    for ch in "\\`*_[]#|":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


COPIES_NOTE = "Copies of one text (a wire report run by several outlets), each group counted as one source in the support of a claim:"


def render_markdown(report: Report) -> str:
    lines = ["# newsprism report", ""]
    lines += [f"{counted(len(report.articles), 'article')} analysed.", ""]
    if report.problems:
        lines += ["## Input problems", ""]
        lines += [f"- **{p.severity}** `{md(p.path)}`{f' line {p.line}' if p.line else ''}: {md(p.reason)}" for p in report.problems]
        lines.append("")
    lines += ["## Articles", "", "| # | Outlet | Published | Headline | Sentences | Removed lines |", "|---|---|---|---|---|---|"]
    for n, a in enumerate(report.articles, 1):
        lines.append(f"| {n} | {md(a.outlet) or '?'} | {a.published or '?'} | {md(a.headline) or '?'} | {len(a.sentences)} | {len(a.removed)} |")
    lines.append("")
    numbers = {a.id: n for n, a in enumerate(report.articles, 1)}
    for story in report.stories:
        lines += _story_section(story, report.articles, numbers)
    lines += ["## Articles in detail", ""]
    named = story_names(report.stories)
    for n, a in enumerate(report.articles, 1):
        lines += _article_section(n, a, named)
    return "\n".join(lines).rstrip() + "\n"


def _story_head(story: Story, articles: tuple[Article, ...]) -> str:
    """'3 articles from 3 outlets: A, B, C.', without the pages off the story (they are listed at the end)."""
    off = set(story.stray_articles)
    on = [a for a in articles if a.id in story.article_ids and a.id not in off]
    outlets = sorted({a.outlet or a.id for a in on})
    head = f"{len(on)} article{'s' * (len(on) != 1)} from {len(outlets)} outlet{'s' * (len(outlets) != 1)}: {md(', '.join(outlets))}."
    return head + (f" {len(off)} more {'page shares' if len(off) == 1 else 'pages share'} nothing with them (listed at the end)." if off else "")


def _story_section(story: Story, articles: tuple[Article, ...], numbers: dict[str, int]) -> list[str]:
    text = {s.id: s.text for a in articles for s in a.sentences}

    def cite(article_ids: Iterable[str]) -> str:
        return "".join(f"[{numbers[i]}]" for i in sorted(set(article_ids), key=lambda i: numbers.get(i, 0)) if i in numbers)

    def refs(sentence_ids: tuple[str, ...]) -> str:
        return cite(s.split(":")[0] for s in sentence_ids)

    lines = [f"## Story: {md(story.title)}", "", _story_head(story, articles), ""]
    if story.copies:
        lines += [f"{COPIES_NOTE} " + "; ".join(cite(g) for g in story.copies) + ".", ""]
    if story.summary and story.summary.sentences:
        lines += ["### Summary", ""]
        lines += [" ".join(f"{md(s.text)} {cite(s.cites)}" for s in story.summary.sentences), ""]
    if story.original_source:
        o = story.original_source
        where = f"article [{numbers[o.article_id]}]" if o.article_id in numbers else "not in the corpus"
        lines += [f"**Original source:** {md(o.outlet)} ({where}), cited in {refs(o.evidence)}.", ""]
    if story.citations:
        lines += ["### Who cited whom", ""]
        lines += [f"- [{numbers[c.article_id]}] cites {md(c.cites)}" + (f" through {md(c.via)}" if c.via else "") + f": “{md(text.get(c.sentence_id, ''))}”" for c in story.citations]
        lines.append("")
    shared = shared_claims(story)
    if shared:
        lines += ["### What the outlets agree on", "", "| Support | Claim | Sources |", "|---|---|---|"]
        lines += [f"| {c.support}/{story.sources or len(story.outlets)} {c.kind} | {md(c.text)}{' (other outlets give another value: ' + ', '.join(c.disputed_by) + ')' if c.disputed_by else ''} | {refs(c.sentence_ids)}{' (related, not counted: ' + refs(c.related_ids) + ')' if c.related_ids else ''} |" for c in shared]
        lines.append("")
    if story.conflicts:
        lines += ["### Where accounts differ", ""]
        for c in story.conflicts:
            days = published_days(c, articles)
            vals = "; ".join(f"**{md(', '.join(v.surface) or v.value)}** ({md(', '.join(v.outlets))}{'; published ' + days[v.value] if days else ''}) {refs(v.sentence_ids)}" for v in c.values)
            lines.append(f"- {c.id} {c.type}, {'figure updated' if c.verdict == 'update' else 'disputed'}: {md(c.about)}: {vals}")
            if c.why:
                lines.append(f"  - why: {md(c.why)}")
        lines.append("")
    unique = [c for c in one_source(story, "unique") if _informative(c.text)][:15]
    if unique:
        lines += ["### Claims only one outlet makes", ""]
        lines += [f"- only in {md(c.outlets[0])} {refs(c.sentence_ids)}{' (related, not counted: ' + refs(c.related_ids) + ')' if c.related_ids else ''}: {md(c.text)}" for c in unique]
        lines.append("")
    single = [c for c in one_source(story, "single") if _informative(c.text)][:15]
    if single:
        lines += ["### Claims one outlet makes, close to another's sentence", "", SINGLE_NOTE, ""]
        lines += [f"- {md(c.outlets[0])} {refs(c.sentence_ids)}, close: {refs(c.related_ids)}: {md(c.text)}" for c in single]
        lines.append("")
    foreign = other_language(a for a in articles if a.id in story.article_ids)
    strays = [a for a in story.stray_articles if a not in foreign]
    if strays:
        lines += ["### Articles that share nothing with the rest", "", STRAY_NOTE, ""]
        lines += [f"- {cite([a])} {md(_outlet(articles, a))}" for a in strays]
    if foreign:
        lines += ["", "### In another language: not compared", "", NOT_COMPARED_NOTE, ""]
        lines += [f"- {cite([a])} {md(_outlet(articles, a))}: in {md(lang)}, not compared" for a, lang in foreign.items()]
        lines.append("")
    lines += _entity_lines(story)
    if story.timeline:
        lines += ["### Timeline", "", "| Date | Event | Sources |", "|---|---|---|"]
        start = story_start([a for a in articles if a.id in story.article_ids])
        lines += [f"| {e.date} ({e.precision}{', background' if is_background(e, start) else ''}) | {md(e.text[:160])} | {refs(e.sentence_ids)} |" for e in story.timeline]
        lines.append("")
    if story.framing:
        lines += ["### Distinctive wording by outlet", ""]
        lines += [f"- **{md(f.outlet)}**: {md(', '.join(t.term for t in f.terms)) or '(nothing stands out)'}" for f in story.framing]
        lines.append("")
    return lines


def _entity_lines(story: Story) -> list[str]:
    varied = [e for e in story.entities if len(e.spellings()) > 1]  # not 'Nunes' beside 'Devin Nunes'
    if not varied:
        return []
    lines = ["### Names written differently", "", "| Entity | Type | Spellings (outlets) |", "|---|---|---|"]
    for e in varied:
        forms = "; ".join(f"{md(v.form)} ({md(', '.join(v.outlets))})" for v in e.variants)
        lines.append(f"| {md(e.name)} | {e.label} | {forms} |")
    return lines + [""]


STRAY_NOTE = "No fact of these pages is told by another article, and they name nothing the story is about or were published weeks away from it: a failed scrape, a product page or another event. They are not counted among the story's outlets, their claims are not listed as claims only one outlet makes, and the summary leaves them out."


LANGUAGE_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sv": "Swedish", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}
NOT_COMPARED_NOTE = "Articles written in another language than the rest of the story: newsprism does not compare across languages yet, so their facts are neither counted as agreement nor as claims of one outlet."


def other_language(articles: Iterable[Article]) -> dict[str, str]:
    """Article id -> the name of its language, for the articles of a story written in another
    language than most of the others (which newsprism does not compare)."""
    articles = list(articles)
    counts = Counter(a.language for a in articles if a.language)
    if len(counts) < 2:
        return {}
    main = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] != "en", kv[0]))[0][0]
    return {a.id: LANGUAGE_NAMES.get(a.language, a.language) for a in articles if a.language and a.language != main}


SINGLE_NOTE = "Each is stated by one outlet, and another outlet has a sentence close to it that newsprism could not count as stating the same fact: read both before calling the claim an exclusive."


def shared_claims(story: Story) -> list[Claim]:
    """The story's claims two or more independent sources state (the agreed table)."""
    return [c for c in story.claims if c.support >= 2]


def one_source(story: Story, kind: str) -> list[Claim]:
    """The story's claims of one source of a kind ("unique": its exclusives; "single": with a close
    sentence elsewhere), leaving out those of articles that share nothing with the rest."""
    return [c for c in story.claims if c.kind == kind and not from_stray_article(story, c.sentence_ids)]


def from_stray_article(story: Story, sentence_ids: Iterable[str]) -> bool:
    """Whether the claim's sentences come from an article that shares nothing with the rest."""
    return any(s.rsplit(":", 1)[0] in story.stray_articles for s in sentence_ids)


def _outlet(articles: Iterable[Article], article_id: str) -> str:
    return next((a.outlet or a.id for a in articles if a.id == article_id), article_id)


def _informative(text: str) -> bool:
    """Worth listing as a unique claim: long enough and naming something or giving a number."""
    return len(text.split()) >= 8 and (any(ch.isdigit() for ch in text) or sum(w[:1].isupper() for w in text.split()[1:]) >= 1)


def story_names(stories: Iterable[Story]) -> dict[str, tuple[str, str]]:
    """Each spelling of a story's entity -> (the entity's name, its type), so that an article lists
    what its story resolved ('Twitter', an organisation, wherever the tagger read a person) and
    not the tagger's raw spans (junk the story dropped is not listed)."""
    return {v.form: (e.name, e.label) for st in stories for e in st.entities for v in e.variants}


def _article_section(n: int, a: Article, named: dict[str, tuple[str, str]]) -> list[str]:
    lines = [f"### [{n}] {md(a.headline) or '(no headline found)'}", ""]
    facts = [("Outlet", a.outlet), ("Author", a.author), ("Published", a.published), ("Language", a.language), ("URL", a.url), ("File", a.source_path), ("Id", a.id)]
    lines += [f"- {k}: {md(v)}" for k, v in facts if v]
    if a.standfirst:
        lines += ["", f"> {md(a.standfirst)}"]
    ents = Counter(named[form] for e in a.entities if (form := surface(e.text)) in named and named[form][1] in {"PERSON", "ORG", "GPE", "NORP"})
    if ents:
        lines += ["", "Entities: " + ", ".join(f"{md(t)} ({lab})" for (t, lab), _ in ents.most_common(12))]
    lines += ["", f"Body: {counted(len(a.paragraphs), 'paragraph')}, {counted(len(a.sentences), 'sentence')}, {counted(len(a.body.split()), 'word')}. First words: {md(' '.join(a.body.split()[:25]))} …"]
    if a.removed:
        lines += ["", "<details><summary>Lines set aside</summary>", "", "| Label | Line | Why |", "|---|---|---|"]
        lines += [f"| {r.label} | {md(r.text[:140])} | {md(r.reason)} |" for r in a.removed]
        lines += ["", "</details>"]
    return lines + [""]
