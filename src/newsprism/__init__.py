"""newsprism: turn news articles from many outlets into a trustworthy account of each story.

    >>> import newsprism
    >>> report = newsprism.analyze(["examples/syria-ceasefire-2017"])
    >>> report.articles[0].headline
"""

from __future__ import annotations

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("newsprism")  # one source of truth: pyproject.toml
except _metadata.PackageNotFoundError:  # a source tree on sys.path that was never installed
    __version__ = "0+unknown"

from .errors import InputError, ModelError, NewsprismError, NoUsableInputError  # noqa: E402
from .models import Article, Line, Mention, Problem, Removed, Report, Sentence, Source  # noqa: E402
from .pipeline import analyze  # noqa: E402
from .report import render_markdown, to_json, write_report  # noqa: E402

__all__ = [
    "Article",
    "InputError",
    "Line",
    "Mention",
    "ModelError",
    "NewsprismError",
    "NoUsableInputError",
    "Problem",
    "Removed",
    "Report",
    "Sentence",
    "Source",
    "__version__",
    "analyze",
    "render_markdown",
    "to_json",
    "write_report",
]
