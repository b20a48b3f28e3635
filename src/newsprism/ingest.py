"""Stage 1, ingest: turn files and folders into ``Source`` records, reporting every bad input.

Reads ``.txt`` scrapes, ``.html``/``.htm`` pages and ``.json``/``.jsonl`` records, plus an optional
per-folder manifest (``sources.csv``: ``file,outlet[,url][,published]``). Nothing here raises on a
bad file: each problem becomes a ``Problem`` naming the file (and line) and the run goes on.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import InputError
from .models import Problem, Source, counted
from .settings import default

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES


@dataclass(frozen=True)
class ManifestRow:
    outlet: str | None
    url: str | None
    published: str | None


# ---------------------------------------------------------------------------------------------
# decoding


def decode_bytes(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """Decode ``data``: BOM-marked UTF-8/16, then UTF-8, then cp1252/latin-1 with a warning."""
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(enc), path), []
            except UnicodeDecodeError as exc:
                raise InputError(path, f"undecodable bytes: starts with a {enc} byte-order mark but {exc.reason} at byte {exc.start}") from exc
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (NUL bytes, no text byte-order mark); expected text, HTML or JSON")
    try:
        return _check_text(data.decode("utf-8"), path), []
    except UnicodeDecodeError as exc:
        return _decode_legacy(data, path, exc)


def _decode_legacy(data: bytes, path: str, exc: UnicodeDecodeError) -> tuple[str, list[Problem]]:
    """Mostly-valid UTF-8 keeps UTF-8 (bad bytes replaced); otherwise cp1252, then latin-1."""
    lossy = data.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd")
    multibyte = sum(1 for ch in lossy if ord(ch) > 127 and ch != "\ufffd")
    if multibyte >= 3 * bad:
        msg = f"not valid UTF-8 ({counted(bad, 'undecodable byte')}, first at byte {exc.start}); replaced with U+FFFD"
        return _check_text(lossy, path), [Problem(path, msg, "warning")]
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return _check_text(text, path), [Problem(path, f"not UTF-8; decoded as {enc} (check the result)", "warning")]
    raise InputError(path, "undecodable bytes")  # pragma: no cover - latin-1 decodes any byte


def _check_text(text: str, path: str) -> str:
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(5, len(text[:20000]) // 50):
        raise InputError(path, f"binary file ({controls} control characters); expected text, HTML or JSON")
    if not text.strip():
        raise InputError(path, "empty file (only whitespace)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> tuple[str, list[Problem]]:
    """Read and decode one file, refusing ones over the size limit."""
    limit_mb = int(default("max_file_mb"))  # type: ignore[call-overload]
    size = path.stat().st_size
    if size > limit_mb * 1024 * 1024:
        raise InputError(str(path), f"file too large ({size / 1048576:.1f} MB > {limit_mb} MB limit); split it into smaller files")
    return decode_bytes(path.read_bytes(), str(path))


def content_id(text: str) -> str:
    """Stable article id: the first 16 hex digits of the SHA-256 of the content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# manifest


def read_manifest(path: Path) -> tuple[dict[str, ManifestRow], list[Problem]]:
    """Parse ``sources.csv``; rows without a ``file`` value become problems."""
    text, problems = read_text(path)
    reader = csv.DictReader(text.splitlines())
    fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    if "file" not in fields:
        raise InputError(str(path), "manifest has no 'file' column (expected header: file,outlet[,url][,published])")
    from .metadata import iso_date  # dateparser: loaded only for a manifest

    rows: dict[str, ManifestRow] = {}
    for lineno, raw in enumerate(reader, start=2):
        extra = raw.pop(None, None)  # values past the header's columns (csv puts them under None)
        if extra:
            problems.append(Problem(str(path), f"manifest row has {counted(len(extra), 'value')} more than the header's {len(fields)} columns; extra values ignored", "warning", lineno))
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        if not row.get("file"):
            problems.append(Problem(str(path), "manifest row without a file name", "warning", lineno))
            continue
        published = row.get("published") or None
        if published and iso_date(published) is None:
            problems.append(Problem(str(path), f"published '{published}' is not a date (write it like 2021-05-03 or May 3, 2021); left out", "warning", lineno))
            published = None
        rows[row["file"]] = ManifestRow(row.get("outlet") or None, row.get("url") or None, published)
    return rows, problems


# ---------------------------------------------------------------------------------------------
# discovery


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], dict[Path, ManifestRow], list[Problem]]:
    """Expand files and folders (recursively) into article files plus their manifest rows."""
    files: list[Path] = []
    meta: dict[Path, ManifestRow] = {}
    problems: list[Problem] = []
    manifest_name = str(default("manifest_name"))
    for given in paths:
        p = Path(given)
        if not p.exists():
            problems.append(Problem(str(p), "no such file or folder"))
        elif p.is_file():
            files.append(p)
            meta.update(_manifest_for(p.parent, manifest_name, problems, only=p))
        elif not p.is_dir():
            problems.append(Problem(str(p), "not a regular file or folder (a device, pipe or socket); skipped"))
        else:
            unlisted = sum(1 for q in problems if q.reason.startswith("not listed in"))
            found = _walk_folder(p, manifest_name, meta, problems)
            if not found and sum(1 for q in problems if q.reason.startswith("not listed in")) > unlisted:
                problems.append(Problem(str(p), f"none of the folder's article files is listed in its {manifest_name}"))
            elif not found:
                problems.append(Problem(str(p), f"folder holds no article files ({', '.join(sorted(ARTICLE_SUFFIXES))})"))
            files.extend(found)
    unique = list({f.resolve(): f for f in files}.values())  # de-duplicated, paths kept as given
    return unique, {k.resolve(): v for k, v in meta.items()}, problems


def _walk_folder(folder: Path, manifest_name: str, meta: dict[Path, ManifestRow], problems: list[Problem]) -> list[Path]:
    found: list[Path] = []
    for sub in sorted([folder, *[d for d in folder.rglob("*") if d.is_dir() and not _hidden(d, folder)]]):
        rows = _manifest_for(sub, manifest_name, problems)
        meta.update(rows)
        for f in sorted(sub.iterdir()):
            if f.name.startswith(".") or f.name == manifest_name or f.is_dir():
                continue
            if not f.is_file():
                problems.append(Problem(str(f), "not a regular file (a device, pipe, socket or broken link); skipped", "warning"))
                continue
            if f.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            if rows and f not in rows:
                problems.append(Problem(str(f), f"not listed in {manifest_name}; ignored (add a row to include it)", "info"))
                continue
            found.append(f)
    return found


def _hidden(d: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in d.relative_to(root).parts)


def _manifest_for(folder: Path, name: str, problems: list[Problem], only: Path | None = None) -> dict[Path, ManifestRow]:
    path = folder / name
    if not path.is_file():
        return {}
    try:
        rows, found = read_manifest(path)
    except InputError as exc:
        problems.append(Problem(exc.path, exc.reason, "warning", exc.line))
        return {}
    problems.extend(found)
    resolved = {folder / f: row for f, row in rows.items()}
    if only is None:
        for f in resolved:
            if not f.exists():
                problems.append(Problem(str(path), f"lists '{f.name}', which does not exist", "warning"))
    return {f: r for f, r in resolved.items() if only is None or f.resolve() == only.resolve()}


# ---------------------------------------------------------------------------------------------
# loading


def load_sources(paths: Iterable[str | Path]) -> tuple[list[Source], list[Problem]]:
    """Read every article under ``paths``; return the usable sources and every problem met."""
    files, meta, problems = discover(paths)
    sources: list[Source] = []
    seen: dict[str, Source] = {}
    for f in files:
        for src in _load_file(f, meta.get(f.resolve()), problems):
            first = seen.get(src.id)
            if first is not None and first.content == src.content:
                problems.append(Problem(src.source_path, f"same content as {first.source_path}; kept once", "warning"))
                continue
            if first is not None:  # a given id used twice for two texts: both are kept, this one renamed
                new_id = content_id(src.content)
                problems.append(Problem(src.source_path, f"id '{src.id}' is already the id of {first.source_path}, another text; kept as '{new_id}'", "warning"))
                src = replace(src, id=new_id)
                if new_id in seen:
                    continue
            seen[src.id] = src
            sources.append(src)
    return sources, problems


def _load_file(path: Path, row: ManifestRow | None, problems: list[Problem]) -> Iterator[Source]:
    try:
        text, warnings = read_text(path)
    except InputError as exc:
        problems.append(Problem(exc.path, exc.reason, "skipped", exc.line))
        return
    problems.extend(warnings)
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        yield from _json_sources(path, text, problems)
        return
    fmt = "html" if suffix in HTML_SUFFIXES or _looks_like_html(text) else "text"
    src = Source(content_id(text), str(path), text, fmt)  # type: ignore[arg-type]
    yield _apply_manifest(src, row)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def _apply_manifest(src: Source, row: ManifestRow | None) -> Source:
    if row is None:
        return src
    return replace(src, outlet=row.outlet or src.outlet, url=row.url or src.url, published=row.published or src.published)


def _json_sources(path: Path, text: str, problems: list[Problem]) -> Iterator[Source]:
    before = len(problems)
    records = list(_json_records(path, text, problems))
    if not records and len(problems) == before:  # not already said why
        problems.append(Problem(str(path), "no article records (each needs a 'text' or 'html' field)"))
    for lineno, rec in records:
        try:
            yield _record_to_source(path, lineno, rec)
        except InputError as exc:
            problems.append(Problem(exc.path, exc.reason, "skipped", exc.line))


def _json_records(path: Path, text: str, problems: list[Problem]) -> Iterator[tuple[int | None, Any]]:
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            problems.append(Problem(str(path), f"malformed JSON: {exc.msg}", "skipped", exc.lineno))
            return
        except RecursionError:
            problems.append(Problem(str(path), "JSON nested too deeply to be an article file", "skipped"))
            return
        if isinstance(data, dict) and str(data.get("version", "")).startswith("https://jsonfeed.org/version/"):
            items = data.get("items") or []  # a JSON Feed file
        else:
            items = data.get("articles", [data]) if isinstance(data, dict) else data  # one record, a list, or a NewsAPI answer
        if isinstance(items, list):
            yield from ((None, item) for item in items)
        return
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(str(path), f"malformed JSON line: {exc.msg} (column {exc.colno})", "skipped", lineno))
        except RecursionError:
            problems.append(Problem(str(path), "JSON line nested too deeply to be an article", "skipped", lineno))


_TRUNCATED = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")  # NewsAPI's cut-off 'content'


def _record_to_source(path: Path, lineno: int | None, rec: Any) -> Source:
    """An article record: newsprism's own fields (``text`` or ``html``, ``published`` or its alias
    ``date``, ``outlet``...), a NewsAPI article (``content`` / ``description``, ``publishedAt``,
    ``source.name``) or a JSON Feed item (``content_text`` / ``content_html``, ``date_published``,
    ``authors``)."""
    if not isinstance(rec, dict):
        raise InputError(str(path), f"record is a {type(rec).__name__}, expected an object", lineno)
    fields = [("text", "text"), ("html", "html"), ("content_text", "text"), ("content_html", "html"), ("content", "text"), ("description", "text")]
    body, fmt = next(((rec[k], f) for k, f in fields if isinstance(rec.get(k), str) and rec[k].strip()), (None, "text"))
    if body is None:
        raise InputError(str(path), "record has no non-empty 'text' or 'html' field (nor NewsAPI 'content' / 'description', nor JSON Feed 'content_text' / 'content_html')", lineno)
    body = _TRUNCATED.sub("", body)
    rid = str(rec["id"]).strip() if isinstance(rec.get("id"), (str, int)) and str(rec["id"]).strip() else content_id(body)
    where = f"{path}:{lineno}" if lineno is not None else str(path)
    source = rec.get("source")
    authors = rec.get("authors")
    first_author = authors[0].get("name") if isinstance(authors, list) and authors and isinstance(authors[0], dict) else None
    return Source(
        id=rid,
        source_path=where,
        content=body.replace("\r\n", "\n"),
        format=fmt,  # type: ignore[arg-type]
        title=_str_or_none(rec.get("title")),
        url=_str_or_none(rec.get("url") or rec.get("external_url")),
        outlet=_str_or_none(rec.get("outlet") or (source.get("name") if isinstance(source, dict) else source)),
        published=_str_or_none(rec.get("published") or rec.get("date") or rec.get("publishedAt") or rec.get("date_published")),
        author=_str_or_none(rec.get("author") or first_author),
    )


def _str_or_none(value: Any) -> str | None:
    """A text field as text; a number as its digits; anything else (a list, an object) is not
    taken for text."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value).strip() or None
