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

__all__ = ["authors_from_meta", "authors_from_markup", "authors_from_text", "clean_names", "fold", "site_keys", "site_like"]

MAX_NAME_CHARS = 60     # longer than any real personal name with particles and titles
MAX_NAME_WORDS = 6      # "Maria de la Cruz García López" is 6
MAX_BYLINE_CHARS = 120  # a byline element with more text is an author box or a teaser
MAX_MARKUP_ELEMENTS = 40  # byline candidates examined per page (document order)
ANCESTORS_CHECKED = 12    # how far up we look for a comment/teaser container
SPACED_TEXT_DEPTH = 4     # a byline element's parts are this shallow; deeper ones are read as one text
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
    "rundschau", "kurier", "anzeiger", "diario", "journal", "wire", "channel", "illustrierte", "welle",
}
# German compounds that name a body whatever comes before ("Bundesverband", "Pressestelle", "Landesanstalt").
_ORG_SUFFIXES = ("verband", "verein", "gesellschaft", "stiftung", "institut", "ministerium", "agentur", "anstalt",
                 "akademie", "hochschule", "kammer", "genossenschaft", "pressestelle", "behörde", "senat", "kirche")
_PLACEHOLDERS = {
    "admin", "administrator", "administrador", "no author", "unknown", "anonymous", "anonym", "guest",
    "editor", "editors", "author", "autor", "auteur", "user", "webmaster", "none", "null", "staff", "team", "wordpress", "default", "by",
    "von", "posted", "written", "share", "follow", "more", "profile", "contact", "kontakt", "on", "vor",
    "ca", "am", "stand", "datum", "date", "published", "veröffentlicht", "publiziert", "nachricht",
    "updated", "aktualisiert", "hace", "agencies", "agenturen", "agences", "wordpressadmin", "redakteur",
    "por", "par", "door", "di", "de", "da", "from",
}
# Words that open a link's label, never a name ("Zur Artikelübersicht", "Alle Beiträge", "More from").
_NOT_FIRST_WORDS = {"zur", "zum", "alle", "mehr", "zurück", "weiter", "more", "all", "back", "view", "see", "read",
                    "voir", "tous", "toutes", "ver", "todos", "todas", "leer"}
# Roles in a hyphenated compound before a name ("FOCUS-Online-Experte", "Gast-Autor").
_ROLE_WORDS = {"experte", "expertin", "autor", "autorin", "gastautor", "gastautorin", "redakteur", "redakteurin",
               "korrespondent", "korrespondentin", "kolumnist", "kolumnistin", "reporter", "reporterin", "gast"}
# A newsroom job title ("Claire Ostrander, Diplomatic Correspondent", "GARY B. GRAVES, AP Sports
# Writer"): beside a name, the part it ends is that person's role, not a second author; alone
# ("Staff Writer", "Court Reporter", "Letters To The Editor") it names no one: no author rather
# than a wrong one.
_JOB_TITLES = _ROLE_WORDS - {"gast"} | {
    "correspondent", "correspondents", "editor", "editors", "reporter", "reporters", "writer", "writers",
    "columnist", "contributor", "producer", "journalist", "photographer", "photojournalist", "analyst",
    "commentator", "chief", "bureau", "intern", "anchor", "presenter", "critic", "correspondant",
    "correspondante", "corresponsal", "rédacteur", "rédactrice", "redactor", "redactora"}
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
# where a name ends: a separator, a date's digits, or the next label ("Fritz Imhof Quelle: Livenet")
_CUT = re.compile(r"\s+[Ff]or\s+|\s+[|•·–—/]\s+|\s+-\s+|/|\n|\t|\s{3,}|\(|\[|(?:^|\s)\d|\s[^\W\d_]+\s?:(?:\s|$)")
# A byline label after other byline parts: "Posted on 21 September 2020 by Adi Tzlil",
# "Datum: 19.11.2021 Autor: Fritz Imhof". The name follows the label.
_INNER_LABEL = re.compile(r"(?:^|[\s|,;·•])(?:by|von|par|por|door|autor(?:in)?\s*:|author\s*:|auteur\s*:|"
                          r"text\s*:)\s+(?=[^\W\d_])", re.IGNORECASE)
_TRAILING_WORDS = re.compile(r"(?:[\s,]+(?:" + _DATE_WORDS + r"|,|\.))+\.?\s*$", re.IGNORECASE)
_HANDLE = re.compile(r"\s*@\w+")
_TAG = re.compile(r"<[^<>]*>")
_DESK = re.compile(r"(?:redaktion|team|editorial|newsdesk|desk|redacción|rédaction|redazione)\b", re.IGNORECASE)
_LEADING_BY = re.compile(r"^(?:by|von|vom|par|por|door)\s+", re.IGNORECASE)
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
    """Comparable form: lower case, letters and digits only, accents dropped ("La República" ~ larepublica)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if c.isalnum())


def site_keys(site_names, domain: str | None, host: str | None = None) -> set[str]:
    """Comparable keys of the site's own names: its declared names, its domain's label and
    the host's own labels ("seglerblog" of seglerblog.example.de)."""
    keys = {_key(s) for s in site_names if s}
    if domain:
        # marked "~": a domain's label is often its owner's name ("helge.at"), so a
        # person's name that equals it is not refused for that alone (see _valid)
        keys.add("~" + _key(domain))
        keys.add("~" + _key(domain.split(".")[0]))
    for label in ((host or "").lower().split(".")[:-2] if domain not in _BLOG_PLATFORMS else ()):
        if len(label) >= MIN_SITE_KEY and label not in _GENERIC_HOST_LABELS:
            keys.add("~" + _key(label))
    return {k for k in keys if len(k.lstrip("~")) >= 2}


# Hosts whose subdomain is a user's own name (creeny.wordpress.com): the person, not an outlet.
_BLOG_PLATFORMS = {"wordpress.com", "blogspot.com", "blogspot.de", "tumblr.com", "substack.com", "medium.com",
                   "wixsite.com", "weebly.com", "jimdo.com", "over-blog.com", "livejournal.com", "typepad.com",
                   "blogger.com", "github.io", "netlify.app"}
# Host labels that name no site: "www", "blog", "news" in www.x.com, blog.x.de, news.x.org.
_GENERIC_HOST_LABELS = {"www", "www1", "www2", "blog", "blogs", "news", "home", "mobile", "amp", "web", "site",
                        "shop", "info", "magazin", "magazine", "presse", "press", "media"}


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
    if len(words) == 1 and name.isupper():
        return False    # "ARD", "ERBOL", "AFP": a broadcaster's or agency's abbreviation, or initials
    if words[0].lower() in _NOT_FIRST_WORDS:
        return False    # "Zur Artikelübersicht", "Alle Beiträge": a link's label
    low = name.lower()
    if low in _PLACEHOLDERS or low in _AGENCIES or any(c in name for c in "?!:;()[]{}<>=+*#©®"):
        return False
    if all(_DATE_WORD.fullmatch(w.strip(".,")) for w in words):
        return False    # "juillet", "Donnerstag, 3."
    if len(words) > 1 and any(w[0].islower() and w.lower() not in _PARTICLES for w in words):
        return False    # a phrase, not a name: "deinen Hochzeitsbloggern"
    if words[-1].lower().strip(".,") in _JOB_TITLES:
        return False    # "Diplomatic Correspondent", "Staff Writer": a role, not a name
    if len(words) > 1 and words[-1].lower() in _PARTICLES:
        return False    # a label cut before its name: "Rezept von", "Artikel von"
    if any(w.strip(".,").lower() in _ORG_WORDS or w.lower().endswith(_ORG_SUFFIXES) for w in words):
        return False    # "Bundesverband WindEnergie", "Landesanstalt": a body's compound name
    if _outlet_form(words, keys):
        return False
    if person_shaped(name):
        # a personal site's domain is its author's name ("Alexander Klier" on alexander-klier.net):
        # a person's name is refused when it is one of the site's declared names (and, from an
        # author meta tag, when it contains one or is contained in one)
        declared = {k for k in keys if not k.startswith("~")}
        return _key(name) not in declared if not strict else not site_like(name, declared)
    return not site_like(name, keys)


# Forms that dress the site's name as a byline: its desk ("News4Max Staff", "N-Land Redaktion",
# "Teufel Editorial Team"), a national edition ("Houzz Deutschland"), an article before it ("La República").
_DESK_SUFFIXES = {"staff", "team", "redaktion", "editorial team", "editorial", "newsroom", "desk", "editors",
                  "redacción", "rédaction", "redazione", "reporters", "webteam", "online-redaktion"}
_EDITIONS = {"deutschland", "germany", "österreich", "austria", "schweiz", "suisse", "switzerland", "france",
             "españa", "spain", "italia", "italy", "uk", "us", "usa", "india", "méxico", "mexico", "brasil",
             "brazil", "argentina", "chile", "canada", "australia", "international", "global", "digital", "de",
             "at", "ch"}
_ARTICLES = {"the", "die", "der", "das", "el", "la", "le", "les", "il", "lo", "los", "las", "de"}


def _outlet_form(words: list[str], keys: set[str]) -> bool:
    low = [w.lower().strip(".,") for w in words]
    for n in (2, 1):
        if len(words) > n and " ".join(low[-n:]) in _DESK_SUFFIXES and site_like(" ".join(words[:-n]), keys):
            return True
    if len(words) > 1 and low[-1] in _EDITIONS and site_like(" ".join(words[:-1]), keys):
        return True
    return len(words) > 1 and low[0] in _ARTICLES and site_like(" ".join(words), keys)


def _head(raw: str) -> str:
    """The name part of a byline: no e-mails, handles, "By", trailing date, role or link."""
    text = _html.unescape(raw).replace("\xa0", " ")
    text = _HANDLE.sub(" ", _EMAIL.sub(" ", text))
    text = text.strip(" \t\r\n:|-–—,")
    text = _PREFIX.sub("", text) or text
    label = _INNER_LABEL.search(text)
    if label and label.start() > 0 and _not_a_name(text[:label.start()]):
        text = text[label.end():]
    return _CUT.split(text, 1)[0]


def _not_a_name(text: str) -> bool:
    """What precedes an inner byline label is a date, a label or a verb, not a first author:
    it has digits or a colon, or is one lower-case or date/label word ("Posted on")."""
    words = text.split()
    return (any(c.isdigit() for c in text) or ":" in text
            or all(w[0].islower() or _DATE_WORD.fullmatch(w.strip(".,")) or w.lower() in _PLACEHOLDERS
                   for w in words if w))


def _tidy(part: str) -> str:
    text = " ".join(part.split())
    words = text.split()
    if len(words) % 2 == 0 and len(words) >= 2 and words[:len(words) // 2] == words[len(words) // 2:]:
        text = " ".join(words[:len(words) // 2])     # "Kristen Falc'hon Kristen Falc'hon": a screen-reader copy
    first, _, rest = text.partition(" ")
    if rest and "-" in first and any(p.lower() in _ORG_WORDS or p.lower() in _ROLE_WORDS for p in first.split("-")):
        text = rest     # "FOCUS-Online-Experte Robin Tschöpe": a role compound before the name
    # a desk byline "Redaktion" is a name, not a label: "von Redaktion" -> "Redaktion"
    text = _PREFIX.sub("", text) or _LEADING_BY.sub("", text) or text
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
        desk = bool(_DESK.match(_LEADING_BY.sub("", value)))
        if strict and _names_site_domain(_EMAIL.sub(" ", value), keys):
            continue    # "Deutsche Welle (www.dw.com)", "hessenschau.de, Frankfurt, Germany": the site's own tag
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
            if strict and _organisation(name):
                return []   # "Landesanstalt für Wald und Forstwirtschaft": one body, not a list of people
            if (desk or _DESK.match(part.strip())) and site_like(name, keys):
                continue    # "Redaktion Polizeiticker Schweiz": the outlet's desk, named by the outlet
            if _valid(name, keys, strict) and name not in out:
                out.append(name)
    return out


MIN_DOMAIN_KEY = 5   # "dwcom", "hessenschaude": shorter domain keys occur inside names by accident


def _names_site_domain(value: str, keys: set[str]) -> bool:
    k = _key(value)
    return any(len(d) >= MIN_DOMAIN_KEY and "." in value and d in k
               for d in (x[1:] for x in keys if x.startswith("~")))


def _organisation(name: str) -> bool:
    """A body's name: a company or media word, or several words with a lower-case one
    that is no name particle ("Bayerische Landesanstalt für Wald")."""
    words = name.split()
    return (any(w.strip(".,").lower() in _ORG_WORDS for w in words)
            or len(words) > 2 and any(w[0].islower() and w.lower() not in _PARTICLES for w in words))


def fold(name: str) -> str:
    """A name as a login: lower case, accents and separators dropped ("Gàbor Muniér" -> "gabormunier")."""
    text = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


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


def _headline_home(body) -> set:
    """The elements that contain the page's headline (its ``<h1>``): a container of the
    headline is the article's, whatever layout class it carries ("content-area sidebar",
    Blogger's "widget Blog")."""
    h1 = body.query_selector("h1")
    home = set()
    node = h1.parent if h1 is not None else None
    while node is not None and node.tag not in ("body", "html", "#document"):
        home.add(node)
        node = node.parent
    return home


def _foreign(el, home: set = frozenset()) -> bool:
    node = el
    for _ in range(ANCESTORS_CHECKED):
        node = node.parent
        if node is None or node.tag in ("body", "html", "#document") or node in home:
            return False
        if node.tag in ("footer", "aside") and not (node.parent is not None and node.parent in home):
            return True     # the page's footer or sidebar; the headline's own article's footer or
            # aside ("Posted by X at 18:52", a meta column) is judged by its class like any element
        if node.tag == "nav":
            return True
        marker = (node.getattr("class") or "") + " " + (node.getattr("id") or "")
        if _FOREIGN.search(marker):
            return True
    return False


def _spaced_text(el, depth: int = 0) -> str:
    """The element's text with a space between its parts: ``.text`` glues inline
    elements ("Autor: Fritz ImhofQuelle: Livenet")."""
    from resiliparse.parse.html import NodeType

    parts = []
    for child in el.child_nodes:
        if child.type == NodeType.TEXT:
            parts.append(child.text)
        elif child.type == NodeType.ELEMENT and child.tag not in ("script", "style"):
            parts.append(_spaced_text(child, depth + 1) if depth < SPACED_TEXT_DEPTH else child.text)
    return " ".join(" ".join(parts).split())


def authors_from_markup(tree, keys: set[str]) -> list[str]:
    body = tree.body if tree is not None else None
    if body is None:
        return []
    home = None
    for n, el in enumerate(body.query_selector_all(_BYLINE_SELECTOR)):
        if n >= MAX_MARKUP_ELEMENTS:
            break
        marker = (el.getattr("class") or "") + " " + (el.getattr("id") or "")
        marker = _STATE_CLASSES.sub(" ", marker)
        if _FOREIGN.search(marker) or (_NOT_NAME.search(marker) and not el.getattr("itemprop")):
            continue
        if el.tag == "meta":
            text, whole = el.getattr("content") or "", ""
        else:
            # the name's own element first: the byline's text runs labels into names ("AuthorAndreas Kalt")
            child = el.query_selector(_NAME_CHILD)
            text = " ".join(child.text.split()) if child is not None else ""
            if child is not None and len(text) <= MAX_BYLINE_CHARS and len(child.child_nodes) > 1:
                text = _spaced_text(child)      # "José Miguel Wilson<time>Hace 13 horas</time>"
            whole = " ".join(el.text.split())
            # the spaced text only where it can differ: no name element, or a list around it
            if len(whole) > MAX_BYLINE_CHARS or (text and not _SPLIT.search(whole.replace(text, "", 1))):
                whole = ""
            else:
                whole = _spaced_text(el)
            text = text or whole
        if not text or len(text) > MAX_BYLINE_CHARS:
            continue
        if home is None:
            home = _headline_home(body)
        if _foreign(el, home):
            continue
        names = clean_names(text, keys, strict=False)
        if names and whole and whole != text:
            # the byline lists more people than its first name element ("A, B and C")
            more = clean_names(whole, keys, strict=False)
            if len(more) > len(names) and set(names) <= set(more):
                names = more
        if names:
            return names
    return []


# --- bylines in the text: "Von Claudia Lindner", "Text: X", "Ein Artikel von <strong>X</strong>" -----

_GAP = r"(?:\s|&nbsp;|&#160;|&#xa0;)*"
_TEXT_NAME = r"[^\W\d_][\w.'’\-]*(?:(?:\s|&nbsp;)+[^\W\d_][\w.'’\-]*){1,3}"
_SKIP_TAGS = r"(?:<[^<>]{0,400}>" + _GAP + r"){0,4}"
# A text node that opens with a byline label, the names after it (each possibly in its own
# element, joined by "and"/"und"/","): bylines without an author class, in the article's first lines.
_BYLINE_TEXT = re.compile(
    r">" + _GAP + r"(?:[-–—|·•]" + _GAP + r")?(?:(?:ein(?:e)?\s+)?(?:artikel|beitrag|text|bericht|interview|reportage|story|article|"
    r"texte|reportaje|nota)\s+)?"
    r"(?:by|von|par|por|door|text\s*:|(?:autor(?:in)?|author|auteur)\s*(?::|(?=</))|redaktion\s*:|"
    r"written\s+by\s*:?|posted\s+by)" + _GAP + _SKIP_TAGS + r"(" + _TEXT_NAME + r"(?:" + _GAP + r"(?:</[^<>]{1,20}>" + _GAP + r"){0,3}"
    r"(?:,|and|und|&amp;|&|et|y)" + _GAP + _SKIP_TAGS + _TEXT_NAME + r"){0,4})"
    + _GAP + r"(?=<|\||,|·|•|/|\(|\s?&nbsp;|\s\s)",
    re.IGNORECASE)
_TAG_BEFORE = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^<>]*>$")
# A label after these closes an inline run ("CC BY-SA</a> by <a>X</a>", "<img ...> by X"):
# a credit inside a sentence, not a byline of its own.
_INLINE_TAGS = {"a", "strong", "b", "em", "i", "span", "sup", "sub", "small", "img", "cite", "u", "font"}
_CLASS_ATTR = re.compile(r"""\b(?:class|id)\s*=\s*["']([^"']*)""")
FOREIGN_LOOKBACK_CHARS = 1500  # a byline text inside a teaser/comment card has the card's opening tag this close
_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^<>]*>")
_VOID_TAGS = {"img", "br", "hr", "meta", "link", "input", "source", "wbr", "area", "col", "embed", "param", "track"}
# a label word at most 40 characters of text into a text node ("Ein Artikel von", "&nbsp;| By")
_LABEL_LEAD = re.compile(r">[^<]{0,40}?\b(?:by|von|par|por|door|text|autor|autorin|author|auteur|redaktion|"
                         r"written|posted)\b")
# a second, complete list of authors stands by the headline: the zone's start (4,000 before it) to 12,000 after
NEAR_HEADLINE_CHARS = 16_000
MAX_TEXT_BYLINES = 6    # byline-shaped text nodes examined per page (document order)


def _text_byline_context_ok(zone: str, start: int) -> bool:
    tag = _TAG_BEFORE.search(zone, max(0, start - 400), start + 1)
    if tag and (tag.group(1) and tag.group(2).lower() in _INLINE_TAGS or tag.group(2).lower() == "img"):
        return False
    return not any(_FOREIGN.search(c) for c in _open_classes(zone[max(0, start - FOREIGN_LOOKBACK_CHARS):start + 1]))


def _open_classes(window: str) -> list[str]:
    """class/id values of the elements still open at the end of ``window``: the text's
    containers, as far as the window reaches (a closed "comments-link" before it is not one)."""
    stack: list[tuple[str, str]] = []
    for m in _ANY_TAG.finditer(window):
        closing, name = m.group(1), m.group(2).lower()
        if name in _VOID_TAGS:
            continue
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
        elif not m.group(0).endswith("/>"):
            attrs = _CLASS_ATTR.findall(m.group(0))
            stack.append((name, " ".join(attrs)))
    return [c for _, c in stack if c]


def authors_from_text(zone: str | None, keys: set[str], limit: int | None = None) -> list[str]:
    """Personal names after a byline label that opens a text node of the headline's zone.
    Only person-shaped names count ("Von Berlin nach Hamburg" is no byline)."""
    if not zone:
        return []
    n = 0
    # cheap first, on the lower-cased zone: a ">" with a label word within a few characters
    # of text after it; the full pattern is then matched from that ">" only
    for lead in _LABEL_LEAD.finditer((zone[:limit] if limit else zone).lower()):
        m = _BYLINE_TEXT.match(zone, lead.start())
        if m is None:
            continue
        n += 1
        if n > MAX_TEXT_BYLINES:
            break
        if not _text_byline_context_ok(zone, m.start()):
            continue
        text = _html.unescape(_TAG.sub(" ", m.group(1)))
        names = [x for x in clean_names(text, keys, strict=False) if person_shaped(x)]
        if names:
            return names
    return _dateline_name(zone, keys)


# The headline's date line that ends with the writer's name, without a label:
# "11.12.2019 - Amelie Loevenich", "04.02.2022 | 13:10 Uhr | Uta Helkenberg".
_DATELINE_NAME = re.compile(
    r">" + _GAP + r"(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4})" + _GAP +
    r"(?:[|\-–—·•]" + _GAP + r"\d{1,2}[:.]\d\d" + _GAP + r"(?:uhr|h)?" + _GAP + r")?[|\-–—·•]" + _GAP +
    r"([^\W\d_][\w.'’\-]*(?:\s+[^\W\d_][\w.'’\-]*){1,3})" + _GAP + r"<", re.IGNORECASE)
DATELINE_NEAR_H1 = 2_500   # a date line stands this close before or after the headline's tag


def _dateline_name(zone: str, keys: set[str]) -> list[str]:
    h1 = zone.find("<h1")
    if h1 < 0:
        return []
    m = _DATELINE_NAME.search(zone, max(0, h1 - DATELINE_NEAR_H1), h1 + DATELINE_NEAR_H1)
    if m is None:
        return []
    names = clean_names(m.group(1), keys, strict=False)
    return names if len(names) == 1 and person_shaped(names[0]) else []
