"""The one data model passed between pipeline stages: small frozen dataclasses with stable ids.

A sentence id is ``ARTICLE_ID:INDEX``; everything later (claims, summaries) points back to
sentence ids so that any figure in a report can be traced to the text it came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

LineLabel = Literal[
    "headline",
    "standfirst",
    "byline",
    "dateline",
    "caption",
    "subheading",
    "body",
    "boilerplate",
]
LINE_LABELS: tuple[str, ...] = LineLabel.__args__  # type: ignore[attr-defined]

Severity = Literal["skipped", "warning", "info"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with an input: ``skipped`` inputs were not used, warnings were."""

    path: str
    reason: str
    severity: Severity = "skipped"
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Source:
    """One raw input document, as read from disk, before any cleaning."""

    id: str
    source_path: str
    content: str
    format: Literal["text", "html"]
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Line:
    """One line of a scraped page with the label the cleaner gave it and why."""

    index: int
    text: str
    label: LineLabel
    reason: str = ""


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A named-entity mention with character offsets into the clean body."""

    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Removed:
    text: str
    label: str
    reason: str = ""


@dataclass(frozen=True)
class Article:
    id: str
    source_path: str
    outlet: str | None
    url: str | None
    headline: str | None
    standfirst: str | None
    author: str | None
    published: str | None
    language: str | None
    body: str
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Mention, ...] = ()
    removed: tuple[Removed, ...] = ()
    captions: tuple[str, ...] = ()

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]


@dataclass(frozen=True)
class Report:
    """Everything one ``analyze`` run produced."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...] = ()
    stories: tuple[Any, ...] = ()
    generator: str = "newsprism"
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0: everything used; 1: some inputs skipped; 2: nothing usable."""
        if not self.articles:
            return 2
        return 1 if any(p.severity == "skipped" for p in self.problems) else 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["exit_code"] = self.exit_code
        return data
