"""The whole job, one numbered step per stage (each stage is a module of its own).

  1. ingest    files, folders, JSON records and manifests -> ``Source`` (+ problems)
  2. clean     HTML through trafilatura; every text line labelled; body kept
  3. metadata  headline, standfirst, author, published date, outlet, language
  4. nlp       sentences and entities (spaCy, one model load, batched)
  5. assemble  frozen ``Article`` records
  6. stories   wire copies found (copies.py), articles grouped by event (cluster.py)
  7. analysis  the cross-source analysis of each story (story.py has its own numbered steps)
"""

from __future__ import annotations

import os
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from . import metadata, nlp
from . import textfeatures as tf
from .clean import Cleaned, clean_text, no_body_reason
from .errors import InputError
from .htmlpage import PageText, extract_page
from .ingest import load_sources
from .models import Article, Problem, Removed, Report, Source
from .claims import aligned_sentences
from .cluster import LEAD_TOKENS, cluster_articles, lead_text
from .copies import find_copies
from .embed import CACHE_SIZE, get_embedder
from .story import analyze_story
from .summarize import DEFAULT_WORDS

Progress = Callable[[str, int, int], None]
READ_AHEAD = CACHE_SIZE // 2  # texts embedded ahead of need at most: more would leave the cache before use


@dataclass(frozen=True)
class _Prepared:
    source: Source
    cleaned: Cleaned
    page: PageText | None


def analyze(paths: Iterable[str | Path], *, progress: Progress | None = None, summary_words: int = DEFAULT_WORDS, one_story: bool = False, fetched: tuple[Sequence[Source], Sequence[Problem]] = ((), ())) -> Report:
    """Read, clean and annotate every article under ``paths`` (and the ``fetched`` sources, with
    the problems met fetching them); never raises on a bad input file."""
    tick = progress or (lambda stage, done, total: None)
    embedder = get_embedder()
    room = READ_AHEAD

    def embed_ahead(article: Article) -> None:  # on the other cores while spaCy reads the next article
        nonlocal room
        texts = [s.text for _, s in aligned_sentences(article)]
        if room < len(texts) + 1:
            return
        room -= len(texts) + 1
        if not one_story:
            embedder.prefetch([lead_text(article)], LEAD_TOKENS)
        embedder.prefetch(texts)

    articles, problems = prepare_articles(paths, tick, on_article=embed_ahead, fetched=fetched)
    articles = metadata.unify_outlets(articles)
    # 6. stories: copies, then events (or everything as one story when asked)
    copies = find_copies(articles)
    groups = [[a.id for a in articles]] if one_story and articles else cluster_articles(articles, embedder)
    by_id = {a.id: a for a in articles}
    # 7. the cross-source analysis of each story
    stories = []
    for n, group in enumerate(groups, 1):
        members = [by_id[i] for i in group]
        stories.append(analyze_story(members, copies, summary_words=summary_words))
        tick("stories", n, len(groups))
    return Report(tuple(articles), tuple(problems), tuple(stories), meta={"copies": copies})


def prepare_articles(paths: Iterable[str | Path], tick: Progress | None = None, on_article: Callable[[Article], None] | None = None, fetched: tuple[Sequence[Source], Sequence[Problem]] = ((), ())) -> tuple[list[Article], list[Problem]]:
    """Steps 1-5: clean, annotated articles and the problems met on the way; ``on_article`` is
    called with each article as soon as it is ready."""
    tick = tick or (lambda stage, done, total: None)
    # 1. ingest
    paths = list(paths)
    sources, problems = load_sources(paths) if paths else ([], [])
    known = {s.id for s in sources}
    sources += [s for s in fetched[0] if s.id not in known]
    problems += list(fetched[1])
    tick("ingest", len(sources), len(sources))
    articles, more = prepare_sources(sources, tick=tick, on_article=on_article)
    return articles, problems + more


def prepare_sources(sources: Sequence[Source], counts: Counter[str] | None = None, tick: Progress | None = None, parallel: bool = True, on_article: Callable[[Article], None] | None = None) -> tuple[list[Article], list[Problem]]:
    """Steps 2-5 for sources already read: the unit of work a compute backend runs.

    ``counts`` (line -> number of documents) lets a worker judge corpus-wide repetition on a chunk;
    ``parallel`` False keeps everything in this process (Dask workers cannot fork). Otherwise big
    runs are split over one forked worker per core, each cleaning and annotating whole articles.
    ``on_article`` sees each article as soon as this process has it."""
    tick = tick or (lambda stage, done, total: None)
    on_article = on_article or (lambda article: None)
    problems: list[Problem] = []
    workers = _workers(len(sources)) if parallel else 1
    # 2. clean (HTML extracted first; short lines repeated across the corpus count as furniture)
    pages = _extract_pages(sources, problems, workers)
    texts = {s.id: (pages[s.id].text if s.id in pages else s.content) for s in sources if s.format != "html" or s.id in pages}
    counts = counts if counts is not None else corpus_line_counts(texts.values())
    todo = [s for s in sources if s.id in texts]
    if workers == 1:
        articles, more = _prepare_chunk(todo, pages, texts, counts, tick, on_article)
        return articles, problems + more
    # 3-5 on every core: the parent loads the models first so that forked workers inherit them
    nlp.get_nlp()
    metadata.load_language_model()
    size = min(WORKER_CHUNK, -(-len(todo) // workers))  # small runs: one chunk per worker
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    articles = []
    with _forked(workers, (pages, texts, counts)) as pool:
        for chunk_articles, more in pool.imap(_prepare_shared_chunk, chunks):
            for article in chunk_articles:
                on_article(article)
            articles += chunk_articles
            problems += more
            tick("nlp", len(articles), len(todo))
    return articles, problems


PARALLEL_FROM = 48  # below this many sources a forked worker costs more than it saves
WORKER_CHUNK = 8  # sources per task handed to a worker
MAX_WORKERS = 8
_SHARED: tuple = ()  # (pages, texts, counts) of the run, inherited by forked workers


def _workers(n_sources: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    can_fork = "fork" in get_all_start_methods()  # not on Windows: everything stays in this process
    # at most MAX_WORKERS: each forked worker slowly copies the model pages it touches (~300 MB)
    return min(cores, MAX_WORKERS) if can_fork and n_sources >= PARALLEL_FROM and cores > 1 else 1


@contextmanager
def _forked(workers: int, shared: tuple) -> Iterator[Pool]:
    """A pool of forked processes that see ``shared`` without it being pickled per task."""
    global _SHARED
    _SHARED = shared
    try:
        with get_context("fork").Pool(workers, initializer=nlp.single_threaded_blas) as pool:
            yield pool
    finally:
        _SHARED = ()


def _prepare_shared_chunk(chunk: list[Source]) -> tuple[list[Article], list[Problem]]:
    pages, texts, counts = _SHARED
    return _prepare_chunk(chunk, pages, texts, counts, None, None)


def _prepare_chunk(sources: Sequence[Source], pages: dict[str, PageText], texts: dict[str, str], counts: Counter[str], tick: Progress | None, on_article: Callable[[Article], None] | None) -> tuple[list[Article], list[Problem]]:
    tick = tick or (lambda stage, done, total: None)
    problems: list[Problem] = []
    prepared = _clean_all(sources, pages, texts, counts, problems, tick)
    articles = build_articles(prepared, tick, on_article)
    return articles, problems + [_not_english(a) for a in articles if a.language not in (None, "en")]


def _not_english(article: Article) -> Problem:
    """A warning for an article in another language: it is kept, but read with English models."""
    return Problem(article.source_path, f"written in '{article.language}': sentences and names are read with an English model, so its facts may not be matched with the other outlets'", "warning")


def _extract_pages(sources: Sequence[Source], problems: list[Problem], workers: int) -> dict[str, PageText]:
    """trafilatura's text and metadata of every HTML source (on every core for many pages)."""
    html = [s for s in sources if s.format == "html"]
    if workers > 1 and len(html) >= PARALLEL_FROM:
        with _forked(workers, ()) as pool:
            results = pool.map(_extract_one, html, chunksize=WORKER_CHUNK)
    else:
        results = [_extract_one(s) for s in html]
    pages = {}
    for src, result in zip(html, results, strict=True):
        if isinstance(result, Problem):
            problems.append(result)
        else:
            pages[src.id] = result
    return pages


def _extract_one(src: Source) -> PageText | Problem:
    try:
        return extract_page(src.content, src.source_path)
    except InputError as exc:
        return Problem(exc.path, exc.reason)
    except Exception as exc:  # noqa: BLE001 - a bug meets one input: the others go on
        return internal_error(src, "reading its HTML", exc)


def internal_error(src: Source, doing: str, exc: Exception) -> Problem:
    """The problem an unexpected exception makes of one input: named, skipped, exit code 3."""
    return Problem(src.source_path, f"internal error while {doing} ({type(exc).__name__}: {str(exc)[:200]}); input skipped. This is a bug in newsprism: please report it with this file", "error")


def source_texts(sources: Iterable[Source]) -> Iterable[str]:
    """Source contents for corpus line counts computed before cleaning (ingest, where workers
    clean). For HTML these are markup lines, which rarely repeat as whole lines, so repeated
    furniture in HTML pages is left to trafilatura there; ``analyze`` counts the extracted text."""
    return (s.content for s in sources)


def _clean_all(sources: Sequence[Source], pages: dict[str, PageText], texts: dict[str, str], counts: Counter[str], problems: list[Problem], tick: Progress) -> list[_Prepared]:
    out = []
    for n, src in enumerate(sources):
        page = pages.get(src.id)
        title = src.title or (page.title if page else None)
        try:
            cleaned = clean_text(texts[src.id], title=title, corpus_counts=counts, outlet=src.outlet, url=src.url or (page.url if page else None))
        except Exception as exc:  # noqa: BLE001 - a bug meets one input: the others go on
            problems.append(internal_error(src, "cleaning it", exc))
            continue
        if not cleaned.body.strip():
            problems.append(Problem(src.source_path, no_body_reason(cleaned)))
            continue
        out.append(_Prepared(src, cleaned, page))
        tick("clean", n + 1, len(sources))
    return out


def corpus_line_counts(texts: Iterable[str]) -> Counter[str]:
    """In how many documents each (lower-cased) line occurs."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({tf.normalize(ln).lower() for ln in tf.repair(text).split("\n") if ln.strip()})
    return counts


def build_articles(prepared: Sequence[_Prepared], tick: Progress, on_article: Callable[[Article], None] | None = None) -> list[Article]:
    """Sentences and entities for cleaned texts. With ``on_article``, spaCy hands over one article
    at a time (a little slower than batches) so that the callback can start work on it."""
    bodies = [p.cleaned.body for p in prepared]
    articles = []
    docs = nlp.process_bodies(bodies, batch_size=1 if on_article else None)
    for n, (prep, doc) in enumerate(zip(prepared, docs, strict=True)):
        sentences, entities = nlp.annotate(prep.source.id, doc)
        articles.append(_article(prep, sentences, entities))
        if on_article:
            on_article(articles[-1])
        tick("nlp", n + 1, len(prepared))
    return articles


def _article(prep: _Prepared, sentences: tuple, entities: tuple) -> Article:
    src, cl, page = prep.source, prep.cleaned, prep.page
    body = cl.body
    standfirst = cl.first("standfirst") or (page.description if page and page.description and page.description not in body else None)
    return Article(
        id=src.id,
        source_path=src.source_path,
        outlet=metadata.outlet_name(src.outlet, src.url or (page.url if page else None), page.sitename if page else None, cl),
        url=src.url or (page.url if page else None),
        headline=src.title or cl.first("headline") or (page.title if page else None),  # a title the record or the manifest gives wins over a line of the text
        standfirst=standfirst,
        author=metadata.author_name(src.author or (page.author if page else None), cl),
        published=metadata.published_date(src.published or (page.date if page else None), cl),
        language=metadata.language(body),
        body=body,
        sentences=sentences,
        entities=entities,
        removed=tuple(Removed(ln.text, ln.label, ln.reason) for ln in cl.lines if ln.label != "body"),
        captions=tuple(cl.all("caption")),
    )
