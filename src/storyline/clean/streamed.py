"""Streamed server rendering put back in reading order.

A page rendered by React 18+ with streaming (Next.js's app router and the many sites on it)
sends each slow part of the page later in the same response: where the part belongs it
leaves a placeholder (a *boundary*: ``<!--$?--><template id="B:0"></template>`` and a
fallback such as "Loading paragraph..." up to ``<!--/$-->``), and at the end of the body
the part itself in a hidden segment (``<div hidden id="S:0">…</div>``) that a script moves
into place in the browser. An extractor reads the HTML as sent: it sees the fallbacks in the
article's container and the article's paragraphs in a hidden block at the end of the page,
so it keeps the intro box beside the placeholders (The Motley Fool: 90 of 1,700 words) or
misses bylines. ``unstream`` does what the browser's script does: each boundary whose
segment is on the page is replaced by the segment's content, and the segments are removed
from the end. On WCXB dev 23 of 1,378 pages stream this way; no ScrapingHub page does.

Text only: no script is run; a boundary without a segment on the page keeps its fallback.
"""
from __future__ import annotations

import bisect
import re

__all__ = ["unstream"]

_MARK = '<template id="'
# the hidden segment: React writes <div hidden id="S:0">; serialisers may write hidden=""
_SEGMENT = re.compile(r'<div hidden(?:="")? id="S:([0-9a-zA-Z]+)">')
_DIV_TAG = re.compile(r"<(/?)div\b", re.I)
# a boundary with React's markers: its fallback runs to the next closing marker (found by
# bisecting the markers' positions, so a page of unclosed markers costs no rescans)
_MARKED_BOUNDARY = re.compile(r'<!--\$\?--><template id="B:([0-9a-zA-Z]+)"></template>')
_CLOSING_MARK = "<!--/$-->"
# a boundary without markers (serialisers that drop comments): a short text-only fallback
# element right after it ("<div>Loading paragraph...</div>") is the fallback
_BARE_BOUNDARY = re.compile(r'<template id="B:([0-9a-zA-Z]+)"></template>(?:<div>[^<]{0,100}</div>)?')
# a segment that finished after its parent: a bare placeholder, no fallback ($RS("S:5","P:5"))
_PENDING = re.compile(r'<template id="P:([0-9a-zA-Z]+)"></template>')
# segments hold boundaries of their own (a paragraph streamed inside a streamed section)
MAX_NESTING = 20


def _closing_div(html: str, start: int) -> int:
    """Index of the ``</div>`` that closes a <div> opened just before ``start`` (-1: none)."""
    depth = 1
    for m in _DIV_TAG.finditer(html, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.start()
    return -1


def _segments(html: str) -> tuple[dict[str, str], str]:
    """The hidden segments by id, and the page without them."""
    segments: dict[str, str] = {}
    kept, last = [], 0
    for m in _SEGMENT.finditer(html):
        if m.start() < last:
            continue  # a segment inside another is read as part of it
        end = _closing_div(html, m.end())
        if end < 0:
            break  # truncated page: the rest stays as it is
        segments[m.group(1)] = html[m.end():end]
        kept.append(html[last:m.start()])
        last = end + len("</div>")
    kept.append(html[last:])
    return segments, "".join(kept)


def _fill(html: str, segments: dict[str, str], depth: int = 0) -> str:
    if depth >= MAX_NESTING or _MARK not in html:
        return html

    def content(segment_id: str) -> str | None:
        # a segment is moved, as the browser moves it: placed once, so the page cannot grow
        # (a segment naming itself, or two boundaries naming one segment, copy nothing)
        segment = segments.pop(segment_id, None)
        return None if segment is None else _fill(segment, segments, depth + 1)

    def put(m: re.Match) -> str:
        filled = content(m.group(1))
        return m.group(0) if filled is None else filled

    html = _fill_marked(html, content)
    for boundary in (_BARE_BOUNDARY, _PENDING):
        html = boundary.sub(put, html)
    return html


def _fill_marked(html: str, content) -> str:
    """Each marked boundary with its segment on the page, fallback included, replaced."""
    closings = [m.start() for m in re.finditer(re.escape(_CLOSING_MARK), html)]
    out, pos = [], 0
    for m in _MARKED_BOUNDARY.finditer(html):
        k = bisect.bisect_left(closings, m.end())
        if m.start() < pos or k == len(closings):
            continue  # inside a fallback already replaced, or never closed
        filled = content(m.group(1))
        if filled is None:
            continue  # no segment for it: the fallback stays
        out += [html[pos:m.start()], filled]
        pos = closings[k] + len(_CLOSING_MARK)
    out.append(html[pos:])
    return "".join(out)


def unstream(html: str) -> str:
    """The page with each streamed segment at its boundary (unchanged when nothing streams)."""
    if '<template id="B:' not in html:
        return html
    segments, rest = _segments(html)
    if not segments:
        return html
    return _fill(rest, segments)
