"""HTML -> main article text plus cheap metadata.

Design (measured on the 181-page Zyte/Scrapinghub article-extraction benchmark,
see ``docs/html-extraction.md`` and ``bench/html_extraction.py``):

1. **Fast path: Resiliparse** (lexbor C parser + ``extract_plain_text`` main-content
   heuristics, ~3 ms/page). We tune it to the article-body definition: no comments,
   no post metadata, and skip elements that are never body text (the ``<h1>``
   headline, captions, page header/footer, "related"/"share"/"newsletter" boxes).
   Its ``minimal_html`` output keeps ``<a>`` markup, so we drop every output block
   whose text is mostly link text (> 70 %): menus, "you may also like" lists,
   teaser links.
2. **Slow path: trafilatura** (``fast=True``, no comments), only where the fast
   path looks unsure (rule below). Trafilatura is more precise on fragmented
   pages but ~10x slower, so running it on ~1/4 of pages keeps the average cost
   well under half of trafilatura's.

Decision rule (generic page features, no site-specific keys): count the lines of
the Resiliparse output; a line is *short* when it has fewer than 8 word tokens.
If more than 40 % of lines are short, or one line repeats 3+ times, or the output
is under 50 tokens, the page is fragmented (bylines, bullet lists of links,
captions, per-item widgets) and Resiliparse's main-content guess is unreliable
-> use trafilatura. Keep the Resiliparse text if trafilatura returns nothing, or
fewer than half the tokens of a non-trivial (>= 50 tokens) Resiliparse text (it
kept one section of a long page), or more than twice the tokens of a Resiliparse
text of 150+ tokens (it grabbed a page-wide container rather than fixing precision).

3. **Threads** (a page that declares schema.org ``DiscussionForumPosting`` or
   ``QAPage``): every post is content. Resiliparse runs with its comment elements
   kept, quotes of earlier posts and signatures skipped, no trafilatura fast pass
   (it keeps the opening post only), then lines made only of per-post chrome words
   ("Quote Reply Like", "Posts: 1,204", "Joined: Mar 2019") are dropped. A page
   that declares nothing but has under 50 tokens outside comment elements, and 3x more
   with them, is read the same way (an undeclared thread). On a Q&A page (``QAPage``) the
   comments under each post are skipped too: the question and answers are the content.
   A page served from a forum's host (``forums.*``, ``community.*``, ``*forum.*``: its URL,
   else its canonical URL) is read the same way after the other paths, unless that loses
   half of their text.
4. **Script shells**: a page with under 50 tokens whose largest ``<noscript>`` block holds
   the server-rendered copy (Flarum, some single-page apps) is read from that block.
5. **Streamed pages** (React / Next.js streaming): the hidden segments at the end of the body
   are put back at their placeholders before anything reads the page (``clean.streamed``).
6. **A confident but thin text**: a short fast-path text that holds under a tenth of the
   page's visible words is checked against trafilatura (``THIN_SHARE`` below).

Page facts besides the text: language, canonical URL, fallback title and site name from
the ``<meta>`` tags and the parsed DOM (microseconds); the date from htmldate with fast
settings. Authors, titles and site names proper are ``clean.htmlmeta``'s.

``extract_html`` never raises: any failure yields empty text (the caller rejects it).
"""
from __future__ import annotations

import html as _html
import json
import re
from bisect import bisect_right
from collections import Counter
from itertools import islice
from dataclasses import dataclass
from functools import lru_cache

from .htmlmeta import Head, read_head
from .streamed import unstream

__all__ = ["HtmlExtract", "extract_html"]

# Inputs larger than this are truncated before parsing (a real article page is a
# few hundred KB; this only guards memory/time on pathological inputs).
MAX_CHARS = 5_000_000
# Resiliparse's main-content pass is quadratic in nesting depth (10k levels: 2.5 s,
# 30k: 25 s); real pages stay under ~500 (benchmark max). Deeper pages get empty text.
MAX_DEPTH = 3000

# Elements that never belong to the article body as the benchmark (and we) define it.
_SKIP = [
    "h1",                       # headline (returned separately as title)
    "figcaption",
    "header",
    "footer",
    '[class*="caption"]',
    '[class*="related"]',
    '[class*="share"]',
    '[class*="newsletter"]',
    # author boxes ("About the author", a bio under the story) and disclaimers: page chrome
    # the article-body gold leaves out (issue 10: WCXB dev articles +0.56 page-F1 over 661
    # pages of the error sample, no page down; ScrapingHub unchanged)
    '[class*="author-bio"]', '[class*="authorbio"]', '[class*="about-author"]',
    '[class*="author-box"]', '[class*="authorbox"]', '[class*="author-info"]',
    '[class*="disclaimer"]',
    # "View in the app / Add to Home Screen" install prompts (Invision Community's on every
    # forum page it serves): never content
    "i-pwa-install", '[class*="PwaInstall"]', '[class*="pwa-install"]',
]
_RES_OPTS = dict(
    preserve_formatting="minimal_html",  # keeps <a> markup so we can measure link density
    main_content=True,
    links=True,
    list_bullets=False,
    alt_texts=False,       # also skips every <figure>: _parse opens those that hold text
    comments=False,
    post_meta=False,
    skip_elements=_SKIP,
)

# a <figure> holding one of these is text (a data table, a pull quote, an embedded post)
_FIGURE_TEXT_TAGS = ("table", "blockquote")
# An accordion's collapsed panel (the WAI-ARIA accordion pattern: role="region", labelled by
# its heading's button; or HTML's hidden="until-found", which the browser's find opens) is
# text the reader opens with a click: FAQ answers, a guide's steps. Resiliparse drops hidden
# elements, so the attributes that hide a panel are deleted. On WCXB dev: article +0.5
# page-F1 (a solar guide whose steps are all panels, 0.37 -> 0.98; a video's transcript the
# gold leaves out, -0.13), service +0.4, no other type moves; ScrapingHub unchanged. Panels
# found by class name ("accordion", "collapse", "faq") or by aria-labelledby alone took
# menus and dialogs too: article -0.5, documentation -0.2.
_HIDING_ATTRS = ("style", "hidden", "aria-hidden")
# what _parse acts on: the text a figure holds, a header inside <main> not read yet (a page's
# own header sits outside it), a hidden accordion panel. Each step of _parse takes its element
# out of these matches; MAX_PREPARED bounds the steps on a hostile page (real pages have few:
# at most 10 matches on a ScrapingHub page, 108 on WCXB dev's busiest, 15 at its 99th centile).
_READ_MARK = "data-storyline-read"
# An element the page names as its article's body. Resiliparse drops an element whose class
# or id reads as page chrome with everything inside it, and templates wrap the body in such
# containers: a table-of-contents grid ("...-toc-content-sidebar") in a "#content-page"
# section took a whole investing guide with it, leaving its "Key points" box (on WCXB dev
# 0.05 -> 0.97 page-F1, no other page moves; ScrapingHub unchanged). When a doubtful fast text
# holds none of a named body's first BODY_PROSE_PARAGRAPHS prose paragraphs (their first
# BODY_KEY_WORDS words), the body's containers lose the class and id that dropped them and the
# page is read again (_reread_named_body). At most MAX_BODY_MARKERS candidates are read.
_BODY_MARKERS = ('[itemprop="articleBody"]', *(f'[class*="{name}"]' for name in (
    "article-body", "article__body", "articleBody", "article-content", "article__content",
    "entry-content", "post-content", "post-body", "post__content", "story-body", "story-content")))
_BODY_QUERY = ", ".join(f"{marker}:not([{_READ_MARK}])" for marker in _BODY_MARKERS)
BODY_PROSE_PARAGRAPHS = 3
BODY_KEY_WORDS = 12
MAX_BODY_MARKERS = 5
# Resiliparse's main-content mode drops every bulleted list (<ul>: menus, tag clouds, teaser
# lists) and keeps numbered ones (<ol>). A bulleted list that follows a paragraph of its own
# container is the body's list (a guide's steps, a clinic directory, a plant's features): it
# is read as a numbered list (_as_numbered). Teaser and link lists sit in containers of their
# own and stay out; a link-dominated item is still dropped by _resiliparse_text. Lists inside
# <article> too: article +0.06, listing +0.56 page-F1 on WCXB dev, ScrapingHub +0.06, for
# twice the preparation time (each rewrite is one more query over the page): not kept.
_BODY_LIST = "p ~ ul"
_PREPARED = ", ".join([*(f"figure {tag}" for tag in _FIGURE_TEXT_TAGS), f"main header:not([{_READ_MARK}])",
                       *(f'[role="region"][{attr}]' for attr in ("style", "hidden")),
                       '[role="region"][aria-hidden="true"]', '[hidden="until-found"]'])
MAX_PREPARED = 200

# A <header> with this many prose paragraphs is a section of the body, not the page's or the
# article's header (title, byline, menus: a mega-menu's descriptions are shorter or links).
# On WCXB dev 30 headers hold 2+ such paragraphs, 8 hold 8+; 5 and 8 open the same page (a
# Webflow blog post, 0.31 -> 0.86; two pages -0.01) and change no ScrapingHub page. 8: the
# safer of two equal choices, made on that set.
HEADER_PROSE_PARAGRAPHS = 8
PROSE_PARAGRAPH_WORDS = 25
PROSE_LINK_SHARE = 0.3
HEADER_PARAGRAPHS_READ = 40
HEADER_MAX_CHARS = 200_000   # of a header's HTML read for its paragraphs
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p\s*>", re.S | re.I)

# Threads (forum topics, Q&A pages): the replies are the content, so Resiliparse keeps
# the elements it would drop as "comments". A page is a thread when it declares itself
# one in schema.org terms (JSON-LD or microdata): DiscussionForumPosting (XenForo,
# Discourse, Invision, NodeBB, vBulletin ...), QAPage (StackExchange, Q&A plugins). On
# WCXB dev these names occur on 74 of 113 forum pages and on none of the 1,265 others.
_THREAD_TYPES = ("QAPage", "DiscussionForumPosting")
_THREAD_OPTS = dict(_RES_OPTS, comments=True,
                    # a <blockquote> in a reply is kept: it may quote an outside source (an
                    # announcement, a manual); one that quotes an earlier post is dropped as a
                    # repeat afterwards (_drop_quoted_posts)
                    skip_elements=_SKIP + ['[class*="signature"]', '[class*="cookie"]', '[id*="cookie"]',
                                           '[class*="consent"]', '[id*="consent"]'])
# A Q&A page (schema.org QAPage: StackExchange, Q&A plugins): the question and the answers
# are the content; the comments under each post ("+1, works for me Commented Mar 5 at
# 9:17") are remarks on it, and the WCXB gold leaves them out. They sit in a container with
# the class token "comments" (StackExchange's comments-list / js-comments-container parent).
# Only on QAPage: on forum software a "comments" block can hold the replies themselves.
_QA_TYPE = "QAPage"
_QA_OPTS = dict(_THREAD_OPTS, skip_elements=_THREAD_OPTS["skip_elements"] + [".comments"])

# A fast-path text under MIN_TOKENS (too thin to be the page's content) is re-read with
# comment elements kept; that text wins when it holds COMMENTS_GAIN times as many tokens
# (and MIN_TOKENS at least). Not higher than MIN_TOKENS: a blog post of 77 words under a
# 1,100-word comment thread (ScrapingHub) is an article whose comments are not content.
COMMENTS_GAIN = 3

LINK_DENSITY_MAX = 0.7   # drop an output block when more than this share of its chars is link text
SHORT_LINE_TOKENS = 8    # a line with fewer tokens than this is "short"
SHORT_LINE_SHARE = 0.4   # above this share of short lines -> trafilatura (0.35 until issue 10: same F1, 25% fewer slow calls)
MIN_TOKENS = 50          # fewer tokens than this in the fast-path output -> trafilatura
REPEATS = 3              # a line repeated this often in the fast-path output -> trafilatura
# Reject a trafilatura result with more than MAX_GROWTH times the fast-path tokens: it grabbed
# a page-wide container. 2.0 until session 20; at 3.0 four WCXB dev pages whose fragmented
# fast text was a list's first items take trafilatura's whole list (Hacker News 0.10 -> 0.70,
# a news index 0.64 -> 0.98, a store's category, a blog index), no page down, ScrapingHub
# unchanged (session 1 found 1.5-3 flat there). Chosen on WCXB dev: not a held-out figure.
MAX_GROWTH = 3.0
# ... and one with fewer than this share of a substantial (>= MIN_TOKENS) fast-path text:
# trafilatura's fast mode sometimes keeps one section of a long page split by headings
# and lists ("best X" guides, how-tos), a loss of most of the body, not a precision fix.
# Once the mirror of MAX_GROWTH (1 / 2.0). WCXB dev article F1 0.905 -> 0.927 (docs/html-extraction.md;
# chosen on the benchmark it is reported on: 0.3-0.5 all give 0.926-0.927).
MIN_SHRINK = 0.5
# The growth cap only speaks when the fast path found this many tokens: a shorter text
# (a paragraph or two, often a bio box or a form on a "best X" guide whose body Resiliparse
# missed) proves nothing against a long trafilatura text. Chosen on WCXB dev, where it is
# reported (100: article 0.932, 150: 0.933, 300: 0.933; ScrapingHub unchanged).
GROWTH_CAP_MIN_TOKENS = 150

# trafilatura's fast pass (no readability/jusText comparison) sometimes keeps one small
# block of a long page: a documentation page's first section, a collection's intro. When
# what it kept is under FULL_PASS_MAX_SHARE of the page's whole visible text, its full
# mode runs, and wins when it holds FULL_PASS_GAIN times the tokens. On WCXB dev (the
# ~1,070 pages of the error analysis) 0.15 moves 34 pages' worth of candidates for +2.8
# page-F1 (documentation, collection, one article up; two service/listing pages down);
# 0.1: +2.1, 0.2: +1.2. Chosen on that set: not a held-out figure. No ScrapingHub page
# qualifies (the lowest share there is 0.18), so its F1 and the speed bar's calls stay.
FULL_PASS_MAX_SHARE = 0.15
FULL_PASS_GAIN = 1.5

# A confident fast-path text (long lines, none repeated) can still be one box of a long
# page: Resiliparse's main-content guess settles on a "Key points" summary above an ad,
# a product intro above the body, a site notice above a catalogue. When it is short (under
# THIN_MAX_TOKENS) and holds under THIN_SHARE of the page's visible words, trafilatura reads
# the page too (its fast pass; its full mode only when the fast pass found even less) and a
# reading wins with THIN_GAIN times the words unless it is fragmented (a menu it mistook for
# the body). Short news items beside long menus and comment threads look the same to these
# counts, and trafilatura is the slow part of extraction: the bounds keep the extra calls to
# 2 fast passes on ScrapingHub's 181 news pages and no full mode (neither switches; F1 0.965
# kept; the speed bar, storyline extract >= 2x trafilatura, has little room) and open the
# body on 4 WCXB dev pages (three articles and a service page, 0.06-0.16 -> 0.75-0.92; a
# product listing loses 0.6) plus a book catalogue through the full mode (0.03 -> 0.99).
# Looser bounds (share 0.3, any length) gained 3 more WCXB pages but cost 0.4 s of a 1.6 s
# ScrapingHub run and 0.003 F1 there. Chosen on those two sets: not a held-out figure.
THIN_MAX_TOKENS = 150
THIN_SHARE = 0.1
THIN_GAIN = 2.0

_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.S)
_HEADING = re.compile(r"\s*<h[1-6]\b", re.I)
_WORD = re.compile(r"\w+")
_LANG = re.compile(r"^([a-zA-Z]{2})(?:$|[-_])")
_WS = re.compile(r"\s+")
# opening / closing tags, ignoring void and implicitly-closed elements
_OPEN_CLOSE = re.compile(
    r"<(/?)(?!(?:br|img|meta|link|input|hr|source|wbr|area|base|col|embed|param|track|p|li|td|th|tr|option)\b)"
    r"[a-zA-Z][^>]*?(/?)>",   # a self-closed tag (<path ... />, inline SVG) opens nothing
    re.I,
)


def _too_deep(html: str) -> bool:
    """Cheap nesting-depth bound (~1 ms on a 3,000-tag page; skipped on smaller pages)."""
    tags = html.count("<")
    if tags < MAX_DEPTH:
        return False
    # every level is an opening tag, and a "<" that starts "</" opens none: on all but a
    # few pages this bound already settles it without the tag scan (~10 ms on a big page)
    if tags - html.count("</") < MAX_DEPTH:
        return False
    depth = 0
    for slash, self_closed in _OPEN_CLOSE.findall(html):
        if self_closed:
            continue
        if slash:
            depth = depth - 1 if depth else 0
        else:
            depth += 1
            if depth > MAX_DEPTH:
                return True
    return False


@dataclass(slots=True)
class HtmlExtract:
    text: str              # main article text, paragraphs separated by "\n" (no headline/byline)
    title: str | None      # declared title (og:title / <title> / first <h1>): a fallback for clean.htmlmeta's
    sitename: str | None   # og:site_name / publisher name when present
    published: str | None  # ISO date YYYY-MM-DD from the HTML metadata (htmldate), else None
    language: str | None   # from <html lang> / og:locale / content-language meta, 2 letters
    method: str            # which extractor produced `text`: "resiliparse", "trafilatura", "none", "error"
    url: str | None = None  # canonical URL (<link rel=canonical> / og:url), when absolute
    head: Head | None = None  # the <head> as read here (its end, meta tags and map), for clean.htmlmeta


# --- lazily imported heavy modules (once per process) -----------------------

_MODS: dict = {}


def _mods() -> dict:
    if "HTMLTree" not in _MODS:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        _MODS["extract_plain_text"] = extract_plain_text
        _MODS["HTMLTree"] = HTMLTree
    return _MODS


def _trafilatura():
    if "trafilatura" not in _MODS:
        import lxml.html
        import trafilatura
        from lxml import etree

        _MODS["trafilatura"] = trafilatura
        _MODS["lxml_html"] = lxml.html
        _MODS["etree"] = etree
    return _MODS["trafilatura"]


def _find_date():
    if "find_date" not in _MODS:
        import logging

        from htmldate import find_date

        logging.getLogger("htmldate").setLevel(logging.CRITICAL)
        _MODS["find_date"] = find_date
    return _MODS["find_date"]


# --- main text ----------------------------------------------------------------


def _parse(html: str):
    """The page's DOM for Resiliparse, with the containers it would skip whole opened.

    Resiliparse skips every <figure> (it emits one only with alt texts on, images'
    descriptions included), and WordPress wraps its data tables, pull quotes and embedded
    posts in one: a ranking's table, the body of a comparison, was lost. A figure that holds
    a table or a quote is opened; a photo's figure (the image, its credit line: ScrapingHub's
    news pages keep none of them) is still skipped. A <header> is skipped as page chrome
    (_SKIP) unless it holds an article's worth of prose (_holds_prose): Webflow templates
    put a whole blog post in <header class="section_...">. An accordion's collapsed panels
    are shown (_show). A bulleted list of the body is rewritten as a numbered one
    (_BODY_LIST, _as_numbered): Resiliparse drops every <ul>."""
    tree = _mods()["HTMLTree"].parse(html)
    body = tree.body
    if body is None:
        return tree
    for node in _matches(body, _PREPARED, MAX_PREPARED):
        tag = node.tag
        if tag in _FIGURE_TEXT_TAGS:
            for fig in _figure_ancestors(node):
                _unwrap(fig)
        elif tag == "header":
            node.setattr(_READ_MARK, "")
            if _holds_prose(node, HEADER_PROSE_PARAGRAPHS):
                _unwrap(node)
        else:
            _show(node)
    # the body's bulleted lists by a query of their own: a simple selector costs a fraction of
    # the list above, and a page has more lists than figures and panels
    for bullets in _matches(body, _BODY_LIST, MAX_PREPARED):
        _as_numbered(tree, bullets)
    return tree


def _matches(body, selector: str, limit: int):
    """The next element that matches ``selector``, at most ``limit`` times: the caller takes
    each out of the matches (opens, rewrites or marks it) before it asks for the next. One CSS
    query a step is cheaper than scanning the page's text for each tag, and linear: iterating a
    Resiliparse node collection from Python is quadratic (1,000 matches: 2.8 s)."""
    for _ in range(limit):
        node = body.query_selector(selector)
        if node is None:
            return
        yield node


def _as_numbered(tree, bullets) -> None:
    """Put a numbered list, with the same class, id and items, in the place of a bulleted one."""
    numbered = tree.create_element("ol")
    for attr in ("class", "id"):
        if bullets.hasattr(attr):
            numbered.setattr(attr, bullets.getattr(attr))
    bullets.parent.insert_before(numbered, bullets)
    while bullets.first_child is not None:  # one child at a time: node collections are slow
        numbered.append_child(bullets.first_child)
    bullets.parent.remove_child(bullets)


def _clear_containers(node) -> None:
    """Delete the class and id of the node's containers: no name of theirs drops the body."""
    up = node.parent
    while up is not None and up.tag not in ("body", "html"):
        for attr in ("class", "id"):
            if up.hasattr(attr):
                up.delattr(attr)
        up = up.parent


def _figure_ancestors(node) -> list:
    found, up = [], node.parent
    while up is not None and up.tag not in ("body", "html"):
        if up.tag == "figure":
            found.append(up)
        up = up.parent
    return found


def _show(panel) -> None:
    """Delete the attributes that hide an accordion's collapsed panel."""
    for attr in _HIDING_ATTRS:
        if panel.hasattr(attr):
            panel.delattr(attr)


def _unwrap(node) -> None:
    """Put the node's children in its place."""
    parent = node.parent
    for child in list(node.child_nodes):
        parent.insert_before(child, node)
    parent.remove_child(node)


def _holds_prose(node, paragraphs: int) -> bool:
    return len(_prose_paragraphs(node, paragraphs)) >= paragraphs


def _prose_paragraphs(node, wanted: int) -> list[str]:
    """Up to ``wanted`` paragraphs of prose (PROSE_PARAGRAPH_WORDS words, under
    PROSE_LINK_SHARE link text) in one element, among its first HEADER_PARAGRAPHS_READ.
    Read from the element's HTML: a Resiliparse node collection builds a Python object per
    element at every index (quadratic on a big element)."""
    markup = node.html[:HEADER_MAX_CHARS]
    found: list[str] = []
    if markup.count("<p") < wanted:
        return found
    for m in islice(_PARAGRAPH.finditer(markup), HEADER_PARAGRAPHS_READ):
        inner = m.group(1)
        text = _html.unescape(_TAG.sub(" ", inner))
        if len(_WORD.findall(text)) < PROSE_PARAGRAPH_WORDS:
            continue
        if _link_chars(inner) < PROSE_LINK_SHARE * len(text.strip()):
            found.append(text)
            if len(found) >= wanted:
                break
    return found


def _named_body(tree) -> tuple | None:
    """The first element the page names as its article's body (_BODY_MARKERS) that holds
    BODY_PROSE_PARAGRAPHS paragraphs of prose, with those paragraphs; at most
    MAX_BODY_MARKERS candidates are read."""
    body = tree.body
    if body is None:
        return None
    for node in _matches(body, _BODY_QUERY, MAX_BODY_MARKERS):
        node.setattr(_READ_MARK, "")
        paragraphs = _prose_paragraphs(node, BODY_PROSE_PARAGRAPHS)
        if len(paragraphs) >= BODY_PROSE_PARAGRAPHS:
            return node, paragraphs
    return None


def _reread_named_body(tree, html: str, text: str) -> tuple[str, str] | None:
    """The fast text read again with the named body's containers cleared (_BODY_MARKERS),
    when it holds none of that body's prose paragraphs; None when it does, or the page names
    no body."""
    found = _named_body(tree)
    if found is None:
        return None
    node, paragraphs = found
    have = _words_key(text)
    keys = [" ".join(_words_key(p).split()[:BODY_KEY_WORDS]) for p in paragraphs]
    if any(key in have for key in keys):
        return None
    _clear_containers(node)
    again, method = _fast_text(tree, html)
    if _tokens(again) <= _tokens(text) or not any(key in _words_key(again) for key in keys):
        return None
    return again, method


def _link_chars(markup: str) -> int:
    """Characters of link text in a piece of markup (its <a> elements' text)."""
    return sum(len(_html.unescape(_TAG.sub("", a))) for a in _LINK.findall(markup))


def _resiliparse_text(tree, opts: dict | None = None) -> str:
    """Main content via Resiliparse, minus link-dominated blocks, as plain lines.

    A heading made of a link ("<h2><a>Choosing where your workflow runs</a></h2>" over a
    documentation page's section, a guide's linked item titles) is kept when the block after
    it is kept prose: it titles content. Alone, or over more links, it is a menu entry."""
    marked = _mods()["extract_plain_text"](tree, **(opts or _RES_OPTS))
    out = []
    held = None   # a linked heading waiting for the block after it
    for line in marked.split("\n"):
        if "<" in line:
            text = _html.unescape(_TAG.sub("", line)).strip()
            if not text:
                continue
            if "<a" in line:
                if _link_chars(line) > LINK_DENSITY_MAX * len(text):
                    held = " ".join(text.split()) if _HEADING.match(line) else None
                    continue
        else:
            text = _html.unescape(line).strip()
            if not text:
                continue
        if held is not None:
            if not _HEADING.match(line):
                out.append(held)
            held = None
        out.append(" ".join(text.split()))  # text is stripped: the same as _WS.sub, at C speed
    return "\n".join(out)


def _unsure(text: str) -> bool:
    """The decision rule: is the fast-path output too fragmented / too thin to trust?"""
    counts = _line_tokens(text)
    if not counts:
        return True
    lines = text.split("\n")
    if sum(counts) < MIN_TOKENS:
        return True
    short = sum(1 for c in counts if c < SHORT_LINE_TOKENS)
    if short > SHORT_LINE_SHARE * len(lines):
        return True
    # the same line 3+ times: a per-item widget ("Share | Tweet | Pin") on a listing page
    return len(lines) - len(set(lines)) >= REPEATS - 1 and max(Counter(lines).values()) >= REPEATS


def _accept_slow(fast_tokens: int, slow_tokens: int, capped: bool = True) -> bool:
    """Take trafilatura's text over the fast path's? Not when it lost a large part of a
    substantial fast-path text (MIN_SHRINK), nor when it multiplies one (MAX_GROWTH: it
    grabbed a page-wide container: listings, comment threads). ``capped=False`` when the
    fast text is a page's comment elements, read because its main block was under
    MIN_TOKENS: a longer trafilatura text there is the body Resiliparse missed (a newsletter
    post above its comments), not a grab."""
    if fast_tokens < MIN_TOKENS:
        return True
    if slow_tokens < MIN_SHRINK * fast_tokens:
        return False
    return not capped or fast_tokens < GROWTH_CAP_MIN_TOKENS or slow_tokens <= MAX_GROWTH * fast_tokens


# Script-rendered pages (Flarum forums, some single-page apps) serve their text to no-JS
# readers inside <noscript>, which a parser with scripting on reads as raw text: empty
# main content. On a thin page the largest <noscript> block is parsed as a page of its own.
_NOSCRIPT = re.compile(r"<noscript\b[^>]*>(.*?)</noscript\s*>", re.I | re.S)
NOSCRIPT_MIN_CHARS = 1_000   # smaller blocks are tracking pixels and "enable JavaScript" notes


def _noscript_text(html: str) -> str:
    """Main content of the page's largest <noscript> block ("" when there is none)."""
    if "<noscript" not in html and "<NOSCRIPT" not in html:
        return ""
    block = max((m.group(1) for m in _NOSCRIPT.finditer(html)), key=len, default="")
    if len(block) < NOSCRIPT_MIN_CHARS:
        return ""
    return _resiliparse_text(_parse(f"<html><body>{block}</body></html>"))


# A page served from a forum's host ("forums.example.com", "community.example.org",
# "www.warriorforum.com", "bbs.archlinux.org", "lemmy.ml") is a thread even when it declares
# no schema.org type (phpBB, vBulletin, FluxBB, Lemmy ...): its replies are content. News
# sites do not publish articles on such hosts. On WCXB dev the host names only forum pages
# (54 of 113 by their canonical URL, none of the 1,265 others); ScrapingHub has none.
# a whole host label of these, or "forum" anywhere in the host ("forums.", "avsforum.")
_FORUM_HOST = re.compile(r"(?:^|[.-])(?:community|communities|discuss|discussions?|bbs|boards?|lemmy)(?:[.-]|$)"
                         r"|forum", re.I)
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^/@?#]*@)?([^/:?#]+)", re.I)


def _forum_host(url: str | None) -> bool:
    m = _HOST.match(url or "")
    return bool(m and _FORUM_HOST.search(m.group(1)))


def _thread_type(html: str) -> str | None:
    """The schema.org thread type the page declares (forum thread or Q&A page), if any;
    a substring test, ~0.1 ms on a 500 KB page. A Q&A page is looked for first."""
    return next((t for t in _THREAD_TYPES if _contains(html, t)), None)


MAX_INITIAL_HITS = 200   # past this many hits of the first letter, a plain substring search


def _contains(html: str, word: str) -> bool:
    """``word in html``, sought by its first letter when that is a capital, rare in markup
    ("Q" of "QAPage"): a one-character search runs at memory speed and each hit is checked.
    Half the time of the substring search for a short word (ScrapingHub's 181 pages: 7 ms
    against 17 ms for "QAPage"); a long word skips ahead faster in a substring search."""
    if len(word) > 8 or not word[0].isupper():
        return word in html
    first, at, hits = word[0], html.find(word[0]), 0
    while at >= 0 and hits < MAX_INITIAL_HITS:
        if html.startswith(word, at):
            return True
        at, hits = html.find(first, at + 1), hits + 1
    return at >= 0 and word in html[at:]


# Per-post chrome of forum software: a line made only of these words (and counts,
# dates, "#12", separators) is a button bar, a badge or a counter, never a post.
_POST_CHROME_WORDS = frozenset("""
    quote reply replies like likes liked share report permalink link bookmark save follow followers
    following unfollow edit edited delete flag upvote downvote vote votes helpful thanks thank
    solution solved accepted answer answers answered asked comment comments add a an the to this
    post posts posted posting message messages member members joined registered user location
    reactions reaction points level rep reputation badge badges trophy trophies online offline
    moderator admin administrator staff senior junior new newbie active well known expand collapse
    click show hide more less original poster op author top quoted recommended ago on at by of in
    views view read mins min hours hour days day weeks week months month years year
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
    august september october november december am pm log sign up register
    last select code all other sites explore related questions similar tags not open further
    status since date k m
    """.split())
_CHROME_TOKEN = re.compile(r"[^\W\d_]+")
MAX_CHROME_LINE_WORDS = 8   # longer lines are prose even when made of common words


def _drop_post_chrome(text: str) -> str:
    """Thread text minus lines that are only per-post chrome ("Quote Reply", "Posts: 1,204",
    "Joined: Mar 2019", "Reactions: 12", "Click to expand...", "Recommended Posts")."""
    out = []
    for line in text.split("\n"):
        words = _CHROME_TOKEN.findall(line.lower())
        if len(words) <= MAX_CHROME_LINE_WORDS and all(w in _POST_CHROME_WORDS for w in words):
            continue  # also drops lines with no letters at all (counts, dates, "#12", "|")
        out.append(line)
    return "\n".join(out)


_TRAF_PRESTRIP = (
    "script", "style", "noscript", "svg", "template", "iframe", "nav", "aside", "footer", "menu",
    "embed", "object", "applet", "audio", "video", "canvas", "map", "picture", "button", "select",
    "label", "input", "dialog", "datalist", "frame", "frameset",
)


def _trafilatura_full_text(html: str, url: str | None) -> str:
    """trafilatura in its full mode (readability and jusText fallbacks compared with its own
    extraction), comments left out; on the raw page, as its fallbacks expect it."""
    return _trafilatura().extract(html, url=url, include_comments=False) or ""


def _visible_tokens(tree) -> int:
    """Word tokens of the whole page's visible text (no main-content selection)."""
    text = _mods()["extract_plain_text"](tree, main_content=False, alt_texts=False, links=False, comments=False)
    return len(_WORD.findall(text))


def _trafilatura_text(html: str, url: str | None, comments: bool = False) -> str:
    traf = _trafilatura()
    lxml_html, etree = _MODS["lxml_html"], _MODS["etree"]
    try:
        tree = lxml_html.document_fromstring(html)
    except ValueError:  # str with an XML encoding declaration
        tree = lxml_html.document_fromstring(html.encode("utf-8", "replace"))
    # Drop non-content nodes up front (C-speed): trafilatura deletes these tags too
    # (its MANUALLY_CLEANED list, minus the ones it treats specially: form, figure,
    # math), but only after several XPath passes over them. ~13 % faster, same output.
    etree.strip_elements(tree, *_TRAF_PRESTRIP, etree.Comment, with_tail=False)
    out = traf.extract(tree, url=url, fast=not comments, include_comments=comments)
    return out or ""


# --- metadata -------------------------------------------------------------------


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = _WS.sub(" ", _html.unescape(value)).strip()
    return value or None


def _jsonld_publisher(tree, html: str) -> str | None:
    """The publisher's name from JSON-LD, if any (the site name when no meta tag gives it).
    Authors are not read here: ``clean.htmlmeta`` reads them (the page's own item only)."""
    if '"publisher"' not in html:
        return None
    for el in tree.document.query_selector_all('script[type="application/ld+json"]'):
        try:
            data = json.loads(el.text)
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item[:50])
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                if "publisher" in item:
                    publisher = _person_name(item["publisher"])
                    if publisher:
                        return publisher
    return None


def _person_name(value) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_person_name(v) for v in value[:10]) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        return _clean(value.get("name"))
    name = _clean(value)
    if name and not name.startswith("http"):
        return name
    return None


def _language(tree, meta: dict[str, str]) -> str | None:
    candidates = []
    root = tree.document.first_element_child if tree.document is not None else None
    if root is not None:
        candidates.append(root.getattr("lang") or root.getattr("xml:lang"))
    candidates += [meta.get("og:locale"), meta.get("content-language"), meta.get("language")]
    for value in candidates:
        if value:
            m = _LANG.match(value.strip().split(",")[0].strip())
            if m:
                return m.group(1).lower()
    return None


def _metadata(tree, meta: dict[str, str], html: str) -> tuple[str | None, str | None]:
    """(title, sitename) from the meta tags, the cheap fallbacks of ``clean.htmlmeta``
    (which reads the title, authors and site names by its own rules)."""
    sitename = _clean(meta.get("og:site_name")) or _clean(meta.get("application-name"))
    title = _clean(meta.get("og:title")) or _clean(meta.get("twitter:title")) or _clean(tree.title)
    if title and sitename:  # "Headline | Site" -> "Headline"
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            if title.endswith(sep + sitename) and len(title) > len(sep + sitename):
                title = title[: -len(sep + sitename)].strip()
                break
    if not title:
        h1 = tree.body.query_selector("h1") if tree.body is not None else None
        title = _clean(h1.text) if h1 is not None else None
    return title, sitename or _jsonld_publisher(tree, html)


# Publication-date metadata that needs no search: when one of these holds an
# ISO date, htmldate (~4 ms/page) would return the same value.
_DATE_META_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.created",
    "article.published", "publication_date", "date",
)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"(\d{4})-(\d{2})-(\d{2})')
_ISO_PREFIX = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


_CANONICAL = re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>""", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*["']?([^"'\s>]+)""", re.I)


def _canonical(html: str, meta: dict[str, str], end: int) -> str | None:
    """The page's own URL as it declares it (``end``: where the head ends); only absolute
    http(s) URLs count."""
    m = _CANONICAL.search(html, 0, end)
    href = _HREF.search(m.group(0)) if m else None
    for url in (href.group(1) if href else None, meta.get("og:url")):
        if url and url.strip().lower().startswith(("http://", "https://")):
            return _html.unescape(url.strip())
    return None


def _quick_date(html: str, meta: dict[str, str]) -> str | None:
    for key in _DATE_META_KEYS:
        m = _ISO_PREFIX.match(meta.get(key, ""))
        if m:
            break
    else:
        m = _JSONLD_DATE.search(html, 0, 2_000_000)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if 1990 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def htmldate_fast(html: str) -> str | None:
    """htmldate's fast search (no extensive pass): the page's date, or None."""
    return _published(html)


def _published(html: str) -> str | None:
    # no url: the caller derives URL dates itself and labels them as such
    try:
        return _find_date()(
            html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d"
        )
    except Exception:  # htmldate on a strange page: no date
        return None


# --- entry point ----------------------------------------------------------------


def extract_html(html: str, url: str | None = None, *, htmldate: bool = True) -> HtmlExtract:
    """Main text and metadata of one HTML page. Never raises; failures give empty text.
    ``htmldate=False``: ``published`` only from the date meta tags and JSON-LD, without
    htmldate's search (the caller's metadata pass runs it when it still needs a date)."""
    try:
        return _extract(html, url, htmldate)
    except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 - by contract
        return HtmlExtract("", None, None, None, None, f"error:{type(exc).__name__}")


@lru_cache(maxsize=16)
def _line_tokens(text: str) -> tuple[int, ...]:
    """Word tokens of each line of a text; cached: one page's readings are weighed against
    each other several times, and counted whole and by line (a str keeps its hash, so a
    repeat costs a dict lookup)."""
    return tuple(len(_WORD.findall(line)) for line in text.split("\n")) if text else ()


def _tokens(text: str) -> int:
    """Word tokens of a text."""
    return sum(_line_tokens(text))


def _safely(read, *args, **kwargs) -> str:
    """A slow extractor's text, "" when it fails on the page (the fast text then stands)."""
    try:
        return read(*args, **kwargs)
    except (Exception, RecursionError):
        return ""


def _thread_text(tree, html: str, url: str | None, thread: str) -> tuple[str, str]:
    """A declared thread: every post is content, no trafilatura fast pass (it keeps the
    opening post only)."""
    text = _drop_post_chrome(_resiliparse_text(tree, _QA_OPTS if thread == _QA_TYPE else _THREAD_OPTS))
    if _tokens(text) >= MIN_TOKENS:
        return text, "resiliparse-thread"
    # Resiliparse found no main block (posts in deeply nested widgets): trafilatura with
    # its comment pass, which reads replies as a second block
    slow = _safely(_trafilatura_text, html, url, comments=True)
    if _tokens(slow) > _tokens(text):
        return _drop_post_chrome(slow), "trafilatura-thread"
    return text, "resiliparse-thread"


def _fast_text(tree, html: str) -> tuple[str, str]:
    """Resiliparse's main content; on a thin page, the page's <noscript> copy or its
    comment elements when they hold several times more."""
    text = _resiliparse_text(tree)
    fast_tokens = _tokens(text)
    if fast_tokens >= MIN_TOKENS:
        return text, "resiliparse"
    enough = max(MIN_TOKENS, COMMENTS_GAIN * fast_tokens)
    fallback = _noscript_text(html)
    if _tokens(fallback) >= enough:
        # the page is a script shell; its server-rendered copy for no-JS readers is the content
        return fallback, "resiliparse-noscript"
    # Almost nothing outside "comment" elements: a thread that does not declare itself
    # (phpBB, Reddit, Lemmy ...) or a page whose body sits in comment-classed containers.
    with_comments = _resiliparse_text(tree, _THREAD_OPTS)
    if _tokens(with_comments) >= enough:
        return _drop_post_chrome(with_comments), "resiliparse-comments"
    return text, "resiliparse"


def _checked_text(tree, html: str, url: str | None, text: str, method: str) -> tuple[str, str]:
    """Where the fast text looks unsure (``_unsure``), trafilatura's text when it passes
    ``_accept_slow``; its full mode when its fast pass kept a sliver of the visible text."""
    slow = _safely(_trafilatura_text, html, url)
    kept = _tokens(slow)
    if not slow.strip() or not _accept_slow(_tokens(text), kept, capped=method == "resiliparse"):
        return text, method
    if kept < FULL_PASS_MAX_SHARE * _visible_tokens(tree):
        full = _safely(_trafilatura_full_text, html, url)
        if _tokens(full) >= FULL_PASS_GAIN * kept:
            return full, "trafilatura-full"
    return slow, "trafilatura"


# A page can hold its text twice: a mobile and a desktop copy one of which CSS hides, a
# slider's cloned slides, a tab panel and its print copy. Both extractors read HTML, not CSS,
# and keep every copy (on WCXB dev 85 pages repeat 50+ words, an article three times over),
# which doubles quotes and entity mentions downstream. A run of consecutive prose lines
# (REPEAT_MIN_WORDS words or more each, not list items, table rows or code) that were all
# seen before is dropped when it holds REPEAT_RUN_WORDS words or more: a passage word for word
# twice is a copy. Shorter repeats stay: a note under each code tab, a meal plan's recurring
# dish, a thread's quoted sentence. On WCXB dev: ALL +0.0013, article +0.0008, forum +0.0042,
# documentation -0.0005; ScrapingHub unchanged (a 16-word run cost it 0.18 page-F1 on a meal
# plan; 40: 0.13; 60 and 100: none; per-line dropping of any repeat cost documentation 0.004,
# whose tabs repeat notes its gold keeps). Chosen on those sets: not a held-out figure.
REPEAT_MIN_WORDS = 8
REPEAT_RUN_WORDS = 60
_NOT_PROSE = re.compile(r"[{};=<>|]|^\s*(?:[-*•·]|\d+[.)])\s")


def _drop_repeated_passages(text: str) -> str:
    """The text without second copies of passages (REPEAT_MIN_WORDS, REPEAT_RUN_WORDS)."""
    lines = text.split("\n")
    keys = [" ".join(line.split()) for line in lines]  # trafilatura's lines keep runs of spaces
    if len(set(keys)) == len(keys):
        return text  # most pages: no line twice
    seen: set[str] = set()
    repeat = [False] * len(lines)
    for i, key in enumerate(keys):
        if len(key.split()) >= REPEAT_MIN_WORDS and not _NOT_PROSE.search(key):
            repeat[i] = key in seen
            seen.add(key)
    if not any(repeat):
        return text
    drop, start = [False] * len(lines), None
    for i, r in enumerate(repeat + [False]):
        if r and start is None:
            start = i
        elif not r and start is not None:
            if sum(len(keys[j].split()) for j in range(start, i)) >= REPEAT_RUN_WORDS:
                drop[start:i] = [True] * (i - start)
            start = None
    return "\n".join(line for line, d in zip(lines, drop) if not d)


# Thread texts: every post is content, and a reply's quote of an earlier post is a repeat.
# Skipping <blockquote> altogether lost quoted outside sources (an announcement quoted in a
# support thread) that the posts are about; keeping every quote doubled the posts quoted. A
# line of QUOTE_MIN_WORDS words or more whose words already ran, in order, in the thread's
# earlier text is a quote (whole or trimmed) of an earlier post. The earlier text is indexed by
# its runs of QUOTE_MIN_WORDS words and their positions, so a long thread costs linear time. On
# WCXB dev's thread pages: forum +0.011 over skipping quotes (3-5 words give the same); no
# other page type reads a thread path there.
_THREAD_METHODS = ("resiliparse-thread", "trafilatura-thread", "resiliparse-comments", "resiliparse-forum")
QUOTE_MIN_WORDS = 4
# Positions kept per run of words: a run that opens many posts ("thanks for the reply") keeps
# its first ones only, so a thread of such posts cannot make the check quadratic.
MAX_RUN_POSITIONS = 64


def _drop_quoted_posts(text: str) -> str:
    """A thread's text without the lines that quote its earlier posts."""
    n = QUOTE_MIN_WORDS
    out, stream = [], []                  # stream: the kept text's words
    at: dict[tuple, set[int]] = {}        # run of n words -> where it starts in the stream
    for line in text.split("\n"):
        words = _WORD.findall(line.lower())
        if len(words) >= n and _ran_before(words, at, n):
            continue
        out.append(line)
        start = max(0, len(stream) - n + 1)  # runs that end in this line (across the line break too)
        stream += words
        for i in range(start, len(stream) - n + 1):
            where = at.setdefault(tuple(stream[i:i + n]), set())
            if len(where) < MAX_RUN_POSITIONS:
                where.add(i)
    return "\n".join(out)


def _ran_before(words: list[str], at: dict[tuple, set[int]], n: int) -> bool:
    """Did ``words`` occur as one stretch of the indexed stream?"""
    starts = at.get(tuple(words[:n]), ())
    step = range(n, len(words) - n + 1, n)  # runs that tile the line, and its last run
    last = len(words) - n
    return any(all(p + i in at.get(tuple(words[i:i + n]), ()) for i in (*step, last)) for p in starts)


def _thin(tree, text: str) -> bool:
    """A confident fast text too short for the page it sits on (THIN_MAX_TOKENS, THIN_SHARE)."""
    tokens = _tokens(text)
    return tokens < THIN_MAX_TOKENS and tokens < THIN_SHARE * _visible_tokens(tree)


def _second_reading(html: str, url: str | None, text: str, method: str) -> tuple[str, str]:
    """A thin confident text against trafilatura: its fast pass; when that found even less than
    the thin text, its full mode (readability and jusText fallbacks, as FULL_PASS_* do
    for unsure pages). A reading wins with THIN_GAIN times the words unless it is fragmented
    (a menu it mistook for the body)."""
    tokens = _tokens(text)
    slow = _safely(_trafilatura_text, html, url)
    slow_tokens = _tokens(slow)
    if slow_tokens >= THIN_GAIN * tokens and not _unsure(slow):
        return slow, "trafilatura"
    if slow_tokens < tokens:
        full = _safely(_trafilatura_full_text, html, url)
        if _tokens(full) >= THIN_GAIN * tokens and not _unsure(full):
            return full, "trafilatura-full"
    return text, method


# trafilatura, taken over a fragmented fast text, drops paragraphs here and there inside the
# body (a "Key takeaways" box, a rubric's criteria, a paragraph in a styled <div>), which the
# fast text has. A fast-text line that falls between two lines both texts hold, in both
# texts' order, is put back when it has FILL_MIN_WORDS words or more (not a label or a
# button) and its words are not already in trafilatura's text (a code block or a list it
# joined differently). Lines before the first shared line or after the last stay out: there
# trafilatura cut chrome. The lines are put back only when together they hold FILL_MIN_SHARE
# of trafilatura's words: a body's missing paragraphs add up, a lone line in a gap is as
# likely something trafilatura cut on purpose (a disclosure, a teaser for another story).
# On WCXB dev (675 pages read by trafilatura): article +2.9 page-F1, service +4.0,
# collection +1.3, listing +0.5, documentation +0.2, forum 0; ScrapingHub: no page changes
# (with no share floor two of its 29 such pages took a line, -0.04 page-F1; a floor of 0.08
# gains the same as 0.1, 0.2 gains 0.5 less on articles; 1 to 3 words per line are equal).
# Chosen on those two sets: not a held-out figure.
FILL_MIN_WORDS = 3
FILL_MIN_SHARE = 0.1


def _words_key(line: str) -> str:
    return " ".join(_WORD.findall(line.lower()))


def _key_words(key: str) -> int:
    return key.count(" ") + 1 if key else 0


def _fill_gaps(lines: list[str], keys: list[str], fast_lines: list[str], fast_keys: list[str]):
    """trafilatura's lines (and their keys) with the fast text's lines it dropped between
    shared lines (FILL_MIN_WORDS, FILL_MIN_SHARE)."""
    at: dict[str, list[int]] = {}
    for i, key in enumerate(fast_keys):
        if key:
            at.setdefault(key, []).append(i)
    slow_words = " " + " ".join(key for key in keys if key) + " "   # padded: whole words match
    out, out_keys, last, added = [], [], -1, 0
    for line, key in zip(lines, keys):
        found = at.get(key, ())
        j = bisect_right(found, last)
        if j < len(found):
            here = found[j]
            if last >= 0:
                for k in range(last + 1, here):
                    words = _key_words(fast_keys[k])
                    if words >= FILL_MIN_WORDS and f" {fast_keys[k]} " not in slow_words:
                        out.append(fast_lines[k])
                        out_keys.append(fast_keys[k])
                        added += words
            last = here
        out.append(line)
        out_keys.append(key)
    if added < FILL_MIN_SHARE * sum(map(_key_words, keys)):
        return lines, keys
    return out, out_keys


# trafilatura's text opens with lines the fast text leaves out: the headline (storyline returns
# it as the title; the fast path skips <h1>), a byline, "5 min read". Lines before the first
# line both texts hold are dropped when they are under LEAD_MAX_SHARE of trafilatura's words.
# On WCXB dev: article +0.3 page-F1, collection +0.15, forum +0.07, service -0.13 (a course
# page's name); ScrapingHub: 13 pages lose a headline or a kicker its gold leaves out, +0.2
# page-F1. 0.1: the same on articles, 0.05: +0.3. Trailing lines (after the last shared line)
# gain nothing: kept. Chosen on those two sets: not a held-out figure.
LEAD_MAX_SHARE = 0.2


def _drop_lead(lines: list[str], keys: list[str], shared: set[str]) -> list[str]:
    """trafilatura's lines from the first one the fast text also holds (LEAD_MAX_SHARE)."""
    first = next((i for i, key in enumerate(keys) if key and key in shared), 0)
    lead_words = sum(map(_key_words, keys[:first]))
    if not first or lead_words > LEAD_MAX_SHARE * sum(map(_key_words, keys)):
        return lines
    return lines[first:]


def _read_against(slow: str, fast: str) -> str:
    """trafilatura's text read against the fast text it replaces: the lines it dropped inside
    the body put back (_fill_gaps), the lines it opens with before the body dropped
    (_drop_lead). Each line's words are taken once."""
    fast_lines = fast.split("\n")
    fast_keys = [_words_key(line) for line in fast_lines]
    lines = slow.split("\n")
    lines, keys = _fill_gaps(lines, [_words_key(line) for line in lines], fast_lines, fast_keys)
    return "\n".join(_drop_lead(lines, keys, set(fast_keys)))


# methods a forum host's thread reading may replace (not a declared thread's, not a noscript copy's)
_HOST_THREAD_METHODS = ("resiliparse", "resiliparse-comments", "trafilatura", "trafilatura-full")


def _main_text(tree, html: str, url: str | None, page_url: str | None) -> tuple[str, str]:
    """The page's main text and the method that gave it (see the module docstring).
    ``url``: the input's, passed on to trafilatura; ``page_url``: that or the page's own
    canonical URL, whose host tells a forum."""
    thread = _thread_type(html)
    if thread:
        return _thread_text(tree, html, url, thread)
    text, method = _fast_text(tree, html)
    unsure = method in ("resiliparse", "resiliparse-comments") and _unsure(text)
    thin = not unsure and method == "resiliparse" and _thin(tree, text)
    if method == "resiliparse" and (unsure or thin):
        # a body the page hid from the fast pass, read again, is checked against trafilatura
        # like an unsure text (only doubtful texts are looked at: reading the body costs time)
        reread = _reread_named_body(tree, html, text)
        if reread:
            (text, method), unsure, thin = reread, True, False
    if unsure:
        fast = text
        text, method = _checked_text(tree, html, url, text, method)
        if method.startswith("trafilatura"):
            text = _read_against(text, fast)
    elif thin:
        text, method = _second_reading(html, url, text, method)
    if method in _HOST_THREAD_METHODS and _forum_host(page_url):
        # an undeclared thread on a forum's host: every reply is content. Read as a declared
        # thread, taken unless it lost half of the text (the posts sat outside the main block)
        posts = _drop_post_chrome(_resiliparse_text(tree, _THREAD_OPTS))
        if _tokens(posts) >= max(MIN_TOKENS, MIN_SHRINK * _tokens(text)):
            return posts, "resiliparse-forum"
    return text, method


def _extract(html: str, url: str | None, htmldate: bool = True) -> HtmlExtract:
    if not isinstance(html, str):
        html = bytes(html).decode("utf-8", "replace") if html else ""
    if not html.strip():
        return HtmlExtract("", None, None, None, None, "none")
    if len(html) > MAX_CHARS:
        html = html[:MAX_CHARS]
    if _too_deep(html):
        return HtmlExtract("", None, None, None, None, "too_deep")
    html = unstream(html)  # a streamed page's hidden segments back in reading order

    tree = _parse(html)
    head = read_head(html)
    end, meta = head.end, head.meta
    title, sitename = _metadata(tree, meta, html)
    language = _language(tree, meta)
    canonical = _canonical(html, meta, end)
    text, method = _main_text(tree, html, url, url or canonical)
    if method in _THREAD_METHODS:
        text = _drop_quoted_posts(text)
    text = _drop_repeated_passages(text)
    published = _quick_date(html, meta) or (_published(html) if htmldate else None)
    return HtmlExtract(text, title, sitename, published, language, method, canonical, head)
