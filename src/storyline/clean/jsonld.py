"""The page's own item in its JSON-LD (schema.org) blocks.

A news page's JSON-LD often holds several items: the article, the WebPage and
WebSite around it, the Organization that publishes it, breadcrumbs, and on
fact-check pages a ClaimReview whose ``itemReviewed`` Claim carries the date the
*claim* was made. Reading "the first ``datePublished`` anywhere" gives the claim's
or a related item's date; this module picks the item that is the page itself:

1. items are the top-level objects and the members of ``@graph`` (never the
   objects nested inside another item: a Claim, a related article, a list entry);
2. the one whose ``url`` / ``@id`` / ``mainEntityOfPage`` is the page's URL wins;
3. else the single article-typed item (``NewsArticle``, ``BlogPosting``, ...);
   several article items with none of them the page's URL is a listing: no item;
4. else a ``WebPage`` (of the page's URL, or the only one).

People are read from ``author`` (and ``creator``), resolving ``{"@id": ...}``
references against the graph; ``Organization`` authors are not people.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

__all__ = ["jsonld_items", "own_item", "item_people", "item_date", "organisation_names"]

# Only the first blocks of a page are read: real pages carry 1-6, a runaway
# template can repeat one per teaser.
MAX_BLOCKS = 12
MAX_BLOCK_CHARS = 400_000   # a larger block is a data dump, not page metadata
MAX_SCAN_CHARS = 3_000_000  # JSON-LD past this offset is not the page's own

_ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
    "liveblogposting", "report", "techarticle", "scholarlyarticle", "socialmediaposting",
    "discussionforumposting", "posting", "medicalscholarlyarticle", "satiricalarticle", "advertisercontentarticle",
}
_PAGE_TYPES = {"webpage", "itempage", "aboutpage", "profilepage", "qapage", "medicalwebpage", "faqpage"}
_ORG_TYPES = {"organization", "newsmediaorganization", "corporation", "website", "brand", "localbusiness",
              "educationalorganization", "governmentorganization", "ngo", "onlinebusiness"}
_SCRIPT_CLOSE = re.compile(r"</script", re.I)


def jsonld_items(html: str) -> list[dict]:
    """Top-level JSON-LD items and ``@graph`` members, in page order."""
    items: list[dict] = []
    pos, blocks = 0, 0
    limit = min(len(html), MAX_SCAN_CHARS)
    while blocks < MAX_BLOCKS:
        at = html.find("ld+json", pos, limit)
        if at < 0:
            break
        start = html.find(">", at)
        if start < 0:
            break
        end = _SCRIPT_CLOSE.search(html, start)
        if end is None:
            break
        pos = end.end()
        raw = html[start + 1:end.start()]
        if len(raw) > MAX_BLOCK_CHARS:
            continue
        blocks += 1
        try:
            data = json.loads(raw.strip().strip(";").replace("<!--", "").replace("-->", "") or "null", strict=False)
        except ValueError:
            continue
        _collect(data, items)
    return items


def _collect(data, items: list[dict]) -> None:
    for item in data if isinstance(data, list) else [data]:
        if not isinstance(item, dict):
            continue
        if "@graph" in item and isinstance(item["@graph"], (list, dict)):
            _collect(item["@graph"], items)
        if "@type" in item:
            items.append(item)


def types(item: dict) -> set[str]:
    t = item.get("@type")
    values = t if isinstance(t, list) else [t]
    return {v.rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)}


def _norm_url(url) -> str | None:
    if isinstance(url, dict):
        url = url.get("@id") or url.get("url")
    if not isinstance(url, str) or "//" not in url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    return host + parts.path.rstrip("/")


def _item_urls(item: dict) -> set[str]:
    urls = set()
    for key in ("url", "@id", "mainEntityOfPage"):
        value = item.get(key)
        for v in value if isinstance(value, list) else [value]:
            n = _norm_url(v)
            if n:
                urls.add(n.split("#", 1)[0])
    return urls


def own_item(items: list[dict], url: str | None) -> dict | None:
    """The item describing the page itself (rules in the module docstring)."""
    page = _norm_url(url) if url else None
    articles = [i for i in items if types(i) & _ARTICLE_TYPES]
    pages = [i for i in items if types(i) & _PAGE_TYPES]
    if page:
        for group in (articles, pages):
            for item in group:
                if page in _item_urls(item):
                    return item
    if len(articles) == 1:
        return articles[0]
    if articles:
        # several article items: the same story declared twice (same headline) is one
        heads = {str(a.get("headline") or a.get("name") or "").strip().lower() for a in articles}
        return articles[0] if len(heads) == 1 else None
    if len(pages) == 1:
        return pages[0]
    return None


def _by_id(items: list[dict]) -> dict[str, dict]:
    return {i["@id"]: i for i in items if isinstance(i.get("@id"), str)}


def item_people(item: dict, items: list[dict]) -> tuple[list[str], list[str]]:
    """(person names, organisation names) among the item's ``author``/``creator``."""
    ids = _by_id(items)
    people: list[str] = []
    orgs: list[str] = []
    for key in ("author", "creator"):
        value = item.get(key)
        for v in (value if isinstance(value, list) else [value])[:20]:
            v = _embedded_json(v)
            if isinstance(v, dict) and set(v) <= {"@id", "@type"} and v.get("@id") in ids:
                v = ids[v["@id"]]
            if isinstance(v, dict):
                name = v.get("name")
                if isinstance(name, list):
                    name = name[0] if name else None
                if not isinstance(name, str):
                    continue
                t = types(v)
                (orgs if t & _ORG_TYPES and "person" not in t else people).append(name)
            elif isinstance(v, str):
                people.append(v)
        if people:
            break
    return people, orgs


def _embedded_json(value):
    """An author written as a JSON string inside the JSON-LD (``"author": "{ \"@type\":
    \"Person\", \"name\": \"Alice Wu\" }"``, as SCMP's pages do) read as the object it holds;
    any other value as it is."""
    if isinstance(value, str) and value.lstrip().startswith("{") and value.rstrip().endswith("}") and \
            len(value) <= MAX_EMBEDDED_JSON_CHARS:
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        return parsed if isinstance(parsed, dict) else value
    return value


# an author object written as a string is a few hundred characters; a longer one is not parsed
MAX_EMBEDDED_JSON_CHARS = 2_000


def item_date(item: dict) -> str | None:
    for key in ("datePublished", "dateCreated", "uploadDate"):
        value = item.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def organisation_names(items: list[dict]) -> set[str]:
    """Names of the publishers, organisations and web sites the JSON-LD declares."""
    names: set[str] = set()
    for item in items:
        candidates = []
        if types(item) & _ORG_TYPES and "person" not in types(item):
            candidates.append(item.get("name"))
            candidates.append(item.get("alternateName"))
        pub = item.get("publisher")
        for p in pub if isinstance(pub, list) else [pub]:
            if isinstance(p, dict):
                candidates.append(p.get("name"))
        names.update(c.strip() for c in candidates if isinstance(c, str) and c.strip())
    return names


def all_dates(items: list[dict]) -> set[str]:
    """Every ``datePublished`` in the JSON-LD, nested ones included (day only)."""
    found: set[str] = set()
    stack: list = list(items)
    seen = 0
    while stack and seen < 2000:
        seen += 1
        v = stack.pop()
        if isinstance(v, dict):
            d = v.get("datePublished")
            if isinstance(d, str):
                found.add(d.strip()[:10])
            stack.extend(x for x in v.values() if isinstance(x, (dict, list)))
        elif isinstance(v, list):
            stack.extend(v[:200])
    return found
