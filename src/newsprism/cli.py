"""The ``newsprism`` command: a thin Typer layer over the library functions."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .errors import NewsprismError
from .models import Report
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
) -> None:
    """Clean and annotate articles, compare the outlets, summarise, and write reports.

    Example: newsprism analyze examples/syria-ceasefire-2017 --out out/syria

    Exit codes: 0 all inputs used, 1 some inputs skipped (listed), 2 nothing usable.
    """
    try:
        report = _with_progress(paths, quiet, words)
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


@app.command()
def version() -> None:
    """Print the version. Example: newsprism version"""
    out.print(__version__)


def _with_progress(paths: List[Path], quiet: bool, words: int) -> Report:
    if quiet:
        return run_analyze(paths, summary_words=words)
    columns = (TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, int] = {}

        def tick(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        return run_analyze(paths, progress=tick, summary_words=words)


def _print_problems(report: Report) -> None:
    for p in report.problems:
        colour = {"skipped": "red", "warning": "yellow", "info": "dim"}[p.severity]
        err.print(f"[{colour}]{p.severity}:[/{colour}] {escape(str(p))}", highlight=False, soft_wrap=True)


def _print_summary(report: Report) -> None:
    table = Table(title=f"{len(report.articles)} article(s)")
    for col in ("outlet", "published", "headline", "sentences", "removed"):
        table.add_column(col)
    for a in report.articles:
        table.add_row(a.outlet or "?", a.published or "?", (a.headline or "?")[:60], str(len(a.sentences)), str(len(a.removed)))
    out.print(table)
