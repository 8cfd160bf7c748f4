"""Render a story dossier to one self-contained offline HTML file, or to Markdown.

The dossier is a plain dict (see docs/dossier.md for its schema). Everything in it
that came from a scraped page is untrusted: every string is HTML-escaped and sits
in its own ``<bdi>`` (its bidi controls cannot reorder the page around it), only
http(s) URLs become links, and the HTML page carries no script, loads nothing
from the network (CSS and the SVG timeline chart are inline) and declares a
Content-Security-Policy that forbids scripts and remote resources anyway.

Output is deterministic: the same dossier gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import re
from collections import defaultdict
from urllib.parse import quote as _pct, urlsplit

__all__ = ["render_html", "render_markdown", "write_report"]

# --------------------------------------------------------------------------- text

# C0/C1 controls (bar tab and newline), DEL and lone surrogates: not valid in an
# HTML document and not encodable as UTF-8. Each is replaced by one U+FFFD so that
# character offsets into article texts stay valid.
_BAD_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _s(value) -> str:
    """A value as clean text ('' for None)."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if "\r" in text:
        # keep offsets: CRLF counts two characters, so CR becomes a space before LF
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    return _BAD_CHARS.sub("\ufffd", text)


# Bidi embedding/override (LRE RLE PDF LRO RLO) and isolate (LRI RLI FSI PDI) controls:
# a stray RLO in a scraped title reverses whatever follows it ("Trojan Source",
# CVE-2021-42574). Openers and the closer that ends them.
_PDF, _PDI = "\u202c", "\u2069"
_BIDI_OPENERS = {"\u202a": _PDF, "\u202b": _PDF, "\u202d": _PDF, "\u202e": _PDF,
                 "\u2066": _PDI, "\u2067": _PDI, "\u2068": _PDI}
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _bidi_balanced(text: str) -> str:
    """The text with every bidi control closed inside it: closers with nothing to close
    are dropped (a stray PDI would end the enclosing isolate early), openers left open
    are closed at the end, as UAX #9 pairs them (a PDI also ends the embeddings within)."""
    if not _BIDI.search(text):
        return text
    out, stack, pos = [], [], 0
    for m in _BIDI.finditer(text):
        ch = m.group()
        out.append(text[pos:m.start()])
        pos = m.end()
        if ch in _BIDI_OPENERS:
            stack.append(ch)
            out.append(ch)
        elif ch == _PDF and stack and _BIDI_OPENERS[stack[-1]] == _PDF:
            stack.pop()
            out.append(ch)
        elif ch == _PDI and any(_BIDI_OPENERS[o] == _PDI for o in stack):
            while _BIDI_OPENERS[stack[-1]] == _PDF:
                out.append(_BIDI_OPENERS[stack.pop()])
            stack.pop()
            out.append(ch)
    out.append(text[pos:])
    out.extend(_BIDI_OPENERS[o] for o in reversed(stack))
    return "".join(out)


def _e(value) -> str:
    """HTML-escaped text for attributes, <title> and SVG text, where no element can isolate
    it: bidi controls are dropped there. Data shown in the page goes through ``_t``."""
    return html.escape(_BIDI.sub("", _s(value)), quote=True)


def _t(value) -> str:
    """Scraped text as page content: escaped, its bidi controls balanced, in its own <bdi>."""
    return f"<bdi>{html.escape(_bidi_balanced(_s(value)), quote=True)}</bdi>"


def _int(value):
    """An int, or None for anything that is not a whole number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,18}", value.strip()):
        return int(value.strip())
    return None


def _list(value) -> list:
    return list(value) if isinstance(value, (list, tuple)) else []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _safe_url(value) -> str | None:
    """The URL when it is an absolute http(s) URL, else None (javascript:, data:, relative...).

    Spaces, control characters and quote/angle characters are percent-encoded or
    refused so the result is safe in an href and in a Markdown autolink."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or len(url) > 4096 or re.search(r"[\x00-\x20\x7f-\x9f\ud800-\udfff\\]", url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if not url[: len(parts.scheme) + 3].lower() == parts.scheme.lower() + "://":
        return None
    return _pct(url, safe="/:?#[]@!$&()*+,;=%~.-_")


def _id_token(value) -> str:
    """An article id as an id/fragment-safe token (injective: other characters become ~hex~)."""
    return re.sub(r"[^A-Za-z0-9_.:-]", lambda m: "~%x~" % ord(m.group()), _s(value)) or "~"


# --------------------------------------------------------------------------- dates

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _parse_date(value, precision=None):
    """(first day, last day, granularity) of a date string, or None when unreadable.

    Accepts YYYY-MM-DD (optionally followed by a time), YYYY-MM and YYYY."""
    text = _s(value).strip()
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T ])", text)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            first = _dt.date(year, int(month), int(day))
            if precision == "week":
                return first, first + _dt.timedelta(days=6), "week"
            return first, first, "day"
        if month:
            first = _dt.date(year, int(month), 1)
            nxt = _dt.date(year + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - _dt.timedelta(days=1), "month"
        return _dt.date(year, 1, 1), _dt.date(year, 12, 31), "year"
    except ValueError:
        return None


def _fmt_date(value, precision=None) -> str:
    """A date string for people: '18 Feb 2025', 'Feb 2025', '2025'; else the raw text."""
    parsed = _parse_date(value, precision)
    if not parsed:
        return _s(value)
    first, _, gran = parsed
    if gran == "year":
        return str(first.year)
    if gran == "month":
        return f"{_MONTHS[first.month - 1]} {first.year}"
    label = f"{first.day} {_MONTHS[first.month - 1]} {first.year}"
    return f"week of {label}" if gran == "week" else label


def _period(story: dict, inferred_days: frozenset = frozenset()) -> str:
    """The story's first – last day; an end that only an inferred article date gives is marked."""
    start, end = story.get("start"), story.get("end")
    fmt = lambda d: _fmt_date(d) + (" (inferred)" if _s(d)[:10] in inferred_days else "")  # noqa: E731
    if start and end and _s(start) != _s(end):
        return f"{fmt(start)} – {fmt(end)}"
    if start or end:
        return fmt(start or end)
    return ""


def _inferred(src: dict) -> dict:
    """The inferred-date record of a source whose shown date is inferred from its text, else {}."""
    inf = src.get("published_inferred")
    return inf if isinstance(inf, dict) and inf.get("date") else {}


def _date_text(src: dict) -> str:
    """A source's date for people; an inferred one says so, with its evidence."""
    label = _fmt_date(src.get("published"))
    inf = _inferred(src)
    if label and inf:
        label += f" (inferred: {_s(inf.get('evidence')) or 'from the text'})"
    return label


def _date_html(src: dict) -> str:
    label = _t(_fmt_date(src.get("published")))
    inf = _inferred(src)
    if label and inf:
        label += (f' <span class="inferred" title="{_e(_s(inf.get("evidence")) or "from the text")}">'
                  f"(inferred)</span>")
    return label


def _inferred_days(ctx) -> frozenset:
    """Days that only inferred article dates give (no source states them)."""
    stated = {_s(s.get("published"))[:10] for s in ctx.sources if not _inferred(s)}
    return frozenset(_s(s.get("published"))[:10] for s in ctx.sources if _inferred(s)) - stated


# --------------------------------------------------------------------------- model

class _Ctx:
    """What the renderers share: the articles, their texts and every cited span."""

    def __init__(self, dossier: dict):
        d = _dict(dossier)
        self.generated = _s(d.get("generated"))
        self.store = _s(d.get("store"))
        self.story = _dict(d.get("story"))
        self.timeline = [_dict(x) for x in _list(d.get("timeline"))]
        self.undated = [_dict(x) for x in _list(d.get("undated"))]
        self.people = [_dict(x) for x in _list(d.get("people"))]
        self.sources = [_dict(x) for x in _list(d.get("sources"))]
        self.contradictions = [_dict(x) for x in _list(d.get("contradictions"))]
        self.title = _s(self.story.get("title")).strip() or "Untitled story"
        # articles by id: the first record of an id wins
        self.articles: dict[str, dict] = {}
        for src in self.sources:
            aid = _s(src.get("article_id"))
            if aid and aid not in self.articles:
                self.articles[aid] = src
        # cited spans per article: {(start, end)} with 0 <= start <= end
        self.spans: dict[str, set] = defaultdict(set)
        for src in self._all_citations():
            key = self.span_key(src)
            if key:
                self.spans[key[0]].add((key[1], key[2]))

    def _all_citations(self):
        for item in self.timeline + self.undated:
            yield from (_dict(s) for s in _list(item.get("sources")))
        for person in self.people:
            for q in _list(person.get("quotes")):
                yield from (_dict(s) for s in _list(_dict(q).get("sources")))
        for c in self.contradictions:
            yield _dict(c.get("a"))
            yield _dict(c.get("b"))

    def span_key(self, src: dict):
        """(article_id, start, end) when the citation names a known article and a valid span."""
        aid = _s(src.get("article_id"))
        start, end = _int(src.get("start")), _int(src.get("end"))
        if aid not in self.articles or start is None or end is None or not 0 <= start <= end:
            return None
        return aid, start, end

    def outlet(self, src: dict) -> str:
        out = _s(src.get("outlet"))
        if not out:
            out = _s(self.articles.get(_s(src.get("article_id")), {}).get("outlet"))
        return out

    def url(self, src: dict) -> str | None:
        url = _safe_url(src.get("url"))
        if url is None and not src.get("url"):
            url = _safe_url(self.articles.get(_s(src.get("article_id")), {}).get("url"))
        return url

    def published(self, src: dict) -> str:
        pub = _s(src.get("published"))
        if not pub:
            pub = _s(self.articles.get(_s(src.get("article_id")), {}).get("published"))
        return pub


def _chain(speaker: str, via) -> list[str]:
    """speaker → carriers (closest first), consecutive repeats dropped."""
    chain: list[str] = []
    for name in [speaker] + [_s(v) for v in _list(via)]:
        name = name.strip()
        if name and (not chain or chain[-1].casefold() != name.casefold()):
            chain.append(name)
    return chain


def _cite_label(aid: str, start, end) -> str:
    return f"{aid}:{start}-{end}" if start is not None and end is not None else aid


# --------------------------------------------------------------------------- HTML

_CSS = """
.inferred{font-style:italic;opacity:.8}
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1c1f24;--muted:#5b6370;--line:#d8dce2;
--card:#f5f6f8;--accent:#1d5bbf;--mark:#fff0a0;--warn:#a8231b;--chip:#e9edf3}
@media (prefers-color-scheme:dark){:root{--bg:#141619;--fg:#e4e7eb;--muted:#9aa3ae;
--line:#343a42;--card:#1d2025;--accent:#82b1ff;--mark:#5a4b00;--warn:#ff8a80;--chip:#2a2f36}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header,main,footer{max-width:62rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:1.5rem;border-bottom:1px solid var(--line)}
h1{font-size:1.9rem;line-height:1.2;margin:.2rem 0 .4rem}
h2{font-size:1.35rem;margin:2.2rem 0 .8rem;padding-bottom:.25rem;border-bottom:2px solid var(--line)}
h3{font-size:1.08rem;margin:1.4rem 0 .5rem}
a{color:var(--accent)}
.meta,.small,figcaption{color:var(--muted);font-size:.88rem}
nav ul{list-style:none;padding:0;margin:.6rem 0 1rem;display:flex;flex-wrap:wrap;gap:.35rem 1.1rem}
.lead{font-size:1.06rem;max-width:46rem}
.chip{display:inline-block;padding:0 .45em;border-radius:.6em;background:var(--chip);font-size:.8rem;
white-space:nowrap;vertical-align:.08em}
.chip.neg{color:var(--warn)}
ol.items{list-style:none;padding:0;margin:0}
ol.items>li{padding:.55rem .7rem;margin:.45rem 0;background:var(--card);border-left:4px solid var(--sw,var(--line));
border-radius:.25rem}
.when{font-variant-numeric:tabular-nums;font-weight:600;margin-right:.4rem}
.text{margin:.2rem 0}
.cites{font-size:.86rem;color:var(--muted);margin:.15rem 0 0}
.cites a.ext{margin-left:.2rem}
figure.chart{margin:0 0 1rem}
figure.chart svg{width:100%;height:auto;display:block;color:var(--fg)}
svg .grid{stroke:currentColor;stroke-opacity:.18}
svg .axis{stroke:currentColor;stroke-opacity:.55}
svg .edge{fill:currentColor;fill-opacity:.06}
svg text{fill:currentColor;font:11px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
svg .rowlabel{font-weight:600}
ul.legend{list-style:none;padding:0;margin:.4rem 0 0;display:flex;flex-wrap:wrap;gap:.2rem 1rem}
.sw{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.3em;vertical-align:-.05em}
.sw.hollow{background:transparent!important;border:2px solid var(--muted)}
.sw.bar{border-radius:2px;width:1.4em;opacity:.55;background:var(--muted)}
.person{padding:.7rem .9rem;margin:.8rem 0;border:1px solid var(--line);border-radius:.35rem}
.person h3{margin:0 0 .3rem}
.roles{margin:.2rem 0 .5rem;padding-left:1.2rem}
blockquote{margin:.5rem 0;padding:.35rem .8rem;border-left:3px solid var(--accent);background:var(--card)}
blockquote p{margin:0}
.chain{font-size:.86rem;color:var(--muted)}
.tablewrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
th{background:var(--card)}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.contra{border:1px solid var(--line);border-left:4px solid var(--warn);border-radius:.3rem;padding:.6rem .8rem;margin:.8rem 0}
.contra .pair{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}
@media (max-width:40rem){.contra .pair{grid-template-columns:1fr}}
.article{margin:1.2rem 0 2rem}
.article h3{margin-bottom:.2rem}
bdi,.atext{unicode-bidi:isolate}
.atext{white-space:pre-wrap;overflow-wrap:anywhere;font-family:Georgia,"Times New Roman",serif;
font-size:1rem;line-height:1.6;padding:.6rem .9rem;border:1px solid var(--line);border-radius:.3rem}
mark{background:var(--mark);color:inherit;border-radius:2px;padding:0 1px}
mark:target{outline:2px solid var(--accent)}
:target{scroll-margin-top:1rem}
li:target,.person:target,.article:target{outline:2px solid var(--accent)}
.empty{color:var(--muted);font-style:italic}
footer{margin-top:3rem;padding:1rem 1.25rem 2rem;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}
@media print{
 html,body{background:#fff;color:#000}
 :root{--fg:#000;--muted:#444;--bg:#fff;--card:#f4f4f4;--line:#bbb;--accent:#000}
 body{font-size:10.5pt}
 nav{display:none}
 header,main,footer{max-width:none;padding:0}
 a{color:inherit;text-decoration:none}
 a.ext::after{content:" <" attr(href) ">";font-size:.8em;word-break:break-all}
 h2{break-after:avoid}
 ol.items>li,.person,.contra,tr,blockquote,figure{break-inside:avoid}
 #articles{break-before:page}
 mark{background:#ffe86b!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}
 figure.chart svg,.sw{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

# Colour per timeline row: readable on light and dark backgrounds.
_PALETTE = ("#2f6fd0", "#d9822b", "#2e9e5b", "#c4384b", "#8a5cc7", "#1a9aa8",
            "#b0652f", "#c2509a", "#6f8f1f", "#5a6fa8", "#d2a01e", "#7a7a7a")
_QUOTE_COLOUR = "#8d96a3"
_HOLLOW = ("planned", "hypothetical", "negated")
_LEVELS = 6  # most stacked marks per chart row
_EDGE_W = 64  # px of an edge lane for items dated outside the story's period (4 marks side by side)


def _story_days(story: dict):
    """(first, last) day of the story's period, or None when it has none."""
    a, b = _parse_date(story.get("start")), _parse_date(story.get("end"))
    if not a or not b or a[0] > b[1]:
        return None
    return a[0], b[1]

_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "script-src 'none'; base-uri 'none'; form-action 'none'")


def _ext_link(url: str | None, label: str = "original ↗") -> str:
    if not url:
        return ""
    return (f'<a class="ext" href="{html.escape(url, quote=True)}" rel="noopener noreferrer nofollow">'
            f"{_e(label)}</a>")


def _cite_html(ctx: _Ctx, src: dict) -> str:
    """One citation: outlet and date linking to its span in the appendix, plus the original URL."""
    aid = _s(src.get("article_id"))
    outlet = ctx.outlet(src) or "unknown source"   # never the article id
    pub = ctx.published(src)
    label = _t(outlet) + (f", {_t(_fmt_date(pub))}" if pub else "")
    if pub and _inferred(ctx.articles.get(aid, src)):
        label += " (inferred)"
    key = ctx.span_key(src)
    if key:
        target = f"art-{_id_token(aid)}-{key[1]}-{key[2]}"
        title = _e(_cite_label(aid, key[1], key[2]))
        cite = f'<a class="cite" href="#{target}" title="{title}">{label}</a>'
    elif aid in ctx.articles:
        cite = f'<a class="cite" href="#art-{_id_token(aid)}" title="{_e(aid)}">{label}</a>'
    else:
        cite = f'<span class="cite" title="{_e(aid)}">{label}</span>'
    ext = _ext_link(ctx.url(src))
    return cite + (" " + ext if ext else "")


def _cites_html(ctx: _Ctx, item: dict) -> str:
    srcs = [_dict(s) for s in _list(item.get("sources"))]
    parts = []
    if srcs:
        parts.append("Sources: " + " · ".join(_cite_html(ctx, s) for s in srcs))
    indep = _int(item.get("independent_sources"))
    outlets = [_s(o) for o in _list(item.get("outlets")) if _s(o)]
    if indep is not None or outlets:
        n = indep if indep is not None else len(outlets)
        txt = f"{n} independent source{'s' if n != 1 else ''}"
        if outlets:
            txt += " (" + ", ".join(_t(o) for o in outlets) + ")"
        parts.append(txt)
    return f'<p class="cites">{" — ".join(parts)}</p>' if parts else ""


class _Rows:
    """Timeline chart rows: one per PLOVER type in order of first appearance, then quotes."""

    def __init__(self, items: list[dict]):
        self.order: list[str] = []
        for item in items:
            key = self.key(item)
            if key not in self.order and key != "QUOTES":
                self.order.append(key)
        if any(self.key(i) == "QUOTES" for i in items):
            self.order.append("QUOTES")

    @staticmethod
    def key(item: dict) -> str:
        if _s(item.get("kind")) == "quote":
            return "QUOTES"
        return _s(item.get("type")).strip() or "OTHER"

    @staticmethod
    def label(key: str) -> str:
        return {"QUOTES": "Quotes", "OTHER": "Other events"}.get(key, key)

    def colour(self, key: str) -> str:
        if key == "QUOTES":
            return _QUOTE_COLOUR
        return _PALETTE[self.order.index(key) % len(_PALETTE)]


def _ticks(lo: _dt.date, hi: _dt.date):
    """Tick dates and their labels for the axis between lo and hi (inclusive)."""
    span = (hi - lo).days
    ticks: list[tuple[_dt.date, str]] = []
    if span <= 70:
        step = 1 if span <= 16 else 7
        d = lo if step == 1 else lo + _dt.timedelta(days=(7 - lo.weekday()) % 7)
        while d <= hi:
            ticks.append((d, f"{d.day} {_MONTHS[d.month - 1]}"))
            d += _dt.timedelta(days=step)
    elif span <= 800:
        months = span // 30 + 1
        step = next(s for s in (1, 2, 3, 6, 12) if months / s <= 12)
        y, m = lo.year, lo.month
        if lo.day != 1:
            y, m = y + (m == 12), m % 12 + 1
        while (m - 1) % step:
            y, m = y + (m == 12), m % 12 + 1
        while _dt.date(y, m, 1) <= hi:
            d = _dt.date(y, m, 1)
            ticks.append((d, _MONTHS[m - 1] if m != 1 else f"{_MONTHS[0]} {y}"))
            for _ in range(step):
                y, m = y + (m == 12), m % 12 + 1
    else:
        years = hi.year - lo.year + 1
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 1000) if years / s <= 12)
        y = lo.year + (lo.month != 1 or lo.day != 1)
        y += (-y) % step
        while _dt.date(y, 1, 1) <= hi:
            ticks.append((_dt.date(y, 1, 1), str(y)))
            y += step
    # make the year readable on day/week/month axes: on the first tick, and where it changes
    if ticks and span <= 800:
        prev = None
        for i, (d, label) in enumerate(ticks):
            if (prev is None or d.year != prev) and str(d.year) not in label:
                ticks[i] = (d, f"{label} {d.year}")
            prev = d.year
    return ticks


def _chart_html(ctx: _Ctx) -> str:
    plotted = []  # (item index, item, first, last, gran)
    unreadable = 0
    for idx, item in enumerate(ctx.timeline):
        parsed = _parse_date(item.get("date"), _s(item.get("date_precision")) or None)
        if parsed:
            plotted.append((idx, item, *parsed))
        else:
            unreadable += 1
    if not plotted:
        return '<p class="empty">No dated items to chart.</p>'
    rows = _Rows([p[1] for p in plotted])
    # zoom to the story's period (its articles' dates) when it has one: background items
    # dated before or after it (a 1999 event recalled in 2025 news) sit in edge lanes,
    # so the period is not squeezed into one pixel column
    period = _story_days(ctx.story)
    lo = period[0] if period else min(p[2] for p in plotted)
    hi = period[1] if period else max(p[3] for p in plotted)
    edge = {"before": [p for p in plotted if p[3] < lo], "after": [p for p in plotted if p[2] > hi]}
    # pad one day each side, and widen very short ranges to a week
    lo -= _dt.timedelta(days=1)
    hi += _dt.timedelta(days=1)
    if (hi - lo).days < 7:
        extra = 7 - (hi - lo).days
        lo -= _dt.timedelta(days=extra // 2)
        hi += _dt.timedelta(days=extra - extra // 2)
    width, left, right, top = 960, 150, 20, 14
    edge_l = _EDGE_W if edge["before"] else 0
    edge_r = _EDGE_W if edge["after"] else 0
    plot_l, plot_r = left + edge_l, width - right - edge_r
    plot_w = plot_r - plot_l
    span = max((hi - lo).days, 1)
    outside = {p[0]: side for side, items in edge.items() for p in items}

    def x(d: _dt.date) -> float:
        return plot_l + (min(max(d, lo), hi) - lo).days / span * plot_w

    # within a row, each mark takes the first level where it overlaps no earlier mark
    # (a point covers ±7 px, a month or year bar its whole period); past _LEVELS levels
    # marks wrap to the top level, nudged right so that none hides another
    lanes: dict[str, list[list[tuple[float, float]]]] = defaultdict(list)
    placed = []
    edge_x: dict[int, float] = {}
    for idx, item, first, last, gran in plotted:
        key = rows.key(item)
        side = outside.get(idx)
        if side:
            # an edge lane: points side by side, oldest first on the left
            n = sum(1 for i in edge_x if outside[i] == side)
            edge_x[idx] = (left + 8 if side == "before" else plot_r + 8) + (n % 4) * 14
            x0, x1 = edge_x[idx] - 7, edge_x[idx] + 7
        else:
            x0 = x(first) - 7
            x1 = (x(last + _dt.timedelta(days=1)) if gran != "day" else x(first)) + 7
        levels = lanes[key]
        k = next((i for i, lane in enumerate(levels) if all(b <= x0 or a >= x1 for a, b in lane)), len(levels))
        if k == len(levels):
            levels.append([])
        levels[k].append((x0, x1))
        placed.append((idx, item, first, last, gran, key, k))
    max_levels = {key: max(1, min(len(lanes[key]), _LEVELS)) for key in rows.order}
    row_top, y_pos = {}, top
    for key in rows.order:
        row_top[key] = y_pos
        y_pos += 14 + 11 * max_levels[key]
    plot_bottom = y_pos
    height = plot_bottom + 34

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-labelledby="chart-title">',
           f'<title id="chart-title">Timeline of {_e(ctx.title)}: {len(plotted)} dated items by type</title>']
    # row bands and labels
    for i, key in enumerate(rows.order):
        y0 = row_top[key]
        h = 14 + 11 * max_levels[key]
        if i:
            out.append(f'<line class="grid" x1="0" x2="{width - right}" y1="{y0}" y2="{y0}"/>')
        out.append(f'<text class="rowlabel" x="{left - 10}" y="{y0 + h / 2 + 4:.1f}" text-anchor="end">'
                   f'{_e(_Rows.label(key)[:22])}</text>')
    # ticks
    for d, label in _ticks(lo + _dt.timedelta(days=1), hi - _dt.timedelta(days=1)) or [(lo, "")]:
        xx = x(d)
        out.append(f'<line class="grid" x1="{xx:.1f}" x2="{xx:.1f}" y1="{top}" y2="{plot_bottom}"/>')
        out.append(f'<text x="{xx:.1f}" y="{plot_bottom + 18}" text-anchor="middle">{_e(label)}</text>')
    out.append(f'<line class="axis" x1="{left}" x2="{width - right}" y1="{plot_bottom}" y2="{plot_bottom}"/>')
    for side, x0, w in (("before", left, edge_l), ("after", plot_r, edge_r)):
        if w:
            when = _fmt_date((lo + _dt.timedelta(days=1)).isoformat() if side == "before"
                             else (hi - _dt.timedelta(days=1)).isoformat())
            out.append(f'<rect class="edge" x="{x0}" y="{top}" width="{w}" height="{plot_bottom - top}"/>')
            out.append(f'<text x="{x0 + w / 2:.1f}" y="{plot_bottom + 18}" text-anchor="middle">'
                       f'{"earlier" if side == "before" else "later"} ({len(edge[side])})</text>'
                       f'<title>{len(edge[side])} item(s) dated {"before" if side == "before" else "after"} '
                       f"the story's period ({_e(when)})</title>")
    # marks: one per dated item, linking to its entry in the list
    for idx, item, first, last, gran, key, k in placed:
        colour = rows.colour(key)
        lvl, nudge = k % _LEVELS, (k // _LEVELS) * 3
        cy = row_top[key] + 12 + 11 * lvl
        cx = edge_x.get(idx, x(first)) + nudge
        cls = "q" if key == "QUOTES" else "ev"
        modality = _s(item.get("modality"))
        hollow = modality in _HOLLOW
        tip = " · ".join(t for t in (
            _fmt_date(item.get("date"), _s(item.get("date_precision")) or None),
            _Rows.label(key), modality, _s(item.get("text"))[:160]) if t)
        out.append(f'<a href="#item-{idx}"><g class="{cls}" data-date="{_e(item.get("date"))}">'
                   f"<title>{_e(tip)}</title>")
        if gran != "day" and idx not in edge_x:
            x2 = x(last + _dt.timedelta(days=1))
            out.append(f'<rect x="{cx:.1f}" y="{cy - 4}" width="{max(x2 - cx, 3):.1f}" height="8" rx="2" '
                       f'fill="{colour}" fill-opacity="0.45" stroke="{colour}"/>')
        if key == "QUOTES":
            out.append(f'<path d="M{cx:.1f} {cy - 5}l5 5l-5 5l-5-5z" '
                       + (f'fill="none" stroke="{colour}" stroke-width="2"' if hollow else f'fill="{colour}"')
                       + "/>")
        else:
            out.append(f'<circle cx="{cx:.1f}" cy="{cy}" r="5" '
                       + (f'fill="none" stroke="{colour}" stroke-width="2"' if hollow else f'fill="{colour}"')
                       + "/>")
        out.append("</g></a>")
    out.append("</svg>")
    legend = ['<ul class="legend">']
    counts: dict[str, int] = defaultdict(int)
    for p in placed:
        counts[p[5]] += 1
    for key in rows.order:
        legend.append(f'<li><span class="sw" style="background:{rows.colour(key)}"></span>'
                      f"{_e(_Rows.label(key))} ({counts[key]})</li>")
    legend.append('<li><span class="sw hollow"></span>planned, hypothetical or negated</li>')
    legend.append('<li><span class="sw bar"></span>date known to the month or year</li>')
    legend.append("</ul>")
    note = f" {unreadable} item(s) with unreadable dates are listed below but not charted." if unreadable else ""
    return (f'<figure class="chart">{"".join(out)}<figcaption>Events over time, one row per event type '
            f"(PLOVER); each mark links to its entry below.{_e(note)}{''.join(legend)}</figcaption></figure>")


def _item_html(ctx: _Ctx, item: dict, anchor: str, colour: str | None) -> str:
    kind = _s(item.get("kind")) or "event"
    when = _fmt_date(item.get("date"), _s(item.get("date_precision")) or None)
    if when and _s(item.get("date_source")) == "published_inferred":
        when += " (inferred)"
    chips = []
    if kind == "quote":
        chips.append('<span class="chip">quote</span>')
    elif _s(item.get("type")):
        chips.append(f'<span class="chip">{_e(item.get("type"))}</span>')
    if _s(item.get("mode")):
        chips.append(f'<span class="chip">{_e(item.get("mode"))}</span>')
    modality = _s(item.get("modality"))
    if modality and modality != "asserted":
        chips.append(f'<span class="chip{" neg" if modality in _HOLLOW else ""}">{_e(modality)}</span>')
    prec = _s(item.get("date_precision"))
    if prec and prec != "day" and when:
        chips.append(f'<span class="chip" title="date precision">±{_e(prec)}</span>')
    style = f' style="--sw:{colour}"' if colour else ""
    head = (f'<span class="when">{_t(when)}</span>' if when else "") + " ".join(chips)
    text = _s(item.get("text"))
    if kind == "quote":
        body = f'<blockquote><p>{_t(text)}</p></blockquote>' if text else ""
    else:
        body = f'<p class="text">{_t(text)}</p>' if text else ""
    who = []
    if _s(item.get("speaker")):
        who.append(f"Speaker: {_t(item.get('speaker'))}")
    actors = [_s(a) for a in _list(item.get("actors")) if _s(a)]
    if actors:
        who.append("Actors: " + ", ".join(_t(a) for a in actors))
    who_html = f'<p class="small">{" · ".join(who)}</p>' if who else ""
    return f'<li id="{anchor}"{style}><div>{head}</div>{body}{who_html}{_cites_html(ctx, item)}</li>'


def _timeline_html(ctx: _Ctx) -> str:
    parts = ['<section id="timeline"><h2>Timeline</h2>', _chart_html(ctx)]
    rows = _Rows(ctx.timeline)
    parts.append(f"<h3>Dated ({len(ctx.timeline)})</h3>")
    parts.append(_items_html(ctx, ctx.timeline, "item", lambda it: rows.colour(rows.key(it)),
                             "No dated events or quotes."))
    parts.append(f'<h3 id="undated">Undated ({len(ctx.undated)})</h3>')
    parts.append(_items_html(ctx, ctx.undated, "undated", lambda it: None, "No undated items."))
    parts.append("</section>")
    return "".join(parts)


def _items_html(ctx: _Ctx, items: list, prefix: str, colour, empty: str) -> str:
    if not items:
        return f'<p class="empty">{empty}</p>'
    return '<ol class="items">' + "".join(
        _item_html(ctx, it, f"{prefix}-{i}", colour(it)) for i, it in enumerate(items)) + "</ol>"


def _people_html(ctx: _Ctx) -> str:
    parts = ['<section id="people"><h2>People</h2>']
    if not ctx.people:
        parts.append('<p class="empty">No people found.</p>')
    for i, person in enumerate(ctx.people):
        name = _s(person.get("name")) or "Unnamed"
        pid = _s(person.get("id"))
        anchor = f"person-{_id_token(pid)}" if pid else f"person-{i}"
        head = f"<h3>{_t(name)}"
        if _s(person.get("type")) and _s(person.get("type")) != "PERSON":
            head += f' <span class="chip">{_e(person.get("type"))}</span>'
        wd = _s(person.get("wikidata"))
        if re.fullmatch(r"Q\d{1,12}", wd):
            head += (f' <a class="ext small" href="https://www.wikidata.org/wiki/{wd}" '
                     f'rel="noopener noreferrer nofollow">{wd}</a>')
        head += "</h3>"
        parts.append(f'<div class="person" id="{anchor}">{head}')
        roles = [_dict(r) for r in _list(person.get("roles")) if _s(_dict(r).get("role"))]
        if roles:
            parts.append('<ul class="roles">')
            for r in roles:
                seen = [x for x in (_fmt_date(r.get("first_seen")), _fmt_date(r.get("last_seen"))) if x]
                if len(seen) == 2 and seen[0] == seen[1]:
                    seen = seen[:1]
                when = f' <span class="small">({" – ".join(_t(x) for x in seen)})</span>' if seen else ""
                parts.append(f"<li>{_t(r.get('role'))}{when}</li>")
            parts.append("</ul>")
        quotes = [_dict(q) for q in _list(person.get("quotes"))]
        for q in quotes:
            qid = _s(q.get("id"))
            meta = [x for x in (_s(q.get("kind")), _s(q.get("cue"))) if x]
            chain = _chain(name, q.get("via"))
            qattr = f' id="quote-{_id_token(qid)}"' if qid else ""
            parts.append(f'<blockquote{qattr}><p>{_t(q.get("text"))}</p>')
            line = []
            if meta:
                line.append(" · ".join(_t(m) for m in meta))
            if len(chain) > 1:
                line.append("via " + " → ".join(_t(c) for c in chain))
            if line:
                parts.append(f'<p class="chain">{" — ".join(line)}</p>')
            parts.append(f"{_cites_html(ctx, q)}</blockquote>")
        if not quotes:
            parts.append('<p class="small empty">No quotes.</p>')
        parts.append("</div>")
    parts.append("</section>")
    return "".join(parts)


def _art_link(ctx: _Ctx, aid: str) -> str:
    if not aid:
        return ""
    if aid in ctx.articles:
        return f'<a href="#art-{_id_token(aid)}">{_e(aid)}</a>'
    return _e(aid)


def _sources_html(ctx: _Ctx) -> str:
    parts = ['<section id="sources"><h2>Sources</h2>']
    if not ctx.sources:
        parts.append('<p class="empty">No source articles.</p></section>')
        return "".join(parts)
    parts.append('<div class="tablewrap"><table><thead><tr><th>Outlet</th><th>Title</th><th>Published</th>'
                 '<th>Syndicated from</th><th class="num">Copies</th><th>Duplicate of</th><th>Origin</th>'
                 "<th>Original</th></tr></thead><tbody>")
    for src in ctx.sources:
        aid = _s(src.get("article_id"))
        title = _s(src.get("title")) or aid or "untitled"
        copies = _int(src.get("copies"))
        parts.append(
            "<tr>"
            f"<td>{_t(src.get('outlet'))}</td>"
            f'<td><a href="#art-{_id_token(aid)}">{_t(title)}</a></td>'
            f"<td>{_date_html(src)}</td>"
            f"<td>{_t(src.get('syndicated_from'))}</td>"
            f'<td class="num">{"" if copies is None else copies}</td>'
            f"<td>{_art_link(ctx, _s(src.get('duplicate_of')))}</td>"
            f"<td>{_art_link(ctx, _s(src.get('origin_id')))}</td>"
            f"<td>{_ext_link(_safe_url(src.get('url')), 'link ↗')}</td>"
            "</tr>")
    parts.append("</tbody></table></div></section>")
    return "".join(parts)


def _contradictions_html(ctx: _Ctx) -> str:
    parts = ['<section id="contradictions"><h2>Contradictions</h2>']
    if not ctx.contradictions:
        parts.append('<p class="empty">No contradictions found between sources.</p>')
    for i, c in enumerate(ctx.contradictions):
        parts.append(f'<div class="contra" id="contradiction-{i}"><p><span class="chip">{_e(c.get("kind") or "?")}</span> '
                     f"{_t(c.get('description'))}</p><div class=\"pair\">")
        for side in ("a", "b"):
            span = _dict(c.get(side))
            parts.append(f'<div><blockquote><p>{_t(span.get("text"))}</p></blockquote>'
                         f'<p class="cites">{_cite_html(ctx, span)}</p></div>')
        parts.append("</div></div>")
    parts.append("</section>")
    return "".join(parts)


def _marked_text(text: str, spans, tok: str) -> str:
    """The article text, escaped, with a <mark id="art-<tok>-<start>-<end>"> per cited span.

    Spans outside the text are clamped (an empty mark keeps the anchor); crossing
    spans are closed and reopened so the markup stays well nested; only a span's
    first piece carries its id."""
    n = len(text)
    marks = []
    for start, end in sorted(spans):
        cs, ce = min(start, n), min(end, n)
        marks.append((cs, ce, f"art-{tok}-{start}-{end}", f"{start}-{end}"))
    starts: dict[int, list] = defaultdict(list)
    for m in marks:
        starts[m[0]].append(m)
    points = sorted({0, n} | {m[0] for m in marks} | {m[1] for m in marks})
    out, stack, pos = [], [], 0
    for p in points:
        out.append(html.escape(text[pos:p], quote=False))
        pos = p
        ending = [i for i, m in enumerate(stack) if m[1] == p]
        if ending:
            idx = ending[0]
            reopen = [m for m in stack[idx:] if m[1] != p]
            out.append("</mark>" * (len(stack) - idx))
            del stack[idx:]
            for m in reopen:
                out.append(f'<mark class="cont" title="cited {m[3]}">')
                stack.append(m)
        for m in sorted(starts.get(p, ()), key=lambda m: (-m[1], m[2])):
            out.append(f'<mark id="{m[2]}" title="cited {m[3]}">')
            if m[1] == p:
                out.append("</mark>")
            else:
                stack.append(m)
    out.append("</mark>" * len(stack))
    return "".join(out)


def _articles_html(ctx: _Ctx) -> str:
    parts = ['<section id="articles"><h2>Articles</h2>']
    if not ctx.articles:
        parts.append('<p class="empty">No article texts.</p>')
    for aid, src in ctx.articles.items():
        tok = _id_token(aid)
        title = _s(src.get("title")) or aid
        meta = [x for x in (_s(src.get("outlet")), _date_text(src)) if x]
        if _s(src.get("syndicated_from")):
            meta.append(f"syndicated from {_s(src.get('syndicated_from'))}")
        meta.append(f"id {aid}")  # ids are storyline's own hashes
        ext = _ext_link(_safe_url(src.get("url")))
        text = _s(src.get("text"))
        parts.append(f'<article class="article" id="art-{tok}"><h3>{_t(title)}</h3>'
                     f'<p class="meta">{" · ".join(_t(m) for m in meta)}{" · " + ext if ext else ""}</p>')
        if text:
            parts.append(f'<div class="atext">{_marked_text(text, ctx.spans.get(aid, ()), tok)}</div>')
        else:
            marks = "".join(f'<mark id="art-{tok}-{s}-{e}"></mark>' for s, e in sorted(ctx.spans.get(aid, ())))
            parts.append(f'<p class="empty">No text stored.{marks}</p>')
        parts.append("</article>")
    parts.append("</section>")
    return "".join(parts)


def render_html(dossier: dict) -> str:
    """The dossier as one self-contained HTML page (inline CSS and SVG, no script, no remote loads)."""
    ctx = _Ctx(dossier)
    story = ctx.story
    period = _period(story, _inferred_days(ctx))
    count = _int(story.get("article_count"))
    meta = [x for x in (period, f"{count} article{'s' if count != 1 else ''}" if count is not None else "") if x]
    summary = _s(story.get("summary"))
    nav = "".join(f'<li><a href="#{sid}">{label}</a></li>' for sid, label in (
        ("summary", "Summary"), ("timeline", "Timeline"), ("people", "People"), ("sources", "Sources"),
        ("contradictions", "Contradictions"), ("articles", "Articles")))
    sid = _s(story.get("id"))
    footer = " · ".join(x for x in (
        f"Story {_t(sid)}" if sid else "", f"store {_t(ctx.store)}" if ctx.store else "",
        f"generated {_t(ctx.generated)}" if ctx.generated else "") if x)
    body = [
        "<!DOCTYPE html>\n",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        '<meta name="generator" content="storyline">',
        f"<title>{_e(ctx.title)}</title>",
        f"<style>{_CSS}</style></head>\n<body>",
        f'<header><p class="meta">Story dossier</p><h1>{_t(ctx.title)}</h1>',
        f'<p class="meta">{" · ".join(_t(m) for m in meta)}</p>' if meta else "",
        f'<nav aria-label="Sections"><ul>{nav}</ul></nav></header>\n<main>',
        '<section id="summary"><h2>Summary</h2>',
        f'<p class="lead">{_t(summary)}</p>' if summary else '<p class="empty">No summary.</p>',
        f"<p class=\"meta\">Period: {_t(period or 'unknown')} · "
        f"{len(ctx.timeline)} dated and {len(ctx.undated)} undated items · {len(ctx.people)} people · "
        f"{len(ctx.sources)} source articles · {len(ctx.contradictions)} contradictions</p></section>\n",
        _timeline_html(ctx), "\n",
        _people_html(ctx), "\n",
        _sources_html(ctx), "\n",
        _contradictions_html(ctx), "\n",
        _articles_html(ctx), "\n",
        f"</main><footer>{footer}</footer></body></html>\n",
    ]
    return "".join(body)


# --------------------------------------------------------------------------- Markdown

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_LINESTART = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.M)


def _md(value, inline: bool = True) -> str:
    """Scraped text made inert in Markdown: punctuation that could start markup, raw HTML,
    entities, links or table cells is backslash-escaped; in inline use newlines fold to spaces."""
    text = _s(value)
    if inline:
        text = " ".join(text.split())
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    if inline:
        text = re.sub(r"^([#>+=-]|\d+[.)])", lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)
    else:
        text = _MD_LINESTART.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)
    return _md_isolated(text)


def _md_isolated(text: str) -> str:
    """Text with bidi controls as one isolate (FSI ... PDI), its controls balanced inside:
    Markdown has no <bdi>, and its HTML renderers keep these characters."""
    return f"\u2068{_bidi_balanced(text)}\u2069" if _BIDI.search(text) else text


def _md_url(value) -> str:
    url = _safe_url(value)
    return f"<{url}>" if url else ""


def _md_cite(ctx: _Ctx, src: dict) -> str:
    aid = _s(src.get("article_id"))
    outlet = ctx.outlet(src)
    pub = ctx.published(src)
    key = ctx.span_key(src)
    start, end = _int(src.get("start")), _int(src.get("end"))
    ref = _cite_label(aid, *(key[1:] if key else (start, end)))
    label = ", ".join(x for x in (outlet, _fmt_date(pub) + (" (inferred)" if pub and _inferred(
        ctx.articles.get(aid, src)) else "")) if x)
    parts = [f"{_md(label)} (`{_s(ref).replace('`', '')}`)" if label else f"`{_s(ref).replace('`', '')}`"]
    url = _md_url(ctx.url(src))
    if url:
        parts.append(url)
    return " ".join(parts)


def _md_cites(ctx: _Ctx, item: dict) -> list[str]:
    lines = [f"  - source: {_md_cite(ctx, _dict(s))}" for s in _list(item.get("sources"))]
    indep = _int(item.get("independent_sources"))
    outlets = [_s(o) for o in _list(item.get("outlets")) if _s(o)]
    if indep is not None or outlets:
        n = indep if indep is not None else len(outlets)
        txt = f"{n} independent source{'s' if n != 1 else ''}"
        if outlets:
            txt += " (" + _md(", ".join(outlets)) + ")"
        lines.append(f"  - {txt}")
    return lines


def _md_item(ctx: _Ctx, item: dict) -> list[str]:
    kind = _s(item.get("kind")) or "event"
    when = _fmt_date(item.get("date"), _s(item.get("date_precision")) or None)
    if when and _s(item.get("date_source")) == "published_inferred":
        when += " (inferred)"
    tags = ["quote"] if kind == "quote" else ([_s(item.get("type"))] if _s(item.get("type")) else [])
    for t in (_s(item.get("mode")), _s(item.get("modality"))):
        if t and t != "asserted":
            tags.append(t)
    head = (f"**{_md(when)}** " if when else "") + (f"({_md(', '.join(tags))}) " if tags else "")
    text = _md(item.get("text"))
    lines = [f"- {head}{'“' + text + '”' if kind == 'quote' else text}".rstrip()]
    if _s(item.get("speaker")):
        lines.append(f"  - speaker: {_md(item.get('speaker'))}")
    actors = [_s(a) for a in _list(item.get("actors")) if _s(a)]
    if actors:
        lines.append(f"  - actors: {_md(', '.join(actors))}")
    return lines + _md_cites(ctx, item)


def _md_cell(value) -> str:
    return _md(value) or " "


def render_markdown(dossier: dict) -> str:
    """The dossier as Markdown: the same sections as the HTML page; spans are cited as
    `article_id:start-end` with the original URL, since Markdown cannot link into a text."""
    ctx = _Ctx(dossier)
    story = ctx.story
    out: list[str] = [f"# {_md(ctx.title)}", ""]
    period = _period(story, _inferred_days(ctx))
    count = _int(story.get("article_count"))
    meta = [x for x in (period, f"{count} article{'s' if count != 1 else ''}" if count is not None else "",
                        f"story `{_s(story.get('id')).replace('`', '')}`" if _s(story.get("id")) else "") if x]
    if meta:
        out += [" · ".join(_md(m) if not m.startswith("story `") else m for m in meta), ""]

    out += ["## Summary", "", _md(story.get("summary")) or "_No summary._", ""]
    out += [f"Period: {_md(period or 'unknown')} · {len(ctx.timeline)} dated and {len(ctx.undated)} undated "
            f"items · {len(ctx.people)} people · {len(ctx.sources)} source articles · "
            f"{len(ctx.contradictions)} contradictions", ""]

    out += ["## Timeline", ""]
    rows = _Rows(ctx.timeline)
    if ctx.timeline:
        out += ["| Type | Items | First | Last |", "|---|---:|---|---|"]
        for key in rows.order:
            items = [i for i in ctx.timeline if rows.key(i) == key]
            dates = [_s(i.get("date")) for i in items if _s(i.get("date"))]
            out.append(f"| {_md_cell(_Rows.label(key))} | {len(items)} | "
                       f"{_md_cell(_fmt_date(dates[0]) if dates else '')} | "
                       f"{_md_cell(_fmt_date(dates[-1]) if dates else '')} |")
        out.append("")
    out += [f"### Dated ({len(ctx.timeline)})", ""]
    for item in ctx.timeline:
        out += _md_item(ctx, item)
    if not ctx.timeline:
        out.append("_No dated events or quotes._")
    out += ["", f"### Undated ({len(ctx.undated)})", ""]
    for item in ctx.undated:
        out += _md_item(ctx, item)
    if not ctx.undated:
        out.append("_No undated items._")
    out.append("")

    out += ["## People", ""]
    if not ctx.people:
        out += ["_No people found._", ""]
    for person in ctx.people:
        name = _s(person.get("name")) or "Unnamed"
        head = f"### {_md(name)}"
        if _s(person.get("type")) and _s(person.get("type")) != "PERSON":
            head += f" ({_md(person.get('type'))})"
        wd = _s(person.get("wikidata"))
        if re.fullmatch(r"Q\d{1,12}", wd):
            head += f" — [{wd}](https://www.wikidata.org/wiki/{wd})"
        out += [head, ""]
        roles = [_dict(r) for r in _list(person.get("roles")) if _s(_dict(r).get("role"))]
        for r in roles:
            seen = [x for x in (_fmt_date(r.get("first_seen")), _fmt_date(r.get("last_seen"))) if x]
            if len(seen) == 2 and seen[0] == seen[1]:
                seen = seen[:1]
            out.append(f"- {_md(r.get('role'))}" + (f" ({_md(' – '.join(seen))})" if seen else ""))
        if roles:
            out.append("")
        for q in (_dict(x) for x in _list(person.get("quotes"))):
            out.append(f"> {_md(q.get('text'))}")
            meta = [x for x in (_s(q.get("kind")), _s(q.get("cue"))) if x]
            chain = _chain(name, q.get("via"))
            line = []
            if meta:
                line.append(_md(" · ".join(meta)))
            if len(chain) > 1:
                line.append("via " + " → ".join(_md(c) for c in chain))
            if line:
                out += [">", "> " + " — ".join(line)]
            out.append("")
            out += [c[2:] for c in _md_cites(ctx, q)]
            out.append("")

    out += ["## Sources", ""]
    if ctx.sources:
        out += ["| Article | Outlet | Title | Published | Syndicated from | Copies | Duplicate of | Origin | URL |",
                "|---|---|---|---|---|---:|---|---|---|"]
        for src in ctx.sources:
            copies = _int(src.get("copies"))
            out.append(" | ".join([
                f"| `{_s(src.get('article_id')).replace('`', '').replace('|', '')}`",
                _md_cell(src.get("outlet")), _md_cell(src.get("title")),
                _md_cell(_date_text(src)), _md_cell(src.get("syndicated_from")),
                "" if copies is None else str(copies), _md_cell(src.get("duplicate_of")),
                _md_cell(src.get("origin_id")), _md_url(src.get("url")) or " "]) + " |")
    else:
        out.append("_No source articles._")
    out.append("")

    out += ["## Contradictions", ""]
    if not ctx.contradictions:
        out += ["_No contradictions found between sources._", ""]
    for c in ctx.contradictions:
        out += [f"- **{_md(c.get('kind') or '?')}**: {_md(c.get('description'))}"]
        for side in ("a", "b"):
            span = _dict(c.get(side))
            out.append(f"  - {side.upper()}: “{_md(span.get('text'))}” — {_md_cite(ctx, span)}")
        out.append("")

    out += ["## Articles", ""]
    if not ctx.articles:
        out += ["_No article texts._", ""]
    for aid, src in ctx.articles.items():
        out += [f"### {_md(_s(src.get('title')) or aid)}", ""]
        meta = [x for x in (_s(src.get("outlet")), _date_text(src)) if x]
        line = " · ".join([_md(m) for m in meta] + [f"`{aid.replace('`', '')}`"])
        url = _md_url(src.get("url"))
        out += [line + (f" · {url}" if url else ""), ""]
        spans = sorted(ctx.spans.get(aid, ()))
        if spans:
            out += ["Cited spans: " + ", ".join(f"`{s}-{e}`" for s, e in spans), ""]
        text = _s(src.get("text")).strip("\n")
        if text:
            for para in re.split(r"\n\s*\n", text):
                para = para.strip()
                if para:
                    out += [_md(para, inline=False).replace("\n", "  \n"), ""]
        else:
            out += ["_No text stored._", ""]
    footer = " · ".join(x for x in (f"store {ctx.store}" if ctx.store else "",
                                     f"generated {ctx.generated}" if ctx.generated else "") if x)
    if footer:
        out += ["---", "", _md(footer), ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- files

def _story_file(path: str, story_id: str) -> str:
    """The file of one story's dossier beside the index: dossier.html -> dossier-s_ab12.html."""
    stem, suffix = os.path.splitext(os.fspath(path))
    return f"{stem}-{_id_token(story_id)}{suffix}"


def render_index_html(data: dict, path: str) -> str:
    """An index of every story (title, period, articles, independent sources), each linking to its dossier."""
    rows = []
    for d in _list(data.get("stories")):
        ctx = _Ctx(d)
        st = ctx.story
        origins = {_s(s.get("origin_id")) or _s(s.get("article_id")) for s in ctx.sources}
        href = _e(os.path.basename(_story_file(path, _s(st.get("id")))))
        rows.append(f'<tr><td><a href="{href}">{_t(ctx.title)}</a></td><td>{_t(_period(st, _inferred_days(ctx)))}</td>'
                    f"<td>{_int(st.get('article_count')) or 0}</td><td>{len(origins)}</td></tr>")
    store = _s(data.get("store"))
    return "".join([
        "<!DOCTYPE html>\n", '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">', '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', "<title>Stories</title>",
        f"<style>{_CSS}</style></head>\n<body>",
        f'<header><p class="meta">Story index</p><h1>Stories</h1><p class="meta">{len(rows)} stories'
        f'{" in " + _t(store) if store else ""}</p></header>\n<main><section id="stories">',
        "<table><thead><tr><th>Story</th><th>Period</th><th>Articles</th><th>Independent sources</th></tr></thead>"
        f'<tbody>{"".join(rows)}</tbody></table></section></main></body></html>\n'])


def render_index_markdown(data: dict, path: str) -> str:
    lines = ["# Stories", "", "| Story | Period | Articles |", "|---|---|---|"]
    for d in _list(data.get("stories")):
        ctx = _Ctx(d)
        link = os.path.basename(_story_file(path, _s(ctx.story.get("id"))))
        lines.append(f"| [{_md_cell(ctx.title)}]({link}) | {_md_cell(_period(ctx.story, _inferred_days(ctx)))} | "
                     f"{_int(ctx.story.get('article_count')) or 0} |")
    return "\n".join(lines) + "\n"


def write_report(dossier: dict, path: str) -> str:
    """Write the dossier to path as HTML (.html, .htm) or Markdown (.md, .markdown); returns path.
    A dossier of every story (``stories``) writes an index at path and one file per story beside it."""
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if "stories" in dossier and suffix in (".html", ".htm", ".md", ".markdown"):
        for d in _list(dossier.get("stories")):
            write_report(d, _story_file(path, _s(_dict(d.get("story")).get("id"))))
        index = render_index_html(dossier, path) if suffix in (".html", ".htm") else render_index_markdown(dossier, path)
        os.makedirs(os.path.dirname(os.path.abspath(os.fspath(path))), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(index)
        return os.fspath(path)
    if suffix in (".html", ".htm"):
        text = render_html(dossier)
    elif suffix in (".md", ".markdown"):
        text = render_markdown(dossier)
    else:
        raise ValueError(f"cannot write a report to {os.fspath(path)!r}: "
                         f"the suffix must be .html, .htm or .md, not {suffix or 'none'!r}")
    parent = os.path.dirname(os.path.abspath(os.fspath(path)))
    os.makedirs(parent, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return os.fspath(path)
