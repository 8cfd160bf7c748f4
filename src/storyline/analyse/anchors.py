"""Time expressions anchored on another event: "23 days after Trump's inauguration",
"two weeks after the inauguration of Donald Trump".

The time module finds such offsets and leaves their value empty (precision
``offset``); here the reference event is dated when the gazetteer knows it:
an inauguration, swearing-in or taking office is the start of the person's
current head-of-state or head-of-government role on the article's date. What
cannot be dated stays unresolved (value None) rather than guessed.
"""
from __future__ import annotations

import re

from .gazetteer import Gazetteer
from .timex import Timex, apply_offset, resolve_offset

_TAKING_OFFICE = re.compile(r"\b(?:inauguration|inaugurated|sworn in|swearing[- ]in|took office|taking office|"
                            r"assumed office|came to power)\b", re.IGNORECASE)
_HEAD_ROLE = re.compile(r"\b(?:president|prime minister|chancellor|premier|king|head of state)\b", re.IGNORECASE)
_OF_NAME = re.compile(r"\s+of\s+((?:President\s+)?(?:[A-Z][\w.'’-]+\s?){1,4})")
_NAME = re.compile(r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}")


def anchor_offsets(timexes: list[Timex], text: str, published: str | None, gaz: Gazetteer) -> None:
    """Fill in the value of offset expressions whose reference event the gazetteer dates (in place)."""
    for t in timexes:
        if t.precision != "offset" or t.value is not None:
            continue
        off = resolve_offset(t.text)
        if off is None:
            continue
        ref = off[1]
        tail = _OF_NAME.match(text, t.end)
        if tail:
            ref = f"{ref} of {tail.group(1).strip()}"
        date = _taking_office(ref, published, gaz)
        if date:
            value = apply_offset(t, date)
            if value:
                t.value, t.precision = value, "day"


def _taking_office(ref: str, published: str | None, gaz: Gazetteer) -> str | None:
    """The day the person named in ``ref`` took the office they held on ``published``."""
    if not _TAKING_OFFICE.search(ref):
        return None
    actor = None
    for m in _NAME.finditer(ref):
        name = re.sub(r"^(?:President|Prime Minister|Chancellor)\s+", "", re.sub(r"['’]s$", "", m.group(0)))
        actor = gaz.person(name, published)
        if actor is not None:
            break
    if actor is None:
        return None
    starts = [r["from"] for r in actor.roles if r.get("from") and _HEAD_ROLE.search(r.get("role", ""))
              and (published is None or r["from"] <= published)]
    return max(starts) if starts else None
