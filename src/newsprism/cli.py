"""The ``newsprism`` command: a thin Typer layer over the library functions."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .errors import NewsprismError
from .models import Problem, Report
from .pipeline import analyze as run_analyze
from .report import write_report
from .summarize import DEFAULT_WORDS

app = typer.Typer(help="newsprism: a trustworthy, cross-source account of each news story.", no_args_is_help=True, add_completion=False)
err = Console(stderr=True)
out = Console()


@app.callback()
def main() -> None:
    """newsprism: clean, compare and summarise news articles from many outlets."""


@app.command()
def analyze(
    paths: List[Path] = typer.Argument(..., help="Files or folders of articles (.txt, .html, .json, .jsonl)."),
    out_dir: Path = typer.Option(Path("out"), "--out", "-o", help="Folder for report.json and report.md."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary table."),
    words: int = typer.Option(DEFAULT_WORDS, "--words", "-w", min=20, help="Length of each story summary in words."),
    one_story: bool = typer.Option(False, "--one-story", help="Treat all the articles as one story (no clustering): for a folder you gathered about one event."),
) -> None:
    """Clean and annotate articles, compare the outlets, summarise, and write reports.

    Example: newsprism analyze examples/syria-ceasefire-2017 --out out/syria

    Articles are grouped into stories by the event they report; with --one-story they are all
    compared as one story (pages the story does not share anything with are still set apart).

    Exit codes: 0 all inputs used, 1 some inputs skipped (listed), 2 nothing usable.
    """
    try:
        report = _with_progress(paths, quiet, words, one_story)
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


DB_OPTION = typer.Option(Path("newsprism.duckdb"), "--db", help="The corpus database (DuckDB file).")


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(..., help="Files or folders of articles to add."),
    db: Path = DB_OPTION,
    backend: str = typer.Option("local", "--backend", help="Compute backend for cleaning and NLP: local or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786); a 2-worker LocalCluster when omitted."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Add articles to the corpus, find wire copies and update stories incrementally.

    Example: newsprism ingest examples/syria-ceasefire-2017 --db newsprism.duckdb

    Ingesting the same inputs again adds nothing; an interrupted run can simply be run again.
    Exit codes: 0 all inputs used, 1 some inputs skipped, 2 nothing usable.
    """
    from .corpus import ingest as run_ingest

    try:
        if quiet:
            result = run_ingest(paths, db, backend, scheduler)
        else:
            with _bar() as (bar, tick):
                result = run_ingest(paths, db, backend, scheduler, progress=tick)
    except NewsprismError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    for p in result.problems:
        _print_problem(p)
    out.print(f"added {result.added} article(s), {result.already_stored} already stored; {result.stories_changed} story(ies) changed, {result.stories_total} in {db}", soft_wrap=True)
    raise typer.Exit(result.exit_code)


@app.command()
def stories(
    db: Path = DB_OPTION,
    since: Optional[str] = typer.Option(None, "--since", help="Only stories seen on or after this date (YYYY-MM-DD)."),
    query: Optional[str] = typer.Option(None, "--query", help="Only stories whose title or articles contain this text."),
) -> None:
    """List the stories of the corpus.

    Example: newsprism stories --db newsprism.duckdb --since 2017-08-01 --query ceasefire
    """
    from datetime import date as _date

    from .corpus import list_stories

    try:
        rows = list_stories(db, _date.fromisoformat(since) if since else None, query)
    except (NewsprismError, ValueError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    table = Table(title=f"{len(rows)} story(ies)")
    for col in ("id", "title", "outlets", "articles", "first seen", "last seen"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["id"], escape(r["title"] or ""), escape(", ".join(r["outlets"])), str(r["n_articles"]), str(r["first_seen"] or "?"), str(r["last_seen"] or "?"))
    out.print(table)


@app.command()
def story(
    story_id: str = typer.Argument(..., help="A story id from `newsprism stories`."),
    db: Path = DB_OPTION,
    out_dir: Optional[Path] = typer.Option(None, "--out", "-o", help="Write report.json and report.md here instead of printing."),
) -> None:
    """Print (or write) the cross-source report of one story.

    Example: newsprism story S0000000 --db newsprism.duckdb --out out/story
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


@app.command()
def serve(
    db: Path = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; only this machine by default."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="Required to bind an address other than localhost."),
) -> None:
    """Serve the corpus as a local web app (story list, story and article pages, JSON API, /docs).

    Example: newsprism serve --db newsprism.duckdb --port 8000
    """
    import uvicorn

    from .web import create_app

    if host not in {"127.0.0.1", "localhost", "::1"}:
        if not allow_remote:
            err.print(f"[red]error:[/red] binding {escape(host)} would expose the corpus to other machines; add --allow-remote if you mean it")
            raise typer.Exit(2)
        err.print(f"[yellow]warning:[/yellow] serving on {escape(host)}:{port}: anyone who can reach this address can read the corpus")
    try:
        application = create_app(db)
    except NewsprismError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    out.print(f"newsprism: http://{host}:{port}/  (API docs at /docs)")
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def version() -> None:
    """Print the version. Example: newsprism version"""
    out.print(__version__)


def _with_progress(paths: List[Path], quiet: bool, words: int, one_story: bool = False) -> Report:
    if quiet:
        return run_analyze(paths, summary_words=words, one_story=one_story)
    with _bar() as (_, tick):
        return run_analyze(paths, progress=tick, summary_words=words, one_story=one_story)


@contextmanager
def _bar() -> Iterator[tuple[Progress, Callable[[str, int, int], None]]]:
    """A rich progress bar with one line per pipeline stage."""
    columns = (TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, int] = {}

        def tick(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield bar, tick


def _print_problem(p: Problem) -> None:
    colour = {"skipped": "red", "warning": "yellow", "info": "dim"}[p.severity]
    err.print(f"[{colour}]{p.severity}:[/{colour}] {escape(str(p))}", highlight=False, soft_wrap=True)


def _print_problems(report: Report) -> None:
    for p in report.problems:
        _print_problem(p)


def _print_summary(report: Report) -> None:
    table = Table(title=f"{len(report.articles)} article(s)")
    for col in ("outlet", "published", "headline", "sentences", "removed"):
        table.add_column(col)
    for a in report.articles:
        table.add_row(a.outlet or "?", a.published or "?", (a.headline or "?")[:60], str(len(a.sentences)), str(len(a.removed)))
    out.print(table)
