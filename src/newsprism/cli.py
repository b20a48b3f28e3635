"""The ``newsprism`` command: a thin Typer layer over the library functions."""

from __future__ import annotations

import csv
import json
import re
import sys
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator, List, Optional

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.text import Text
from rich.table import Table

from . import __version__
from .errors import InputError, NewsprismError
from .fetch import Politeness
from .models import Problem, Report, counted
from .pipeline import analyze as run_analyze
from .report import write_report
from .summarize import DEFAULT_WORDS


class _PlainArgument(TyperArgument):
    """An argument shown by its metavar alone (``PATH``), without Typer's ``<list[Path]>``."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None if self.metavar else super().display_type_rich(ctx)


class _PlainHelp:
    """Help with placeholders (PATH, DATE...) where Typer prints Python types: flags, --help
    included, show none (they take no value); arguments show only their metavar."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)  # type: ignore[misc]
        for p in params:
            if isinstance(p, TyperOption) and p.is_flag and p.metavar is None:
                p.metavar = ""
            elif type(p) is TyperArgument:
                p.__class__ = _PlainArgument  # no hook makes Typer build arguments of our class
        return params


class _Group(_PlainHelp, TyperGroup):
    pass


class _Command(_PlainHelp, TyperCommand):
    pass


app = typer.Typer(cls=_Group, help="newsprism: a trustworthy, cross-source account of each news story.", no_args_is_help=True, add_completion=False)
err = Console(stderr=True)
out = Console()


def _print_version(value: bool) -> None:
    """``newsprism --version``: runs before any command is looked for, then exits 0."""
    if value:
        out.print(f"newsprism {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """newsprism: clean, compare and summarise news articles from many outlets."""


def _politeness(allow_private: bool, delay: float = Politeness.delay, concurrency: int = Politeness.concurrency) -> Politeness:
    return Politeness(delay=max(0.0, delay), concurrency=max(1, concurrency), allow_private=allow_private)


DELAY_OPTION = typer.Option(Politeness.delay, "--delay", metavar="SECONDS", help="Pause between two requests to one host (longer when robots.txt asks).")
CONCURRENCY_OPTION = typer.Option(Politeness.concurrency, "--concurrency", metavar="N", help="Requests in flight at once, all hosts together.")
PRIVATE_OPTION = typer.Option(False, "--allow-private", help="Also fetch from private, loopback and link-local addresses (refused by default).")


@app.command(cls=_Command)
def analyze(
    paths: List[str] = typer.Argument(..., metavar="PATH|URL", help="Files or folders of articles (.txt, .html, .json, .jsonl), or web pages (http/https URLs)."),
    out_dir: Path = typer.Option(Path("out"), "--out", "-o", metavar="DIR", help="Folder for the report: report.json, report.md and the HTML pages (index.html and one story-<id>.html per story)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary table."),
    words: int = typer.Option(DEFAULT_WORDS, "--words", "-w", min=20, metavar="INTEGER", help="Length of each story summary in words."),
    one_story: bool = typer.Option(False, "--one-story", help="Treat all the articles as one story (no clustering): for a folder you gathered about one event."),
    allow_private: bool = PRIVATE_OPTION,
) -> None:
    """Clean and annotate articles, compare the outlets, summarise, and write reports.

    Example: newsprism analyze examples/syria-ceasefire-2017 --out out/syria

    Articles are grouped into stories by the event they report; with --one-story they are all
    compared as one story (pages the story does not share anything with are still set apart).

    Exit codes: 0 all inputs used, 1 some inputs skipped (listed), 2 nothing usable.
    """
    files, urls = _inputs(paths)
    try:
        report = _with_progress(files, urls, quiet, words, one_story, allow_private)
    except NewsprismError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    _print_problems(report)
    if report.articles:
        written = write_report(report, out_dir)
        if not quiet:
            _print_summary(report)
        out.print(f"Report: {written['markdown']}  (data: {written['json']})", soft_wrap=True)
    else:
        err.print("[red]error:[/red] no usable articles in the given paths")
    raise typer.Exit(report.exit_code)


WRITER_WAIT_S = 10.0  # how long a command that writes waits for the corpus by default: readers hold it for moments
DB_OPTION = typer.Option(Path("newsprism.duckdb"), "--db", metavar="FILE", help="The corpus database (DuckDB file); only `ingest`, `fetch` and `follow` create it.")


@app.command(cls=_Command)
def ingest(
    paths: List[str] = typer.Argument(..., metavar="PATH|URL", help="Files or folders of articles to add, or web pages (http/https URLs: fetched like `fetch` does)."),
    db: Path = DB_OPTION,
    backend: str = typer.Option("local", "--backend", metavar="local|dask", help="Compute backend for cleaning and NLP: local or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786); a 2-worker LocalCluster when omitted."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    wait: float = typer.Option(WRITER_WAIT_S, "--wait", metavar="SECONDS", help="While another newsprism process holds the corpus, keep trying this long (readers such as `serve` hold it for moments)."),
    allow_private: bool = PRIVATE_OPTION,
) -> None:
    """Add articles to the corpus, find wire copies and update stories incrementally.

    Example: newsprism ingest examples/syria-ceasefire-2017 --db newsprism.duckdb

    Ingesting the same inputs again adds nothing; an interrupted run can simply be run again.
    Exit codes: 0 all inputs used, 1 some inputs skipped, 2 nothing usable.
    """
    from .corpus import ingest as run_ingest
    from .crawl import fetch_into
    from .fetch import Fetcher
    from .store import Store

    files, urls = _inputs(paths)
    try:
        with _bar() if not quiet else nullcontext((None, None)) as (_, tick):
            if urls:
                with Store(db, wait=wait) as store, Fetcher(_politeness(allow_private)) as fetcher:
                    run = fetch_into(store, urls, fetcher, progress=tick)
                for p in run.ingest.problems:
                    _print_problem(p)
                out.print(f"fetched {counted(len(run.stored), 'page')}{_same(run)}, {run.already_stored} already stored, {len(run.failures)} failed", highlight=False)
                if not files:
                    r = run.ingest
                    out.print(f"added {counted(r.added, 'article')}; {counted(r.stories_changed, 'story', 'stories')} changed, {r.stories_total} in {db}", soft_wrap=True, highlight=False)
                    raise typer.Exit(0 if not r.problems else (1 if run.stored or run.already_stored else 2))
            result = run_ingest(files, db, backend, scheduler, progress=tick, wait=wait)
    except NewsprismError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    for p in result.problems:
        _print_problem(p)
    out.print(f"added {counted(result.added, 'article')}, {result.already_stored} already stored; {counted(result.stories_changed, 'story', 'stories')} changed, {result.stories_total} in {db}", soft_wrap=True)
    raise typer.Exit(result.exit_code)


@app.command(cls=_Command)
def stories(
    db: Path = DB_OPTION,
    since: Optional[str] = typer.Option(None, "--since", metavar="DATE", help="Only stories seen on or after this date (YYYY-MM-DD)."),
    query: Optional[str] = typer.Option(None, "--query", metavar="TEXT", help="Only stories whose title or articles contain this text."),
    until: Optional[str] = typer.Option(None, "--until", metavar="DATE", help="Only stories first seen on or before this date (YYYY-MM-DD)."),
    limit: int = typer.Option(200, "--limit", min=1, metavar="N", help="List at most N stories, latest first."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON: each story with its articles and their scores against it, its core words and names, and its events' dates."),
    as_csv: bool = typer.Option(False, "--csv", help="Print CSV, one row per story: id, title, first_seen, last_seen, articles, outlets."),
) -> None:
    """List the stories of the corpus.

    Example: newsprism stories --db newsprism.duckdb --since 2017-08-01 --query ceasefire --json

    Exit codes: 0 listed, 2 no corpus at --db, a bad --since or --until, or both --json and --csv.
    """
    from .corpus import stories_explained, stories_page

    first, last = _day("--since", since), _day("--until", until)
    if as_json and as_csv:
        err.print("[red]error:[/red] --json and --csv: choose one", soft_wrap=True)
        raise typer.Exit(2)
    try:
        if as_json:
            sys.stdout.write(json.dumps(stories_explained(db, first, query, last, limit), indent=1, default=str, ensure_ascii=False) + "\n")
            return
        rows, total = stories_page(db, first, query, last, limit)
    except NewsprismError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["id", "title", "first_seen", "last_seen", "articles", "outlets"])
        writer.writerows([r["id"], r["title"] or "", r["first_seen"] or "", r["last_seen"] or "", r["n_articles"], "; ".join(r["outlets"])] for r in rows)
        return
    table = Table(title=(f"{len(rows)} of " if total > len(rows) else "") + counted(total, "story", "stories"))
    table.caption = "conflicts: ? until the story is analysed (newsprism story ID, or its page in serve)" if any(r["conflicts"] is None for r in rows) else None
    for col in ("id", "title", "outlets", "articles", "conflicts", "first seen", "last seen"):
        table.add_column(col, no_wrap=col in {"id", "articles", "conflicts", "first seen", "last seen"}, min_width=24 if col == "title" else None)
    for r in rows:
        conflicts = "?" if r["conflicts"] is None else str(r["conflicts"])
        table.add_row(r["id"], escape(r["title"] or ""), escape(", ".join(r["outlets"])), str(r["n_articles"]), conflicts, str(r["first_seen"] or "?"), str(r["last_seen"] or "?"))
    out.print(table)


@app.command(cls=_Command)
def split(
    story_id: str = typer.Argument(..., metavar="STORY_ID", help="The story to split, from `newsprism stories`."),
    article_ids: List[str] = typer.Argument(..., metavar="ARTICLE_ID...", help="The articles that make a story of their own (`newsprism stories --json` lists a story's articles)."),
    db: Path = DB_OPTION,
    wait: float = typer.Option(0.0, "--wait", min=0, metavar="SECONDS", help="Wait this long for another newsprism process to finish writing."),
) -> None:
    """Take articles out of a story into a story of their own; later ingests keep the two apart.

    Example: newsprism split S0000003 1f9078487444 4baed2ffb5fc --db newsprism.duckdb

    Exit codes: 0 split, 2 no corpus at --db, an unknown story or an article not in it.
    """
    from .corpus import split_story

    moved = _decided(lambda: split_story(db, story_id, article_ids, wait))
    for sid in sorted(set(moved.values())):
        out.print(f"{sid}: {', '.join(a for a in sorted(moved) if moved[a] == sid)}", highlight=False)


@app.command(cls=_Command)
def merge(
    first: str = typer.Argument(..., metavar="STORY_ID", help="A story from `newsprism stories`."),
    second: str = typer.Argument(..., metavar="STORY_ID", help="Another story, to make one with the first."),
    db: Path = DB_OPTION,
    wait: float = typer.Option(0.0, "--wait", min=0, metavar="SECONDS", help="Wait this long for another newsprism process to finish writing."),
) -> None:
    """Make two stories one; later ingests keep them together.

    Example: newsprism merge S0000003 S0000007 --db newsprism.duckdb

    Exit codes: 0 merged, 2 no corpus at --db or an unknown story.
    """
    from .corpus import merge_stories

    out.print(_decided(lambda: merge_stories(db, first, second, wait)), highlight=False)


def _decided(run: Callable[[], Any]) -> Any:
    """A split or merge, or its error as one line and exit code 2."""
    try:
        return run()
    except NewsprismError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc


@app.command(cls=_Command)
def story(
    story_id: str = typer.Argument(..., metavar="STORY_ID", help="A story id from `newsprism stories`."),
    db: Path = DB_OPTION,
    out_dir: Optional[Path] = typer.Option(None, "--out", "-o", metavar="DIR", help="Write the report here (report.json, report.md, index.html and story-<id>.html) instead of printing it."),
) -> None:
    """Print (or write) the cross-source report of one story.

    Example: newsprism story S0000000 --db newsprism.duckdb --out out/story

    Exit codes: 0 done, 2 no corpus at --db or no such story.
    """
    from .corpus import story_report
    from .report import render_markdown

    try:
        report = story_report(db, story_id)
    except KeyError:
        err.print(f"[red]error:[/red] no story '{escape(story_id)}' in {db}; list them with `newsprism stories --db {db}`", soft_wrap=True)
        raise typer.Exit(2)
    except NewsprismError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    if out_dir:
        written = write_report(report, out_dir)
        out.print(f"Report: {written['markdown']}  (data: {written['json']})", soft_wrap=True)
    else:
        print(render_markdown(report))


@app.command(cls=_Command)
def serve(
    db: Path = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", metavar="ADDRESS", help="Address to bind; only this machine by default."),
    port: int = typer.Option(8000, "--port", metavar="INTEGER", help="Port to listen on."),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="Required to bind an address other than localhost."),
    host_names: Optional[list[str]] = typer.Option(None, "--host-name", metavar="NAME", help="A name the app may be reached by besides the address (repeat for more); requests for other names are refused."),
) -> None:
    """Serve the corpus as a local web app (story list, story and article pages, JSON API, /docs).

    Example: newsprism serve --db newsprism.duckdb --port 8000
    """
    import uvicorn

    from .web import LOCAL_NAMES, create_app

    if host not in LOCAL_NAMES:
        if not allow_remote:
            err.print(f"[red]error:[/red] binding {escape(host)} would expose the corpus to other machines; add --allow-remote if you mean it")
            raise typer.Exit(2)
        err.print(f"[yellow]warning:[/yellow] serving on {escape(host)}:{port}: anyone who can reach this address can read the corpus")
    wildcard = host in {"0.0.0.0", "::"} and not host_names  # every interface, no name given: any Host header
    try:
        application = create_app(db, None if wildcard else LOCAL_NAMES | {host.lower()} | {n.lower() for n in host_names or []})
    except NewsprismError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    out.print(f"newsprism: http://{host}:{port}/  (API docs at /docs)")
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command(cls=_Command)
def fetch(
    urls: List[str] = typer.Argument(..., metavar="URL", help="Pages to download and add (http or https)."),
    db: Path = DB_OPTION,
    delay: float = DELAY_OPTION,
    concurrency: int = CONCURRENCY_OPTION,
    allow_private: bool = PRIVATE_OPTION,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Download pages, politely, and add their articles to the corpus (raw pages are kept).

    Example: newsprism fetch https://example.com/news/story.html --db newsprism.duckdb

    robots.txt is obeyed and each host gets one request at a time, --delay apart. A page already
    stored is not fetched again; a failed one is tried again by the next run.
    Exit codes: 0 all pages used, 1 some skipped, 2 nothing usable.
    """
    from .crawl import fetch_into
    from .fetch import Fetcher
    from .store import Store

    try:
        with Store(db, wait=WRITER_WAIT_S) as store, Fetcher(_politeness(allow_private, delay, concurrency)) as fetcher:
            if quiet:
                run = fetch_into(store, urls, fetcher)
            else:
                with _bar() as (_, tick):
                    run = fetch_into(store, urls, fetcher, progress=tick)
    except NewsprismError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    for p in run.ingest.problems:
        _print_problem(p)
    r = run.ingest
    out.print(f"fetched {counted(len(run.stored), 'page')}{_same(run)}, {run.already_stored} already stored, {len(run.failures)} failed; added {counted(r.added, 'article')}; {counted(r.stories_changed, 'story', 'stories')} changed, {r.stories_total} in {db}", soft_wrap=True, highlight=False)
    raise typer.Exit(0 if not run.failures and not r.problems else (1 if run.stored or run.already_stored else 2))


@app.command(cls=_Command)
def follow(
    feeds: Path = typer.Argument(..., metavar="FEEDS", help="A text file of feed URLs (RSS, Atom, JSON Feed) or home pages, one per line."),
    db: Path = DB_OPTION,
    every: str = typer.Option("15m", "--every", metavar="DURATION", help="Time between two runs: 90s, 15m, 2h."),
    once: bool = typer.Option(False, "--once", help="Run once and exit (for cron)."),
    changes_file: Optional[Path] = typer.Option(None, "--changes", metavar="FILE", help="Also write what changed as JSON (overwritten each run)."),
    delay: float = DELAY_OPTION,
    concurrency: int = CONCURRENCY_OPTION,
    allow_private: bool = PRIVATE_OPTION,
) -> None:
    """Keep the corpus current from feeds: fetch new entries, add them, say what changed.

    Example: newsprism follow feeds.txt --db newsprism.duckdb --once

    Each run prints the new stories, the stories with new articles, and conflicts that are new or
    whose figures changed. Without --once it runs every DURATION until Ctrl-C; a failed feed or
    page is reported and tried again next run.
    Exit codes (of the last run): 0 all feeds and pages read, 1 some failed, 2 none could be read
    or the corpus could not be opened, 130 stopped with Ctrl-C.
    """
    import json
    import time

    from .crawl import follow_once, read_feed_list
    from .fetch import Fetcher
    from .ingest import read_text
    from .store import Store

    period = _duration("--every", every)
    try:
        if not feeds.is_file():
            raise InputError(str(feeds), "no such file (expected a text file of feed URLs, one per line)")
        text, _ = read_text(feeds)
    except NewsprismError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    urls, problems = read_feed_list(text, str(feeds))
    for p in problems:
        _print_problem(p)
    if not urls:
        err.print(f"[red]error:[/red] {escape(str(feeds))}: no feed URLs", soft_wrap=True)
        raise typer.Exit(2)
    code = 0
    try:
        with Fetcher(_politeness(allow_private, delay, concurrency)) as fetcher:
            while True:
                started = time.monotonic()
                try:
                    with Store(db, wait=WRITER_WAIT_S) as store, _bar() as (_, tick):
                        changes = follow_once(store, urls, fetcher, progress=tick)
                except NewsprismError as exc:  # the corpus busy or unreadable: said, then the next run
                    err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
                    code = 2
                else:
                    _print_changes(changes)
                    if changes_file is not None:
                        changes_file.write_text(json.dumps(changes.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
                    failed = bool(problems or changes.failures or any(f.status == "failed" for f in changes.feeds))
                    code = 2 if all(f.status == "failed" for f in changes.feeds) else int(failed)
                if once:
                    break
                time.sleep(max(0.0, period - (time.monotonic() - started)))
    except KeyboardInterrupt:
        err.print("stopped")
        raise typer.Exit(130) from None
    raise typer.Exit(code)


@app.command(cls=_Command)
def reclean(
    db: Path = DB_OPTION,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Clean the stored web pages again with this version's cleaner, without fetching them.

    Example: newsprism reclean --db newsprism.duckdb

    Articles keep their ids and stories; the stories whose articles changed are analysed afresh.
    """
    from .crawl import reclean as run_reclean
    from .store import Store

    try:
        with Store(db, create=False) as store, (_bar() if not quiet else nullcontext((None, None))) as (_, tick):
            pages, changed, problems = run_reclean(store, tick)
    except NewsprismError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    for p in problems:
        _print_problem(p)
    out.print(f"cleaned the stored pages of {counted(pages, 'article')} again: {counted(changed, 'article')} changed", highlight=False)


def _same(run: Any) -> str:
    """' (1 of them an article already stored under another address)', or ''."""
    return f" ({run.same_article} of them {'an article' if run.same_article == 1 else 'articles'} already stored under another address)" if run.same_article else ""


def _duration(option: str, text: str) -> float:
    """'90s', '15m', '2h' (or plain seconds) as seconds; anything else is one error line, exit 2."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text)
    if not m:
        err.print(f"[red]error:[/red] {option}: expected a duration like 90s, 15m or 2h, got {escape(repr(text))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    if float(m.group(1)) <= 0:
        err.print(f"[red]error:[/red] {option}: the time between two runs must be more than 0, got {escape(repr(text))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]


def _print_changes(changes: Any) -> None:
    """What a ``follow`` run changed, in a few lines."""
    for f in changes.feeds:
        line = f"{f.status}: {f.url}" + (f" ({counted(f.entries, 'entry', 'entries')})" if f.status == "read" else "") + (f": {f.error}" if f.error else "")
        (err if f.status == "failed" else out).print(escape(line), highlight=False, soft_wrap=True)
    for url, why in changes.failures:
        err.print(f"[red]not fetched:[/red] {escape(url)}: {escape(why)}", highlight=False, soft_wrap=True)
    for s in changes.new_stories:
        out.print(f"new story {s['id']}: {escape(s['title'] or '?')} ({counted(s['articles'], 'article')})", highlight=False, soft_wrap=True)
    for s in changes.grown_stories:
        out.print(f"story {s['id']}: {escape(s['title'] or '?')}: {counted(len(s['added']), 'new article')}, {s['articles']} in all", highlight=False, soft_wrap=True)
    for c in changes.conflicts:
        word = "updated" if c["verdict"] == "update" else ("changed" if c["change"] == "changed" else "new conflict")
        out.print(f"  {word} in {c['story_id']}: {escape(c['about'])}: {escape(c['why'])}", highlight=False, soft_wrap=True)
    out.print(f"{counted(changes.fetched, 'page')} fetched, {changes.already_stored} already stored, {len(changes.failures)} failed", highlight=False)


@app.command(cls=_Command)
def version() -> None:
    """Print the version. Example: newsprism version (or newsprism --version)"""
    out.print(__version__)


def _day(option: str, text: str | None) -> date | None:
    """A YYYY-MM-DD option as a date; anything else is one error line and exit code 2."""
    if text is None:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):  # fromisoformat alone takes 20170801 and 2017-W31
            return date.fromisoformat(text)
    except ValueError:  # 2017-02-30
        pass
    err.print(f"[red]error:[/red] {option}: expected YYYY-MM-DD, got {escape(repr(text))}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _inputs(items: List[str]) -> tuple[list[Path], list[str]]:
    """Command-line inputs split into paths and web addresses."""
    urls = [i for i in items if i.lower().startswith(("http://", "https://"))]
    return [Path(i) for i in items if i not in urls], urls


def _with_progress(paths: List[Path], urls: List[str], quiet: bool, words: int, one_story: bool = False, allow_private: bool = False) -> Report:
    from .crawl import fetch_sources
    from .fetch import Fetcher

    with _bar() if not quiet else nullcontext((None, None)) as (_, tick):
        fetched: tuple[list, list] = ([], [])
        if urls:
            with Fetcher(_politeness(allow_private)) as fetcher:
                fetched = fetch_sources(urls, fetcher, progress=tick)
        return run_analyze(paths, progress=tick, summary_words=words, one_story=one_story, fetched=fetched)


class _Rate(ProgressColumn):
    """Items per second of a stage, once it is measurable."""

    def render(self, task: Any) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:5.1f}/s" if speed else "", style="progress.data.speed")


@contextmanager
def _bar() -> Iterator[tuple[Progress, Callable[[str, int, int], None]]]:
    """A rich progress bar with one line per pipeline stage."""
    columns = (TextColumn("{task.description:>9}"), BarColumn(), MofNCompleteColumn(), _Rate(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, refresh_per_second=4) as bar:
        tasks: dict[str, int] = {}

        def tick(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield bar, tick


def _print_problem(p: Problem) -> None:
    colour = {"error": "bold red", "skipped": "red", "warning": "yellow", "info": "dim"}[p.severity]
    err.print(f"[{colour}]{p.severity}:[/{colour}] {escape(str(p))}", highlight=False, soft_wrap=True)


def _print_problems(report: Report) -> None:
    for p in report.problems:
        _print_problem(p)


def _print_summary(report: Report) -> None:
    table = Table(title=counted(len(report.articles), "article"))
    for col in ("outlet", "published", "headline", "sentences", "removed"):
        table.add_column(col)
    for a in report.articles:
        table.add_row(escape(a.outlet or "?"), a.published or "?", escape(a.headline or "?"), str(len(a.sentences)), str(len(a.removed)))  # article text is never rich markup
    out.print(table)
