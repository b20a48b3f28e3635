"""Stage 6, reports: ``report.json`` (the data, schema in docs/) and ``report.md`` (for people).

Article text is untrusted: in Markdown every HTML-special character is escaped, so a viewer that
renders Markdown to HTML shows ``<script>`` as text instead of running it.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from collections import Counter
from pathlib import Path

from .models import Article, Report

SCHEMA_VERSION = "1.0"


def to_json(report: Report) -> str:
    data = report.to_dict()
    data["schema_version"] = SCHEMA_VERSION
    return json.dumps(data, ensure_ascii=False, indent=1)


def write_report(report: Report, out_dir: str | Path) -> dict[str, Path]:
    """Write report.json and report.md into ``out_dir`` (atomically: no half-written files)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "report.json", "markdown": out / "report.md"}
    _atomic_write(paths["json"], to_json(report))
    _atomic_write(paths["markdown"], render_markdown(report))
    return paths


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def md(text: str | None) -> str:
    """Escape untrusted text for Markdown: HTML special characters and Markdown emphasis/links."""
    if not text:
        return ""
    out = html.escape(text, quote=False)
    for ch in "\\`*_[]#|":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def render_markdown(report: Report) -> str:
    lines = ["# newsprism report", ""]
    lines += [f"{len(report.articles)} article(s) analysed.", ""]
    if report.problems:
        lines += ["## Input problems", ""]
        lines += [f"- **{p.severity}** `{md(p.path)}`{f' line {p.line}' if p.line else ''}: {md(p.reason)}" for p in report.problems]
        lines.append("")
    lines += ["## Articles", "", "| # | Outlet | Published | Headline | Sentences | Removed lines |", "|---|---|---|---|---|---|"]
    for n, a in enumerate(report.articles, 1):
        lines.append(f"| {n} | {md(a.outlet) or '?'} | {a.published or '?'} | {md(a.headline) or '?'} | {len(a.sentences)} | {len(a.removed)} |")
    lines.append("")
    for n, a in enumerate(report.articles, 1):
        lines += _article_section(n, a)
    return "\n".join(lines).rstrip() + "\n"


def _article_section(n: int, a: Article) -> list[str]:
    lines = [f"### [{n}] {md(a.headline) or '(no headline found)'}", ""]
    facts = [("Outlet", a.outlet), ("Author", a.author), ("Published", a.published), ("Language", a.language), ("URL", a.url), ("File", a.source_path), ("Id", a.id)]
    lines += [f"- {k}: {md(v)}" for k, v in facts if v]
    if a.standfirst:
        lines += ["", f"> {md(a.standfirst)}"]
    ents = Counter((e.text, e.label) for e in a.entities if e.label in {"PERSON", "ORG", "GPE", "NORP"})
    if ents:
        lines += ["", "Entities: " + ", ".join(f"{md(t)} ({lab})" for (t, lab), _ in ents.most_common(12))]
    lines += ["", f"Body: {len(a.paragraphs)} paragraph(s), {len(a.sentences)} sentence(s), {len(a.body.split())} words. First words: {md(' '.join(a.body.split()[:25]))} …"]
    if a.removed:
        lines += ["", "<details><summary>Lines set aside</summary>", "", "| Label | Line | Why |", "|---|---|---|"]
        lines += [f"| {r.label} | {md(r.text[:140])} | {md(r.reason)} |" for r in a.removed]
        lines += ["", "</details>"]
    return lines + [""]
