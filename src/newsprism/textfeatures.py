"""Shape features of a single line of scraped text, shared by the cleaner and metadata stages.

Every rule here is about the *shape* of a line (length, punctuation, case, dates, credits,
generic web-interface vocabulary), never about a particular outlet or article.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urlparse

from ftfy import TextFixerConfig, fix_text

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")

MONTHS = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
# titles written short before a name ('Sgt. Tom Roe', 'Gov. Jane Roe'); shared by the splitter, entities and sources
TITLE_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Rev", "Sen", "Rep", "Gov", "Gen", "Col", "Capt", "Lt", "Sgt", "Cpl", "Det", "Supt", "Insp", "Cmdr", "Adm", "Maj", "Pvt")
SHORT_TITLE = rf"(?:{'|'.join(TITLE_ABBREVIATIONS)})"  # one of them, as a pattern
WEEKDAYS = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
# verbs that attribute words to a speaker: the common ones, then the rest
SAYS = r"(?:said|says|told|tells|added|adds|wrote|writes|explained|explains|tweeted|tweets|noted|notes|insisted|insists|warned|warns|argued|argues|recalled|recalls|declared|declares|continued|continues)"
SPEECH = (
    rf"(?:{SAYS}|asked|asks|replied|replies|responded|responds|stated|states|posted|posts|admitted|admits|claimed|claims|announced|announces|reads|joked|jokes"
    r"|reiterated|reiterates|acknowledged|acknowledges|conceded|concedes|remarked|remarks|observed|observes|mutters|muttered)"
)
_FULL_DATE = re.compile(
    rf"\b(?:{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?", re.IGNORECASE)
_DATE_FILLER = re.compile(
    rf"\b(?:{WEEKDAYS}|at|on|updated|update|published|posted|last|modified|first|"
    r"gmt|utc|bst|cet|cest|[ecmp][sd]?t|ist|am|pm|date|time|hrs?|today|yesterday|and)\b|[|•·,:\-–—/()]",
    re.IGNORECASE,
)

# Photo credits and caption markers: shapes, plus the generic words photo desks use.
_CREDIT = re.compile(
    r"(?:(?<!\bthe )(?<!\bthis )(?<!\bthat )(?<!\ba )(?<!\ban )(?<!\bits )(?<!\btheir )"  # 'Photo by Jane Roe', not 'shown in the video by the group'
    r"\b(?:photo(?:graph)?s?|image|picture|credit|illustration|video|file photo|pictured)\s*(?:by|:|/)"
    r"|\b(?:image|media) (?:caption|copyright)\b|\bgetty images\b|\bshutterstock\b|\b(?:ap|afp|epa|reuters|upi) photo\b"
    r"|\[[A-Z][A-Za-z./ ]{1,24}\]\s*$"  # trailing [AGENCY]
    r"|\([^()]{2,60}/[^()]{2,60}\)\s*$"  # trailing (Name / Desk)
    r"|\((?:[\w.'’ -]{1,30}\s)?(?:photos?|images?|pictures?|handout|file)\)\s*$"  # '... (Family photos)', '(Reuters photo)', '(File)'
    r"|(?-i:\b(?:Courtesy|COURTESY)(?: of)?(?: (?:the )?[A-Z][\w.'’-]+){1,4})\s*$"  # '... Courtesy Jane Roe'
    r"|^(?:view|see|show|open) (?:images?|photos?|gallery|slideshow)\b"  # 'View Images An artist's depiction...'
    r"|\b(?:is|are) (?:pictured|seen here|shown here)\b"  # 'Deputy Jan Roe is pictured with ...'
    r"|^(?:in )?this (?:\w+ )?(?:image|photo|photograph|picture|video still|handout)\b"  # 'This image provided by ... shows'
    r"|\bpicture taken\b|\bfile (?:photo|picture|image)\b|^file\s*[-—–:]"  # 'FILE - In this May 3 file photo, ...'
    r"|\b(?:photo|image|picture)s? (?:credits?|courtesy)\b|\bvia (?-i:[A-Z]{2,})\s*$"  # 'Photo credits: ...', '(Image courtesy of ...)', '... Handout via REUTERS'
    r"|(?:\.\.\.|…)\s*(?-i:\([A-Z][\w.&'’ -]{1,40}\))\s*$"  # a caption cut short, then its credit: '... (Associated Press)'
    r"|\([^(),]{1,40},[^()]{1,40}\b\d{4}\)\s*(?-i:[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){1,3})\s*$)",  # '(Kabul, August 6, 2007) Jane Doe': place, date, photographer
    re.IGNORECASE,
)
# NAME SURNAME/AGENCY closing a caption or opening it, not capitals with a slash in prose ('HIV/AIDS
# programmes', 'formerly ISIS/ISIL), according to')
_CAP = r"[A-Z][\w.'’&-]*"
_CREDIT_CASED = re.compile(
    rf"(?:^|[\s(])(?:{_CAP}\s){{0,3}}{_CAP}\s?/\s?{_CAP}(?:\s{_CAP}){{0,3}}(?:\s?/\s?{_CAP}(?:\s{_CAP}){{0,3}})*(?<!\.)[\s)\]]*$"  # '... Jae Roe/AP', '(SAUL LOEB/AFP)'
    rf"|[.!?]\s*/\s*{_CAP}(?:\s{_CAP}){{0,3}}(?<!\.)\s*$"  # '... a dead cell. / NIAID'
    r"|^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*\s?/\s?[A-Z]{2,}\s*[-—–:]"  # 'SAUL LOEB/AFP - ...'
)

# Generic web-interface vocabulary: navigation, sharing, accounts, paywalls, comments, ads.
_UI_ANY = re.compile(
    r"\b(?:read more|read next|also read|see also|more from|most (?:read|popular|viewed|shared)|"
    r"previous (?:article|post|story)|next (?:article|post|story)|related (?:articles?|stories|content|topics)|"
    r"you may (?:also )?like|recommended for you|sign up|signed up|sign in|log ?in|log out|subscribe|"
    r"subscriber|subscription|newsletter|paywall|all rights reserved|copyright|cookies?|privacy policy|"
    r"terms of (?:use|service)|advertisement|sponsored content|click (?:here|the)|tap (?:here|the)|"
    r"follow (?:us|topics?)|join the (?:conversation|discussion)|comments? (?:are|is) closed|"
    r"\d+\s*min(?:ute)?s?\s*read|first month|free trial|enable javascript|your browser|"
    r"skip to (?:content|main)|back to top|report an? (?:error|typo)|whatsapp|pinterest|linkedin|"
    r"(?:like|follow|find|join|connect with) (?:us|@?[\w.]+(?: [\w.]+){0,2}) on (?:facebook|twitter|instagram|tiktok|youtube)|"
    r"media playback|breaking news (?:alerts?|e-?mails?)|e-?mail alerts?|autoplay|copy this code|embed code|learn more|redirects here|"
    r"third[- ]party (?:apps|applications|cookies)|(?:delete|clear) your (?:\w+ )?(?:history|data)|privacy settings|"
    r"(?:views|opinions) expressed (?:here |in this \w+ )?are (?:his|her|their|the author'?s?|solely \w+) own|"
    r"the (?:author|writer) is an? (?:[\w-]+ ){0,4}(?:columnist|contributor|commentator))\b"
    r"|©|\$\d+(?:\.\d\d)?\s*(?:/|a|per)\s*(?:month|week|year)\b",
    re.IGNORECASE,
)
_UI_SHORT = re.compile(
    r"\b(?:share|shares|tweet|e-?mail|print|facebook|twitter|comments?|reply|menu|search|close|home|"
    r"more|watch|listen|video|photos?|gallery|advert|ad|loading|continue|download)\b",
    re.IGNORECASE,
)
_READER = re.compile(r"\byou(?:r|'re|’re|'ll|’ll)?\b", re.IGNORECASE)
_KICKER_LINK = re.compile(r"^[A-Z][\w ]{1,20}:\s+\S")  # "Read: ...", "WATCH: ...", "Related: ..."
_MEDIA_KICKER = re.compile(r"^(?:(?:WATCH|VIDEO|LISTEN|PHOTOS?|GALLERY|PODCAST)\s*:\s+\S|(?:CLOSE|REPLAY|PLAY|EXPAND)\s+[A-Z][a-z])")  # a player or gallery's caption, in capitals ('CLOSE Jan Roe was ...': its button's label run into it)
# notes about the report rather than its story: credits of contributors, corrections, contact widgets
_EARLIER_VERSION = r"an earlier version of this (?:article|story|report|post)"  # the opening of a correction note
_HAS_BEEN = r"this (?:article|story|report|post) has been"  # ... or of a note that the report changed
_ABOUT_THE_REPORT = re.compile(
    rf"(?:^|(?<=^\())(?:with )?(?:additional )?reporting by(?= (?:(?-i:[A-Z])[\w.'’-]*\s?)+(?:$|[,;.)]|(?:and|in|from)\b))|"  # a line opening with 'Additional reporting by Jan Roe', '(Reporting by Jan Roe; Editing by ...)'
    rf"\b(?:contributed (?:reporting |research )?to this (?:report|story|article)|{_EARLIER_VERSION}|"
    rf"{_HAS_BEEN} (?:updated|corrected|revised)|(?:chat|message) with us (?:on|in) (?:facebook )?messenger|"
    r"(?:this )?(?:text|transcript) may not be in its final form|for (?:developments|updates|the latest) (?:in|on) this story)\b",
    re.IGNORECASE,
)
# a newsroom's appeal for tips, not said by anyone in the story (a line with no quotation)
_TIP_LINE = re.compile(r"\b(?:send us an? (?:secure |confidential |news )?tip|(?:have|got) an? (?:news )?tip\b|(?:have|got) an? (?:news )?story(?: for us)?\?|news ?tips?\.\w|we(?:'d|’d| would| want to) (?:like to )?hear from you\b)", re.IGNORECASE)  # 'Got a story? Email us'; not 'she has a story to tell'
_POINTER = re.compile(r"^(?:read|watch|see|listen to|view|check out)\b.{0,80}\b(?:below|above|here)\s*[.:!]?$|^(?:watch|listen to) (?:the|our) (?:full )?(?:report|video|interview|story|segment)\b", re.IGNORECASE)
_HASHTAGS = re.compile(r"^(?:#\w+\s*)+$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+@\S+\.\w+$", re.IGNORECASE)


# A wire dateline: 'CAIRO (Reuters) - ', 'HONOLULU (AP) — ', 'WASHINGTON ― ' (a horizontal bar), 'LIMA, Dec 1 (Reuters) - ', 'CAIRO—',
# 'CAPE CANAVERAL, Fla. (AP) — ', 'MONDAY, Jan. 25, 2016 (HealthDay News) -- ': a place or weekday in
# capitals, then optionally a state, a date (with its year) and the agency, then a dash.
# Also a place in any case with its agency: '(CNN) ', 'Seoul, South Korea (CNN) ', 'AUSTIN, Texas (AP) — '.
_AGENCY = r"\((?-i:[A-Z][A-Za-z.&]*(?: [A-Z][A-Za-z.&]*){0,3})\)"
_PLACE = r"[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,3}"
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'\-]{2,}(?: [A-Z][A-Z.'\-]+){0,3}"
    r"(?:, (?:[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.|[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?(?=\s*[-—–―>])))?"  # ', Fla.' / ', N.Y.' / ', D.C.' / ', Texas -'
    r"(?:, [A-Z][a-z]{2,}\.? \d{1,2}(?:, \d{4})?)?"  # ', Dec 1' / ', Jan. 25, 2016'
    r"\s*(?:\([A-Za-z .&-]{2,30}\))?\s*(?:[-—–―]+|>>)"  # 'LAKESIDE - ', 'LAKESIDE >> '

    rf"|{_AGENCY}(?:\s*[-—–―]+)?"  # '(CNN) ', '(CN) - '
    rf"|{_PLACE}, {_PLACE}\s*{_AGENCY}(?:\s*[-—–―]+)?"  # 'Seoul, South Korea (CNN) ', 'AUSTIN, Texas (AP) — '
    rf"|{_PLACE}\s*{_AGENCY}\s*[-—–―]+"  # 'Lagos (Reuters) - '
    r")\s*(?=[A-Z0-9\"“‘'])"
)
_AGENCY_IN = re.compile(r"\(([A-Z][A-Za-z.&]*(?: [A-Z][A-Za-z.&]*){0,3})\)")


def is_dateline_stub(line: str) -> bool:
    """A line that is only a wire dateline, its story on the next line ('Lakeside, Virginia (CNN)')."""
    m = DATELINE.match(line + " A")
    return bool(m) and m.end() >= len(line)


def dateline_agency(text: str) -> str | None:
    """The agency of a wire dateline that opens ``text`` ('WASHINGTON (Reuters) - ...' -> 'Reuters',
    '(CNN) ...' -> 'CNN'), or None."""
    m = DATELINE.match(text)
    agency = _AGENCY_IN.search(m.group(0)) if m else None
    return agency.group(1) if agency else None



# ftfy settings: quotes stay curly; line breaks and Unicode forms are other steps' work, and HTML
# entities are decoded below (ftfy decodes them only in text without a '<', all or nothing)
_REPAIR = TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, normalization=None, fix_character_width=False, unescape_html=False)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def repair(text: str) -> str:
    """Undo scraping and encoding damage: HTML entities left in plain text ('Zoo &amp; Garden'
    -> 'Zoo & Garden', '&#8217;' -> '’'), mojibake ('QuÃ©bec' -> 'Québec', 'â€™' -> '’') and
    Windows-1252 punctuation left as control characters ('\x97' -> '—'), the last two with ftfy.
    One pass: an entity written out on purpose ('&amp;amp;') keeps its outer layer."""
    return fix_text(_ENTITY.sub(lambda m: html.unescape(m.group(0)), text), _REPAIR)


def normalize(line: str) -> str:
    """NFKC, non-breaking and repeated spaces folded, trimmed."""
    line = unicodedata.normalize("NFKC", line).replace("\u00a0", " ").replace("\u200b", "")
    return re.sub(r"[ \t]+", " ", line).strip()


def unaccented(text: str) -> str:
    """Accents left out: 'Raúl Sánchez' -> 'Raul Sanchez'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def plain(text: str) -> str:
    """For comparing wordings: case folded, typographic apostrophes straight ('Children’s' is
    'Children's'), spaces single."""
    return " ".join(text.replace("’", "'").replace("‘", "'").casefold().split())


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def is_terminal(line: str) -> bool:
    """Ends like a sentence: . ! ? or … , optionally followed by closing quotes or brackets."""
    return bool(_TERMINAL.search(line.rstrip()))


def opens_bracket(text: str) -> bool:
    """Leaves a bracket open: more '(' than ')' or '[' than ']' ('... the scales (Fig.')."""
    return text.count("(") > text.count(")") or text.count("[") > text.count("]")


def in_capitals(text: str) -> bool:
    """Written in capitals (a heading, a transcript, a shouted line): over 70% of 20+ letters."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) > 0.7 * len(letters)


def capitalised_share(line: str) -> float:
    """Share of words longer than three letters that start with a capital (Title Case ~ 1.0)."""
    ws = [w for w in words(line) if len(w) > 3 and w[0].isalpha()]
    return sum(w[0].isupper() for w in ws) / len(ws) if ws else 0.0


def has_full_date(line: str) -> bool:
    return bool(_FULL_DATE.search(line))


def find_full_date(line: str) -> str | None:
    """The first complete date (day, month and year) written in ``line``, as written."""
    m = _FULL_DATE.search(line)
    return m.group(0) if m else None


def is_date_line(line: str) -> bool:
    """A line that is essentially a date (and maybe a time): '10 August, 2017', 'Updated 3:04 pm'."""
    if len(line) > 80:
        return False
    has_date = bool(_FULL_DATE.search(line)) or bool(re.search(rf"\b{MONTHS}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTHS}\b", line))
    if not has_date:
        return False
    rest = _FULL_DATE.sub(" ", line)
    rest = _TIME.sub(" ", rest)
    rest = re.sub(rf"\b{MONTHS}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTHS}\b|\b\d{{4}}\b", " ", rest, flags=re.IGNORECASE)
    rest = _DATE_FILLER.sub(" ", rest)
    return len(words(rest)) <= 1


PICTURE_PLACE = re.compile(r"\((?:(?:far |second |pictured |top |bottom |centre |center )?(?:left|right)|pictured|centre|center|above|below|inset)\)", re.IGNORECASE)


CREDIT_MAX_CHARS = 2000  # captions with their credits are a few hundred characters at most


def has_credit(line: str) -> bool:
    """Photo-credit markers: 'Credit:', 'Photo by', '[AFP]', '(Name / Desk)', 'NAME/AGENCY', 'file photo',
    a gallery caption cut short before its credit ('... (Agency)'), or two people placed in the
    picture ('Jane Roe (left) and John Doe (right) arrive...'). A line longer than
    ``CREDIT_MAX_CHARS`` is a paragraph, not a caption (and the patterns would take quadratic time)."""
    if len(line) > CREDIT_MAX_CHARS:
        return False
    if _CREDIT_CASED.search(line) or len(PICTURE_PLACE.findall(line)) >= 2:
        return True
    return bool(_CREDIT.search(line))


_REFERENCE = re.compile(r"^(?:sources?|references?|citations?|study|journal)\s*:\s*(?=.*(?:\bet al\b|\bdoi\b|https?://|\bwww\.|\b[a-z0-9-]+\.(?:ly|com|org|gov)/|(?:\b[A-Z][a-z]+ [A-Z]{1,3},\s*){2}))", re.IGNORECASE | re.DOTALL)


def is_reference(line: str) -> bool:
    """A line that cites a publication ('Source: Roe J, Doe K, et al. ...', 'SOURCE: bit.ly/x
    Journal, online May 2'): a reference for the reader, not a sentence of the report."""
    return bool(_REFERENCE.match(line.strip()))


# the signature under an embedded post: '— Jane Roe (@janeroe) November 16, 2017'
_SIGNATURE = rf"[—–]\s*[^—–()\n]{{1,80}}\(@\w{{1,15}}\)\s+{MONTHS}\s+\d{{1,2}},\s+\d{{4}}"
EMBED_SIGNATURE = re.compile(rf"{_SIGNATURE}\s*$", re.IGNORECASE)
# ... also where a scrape ran the next paragraph on after it ('... 2017 They keep saying')
_SIGNATURE_INSIDE = re.compile(rf"{_SIGNATURE}(?=\s+(?-i:[A-Z\"“‘'])|\s*$)", re.IGNORECASE)


_POST_LINKS = re.compile(r"(?:\s+(?:pic\.twitter\.com/\w+|https?://t\.co/\w+))+\s*$")  # the post's picture or link, before its signature


def split_embed_signature(line: str) -> list[str]:
    """A post embedded in a paragraph ends with its signature: the paragraph and the signature,
    as two lines ('... deleted it. — Jane Roe (@janeroe) November 16, 2017'), and what a scrape
    ran on after the signature as a third; the post's own short links ('pic.twitter.com/...',
    'https://t.co/...') go with the signature."""
    m = _SIGNATURE_INSIDE.search(line)
    if not m or m.start() == 0:
        return [line]
    text = line[: m.start()].rstrip()
    links = _POST_LINKS.search(text)
    cut = links.start() if links and links.start() > 0 else len(text)
    rest = line[m.end() :].strip()
    return [text[:cut].rstrip(), line[cut : m.end()].strip()] + ([rest] if rest else [])


_HANDLE = re.compile(r"\(@(\w{1,15})\)")
_ACRONYM = re.compile(r"\b[A-Z]{3,4}\b")  # 'WBAL', 'CNN', 'KSAT': a broadcaster's call letters (not 'TODAY', 'TIMES')
_NOT_BRANDS = frozenset({"usa", "news", "the", "and", "post", "sun", "mail", "star"})  # capitals in a name that other accounts carry too ('USA TODAY', '@USArmy')


def brands(outlet: str | None, url: str | None) -> frozenset[str]:
    """Lower-case marks of an outlet that its own accounts' handles carry: the acronyms in its
    name ('WBAL-TV 11' -> 'wbal') and its web address's name ('www.baltimoresun.com' -> 'baltimoresun')."""
    marks = {m.lower() for m in _ACRONYM.findall(outlet or "")} - _NOT_BRANDS
    host = (urlparse(url).hostname or "") if url else ""
    labels = [p for p in host.split(".") if p not in {"www", "m", "edition", "amp"}]
    if len(labels) >= 2:
        marks.add(labels[-2] if len(labels[-2]) > 3 or len(labels) < 3 else labels[-3])  # 'baltimoresun.com'; 'bbc.co.uk'
    return frozenset(m for m in marks if len(m) >= 3)


def post_by(line: str, marks: frozenset[str]) -> bool:
    """Whether an embedded post's signature names an account carrying one of ``marks``
    ('— Jane Roe (@JaneRoeWBAL) ...' with 'wbal'): the outlet's own staff."""
    m = EMBED_SIGNATURE.search(line)
    handle = _HANDLE.search(m.group(0)) if m else None
    return handle is not None and any(mark in handle.group(1).lower() for mark in marks)


def is_embedded_post(line: str) -> bool:
    """A post quoted in the page with its signature ('Launch is go for 1:30pm — Jane Roe (@janeroe)
    February 5, 2018'): what someone in the story posted, not interface text."""
    parts = split_embed_signature(line)
    return len(parts) >= 2 and len(words(parts[0])) >= 4 and script_share(parts[0]) >= 0.5 and ui_reason(parts[0]) is None


_FIELD_LABEL = re.compile(r"(?:^|\s)[A-Z][\w.]*(?:\s[A-Z]?[\w.]+)?:(?:\s|$)")


def is_fact_box(text: str) -> bool:
    """A run of 'Label: value' fields (film credits, fact boxes: 'Cast: ... Director: ... Release
    Date: 2010-02-12'), not a sentence."""
    return len(_FIELD_LABEL.findall(text)) >= 2


# a site's footer, however long: 'Copyright 2017 ...', 'Copyright © ...', '© 2017 ...' (not 'Copyright law experts said')
_COPYRIGHT_OPENING = re.compile(r"^\W{0,3}(?:copyright\s*(?:(?:©|\(c\))\s*)?\d{4}|copyright\s*(?:©|\(c\))|©|\(c\)\s*\d{4}|all rights reserved\b)", re.IGNORECASE)


# a widget of links run into one long line: 'Most Read In Sport HEADLINE ... HEADLINE ...', 'EMBED More videos HEADLINE ...'
_NAVIGATION_OPENING = re.compile(
    r"^\W{0,3}(read more|read next|also read|see also|more from|most (?:read|popular|viewed|shared)|related (?:articles?|stories|content|topics)|"
    r"you may (?:also )?like|recommended (?:for you|stories|articles)|sign up|subscribe|follow us|click here|skip to|back to top|embed)\b",
    re.IGNORECASE,
)


def has_ui_words(line: str) -> bool:
    """Any web-interface vocabulary at all ('autoplay', 'sign up', 'read more'), however long the line."""
    return bool(_UI_ANY.search(line))


def ui_reason(line: str) -> str | None:
    """Why a line looks like web-interface boilerplate, or None."""
    n = len(words(line))
    if _HASHTAGS.match(line):
        return "hashtag"
    if _URL.match(line):
        return "bare link"
    if EMBED_SIGNATURE.match(line):
        return "signature of an embedded post"
    if _doubled(line):
        return "repeated interface label"
    if _COPYRIGHT_OPENING.match(line):
        return "copyright notice"
    if m := _NAVIGATION_OPENING.match(line):
        return f"interface text ({m.group(1).lower()})"
    m = _UI_ANY.search(line)
    if m and n <= 20:
        return f"interface text ({m.group(0).strip().lower()})"
    hits = sorted({h.group(0).strip().lower() for h in _UI_ANY.finditer(line)})
    if len({h[:5] for h in hits}) >= 2 and _READER.search(line):  # a sign-up widget run into one long line ('subscribe'/'subscription' count once)
        return f"interface text addressed to the reader ({', '.join(hits)})"
    if n <= 4 and _UI_SHORT.search(line) and not is_terminal(line):
        return "interface label"
    if n <= 2 and line[:1].islower() and not is_terminal(line):
        return "menu item"
    if is_pointer(line):
        return "pointer to other page content"
    if _KICKER_LINK.match(line) and not is_terminal(line) and n <= 16 and len(line.split(":", 1)[0].split()) <= 2:
        return "link to another article"
    if _MEDIA_KICKER.match(line) and n <= 40 or _GALLERY_COUNTER.search(line):
        return "caption of a video or gallery"
    if (m := _ABOUT_THE_REPORT.search(line)) and n <= 60:
        return f"note about the report ({m.group(0).lower()})"
    if (m := _TIP_LINE.search(line)) and n <= 60 and not re.search(r"[\"“”]", line):
        return f"note about the report ({m.group(0).lower()})"
    if _CALL_TO_CLICK.search(line):
        return "interface text (a call to click)"
    if line.count(" | ") >= 2 and not is_terminal(line):  # 'Election Calendar | Polls | Poll Standings'
        return "navigation links"
    if len({m.group(0).lower() for m in _PLAYER.finditer(line)}) >= 2:  # however long the gallery's caption run into it
        return "interface text (a media player)"
    return None


_GALLERY_COUNTER = re.compile(r"\b(?:Hide )?Caption \d+ of \d+\b")  # '... Hide Caption 3 of 23': an item of a photo gallery, however many run into one line
_PLAYER = re.compile(r"\b(?:autoplay|skip ad|full screen|view photos|view gallery)\b", re.IGNORECASE)  # '1 of 50 Full Screen Autoplay Close Skip Ad ...'


# a promotion that ends by asking the reader to click: '... each day in 2017. Click to read today's story.'
_CALL_TO_CLICK = re.compile(r"(?:^|[.!?]\s+)(?:click|tap)(?: here)? to \w+\b[^.!?]{0,60}[.!?]?\s*$", re.IGNORECASE)
_CORRECTION = re.compile(
    rf"^(?:correction|clarification)s?\b|\b{_EARLIER_VERSION}|\b{_HAS_BEEN} (?:corrected|revised)|\bthe following (?:correction|clarification)",
    re.IGNORECASE,
)


def is_correction_note(line: str) -> bool:
    """A correction or clarification of the report ('Correction: ...', 'An earlier version of this
    article misstated ...'): printed at the end of the story, so nothing below it is the story."""
    return bool(_CORRECTION.search(line)) and len(words(line)) <= 80


def _doubled(line: str) -> bool:
    s = line.replace(" ", "")
    half = len(s) // 2
    return len(s) >= 6 and len(s) % 2 == 0 and s[:half] == s[half:]


def script_share(line: str) -> float:
    """Share of letters in Latin script (1.0 for English text, ~0 for Hebrew or Arabic)."""
    letters = [ch for ch in line if ch.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    return latin / len(letters)


STOPWORDS = frozenset(
    "a an the and or but of in on at to for from by with about over after before as is are was were be been "
    "has have had it its this that these those their his her he she they we you i not no into than then "
    "will would could should may might can said says up out new more".split()
)


def content_words(text: str) -> set[str]:
    """Lower-cased words that carry meaning (stop words and one-letter words removed)."""
    return {w.lower() for w in words(text) if len(w) > 1 and w.lower() not in STOPWORDS}


def lower_case_words(text: str) -> set[str]:
    """The words ``text`` writes in lower case: a capitalised word that is among them is an
    ordinary word put first in a sentence or a headline, not a name."""
    return set(re.findall(r"\b[a-z][a-z'’-]*\b", text))


_CAPS_LEAD = re.compile(r"^(?:[A-Z][A-Z'’-]*\s+){1,4}(?=[a-z])")  # 'TRAVEL agency...', 'A MUM of two...'


def sentence_case_lead(body: str) -> str:
    """A tabloid's opening words in capitals in sentence case: 'TRAVEL agency firm X has'
    -> 'Travel agency firm X has', 'A MUM of two' -> 'A mum of two'. Only when each word of
    three letters or more is an ordinary word, written in lower case elsewhere in the body, and
    not a stop word; an acronym stays ('NASA scientists', 'WHO officials', 'US troops')."""
    m = _CAPS_LEAD.match(body)
    if not m:
        return body
    lead = m.group(0).split()
    long_ = [w for w in lead if len(w) >= 3]
    lower = lower_case_words(body[m.end():])
    from spacy.lang.en.stop_words import STOP_WORDS  # the full list: 'who', 'whose', 'us'

    if not long_ or any(w.lower() in STOP_WORDS or w.lower() not in lower for w in long_):
        return body
    cased = " ".join([lead[0][:1] + lead[0][1:].lower()] + [w.lower() for w in lead[1:]])
    return cased + body[len(cased):] if len(cased) == len(m.group(0).rstrip()) else body


_OPENERS = "\"“‘'($£€#¿¡"


def is_sentence_piece(text: str) -> bool:
    """A piece of a sentence, cut by the scrape or the splitter: it opens in lower case or with
    stray punctuation ('| Getty ...', '— Name (@handle) date', '[the minister] a rich man'), leaves
    a bracket open, or leads into a list or a quotation that is not part of it ('According to the
    suit:')."""
    first = text[:1]
    return first.islower() or not (first.isalnum() or first in _OPENERS) or opens_bracket(text) or text.endswith(":") or bool(_TITLE_TAIL.match(text))


_TITLE_TAIL = re.compile(r"^[\w.]{1,6},?[”\"’]\s+[a-z]")  # the end of a title cut off at 'Vol.': '2,” which opened in 2019, ...'


_ROLE = r"(?:correspondent|reporter|editor(?:-at-large|-in-chief)?|columnist|writer|contributor|journalist|producer|anchor|critic|blogger|commentator)"
# 'Jane Roe is the Daily Planet's science correspondent, covering health and family.'
_AUTHOR_BIO = re.compile(
    rf"^(?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){{1,3}}) is (?:a|an|the|[A-Z][\w&.'’ -]{{0,40}}['’]s)\s(?:[\w'’-]+,?\s){{0,5}}{_ROLE}s?"
    r"(?:,?\s(?:for|at|with|of|based|covering|who covers|who writes|and|in)\b[^.!?]*)?[.!?]"
)
_BIO_MORE = re.compile(r"^(?:read|follow|see|find)\s+(?:her|his|their|my|more)\b", re.IGNORECASE)  # 'Follow her on Twitter.', 'Read more of her work here.'


def author_bio(line: str) -> str | None:
    """The author's name when ``line`` is a note on who wrote the article ('Jane Roe is the Daily
    Planet's science correspondent, covering health. Follow her on Twitter.'), else None."""
    m = _AUTHOR_BIO.match(line)
    if not m:
        return None
    rest = line[m.end() :].strip()
    if rest and not (_BIO_MORE.match(rest) or is_pointer(rest) or has_ui_words(rest)):
        return None
    return m.group("name")


OPENING_PRONOUNS = r"he|she|it|they|this|that|these|those|his|her|their|its"  # an opening that points back to what came before
_LEANING_OPENER = re.compile(rf"^(?:{OPENING_PRONOUNS}|i|we|but|and|so|yet|however|meanwhile|instead)\b", re.IGNORECASE)


def leans_on_context(text: str) -> bool:
    """A sentence that leans on the one before it: it opens with a quotation mark, a pronoun or a
    connective ('He said...', 'But the council...', '"We will..."'), or in lower case. Such a
    sentence can stand for a claim only when no other sentence of the claim stands alone."""
    t = text.lstrip()
    return not t or t[0] in "\"“‘'" or t[0].islower() or bool(_LEANING_OPENER.match(t))


def is_pointer(text: str) -> bool:
    """A line or sentence sending the reader elsewhere on the page ('Watch the full interview
    below.', 'Read our guide to the new rules here.'), not part of the report."""
    return len(words(text)) <= 16 and bool(_POINTER.match(text.strip()))


def is_aside_or_heading(text: str) -> bool:
    """A bracketed aside ('(Read more about how volcanoes form.)') or a line in capitals
    (a heading or a question the page puts to the reader), not a sentence of the report."""
    return (text.startswith("(") and text.rstrip(".").endswith(")")) or in_capitals(text)


_QUOTED = re.compile(r"“([^”]{3,300})”|\"([^\"]{3,300})\"|(?<![\w’'])[‘']([^’'\n]{3,300})[’'](?!\w)")


_TITLE_SMALL = frozenset("a an and at by for in of on or the to with".split())  # lower case inside a title: "State of the Union"


def quotations(text: str) -> list[tuple[str, ...]]:
    """The quotations of a sentence as lower-case words: those with a content word, not in title
    case (the name of a film, a book or a show: "Kill Bill", "State of the Union")."""
    out = []
    for m in _QUOTED.finditer(text):
        said = next(g for g in m.groups() if g is not None)
        raw = re.findall(r"[\w’'-]+", said)
        if raw and content_words(said) and not _title_case(raw):
            out.append(tuple(w.lower() for w in raw))
    return out


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the quoted words of a sentence, the marks left out."""
    return [m.span(next(k for k in (1, 2, 3) if m.group(k) is not None)) for m in _QUOTED.finditer(text)]


def _title_case(words: list[str]) -> bool:
    """Every word capitalised (or not a word), but for the small words a title keeps in lower case."""
    return words[0][:1].isupper() and all(w[:1].isupper() or not w[:1].isalpha() or w in _TITLE_SMALL for w in words)


def is_question(text: str) -> bool:
    """Ends with a question mark outside any quotation: the sentence asks and states no fact
    ('What will the rocket carry?'), unlike one that reports a question ('... his first comment was
    "did you steal them?"')."""
    return text.rstrip().rstrip(")]").endswith("?")
