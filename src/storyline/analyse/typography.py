"""A normalised view of an article's typography, with every offset mapped back.

Real pages mix quote styles within one article (“...", ''...'' in the New York
Times' archive, „...“, «...», ‹...›, primes ″ typed for quotes), and use
non-breaking spaces, soft hyphens, zero-width characters and every dash. The
quote finder reads this view instead: double quote marks become ``"``, single
ones and apostrophes ``'``, dashes ``-``, spaces ``" "``; soft hyphens and
zero-width characters are dropped, and two apostrophes typed for a double quote
become one ``"``. ``View.orig(i)`` gives the original offset of a view offset,
so every span found in the view cites the page's own characters.
"""
from __future__ import annotations

from dataclasses import dataclass

DOUBLE_MARKS = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u301d\u301e\uff02\""    # “ ” „ ‟ ″ « » 〝 〞 ＂ "
SINGLE_MARKS = "\u2018\u2019\u201a\u201b\u2032\u2039\u203a`\u00b4'"              # ‘ ’ ‚ ‛ ′ ‹ › ` ´ '
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"           # ‐ ‑ ‒ – — ― − ﹘ ﹣ －
SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
DROPPED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"                                # soft hyphen, zero-width

_TABLE = {**{c: '"' for c in DOUBLE_MARKS}, **{c: "'" for c in SINGLE_MARKS},
          **{c: "-" for c in DASHES}, **{c: " " for c in SPACES}}


@dataclass
class View:
    text: str            # the normalised text
    offsets: list[int]   # offsets[i]: original offset of text[i]; one extra entry for the end
    source: str          # the original text

    def orig(self, i: int) -> int:
        """Original offset of view offset ``i`` (``len(text)`` maps to the end)."""
        return self.offsets[i]

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the view span [start, end)."""
        return self.offsets[start], self.offsets[end] if end > start else self.offsets[start]


_FLAT = str.maketrans(_TABLE)


def flat(text: str) -> str:
    """The same normalisation, character for character (same length, same offsets):
    for looking at the marks and spaces around a position of the original."""
    return text.translate(_FLAT)


def normalise(text: str) -> View:
    """The normalised view of ``text`` (see the module docstring)."""
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in DROPPED:
            i += 1
            continue
        if ch in "'\u2019\u2018`" and i + 1 < n and text[i + 1] == ch:
            # '' or ‘‘ typed for a double quote mark (one character in the view); in a
            # run of three the single mark is the inner one: ,''' closes 'x' then "x"
            run = 3 if i + 2 < n and text[i + 2] == ch else 2
            closing = i > 0 and not text[i - 1].isspace()
            if run == 2:
                marks = [('"', i)]
            elif closing:
                marks = [("'", i), ('"', i + 1)]
            else:
                marks = [('"', i), ("'", i + 2)]
            for mark, k in marks:
                out.append(mark)
                offsets.append(k)
            i += run
            continue
        out.append(_TABLE.get(ch, ch))
        offsets.append(i)
        i += 1
    offsets.append(n)
    return View("".join(out), offsets, text)
