"""How scraped values are labelled and linked wherever they are shown (report, web app,
timeline): outlet labels that are never ids, and links only to http(s) addresses."""
from __future__ import annotations

import os
from urllib.parse import urlsplit


def safe_url(value) -> str | None:
    """A URL that may become a link: http(s) with a host only."""
    if not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value.strip()


def url_domain(url) -> str | None:
    if not safe_url(url):
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    return host[4:] if host.startswith("www.") else host or None


def outlet_label(article: dict | None) -> str:
    """The outlet, else the URL's domain, else the input file's name; never a hash."""
    if not article:
        return "unknown source"
    if article.get("outlet"):
        return article["outlet"]
    if dom := url_domain(article.get("url")):
        return dom
    source = (article.get("source") or "").split("#", 1)[0]
    return os.path.basename(source.rstrip("/")) or "unknown source"
