"""Stage 2, clean: label every line of a scraped page and keep the body.

Labels: headline, standfirst, byline, dateline, caption, subheading, body, boilerplate.
Steps:
  1. split into lines and compute shape features (``textfeatures``);
  2. mark *prose* lines (long, sentence-shaped) and find the body region: from the first prose
     line that has another prose line close after it, to the last one with another close before it;
  3. in the header (above the body) pick the headline (title-shaped line sharing most words with
     the body), then datelines, bylines, captions and the standfirst;
  4. inside the body region set aside captions, subheadings, datelines and interface text;
  5. below the body keep only sentence-shaped lines that directly continue it.
Every line that is not body is kept with its label and the reason, for the report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

from rapidfuzz import fuzz

from . import textfeatures as tf
from .models import Line, LineLabel

MIN_PROSE_WORDS = 8  # a body paragraph has at least this many words and ends like a sentence
LONG_PROSE_WORDS = 35  # ... or is this long whatever its ending
PROSE_GAP = 2  # a prose line "has company" if another prose line lies within this many lines


@dataclass(frozen=True)
class LineTags:
    """What the tagger says about one short line."""

    first_verb_tag: str | None  # Penn tag of the first verb (VBD = past), None if verbless
    person_share: float  # share of the line's characters inside PERSON entities


Tagger = Callable[[Sequence[str]], list[LineTags]]


@dataclass(frozen=True)
class Cleaned:
    lines: tuple[Line, ...]

    def first(self, label: LineLabel) -> str | None:
        return next((ln.text for ln in self.lines if ln.label == label), None)

    def all(self, label: LineLabel) -> list[str]:
        return [ln.text for ln in self.lines if ln.label == label]

    @property
    def body(self) -> str:
        return tf.sentence_case_lead("\n\n".join(self.all("body")))


def clean_text(
    text: str,
    *,
    title: str | None = None,
    tagger: Tagger | None = None,
    corpus_counts: Counter[str] | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Cleaned:
    """Label every line of ``text`` (a scraped page). ``title`` is a known headline, if any;
    ``outlet`` and ``url`` tell its own staff's embedded posts from those the story quotes."""
    lines = unwrap([ln for ln in (tf.normalize(raw) for raw in tf.repair(text).split("\n")) if ln])
    if not lines:
        return Cleaned(())
    labels: list[tuple[LineLabel, str] | None] = [None] * len(lines)
    _mark_corpus_repeats(lines, labels, corpus_counts)
    _mark_gallery(lines, labels)
    _mark_author_bio(lines, labels)
    prose = [_is_prose(ln, lines[i + 1] if i + 1 < len(lines) else "") and labels[i] is None for i, ln in enumerate(lines)]
    start, end = _body_region(prose)
    end = _end_at_correction(lines, prose, start, end)
    end = _end_at_next_story(lines, labels, prose, start, end)
    tags = _header_tags(lines[:start], tagger or _default_tagger)
    _label_header(lines, labels, start, end, title, tags)
    _mark_own_posts(lines, labels, tf.brands(outlet, url))
    _label_body(lines, labels, prose, start, end)
    _label_tail(lines, labels, end)
    _colon_lists(lines, labels)
    _propagate_captions(lines, labels)
    _one_sentence_page(lines, labels)
    return Cleaned(tuple(part for i, ln in enumerate(lines) for part in _lines_of(i + 1, ln, labels[i] or ("body", ""))))


ONE_SENTENCE_WORDS = 15  # a line this long in sentence case (under half its words capitalised) is a sentence, not a headline


def _one_sentence_page(lines: list[str], labels: list) -> None:
    """A page left with no body whose only long line reads as a sentence (at least
    ``ONE_SENTENCE_WORDS`` words, under half of them capitalised: 'A gunman killed 50 people at ...')
    reports that sentence, as a video page's summary or a one-line brief does: it is the body."""
    if any(lab is None or lab[0] == "body" for lab in labels):
        return
    long = [i for i, ln in enumerate(lines) if len(tf.words(ln)) >= ONE_SENTENCE_WORDS]
    if len(long) == 1 and tf.capitalised_share(lines[long[0]]) < 0.5 and not (tf.ui_reason(lines[long[0]]) or tf.has_credit(lines[long[0]])):
        labels[long[0]] = ("body", "the page's one sentence")


def _mark_own_posts(lines: list[str], labels: list, marks: frozenset[str]) -> None:
    """Posts by the outlet's own reporters ('I'm reporting live from the scene ... — Jane Roe
    (@JaneRoeWBAL)') promote its coverage and repeat the story: set aside, unlike the posts the
    story quotes (an official's statement, the subject's own words)."""
    for i, ln in enumerate(lines):
        if labels[i] is None and marks and tf.post_by(ln, marks):
            labels[i] = ("boilerplate", "post by the outlet's own staff")


def _end_at_correction(lines: list[str], prose: list[bool], start: int, end: int) -> int:
    """The body ends above a correction note printed after most of the story ('This post has been
    revised ...'): what follows it on the page (the blog's next posts) is not the story."""
    total = sum(prose[start : end + 1])
    seen, last = 0, -1  # prose lines above line i, and the last of them
    for i in range(start, end + 1):
        if i > start and seen >= 2 and seen >= total - seen - prose[i] and tf.is_correction_note(lines[i]):
            return last
        if prose[i]:
            seen, last = seen + 1, i
    return end


LIST_ITEM_WORDS = 12  # a line under a sentence that ends with a colon, this short, is an item of what it introduces


def _colon_lists(lines: list[str], labels: list) -> None:
    """The short lines under a body sentence that ends with a colon ('Donations can be sent to:'
    and the address) complete that sentence: they are body, up to the first line that is not short,
    is interface text or a credit, or is already body."""
    for i, ln in enumerate(lines):
        if labels[i] is None or labels[i][0] != "body" or not ln.rstrip().endswith(":"):
            continue
        for k in range(i + 1, len(lines)):
            item = lines[k]
            if labels[k] is None or labels[k][0] == "body" or len(tf.words(item)) > LIST_ITEM_WORDS:
                break
            if tf.ui_reason(item) or tf.has_credit(item) or tf.is_date_line(item) or tf.script_share(item) < 0.5:
                break
            labels[k] = ("body", "item of the list the sentence above introduces")


def _lines_of(number: int, text: str, label: tuple[LineLabel, str]) -> list[Line]:
    """The labelled line; a body paragraph that ends with the signature of an embedded post
    ('... deleted it. — Jane Roe (@janeroe) November 16, 2017') gives the signature its own line,
    set aside (split after labelling, so that the body's extent is judged on the page as it was);
    text a scrape ran on after the signature is body again."""
    parts = tf.split_embed_signature(text) if label[0] == "body" else [text]
    if len(parts) == 1:
        return [Line(number, text, *label)]
    signed = [Line(number, parts[0], *label), Line(number, parts[1], "boilerplate", "signature of an embedded post")]
    return signed + (_lines_of(number, parts[2], label) if len(parts) > 2 else [])


WRAP_MIN_LINE = 50  # characters: a line this long may be one a fixed width cut
WRAP_SHARE = 0.2  # of such lines running on into a lower-case line: the text is hard-wrapped
WRAP_FULL = 0.7  # of the text's width: a line this full was cut by the width, not ended


def unwrap(lines: list[str]) -> list[str]:
    """Join the lines of hard-wrapped text (a PDF or an e-mail cut at a fixed width, each piece
    often scraped as its own paragraph) back into paragraphs, so that they are labelled and split
    into sentences whole. Text counts as hard-wrapped when at least ``WRAP_SHARE`` of its long
    lines stop mid-sentence and the next line goes on in lower case (one line in sixteen at most,
    on scraped news pages); then a line that stops mid-sentence is joined to the next when the next
    opens in lower case or the line fills the text's width (but is no longer: a longer line is a
    paragraph of its own). Other text is returned as it is."""
    long_ = [i for i, ln in enumerate(lines) if len(ln) >= WRAP_MIN_LINE]
    runs_on = [i for i in long_ if i + 1 < len(lines) and not tf.is_terminal(lines[i]) and lines[i + 1][:1].islower()]
    if len(runs_on) < 3 or len(runs_on) < WRAP_SHARE * len(long_):
        return lines
    width = sorted(len(lines[i]) for i in long_)[int(0.9 * (len(long_) - 1))]
    out = [lines[0]]
    for ln, prev in zip(lines[1:], lines):
        if not tf.is_terminal(prev) and (ln[:1].islower() or WRAP_FULL * width <= len(prev) <= width):
            out[-1] = out[-1][:-1] + ln if out[-1].endswith("-") and ln[:1].islower() else f"{out[-1]} {ln}"
        else:
            out.append(ln)
    return out


def _header_tags(header: Sequence[str], tagger: Tagger) -> list[LineTags | None]:
    """Tags for the header lines whose label they can change (one tagger call, often none):
    a spaCy call costs milliseconds even for one short line, and most lines do not need it."""
    wanted = [i for i, ln in enumerate(header) if _byline_shaped(ln) or _caption_base(ln) == CAPTION_AT - 1]
    tags: list[LineTags | None] = [None] * len(header)
    for i, t in zip(wanted, tagger([header[i] for i in wanted]) if wanted else [], strict=True):
        tags[i] = t
    return tags


def _default_tagger(lines: Sequence[str]) -> list[LineTags]:
    from .nlp import tag_lines

    return tag_lines(lines)


# -- features -----------------------------------------------------------------------------------


def _is_prose(line: str, nxt: str = "") -> bool:
    """Long and sentence-shaped: ends like a sentence, or with a colon when a line follows that
    does not (a colon at the page's end, or over another, introduces a picture or a video)."""
    line = tf.split_embed_signature(line)[0]  # a paragraph that quotes a post, judged without the post's signature
    n = len(tf.words(line))
    if tf.has_credit(line) or tf.ui_reason(line) or tf.script_share(line) < 0.5 or _graphic_text(line) or tf.is_reference(line):
        return False
    return (n >= MIN_PROSE_WORDS and (tf.is_terminal(line) or (_introduces(line) and nxt != "" and not nxt.rstrip().endswith(":")))) or n >= LONG_PROSE_WORDS


_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'’&.-]+(?:\s+[A-Z][A-Z'’&.-]+){2,}\b")  # three or more words in capitals


def _graphic_text(line: str) -> bool:
    """The text of a map or diagram scraped as one paragraph ('MANDALAY BAY RESORT Stairs Hallway
    ... MANDALAY BAY RESORT Stairs ...'): a label of three or more words in capitals printed twice
    (the graphic's versions for wide and narrow screens), and no full stop at the end."""
    runs = Counter(m.group(0) for m in _CAPS_RUN.finditer(line))
    return not tf.is_terminal(line) and any(n >= 2 for n in runs.values())


def _introduces(line: str) -> bool:
    """A sentence that ends with a colon, introducing a quotation or a list ('... by mail to:')."""
    return line.rstrip().endswith(":") and tf.capitalised_share(line) < SENTENCE_CAPITALS


SENTENCE_CAPITALS = 0.7  # share of capitalised words under which a line below the story reads as a sentence


def _mark_corpus_repeats(lines: list[str], labels: list, counts: Counter[str] | None) -> None:
    """Short lines seen in several other documents of the corpus are site furniture."""
    if not counts:
        return
    for i, ln in enumerate(lines):
        if counts.get(ln.lower(), 0) >= 3 and len(tf.words(ln)) <= 12 and not tf.is_terminal(ln):
            labels[i] = ("boilerplate", "repeated across the corpus")


_SLIDE = re.compile(r"^(\d{1,3})\s?/\s?(\d{1,3})\s+\S")  # '3/16 A mother and her two children...'


BIO_LINES = 2  # an author's note stands among the first or the last lines of a page


def _mark_author_bio(lines: list[str], labels: list) -> None:
    """A note on the author at the top or the bottom of the page ('Jane Roe is the Daily Planet's
    science correspondent...') is a byline, not the story's first or last paragraph."""
    n = len(lines)
    for i in sorted({*range(min(BIO_LINES, n)), *range(max(0, n - BIO_LINES), n)}):
        if labels[i] is None and tf.author_bio(lines[i]):
            labels[i] = ("byline", "note on the author")


def _mark_gallery(lines: list[str], labels: list) -> None:
    """Captions of a photo gallery: lines opening with a slide counter 'k/N', two or more of them
    with the same N (one '9/11 changed...' line is not a gallery)."""
    slides = [(i, m) for i, ln in enumerate(lines) if (m := _SLIDE.match(ln)) and int(m.group(1)) <= int(m.group(2))]
    sizes = Counter(m.group(2) for _, m in slides)
    for i, m in slides:
        if sizes[m.group(2)] >= 2 and labels[i] is None:
            labels[i] = ("caption", "photo gallery caption")


NEXT_STORY_AFTER = 3  # prose lines of the story above a second story's headline, byline and dateline
NEXT_STORY_LOOKAHEAD = 2  # lines under that headline where its byline or dateline stands


APPENDED = "another story appended to the page (its own headline and byline or dateline)"


def _end_at_next_story(lines: list[str], labels: list, prose: list[bool], start: int, end: int) -> int:
    """The body ends above a second story appended to the page: a headline-shaped line whose next
    lines open a story of its own, a byline ('By Jane Roe') or a prose line that starts with a
    dateline ('LAKESIDE, Va. (AP) —'), after ``NEXT_STORY_AFTER`` prose lines of the first. A
    subheading of one story is followed by its text, not by a new byline or dateline. The second
    story's lines are labelled as such, to the end of the page."""
    seen, last = 0, -1
    for i in range(start, end + 1):
        if seen >= NEXT_STORY_AFTER and not prose[i] and _title_shaped(lines[i]) and _opens_a_story(lines[i + 1 : i + 1 + NEXT_STORY_LOOKAHEAD]):
            for k in range(i, len(lines)):
                labels[k] = labels[k] or ("boilerplate", APPENDED)
            return last
        if prose[i]:
            seen, last = seen + 1, i
    return end


def _opens_a_story(after: list[str]) -> bool:
    """Whether the lines under a headline open a story: a byline, or a dateline at the start of the first prose line."""
    for ln in after:
        if _byline_name(ln, None) and not tf.is_terminal(ln):
            return True
        if _is_prose(ln):
            return bool(tf.DATELINE.match(ln))
    return False


def _body_region(prose: list[bool]) -> tuple[int, int]:
    """First and last index of the body: prose lines that have prose company close by.

    A lone prose line above the body (a standfirst, a lede split off by pictures) stays in the
    header, where it is labelled on its own.
    """
    idx = [i for i, p in enumerate(prose) if p]
    if not idx:
        return len(prose), len(prose) - 1
    after = [i for i, j in zip(idx, idx[1:]) if j - i <= PROSE_GAP]  # the next prose line is close (idx is sorted)
    before = [j for i, j in zip(idx, idx[1:]) if j - i <= PROSE_GAP]  # the previous one is
    if not after or not before:
        return idx[0], idx[-1]
    return after[0], max(after[0], before[-1])


CAPTION_AT = 3  # caption_score from which a header line is a caption


def caption_score(line: str, tags: LineTags | None) -> int:
    """Evidence that a header line describes a picture rather than the story (the tags add at
    most one point, so only lines one short of ``CAPTION_AT`` without them need tagging)."""
    score = _caption_base(line)
    if tags is not None and (tags.first_verb_tag is None or tags.first_verb_tag in {"VBZ", "VBP", "VBG"}):
        score += 1
    return score


def _caption_base(line: str) -> int:
    if tf.has_credit(line):
        return CAPTION_AT  # already a caption: a tag cannot change that
    score = 2 if tf.has_full_date(line) and not tf.is_date_line(line) else 0
    return score + (not tf.is_terminal(line))


def _byline_name(line: str, tags: LineTags | None) -> bool:
    ws = tf.words(line)
    if line.lower().startswith("by ") and 2 <= len(ws) <= 8:
        return True
    return _byline_shaped(line) and tags is not None and tags.person_share >= 0.6


def _byline_shaped(line: str) -> bool:
    """2-5 capitalised words, no digits, no final stop: a name if the tagger sees a person."""
    if not 2 <= len(tf.words(line)) <= 5 or tf.is_terminal(line) or any(ch.isdigit() for ch in line):
        return False
    return tf.capitalised_share(line) == 1.0


# -- header -------------------------------------------------------------------------------------


def _label_header(lines: list[str], labels: list, start: int, end: int, title: str | None, tags: list[LineTags | None]) -> None:
    body_vocab = tf.content_words(" ".join(lines[start : end + 1]))
    head = _pick_headline(lines[:start], labels, body_vocab, title)
    standfirst_seen = False
    for i in range(start):
        if labels[i] is not None:
            continue
        ln, t = lines[i], tags[i] if i < len(tags) else None
        labels[i], standfirst_seen = _header_label(ln, t, head, i, lines, start, standfirst_seen)


def _header_label(ln: str, t: LineTags | None, head: int | None, i: int, lines: list[str], start: int, sf_seen: bool) -> tuple[tuple[LineLabel, str], bool]:
    """Label line ``i`` of the header (the lines above the body, which starts at ``start``)."""
    if tf.is_date_line(ln):
        return ("dateline", "date line"), sf_seen
    if reason := tf.ui_reason(ln):
        return ("boilerplate", reason), sf_seen
    if tf.script_share(ln) < 0.5:
        return ("boilerplate", "text in another script"), sf_seen
    if head is not None and i != head and _similar(ln, lines[head]):
        return ("boilerplate", "repeats the headline"), sf_seen
    if _byline_name(ln, t):
        return ("byline", "author name"), sf_seen
    if caption_score(ln, t) >= CAPTION_AT:
        return ("caption", "picture caption or credit"), sf_seen
    if head is not None and i > head and not sf_seen and len(tf.words(ln)) >= 6:
        return ("standfirst", "summary line under the headline"), True
    if _is_prose(ln) or _opening_sentence(ln, i, start, head):
        return ("body", ""), sf_seen
    return ("boilerplate", "page furniture above the story"), sf_seen


def _opening_sentence(ln: str, i: int, start: int, head: int | None) -> bool:
    """A one-sentence paragraph right above the body ('The harbour's famous lighthouse is gone.'):
    a whole sentence in sentence case, below the headline if there is one, is the story's opening."""
    return i == start - 1 and (head is None or i > head) and tf.is_terminal(ln) and len(tf.words(ln)) >= 5 and tf.capitalised_share(ln) < 0.5


def _similar(a: str, b: str) -> bool:
    return fuzz.ratio(a.lower(), b.lower()) >= 90 or (len(b) >= 20 and b.lower() in a.lower())


TITLE_OVERLAP = 0.3  # share of a header line's content words the body uses, for it to be the headline ...
TITLE_FIRST_SHARED = 2  # ... or content words in common, for the one line above the body at the top of the text


def _pick_headline(header: list[str], labels: list, body_vocab: set[str], title: str | None) -> int | None:
    """The title-shaped header line that shares most words with the body (or matches ``title``)."""
    cands = [i for i, ln in enumerate(header) if labels[i] is None and _title_shaped(ln)]
    if title:
        free = [i for i in range(len(header)) if labels[i] is None]
        best = max(free, key=lambda i: fuzz.ratio(header[i].lower(), title.lower()), default=None)
        if best is not None and fuzz.ratio(header[best].lower(), title.lower()) >= 80:
            labels[best] = ("headline", "matches the given title")
            return best
    scored = [(round(_overlap(header[i], body_vocab), 1), -i, i) for i in cands]
    # a text whose first line is its only line above the body is laid out 'title, then story': that
    # line needs two words in common with the body, where furniture among several lines needs a third of its words
    scored = [s for s in scored if s[0] >= TITLE_OVERLAP or (len(header) == 1 and len(tf.content_words(header[s[2]]) & body_vocab) >= TITLE_FIRST_SHARED)]
    if not scored:
        return None
    best = max(scored)[2]
    best = _strip_container(header, cands, best)
    labels[best] = ("headline", "title-shaped line sharing most words with the body")
    return best


def _strip_container(header: list[str], cands: list[int], best: int) -> int:
    """If the pick is 'Site - Headline', prefer the bare 'Headline' line when it exists."""
    inner = [i for i in cands if i != best and len(header[i]) >= 15 and header[i].lower() in header[best].lower()]
    return max(inner, key=lambda i: len(header[i])) if inner else best


_SCRAP_END = re.compile(r"(?:,|\b(?:a|an|the|and|or|of|who|which|whose|was|were))\s*$", re.IGNORECASE)


def _title_shaped(line: str) -> bool:
    n = len(tf.words(line))
    return (
        3 <= n <= 30
        and (line[:1].isalnum() or line[:1] in "\"“‘'")  # not '/ Source: ... By ...' or '| Photo ...'
        and not line.endswith(".")
        and not _SCRAP_END.search(line)  # 'Polizzi, who was': a scrap of a sentence
        and not tf.is_date_line(line)
        and not tf.is_dateline_stub(line)  # 'Lakeside, Virginia (CNN)'
        and not tf.has_credit(line)
        and tf.ui_reason(line) is None
        and not tf.has_ui_words(line)  # a video widget: 'Embed Pier Closed After Storm 2:25 autoplay Copy this code'
        and tf.script_share(line) >= 0.5
    )


def _overlap(line: str, vocab: set[str]) -> float:
    cw = tf.content_words(line)
    return len(cw & vocab) / len(cw) if cw else 0.0


# -- body and tail -----------------------------------------------------------------------------


TEASER_WORDS = 20  # a line under a 'Read more:' heading this short is a link to another story


def _label_body(lines: list[str], labels: list, prose: list[bool], start: int, end: int) -> None:
    seen: set[str] = set()
    facts = _fact_list(lines, start, end)
    index: dict[str, list[int]] | None = None  # built at the first line shaped like a pull quote
    links = False  # under a 'Read more:' heading
    for i in range(start, end + 1):
        ln = lines[i]
        if labels[i] is not None:
            continue
        key = ln.lower().rstrip(" .!?…")  # a paragraph pasted twice, once without its full stop
        links = links and len(tf.words(ln)) <= TEASER_WORDS
        if key in seen:
            labels[i] = ("boilerplate", "repeats an earlier line")
        elif links:
            labels[i] = ("boilerplate", "link under a heading of links")
        elif _PULL_QUOTE.match(ln) and _pull_quote(i, lines, index if index is not None else (index := _word_index(lines))):
            labels[i] = ("boilerplate", "pull quote repeating the story")
        elif prose[i] or i in facts:
            labels[i] = ("body", "")
        else:
            labels[i] = _inner_label(ln, lines[i + 1] if i + 1 < len(lines) else "", prose[i + 1] if i + 1 < len(lines) else False)
        links = links or _links_heading(ln)
        seen.add(key)


def _links_heading(line: str) -> bool:
    """'Read more:', 'Related:' ...: interface text ending with a colon, heading a list of links."""
    return line.rstrip().endswith(":") and tf.ui_reason(line) is not None and len(tf.words(line)) <= 4


_PULL_QUOTE = re.compile(r"^(?!(?:he|she|they|it|we|i)\b)[A-Z][^:\n]{1,60}:\s*[\"“‘']", re.IGNORECASE)  # 'Airline spokesman: "We apologize ...' (not 'He continued: "...')
PULL_QUOTE_SHARE = 0.8  # share of the quotation's content words that one other paragraph of the page repeats
PULL_QUOTE_WORDS = 6  # content words a pull quote has at least


def _pull_quote(i: int, lines: list[str], index: "dict[str, list[int]]") -> bool:
    """Whether line ``i``, set out as 'Speaker: "..."' (``_PULL_QUOTE``, checked by the caller),
    is a quotation whose words the page prints again in one paragraph of its own: a display copy
    of the quote, not a statement of its own. ``index`` maps each content word to the lines using
    it (``_word_index``)."""
    quoted = tf.content_words(lines[i].split(":", 1)[1])
    if len(quoted) < PULL_QUOTE_WORDS:
        return False
    shared = Counter(k for w in quoted for k in index.get(w, ()) if k != i)
    return any(n >= PULL_QUOTE_SHARE * len(quoted) for n in shared.values())


def _word_index(lines: list[str]) -> dict[str, list[int]]:
    """Content word -> the lines that use it (once each)."""
    index: dict[str, list[int]] = {}
    for k, ln in enumerate(lines):
        for w in tf.content_words(ln):
            index.setdefault(w, []).append(k)
    return index


_QUOTATION = re.compile(r"^[“\"‘].{10,}[,.!?…][”\"’]$")  # a one-line quotation ('“Our thoughts are with his family,”'), not a heading


UNSTOPPED_WORDS = 6  # a list of facts: lines this long, in sentence case, without a full stop ...
UNSTOPPED_RUN = 3  # ... at least this many in a row (a lone one is more often a caption or a teaser)


def _unstopped(ln: str, in_run: bool = False) -> bool:
    """A line of a list of facts: long enough, no full stop, in sentence case (under 0.4 of its
    words capitalised; inside a run, a line that opens in sentence case may name a Title Case
    thing: 'Outlawed by the 1997 International Toxic Agents Treaty')."""
    if tf.is_terminal(ln) or len(words := tf.words(ln)) < UNSTOPPED_WORDS or tf.ui_reason(ln) is not None:
        return False
    return tf.capitalised_share(ln) < 0.4 or (in_run and words[1][:1].islower())


def _fact_list(lines: list[str], start: int, end: int) -> set[int]:
    """Lines of a list of facts written without full stops ('VX can be absorbed into the body by
    inhalation'): runs of ``UNSTOPPED_RUN`` or more sentence-case lines between ``start`` and ``end``."""
    out: set[int] = set()
    run: list[int] = []
    for i in range(start, end + 2):
        if i <= end and _unstopped(lines[i], in_run=len(run) >= UNSTOPPED_RUN):
            run.append(i)
            continue
        if len(run) >= UNSTOPPED_RUN:
            out.update(run)
        run = []
    return out


REFERENCE = "a reference to a publication, not story text"
# a sentence that ends on its attribution, its full stop lost: '"... the request," Rep. Jan Roe, D-N.Y., said'
_ATTRIBUTED_END = re.compile(rf"[,”\"]\s.{{0,80}}\b{tf.SAYS}(?:\s+[\w.]+){{0,4}}\s*$")


def _inner_label(ln: str, nxt: str, next_is_prose: bool) -> tuple[LineLabel, str]:
    """Label a short line that sits between body paragraphs."""
    if tf.is_date_line(ln):
        return ("dateline", "date line")
    if tf.has_credit(ln):
        return ("caption", "picture caption or credit")
    if reason := tf.ui_reason(ln):
        return ("boilerplate", reason)
    if tf.is_reference(ln):
        return ("boilerplate", REFERENCE)
    if tf.script_share(ln) < 0.5:
        return ("boilerplate", "text in another script")
    if tf.is_embedded_post(ln):
        return ("body", "embedded post")
    if _graphic_text(ln):
        return ("caption", "text of a map or diagram")
    n = len(tf.words(ln))
    if tf.is_terminal(ln) and n >= 3 or _QUOTATION.match(ln) or (n >= 6 and _ATTRIBUTED_END.search(ln)):
        return ("body", "")
    if n <= 14 and next_is_prose:
        return ("subheading", "short heading between paragraphs")
    if tf.has_full_date(ln):
        return ("caption", "picture caption (dated, not a sentence)")
    return ("boilerplate", "short line that is not a sentence")


def _label_tail(lines: list[str], labels: list, end: int) -> None:
    """Below the body, keep sentence-shaped lines that directly continue it; the rest is junk."""
    open_ = True
    for i in range(end + 1, len(lines)):
        if labels[i] is not None:
            open_ = False
            continue
        ln = lines[i]
        ok = tf.is_terminal(ln) and len(tf.words(ln)) >= 3 and not tf.ui_reason(ln) and not tf.has_credit(ln) and not tf.is_reference(ln)
        if open_ and ok and tf.capitalised_share(ln) < SENTENCE_CAPITALS:
            labels[i] = ("body", "")
            continue
        if tf.is_embedded_post(ln):  # a post quoted below the story is still part of it (reactions)
            labels[i] = ("body", "embedded post")
            continue
        open_ = False
        labels[i] = _tail_label(ln)


def _tail_label(ln: str) -> tuple[LineLabel, str]:
    if reason := tf.ui_reason(ln):
        return ("boilerplate", reason)
    if tf.is_reference(ln):
        return ("boilerplate", REFERENCE)
    if tf.has_credit(ln):
        return ("caption", "picture caption or credit")
    if tf.script_share(ln) < 0.5:
        return ("boilerplate", "text in another script")
    if tf.is_date_line(ln):
        return ("dateline", "date line")
    return ("boilerplate", "below the story (related links, teasers)")


def _propagate_captions(lines: list[str], labels: list) -> None:
    """A line that is the start of a caption (same text before the credit) is that caption too."""
    caps = [lines[i] for i, lab in enumerate(labels) if lab and lab[0] == "caption"]
    for i, ln in enumerate(lines):
        if labels[i] and labels[i][0] != "caption" and len(ln) >= 20:
            if any(c != ln and c.startswith(ln) for c in caps):
                labels[i] = ("caption", "picture caption (repeated without its credit)")


_GALLERY_COUNTER = re.compile(r"\b(?:(?:hide|show) caption\s+|photo\s+|image\s+)?\d{1,3}\s+(?:of|/)\s+\d{1,3}\s*$", re.IGNORECASE)  # 'Hide Caption 3 of 30
GALLERY_CAPTIONS = 3  # counted captions ('Hide Caption 3 of 30') from which a page is a gallery


def no_body_reason(cleaned: "Cleaned") -> str:
    """Why a page gave no article text, in words a user can act on: a photo gallery (its
    captions, counted '3 of 30', are all it has) or no article at all."""
    captions = sum(1 for ln in cleaned.lines if _GALLERY_COUNTER.search(ln.text.strip()))
    if captions >= GALLERY_CAPTIONS:
        return f"a photo gallery: {captions} captions and no article text (captions are not compared with other outlets' articles)"
    return "no article body found after cleaning (is this a news article?)"
