"""Title, authors, site name and publication date of one HTML page.

The cascade, each step a general rule over what the page declares (no per-site keys):

- **site names**: ``og:site_name``, ``application-name``, the JSON-LD publisher and
  organisations, the ``twitter:site`` handle, the domain; used to recognise the
  site's own name where an author or a title segment should be.
- **authors** (``clean.authors``): own JSON-LD item's people > author meta tags >
  the byline in the markup; the first source with a valid person wins.
- **title** (``clean.titles``): the on-page headline when the declared title only
  adds chrome to it, else the declared title without site/date segments.
- **date**: the page's own JSON-LD item's ``datePublished`` (``clean.jsonld``: never
  a ClaimReview's claim or a related item's) > publication-date meta tags > htmldate
  (its fast result from ``clean.html``, or an extensive search when that found
  nothing); a full date in the URL path then wins over a timestamp one day off it
  (a UTC timestamp of an evening story: the URL has the newsroom's local day).

Cost: string scans and one JSON parse per JSON-LD block; the DOM is parsed
(Resiliparse, ~0.4 ms) only when no structured source names an author.
"""
from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit
from typing import NamedTuple

from .authors import (NEAR_HEADLINE_CHARS, authors_from_markup, authors_from_meta, authors_from_text, clean_names,
                      fold, site_keys, site_like)
from .jsonld import all_dates, item_date, item_people, jsonld_items, organisation_names, own_item
from .metadata import date_from_url, domain_of
from .titles import choose_title, headings

__all__ = ["PageMeta", "html_metadata"]

# htmldate's extensive search answers "January 1st" when all it found was a year
# (a copyright line, a year in the text): that is no publication day.
YEAR_ONLY_DAY = "-01-01"
# A full date in the URL path (/2023/11/08/) is written once, by the newsroom's CMS, in
# its local day; metadata timestamps are often UTC (an evening story is "tomorrow") or
# rewritten on update. htmldate reads the URL first too. On news-pages the URL date is
# the gold day on 191 of 198 pages that have one.
URL_DATE_FIRST = True
# ... except against the page's own local-time stamp a few days after it: a URL path keeps the
# day the story was filed or drafted (on news-pages: 4 such pages, the stamp is the gold day
# on all); further apart, the stamp is an update's.
LOCAL_AFTER_URL_DAYS = range(1, 8)

_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_HEAD_END = re.compile(r"</head\s*>|<body\b", re.I)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})")

_DATE_META_KEYS_STRONG = (
    "article:published_time", "og:article:published_time", "datepublished", "article.published",
    "publishdate", "publish-date", "publish_date", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "publication_date",
)
_DATE_META_KEYS_WEAK = ("pubdate", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created", "date", "created")
_DATE_META_KEYS = _DATE_META_KEYS_STRONG + _DATE_META_KEYS_WEAK
MAX_HEAD_CHARS = 1_000_000
# Bylines stand next to the headline (above it in a kicker row, below it with the date) or
# open the article; the zone around the first <h1> holds them on news and blog templates.
BYLINE_ZONE_BEFORE = 4_000
BYLINE_ZONE_AFTER = 25_000
MAX_LOGO_H1_WORDS = 2         # a first <h1> this short is a logo or a label, not the headline
HEADLINE_KEY_CHARS = 24        # the title's opening, looked for in the page to place the headline
HEADLINE_NEAR_H1_CHARS = 1_000  # an <h1> whose text holds the title has it this close after the tag
_BYLINE_MARKERS = ("uthor", "yline", "utor", "uteur")   # author/Author/byline/autor/auteur


@dataclass(slots=True)
class PageMeta:
    title: str | None
    author: str | None        # "; "-joined personal names
    sitename: str | None
    published: str | None     # YYYY-MM-DD
    published_from: str | None = None  # "jsonld" | "meta" | "htmldate" | "url"


def head_end(html: str) -> int:
    """Where the page's <head> ends (its first MAX_HEAD_CHARS when it declares no end)."""
    m = _HEAD_END.search(html, 0, MAX_HEAD_CHARS)
    return m.start() if m else min(len(html), MAX_HEAD_CHARS)


def meta_tags(html: str, end: int) -> list[dict[str, str]]:
    """The attributes (lower-cased names, first value of each) of every ``<meta>`` tag of
    the head, read once per page for ``clean.html`` and this module."""
    tags = []
    for tag in _META.findall(html, 0, end):
        attrs: dict[str, str] = {}
        # findall gives "" for the quotings that did not match: the one that did is the first
        # non-empty, or "" when the value is empty however it is quoted
        for name, double_quoted, single_quoted, bare in _ATTR.findall(tag):
            attrs.setdefault(name.lower(), double_quoted or single_quoted or bare)
        tags.append(attrs)
    return tags


def meta_map(tags: list[dict[str, str]]) -> dict[str, str]:
    """Lower-cased meta property/name/itemprop/http-equiv -> first non-empty content
    (unescaped, whitespace folded), from the head's ``<meta>`` tags as ``meta_tags`` reads
    them: a regex over the raw <head>, ~0.3 ms/page (iterating Resiliparse node collections
    is quadratic and cost ~10 ms/page on meta-heavy news pages). One map serves
    ``clean.html`` and this module."""
    found: dict[str, str] = {}
    for attrs in tags:
        content = attrs.get("content")
        if not content or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = attrs.get(attr)
            if key:
                found.setdefault(key.strip().lower(), " ".join(_html.unescape(content).split()))
    return found


class Head(NamedTuple):
    """The page's <head> as read once for ``clean.html`` and this module: where it ends,
    its ``<meta>`` tags' attributes (``meta_tags``) and their map (``meta_map``)."""
    end: int
    tags: list[dict[str, str]]
    meta: dict[str, str]


def read_head(html: str) -> Head:
    end = head_end(html)
    tags = meta_tags(html, end)
    return Head(end, tags, meta_map(tags))


def _iso_day(value: str | None) -> str | None:
    if not value:
        return None
    m = _ISO.match(value)
    if not m:
        return None
    try:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return d.isoformat() if 1990 <= d.year <= date.today().year + 1 else None


def _first_meta(meta: dict[str, str], keys) -> tuple[str | None, str | None]:
    for key in keys:
        day = _iso_day(meta.get(key))
        if day:
            return day, meta.get(key)
    return None, None


_UTC_STAMP = re.compile(r"\s*\d{4}-\d\d-\d\d[T ](\d\d:\d\d(?::\d\d)?)(?:\.\d+)?\s*(?:Z|[+-]00:?00|UTC|GMT)\s*$")
_LOCAL_STAMP = re.compile(r"(\d{4}-\d\d-\d\d)[T ]\d\d:\d\d(?::\d\d)?(?:\.\d+)?([+-]\d\d:?\d\d)")
_ZULU = re.compile(r"(?:Z|UTC|GMT)\s*$")
MAX_LOCAL_LOOKUPS = 40   # occurrences of the time's minutes examined
FULL_NAME_SCAN_CHARS = 600_000  # where the author box and bylines of a first-name author are looked for
MIN_FULL_NAME_MENTIONS = 2      # one "Nils Pickert" may be anyone; the author's full name recurs (box, byline, meta)
MICRODATA_SCAN_CHARS = 400_000   # the article's own microdata date comes before teasers and comments deep in the page
OFFSET_SCAN_CHARS = 300_000   # the page's own timestamps (meta, JSON-LD, <time>) sit in its first part
# starts with its literal "T" so that the scan is fast; the date before it does not matter here
_OFFSET_STAMP = re.compile(r"T\d\d:\d\d(?::\d\d)?(?:\.\d+)?([+-]\d\d:?\d\d)\b")
# Time zone of a country-code domain, for a UTC timestamp on a page that writes no local
# offset (one zone per country: the capital's; generic-use codes such as .co, .io, .tv are absent).
COUNTRY_ZONES = {
    "de": "Europe/Berlin", "at": "Europe/Vienna", "ch": "Europe/Zurich", "fr": "Europe/Paris",
    "it": "Europe/Rome", "es": "Europe/Madrid", "nl": "Europe/Amsterdam", "be": "Europe/Brussels",
    "lu": "Europe/Luxembourg", "pl": "Europe/Warsaw", "cz": "Europe/Prague", "dk": "Europe/Copenhagen",
    "se": "Europe/Stockholm", "no": "Europe/Oslo", "fi": "Europe/Helsinki", "pt": "Europe/Lisbon",
    "uk": "Europe/London", "ie": "Europe/Dublin", "gr": "Europe/Athens", "hu": "Europe/Budapest",
    "ro": "Europe/Bucharest", "ru": "Europe/Moscow", "ua": "Europe/Kyiv", "tr": "Europe/Istanbul",
    "ar": "America/Argentina/Buenos_Aires", "br": "America/Sao_Paulo", "uy": "America/Montevideo",
    "cl": "America/Santiago", "bo": "America/La_Paz", "pe": "America/Lima", "mx": "America/Mexico_City",
    "ve": "America/Caracas", "ec": "America/Guayaquil", "py": "America/Asuncion", "ca": "America/Toronto",
    "au": "Australia/Sydney", "nz": "Pacific/Auckland", "in": "Asia/Kolkata", "jp": "Asia/Tokyo",
    "cn": "Asia/Shanghai", "hk": "Asia/Hong_Kong", "sg": "Asia/Singapore", "kr": "Asia/Seoul",
    "za": "Africa/Johannesburg", "il": "Asia/Jerusalem",
}


def _local_day(html: str, raw: str | None, day: str, url: str | None = None) -> str:
    """A UTC timestamp's day as the page itself gives it in its local offset.

    "2023-11-09T02:11:03+00:00" is the evening of the 8th in New York: when the page carries
    the same instant with a non-zero offset ("2023-11-08T21:11:03-05:00"), that offset is the
    newsroom's, and its day is the publication day."""
    m = _UTC_STAMP.match(raw or "")
    if not m:
        return day
    try:
        instant = datetime.fromisoformat(raw.strip().replace("Z", "+00:00").replace(" UTC", "+00:00")
                                         .replace(" GMT", "+00:00"))
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=timezone.utc)
    except ValueError:
        return day
    needle = m.group(1)[2:]          # ":MM:SS" (or ":MM"): the same in every offset that is whole hours
    pos, seen = html.find(needle), 0
    while pos >= 0 and seen < MAX_LOCAL_LOOKUPS:
        seen += 1
        local = _LOCAL_STAMP.search(html, max(0, pos - 16), pos + len(needle) + 12)
        if local and local.group(2).replace(":", "") not in ("+0000", "-0000"):
            try:
                stamp = datetime.fromisoformat(local.group(0).replace(" ", "T"))
            except ValueError:
                stamp = None
            if stamp is not None and stamp.tzinfo is not None and stamp == instant:
                return local.group(1)
        pos = html.find(needle, pos + 1)
    # "Z" is written by code that converts to UTC (the site is elsewhere); "+00:00" by CMSs
    # set to UTC, whose pages show the UTC day (WordPress writes its configured offset)
    return (_site_day(html, instant, url) if _ZULU.search(raw) else None) or day


def _site_day(html: str, instant: datetime, url: str | None) -> str | None:
    """The day of a UTC instant where the site is: in the offset the page writes its other
    timestamps in (the most frequent non-zero one), else in the time zone of the site's
    country domain. "2022-05-04T00:44:52Z" on a Brazilian site is the evening of the 3rd."""
    offsets = Counter(m.group(1).replace(":", "") for m in _OFFSET_STAMP.finditer(html, 0, OFFSET_SCAN_CHARS))
    offsets.pop("+0000", None)
    offsets.pop("-0000", None)
    if offsets:
        off = offsets.most_common(1)[0][0]
        minutes = int(off[1:3]) * 60 + int(off[3:5])
        return (instant + timedelta(minutes=minutes if off[0] == "+" else -minutes)).date().isoformat()
    zone = _domain_zone(url)
    return instant.astimezone(zone).date().isoformat() if zone is not None else None


def _host(url: str | None) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:
        return None


def _domain_zone(url: str | None):
    name = COUNTRY_ZONES.get((_host(url) or "").rsplit(".", 1)[-1])
    if not name:
        return None
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except Exception:  # no time-zone database on this machine: no conversion
        return None


def _htmldate_extensive(html: str) -> str | None:
    try:
        import logging

        from htmldate import find_date

        logging.getLogger("htmldate").setLevel(logging.CRITICAL)
        found = find_date(html, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate on a strange page: no date
        return None
    return None if not found or found.endswith(YEAR_ONLY_DAY) else found


def _tag_date(tag: str) -> str | None:
    attrs = {a.group(1).lower(): next(g for g in a.groups()[1:] if g is not None) for a in _ATTR.finditer(tag)}
    return attrs.get("datetime") or attrs.get("content")


def _microdata_date(html: str) -> str | None:
    """The first schema.org microdata ``itemprop="datePublished"`` of the page (a ``<time>``,
    ``<meta>`` or any element with ``datetime``/``content``), within its first part."""
    at = html.find("datePublished", 0, MICRODATA_SCAN_CHARS)
    while at >= 0:
        start = html.rfind("<", 0, at)
        end = html.find(">", at)
        if start >= 0 and end >= 0 and "itemprop" in html[start:at]:
            return _tag_date(html[start:end + 1])
        at = html.find("datePublished", at + 1, MICRODATA_SCAN_CHARS)
    return None


def _publication_date(html, meta, items, own, url, fast_date) -> tuple[str | None, str | None]:
    # the page's own declarations: the publication-time meta tags news CMSs write, then the
    # own JSON-LD item, then generic date tags (on news-pages, where article:published_time and
    # the JSON-LD disagree the meta tag is the gold day 7 times, the JSON-LD 4 times)
    (published, raw), source = _first_meta(meta, _DATE_META_KEYS_STRONG), "meta"
    if not published and own:
        raw = item_date(own)
        published, source = _iso_day(raw), "jsonld"
    if not published:
        raw = _microdata_date(html)
        published, source = _iso_day(raw), "microdata"
    if not published:
        (published, raw), source = _first_meta(meta, _DATE_META_KEYS_WEAK), "meta"
    if published:
        published = _local_day(html, raw, published, url)
    if not published:
        # clean.html's date came from htmldate's fast search or from the first JSON-LD
        # datePublished anywhere: the latter is not ours when it is not the own item's.
        foreign = all_dates(items) if items else set()
        if not fast_date:
            # htmldate only now: on most pages the cascade above has answered (~5 ms/page saved)
            from .html import htmldate_fast

            fast_date = htmldate_fast(html)
        if fast_date and fast_date[:10] not in foreign:
            published, source = fast_date[:10], "htmldate"
        else:
            published = _htmldate_extensive(html)
            source = "htmldate" if published else None
    from_url = date_from_url(url)
    if from_url and from_url != published and URL_DATE_FIRST and not (
            _local_stamp(raw, source) and _days_after(from_url, published) in LOCAL_AFTER_URL_DAYS):
        published, source = from_url, "url"
    return published, source


def _days_after(first: str, then: str | None) -> int | None:
    try:
        return (date.fromisoformat(then) - date.fromisoformat(first)).days if then else None
    except ValueError:
        return None


def _local_stamp(raw: str | None, source: str | None) -> bool:
    """The page's own declaration is a time written with the newsroom's non-zero offset
    ("2020-02-19T18:37:32+01:00"): its day is the local day, whatever the URL's path says
    (a URL dated when the story was filed or first drafted)."""
    if source not in ("meta", "jsonld") or not raw:
        return False
    m = _LOCAL_STAMP.match(raw.strip())
    return bool(m) and m.group(2).replace(":", "") not in ("+0000", "-0000")


def _byline_zone(html: str, head_end: int, title: str | None = None) -> str:
    """The part of the page where bylines sit: from a little before the headline to well
    into the article (``BYLINE_ZONE_*``). The headline is the first ``<h1>``, unless that
    one does not hold the title (a logo) and the title's text stands later in the page."""
    h1 = html.find("<h1", head_end)
    if h1 < 0:
        h1 = html.find("<H1", head_end)
    key = title[:HEADLINE_KEY_CHARS] if title and len(title) >= HEADLINE_KEY_CHARS else None
    if key and (h1 < 0 or key not in html[h1:h1 + HEADLINE_NEAR_H1_CHARS]):
        at = html.find(key, head_end)
        if at > h1:
            h1 = html.rfind("<", 0, at)
    start = max(head_end, h1 - BYLINE_ZONE_BEFORE) if h1 >= 0 else head_end
    end = (h1 if h1 >= 0 else head_end) + BYLINE_ZONE_AFTER
    return html[start:end]


def _zone_tree(zone: str):
    """The DOM of the byline zone; parsing the whole page cost 0.8 ms on the ScrapingHub
    pages, more than all other metadata rules together. None when the zone's markup has
    no author/byline marker (nothing for the selectors to find)."""
    from resiliparse.parse.html import HTMLTree

    if not any(m in zone for m in _BYLINE_MARKERS):
        return None
    return HTMLTree.parse(zone)


def _page_authors(html, head_end, meta, items, own, keys, tree, title=None) -> list[str]:
    """Authors by the cascade of the module docstring. A structured source that names
    only single tokens ("Stefanus", "arianschlichenmayer": a first name or a login) gives
    way to the byline's full name that begins with, or spells, the same token."""
    authors: list[str] = []
    if own is not None:
        people, _orgs = item_people(own, items)
        authors = clean_names(people, keys, strict=False)
    authors = _more_of(authors, authors_from_meta(meta, keys)) if authors else authors_from_meta(meta, keys)
    zone = _byline_zone(html, head_end, title)
    if authors and not all(len(a.split()) == 1 for a in authors):
        # structured data often keeps the first of several authors; the byline text lists all
        if not any(_listed_with_others(a, zone) for a in authors):
            return authors
        return _more_of(authors, authors_from_text(zone, keys, NEAR_HEADLINE_CHARS))
    if tree is None:
        tree = _zone_tree(zone)
    found = authors_from_markup(tree, keys) or authors_from_text(zone, keys)
    if authors and found and len(found) >= len(authors) and all(_same_person(a, f) for a, f in zip(authors, found)):
        authors = found
    return [_full_name(a, html, keys) if " " not in a else a for a in authors or found]


def _full_name(token: str, html: str, keys) -> str:
    """A first name alone ("Nils") as the page writes it in full elsewhere, several times
    (the author box, the byline of the same author: "Nils Pickert"); else as it is."""
    if not token[:1].isupper() or not token.isalpha() or token.isupper():
        return token
    pattern = re.compile(re.escape(token) + r"\s+([A-ZÀ-Þ][\w'’\-]+)\b")   # a literal first: a fast scan
    counts = Counter(m.group(1) for m in pattern.finditer(html, 0, FULL_NAME_SCAN_CHARS)
                     if m.start() == 0 or not html[m.start() - 1].isalnum())
    for surname, n in counts.most_common(1):
        name = f"{token} {surname}"
        if n >= MIN_FULL_NAME_MENTIONS and clean_names(name, keys, strict=False) == [name]:
            return name
    return token


_LIST_JOINERS = (",", " and ", " und ", " & ", " &amp; ", " y ", " et ", " e ")


def _listed_with_others(name: str, zone: str) -> bool:
    """The page writes the name followed by a list joiner ("Rudolf Fischer, Simon Kohler"):
    a cheap test before the byline text is searched for a longer list."""
    at = zone.find(name, 0, NEAR_HEADLINE_CHARS)
    while at >= 0:
        after = zone[at + len(name):at + len(name) + 8]
        if after.startswith(_LIST_JOINERS) or after.lstrip("</>abspnrogtemi ").startswith(_LIST_JOINERS):
            return True
        at = zone.find(name, at + 1, NEAR_HEADLINE_CHARS)
    return False


def _more_of(names: list[str], other: list[str]) -> list[str]:
    """``other`` when it names everyone in ``names`` and more ("A" against "A, B"), else ``names``."""
    return other if len(other) > len(names) and set(names) <= set(other) else names


def _same_person(token: str, name: str) -> bool:
    """A single-token author and a full name: the first name, or the name written as a login."""
    t = token.lower().strip(".")
    return name.split()[0].lower() == t or fold(name) == fold(token)


def html_metadata(html: str, url: str | None, *, canonical: str | None = None, fast_date: str | None = None,
                  sitename: str | None = None, tree=None, head: Head | None = None) -> PageMeta:
    """Metadata of one page (cascade in the module docstring). ``url`` is where the page
    was fetched, ``canonical`` the URL it declares for itself; ``head`` the head as
    ``read_head`` read it, when the caller has (``HtmlExtract.head``)."""
    head_end_at, _tags, meta = head or read_head(html)
    items = jsonld_items(html)
    own = (own_item(items, canonical or url) or (own_item(items, url) if canonical and url else None)) if items else None

    site = meta.get("og:site_name") or meta.get("application-name") or sitename
    names = {site, meta.get("og:site_name"), meta.get("application-name"), sitename,
             (meta.get("twitter:site") or "").lstrip("@") or None}
    names |= organisation_names(items)
    if not site:
        site = next(iter(sorted(organisation_names(items))), None)
    keys = site_keys(names, domain_of(url or canonical), _host(url or canonical))

    m = _TITLE.search(html, 0, head_end_at + 8)
    title_tag = " ".join(_html.unescape(m.group(1)).split()) if m else None
    h1s = headings(html, "h1")
    title = choose_title(meta.get("og:title"), meta.get("twitter:title"), title_tag,
                         h1s, lambda: headings(html, "h2", 3), keys)
    # the first <h1> places the byline zone unless it is a logo or a label ("Science Blogs",
    # "Navigation"): a headline <h1> that differs from the chosen title still places it
    logo_h1 = bool(h1s) and title != h1s[0] and (len(h1s[0].split()) <= MAX_LOGO_H1_WORDS or site_like(h1s[0], keys))
    authors = _page_authors(html, head_end_at, meta, items, own, keys, tree, title if logo_h1 else None)

    published, source = _publication_date(html, meta, items, own, url or canonical, fast_date)
    return PageMeta(title, "; ".join(authors) or None, site, published, source)
