"""Clean: Page -> Article (main text + trustworthy metadata) or Reject.

HTML goes through ``clean.html`` (extractor), text through ``clean.text``
(line classifier); both then share the metadata rules of ``clean.metadata``.
"""
from __future__ import annotations

import hashlib
import re
from itertools import islice

from ..model import Article, Page, Reject
from .decode import DecodeError, decode
from .htmlmeta import html_metadata
from .language import detect_language
from .metadata import (EARLIEST_GUESSED_YEAR, byline, date_from_url, dateline, domain_of, normalise_date,
                       syndicated_from)

__all__ = ["clean_page", "article_id"]

MIN_ARTICLE_WORDS = 8   # shorter than a one-sentence wire flash is not an article
_WORDS = re.compile(r"\w+")


def article_id(page_id: str) -> str:
    return hashlib.sha256(b"article\x00" + page_id.encode()).hexdigest()[:20]


_SCRIPT_STYLE = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


_CREDIT_HINTS = ("published from", "originally appeared", "originally published", "first appeared",
                 "first published", "republished", "reprinted", "reproduced", "not been edited")
_SNIPPET = re.compile(r"[\w'’\-]+(?:[ ,][\w'’\-]+){2,5}")


def _page_credit(html: str, body: str) -> str | None:
    """Credit lines that extractors drop as boilerplate ("published from ANI" in a div
    after the story). Only the markup just before and after the article is searched:
    scanning every byte of every page cost more than extracting it."""
    first, last = body.partition("\n")[0], body.rpartition("\n")[2]   # not a split of the whole body
    windows = []
    for line, before, after in ((last, 0, 20_000), (first, 5_000, 0)):
        m = _SNIPPET.search(line)
        pos = html.find(m.group(0)) if m else -1
        if pos >= 0:
            windows.append(html[max(0, pos - before):pos + len(line) + after])
    for window in windows:
        low = window.lower()
        if any(h in low for h in _CREDIT_HINTS):
            visible = _TAG.sub(" ", _SCRIPT_STYLE.sub(" ", window))
            found = syndicated_from(" ".join(visible.split()), explicit_only=True)
            if found:
                return found
    return None


def clean_page(page: Page) -> Article | Reject:
    """Turn one raw page into an article. Never raises: failures become Rejects."""
    try:
        return _clean_page(page)
    except RecursionError:
        return Reject(page.source, "too_deep", "HTML nesting too deep to parse", page.id)
    except MemoryError:
        return Reject(page.source, "too_large", "page too large to process in memory", page.id)
    except Exception as exc:  # a bug or a library failure on a strange page: record, go on
        return Reject(page.source, "clean_error", f"{type(exc).__name__}: {exc}"[:500], page.id)


def _clean_page(page: Page) -> Article | Reject:
    try:
        text, _enc = decode(page.content, page.encoding, page.kind)
    except DecodeError as exc:
        return Reject(page.source, "undecodable", str(exc), page.id)
    if not text.strip():
        return Reject(page.source, "empty", "no text after decoding", page.id)

    title = page.title
    url = page.url
    credit_zone = text_date = None
    author = outlet_byline = sitename = html_date = html_lang = None
    if page.kind == "html":
        from .html import MAX_DEPTH, extract_html

        ex = extract_html(text, page.url, htmldate=False)  # html_metadata runs htmldate if it needs it
        if ex.method == "too_deep":
            return Reject(page.source, "too_deep", f"HTML nested more than {MAX_DEPTH} levels deep", page.id)
        body = ex.text
        # title, authors, site and date by the rules of clean.htmlmeta
        meta = html_metadata(text, page.url, canonical=ex.url, fast_date=ex.published, sitename=ex.sitename,
                             head=ex.head)
        title = title or meta.title or ex.title
        author = meta.author
        sitename = meta.sitename or ex.sitename
        html_date = meta.published
        html_lang = ex.language
        url = url or ex.url  # canonical / og:url when the input gave none
        extractor = ex.method
        if not body.strip():
            # An HTML page whose body is plain prose without markup structure
            # (e.g. a pasted dump saved as .html) still deserves the text cleaner.
            from .text import clean_text

            ct = clean_text(_TAG.sub("\n", _SCRIPT_STYLE.sub("\n", text)))
            body, title, extractor = ct.text, title or ct.title, "text-fallback"
    else:
        from .text import clean_text, unwrap_hard_wrapped

        text = unwrap_hard_wrapped(text)   # before the lines are counted: indices below are into it
        ct = clean_text(text, repeated_lines=page.repeated_lines)
        body = ct.text
        title = title or ct.title
        extractor = "text"
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        author, outlet_byline = byline(lines)
        if ct.kept:
            # Credit lines ("Source: The Daily Meridian") sit just outside the
            # article block and are dropped with the furniture: read them there.
            first, last = min(ct.kept), max(ct.kept)
            credit_zone = "\n".join(lines[max(0, first - 3):first] + [body] + lines[last + 1:last + 4])
            text_date = dateline(lines, first)

    if sum(1 for _ in islice(_WORDS.finditer(body), MIN_ARTICLE_WORDS)) < MIN_ARTICLE_WORDS:
        # A menu, a login wall or an error page: nothing that reads as an article.
        return Reject(page.source, "no_article_text",
                      f"no article text found on the page (fewer than {MIN_ARTICLE_WORDS} words)", page.id)

    # published: manifest / JSONL / WARC (set by ingest) > HTML metadata (or a text
    # dump's dateline) > URL > none
    published = normalise_date(page.published)
    published_source = page.published_source if published else None
    if not published and html_date:
        published, published_source = normalise_date(html_date, EARLIEST_GUESSED_YEAR), "html"
    if not published and text_date:
        # a text dump's own dateline plays the part of HTML metadata
        published, published_source = text_date, "text"
    if not published:
        published = date_from_url(url)
        published_source = "url" if published else None

    outlet = page.outlet or sitename or domain_of(url) or outlet_byline
    language = detect_language(body) or html_lang
    return Article(
        id=article_id(page.id),
        page_id=page.id,
        source=page.source,
        url=url,
        outlet=outlet,
        title=title.strip() if title else None,
        published=published,
        published_source=published_source,
        language=language,
        author=author,
        text=body,
        syndicated_from=syndicated_from(credit_zone or body) or (_page_credit(text, body) if page.kind == "html" else None),
        extractor=extractor,
    )
