"""The one data model passed between pipeline stages: small frozen dataclasses with stable ids.

A sentence id is ``ARTICLE_ID:INDEX``; everything later (claims, summaries) points back to
sentence ids so that any figure in a report can be traced to the text it came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Sequence

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

Severity = Literal["error", "skipped", "warning", "info"]  # error: skipped because of a bug in newsprism


def problems_exit_code(problems: Sequence["Problem"], anything_used: bool) -> int:
    """The exit code of a run with these problems: 3 when an input met a bug (it is named among
    the problems), else 2 when nothing was usable, 1 when some inputs were skipped, 0 otherwise."""
    if any(p.severity == "error" for p in problems):
        return 3
    if not anything_used:
        return 2
    return 1 if any(p.severity == "skipped" for p in problems) else 0


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


# -- the cross-source picture of one story -----------------------------------------------------

ClaimKind = Literal["consensus", "corroborated", "unique", "single"]  # "single": one source, and another's sentence is close to it (not an exclusive)
ConflictType = Literal["date", "time", "number", "name", "attribution", "polarity", "quote"]
Verdict = Literal["dispute", "update"]  # at the same time, incompatible / a later report revises an earlier figure


@dataclass(frozen=True)
class ClaimLink:
    """Why a sentence is counted as stating a claim's fact: its tie to the sentence the claim shows."""

    sentence_id: str
    score: float  # what the grouping compared with its threshold: cosine + weighted share of particular words
    cosine: float  # embedding cosine alone
    shared: tuple[str, ...]  # the particular words both sentences use, most telling first
    second_fact: bool = False  # the sentence was grouped under another claim and states this fact too
    counted: bool = True  # close enough to the shown sentence to count as stating it (else only related: ``Claim.related_ids``)
    overlap: float = 0.0  # share of the two sentences' wording in common (weighted F1 of word pieces): low when one says much the other does not
    why_not: str = ""  # when not counted: which test it failed, with its value and bar


@dataclass(frozen=True)
class Claim:
    """Sentences from different articles that state the same fact (at most one per article)."""

    id: str
    text: str
    sentence_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    support: int
    kind: ClaimKind
    disputed_by: tuple[str, ...] = ()  # ids of conflicts whose other values its outlets' sentences gave (moved out of its support)
    shown_id: str = ""  # the sentence whose text the claim shows
    links: tuple[ClaimLink, ...] = ()  # one per other sentence: why it states the same fact
    related_ids: tuple[str, ...] = ()  # sentences grouped with it, or near it from other sources, that are not close enough to the shown one to count as stating it


@dataclass(frozen=True)
class ConflictValue:
    value: str
    sentence_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    surface: tuple[str, ...] = ()  # how the value was written ("July 8", "8 July")


@dataclass(frozen=True)
class Conflict:
    id: str
    type: ConflictType
    about: str
    values: tuple[ConflictValue, ...]
    verdict: Verdict = "dispute"
    why: str = ""  # the reason for the verdict, in words a reader can check


@dataclass(frozen=True)
class Variant:
    form: str
    outlets: tuple[str, ...]
    count: int
    why: str = ""  # why this spelling is this entity ('surname of 'Jane Roe'', 'initials of ...'); empty for the name itself


@dataclass(frozen=True)
class StoryEntity:
    """One real-world entity of a story with every spelling the outlets used."""

    id: str
    name: str
    label: str
    variants: tuple[Variant, ...]

    def spellings(self) -> tuple[str, ...]:
        """The forms that differ in spelling, not only in length: 'Ratney' and 'Rattney', 'U.S.'
        and 'United States'. A form whose words all stand in a longer form ('Nunes' beside 'Devin
        Nunes', 'the Pentagon' beside 'Pentagon') is the same spelling, shortened, and so is one
        that differs only in case or in the shape of its apostrophe, is the place's adjective
        ('Israeli' beside 'Israel', 'North Korean' beside 'North Korea') or a plural ('Israelis')."""
        words = {v.form: frozenset(w.strip(".,'\"()") for w in v.form.casefold().replace("’", "'").split()) - {"the", ""} for v in self.variants}
        vocabulary = frozenset().union(*words.values())
        words = {f: frozenset(_demonym_root(w, vocabulary) for w in ws) for f, ws in words.items()}
        # of forms with the same words, the most used one, in mixed case ('Los Angeles', not a dateline's 'LOS ANGELES'), the shortest
        rank = {v.form: (v.count, not v.form.isupper(), -len(v.form), v.form) for v in self.variants}
        return tuple(f for f, w in words.items() if not any(w < o or (w == o and rank[g] > rank[f]) for g, o in words.items() if g != f))


_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ns", "n", "is", "i", "ese")


def _demonym_root(word: str, vocabulary: frozenset[str]) -> str:
    """The place a people's or an adjective's word is made from, when that place is among
    ``vocabulary`` ('israeli' -> 'israel', 'korean' -> 'korea', 'iranian' -> 'iran'), or its
    singular ('israelis' beside 'israeli', 'democrats' beside 'democrat'); else the word."""
    if word.endswith("s") and word[:-1] in vocabulary:
        word = word[:-1]
    for ending in _DEMONYM_ENDINGS:
        root = word[: -len(ending)]
        if word.endswith(ending) and len(root) >= 3 and root in vocabulary:
            return root
    return word


@dataclass(frozen=True)
class Citation:
    """Article ``article_id`` attributes information to the medium ``cites`` (through ``via``)."""

    article_id: str
    cites: str
    via: str | None
    sentence_id: str


@dataclass(frozen=True)
class OriginalSource:
    outlet: str
    article_id: str | None
    evidence: tuple[str, ...]  # sentence ids that cite it


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    precision: Literal["day", "week", "month", "year"]
    text: str
    sentence_ids: tuple[str, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class FramingTerm:
    term: str
    score: float
    example_sentence_id: str | None


@dataclass(frozen=True)
class OutletFraming:
    outlet: str
    terms: tuple[FramingTerm, ...]


@dataclass(frozen=True)
class SummarySentence:
    """A summary sentence: a source sentence (``sentence_id``), or a generated note on a conflict
    (``sentence_id`` None), citing every article that supports it."""

    text: str
    sentence_id: str | None
    cites: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    sentences: tuple[SummarySentence, ...]
    words: int


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    entities: tuple[StoryEntity, ...] = ()
    citations: tuple[Citation, ...] = ()
    original_source: OriginalSource | None = None
    timeline: tuple[TimelineEvent, ...] = ()
    framing: tuple[OutletFraming, ...] = ()
    summary: Summary | None = None
    stray_articles: tuple[str, ...] = ()  # articles sharing no claim with the rest (claims.stray_articles)
    copies: tuple[tuple[str, ...], ...] = ()  # articles carrying one text (a wire report and its copies), the earliest first
    sources: int = 0  # independent sources: outlets, with each group of copies counted once (claims' support is out of this)


@dataclass(frozen=True)
class Report:
    """Everything one ``analyze`` run produced."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...] = ()
    stories: tuple[Story, ...] = ()
    generator: str = "newsprism"
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0: everything used; 1: some inputs skipped; 2: nothing usable; 3: an input met a bug."""
        return problems_exit_code(self.problems, bool(self.articles))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["exit_code"] = self.exit_code
        return data


def article_from_dict(d: dict[str, Any]) -> Article:
    """Rebuild an ``Article`` from ``dataclasses.asdict`` output (as stored in the corpus)."""
    return Article(
        **{k: d.get(k) for k in ("id", "source_path", "outlet", "url", "headline", "standfirst", "author", "published", "language", "body")},
        sentences=tuple(Sentence(**s) for s in d.get("sentences", ())),
        entities=tuple(Mention(**m) for m in d.get("entities", ())),
        removed=tuple(Removed(**r) for r in d.get("removed", ())),
        captions=tuple(d.get("captions", ())),
    )


def from_dict(cls: type, data: Any) -> Any:
    """Rebuild a frozen dataclass (nested dataclasses, tuples, optionals) from ``asdict`` output."""
    import dataclasses
    import typing

    if data is None or not dataclasses.is_dataclass(cls):
        return data
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _coerce(hints[f.name], data[f.name])
    return cls(**kwargs)


def _coerce(hint: Any, value: Any) -> Any:
    import dataclasses
    import typing

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if value is None:
        return None
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value)
    if origin is tuple:
        inner = args[0] if args else Any
        return tuple(_coerce(inner, v) for v in value)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for a in args:
            if dataclasses.is_dataclass(a):
                return from_dict(a, value)
        return value
    return value


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 story', '3 stories', '0 articles': a count with its noun in the right number."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
