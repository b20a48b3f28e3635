"""Story step 7, summary: a short neutral summary whose every sentence cites its supporting articles.

Extractive: it picks the sources' own sentences, so nothing is said that no source says.
Score of a sentence = support (share of outlets backing its claim) x ``W_SUPPORT``
+ position in its article (lead first) x ``W_POSITION``; sentences opening with a pronoun, or
quoting someone only called 'he' or 'she', are discounted unless the summary can name who it is. Picking is greedy: at each step the sentence with the
best score + ``W_COVERAGE`` x coverage gain, where the gain is the weight of the story's shared
word pairs (content-word bigrams used by two or more articles, weighted by how many) that the
summary does not cover yet, per word of the sentence (the concept-coverage idea of Gillick & Favre,
2009, solved greedily). Anything too close to a chosen sentence (or from the same claim) is
skipped. Chosen sentences are ordered by where they sit in their articles, so the event comes
first and reactions later. Light compression drops a wire dateline and an opening connective
('However,', 'But') and names an opening 'He'/'She', the 'he' of '"...," he said' or 'the
newspaper' in [brackets] when the source makes the referent clear; a quotation carried on from a
named speaker ('"We are ready," Roe said.' + '"The bridge opens on Monday."') gets its speaker
in brackets ('[Roe said:] "The bridge opens on Monday."'); and a sentence in the first
person singular ('I left the party...', from a post an article reproduces) goes in quotation marks,
as the source's words rather than the summary's voice. Last resort (used only when
nothing else is left: a shorter summary beats one padded with junk): fragments, run-ons, 'Label:
value' blocks, asides in brackets, lines in capitals, pointers to the rest of the page ('Watch
the video below.'), sentences that only attribute ('Smith said on Monday.'), quotations whose
speaker is not named or carried over (an
attributed quotation, '"...," Smith said', is a statement like any other), sentences repeating a
caption, and articles that share nothing with the rest of the story (failed scrapes, product
pages, another event: ``claims.stray_articles``). A
sentence whose fact the outlets dispute is followed by one sentence saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Collection, Sequence

import numpy as np
from rapidfuzz import fuzz

from .claims import Alignment, Unit, stray_articles
from .conflicts import figures_in, published_days
from . import textfeatures as tf
from .models import Article, Conflict, Mention, Sentence, Summary, SummarySentence

DEFAULT_WORDS = 150
# The five fitted parameters, swept on multinews-dev (100 clusters, 250 words): support x position
# weights over {0,.5,1,2,3}x{0,.5,1,2}, coverage 0.1-1.0 (per-word gain, bigrams shared by >= 2
# articles), redundancy 0.6-0.9, pronoun penalty 0.3-1.0. ROUGE is flat near the top (R1 46.1-46.4);
# coverage adds ~0.5 R2. Centrality (mean cosine to the other sentences) added nothing once coverage
# was in (46.3/15.5 with it at 0.5, 46.3/15.7 without) and was dropped. First-person sentences are
# kept: making them a last resort cost 0.35 R1 / 0.45 R2 (the references report what columnists write).
# Quotations that name their speaker in the sentence stopped being a last resort: +0.4 R1 / +0.65 R2
# (the references quote people); discounting those whose speaker is only 'he'/'she' cost 0.1 / 0.2,
# but discounting only those whose 'he'/'she' the summary cannot name costs nothing (47.14/17.13
# either way) and keeps '"...," he said in an interview.' from opening a summary: done.
# So did quotations whose speaker is carried over from the attribution before ('[Roe said:] "..."'):
# +0.4 R1 / +0.8 R2 (all unattributed quotations allowed would give +0.5 / +1.1, without a speaker).
# Weights re-swept after it: still flat (R1 46.9-47.0).
W_SUPPORT = 2.0
W_POSITION = 1.0
W_COVERAGE = 0.5
SPEAKER_WORDS = 3  # '[Jane Roe said:]' added before a quotation carried on from its speaker
REDUNDANT = 0.75  # cosine above which a candidate repeats a chosen sentence (0.65-0.80 re-swept: 0.75 best, docs/benchmarks.md)
PRONOUN_PENALTY = 0.5  # 1.0 scores +0.2 R1 but lets 'He said...' open a summary without its antecedent; not applied when the antecedent is named in brackets (+0.1 R1/R2)
MIN_WORDS, MAX_WORDS = 6, 60
LAST_RESORT = -10.0  # added to the score of what is not summary material; used only if nothing else is
CITE_COS = 0.6  # an aligned article is cited only if its own sentence is this close (hand check: 16/20 before)
_PRONOUN_START = re.compile(rf"^(?:{tf.OPENING_PRONOUNS})\b", re.IGNORECASE)
_CONNECTIVE = re.compile(r"^(?:however|but|and|meanwhile|furthermore|moreover|also|still|yet|so|in addition|additionally|nevertheless)\b,?\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Weights:
    support: float = W_SUPPORT
    position: float = W_POSITION
    coverage: float = W_COVERAGE


def summarize(articles: Sequence[Article], alignment: Alignment, conflicts: Sequence[Conflict] = (), words: int = DEFAULT_WORDS, weights: Weights | None = None, stray: Collection[str] | None = None) -> Summary:
    """Pick, order and cite sentences until ``words`` words are reached. ``stray``: the story's
    ``claims.stray_articles`` when the caller has them already (found here otherwise)."""
    w = weights or Weights()
    units = alignment.units
    if not units:
        return Summary((), 0)
    claim_of = alignment.claim_of()
    n_outlets = max(1, len({u.outlet for u in units}))
    position = _relative_positions(articles, units)
    by_id = {a.id: a for a in articles}
    speakers = {i: who for i, u in enumerate(units) if (who := continued_quote_speaker(by_id[u.article_id], u.position))}
    scores = _scores(alignment, claim_of, n_outlets, w, position, set(speakers) | _referent_named(units, by_id))
    scores[_repeats_a_caption(articles, units)] += LAST_RESORT  # a caption copied into the text is still a caption
    scores[_stray_units(alignment, stray)] += LAST_RESORT  # a failed scrape, a product page, another event
    order = {a.id: n for n, a in enumerate(articles)}
    notes = {c: sum(len(n.text.split()) for n in _conflict_notes(conflicts, articles, alignment, c, [], order)) for c in set(claim_of.values())}
    cost = [len(u.sentence.text.split()) + notes[claim_of[u.sentence.id]] + (SPEAKER_WORDS if i in speakers else 0) for i, u in enumerate(units)]
    chosen = _pick(alignment, claim_of, scores, _Coverage(articles, units, w.coverage), words, cost)
    ordered = sorted(chosen, key=lambda i: (position[i], order[units[i].article_id]))
    evidence = {a.id: _Evidence.of(a) for a in articles}
    spoken = {a.id for a in articles if first_person_document(a)}
    out: list[SummarySentence] = []
    prev: Unit | None = None
    for i in ordered:
        u = units[i]
        sid = u.sentence.id
        cites = tuple(sorted(_supporting(alignment, i, claim_of[sid], evidence), key=lambda a: order.get(a, 0)))
        follows = prev is not None and prev.article_id == u.article_id and prev.position == u.position - 1
        text = compress(u.sentence.text) if follows else resolve_references(compress(u.sentence.text), by_id[u.article_id], u.position)
        if i in speakers and not follows:
            text = attribute_quote(text, speakers[i])
        text = close_quotation(quote_first_person(text, spoken=u.article_id in spoken))
        text = introduce_people(text, by_id[u.article_id], u.position, " ".join(s.text for s in out))
        out.append(SummarySentence(text, sid, cites))
        prev = u
        out += _conflict_notes(conflicts, articles, alignment, claim_of[sid], out, order)
    return Summary(tuple(out), sum(len(s.text.split()) for s in out))


_SAFE_AFTER = frozenset("the a an this that these those his her their its some many most several two three officials police".split())


def _supporting(al: Alignment, i: int, claim: int, evidence: dict[str, "_Evidence"]) -> set[str]:
    """The source article plus every article whose sentence states the claim, when the source's
    sentence does too, and is itself close to this one (average linkage can hold a member that is
    near the group but not near every sentence) and also carries the sentence's checkable details:
    every number it gives ('about 20 missions', 'four soldiers') and every quotation it reports. An
    article with the event but not the figure, or with a paraphrase of what someone said, or only
    a related sentence, does not support the sentence."""
    text = al.units[i].sentence.text
    figures, quotes = figures_in(text), _quotations(text)
    stating = al.counted(claim)
    return {al.units[i].article_id} | {
        al.units[j].article_id for j in (stating if i in stating else ()) if al.cos[i, j] >= CITE_COS and evidence[al.units[j].article_id].carries(figures, quotes)
    }


_QUOTATION = re.compile(r"[\"“]([^\"“”]+)[\"”]")
QUOTE_WORDS = 4  # shorter quoted bits are titles or scare quotes, not someone's words
QUOTE_MATCH = 90  # rapidfuzz partial_ratio of a quotation against an article's text


def _quotations(text: str) -> list[str]:
    return [tf.plain(q) for q in _QUOTATION.findall(text) if len(q.split()) >= QUOTE_WORDS]


@dataclass(frozen=True)
class _Evidence:
    """What an article states that a citation can be checked against."""

    figures: frozenset[str]
    text: str  # plain (case-folded, straight apostrophes, single spaces)

    @classmethod
    def of(cls, article: Article) -> "_Evidence":
        return cls(figures_in(article.body), tf.plain(article.body))

    def carries(self, figures: frozenset[str], quotes: list[str]) -> bool:
        return figures <= self.figures and all(fuzz.partial_ratio(q, self.text) >= QUOTE_MATCH for q in quotes)


_SAYS = tf.SAYS
_NAME = r"[A-Z][\w.'’-]+(?:\s(?:[A-Z][\w.'’-]+|de|van|von|al|bin))*"
_SPEECH = tf.SPEECH
_WHO = r"(?:[\w.'’-]+\s+){0,5}?[\w.'’-]+"  # up to six words: 'Roe', 'defense lawyer Jane Roe', 'the company'
_APPOSITION = r"(?:,[^,“”\"]{1,100},)?"  # ', a spokeswoman for the city,'
_CLOSE = r"[,?!.…]?[”\"’'],?"  # the end of a quotation
# a quotation and its speaker: '"...," Roe said', '"...," Jane Roe, the mayor, said', '"...," said Roe', '"...," according to the report'
_QUOTE_SPEAKER = re.compile(rf"[”\"’'],?\s+(?:[^“”\"]{{0,120}}?\b{_SPEECH}\b|according to\b)")
# the speaker named in the attribution of a quotation: '...," Jane Roe said.', '...," said his mother, Jane Roe.', 'Jane Roe, the mayor, told the court: "...'
_SAID_AFTER = re.compile(rf"{_CLOSE}\s+(?P<who>{_WHO}){_APPOSITION}\s+(?P<verb>{_SPEECH})\b")
_SAID_BEFORE = re.compile(rf"{_CLOSE}\s+(?P<verb>{_SPEECH})\s+(?P<who>[^,.;:!?“”\"]{{1,60}})")
_SAID_COLON = re.compile(rf"(?P<who>{_NAME}){_APPOSITION}\s+(?P<verb>{_SPEECH})(?:\s+[\w.'’-]+){{0,3}}:\s*(?:[“\"]|$)")
_OPENS_QUOTE = re.compile(r"^[\"“]")
_PRONOUNS = {"he", "she", "they"}
_SAID = {"told": "said", "tells": "says"}  # 'Roe told reporters' -> '[Roe said:]': the listener is not carried over
_HE_SHE = re.compile(r"^(?:He|She)\b(?=\s+[a-z])")
_QUOTE_BY_HE_SHE = re.compile(rf"(?<=(?:[,?!][”\"’']|[”\"’'],)\s)(?:he|she)(?=\s+{_SAYS}\b)")  # '"...," he said'
_OUTLET_NOUN = re.compile(r"\b[Tt]he (?:newspaper|paper|daily|weekly|agency|news agency|broadcaster|network|magazine|website|outlet)\b")
LOOKBACK = 2  # sentences before the picked one where an antecedent may be found
_PRONOUN_FORMS = {"he": re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE), "she": re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)}


def resolve_references(text: str, article: Article, position: int) -> str:
    """Name what an opening 'He'/'She', the speaker of '"...," he said' or 'the newspaper'/'the
    agency' refers to, in square brackets (the editor's mark for inserted words), when the sentence
    is read without the one before it: only if the previous ``LOOKBACK`` sentences of its article
    hold exactly one candidate (one person, or one organisation), and the sentence names no such
    entity itself (earlier in it, for the newspaper; anywhere, for a quotation's speaker)."""
    sents = article.sentences
    if not 0 < position < len(sents):
        return text
    window = (sents[max(0, position - LOOKBACK)].start, sents[position - 1].end)
    before = [m for m in article.entities if window[0] <= m.start < window[1]]
    own = [m for m in article.entities if sents[position].start <= m.start < sents[position].end]
    quoted = _QUOTE_BY_HE_SHE.search(text)
    he = _HE_SHE.match(text) or (quoted if not any(m.label == "PERSON" for m in own) else None)
    if he and _two_people(text):
        return text  # 'She shot people ..., he said': the one person named before may be either
    if he and _PRONOUN_FORMS[he.group(0).lower()].search(article.body[window[0] : window[1]]):
        return text  # 'Roe said he was 90. "I feel like it," he said.': the pronoun before may be someone else's
    if he:
        name = _one_person(before)
        return f"{text[: he.start()]}[{name}]{text[he.end():]}" if name else text
    outlet = _OUTLET_NOUN.search(text)
    if outlet and not any(o.text in text[: outlet.start()] for o in own):
        org = _only_one([m.text for m in before if m.label == "ORG"], key=str.casefold)
        return f"{text[: outlet.start()]}[{org}]{text[outlet.end():]}" if org else text
    return text


def introduce_people(text: str, article: Article, position: int, said: str) -> str:
    """A person named by surname alone ('"They were guinea pigs," Glick said.') whom the summary
    has not named in full (``said``: the summary so far) gets the given names the article used
    earlier, in square brackets ('[Gail] Glick said'), when exactly one full name there ends so."""
    sents = article.sentences
    if not 0 <= position < len(sents):
        return text
    own = [m for m in article.entities if m.label == "PERSON" and sents[position].start <= m.start < sents[position].end and " " not in m.text]
    for m in own:
        surname = m.text
        fulls = {f.text for f in article.entities if f.label == "PERSON" and f.start < sents[position].start and f.text.endswith(" " + surname) and f.text[:1].isupper()}
        found = list(re.finditer(rf"(?<![\w.\]])\b{re.escape(surname)}\b", text))
        introduced = re.search(rf"[A-Z][\w.'’-]*\]? {re.escape(surname)}\b", said)  # 'Gail Glick' or '[Gail] Glick' already
        if len(fulls) != 1 or len(found) != 1 or introduced:
            continue
        given = next(iter(fulls))[: -len(surname) - 1]
        at = found[0].start()
        if _TITLE_BEFORE.search(text[:at]):
            continue  # 'Mr. Glick': the title says who, as the source wrote it
        text = f"{text[:at]}[{given}] {text[at:]}"
    return text


_TITLE_BEFORE = re.compile(rf"\b{tf.SHORT_TITLE}\.?\s$")


_MALE = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_FEMALE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)


def _two_people(text: str) -> bool:
    """Whether a sentence refers to a man and a woman by pronoun: then 'He'/'She' cannot be named
    from one person mentioned before, who may be the other one."""
    return bool(_MALE.search(text)) and bool(_FEMALE.search(text))


def continued_quote_speaker(article: Article, position: int) -> str | None:
    """Who speaks in a sentence that opens a quotation without naming its speaker, as 'Name verb'.

    Reports name a speaker once and go on quoting: the speaker is the one named in the attribution
    just before ('"We are ready," Jane Roe said.' + '"The bridge opens on Monday."', through any
    quoted sentences in between), or in the one that closes the quotation it opens ('"The bridge
    opens on Monday.' + 'It will be busy," Roe said.'). A pronoun ('she said') stands for the
    speaker named in the attribution before it. None when the sentence names its speaker itself,
    or when no named speaker is found within ``LOOKBACK`` sentences."""
    sents = article.sentences
    text = sents[position].text.strip()
    if not _OPENS_QUOTE.match(text) or _QUOTE_SPEAKER.search(text):
        return None
    found = _speaker_before(sents, position)
    if found is None and _open_quote(text):
        found = _speaker_after(sents, position)
    if found is None:
        return None
    who, verb = found
    if not any(w[:1].isupper() for w in who.split()):
        return None
    return f"{who[:1].upper()}{who[1:]} {_SAID.get(verb, verb)}"


def _speaker_before(sents: Sequence[Sentence], position: int, verb: str | None = None) -> tuple[str, str] | None:
    """The named speaker of the attribution before ``position``, through quoted sentences and
    pronoun attributions; (who, verb of the nearest attribution)."""
    for k in range(position - 1, max(-1, position - 1 - LOOKBACK), -1):
        found = _attribution(sents[k].text)
        if found and found[0].casefold() not in _PRONOUNS:
            return found[0].rstrip(".,;:"), verb or found[1]
        if found:
            verb = verb or found[1]  # 'she said': who she is, is named further back
        elif not _OPENS_QUOTE.match(sents[k].text.strip()):
            return None  # the report moved on: no speaker carries over
    return None


def _speaker_after(sents: Sequence[Sentence], position: int) -> tuple[str, str] | None:
    """The speaker named where the quotation opened at ``position`` closes (within ``LOOKBACK``)."""
    for k in range(position + 1, min(len(sents), position + 1 + LOOKBACK)):
        text = sents[k].text
        if _OPENS_QUOTE.match(text.strip()):
            return None  # a new quotation: the first one closed unattributed
        found = _attribution(text)
        if found and found[0].casefold() in _PRONOUNS:
            return _speaker_before(sents, position, found[1])
        if found:
            return found[0].rstrip(".,;:"), found[1]
        if not _open_quote(sents[position].text + " " + " ".join(x.text for x in sents[position + 1 : k + 1])):
            return None  # closed without saying who spoke
    return None


def _attribution(text: str) -> tuple[str, str] | None:
    """The last '(who, verb)' attributing a quotation in ``text``; not one inside a quotation (a
    quoted person quoting someone else)."""
    found = [m for rx in (_SAID_AFTER, _SAID_BEFORE, _SAID_COLON) for m in rx.finditer(text) if not _leaves_curly_quote_open(text[: min(m.start("who"), m.start("verb"))])]
    if not found:
        return None
    last = max(found, key=lambda m: m.start())
    return _name_in(last["who"]), last["verb"]


_NAME_RUN = re.compile(rf"(?:^|\s)({_NAME})$")


def _name_in(who: str) -> str:
    """The name that ends a speaker's description ('defense lawyer Jane Roe' -> 'Jane Roe', 'his
    mother Jane Roe' -> 'Jane Roe'), or the description itself ('the company')."""
    who = who.strip().rstrip(".")
    m = _NAME_RUN.search(who)
    return m.group(1) if m else who


def _leaves_curly_quote_open(prefix: str) -> bool:
    """``prefix`` leaves a curly quotation open. A straight mark may close a curly one: scraped
    text mixes them ('“We are ready," Roe said')."""
    return prefix.count("“") > prefix.count("”") + prefix.count('"')


def _open_quote(text: str) -> bool:
    """A quotation opened and not closed in ``text`` (it runs on into the next sentence)."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


_STRAIGHT_CLOSE = re.compile(r'(?<=[\w.,!?…])"(?=[\s).,;:!?]|$)')  # a straight mark after a word: it closes a quotation
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(:—–-]))[‘'](?=\w)")  # a single quotation mark opening a quotation, not an apostrophe
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?…])[’'](?=[\s).,;:!?]|$)(?!\w)")


def close_quotation(text: str) -> str:
    """A summary sentence that opens a quotation its source sentence runs on past ('Musk wrote:
    'Destination is the orbit.') gets the closing mark, and one that closes a quotation opened in
    the sentence before ('the media," he said.') the opening mark, so the summary never leaves one open."""
    if text.count("”") > text.count("“") or (text.count('"') == 1 and _STRAIGHT_CLOSE.search(text)):
        return ("“" if "”" in text else '"') + text
    if _open_quote(text):
        return text + ("”" if "“" in text else '"')
    opened, closed = len(_SINGLE_OPEN.findall(text)), len([m for m in _SINGLE_CLOSE.finditer(text) if not re.match(r"[’']s\b", text[m.start():])])
    return text + ("’" if "‘" in text else "'") if opened > closed else text


def attribute_quote(text: str, speaker: str) -> str:
    """'[Jane Roe said:] "The bridge opens on Monday."': the speaker in brackets (words the
    summary adds) before a quotation, closed when it ran on into the next sentence."""
    if _open_quote(text):
        text += "”" if "“" in text else '"'
    return f"[{speaker}:] {text}"


# the singular only: 'we' and 'our' are often anyone's ('our solar system's 10th planet')
_ME = re.compile(r"\b(?:[Mm]e(?!\s+[Tt]oo\b)|[Mm]y|[Mm]ine|[Mm]yself)\b")
_TOLD_BY = re.compile(rf",\s+(?:he|she|they|{_NAME})\s+{_SAYS}\b[^,]*[.!?]?$")  # '..., she wrote.': the speaker is named
_I = re.compile(r"^I(?:['’](?:m|ve|ll|d))?[,.;:!?]?$")
_ANY_QUOTE = re.compile(r"[\"“”]")


def quote_first_person(text: str, spoken: bool = False) -> str:
    """Put a sentence that speaks in the first person ('I left the party for good', from a post an
    article reproduces, or a columnist's own 'I'; 'we work hard to ...', a company's statement an
    article reprints) in quotation marks, so that it reads as what a source says, not as the
    summary's own voice; with ``spoken`` (the sentence comes from a ``first_person_document``: a
    transcript, a statement, a post) every sentence of it. A sentence holding quotation marks
    already is left as it is: its quotes show whose words are whose."""
    if _ANY_QUOTE.search(text) or _TOLD_BY.search(text) or not (spoken or _first_person(text) or _WE_ACT.search(text)):
        return text
    return f"“{text}”"


_WE = re.compile(r"\b(?:[Ww]e|[Uu]s|[Oo]ur|[Oo]urs)\b")
_WE_ACT = re.compile(r"\b[Ww]e(?:['’](?:re|ve|ll|d))?\b")  # 'we' as the one who acts ('we work hard'), not 'our solar system'
_YOU = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours)\b")
SPOKEN_SHARE = 0.5  # of an article's sentences outside quotation marks, speaking as 'I', 'we' or to 'you'
SPOKEN_SELF = 0.25  # ... of which speaking as 'I' or 'we' (an explainer only tells 'you' what to do)
SPOKEN_MIN = 5  # sentences outside quotation marks needed to judge


def first_person_document(article: Article) -> bool:
    """An article that speaks in its own voice rather than reporting: a transcript of an interview,
    a company's statement or policy, a post. Half or more of its sentences outside quotation marks
    say 'I', 'we' or 'you', and a quarter or more 'I' or 'we' (reports put such words inside
    quotation marks; a health explainer addressing 'you' is still a report)."""
    plain = [s.text for s in article.sentences if not _ANY_QUOTE.search(s.text)]
    if len(plain) < SPOKEN_MIN:
        return False
    own = [bool(_WE.search(t) or _first_person(t)) for t in plain]
    addressed = [o or bool(_YOU.search(t)) for o, t in zip(own, plain)]
    return sum(addressed) >= SPOKEN_SHARE * len(plain) and sum(own) >= SPOKEN_SELF * len(plain)


def _first_person(text: str) -> bool:
    """'I', 'me', 'my'... An 'I' after a capitalised word inside the sentence is a numeral
    ('World War I', 'Queen Elizabeth I'); after the first word, after a comma or with a
    contraction ('As President, I'll end it') it is the pronoun ('Then I left')."""
    if _ME.search(text):
        return True
    words = text.split()
    return any(_I.match(w) and (k <= 1 or not words[k - 1][:1].isupper() or words[k - 1][-1:] in ",;:" or len(w.rstrip(",.;:!?")) > 1) for k, w in enumerate(words))


def _one_person(mentions: Sequence[Mention]) -> str | None:
    """The one person among ``mentions`` (by surname), in its fullest form; None if none or several."""
    return _only_one([m.text for m in mentions if m.label == "PERSON"], key=lambda t: t.split()[-1].casefold())


def _only_one(names: list[str], key) -> str | None:  # noqa: ANN001 - a plain key function
    """The fullest form of the single entity among ``names`` (None when there are none or several)."""
    if not names or len({key(n) for n in names}) != 1:
        return None
    return max(names, key=len)


_NOTE_MARK = re.compile(r"(?<=[\w.,;:!?\"”)])(?:\[(?:\d{1,3}|citation needed)\])+")  # reference marks: 'exposure.[1][2]'
_PICTURE_POINTER = re.compile(rf"\s*{tf.PICTURE_PLACE.pattern}", re.IGNORECASE)  # 'Roe (pictured) said': the summary has no picture
_LIST_NUMBER = re.compile(r"^(?:\(?\d{1,2}\)|(?P<post>[1-9])/(?P<of>[1-9]))\s+(?=[A-Z])")  # '3) Trump also used...', a thread's '1/3 We have...'


def _numbering(m: re.Match) -> str:
    """'' for list numbering or a post's place in a thread ('1/2'); a date or a name ('7/7 London', '9/11') stays."""
    return m.group(0) if m.group("post") and int(m.group("post")) >= int(m.group("of")) else ""


_TRANSCRIPT_LABEL = re.compile(r"^([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s+(?=[\"“])")  # a transcript's speaker label in capitals, before a quotation


def _label_name(label: str) -> str:
    """A speaker label's name in ordinary case: 'JANE ROE' -> 'Jane Roe', 'TRUMP' -> 'Trump'; one
    short word is an acronym ('CNN')."""
    return label if " " not in label and len(label) <= 3 else label.title()


def compress(text: str) -> str:
    """Drop a wire dateline, list or thread numbering, reference marks ('[1]'), pointers into a
    picture ('(pictured)', '(left)') and an opening connective, write a transcript's speaker
    label as the summary's own words ('TRUMP: "..."' -> '[Trump:] "..."'),
    re-capitalising: 'CAIRO (Reuters) - However, the council...' -> 'The council...'.

    A connective goes only when what remains opens like a sentence (a name or a determiner),
    never 'Furthermore, said X, ...' -> 'Said X'."""
    text = _NOTE_MARK.sub("", tf.DATELINE.sub("", text, count=1)).replace(" .", ".")
    text = _TRANSCRIPT_LABEL.sub(lambda m: f"[{_label_name(m.group(1))}:] ", text, count=1)  # 'TRUMP: "I see ..."' -> '[Trump:] "I see ..."'
    text = _PICTURE_POINTER.sub("", text)
    text = _LIST_NUMBER.sub(_numbering, text, count=1)
    cut = _CONNECTIVE.sub("", text, count=1)
    if cut == text or not cut:
        return text
    first = cut.split()[0]
    if not (first[:1].isupper() or first.lower() in _SAFE_AFTER):
        return text
    return cut[:1].upper() + cut[1:]


_OPENING_PHRASE = re.compile(r"^[^,\"“”]{1,40},\s+")  # 'Unlike Obama a week ago, he ...', 'On Monday, it ...'


def _speaker_unnamed(text: str) -> bool:
    """Opens with a pronoun ('He said...'), also after a connective or a short opening phrase
    ('Moreover, it ...', 'Unlike Obama a week ago, he ...'), or quotes someone only called 'he' or
    'she' ('"...," he said'): the reader needs the sentence before."""
    opening = _CONNECTIVE.sub("", text.strip())
    return bool(_PRONOUN_START.match(opening) or _PRONOUN_START.match(_OPENING_PHRASE.sub("", opening)) or _QUOTE_BY_HE_SHE.search(text))


def _referent_named(units: Sequence[Unit], by_id: dict[str, Article]) -> set[int]:
    """Units lacking a referent (``_speaker_unnamed``) that ``resolve_references`` names ('He
    said...' -> '[Jane Roe] said...'): the summary supplies what they lack."""
    out = set()
    for i, u in enumerate(units):
        text = compress(u.sentence.text)
        if _speaker_unnamed(u.sentence.text) and resolve_references(text, by_id[u.article_id], u.position) != text:
            out.add(i)
    return out


def _scores(al: Alignment, claim_of: dict[str, int], n_outlets: int, w: Weights, position: np.ndarray, supplied: Collection[int] = ()) -> np.ndarray:
    """Support and position, with last resorts pushed down and pronoun openers discounted.
    ``supplied``: units whose missing context the summary names in brackets (a quotation's
    speaker, from ``continued_quote_speaker``; a pronoun's referent, from ``resolve_references``)."""
    units = al.units
    support = np.array([len({units[j].outlet for j in al.groups[claim_of[u.sentence.id]]}) / n_outlets for u in units])
    score = w.support * support + w.position * (1.0 - position)
    for i, u in enumerate(units):
        length = len(u.sentence.text.split())
        text = u.sentence.text.strip()
        bare_quote = text[:1] in {'"', "“", "'", "‘"} and not _QUOTE_SPEAKER.search(text) and i not in supplied
        broken = tf.is_sentence_piece(text) or bool(_TRAILS_OFF.search(text))
        if length < MIN_WORDS or length > MAX_WORDS or bare_quote or broken or _data_block(text) or _inside_quote(text) or tf.is_aside_or_heading(text) or tf.is_pointer(text) or _attribution_only(text) or _exclaimed(text):
            score[i] += LAST_RESORT  # fragments, run-ons, quotes without their speaker, data blocks, asides: last resort
        elif _speaker_unnamed(text) and i not in supplied:
            score[i] *= PRONOUN_PENALTY
    return score


_TRAILS_OFF = re.compile(r"(?:\.{3,}|…)[\"”’']?$")  # 'she should tolerate the intrusion.....': cut short where the source quoted it
_TO_THE_READER = re.compile(r"^(?:let['’]s|let us)\b", re.IGNORECASE)  # 'Let's recap what we saw.': the writer turning to the reader


def _exclaimed(text: str) -> bool:
    """An exclamation in the writer's own voice ('But it is not this day!'), or the writer turning
    to the reader ('Let's recap what we saw on this video.'): no sentence of a neutral summary (a
    quoted one is someone's words, and may be)."""
    return (text.endswith("!") or bool(_TO_THE_READER.match(text))) and not _ANY_QUOTE.search(text)


def _inside_quote(text: str) -> bool:
    """The end of a quotation that began in an earlier sentence ('None of us came here
    perfect.”'): it closes a quote it never opened, so its speaker is named elsewhere. (Penalising
    every unbalanced quote, openings too, cost 0.35 R1 on Multi-News: the opening sentence names
    the speaker and carries the news.)"""
    closes_straight = text.count('"') % 2 == 1 and text.rstrip().endswith(('"', '".', '",'))
    return text.count("”") > text.count("“") or closes_straight


_WHEN_WHERE = r"(?:on|in|at|to|during|after|before|from|via|through|reporters|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|earlier|later|this|last)"
# 'Sanders said on CBS' "Face the Nation."': the attribution of a quotation the splitter cut off
_ATTRIBUTION_ONLY = re.compile(rf"^(?:[A-Z][\w.'’-]*\s){{1,4}}{_SAYS}(?:\s{_WHEN_WHERE}\b(?:(?!\b(?:that|whether|it|he|she|they|we)\b)[^,;:])*)?[.!]?[\"”’']?$", re.IGNORECASE)


def _attribution_only(text: str) -> bool:
    """A sentence that only says who said something and where ('Smith told reporters on Monday.'):
    what was said stands in another sentence."""
    return len(text.split()) <= 10 and bool(_ATTRIBUTION_ONLY.match(text.strip()))


_SPEAKER_LABEL = re.compile(r"^(?=[^:]*[a-z])[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}: ")  # 'Brian Williams: ', not 'CAIRO: '


def _data_block(text: str) -> bool:
    """A run of 'Label: value' fields (film credits, fact boxes, transcripts) or a line opening
    with a speaker's or a note's label ('Williams: How much...', 'Update: ...'), not a sentence
    of the report."""
    return tf.is_fact_box(text) or bool(_SPEAKER_LABEL.match(text))


def _repeats_a_caption(articles: Sequence[Article], units: Sequence[Unit]) -> np.ndarray:
    """Units whose sentence also stands inside a line the cleaner set aside as a caption (in any
    article of the story: agencies' photo captions travel with the pictures)."""
    captions = [" ".join(c.split()).casefold() for a in articles for c in a.captions]
    return np.array([bool(captions) and any(" ".join(u.sentence.text.split()).casefold() in c for c in captions) for u in units], dtype=bool)


def _stray_units(al: Alignment, stray: Collection[str] | None = None) -> np.ndarray:
    """Units of articles that share nothing with the rest of the story (``stray_articles``)."""
    ids = set(stray_articles(al) if stray is None else stray)
    return np.array([u.article_id in ids for u in al.units], dtype=bool)


def _relative_positions(articles: Sequence[Article], units: Sequence[Unit]) -> np.ndarray:
    """Where each unit sits in its article: 0 for the first sentence, towards 1 for the last."""
    totals = {a.id: max(len(a.sentences), 1) for a in articles}
    return np.array([u.position / totals.get(u.article_id, 1) for u in units])


def _pick(al: Alignment, claim_of: dict[str, int], scores: np.ndarray, coverage: "_Coverage", words: int, cost: Sequence[int]) -> list[int]:
    """Sentences by score and coverage gain while they fit in ``words`` (``cost``: a sentence's words
    with its conflict notes and an added speaker); the first one always fits."""
    chosen: list[int] = []
    total = 0
    ranked = [int(i) for i in np.argsort(-scores, kind="stable")]
    # last resorts only when there is nothing else: a shorter summary beats one padded with junk
    open_ = [i for i in ranked if scores[i] > LAST_RESORT / 2] or ranked
    while total < words and open_:
        fitting = [i for i in open_ if total + cost[i] <= words] if chosen else open_
        if not fitting:
            break
        best = max(fitting, key=lambda i: scores[i] + coverage.gain(i))  # first of equals: the higher score
        claim = claim_of[al.units[best].sentence.id]
        # what is left: not the same claim, not a near-repeat of the pick
        open_ = [i for i in open_ if i != best and claim_of[al.units[i].sentence.id] != claim and al.cos[i, best] < REDUNDANT]
        chosen.append(best)
        coverage.take(best)
        total += cost[best]
    return chosen


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


class _Coverage:
    """Shared word pairs (bigrams not made only of stop words) that the summary has not covered:
    a pair used by k >= 2 articles weighs k; a sentence gains the weight of its uncovered pairs
    per word, times ``weight``. A one-article story weighs every pair 1."""

    def __init__(self, articles: Sequence[Article], units: Sequence[Unit], weight: float) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS

        self._stop = STOP_WORDS
        self.weight = weight
        df: dict[tuple[str, str], int] = {}
        for a in articles:
            for pair in self._pairs(a.body):
                df[pair] = df.get(pair, 0) + 1
        floor = 2 if len(articles) > 1 else 1
        self._df = {p: k for p, k in df.items() if k >= floor}
        self._pairs_of = [self._pairs(u.sentence.text) & self._df.keys() for u in units]
        self._len = [max(len(u.sentence.text.split()), 1) for u in units]
        self._covered: set[tuple[str, str]] = set()

    def _pairs(self, text: str) -> set[tuple[str, str]]:
        toks = _WORD.findall(text.lower())
        return {(a, b) for a, b in zip(toks, toks[1:]) if a not in self._stop or b not in self._stop}

    def gain(self, i: int) -> float:
        if not self.weight:
            return 0.0
        return self.weight * sum(self._df[p] for p in self._pairs_of[i] - self._covered) / self._len[i]

    def take(self, i: int) -> None:
        self._covered |= self._pairs_of[i]


def _differ_note(c: Conflict, articles: Sequence[Article]) -> str:
    """'Outlets differ on X: a (A) and b (B, C).', with publication days when they differ."""
    days = published_days(c, articles)
    parts = [f"{(v.surface[0] if v.surface else v.value)} ({', '.join(v.outlets)}{'; published ' + days[v.value] if days else ''})" for v in c.values]
    return f"Outlets differ on {c.about}: {' and '.join([', '.join(parts[:-1]), parts[-1]] if len(parts) > 2 else parts)}."


def _conflict_notes(conflicts: Sequence[Conflict], articles: Sequence[Article], al: Alignment, claim: int, so_far: list[SummarySentence], order: dict[str, int]) -> list[SummarySentence]:
    ids = {al.units[i].sentence.id for i in al.groups[claim]}
    notes = []
    for c in conflicts:
        if not any(set(v.sentence_ids) & ids for v in c.values):
            continue
        text = f"The figure for {c.about} changed: {c.why}." if c.verdict == "update" else _differ_note(c, articles)
        if any(s.text == text for s in so_far):
            continue
        cites = tuple(sorted({s.split(":")[0] for v in c.values for s in v.sentence_ids}, key=lambda a: order.get(a, 0)))
        notes.append(SummarySentence(text, None, cites))
    return notes
