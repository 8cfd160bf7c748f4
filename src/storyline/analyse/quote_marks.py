"""Quoted stretches of an article, found on the normalised view of its typography
(``typography.normalise``), whatever the marks: “...”, "...", mixed “..." as typed,
''...'', „...“, «...», »...«, ‹...›, ‘...’.

A mark opens or closes by what stands around it, not by its glyph (a “ typed
where ” was meant still closes). A quote left open at a paragraph's end goes on
when the next paragraph opens with a mark (the news convention for quotes over
several paragraphs); one left open and never continued ends with its paragraph.
"""
from __future__ import annotations

from .typography import normalise

OPEN_AFTER = "([{-:,;/\u2026"      # besides a space or a paragraph start, what may stand before an opening mark


def _can_open(t: str, i: int, pstart: int) -> bool:
    prev = t[i - 1] if i > pstart else " "
    nxt = t[i + 1] if i + 1 < len(t) else " "
    if nxt.isspace() or nxt == "\n":
        return False
    if t[i] == "'":
        return (prev.isspace() or prev in OPEN_AFTER or prev == '"') and (nxt.isalnum() or nxt in '"[')
    return prev.isspace() or prev in OPEN_AFTER or prev in "'\"" or i == pstart


def _can_close(t: str, i: int, pend: int) -> bool:
    prev = t[i - 1] if i > 0 else " "
    nxt = t[i + 1] if i + 1 < pend else " "
    if prev.isspace():
        return False
    if t[i] == "'":
        # an apostrophe inside a word ("Kremlin's", "don't") does not close a quote
        return not nxt.isalpha()
    return not nxt.isalnum()


def _paragraphs(t: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for para in t.split("\n"):
        out.append((pos, pos + len(para)))
        pos += len(para) + 1
    return out


def _pair(t: str) -> list[tuple[int, int]]:
    """(start, end) of quote contents in the view, marks excluded."""
    spans: list[tuple[int, int]] = []
    carry = False
    for pstart, pend in _paragraphs(t):
        i = pstart
        open_at, mark = None, None
        if carry and i < pend and t[i] in "\"'":
            open_at, mark, i = i + 1, "*", i + 1    # the reopening mark of a continued quote
        carry = False
        while i < pend:
            ch = t[i]
            if ch in "\"'":
                if open_at is None:
                    if _can_open(t, i, pstart):
                        open_at, mark = i + 1, ch
                elif (ch == mark or mark == "*") and _can_close(t, i, pend):
                    if i > open_at:
                        spans.append((open_at, i))
                    open_at, mark = None, None
                elif ch == '"' and mark == '"' and _can_open(t, i, pstart) and t[i - 1] == " ":
                    open_at = i + 1     # an unclosed quote, then a new one: the new one counts
            i += 1
        if open_at is not None and pend > open_at:
            spans.append((open_at, pend))
            carry = True
    # a quote carried over a paragraph break is one quote
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and t[merged[-1][1]:s].strip(" \n\"'") == "" and t[merged[-1][1]:merged[-1][1] + 1] == "\n":
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return [(s, e) for s, e in merged if t[s:e].strip()]


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quote contents in the original text (marks excluded)."""
    view = normalise(text)
    return [view.orig_span(s, e) for s, e in _pair(view.text)]
