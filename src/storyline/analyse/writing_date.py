"""When was an undated article written? Only from evidence that dates the writing.

The text of an undated page mentions many dates; most are not the day it was
written. A proposed meeting "on 12 May 2025", a deadline "no later than 30 June",
what "may" happen "on Friday": all lie ahead of the writer. Taking "the latest
full date in the text" dates a page by its plans. So a date counts only as:

1. **dateline**: a full date that opens the text ("March 4, 2025 -", "LONDON, 4 March
   2025:") -- the page states its own day;
2. **today**: a full date in the same sentence as "today"/"tonight"/"this morning";
3. **past report**: a full date in a sentence whose verb reports it as done
   ("said on 3 March 2025", "was signed on ...", "met ... on") -- the writing is on or
   after it; the latest such date is the estimate, and a past-tense weekday
   ("said on Thursday") that falls within a week after it moves it to that day.

A date in a sentence that places it ahead or under a plan or a condition ("will",
"may", "could", "planned", "scheduled", "proposed", "expected", "due", "no later
than", "by", "until", "next", "if", ...) is never evidence, whatever the tense
elsewhere. When no date qualifies: no date.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

__all__ = ["infer_writing_date"]

DATELINE_CHARS = 120     # a dateline's date starts within the text's first line and this many characters
DATELINE_CONFIDENCE = 0.9
TODAY_CONFIDENCE = 0.85
PAST_CONFIDENCE = 0.55   # a past event bounds the writing from below; the writing is near it, not on it
PAST_AGREE_BONUS = 0.1   # per other past-tense mention of the same day (capped below)
WEEKDAY_WINDOW_DAYS = 6  # "on Thursday" in a past report names a day within the week after the floor
MAX_CONFIDENCE = 0.95

# Plan, modal and conditional cues: a date near them lies ahead of the writer or may never happen.
_PLAN = re.compile(
    r"\b(?:will|won't|would|shall|may|might|could|can|should|must|going\s+to|plans?|planned|planning|"
    r"schedul\w*|propos\w*|expect\w*|due|set\s+to|set\s+for|slated|intends?|intended|aims?\s+to|hopes?\s+to|"
    r"is\s+to|are\s+to|was\s+to|were\s+to|no\s+later\s+than|not\s+later\s+than|deadline|until|till|upcoming|"
    r"forthcoming|next|if|unless|whether|tentative\w*|likely|anticipat\w*|prospective|future|"
    r"postpone\w*)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:said|told|was|were|had|did|held|met|took\s+place|happened|occurred|announced|reported|signed|"
    r"died|killed|won|lost|opened|closed|released|launched|began|started|ended|arrived|left|attacked|"
    r"approved|voted|elected|published|issued|confirmed|declared|passed|came|went|saw|made|gave|"
    r"\w{3,}ed)\b",
    re.IGNORECASE,
)
# "by 30 June", "before 1 May", "through 2026": a deadline or a span's end, not a day that happened
_DEADLINE_BEFORE = re.compile(r"\b(?:by|before|until|till|through|from|starting|effective)\s+(?:the\s+|on\s+)?$", re.IGNORECASE)
# what may stand before a dateline's date on its line: nothing, a place, "Posted on"
_DATELINE_LEAD = re.compile(r"\s*(?:[A-Z][A-Za-z .'’-]{1,40}(?:\([^)]{1,20}\))?[,:]?|(?:posted|published|updated)(?:\s+on)?:?)?\s*",
                            re.IGNORECASE)
_TODAY = re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.IGNORECASE)
_FULL = re.compile(r"\d{4}-\d\d-\d\d")
_SENT_END = re.compile(r"[.!?]\s|\n")


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENT_END.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    m = _SENT_END.search(text, end)
    return text[left:m.start() + 1 if m else min(len(text), end + 300)]


def _dateline(text: str, start: int, end: int, line_end: int) -> bool:
    """The date stands alone at the head of the text: nothing or a place before it, a
    separator or the end of the line after it ("LONDON, March 4, 2025 - ...")."""
    after = text[end:line_end].lstrip()
    return (not after or after[0] in "-–—:|(") and bool(_DATELINE_LEAD.fullmatch(text[:start]))


def _planned(sentence: str) -> bool:
    return bool(_PLAN.search(sentence))


def infer_writing_date(text: str, timexes=None) -> tuple[str | None, float, str]:
    """(date, confidence, evidence) for an undated text; (None, 0.0, why) when unsure."""
    if timexes is None:
        from .timex import find_timexes

        timexes = find_timexes(text, None)
    first_line_end = text.find("\n")
    first_line_end = len(text) if first_line_end < 0 else first_line_end
    past: list[tuple[date, str]] = []
    for t in timexes:
        if t.type not in ("DATE", "TIME") or not t.value or t.anchored or not _FULL.match(t.value):
            continue
        try:
            day = date.fromisoformat(t.value[:10])
        except ValueError:
            continue
        sent = _sentence(text, t.start, t.end)
        if _planned(sent) or _DEADLINE_BEFORE.search(text[max(0, t.start - 16):t.start]):
            continue
        if t.start <= min(DATELINE_CHARS, first_line_end) and _dateline(text, t.start, t.end, first_line_end):
            return day.isoformat(), DATELINE_CONFIDENCE, f"dateline: {t.text!r} opens the text"
        if _TODAY.search(sent):
            return day.isoformat(), TODAY_CONFIDENCE, f"'today' with {t.text!r} in the same sentence"
        if _PAST.search(sent.replace(t.text, " ")):
            past.append((day, t.text))
    if not past:
        return None, 0.0, "no date that dates the writing (dateline, 'today' or a past-tense report)"
    best, best_text = max(past)
    same = sum(1 for d, _ in past if d == best)
    conf = PAST_CONFIDENCE + min(0.2, PAST_AGREE_BONUS * (same - 1))
    evidence = f"past-tense report of {best_text!r} ({best.isoformat()}), the latest such date"
    shifted = _weekday_after(text, timexes, best)
    if shifted is not None:
        best, name = shifted
        evidence += f"; past-tense '{name}' falls after it -> {best.isoformat()}"
    return best.isoformat(), round(min(conf, MAX_CONFIDENCE), 2), evidence


def _weekday_after(text: str, timexes, floor: date) -> tuple[date, str] | None:
    """The day of a past-tense weekday mention ("said on Thursday") within a week after ``floor``."""
    counts: dict[int, int] = {}
    for t in timexes:
        v = t.value or ""
        if not (v.startswith("XXXX-WXX-") and len(v) == 10):
            continue
        low = t.text.lower()
        if "next" in low or "last" in low:
            continue
        sent = _sentence(text, t.start, t.end)
        if _planned(sent) or not _PAST.search(sent.replace(t.text, " ")):
            continue
        counts[int(v[-1]) - 1] = counts.get(int(v[-1]) - 1, 0) + 1
    if not counts:
        return None
    wd = max(sorted(counts), key=lambda k: counts[k])
    delta = (wd - floor.weekday()) % 7
    if delta == 0 or delta > WEEKDAY_WINDOW_DAYS:
        return None
    return floor + timedelta(days=delta), calendar.day_name[wd]
