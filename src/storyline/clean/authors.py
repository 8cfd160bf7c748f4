"""Authors of an HTML page: people, never the site, an e-mail or a URL.

Candidates come from three places, most explicit first (the first that yields a
valid name wins, and all its names are kept):

1. the page's own JSON-LD item's ``author`` people (``clean.jsonld``);
2. author meta tags (``author``, ``article:author``, ``parsely-author``, ...,
   and ``twitter:data1`` when ``twitter:label1`` says "Written by");
3. the byline in the markup: ``rel=author``, ``itemprop=author`` and elements
   whose class names an author or a byline, outside comments and teasers.

Every candidate is cleaned ("By ", "Von ", trailing dates and roles, @handles) and
split into names ("A and B", "A; B", "Last, First" -> "First Last"); a name is
dropped when it is an e-mail, a URL or domain, has digits, is a placeholder
("admin", "No Author"), names an organisation (a company form, a media word) or
is the site itself: its ``og:site_name``, the JSON-LD publisher or the domain.
No author rather than a wrong one.
"""
from __future__ import annotations

import html as _html
import re
import unicodedata

__all__ = ["authors_from_meta", "authors_from_markup", "clean_names", "site_keys", "site_like"]

MAX_NAME_CHARS = 60     # longer than any real personal name with particles and titles
MAX_NAME_WORDS = 6      # "Maria de la Cruz García López" is 6
MAX_BYLINE_CHARS = 120  # a byline element with more text is an author box or a teaser
MAX_MARKUP_ELEMENTS = 40  # byline candidates examined per page (document order)
ANCESTORS_CHECKED = 12    # how far up we look for a comment/teaser container
MIN_SITE_KEY = 4          # shorter site/domain keys ("dw", "ntv") count only when equal: inside names they match by accident

META_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                    "dcterms.creator", "byl", "citation_author", "cxenseparse:author", "twitter:data1")
_WRITTEN_BY = re.compile(r"(?i)\b(written|author|autor|verfasst|geschrieben|auteur|escrito|scritto|door)\b")

# A desk byline ("Redaktion", "Newsdesk") is kept: it is what the page says wrote the
# story, and it is not the site's name (that one is refused below).
# Words that make a "name" an organisation or a publication, in the languages of the pages we see.
_ORG_WORDS = {
    "gmbh", "ag", "kg", "inc", "ltd", "llc", "plc", "corp", "corporation", "company", "sa", "sarl", "spa",
    "srl", "bv", "nv", "ev", "e.v", "verlag", "verlagsgruppe", "publishing", "publications", "media",
    "média", "medien", "group", "gruppe", "groupe", "grupo", "news", "nachrichten", "noticias", "notícias",
    "zeitung", "times", "post", "press", "presse", "prensa", "tribune", "herald", "gazette", "journal",
    "magazin", "magazine", "daily", "weekly", "radio", "tv", "online", "network", "networks", "agency",
    "agentur", "agence", "nast", "holding", "holdings", "foundation", "stiftung", "university",
    "universität", "ministerium", "ministry", "department", "verband", "association", "club", "shop",
    "rundschau", "kurier", "anzeiger", "diario", "journal", "wire", "channel",
}
_PLACEHOLDERS = {
    "admin", "administrator", "administrador", "no author", "unknown", "anonymous", "anonym", "guest",
    "editor", "editors", "author", "autor", "auteur", "user", "webmaster", "none", "null", "staff", "team", "wordpress", "default", "by",
    "von", "posted", "written", "share", "follow", "more", "profile", "contact", "kontakt", "on", "vor",
    "ca", "am", "stand", "datum", "date", "published", "veröffentlicht", "publiziert", "nachricht",
    "updated", "aktualisiert", "hace", "agencies", "agenturen", "agences", "wordpressadmin", "redakteur",
}
# Words that are a date or a label, never part of a name; a name ends before them.
_DATE_WORDS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so|"
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|"
    "january|february|march|april|june|july|august|september|october|november|december|"
    "januar|februar|märz|mai|juni|juli|oktober|dezember|stand|updated|aktualisiert|published|hace|"
    "janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    "veröffentlicht|am|on|le|el|il|den|at|um|the|la|de|du|et|and|und|in"
)
_DATE_WORD = re.compile(_DATE_WORDS, re.IGNORECASE)
_DEGREES = {"phd", "ph.d", "md", "m.d", "msc", "ma", "mba", "mph", "rd", "bsc", "ba", "dr", "prof", "jd", "rn"}
# "By", "Von", "Written by:", "Veröffentlicht von", "Zeige alle Beiträge von", "Redaktion:", "Interview:"
_PREFIX = re.compile(
    r"^(?:(?:(?:veröffentlicht|publiziert|geschrieben|verfasst|erstellt|gepostet|posted|published|written|"
    r"zeige\s+alle\s+beiträge|alle\s+beiträge|beiträge|beitrag|ein\s+beitrag|ein\s+interview|ein\s+artikel|"
    r"artikel|article|publié|publicado|pubblicato|escrito|scritto|story|reporting|words|text|texte|fotos?|"
    r"alles|mehr)\s*(?:by|von|par|por|di|door)?|by|from|von|vom|par|por|door|av|af|"
    r"autor(?:in)?|author|auteur|autore|redaktion|interview)(?:\b|(?=[A-Z]))\s*[:\-–—~]?\s*|"
    r"[~\-–—:]\s*|[^\W\d]+(?:\s[^\W\d]+)?\s*:\s+)+",
    re.IGNORECASE,
)
_CUT = re.compile(r"\s+[|•·–—/]\s+|\s+-\s+|/|\n|\t|\s{3,}|\(|\[|(?:^|\s)\d")
_TRAILING_WORDS = re.compile(r"(?:[\s,]+(?:" + _DATE_WORDS + r"|,|\.))+\.?\s*$", re.IGNORECASE)
_HANDLE = re.compile(r"\s*@\w+")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_SPLIT = re.compile(r"\s*(?:;|\||&|\band\b|\bund\b|\bet\b|\by\b|\bsowie\b|,)\s*", re.IGNORECASE)
_LAST_FIRST = re.compile(r"^\s*([^\W\d_][\w'’\-]+),\s*([^\W\d_][\w'’\-]+(?:\s+[^\W\d_]\.)?)\s*$")
_DOMAINISH = re.compile(r"\w\.(?:[a-z]{2,6})(?:/|$)", re.IGNORECASE)
_PARTICLES = {"von", "van", "de", "der", "den", "la", "le", "du", "da", "dos", "del", "di", "zu", "ter", "y", "bin", "al"}


def _agencies() -> set[str]:
    from .metadata import AGENCIES

    return set(AGENCIES) | {v.lower() for v in AGENCIES.values()}


_AGENCIES = _agencies()


def _key(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text).lower() if c.isalnum())


def site_keys(site_names, domain: str | None) -> set[str]:
    """Comparable keys of the site's own names: its declared names and its domain's label."""
    keys = {_key(s) for s in site_names if s}
    if domain:
        # marked "~": a domain's label is often its owner's name ("helge.at"), so a
        # person's name that equals it is not refused for that alone (see _valid)
        keys.add("~" + _key(domain))
        keys.add("~" + _key(domain.split(".")[0]))
    return {k for k in keys if len(k.lstrip("~")) >= 2}


def site_like(name: str, keys: set[str]) -> bool:
    """The name is the site's: equal to one of its names, or one contains the other."""
    k = _key(name)
    return any(k == s or (min(len(k), len(s)) >= MIN_SITE_KEY and (s in k or k in s))
               for s in (x.lstrip("~") for x in keys))


def person_shaped(name: str) -> bool:
    """Two to four capitalised words (particles allowed): "Helge Fahrnberger", "Anna von Arnim"."""
    words = name.split()
    if not 2 <= len(words) <= 4:
        return False
    return all(w[0].isupper() and not w.isupper() or w.lower() in _PARTICLES or (len(w) <= 3 and w.endswith("."))
               for w in words)


def _valid(name: str, keys: set[str], strict: bool) -> bool:
    if not (2 <= len(name) <= MAX_NAME_CHARS) or "http" in name.lower() or "www." in name.lower():
        return False
    if "@" in name or _DOMAINISH.search(name) or not any(c.isalpha() for c in name):
        return False
    words = name.split()
    if len(words) > MAX_NAME_WORDS or any(w.isdigit() for w in words):
        return False
    low = name.lower()
    if low in _PLACEHOLDERS or low in _AGENCIES or any(c in name for c in "?!:;()[]{}<>=+*#"):
        return False
    if all(_DATE_WORD.fullmatch(w.strip(".,")) for w in words):
        return False    # "juillet", "Donnerstag, 3."
    if len(words) > 1 and any(w[0].islower() and w.lower() not in _PARTICLES for w in words):
        return False    # a phrase, not a name: "Rezept von", "deinen Hochzeitsbloggern"
    if any(w.strip(".,").lower() in _ORG_WORDS for w in words):
        return False
    if person_shaped(name):
        # a personal site's domain is its author's name ("Alexander Klier" on alexander-klier.net):
        # a person's name is refused when it is one of the site's declared names (and, from an
        # author meta tag, when it contains one or is contained in one)
        declared = {k for k in keys if not k.startswith("~")}
        return _key(name) not in declared if not strict else not site_like(name, declared)
    return not site_like(name, keys)


def _head(raw: str) -> str:
    """The name part of a byline: no e-mails, handles, "By", trailing date, role or link."""
    text = _html.unescape(raw).replace("\xa0", " ")
    text = _HANDLE.sub(" ", _EMAIL.sub(" ", text))
    text = text.strip(" \t\r\n:|-–—,")
    text = _PREFIX.sub("", text) or text
    return _CUT.split(text, 1)[0]


def _tidy(part: str) -> str:
    text = " ".join(part.split())
    text = _PREFIX.sub("", text) or text     # a desk byline "Redaktion" is a name, not a label
    text = _TRAILING_WORDS.sub("", " " + text).strip()
    return text.strip(" :,;-–—|·•\"'“”")


def clean_names(raw: str | list[str] | None, keys: set[str], strict: bool = True) -> list[str]:
    """Valid personal names in one candidate value (rules in the module docstring).

    ``strict``: for author meta tags, which sites fill with their own name; a byline's
    or a JSON-LD Person's name that looks like a person's is kept on a personal site."""
    values = raw if isinstance(raw, list) else [raw]
    out: list[str] = []
    for value in values:
        if not isinstance(value, str) or not value.strip():
            continue
        value = " ".join(_html.unescape(value).split())
        m = _LAST_FIRST.match(value)
        if m and not (m.group(2).isupper() and len(m.group(2)) <= 3) and m.group(2).lower() not in _DEGREES:
            parts = [f"{m.group(2)} {m.group(1)}"]     # "Doe, Jane" -> "Jane Doe"; not "Doe, JD" or "Doe, PhD"
        else:
            parts = [p for p in _SPLIT.split(_head(value)) if p.strip()]
        for part in parts:
            name = _tidy(part)
            if not name or name.lower().strip(".") in _DEGREES:
                continue
            # in a list, a lone upper-case token beside full names is initials ("Tina Klostermeier,TK")
            if len(parts) > 1 and len(name) <= 3 and name.isupper():
                continue
            if _valid(name, keys, strict) and name not in out:
                out.append(name)
    return out


def authors_from_meta(meta: dict[str, str], keys: set[str]) -> list[str]:
    for key in META_AUTHOR_KEYS:
        value = meta.get(key)
        if not value:
            continue
        if key == "twitter:data1" and not _WRITTEN_BY.search(meta.get("twitter:label1", "")):
            continue
        names = clean_names(value, keys)
        if names:
            return names
    return []


# --- bylines in the markup -----------------------------------------------------

_BYLINE_SELECTOR = (
    '[rel~="author"], [itemprop~="author"], [class*="author"], [class*="Author"], [class*="byline"], '
    '[class*="Byline"], [class*="autor"], [class*="Autor"], [class*="auteur"], [id*="author"], [id*="byline"], '
    'a[href*="/author/"], a[href*="/autor/"], a[href*="/autoren/"]'
)
# Containers whose author elements are someone else's: comments, teasers, related lists.
# Matched at the start of a class/id token: "comment-author", "related-posts", but not
# "sticky-sidebar-parent" or "has-comments-open"-style state classes deep in a token.
_FOREIGN = re.compile(r"(?:^|\s)(?:comment|related|teaser|sidebar|widget|recommend|similar|more-|footer|"
                      r"popular|trending|reply|respond|discussion|kommentar|reaction)", re.IGNORECASE)
# Author-ish class names that hold no name: pictures, biographies, labels.
_NOT_NAME = re.compile(r"avatar|image|img|photo|picture|bio|desc|about|label|icon|social|follow|more|box-",
                       re.IGNORECASE)
# display-state classes that say nothing of the content ("field--label-hidden")
_STATE_CLASSES = re.compile(r"[\w-]*(?:label-hidden|visually-hidden|label-inline|label-above)[\w-]*")
_NAME_CHILD = '[itemprop~="name"], .fn, [rel~="author"], [class*="name"]'


def _foreign(el) -> bool:
    node = el
    for _ in range(ANCESTORS_CHECKED):
        node = node.parent
        if node is None or node.tag in ("body", "html", "#document"):
            return False
        if node.tag in ("footer", "aside", "nav"):
            return True
        marker = (node.getattr("class") or "") + " " + (node.getattr("id") or "")
        if _FOREIGN.search(marker):
            return True
    return False


def authors_from_markup(tree, keys: set[str]) -> list[str]:
    body = tree.body if tree is not None else None
    if body is None:
        return []
    for n, el in enumerate(body.query_selector_all(_BYLINE_SELECTOR)):
        if n >= MAX_MARKUP_ELEMENTS:
            break
        marker = (el.getattr("class") or "") + " " + (el.getattr("id") or "")
        marker = _STATE_CLASSES.sub(" ", marker)
        if _FOREIGN.search(marker) or (_NOT_NAME.search(marker) and not el.getattr("itemprop")):
            continue
        if el.tag == "meta":
            text = el.getattr("content") or ""
        else:
            # the name's own element first: the byline's text runs labels into names ("AuthorAndreas Kalt")
            child = el.query_selector(_NAME_CHILD)
            text = child.text if child is not None and child.text.strip() else el.text
        if not text or not text.strip() or len(text) > MAX_BYLINE_CHARS:
            continue
        if _foreign(el):
            continue
        names = clean_names(text, keys, strict=False)
        if names:
            return names
    return []
