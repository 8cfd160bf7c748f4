"""Text-only boilerplate removal for plain-text dumps of news pages.

Input: the plain text of a whole page (Common Crawl WET record, pasted page),
one text block per line, still carrying menus, teaser lists, cookie notices,
comment forms, forum chrome, widgets and so on.  Output: the headline (if one
can be identified) and the article body lines.

Algorithm (see docs/text-cleaning.md):
1. Split into non-empty stripped lines; strip stray HTML tags / entities.
2. Hard rules flag lines that are boilerplate whatever their context (cookie
   notices, forum chrome, "Related articles" headers, hashtag rows, crypto /
   promotional spam, lines in another script than the page, lines seen on many
   pages of the same site).
3. Every line gets a logistic score from generic features of the line and its
   context (length, terminal punctuation, function-word density, title-case
   ratio, digits, date-likeness, numbered items, duplicates in the page, runs of
   headline-like lines, whether a "related"/"comments" marker precedes it).
   The 19 weights are constants below, fitted by ``bench/text_only.py --fit``.
4. A max-sum contiguous block over (score - threshold, floored per line) gives
   the main block; lines inside it with a not-too-low score are kept, plus
   strong prose lines just outside it.  The headline is looked for just above
   the block (headline shape, printed twice, shares words with the body).

Everything is deterministic pure Python; every output line is ``strip_tags``
of some input line.
"""
from __future__ import annotations

import html
import math
import operator
import re
from dataclasses import dataclass

__all__ = ["CleanText", "clean_text", "strip_tags", "unwrap_hard_wrapped"]

# ---------------------------------------------------------------------------
# tag stripping
# ---------------------------------------------------------------------------
_TAG_RE = re.compile(
    r"<!--.*?(?:-->|$)"  # comments
    r"|<!\[CDATA\[|\]\]>"
    r"|</?[A-Za-z][A-Za-z0-9:_-]*(?:\s+[^<>]*?)?\s*/?>",  # real-looking tags
    re.S,
)

_BLOCK_TAGS = frozenset(
    "p br div li ul ol tr td th table h1 h2 h3 h4 h5 h6 section article header footer blockquote hr dd dt dl "
    "figure figcaption nav aside main pre option".split()
)
_TAG_NAME_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")


# HTML's element names (and the SVG / MathML ones seen in dumps): a "<Word ...>" whose name is
# none of these and that has no attribute ("=") and no hyphen (a custom element) is text, not a
# tag: wire copy brackets company names and tickers ("<Associated Porcupine Mines Ltd> said",
# "Texas Air Corp's <TEX>"), which were cut out with their sentence's subject.
_HTML_TAG_NAMES = frozenset((
    "a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body br button canvas "
    "caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed "
    "fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i "
    "iframe img input ins kbd label legend li link main map mark marquee menu meta meter nav nobr noframes "
    "noscript object ol optgroup option output p param picture plaintext pre progress q rp rt ruby s samp "
    "script search section select slot small source span strike strong style sub summary sup table tbody td "
    "template textarea tfoot th thead time title tr track tt u ul var video wbr svg path g circle rect line "
    "polyline polygon use defs symbol math mi mo mn msup mrow image xml fb amp-img").split())


def _is_tag(tag: str) -> bool:
    nm = _TAG_NAME_RE.match(tag)
    if nm is None:
        return True       # a comment or CDATA marker
    name = nm.group(1).lower()
    return name in _HTML_TAG_NAMES or "-" in tag.split()[0] or "=" in tag or ":" in name


def _tag_repl(m: re.Match) -> str:
    tag = m.group(0)
    if not _is_tag(tag):
        return tag        # "<Associated Porcupine Mines Ltd>": a bracketed name in wire copy
    nm = _TAG_NAME_RE.match(tag)
    # inline tags (<a>, <b>, <span> ...) vanish; block-level tags separate words
    if nm is not None and nm.group(1).lower() not in _BLOCK_TAGS:
        return ""
    return " "


def strip_tags(line: str) -> str:
    """Remove HTML tags, unescape entities, normalise whitespace; keep the text."""
    try:
        if "<" in line:
            line = _TAG_RE.sub(_tag_repl, line)
        if "&" in line:
            line = html.unescape(line)
        return " ".join(line.split())
    except Exception:  # pragma: no cover - defensive, str input never fails
        return " ".join(str(line).split())


@dataclass(slots=True)
class CleanText:
    title: str | None
    text: str
    kept: list[int]


# ---------------------------------------------------------------------------
# lexicons / patterns (generic, multilingual-ish)
# ---------------------------------------------------------------------------
_WORD_RE = re.compile(r"\w+", re.U)
_TERMINAL = (".", "!", "?", '"', "”", "’", "'", "»", ")", "…", ":", ";", "。", "！", "？", "」")

# function words for several languages: prose has many, menus / headlines few
_STOP = frozenset(
    """
a an the and or but of to in on at by for with from as is are was were be been being it its this that these those
he she they we you i his her their our your my not no have has had do does did will would can could should may might
there which who whom what when where why how than then so if into over after before about also just more most such
el la los las de del y o en un una que por con para es se no al lo le su sus como pero más ya fue son ha
o a os as do da dos das e em um uma que por com para é se não ao no na nos nas seu sua como mas mais foi são
le la les des du de et ou en un une que qui pour par avec est sont pas au aux ce cette il elle ils sur dans plus
der die das und oder in im ein eine einen dem den des zu mit für von ist sind nicht auf auch es sie er wir bei aus
il lo la gli le di da e o in un una che per con è sono non del della al nel si come ma più anche
de het een en of in op te van voor met is zijn niet dat die er ook aan bij
и в не на что с по как а он она они это к но из у за от же так все его её был была было были о
""".split()
)

# distinctive function words per Latin-script language, to spot lines in another
# language than the article (e.g. an English widget line on a Portuguese page)
_LANG_STOP = {
    "en": frozenset("the and of to is are was were with that this for from have has been which would will they their what when".split()),
    "es": frozenset("el los las del y que con para por una es pero más fue son como sus muy también".split()),
    "pt": frozenset("o os do da dos das em que com para uma não são mais foi como seu sua ao na no também".split()),
    "fr": frozenset("le les des du et est une que qui pour avec sont pas dans sur au aux ce cette".split()),
    "de": frozenset("der die das und ist nicht mit für von auf den dem ein eine sich auch wird sind".split()),
    "it": frozenset("il di che è per con non una sono della del nel gli anche più".split()),
    "nl": frozenset("de het een en van niet dat die voor met zijn ook aan bij wordt".split()),
    "id": frozenset("yang dan di dengan untuk ini itu dari tidak akan dalam ke ada".split()),
}

# soft boilerplate vocabulary (only meaningful on short-ish lines)
_BOILER_SOFT = re.compile(
    r"\b(?:sign ?in|sign ?up|log ?in|log ?out|login|logout|register|subscribe|subscription|newsletter|"
    r"advertisement|advertising|advertise|sponsored|promoted|share|shares|tweet|follow us|follow|"
    r"facebook|twitter|instagram|linkedin|pinterest|whatsapp|telegram|youtube|reddit|email|e-mail|print|"
    r"comments?|reply|replies|posted|permalink|read more|read next|see more|load more|show more|view all|"
    r"related|recommended|popular|trending|most read|more from|more stories|you may also like|also read|"
    r"privacy|cookies?|terms of (?:use|service)|all rights reserved|copyright|contact us|about us|"
    r"menu|search|home|skip to|jump to|back to top|next article|previous article|next post|previous post|"
    r"tags?|filed under|categories|category|archives?|photo|image|video|gallery|caption|credit|getty|reuters|"
    r"click here|download|app store|google play|members?|joined|likes?|views?)\b",
    re.I,
)

# hard boilerplate: removed whatever the context
_BOILER_HARD = re.compile(
    r"(?:^|\b)(?:"
    r"jump to content|skip to (?:main )?content|skip to (?:site )?(?:index|navigation)|"
    r"recommended posts|reply to this topic|start new topic|"
    r"this is the hidden content|hidden content|please (?:log ?in|sign ?in|register) to (?:see|view|reply)|"
    r"you need to be a member|create an account or sign in|already have an account|"
    r"share this post|link to post|report post|quote post|"
    r"posted (?:just now|\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago)|"
    r"leave a (?:reply|comment)|post a comment|add a comment|write a comment|"
    r"your email address will not be published|required fields are marked|"
    r"save my name,? email|notify me of (?:new|follow-up)|"
    r"related (?:articles?|posts?|stories|news|content|coverage|topics)|similar (?:news|articles?|posts?|stories)|"
    r"you (?:may|might) also (?:like|enjoy|be interested)|more (?:stories|news|articles) (?:from|like this)|"
    r"recommended for you|most (?:popular|read|viewed|shared|commented)|don'?t miss|"
    r"all rights reserved|terms of (?:use|service)|privacy policy|cookie (?:policy|settings|preferences)|"
    r"we use cookies|uses cookies|this (?:website|site) uses|by (?:continuing|using) (?:to (?:use|browse) )?(?:this|our) (?:site|website)|"
    r"accept (?:all )?cookies|manage (?:your )?cookies|"
    r"sign up for (?:our|the) newsletter|subscribe to (?:our|the) newsletter|"
    r"editor'?s? (?:message|note:? this (?:post|topic))|the editor has|moderator note|"
    r"thanks for (?:signing up|subscribing)|unsubscribe at any time|no spam|error processing your subscription"
    r")",
    re.I,
)

_SECTION_MARKER = re.compile(
    r"^(?:[^\w]*)(?:related(?: (?:articles?|posts?|stories|news|content|coverage|links|topics|reading))?|"
    r"similar (?:news|articles?|posts?|stories)|read (?:also|more|next)|also read|see also|more (?:from|on|in|news|stories)\b.*|"
    r"you (?:may|might) also (?:like|enjoy)\b.*|recommended(?: for you| posts| stories| reading)?|"
    r"most (?:popular|read|viewed|shared)\b.*|popular(?: posts| stories| now)?|trending(?: now| stories)?|"
    r"latest(?: news| stories| posts)?|top stories|more stories|comments?(?: \(\d+\))?|\d+ comments?|"
    r"leave a (?:reply|comment)|join the (?:conversation|discussion)|discussion|"
    r"похожие новости|читайте также|см\. также|leia também|veja também|lesen sie auch|à lire aussi|lire aussi|"
    r"noticias relacionadas|notizie correlate|tags?|topics)\s*:?\s*$",
    re.I,
)

_COMMENT_START = re.compile(
    r"^(?:\d+ (?:responses?|comments?|replies|reactions?)\b.{0,120}|(?:reader )?comments?(?: \(\d+\))?:?|"
    r"leave a (?:reply|comment).{0,40}|join the (?:conversation|discussion)|add (?:a|your) comment|post a comment|"
    r"show comments|view comments|load comments|\d+ thoughts on .{0,120}|have your say|discussion|comentários|comentarios|"
    r"commentaires|kommentare|комментарии)\s*$",
    re.I,
)
_SAYS_RE = re.compile(r"^\S+(?: \S+){0,3} (?:says|said|wrote|writes|replied):?$", re.I)

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_RE = re.compile(
    r"\b(?:\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|"
    r"(?:" + _MONTHS + r")\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2} (?:" + _MONTHS + r")\.? \d{4}|"
    r"\d+ (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago|yesterday|today|"
    r"updated|published)\b",
    re.I,
)
_HASHTAG_RE = re.compile(r"(?:^|\s)#\w+", re.U)
_URL_RE = re.compile(r"https?://|www\.|\.(?:com|net|org|io)\b|@\w{3,}", re.I)
_CRYPTO_RE = re.compile(
    r"\b(?:bitcoin|btc|crypto(?:currency|currencies)?|ethereum|eth|usdt|binance|airdrop|nft|forex|token presale|defi)\b",
    re.I,
)
_PROMO_RE = re.compile(
    r"\b(?:earn|profit|profits|bonus|giveaway|free|guaranteed|double your|invest(?:ment)? (?:plan|platform)|"
    r"sign ?up|join (?:now|us|our)|click|telegram|whatsapp|dm|contact|promo(?:tion)? code|use code|"
    r"limited (?:time|offer)|buy now|order now|act now|per (?:day|week)|daily|withdraw|deposit|\d+x|\d+%)\b",
    re.I,
)
_SPAM_STRONG = re.compile(
    r"\b(?:buy now|order now|click here to (?:buy|order|get|claim|download)|limited[- ]time offer|"
    r"use (?:promo )?code|promo code|discount code|coupon code|claim your (?:free )?|"
    r"work from home and earn|make \$?\d+[kK]? (?:a|per) (?:day|week|month)|casino bonus|free spins)\b",
    re.I,
)
_DIGIT_RE = re.compile(r"\d")
_INIT_RE = re.compile(r"\b\w")
# photo captions / credits and "READ MORE:"-style inline teasers
_CAPTION_RE = re.compile(
    r"(?:\((?:image|images|photo|photos|picture|pic|foto|credit|source|video)s?\s*:[^()]{0,80}\)\s*\|?$"
    r"|\b(?:photo|image|picture|foto|credit)s?\s*:\s*[^.!?]{0,80}$"
    r"|\b(?:getty images|shutterstock|afp|associated press|reuters|ap photo|epa)\s*\)?$)",
    re.I,
)
_CAPTION_GATE = frozenset(
    "image images photo photos picture pictures pic pics foto fotos credit credits source sources video videos "
    "getty shutterstock afp press reuters ap epa".split()
)
_TEASER_PREFIX = re.compile(
    r"^(?:[^\w]{0,3})(?:see (?:more|also)|read (?:more|also|next)|related|more|watch|listen|also read|"
    r"recommended|trending|popular|leia (?:mais|também)|lesen sie auch|lire aussi|читайте также)\s*[:|»>]",
    re.I,
)
# token gates: a regex below can only match when one of these tokens is present
_SOFT_GATE = frozenset(
    """sign signin signup log login logout register subscribe subscription newsletter advertisement advertising
    advertise sponsored promoted share shares tweet follow facebook twitter instagram linkedin pinterest whatsapp
    telegram youtube reddit email e print comment comments reply replies posted permalink read see load show view
    related recommended popular trending most more you also privacy cookie cookies terms all copyright contact about
    menu search home skip jump back next previous tag tags filed categories category archive archives photo image
    video gallery caption credit getty reuters click download app google member members joined like likes views""".split()
)
_HARD_GATE = frozenset(
    """jump skip recommended reply topic hidden please member account share link report quote posted leave comment
    post add write email required save notify related similar also stories news articles popular read viewed shared
    commented miss reserved terms privacy cookie cookies uses continuing using accept manage newsletter editor
    editors moderator thanks unsubscribe spam subscription""".split()
)
_DATE_GATE = frozenset("yesterday today updated published ago".split())
_COOKIE_GATE = frozenset("use uses using accept consent browsing experience".split())
_SPAM_GATE = frozenset("buy order click limited use promo discount coupon claim work make casino free".split())
_CRYPTO_GATE = frozenset(
    "bitcoin btc crypto cryptocurrency cryptocurrencies ethereum eth usdt binance airdrop nft forex token defi".split()
)
# leading bullet characters (text dumps often print <li> items, menus included, with one)
_BULLET_RE = re.compile(r"^[•·●▪■◦*+\-–—►»✓✔]+\s*")
_NUM_MARK = re.compile(r"^(?:\d{1,2}[.)]\s|[a-z][.)]\s)")
_SEP_RE = re.compile(r"[|•·»›/]")

# scripts: (name, regex) for non-Latin scripts; Latin is the fallback
_SCRIPTS = (
    ("cyr", re.compile(r"[\u0400-\u052f]")),
    ("grk", re.compile(r"[\u0370-\u03ff]")),
    ("arb", re.compile(r"[\u0600-\u06ff\u0750-\u077f]")),
    ("heb", re.compile(r"[\u0590-\u05ff]")),
    ("cjk", re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")),
    ("kor", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("ind", re.compile(r"[\u0900-\u0dff]")),
    ("tha", re.compile(r"[\u0e00-\u0e7f]")),
)
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _script_counts(s: str) -> dict[str, int]:
    if s.isascii():
        n = len(_LATIN_RE.findall(s))
        return {"lat": n} if n else {}
    out = {}
    n = len(_LATIN_RE.findall(s))
    if n:
        out["lat"] = n
    for name, rx in _SCRIPTS:
        c = len(rx.findall(s))
        if c:
            out[name] = c
    return out


# ---------------------------------------------------------------------------
# features
# ---------------------------------------------------------------------------
_FEATURE_NAMES = (
    "log_chars",
    "log_words",
    "terminal_punct",
    "titlecase_ratio",
    "digit_ratio",
    "soft_boiler_short",
    "date_like_short",
    "dup_in_page",
    "stopword_density",
    "commas_per_word",
    "list_marker",
    "very_short",
    "separators",
    "lowercase_start",
    "ellipsis_end",
    "after_section_marker",
    "section_marker",
    "in_comments",
    "headline_run",
)

# fitted by `bench/text_only.py --fit` (L2 logistic regression, lambda=1) on the EVEN
# pages of the primary variant; the odd pages are the held-out report
_WEIGHTS = (
    +0.7426,  # log_chars
    +2.4332,  # log_words
    +0.3078,  # terminal_punct
    -1.2857,  # titlecase_ratio
    +0.7376,  # digit_ratio
    -1.6161,  # soft_boiler_short
    -2.0365,  # date_like_short
    -0.2699,  # dup_in_page
    -0.4204,  # stopword_density
    +2.6529,  # commas_per_word
    +2.4703,  # list_marker
    -1.2017,  # very_short
    -1.8797,  # separators
    -0.4380,  # lowercase_start
    -1.5091,  # ellipsis_end
    -3.0110,  # after_section_marker
    -1.3184,  # section_marker
    -4.5447,  # in_comments
    -1.5224,  # headline_run
)
_BIAS = -1.3155

# decision thresholds (tuned on the EVEN pages of the primary variant)
_T_BLOCK = -0.5  # logit threshold for the max-sum main block
_T_KEEP = -3.0  # inside the block, keep lines whose logit is above this
_T_OUT = 2.5  # outside the block, keep lines whose logit is above this
_T_OUT_DIST = 6  # ...if within this many lines of the block
_HARD_PEN = 1.5  # block-score penalty of a hard-rule line (section markers: 4)
_FLOOR = 1.5  # a single line costs the block at most this much
_MARGIN = 2.5  # block threshold is at most (3rd best line score - margin)


@dataclass(slots=True)
class _Line:
    idx: int  # index into the input's non-empty stripped lines
    text: str  # strip_tags'ed text
    words: int
    prose: bool
    hard: bool
    marker: bool = False


def _prepare(text: str) -> tuple[list[_Line], list[str]]:
    raw = [x.strip() for x in text.split("\n")]
    raw = [x for x in raw if x]
    lines: list[_Line] = []
    for i, r in enumerate(raw):
        t = strip_tags(r)
        if not t:
            continue
        lines.append(_Line(i, t, 0, False, False))
    return lines, raw


def _is_spam(t: str, tset: set[str]) -> bool:
    if not _SPAM_GATE.isdisjoint(tset) and _SPAM_STRONG.search(t):
        return True
    if not _CRYPTO_GATE.isdisjoint(tset) and _CRYPTO_RE.search(t):
        promo = len(_PROMO_RE.findall(t))
        extra = bool(_URL_RE.search(t)) + ("!" in t) + bool(re.search(r"[\U0001F300-\U0001FAFF\u2600-\u27bf]", t))
        caps = sum(1 for w in t.split() if len(w) > 3 and w.isupper())
        if promo >= 2 or (promo >= 1 and (extra or caps >= 2)):
            return True
    return False


# Per-line features that depend on the line alone are memoised by text: menus,
# footers and share rows repeat across the pages of a site. Bounded; pure cache.
_LINE_CACHE: dict[str, tuple] = {}
_LINE_CACHE_MAX = 200_000


_ARROWS = frozenset("▲▼△▽↑↓⬆⬇")


def _is_widget(t: str, toks: list[str]) -> bool:
    """Market tickers and weather widgets: runs of numbers, arrows, degrees and
    separators with hardly any words ("USD/RUB 88.91 ▼0.42 | Brent 75.84 ▲0.69",
    "London 12°C Cloudy | Paris 15°C")."""
    if not toks:
        return False
    numeric = sum(1 for x in toks if x.isdigit()) / len(toks)
    if "°" in t and len(toks) <= 12 and numeric > 0:
        return True
    seps = len(_SEP_RE.findall(t)) + sum(1 for c in t if c in _ARROWS)
    return numeric >= 0.4 and seps >= 2


def _line_info(t: str) -> tuple:
    # features are computed on the line without its bullet; a bullet (or "1.")
    # only counts as a list item of the article when the item has some content
    bullet = False
    m = _BULLET_RE.match(t)
    if m is not None and m.end() < len(t):
        bullet = True
        t = t[m.end() :]
    lw = t.lower()
    toks = _WORD_RE.findall(lw)
    w = len(toks)
    ch = len(t)
    term = t.endswith(_TERMINAL)
    tset = set(toks) if w <= 80 else None
    swd = sum(map(_STOP.__contains__, toks)) / w if w else 0.0
    if w:
        fl = "".join(_INIT_RE.findall(t))
        tc = sum(map(str.isupper, fl)) / w
    else:
        tc = 0.0
    ndig = len(_DIGIT_RE.findall(t))
    soft = 1.0 if (w <= 12 and not _SOFT_GATE.isdisjoint(tset) and _BOILER_SOFT.search(t)) else 0.0
    date_like = 1.0 if (w <= 14 and (ndig or not _DATE_GATE.isdisjoint(tset)) and _DATE_RE.search(t)) else 0.0
    is_marker = bool(w <= 8 and _SECTION_MARKER.match(t))
    cm = False
    if w <= 25 and _COMMENT_START.match(t):
        cm = is_marker = True
    # hard rules that depend on the line alone
    h = (
        (w <= 40 and not _HARD_GATE.isdisjoint(tset) and _BOILER_HARD.search(t) is not None)
        or ("cookie" in lw and w <= 80 and not _COOKIE_GATE.isdisjoint(tset))
        or ("#" in t and len(_HASHTAG_RE.findall(t)) >= max(2, 0.5 * w))
        or (tset is not None and _is_spam(t, tset))
        or is_marker
        or (w <= 5 and _SAYS_RE.match(t) is not None)
        or (not term and _is_widget(t, toks))
        or (
            w <= 40
            and (
                _TEASER_PREFIX.match(t) is not None
                or (not _CAPTION_GATE.isdisjoint(tset) and _CAPTION_RE.search(t) is not None)
            )
        )
    )
    lang_hits = {k: sum(map(v.__contains__, toks)) for k, v in _LANG_STOP.items()} if w >= 5 else None
    asc = t.isascii()
    sc = None if asc else _script_counts(t)
    base = (
        math.log1p(ch) / 6.0,
        math.log1p(w) / 4.0,
        1.0 if term else 0.0,
        tc,
        ndig / ch if ch else 0.0,
        soft,
        date_like,
        0.0,  # dup_in_page: page-dependent, filled in by _features
        swd,
        min(t.count(",") / w, 0.5) if w else 0.0,
        1.0 if (_NUM_MARK.match(t) and w >= 4) else 0.0,
        1.0 if w <= 3 else 0.0,
        min(len(_SEP_RE.findall(t)), 5) / 5.0,
        1.0 if t[:1].islower() else 0.0,
        1.0 if (w >= 4 and t.endswith(("...", "…"))) else 0.0,
    )
    return (w, ch, term, swd, base, is_marker, cm, bool(h), lang_hits, asc, sc)


def _features(lines: list[_Line], repeated_lines) -> tuple[list[list[float]], list[bool]]:
    n = len(lines)
    texts = [ln.text for ln in lines]
    cache = _LINE_CACHE
    infos = []
    for t in texts:
        info = cache.get(t)
        if info is None:
            info = _line_info(t)
            if len(cache) >= _LINE_CACHE_MAX:
                cache.clear()
            cache[t] = info
        infos.append(info)
    # page-level script: weighted by letters in longer lines
    script_tot: dict[str, int] = {}
    for info in infos:
        if info[1] >= 40:
            if info[9]:
                script_tot["lat"] = script_tot.get("lat", 0) + info[1]
            elif info[10]:
                for k, v in info[10].items():
                    script_tot[k] = script_tot.get(k, 0) + v
    page_script = max(script_tot, key=script_tot.get) if script_tot else None
    counts: dict[str, int] = {}
    for t in texts:
        counts[t] = counts.get(t, 0) + 1

    base = []
    prose = [False] * n
    hard = [False] * n
    marker = [False] * n
    cmark = [False] * n
    wcount = [0] * n
    latin = page_script == "lat"
    cjk_like = page_script in ("cjk", "kor", "tha")
    lang_hits: list = [None] * n
    for i, t in enumerate(texts):
        w, ch, term, swd, b, is_marker, cm, h, lh, asc, sc = infos[i]
        wcount[i] = w
        lang_hits[i] = lh if latin else None
        # prose: a real sentence-like line
        if cjk_like:
            prose[i] = ch >= 60 and term
        else:
            prose[i] = w >= 12 and term and swd >= 0.12
        marker[i] = is_marker
        cmark[i] = cm
        if not h:
            if t in repeated_lines:
                h = True
            elif page_script is not None and not (latin and asc):
                if sc is None:
                    sc = _script_counts(t)
                if sc:
                    tot = sum(sc.values())
                    if sc.get(page_script, 0) < 0.5 * tot and tot >= 2:
                        h = True
        hard[i] = h
        f = list(b)
        if counts[t] > 1:
            f[7] = 1.0
        base.append(f)

    # lines in another Latin-script language than the article's prose
    if latin:
        tot: dict[str, int] = {}
        for i in range(n):
            lh = lang_hits[i]
            if lh is not None and prose[i]:
                for k, v in lh.items():
                    tot[k] = tot.get(k, 0) + v
        if tot:
            lang = max(tot, key=tot.get)
            for i in range(n):
                lh = lang_hits[i]
                if lh is not None and not hard[i] and lh[lang] == 0:
                    other = max(v for k, v in lh.items() if k != lang)
                    if other >= 2 and other >= 0.25 * wcount[i]:
                        hard[i] = True
    # after a section marker, until the next prose line
    after = [0.0] * n
    active = False
    for i in range(n):
        if prose[i]:
            active = False
        after[i] = 1.0 if active else 0.0
        if marker[i]:
            active = True
    # comment section: after a comment marker that follows some prose
    in_com = [0.0] * n
    seen_prose = 0
    on = False
    for i in range(n):
        if on:
            in_com[i] = 1.0
        if prose[i]:
            seen_prose += 1
        if cmark[i] and seen_prose >= 2:
            # a "Comments" item inside a share / link bar is not a section start
            if not (0 < i < n - 1 and wcount[i - 1] <= 2 and wcount[i + 1] <= 2):
                on = True
    # runs of >= 3 headline-like lines (3..20 words, no terminal punctuation)
    hl = [(3 <= wcount[i] <= 20 and not texts[i].endswith(_TERMINAL)) for i in range(n)]
    run = [0.0] * n
    i = 0
    while i < n:
        if hl[i]:
            j = i
            while j < n and (hl[j] or (wcount[j] <= 2 and not prose[j])):
                j += 1
            cnt = sum(hl[i:j])
            if cnt >= 3:
                for k in range(i, j):
                    run[k] = 1.0
            i = j
        else:
            i += 1
    feats = []
    for i in range(n):
        f = base[i]
        f.append(after[i])
        f.append(1.0 if marker[i] else 0.0)
        f.append(in_com[i])
        f.append(run[i])
        feats.append(f)
    for i in range(n):
        lines[i].words = wcount[i]
        lines[i].prose = prose[i]
        lines[i].hard = hard[i]
        lines[i].marker = marker[i]
    return feats, hard


def _max_block(scores: list[float]) -> tuple[int, int]:
    best = 0.0
    bs, be = 0, -1
    cur = 0.0
    cs = 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur = s
            cs = i
        else:
            cur += s
        if cur > best:
            best = cur
            bs, be = cs, i
    return bs, be


_TITLE_BAD_END = (".", ":", ";", ",")


_BYLINE_RE = re.compile(
    r"^(?:by|posted|published|updated|written|last (?:updated|modified)|words|photo|image|source|credit|"
    r"por|von|par|da|di|автор|опубликовано)\b",
    re.I,
)


def _find_title(lines: list[_Line], start: int, body_words: set[str]) -> int | None:
    """Index (into lines) of the headline, searched just above the main block.

    Signals: headline shape (3..30 words, no sentence-final period, not a date /
    byline / boilerplate line), printed twice on the page (title + h1), shares
    its content words with the body, close above the body.
    """
    if not lines:
        return None
    lo = max(0, start - 40)
    cands = []
    top = start if start < len(lines) and not lines[start].prose else start - 1
    window = lines[lo : min(len(lines), start + 2)]
    for j in range(top, lo - 1, -1):
        ln = lines[j]
        if ln.hard:
            continue
        w = ln.words
        if w < 3 or w > 30 or len(ln.text) > 250:
            continue
        t = ln.text
        if t.endswith(_TITLE_BAD_END) and not t.endswith("..."):
            continue
        if _BYLINE_RE.match(t) or _DATE_RE.search(t) and w <= 12:
            continue
        if w <= 6 and _BOILER_SOFT.search(t):
            continue
        if not (t[:1].isupper() or t[:1].isdigit() or not t[:1].isalpha()):
            continue
        toks = [x for x in _WORD_RE.findall(t.lower()) if len(x) >= 4 and x not in _STOP]
        hits = sum(1 for x in toks if x in body_words)
        ov = hits / len(toks) if toks else 0.0
        # a headline is often printed twice (page title + h1, og:title ...)
        rep = sum(1 for k in window if k is not ln and k.text == t)
        if not rep and (ov < 0.34 or hits < 2):
            continue
        score = 3.0 * (rep > 0) + 4.0 * ov + min(w, 12) / 12.0 - 0.03 * (start - j)
        cands.append((score, -j, j))
    if not cands:
        return None
    cands.sort(reverse=True)
    return cands[0][2]


# ---------------------------------------------------------------------------
# hard-wrapped text (wire archives, mail, pdftotext): lines cut at a fixed width
# ---------------------------------------------------------------------------
# A text is hard-wrapped when its long lines are cut near one width: at least WRAP_MIN_LINES
# lines of WRAP_MIN_CHARS or more, the longest of them (WRAP_WIDTH_QUANTILE) no wider than
# WRAP_MAX_WIDTH, and at least WRAP_FULL_SHARE of them filling WRAP_FULL_FRACTION of that
# width. A dump with one paragraph per line has lines of hundreds of characters and is left
# alone. Reuters 1987 wraps at about 70 characters; e-mail at 72-78; pdftotext at the page.
WRAP_MIN_LINES = 3
WRAP_MIN_CHARS = 30
WRAP_MAX_WIDTH = 110
WRAP_WIDTH_QUANTILE = 0.9
WRAP_FULL_FRACTION = 0.7
WRAP_FULL_SHARE = 0.5
WRAP_GOES_ON_SHARE = 0.3   # of the full lines, those the next line continues in lower case
# A wrapped line is continued by the next one when it fills at least this much of the width (a
# shorter line ends its paragraph), or when it stops mid-sentence and the next line goes on in
# lower case (a first line cut short upstream), and the next line is not indented deeper (an
# indented line opens a paragraph, as in wire copy).
WRAP_CONTINUED_FRACTION = 0.6
# ... unless it ends a sentence well short of the width and the next line starts a new one
WRAP_ENDED_FRACTION = 0.85
# words that end a company's name and so go on a cut line ("Highveld Steel and Vanadium Corp" +
# "Ltd said it expects ..."); a next line in lower case or starting with a number goes on too
# ("... sales for the" + "five weeks", "is expected to open" + "1.50 to 2.00 dlrs higher")
_NAME_ENDINGS = frozenset("Inc Inc. Ltd Ltd. Corp Corp. Co Co. Plc PLC AG SA NV LLC Limited Corporation".split())
# words no sentence ends with: a line ending in one goes on ("Treasury balances at the Federal" is
# not this, "Cooper Industries Inc asked the" + "Federal Trade Commission" is)
_OPEN_ENDINGS = frozenset("the a an of to in on at by for from with and or its their his her our your".split())


def _wrap_width(lines: list[str]) -> int | None:
    lengths = [len(x) for x in lines]
    long = sorted(n for n in lengths if n >= WRAP_MIN_CHARS)
    if len(long) < WRAP_MIN_LINES:
        return None
    width = long[min(len(long) - 1, int(WRAP_WIDTH_QUANTILE * len(long)))]
    if width > WRAP_MAX_WIDTH:
        return None
    full = [i for i, n in enumerate(lengths) if n >= WRAP_FULL_FRACTION * width and i + 1 < len(lines)]
    if len(full) < WRAP_FULL_SHARE * len(long):
        return None
    # a cut sentence goes on in lower case on the next line ("... from\n62.3 pct", "... 2.75\nbillion");
    # a page of menus and teasers has lines of the same width, each starting a new item
    goes_on = sum(1 for i in full if lines[i + 1][:1].islower() or lines[i + 1][:1].isdigit())
    return width if goes_on >= WRAP_GOES_ON_SHARE * len(full) else None


def unwrap_hard_wrapped(text: str) -> str:
    """The text with hard-wrapped paragraphs joined into one line each ("fell to 60.3 pct
    from\n62.3 pct in February" -> one line), so that sentences, quotes and the line
    classifier see whole paragraphs. Other texts come back unchanged."""
    if not isinstance(text, str) or "\n" not in text:
        return text
    try:
        return _unwrap(text)
    except Exception:  # pragma: no cover - a layout repair must never lose the page
        return text


def _unwrap(text: str) -> str:
    raw = text.split("\n")
    width = _wrap_width([x.strip() for x in raw])
    if width is None:
        return text
    out: list[str] = []
    cur: str | None = None
    cur_last, last_indent = "", 0
    for line in raw:
        body = line.strip()
        indent = len(line) - len(line.lstrip())
        if not body:
            if cur is not None:
                out.append(cur)
                cur = None
            out.append("")
            continue
        full = len(cur_last) >= WRAP_CONTINUED_FRACTION * width
        last_word = cur_last.rsplit(None, 1)[-1].lower() if cur_last else ""
        cut = bool(cur_last) and not cur_last.endswith(_TERMINAL) and (
            body[:1].islower() or body[:1].isdigit() or body.split()[0] in _NAME_ENDINGS
            or last_word in _OPEN_ENDINGS)
        if cur is not None and (full or cut) and indent <= last_indent \
                and not (cur_last.endswith(_TERMINAL) and len(cur_last) < WRAP_ENDED_FRACTION * width
                         and body[:1].isupper()):
            cur += " " + body
        else:
            if cur is not None:
                out.append(cur)
            cur = line.rstrip()
        cur_last, last_indent = body, indent
    if cur is not None:
        out.append(cur)
    return "\n".join(out)


def clean_text(text: str, *, repeated_lines: frozenset[str] | set[str] = frozenset()) -> CleanText:
    """Classify the lines of a plain-text page dump and keep the article. Every output line is
    one input line (``kept`` indexes them): a hard-wrapped dump is joined before, by the caller
    (``unwrap_hard_wrapped``, as ``clean.clean_page`` does)."""
    try:
        return _clean(text, repeated_lines)
    except Exception:  # pragma: no cover - must never raise
        return CleanText(None, "", [])


def _norm_repeated(rep) -> frozenset[str]:
    if not rep:
        return frozenset()
    out = set()
    for r in rep:
        if isinstance(r, str):
            s = strip_tags(r)
            if s:
                out.add(s)
    return frozenset(out)


def _score(lines: list[_Line], rep, weights=None, bias=None) -> tuple[list[float], list[bool]]:
    feats, hard = _features(lines, rep)
    W = _WEIGHTS if weights is None else weights
    b0 = _BIAS if bias is None else bias
    mul = operator.mul
    z = [b0 + sum(map(mul, W, f)) for f in feats]
    return z, hard


def _select(lines: list[_Line], z: list[float], hard: list[bool], params=None) -> tuple[set[int], int, int]:
    t_block, t_keep, t_out, out_dist, margin, hard_pen, floor = params or (
        _T_BLOCK,
        _T_KEEP,
        _T_OUT,
        _T_OUT_DIST,
        _MARGIN,
        _HARD_PEN,
        _FLOOR,
    )
    n = len(lines)
    if n == 0:
        return set(), 0, -1
    # relative threshold: every page is assumed to carry some article, so the
    # block threshold never exceeds (best line score - margin)
    zs = sorted((z[i] for i in range(n) if not hard[i]), reverse=True)
    top = zs[min(2, len(zs) - 1)] if zs else 0.0
    t = min(t_block, top - margin)
    block_scores = [
        ((-4.0 if lines[i].marker else -hard_pen) if hard[i] else max(z[i] - t, -floor)) for i in range(n)
    ]
    bs, be = _max_block(block_scores)
    keep: set[int] = set()
    if be >= bs:
        for i in range(bs, be + 1):
            if not hard[i] and z[i] > min(t_keep, t):
                keep.add(i)
        for i in range(max(0, bs - out_dist), bs):
            if not hard[i] and z[i] > t_out:
                keep.add(i)
        for i in range(be + 1, min(n, be + 1 + out_dist)):
            if not hard[i] and z[i] > t_out:
                keep.add(i)
    return keep, bs, be


def _clean(text: str, repeated_lines) -> CleanText:
    if not isinstance(text, str) or not text.strip():
        return CleanText(None, "", [])
    lines, _ = _prepare(text)
    if not lines:
        return CleanText(None, "", [])
    rep = _norm_repeated(repeated_lines)
    z, hard = _score(lines, rep)
    keep, bs, be = _select(lines, z, hard)
    return _finish(lines, keep, bs, be)


# A trailing rail of unrelated headlines ("Trending", "Latest news": entertainment,
# sport, markets, a crypto presale) can be kept with the article when it follows a short
# story or its lines end with a period. A run of at least this many headline-shaped lines
# after the article's last paragraph ...
MIN_HEADLINE_RUN = 4
HEADLINE_MAX_WORDS = 20      # a longer line is a paragraph, not a headline
PARAGRAPH_MIN_WORDS = 25     # the article before the run has a paragraph at least this long
# ... whose content words are mostly absent from the article (a related follow-up
# shares names with the story; a trending rail does not) is dropped.
HEADLINE_RUN_MAX_OVERLAP = 0.25
_CREDIT_LINE = re.compile(
    r"\b(?:published\s+from|originally\s+(?:appeared|published)|first\s+(?:appeared|published)|"
    r"republished|reprinted|reproduced|not\s+been\s+edited|wire\s+agency|agency\s+feed|syndicated)\b",
    re.I,
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")


def _headline_shaped(t: str, words: int) -> bool:
    return words <= HEADLINE_MAX_WORDS and not _SENTENCE_BREAK.search(t) and not _CREDIT_LINE.search(t)


def _content_words(t: str) -> set[str]:
    return {x for x in _WORD_RE.findall(t.lower()) if len(x) >= 4 and x not in _STOP}


def _drop_trailing_headlines(lines: list[_Line], order: list[int]) -> list[int]:
    """``order`` (kept line indices) minus a trailing run of unrelated headlines."""
    j = len(order)
    while j > 0 and _headline_shaped(lines[order[j - 1]].text, lines[order[j - 1]].words):
        j -= 1
    run = order[j:]
    if len(run) < MIN_HEADLINE_RUN or not any(lines[i].words >= PARAGRAPH_MIN_WORDS for i in order[:j]):
        return order
    article: set[str] = set()
    for i in order[:j]:
        article |= _content_words(lines[i].text)
    shared = [len(cw & article) / len(cw) for cw in (_content_words(lines[i].text) for i in run) if cw]
    if shared and sum(shared) / len(shared) > HEADLINE_RUN_MAX_OVERLAP:
        return order
    return order[:j]


def _finish(lines: list[_Line], keep: set[int], bs: int, be: int) -> CleanText:
    first = min(keep) if keep else (bs if be >= bs else 0)
    body_words = set()
    for i in keep:
        body_words.update(_WORD_RE.findall(lines[i].text.lower()))
    ti = _find_title(lines, first, body_words)
    title = lines[ti].text if ti is not None else None
    if title is not None:
        # the title is never part of the body; drop its duplicates in the body
        keep = {i for i in keep if lines[i].text != title}
    # drop exact duplicate body lines (keep first occurrence)
    seen = set()
    order = []
    for i in sorted(keep):
        t = lines[i].text
        if t in seen:
            continue
        seen.add(t)
        order.append(i)
    order = _drop_trailing_headlines(lines, order)
    return CleanText(title, "\n".join(lines[i].text for i in order), [lines[i].idx for i in order])
