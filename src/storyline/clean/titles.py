"""The headline of an HTML page, without the site's chrome.

``og:title`` and ``<title>`` carry the headline dressed for search results and
shares: "Headline | Site", "Site » Headline", "Headline – DW – 03/12/2023",
"Kicker: Headline". The page's own ``<h1>`` usually carries the headline alone,
with its typography (curly quotes, "…"). So:

1. an ``<h1>`` (or, on blogs whose ``<h1>`` is the logo, an early ``<h2>``) whose
   text is contained in ``og:title`` or ``<title>`` is the headline: those differ
   from it only by chrome. It must not be the site's name, and must be a
   substantial part of the declared title (``MIN_HEADING_SHARE``), so a one-word
   section heading never wins;
2. else ``og:title`` (then ``twitter:title``, then ``<title>``) with its leading and
   trailing segments dropped while they are the site (``og:site_name``, publisher,
   application name, domain, or the part that ``<title>`` adds to ``og:title``) or a
   date.
"""
from __future__ import annotations

import html as _html
import re
import unicodedata

from .authors import site_like

__all__ = ["choose_title", "headings"]

MIN_HEADING_SHARE = 0.3   # an on-page heading shorter than this share of the declared title is a kicker or section
MIN_HEADING_WORDS = 3     # ... unless it has at least this many words
MAX_HEADINGS = 6          # headings read per page (document order): the headline comes early
MAX_HEADING_CHARS = 300   # longer "headings" are layout misuse, not titles

_SEP = re.compile(r"(\s+(?:\||–|—|-|»|«|›|‹|·|::|•|~|:|/|\\)\s+|\s*\|\s*)")
_DATEISH = re.compile(r"^\W*(?:\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}|\d{1,2}\.?\s+\w+\.?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4})\W*$")
_TAG = re.compile(r"<[^>]+>")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"',
                         "«": '"', "»": '"', "–": "-", "—": "-", "‐": "-", "\xa0": " "})


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).replace("...", "…")
    return " ".join(text.lower().split())


def headings(html: str, tag: str, limit: int = MAX_HEADINGS) -> list[str]:
    """Text of the first ``<tag>`` elements, by a string scan (no DOM needed). A page
    writes its tags in one case: ``<H1>`` is looked for only when ``<h1`` is absent."""
    out: list[str] = []
    opener, closer = "<" + tag, "</" + tag
    at = html.find(opener)
    if at < 0:
        opener, closer = opener.upper(), closer.upper()
        at = html.find(opener)
    while at >= 0 and len(out) < limit:
        follow = html[at + len(opener):at + len(opener) + 1]
        start = html.find(">", at)
        end = html.find(closer, start) if start >= 0 else -1
        if end < 0:
            break
        at = html.find(opener, end)
        if follow not in (">", " ", "\n", "\t", "\r"):
            continue
        inner = html[start + 1:end]
        if len(inner) > 20 * MAX_HEADING_CHARS:
            continue
        text = " ".join(_html.unescape(_TAG.sub(" ", inner)).split())
        if text and len(text) <= MAX_HEADING_CHARS:
            out.append(text)
    return out


def _strip_chrome(title: str, keys: set[str], extra: set[str]) -> str:
    parts = _SEP.split(title)
    segs = parts[0::2]
    seps = parts[1::2]

    def chrome(seg: str) -> bool:
        s = seg.strip()
        return not s or site_like(s, keys) or _norm(s) in extra or bool(_DATEISH.match(s))

    while len(segs) > 1 and chrome(segs[-1]):
        segs.pop()
        seps.pop()
    while len(segs) > 1 and chrome(segs[0]):
        segs.pop(0)
        seps.pop(0)
    out = segs[0]
    for sep, seg in zip(seps, segs[1:]):
        out += sep + seg
    return out.strip()


def choose_title(og_title: str | None, twitter_title: str | None, title_tag: str | None,
                 h1s: list[str], h2s, keys: set[str]) -> str | None:
    """``h2s``: a list, or a callable giving it (read only when no ``<h1>`` is the headline)."""
    declared = [t for t in (og_title, twitter_title, title_tag) if t]
    normed = [_norm(t) for t in declared]
    best = None
    for group in (h1s, h2s):
        for h in (group() if callable(group) else group):
            nh = _norm(h)
            if not nh or site_like(h, keys):
                continue
            for full in normed:
                if nh in full and (len(nh) >= MIN_HEADING_SHARE * len(full) or len(nh.split()) >= MIN_HEADING_WORDS):
                    if best is None or len(h) > len(best):
                        best = h
                    break
        if best:
            return best
    if not declared:
        return h1s[0] if h1s else None
    # what <title> adds around og:title is the site's chrome ("og | Site")
    extra: set[str] = set()
    if og_title and title_tag and _norm(og_title) != _norm(title_tag) and _norm(og_title) in _norm(title_tag):
        rest = _norm(title_tag).replace(_norm(og_title), "|")
        extra = {p.strip(" -|:»·•–") for p in rest.split("|") if p.strip(" -|:»·•–")}
    return _strip_chrome(declared[0], keys, extra) or declared[0]
