"""Time expressions (TIMEX3-style), anchored to the article's publication date.

``find_timexes(text, anchor, doc=None)`` finds dates, times, durations and sets
in English news text and normalises them to TIMEX3 values:

- absolute dates ("March 13, 2025", "13 March 2025", "2025-03-13") need no anchor;
- partial dates ("February 12", "in March"), weekdays ("on Thursday") and
  relative expressions ("yesterday", "last year", "two days ago") are resolved
  against ``anchor`` (the publication date, ISO ``YYYY-MM-DD``). Direction for
  weekdays and months without a year comes from tense: the governing verb in the
  spaCy ``doc`` when given, else cue words in a window around the expression;
- with ``anchor=None`` relative expressions keep their text and get value
  ``None`` (partial dates keep a TIMEX3 pattern like ``XXXX-02-12``).

It is hand-written compiled regular expressions plus ``datetime`` arithmetic:
a trigger-word prefilter (one compiled regex) finds the few places worth a look,
a master pattern is tried only at the word starts just before each trigger,
small handlers normalise the matches, and a last pass merges ranges
("between February and March 2022"), weekday + date ("Thursday, March 13"),
and dates for clock times. No dateparser in the hot path. Deterministic.

Offsets relative to another event ("23 days after the inauguration") get
``precision="offset"`` and value ``None``; ``resolve_offset(text)`` gives
``(days, reference_phrase)`` so a later stage can resolve them, and
``apply_offset(timex, event_date)`` does it.

See docs/time.md.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Timex", "find_timexes", "infer_publication_date", "resolve_offset", "apply_offset"]


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    text: str                    # the extent, text[start:end]
    type: str                    # DATE | TIME | DURATION | SET
    value: str | None            # TIMEX3 value, None when it cannot be resolved
    precision: str | None        # day|week|month|quarter|half|season|year|decade|century|range|time|duration|set|ref|offset
    value_end: str | None = None  # end of a range / the second alternative
    anchored: bool = False       # the value depends on the anchor (relative/partial)
    modifier: str | None = None  # TIMEX3 mod


# ---------------------------------------------------------------- vocabulary

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMWORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "one hundred": 100, "single": 1, "half a": 0.5, "half an": 0.5,
    "the": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
}
_VAGUE_NUM = {"several", "a few", "few", "some", "many", "a number of", "dozens of", "hundreds of",
              "the next few", "numerous", "multiple", "the past few", "the last few", "scores of"}
_UNITS = {  # unit -> (TIMEX3 duration letter, is-time-part, multiplier)
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "night": ("D", False, 1), "week": ("W", False, 1),
    "fortnight": ("W", False, 2), "month": ("M", False, 1), "year": ("Y", False, 1),
    "decade": ("Y", False, 10), "century": ("Y", False, 100), "quarter": ("M", False, 3),
    "weekend": ("WE", False, 1), "season": ("M", False, 3),
}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

# ---------------------------------------------------------------- pattern pieces

_MON_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MON_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MON = rf"(?:{_MON_FULL}|{_MON_ABBR}|(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER))"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d,.]\d|\d)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
_NW1 = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_NWORD = (rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s]{_NW1})?|ten|eleven|twelve|thirteen|"
          rf"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_NW1}|(?:a|one)\s+hundred)")
_NUM = (rf"(?i:\d+(?:\.\d+)?(?:\s+1/2)?|\d+\.\d+|{_NWORD}(?:\s+and\s+a\s+half)?|a\s+couple(?:\s+of)?|a\s+dozen|a\s+few|an?(?:\s+single)?|"
        r"half\s+an?|several|few|some|many|dozens\s+of|hundreds\s+of|a\s+number\s+of|numerous|multiple|scores\s+of)")
_NUMR = rf"{_NUM}(?:\s*(?:-|–|to|or|and)\s*{_NUM})?"
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|century|centuries|quarter|weekend)s?"
_UNIT_D = r"(?:second|minute|hour|day|week|month|year|decade|quarter)"   # adjectival "30-day"
_PART = r"(?:morning|afternoon|evening|night)"

# Each alternative is a named group; at one start the first listed wins,
# so longer forms come first. (?i:...) scopes case-insensitivity to the
# function words; month and weekday names must be capitalised.
_ALTS = [
    ("iso", rf"(?P<iso_y>(?:1[89]|20)\d\d)-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])(?:[T ](?P<iso_t>[0-2]\d:[0-5]\d)(?::\d\d)?)?(?!\d)"),
    ("num", r"(?P<num_a>[01]?\d|[23]\d)/(?P<num_b>[0-3]?\d)/(?P<num_y>(?:1[89]|20)\d\d)(?!\d)"),
    ("partof", rf"(?i:the\s+)?(?P<po_p>(?i:morning|afternoon|evening|night))(?i:\s+of)(?=\s+(?:(?i:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}|{_MON}\s+{_DAY}|{_WD}|(?i:today|yesterday|tomorrow)))"),
    ("mdr", rf"(?P<mdr_m>{_MON})\s+(?P<mdr_d1>{_DAY})\s*(?:-|–|to|and|through)\s*(?P<mdr_d2>{_DAY})(?:,?\s+(?P<mdr_y>{_YEAR}))?"),
    ("md", rf"(?P<md_m>{_MON})\s+(?P<md_d>{_DAY})(?:\s*,?\s*(?P<md_y>{_YEAR}))?"),
    ("dm", rf"(?:(?i:the)\s+)?(?P<dm_d>{_DAY})(?:\s+(?i:of))?\s+(?P<dm_m>{_MON})(?:,?\s+(?P<dm_y>{_YEAR}))?"),
    ("my", rf"(?P<my_m>{_MON})(?:,|\s+(?i:of))?\s+(?P<my_y>{_YEAR})"),
    ("cen", rf"(?:(?i:the)\s+)?(?P<cen_mod>(?i:early|mid|late)[-\s])?(?P<cen_n>\d{{1,2}})(?i:st|nd|rd|th)[-\s](?i:century)(?![-\s]old)"),
    ("cenw", rf"(?:(?i:the)\s+)?(?P<cenw_mod>(?i:early|mid|late)[-\s])?(?P<cenw_n>(?i:nineteenth|twentieth|twenty-first|twenty\s+first|eighteenth))[-\s](?i:century)"),
    ("dec", rf"(?:(?i:the)\s+)?(?P<dec_mod>(?i:early|mid|late)[-\s]?)?(?:(?P<dec_y>(?:1[89]|20)\d)0'?s|'(?P<dec_s>\d)0s)(?!\w)"),
    ("decw", r"(?i:the)\s+(?P<decw_mod>(?i:early|mid|late)[-\s])?(?P<decw_w>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))"),
    ("qtr", rf"(?:(?i:the)\s+)?(?P<q_ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[-\s](?P<q_kind>(?i:quarter|half))(?:\s+(?i:of\s+)?(?:(?i:fiscal\s+)?(?P<q_y>{_YEAR})|(?P<q_rel>(?i:this|last|next|the\s+year))(?:\s+(?i:year))?))?(?![-\s](?:century|of\s+(?:the\s+)?(?:century|decade)))"),
    ("qcode", rf"(?P<qc_n>Q[1-4]|H[12])(?:\s+(?:(?i:fiscal\s+)?|')(?P<qc_y>{_YEAR}|\d\d))?(?![\w])"),
    ("fy", rf"(?i:fiscal)(?:\s+(?i:year))?\s+(?P<fy_y>{_YEAR})"),
    ("ago", rf"(?P<ago_n>{_NUM})\s+(?P<ago_u>{_UNIT})\s+(?i:ago)"),
    ("vago", rf"(?P<vago_u>(?i:years|months|weeks|days|decades|hours|moments|minutes|ages))\s+(?i:ago)"),
    ("off", rf"(?P<off_n>{_NUM})\s+(?P<off_u>{_UNIT})\s+(?P<off_dir>(?i:earlier|later|before|after|prior\s+to|from\s+now|previously|hence|on))(?![\w-])"),
    ("offthe", r"(?i:the)\s+(?P<ot_u>(?i:day|night|week|month|year|morning|evening))\s+(?P<ot_dir>(?i:before|after))(?=\s+(?:the|a|an|his|her|its|their|[A-Z]))"),
    ("prevnext", rf"(?i:the\s+)(?P<pn_dir>(?i:previous|next|following|preceding|same|prior))\s+(?P<pn_u>(?i:day|week|month|year|morning|evening|night|afternoon|weekend))(?![\w-])"),
    ("dur", rf"(?P<dur_pre>(?i:(?:the|its|their|a|his|her)\s+)?(?i:past|last|next|previous|coming|first|final|following|initial|recent|remaining|preceding)\s+)?(?P<dur_n>{_NUMR})[-\s]+(?P<dur_u>{_UNIT})(?![a-z])(?![-\s]old|\s+(?:and\s+)?(?:older|old|younger|of\s+age)\b)(?P<dur_post>(?i:[-\s]long))?"),
    ("durd", rf"(?P<durd_n>\d+|{_NWORD})-(?P<durd_u>{_UNIT_D})(?![-\s]old|\w)"),
    ("vdur", rf"(?:(?<=(?i:for) )|(?<=(?i:in) )|(?<=(?i:over) )|(?<=(?i:after) )|(?<=(?i:within) )|(?<=(?i:took) )|(?<=(?i:last) ))(?P<vdur_u>(?i:years|months|weeks|days|decades|hours|minutes|centuries))(?![\w-])"),
    ("vdur2", r"(?:(?<=(?i:take) )|(?<=(?i:takes) )|(?<=(?i:spent) )|(?<=(?i:lasted) ))(?P<vdur2_u>(?i:years|months|weeks|days|decades|hours|minutes))(?![\w-])|(?P<vdur3_u>(?i:years|months|weeks|days|decades|hours|minutes))(?=\s+(?i:before|after|later|earlier|into|of)\b)"),
    ("recent", r"(?P<recent_x>(?i:recent)\s+(?i:days|weeks|months|years|decades|times))"),
    ("rel", rf"(?:(?P<rel_el>(?i:earlier|later))\s+)?(?P<rel_det>(?i:this|last|next|past|previous|coming|current|the\s+(?:past|last|next|coming|previous|current|following)))\s+(?:(?i:fiscal|financial|calendar)\s+)?(?P<rel_u>(?i:week|weekend|month|year|decade|century|quarter|fortnight|spring|summer|autumn|fall|winter|season|term|morning|afternoon|evening|night)|{_WD}|{_MON_FULL})(?![\w-])"),
    ("edge", r"(?P<edge_x>(?i:the\s+)?(?i:end|start|beginning|middle|rest|remainder|close|turn)\s+(?i:of)\s+(?i:the\s+|this\s+|next\s+|last\s+)?(?P<edge_u>(?i:year|month|week|decade|century|quarter|day|summer|winter|spring|autumn)))(?![\w-])"),
    ("yend", r"(?P<yend_x>(?i:year[-\s]end|year's\s+end|end[-\s]year|month[-\s]end|mid-year|midyear))(?![\w-])"),
    ("sea", rf"(?:(?P<sea_pre>(?i:early|late|mid-?))\s*)?(?P<sea_s>(?i:spring|summer|autumn|winter)|(?<=the )fall|(?<=in )fall|(?<=this )fall)(?:\s+(?i:of\s+)?(?P<sea_y>{_YEAR}))?(?![\w-])"),
    ("day", rf"(?:(?P<day_el>(?i:earlier|later|late|early))\s+)?(?P<day_w>(?i:today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow))(?:\s+(?P<day_p>(?i:{_PART})))?(?![\w-])"),
    ("wd", rf"(?:(?P<wd_rel>(?i:last|next|this|coming|past|previous))\s+)?(?P<wd_w>{_WD})(?P<wd_pl>s)?(?:\s+(?P<wd_p>{_PART}))?(?![\w-])"),
    ("hol", rf"(?P<hol_n>Christmas\s+Eve|Christmas\s+Day|Christmas|New\s+Year's\s+(?:Eve|Day)|Easter(?:\s+Sunday)?|Thanksgiving(?:\s+Day)?|Halloween|Valentine's\s+Day|Boxing\s+Day)(?:\s+(?P<hol_y>{_YEAR}))?(?![\w-])"),
    ("clock", r"(?P<clk_h>[01]?\d|2[0-3])(?:[:.](?P<clk_m>[0-5]\d))?\s*(?P<clk_ap>(?i:a\.m\.?|p\.m\.?|am|pm)(?!\w))(?:\s+(?P<clk_tz>GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|ET|PT|(?i:local\s+time)))?"),
    ("clk24", r"(?P<c24_h>[01]?\d|2[0-3])[:.](?P<c24_m>[0-5]\d)(?:\s*(?:h|hrs))?\s+(?P<c24_tz>GMT|UTC|BST|CET|CEST|EST|EDT|ET|PT|(?i:local\s+time))"),
    ("clkat", r"(?<=(?i:at) )(?P<cat_h>[01]?\d|2[0-3]):(?P<cat_m>[0-5]\d)(?![\d:])"),
    ("noon", r"(?P<noon_w>(?i:noon|midnight|midday))(?![\w-])"),
    ("set", rf"(?P<set_x>(?i:every|each)\s+(?:(?i:other)\s+)?(?:(?P<set_n>{_NUM})\s+)?(?P<set_u>(?i:second|minute|hour|day|night|week|weekend|month|year|decade|season|quarter|morning|evening|afternoon|spring|summer|autumn|winter)s?|{_WD}))(?![\w-])"),
    ("freq", rf"(?P<freq_x>(?i:once|twice|thrice|(?:{_NWORD}|\d+)\s+times)\s+(?i:a|an|per|every|each)\s+(?P<freq_u>(?i:second|minute|hour|day|week|month|year|decade|season)))(?![\w-])"),
    ("per", r"(?<![\w-])(?P<per_x>(?i:per|a)\s+(?P<per_u>(?i:second|minute|hour|day|week|month|year)))(?![\w-])"),
    ("adv", r"(?P<adv_w>(?i:daily|weekly|monthly|annually|yearly|hourly|quarterly|nightly|fortnightly|biweekly|bimonthly|biannually|semiannually|year-round|round-the-clock))(?![\w-])"),
    ("ref", r"(?P<ref_w>(?i:right\s+now|now|currently|at\s+present|presently|nowadays|these\s+days|at\s+the\s+moment|recently|lately|in\s+recent\s+times|in\s+the\s+past(?!\s+(?:\w+\s+)?(?:second|minute|hour|day|night|week|weekend|fortnight|month|year|decade|centur)|\s+(?:few|several|\d))|the\s+future|the\s+near\s+future|so\s+far|to\s+date|of\s+late|once\s+again)(?=\W|$)|(?i:former(?:ly)?)(?!\w)|(?<=(?i:the) )(?i:past)(?=\s*[,.;]))"),
    ("month", rf"(?P<mo_m>{_MON_FULL}|(?:JANUARY|FEBRUARY|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER))(?![\w-])"),
    ("year", rf"(?<![\d$€£¥.,/#:])(?:(?<!\d-)|(?<=(?:1[89]|20)\d\d-))(?P<yr_y>{_YEAR})(?!\s*(?:%|(?i:percent|per\s+cent))|'s\s+\w|\w|\.\d|-\d\d?-)"),
    ("yr2", r"(?<=-)(?P<yr2_y>\d\d)(?![\w%])"),
]
_MASTER = re.compile(r"(?<![\w'])(?:" + "|".join(f"(?P<{n}>{p})" for n, p in _ALTS) + ")")

# Cheap prefilter: a word scan (one compiled regex, a set lookup per word) finds the
# trigger words every alternative contains; the master pattern is only tried at the
# few word starts just before a trigger.
_WSTART = re.compile(r"(?<![\w'])[\w'$]")
_TRIGGERS = frozenset("""
today tonight yesterday tomorrow now currently presently nowadays recently lately recent past future ago
second seconds minute minutes hour hours day days night nights week weeks weekend weekends fortnight month months
year years decade decades century centuries quarter quarters half season seasons term spring summer autumn fall
winter morning mornings afternoon afternoons evening evenings overnight noon midnight midday moment times
january february march april may june july august september october november december jan feb mar apr jun jul aug
sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays
fridays saturdays sundays daily weekly monthly annually yearly hourly quarterly nightly fortnightly biweekly
bimonthly biannually semiannually christmas easter thanksgiving halloween valentine fiscal twenties thirties
forties fifties sixties seventies eighties nineties nineteenth twentieth eighteenth
""".split())


def _trie(words) -> str:
    """A regex alternation of `words` shaped as a trie (fast in `re`: one branch per letter)."""
    root: dict = {}
    for w in words:
        t = root
        for ch in w:
            t = t.setdefault(ch, {})
        t[""] = {}

    def rx(t):
        alts, opt = [], False
        for ch, sub in sorted(t.items()):
            if ch == "":
                opt = True
            else:
                alts.append(re.escape(ch) + rx(sub))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if opt else body
    return rx(root)


# The prefilter: one compiled regex of trigger words (run on the lower-cased text) and numbers.
_TRIGGER = re.compile(r"(?<![a-z0-9])(?:" + _trie(_TRIGGERS) + r")(?![a-z])|\d+")
_TRIGGER_I = re.compile(r"(?<![a-z0-9])(?:" + _trie(_TRIGGERS) + r")(?![a-z])|\d+", re.I)
_BACK = 48          # how far before a trigger an expression may start ("the past two and a half years")
_MONTH_WD = frozenset(k for k in _MONTHS) | frozenset(_WEEKDAYS) | frozenset(w + "s" for w in _WEEKDAYS)
# Sub-patterns by trigger: a month or weekday name, a number, anything else.
_MW_ALTS = {"mdr", "md", "my", "month", "rel", "wd", "set"}
_DIGIT_ALTS = {"iso", "num", "dm", "cen", "dec", "qtr", "qcode", "fy", "ago", "off", "dur", "durd", "clock", "clk24",
               "clkat", "year", "yr2", "set", "freq", "rel"}


def _sub_master(names):
    return re.compile(r"(?<![\w'])(?:" + "|".join(f"(?P<{n}>{p})" for n, p in _ALTS if n in names) + ")")


_MASTER_MW = _sub_master(_MW_ALTS)
_MASTER_DIGIT = _sub_master(_DIGIT_ALTS)
# a number is worth a look only next to a time word, as a year, a clock time or a date
_DIGIT_OK = re.compile(
    r"\d+(?:[:/]\d|\.\d\d?\s*(?:[ap]\.?m\b|GMT|UTC)|(?:st|nd|rd|th|s|'s)\b|\s*[-–]?\s*(?:and\s+a\s+half\s+|1/2\s+)?"
    r"(?i:[ap]\.?m\b|second|minute|hour|day|night|week|fortnight|month|year|decade|centur|quarter|weekend|times|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|gmt|utc|local|h\b|hrs|to\s+\d|and\s+\d|or\s+\d|-\s*\d))"
    r"|(?:1[89]|20)\d\d(?!\d)")

# ---------------------------------------------------------------- context cues

# \Z, not $: "$" also matches before a final line break, and the modifier's length then misses it
# ("mid-\n2024" became "id-\n2024")
_PREMOD_DATE = re.compile(
    r"(?i:(?P<pm>no\s+later\s+than|not\s+later\s+than|no\s+earlier\s+than|not\s+before|not\s+until|as\s+early\s+as|"
    r"as\s+late\s+as|the\s+(?:very\s+)?(?:end|start|beginning|middle|close|turn)\s+of|(?:very\s+)?(?:early|late)(?:\s+in)?|"
    r"mid|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of|about|around|approximately|"
    r"sometime\s+(?:in\s+)?|some\s+time\s+in|circa|c\.))(?P<sep>-\s*|\s+)\Z"
)
_PREMOD_DUR = re.compile(
    r"(?i:(?P<pm>no\s+more\s+than|not\s+more\s+than|no\s+less\s+than|more\s+than|less\s+than|fewer\s+than|at\s+least|"
    r"at\s+most|up\s+to|nearly|almost|about|around|roughly|some|approximately|over|under|just\s+over|just\s+under|"
    r"well\s+over|close\s+to|barely|only|just|a\s+little\s+over|a\s+little\s+more\s+than|more\s+or\s+less))\s+\Z"
)
_MOD_OF = {
    "no later than": "ON_OR_BEFORE", "not later than": "ON_OR_BEFORE", "no earlier than": "ON_OR_AFTER",
    "not before": "ON_OR_AFTER", "not until": "ON_OR_AFTER", "as early as": "ON_OR_AFTER",
    "as late as": "ON_OR_BEFORE", "end": "END", "close": "END", "start": "START", "beginning": "START",
    "turn": "START", "middle": "MID", "early": "START", "late": "END", "mid": "MID",
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "sometime": "APPROX",
    "some time": "APPROX", "circa": "APPROX", "c.": "APPROX",
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN",
    "a little over": "MORE_THAN", "a little more than": "MORE_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN",
    "barely": "LESS_THAN", "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "not more than": "EQUAL_OR_LESS", "nearly": "APPROX", "almost": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "close to": "APPROX", "more or less": "APPROX", "only": None, "just": None,
    "the first half of": "START", "the second half of": "END",
}
_SPACES = re.compile(r"\s+")


def _mod_key(mod: str) -> str:
    """A modifier as _MOD_OF spells it: "early", not "early\n" or " - mid-" (the pattern's
    whitespace may be a line break in a wrapped text)."""
    return " ".join(mod.split()).strip(" -").lower().rstrip("-")


_FUT_CUE = re.compile(
    r"(?i)\b(?:will|won't|'ll|shall|going\s+to|plans?\s+to|planning\s+to|planned\s+for|expected\s+to|expects\s+to|"
    r"scheduled|set\s+to|due\s+to|due|is\s+to|are\s+to|to\s+be\s+held|upcoming|coming|next|would|intends?\s+to|"
    r"aims?\s+to|hopes?\s+to|likely\s+to|slated|begins|starts|opens|expires|is\s+\w+ing|are\s+\w+ing|"
    r"postponed|delayed|adjourned|deferred|rescheduled|pushed\s+back)\b"
)
_PAST_CUE = re.compile(
    r"(?i)\b(?:said|told|was|were|had|did|ago|last|earlier|announced|reported|began|came|went|took|made|met|"
    r"saw|gave|held|won|lost|left|fell|rose|died|killed|since|wrote|got|spoke|ran|sent|found|became|brought|"
    r"(?!(?:need|speed|feed|seed|bed|red|shed|embed|breed|bleed|proceed|exceed|succeed|hundred|scheduled|"
    r"expected|planned|slated|indeed|wed|led|postponed|delayed|adjourned|deferred|rescheduled)\b)[a-z]{2,}ed)\b"
)


_FUT_AUX_BEFORE = re.compile(r"(?i)\b(?:will|'ll|shall|would|to)\s+(?:\w+\s+)?(?:be|have\s+been)\s+$")


def _window_tense(text: str, start: int, end: int) -> str | None:
    """'past' / 'future' / None from cue words near [start, end) in the same sentence."""
    lo = max(0, start - 80)
    left = text[lo:start]
    cut = max(left.rfind(". "), left.rfind("\n"), left.rfind("? "), left.rfind("! "))
    if cut >= 0:
        left = left[cut + 1:]
    right = text[end:end + 50]
    cut = min([i for i in (right.find(". "), right.find("\n"), right.find("? ")) if i >= 0], default=len(right))
    right = right[:cut]
    best, best_d, best_pos = None, 10 ** 6, None
    for rx, tense in ((_FUT_CUE, "future"), (_PAST_CUE, "past")):
        for m in rx.finditer(left):
            d = len(left) - m.end()
            if d < best_d:
                best, best_d, best_pos = tense, d, (left, m.start())
        for m in rx.finditer(right):
            d = m.start() + 6      # cues after the expression count a little less
            if d < best_d:
                best, best_d, best_pos = tense, d, (right, m.start())
    if best == "past" and best_pos is not None:
        # "will be held", "is expected to be signed": a participle after a future auxiliary
        seg, at = best_pos
        if _FUT_AUX_BEFORE.search(seg[max(0, at - 25):at]):
            return "future"
    return best


_FUT_LEMMAS = {"will", "'ll", "shall", "wo", "would", "'d"}
_FUT_GOVERNORS = {"going", "plan", "plans", "planned", "planning", "expected", "expects", "expect", "set",
                  "due", "scheduled", "slated", "intend", "intends", "aim", "aims", "hope", "hopes", "likely"}


# modals of possibility / obligation: "could join the talks on Thursday", "may meet on Friday"
# look ahead unless a perfect follows ("could have met on Monday")
_MODAL_AHEAD = {"could", "may", "might", "can", "should", "must", "ought"}
# verbs of asking and urging: what is asked for lies ahead ("urged Putin to meet him on Thursday")
_DIRECTIVE_HEADS = {"urge", "urged", "urges", "urging", "ask", "asked", "asks", "asking", "invite", "invited",
                    "invites", "press", "pressed", "presses", "call", "called", "calls", "demand", "demanded",
                    "demands", "encourage", "encouraged", "tell", "told", "order", "ordered", "challenge",
                    "challenged", "request", "requested", "implore", "implored"}


_POSTPONE = {"postponed", "delayed", "adjourned", "deferred", "rescheduled", "postpone", "delay", "pushed"}


def _doc_tense(doc, start: int, end: int) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") and tok.i not in range(span.start, span.end):
            break
        if tok.head is tok:
            break
        tok = tok.head
    else:
        return None
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    low = {a.lower_ for a in auxes}
    if low & _FUT_LEMMAS:
        return "future"
    if low & _MODAL_AHEAD and not low & {"have", "'ve"}:
        return "future"
    if tok.dep_ in ("xcomp", "ccomp") and tok.head.lower_ in _FUT_GOVERNORS:
        return "future"
    if any(a.lower_ == "to" for a in auxes) and tok.head.lower_ in _FUT_GOVERNORS:
        return "future"
    if tok.lower_ in _POSTPONE:
        return "future"
    if tok.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
        # an infinitive takes the tense of the verb it depends on ("agreed to sell
        # in October" is past); a purpose infinitive ("a program to run through June") looks ahead
        head = tok.head
        if head is not tok and head.pos_ in ("VERB", "AUX") and head.lower_ not in _FUT_GOVERNORS and \
                head.lower_ not in _DIRECTIVE_HEADS:
            if head.tag_ == "VBD":
                return "past"
            if head.tag_ == "VBN" and any(c.lower_ in ("has", "have", "had") for c in head.children):
                return "past"
        return "future"
    tags = {a.tag_ for a in auxes} | {tok.tag_}
    if "VBD" in tags:
        return "past"
    if tok.tag_ == "VBN" and low & {"has", "have", "had", "'ve", "'s"}:
        return "past"
    if tok.tag_ == "VBG" and low & {"is", "are", "'s", "'re", "am"}:
        return "future"
    if tok.tag_ == "VBN" and not auxes and tok.dep_ in ("acl", "relcl"):
        return "past"
    if tok.tag_ in ("VBZ", "VBP") or (low & {"is", "are", "am"}):
        return "future"
    return None


def _tense(text, start, end, doc) -> str | None:
    if doc is not None:
        try:
            t = _doc_tense(doc, start, end)
        except Exception:
            t = None
        if t is not None:
            return t
    return _window_tense(text, start, end)


# ---------------------------------------------------------------- date helpers

def _parse_anchor(anchor: str | None) -> date | None:
    if not anchor:
        return None
    try:
        return date(int(anchor[:4]), int(anchor[5:7]), int(anchor[8:10]))
    except (ValueError, TypeError):
        return None


def _dom(y: int, m: int, d: int) -> date:
    return date(y, m, min(d, calendar.monthrange(y, m)[1]))


def _iso(d: date) -> str:
    return d.isoformat()


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _year_for_month(a: date, month: int, day: int | None, tense: str | None) -> int:
    y = a.year
    if day is not None:
        cand = _dom(y, month, day)
        diff = (cand - a).days
        if tense == "past":
            return y - 1 if diff > 1 else y
        if tense == "future":
            return y + 1 if diff < -1 else y
        if diff > 183:
            return y - 1
        if diff < -183:
            return y + 1
        return y
    diff = month - a.month
    if tense == "past":
        return y - 1 if diff > 0 else y
    if tense == "future":
        return y + 1 if diff < 0 else y
    if diff > 6:
        return y - 1
    if diff < -6:
        return y + 1
    return y


def _weekday_date(a: date, wd: int, rel: str | None, tense: str | None) -> date:
    if rel in ("last", "past", "previous"):
        delta = (a.weekday() - wd) % 7 or 7
        return a - timedelta(days=delta)
    if rel in ("next", "coming"):
        delta = (wd - a.weekday()) % 7 or 7
        return a + timedelta(days=delta)
    if rel == "this" or tense == "future":
        return a + timedelta(days=(wd - a.weekday()) % 7)
    return a - timedelta(days=(a.weekday() - wd) % 7)


def _easter(y: int) -> date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(y, month, day)


def _holiday(name: str, y: int) -> date:
    n = name.lower()
    if n.startswith("christmas eve"):
        return date(y, 12, 24)
    if n.startswith("christmas"):
        return date(y, 12, 25)
    if n.startswith("boxing"):
        return date(y, 12, 26)
    if n.startswith("new year's eve"):
        return date(y, 12, 31)
    if n.startswith("new year"):
        return date(y, 1, 1)
    if n.startswith("easter"):
        return _easter(y)
    if n.startswith("thanksgiving"):
        first = date(y, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if n.startswith("halloween"):
        return date(y, 10, 31)
    return date(y, 2, 14)   # Valentine's Day


def _num(s: str | None) -> float | None:
    """Number from a numeral/number word; None for vague quantities ('several')."""
    if s is None:
        return None
    s = _SPACES.sub(" ", s.strip().lower())
    half = 0.0
    if s.endswith(" and a half"):
        s, half = s[:-11], 0.5
    elif s.endswith(" 1/2"):
        s, half = s[:-4], 0.5
    if s in _VAGUE_NUM:
        return None
    if s in _NUMWORDS:
        return _NUMWORDS[s] + half
    try:
        return float(s) + half
    except ValueError:
        pass
    parts = re.split(r"[-\s]", s)
    if len(parts) == 2 and parts[0] in _NUMWORDS and parts[1] in _NUMWORDS:
        return _NUMWORDS[parts[0]] + _NUMWORDS[parts[1]] + half
    return None


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _unit_key(u: str) -> str:
    u = u.lower()
    if u == "centuries":
        return "century"
    return u[:-1] if u.endswith("s") and u[:-1] in _UNITS else u


def _duration(n: float | None, unit: str) -> str:
    letter, timepart, mult = _UNITS[_unit_key(unit)]
    if letter == "WE":
        return "P" + (_fmt(n) if n is not None else "X") + "WE"
    if n is None:
        q = "X"
        if mult == 10:
            return "P" + q + "DE"
        if mult == 100:
            return "P" + q + "CE"
    else:
        n = n * mult
        if letter == "H" and n < 1:
            n, letter = n * 60, "M"
        q = _fmt(n)
    return ("PT" if timepart else "P") + q + letter


# ---------------------------------------------------------------- handlers

class _Cand:
    __slots__ = ("start", "end", "type", "value", "precision", "value_end", "anchored", "modifier",
                 "kind", "y", "m", "d", "explicit_year", "part", "tz")

    def __init__(self, start, end, type_, value, precision, anchored=False, kind="", modifier=None):
        self.start, self.end, self.type, self.value, self.precision = start, end, type_, value, precision
        self.anchored, self.kind, self.modifier = anchored, kind, modifier
        self.value_end = None
        self.y = self.m = self.d = None
        self.explicit_year = False
        self.part = None
        self.tz = None


def _mon(s: str) -> int:
    return _MONTHS[s.lower().rstrip(".")]


def _dayn(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))


_CAP_WORD_BEFORE = re.compile(r"([A-Z][a-z]+)\s+$")
_CUE_BEFORE_MONTH = re.compile(
    r"(?i:\b(?:in|by|since|until|till|from|through|to|early|late|mid|last|next|this|of|between|and|or|before|after|"
    r"during|on|for|until|that|since|throughout|around|about|as|past|coming|end|beginning|start|-))\s*$")
_NOT_YEAR_PREV = re.compile(r"(?i:\b(?:about|around|some|nearly|almost|(?<!later )(?<!earlier )than|over|under|roughly|approximately|least|"
                            r"only|just|top|all|of\s+the|page|route|number|no\.|flight|room|model|rank(?:ed)?)\s+)$")
_YEAR_NEXT_NOUN = re.compile(r"\s+(?:people|persons|men|women|children|troops|soldiers|votes|jobs|workers|"
                             r"members|units|cars|homes|houses|points|km|miles|metres|meters|feet|tons|tonnes|"
                             r"dollars|euros|pounds|rupees|yuan|shares|acres|barrels|cases|deaths|copies|"
                             r"signatures|employees|students|patients|refugees|migrants|calories|words|pages)\b", re.I)


_OVER_BEFORE = re.compile(r"(?i:\b(?:over|for|during|within|throughout)\s+)$")
_PER_CONTEXT = re.compile(
    r"(?:\d|(?<![a-z])(?:million|billion|trillion|thousand|hundred|dollars?|euros?|pounds?|cents?|times|once|twice|"
    r"percent|hours|miles|calls|meals|people|barrels|tons|tonnes|cases|visitors|passengers|units|cigarettes|"
    r"litres|liters|gallons|flights|bn|m))\s*%?\s+$")


def _resolve(m: re.Match, text: str, a: date | None, doc) -> _Cand | None:
    kind = m.lastgroup
    s, e = m.span()
    g = m.group
    tense = None

    def tns():
        nonlocal tense
        if tense is None:
            tense = _tense(text, s, e, doc) or "none"
        return None if tense == "none" else tense

    if kind == "iso":
        y, mo, d = int(g("iso_y")), int(g("iso_m")), int(g("iso_d"))
        try:
            dd = date(y, mo, d)
        except ValueError:
            return None
        if g("iso_t"):
            c = _Cand(s, e, "TIME", f"{_iso(dd)}T{g('iso_t')}", "time", kind=kind)
        else:
            c = _Cand(s, e, "DATE", _iso(dd), "day", kind=kind)
        c.y, c.m, c.d, c.explicit_year = y, mo, d, True
        return c
    if kind == "num":
        p, q, y = int(g("num_a")), int(g("num_b")), int(g("num_y"))
        mo, d = (q, p) if p > 12 else (p, q)
        try:
            dd = date(y, mo, d)
        except ValueError:
            return None
        c = _Cand(s, e, "DATE", _iso(dd), "day", kind=kind)
        c.y, c.m, c.d, c.explicit_year = y, mo, d, True
        return c
    if kind == "partof":
        c = _Cand(s, e, "TIME", None, "time", kind=kind)
        c.part = _PARTS[g("po_p").lower()]
        return c
    if kind in ("md", "dm", "mdr"):
        px = kind + "_"
        mo = _mon(g(px + "m"))
        d = _dayn(g(px + "d") if kind != "mdr" else g("mdr_d1"))
        ys = g(px + "y")
        if d > calendar.monthrange(2024, mo)[1]:
            return None
        c = _Cand(s, e, "DATE", None, "day", kind="md")
        c.m, c.d = mo, d
        if ys:
            y = int(ys)
            c.y, c.explicit_year = y, True
        elif a is not None:
            y = _year_for_month(a, mo, d, tns())
            c.y, c.anchored = y, True
        else:
            c.value, c.anchored = f"XXXX-{mo:02d}-{d:02d}", True
            if kind == "mdr":
                c.value_end = f"XXXX-{mo:02d}-{_dayn(g('mdr_d2')):02d}"
                c.precision = "range"
            return c
        c.value = _iso(_dom(y, mo, d))
        if kind == "mdr":
            d2 = _dayn(g("mdr_d2"))
            if d2 <= d:
                return None
            c.value_end, c.precision = _iso(_dom(y, mo, d2)), "range"
        return c
    if kind == "my":
        mo, y = _mon(g("my_m")), int(g("my_y"))
        c = _Cand(s, e, "DATE", f"{y}-{mo:02d}", "month", kind="month")
        c.y, c.m, c.explicit_year = y, mo, True
        return c
    if kind == "month":
        name = g("mo_m")
        before = text[max(0, s - 25):s]
        cue = _CUE_BEFORE_MONTH.search(before)
        after = text[e:e + 20]
        if name in ("May", "MAY") or name.isupper():
            if not cue:
                return None
        if not cue:
            # "April Ryan", "Theresa May", "the March on Washington": a name, not a date
            if re.match(r"\s+(?!And\b|Of\b)[A-Z]", after) or _CAP_WORD_BEFORE.search(before) and not re.search(r"[.!?\n]\s*[A-Z][a-z]+\s+$", before):
                return None
        c = _Cand(s, e, "DATE", None, "month", kind="month")
        mo = _mon(name)
        c.m = mo
        if a is None:
            c.value, c.anchored = f"XXXX-{mo:02d}", True
            return c
        y = _year_for_month(a, mo, None, tns())
        c.y, c.anchored = y, True
        c.value = f"{y}-{mo:02d}"
        return c
    if kind == "year":
        y = int(g("yr_y"))
        before = text[max(0, s - 30):s]
        if _NOT_YEAR_PREV.search(before):
            return None
        if _YEAR_NEXT_NOUN.match(text, e):
            return None
        if a is not None and y > a.year + 30:
            return None
        c = _Cand(s, e, "DATE", str(y), "year", kind="year")
        c.y, c.explicit_year = y, True
        return c
    if kind == "yr2":
        return None   # only used through range merging ("2009-10")
    if kind in ("cen", "cenw"):
        if kind == "cen":
            n = int(g("cen_n"))
        else:
            w = g("cenw_n").lower()
            n = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20}.get(w, 21)
        if not 1 <= n <= 22:
            return None
        mod = g(kind + "_mod")
        c = _Cand(s, e, "DATE", f"{n - 1:02d}", "century", kind=kind)
        if mod:
            c.modifier = _MOD_OF[_mod_key(mod)]
        return c
    if kind in ("dec", "decw"):
        if kind == "dec":
            if g("dec_y"):
                v = g("dec_y")
                if v.endswith("0") and v[:2] != "20":   # "the 1800s": a century
                    c = _Cand(s, e, "DATE", v[:2], "century", kind=kind)
                    mod = g("dec_mod")
                    if mod:
                        c.modifier = _MOD_OF[_mod_key(mod)]
                    return c
            else:
                dig = g("dec_s")
                if a is None:
                    v = ("19" if dig != "0" and dig != "1" else "20") + dig
                else:
                    v = (str(a.year)[:2] if int(dig) <= int(str(a.year)[2]) else str(a.year // 100 - 1)) + dig
        else:
            w = g("decw_w").lower()
            dig = {"twenties": "2", "thirties": "3", "forties": "4", "fifties": "5", "sixties": "6",
                   "seventies": "7", "eighties": "8", "nineties": "9"}[w]
            v = "19" + dig
        mod = g(kind + "_mod")
        c = _Cand(s, e, "DATE", v, "decade", kind=kind)
        if mod:
            c.modifier = _MOD_OF[_mod_key(mod)]
        return c
    if kind == "qtr":
        n = _ORD[g("q_ord").lower()]
        half = g("q_kind").lower() == "half"
        if half and n > 2:
            return None
        code = ("H" if half else "Q") + str(n)
        c = _Cand(s, e, "DATE", None, "half" if half else "quarter", kind=kind)
        if g("q_y"):
            c.value, c.explicit_year = f"{g('q_y')}-{code}", True
            return c
        if a is None:
            c.value, c.anchored = f"XXXX-{code}", True
            return c
        rel = (g("q_rel") or "").lower()
        y = a.year + (-1 if rel == "last" else 1 if rel == "next" else 0)
        if not rel:
            # "the fourth quarter" in March: the last one that ended unless future
            per = 6 if half else 3
            begin = (n - 1) * per + 1
            t = tns()
            if begin > a.month and t != "future":
                y -= 1
        c.value, c.anchored = f"{y}-{code}", True
        return c
    if kind == "qcode":
        code = g("qc_n")
        ys = g("qc_y")
        c = _Cand(s, e, "DATE", None, "half" if code[0] == "H" else "quarter", kind=kind)
        if ys:
            y = int(ys) if len(ys) == 4 else 2000 + int(ys)
            c.value = f"{y}-{code}"
        elif a is not None:
            c.value, c.anchored = f"{a.year}-{code}", True
        else:
            c.value, c.anchored = f"XXXX-{code}", True
        return c
    if kind == "fy":
        c = _Cand(s, e, "DATE", g("fy_y"), "year", kind=kind)
        return c
    if kind == "ago":
        n = _num(g("ago_n"))
        u = _unit_key(g("ago_u"))
        c = _Cand(s, e, "DATE", None, "ref", anchored=True, kind=kind)
        if n is None or n != int(n) or u in ("hour", "minute", "second"):
            # "3 hours ago": before the publication time, which a date anchor does not give
            c.value = "PAST_REF"
            return c
        return _shift(c, a, u, -int(n))
    if kind == "vago":
        return _Cand(s, e, "DATE", "PAST_REF", "ref", anchored=True, kind=kind)
    if kind == "off":
        n = _num(g("off_n"))
        u = _unit_key(g("off_u"))
        dirw = _SPACES.sub(" ", g("off_dir").lower())
        if dirw == "on":
            if u not in ("day", "week", "month", "year"):
                return None
            dirw = "later"
        if dirw in ("earlier", "later") and re.match(r"\s+than\b", text[e:e + 6]):
            return _Cand(s, m.start("off_dir") - 1, "DURATION", _duration(n, u), "duration", kind="dur")
        sign = 1 if dirw in ("later", "after", "from now", "hence") else -1
        c = _Cand(s, e, "DATE", None, "offset", anchored=True, kind=kind)
        c.d = (sign, n, u, dirw)
        if dirw == "from now" and a is not None and n is not None and n == int(n):
            return _shift(c, a, u, int(n))
        return c
    if kind == "offthe":
        u = g("ot_u").lower()
        dirw = g("ot_dir").lower()
        c = _Cand(s, e, "DATE", None, "offset", anchored=True, kind="off")
        c.d = (1 if dirw == "after" else -1, 1, "day" if u in ("night", "morning", "evening") else u, dirw)
        return c
    if kind == "prevnext":
        u = g("pn_u").lower()
        c = _Cand(s, e, "TIME" if u in _PARTS else "DATE", None, "offset", anchored=True, kind=kind)
        d = g("pn_dir").lower()
        c.d = (0 if d == "same" else -1 if d in ("previous", "preceding", "prior") else 1, 1, u, d)
        return c
    if kind == "dur":
        pre = (g("dur_pre") or "").lower()
        nr = g("dur_n")
        u = g("dur_u")
        parts = re.split(r"\s*(?:-|–|\bto\b|\bor\b|\band\b(?!\s+a\s+half))\s*", nr, maxsplit=1) if re.search(r"\d\s*[-–]\s*\d|\s(?:to|or|and)\s", nr) else [nr]
        n = _num(parts[0])
        uk = _unit_key(u)
        if uk in ("weekend", "night") and n is None:
            return None
        nlow = nr.strip().lower()
        if nlow in ("a", "an", "one") and "past" not in pre and "last" not in pre and "next" not in pre:
            # "a day", "one week": keep; "one day" alone ("one day he...") is vague
            after = text[e:e + 12].lower()
            if nlow == "one" and uk == "day" and not re.match(r"\s*(?:later|earlier|before|after|of)", after):
                if not re.search(r"(?i)(?:for|in|within|over|than|about|just|only|first|last|past)\s+$", text[max(0, s - 12):s]):
                    return None
        if uk == "quarter" and n is None and not pre:
            return None
        if nlow in ("a", "an") and not pre and _PER_CONTEXT.search(text[max(0, s - 25):s]):
            return _Cand(s, e, "SET", _duration(1, u), "set", kind="per")
        c = _Cand(s, e, "DURATION", _duration(n, u), "duration", kind=kind)
        if len(parts) == 2:
            n2 = _num(parts[1])
            c.value_end = _duration(n2, u)
        if pre.strip().startswith(("the ", "its ", "their ", "his ", "her ")) or pre:
            c.anchored = "past" in pre or "last" in pre or "recent" in pre or "next" in pre or "coming" in pre
        return c
    if kind == "durd":
        n = _num(g("durd_n"))
        if n is None:
            return None
        return _Cand(s, e, "DURATION", _duration(n, g("durd_u")), "duration", kind=kind)
    if kind == "vdur":
        return _Cand(s, e, "DURATION", _duration(None, g("vdur_u")), "duration", kind=kind)
    if kind == "vdur2":
        return _Cand(s, e, "DURATION", _duration(None, g("vdur2_u") or g("vdur3_u")), "duration", kind=kind)
    if kind == "recent":
        u = g("recent_x").split()[-1].lower()
        if u == "times":
            return _Cand(s, e, "DATE", "PAST_REF", "ref", anchored=True, kind=kind)
        return _Cand(s, e, "DURATION", _duration(None, u), "duration", anchored=True, kind=kind)
    if kind == "rel":
        det = _SPACES.sub(" ", g("rel_det").lower())
        if det.startswith("the "):
            det = det[4:]
        u = g("rel_u")
        ul = u.lower()
        el = (g("rel_el") or "").lower()
        c = _Cand(s, e, "DATE", None, None, anchored=True, kind=kind)
        if ul in _WEEKDAYS:
            c.precision = "day"
            if a is not None:
                dd = _weekday_date(a, _WEEKDAYS[ul], det, tns())
                c.value = _iso(dd)
            else:
                c.value = f"XXXX-WXX-{_WEEKDAYS[ul] + 1}"
            return c
        if ul in _MONTHS:
            c.precision = "month"
            mo = _MONTHS[ul]
            if a is not None:
                if det in ("last", "past", "previous"):
                    y = a.year - 1 if mo >= a.month else a.year
                elif det in ("next", "coming"):
                    y = a.year + 1 if mo <= a.month else a.year
                else:
                    y = _year_for_month(a, mo, None, tns())
                c.value = f"{y}-{mo:02d}"
            return c
        the = g("rel_det").lower().startswith("the ")
        if the and ul in ("week", "month", "year", "decade", "century", "fortnight", "quarter", "weekend") and (
                det == "past" or (det in ("next", "coming", "following", "last") and
                                  _OVER_BEFORE.search(text[max(0, s - 12):s]))):
            # "the past year": the stretch of time up to now
            c.type, c.precision, c.anchored = "DURATION", "duration", True
            c.value = _duration(1, ul)
            return c
        if det == "following":
            c.precision = "offset"
            c.d = (1, 1, ul, "following")
            return c
        if det in ("past", "last") and ul == "fortnight":
            c.type, c.precision, c.value = "DURATION", "duration", "P2W"
            return c
        if ul in _PARTS:
            c.type, c.precision = "TIME", "time"
            if det in ("next",):
                return c if a is None else _set(c, f"{_iso(a + timedelta(days=1))}T{_PARTS[ul]}")
            if det in ("last", "past", "previous"):
                if ul == "night":
                    return c if a is None else _set(c, f"{_iso(a - timedelta(days=1))}T{_PARTS[ul]}")
                return None
            return c if a is None else _set(c, f"{_iso(a)}T{_PARTS[ul]}")
        if ul in _SEASONS or ul in ("season", "term"):
            if ul in ("season", "term"):
                c.precision = "season"
                return c if a is None or det not in ("this", "current") else c
            code = _SEASONS[ul]
            c.precision = "season"
            if a is None:
                return c
            y = a.year
            start_m = _SEASON_START[code]
            if det in ("last", "past", "previous"):
                y = y if a.month >= start_m + 3 else y - 1
            elif det in ("next", "coming"):
                y = y if a.month < start_m else y + 1
            c.value = f"{y}-{code}"
            return c
        step = -1 if det in ("last", "past", "previous") else 1 if det in ("next", "coming") else 0
        if el and step == 0:
            c.modifier = None
        return _shift(c, a, ul, step, unit_value=True)
    if kind == "edge":
        x = g("edge_x").lower()
        u = g("edge_u").lower()
        word = re.search(r"(end|start|beginning|middle|rest|remainder|close|turn)", x).group(1)
        mod = {"end": "END", "close": "END", "start": "START", "beginning": "START", "turn": "START",
               "middle": "MID", "rest": "END", "remainder": "END"}[word]
        step = -1 if " last " in f" {x} " else 1 if " next " in f" {x} " else 0
        c = _Cand(s, e, "DATE", None, None, anchored=True, kind=kind, modifier=mod)
        if u in _SEASONS:
            c.precision = "season"
            if a is not None:
                c.value = f"{a.year + step}-{_SEASONS[u]}"
            return c
        if u == "day":
            c.precision = "day"
            if a is not None:
                c.value = _iso(a)
            return c
        if a is not None and step == 0 and u in ("year", "month", "week", "quarter"):
            # "by the end of the year" in past tense in March is last year's end
            t = tns()
            if u == "year":
                pos = a.month / 12.0
            elif u == "month":
                pos = a.day / 31.0
            elif u == "week":
                pos = a.isoweekday() / 7.0
            else:
                pos = ((a.month - 1) % 3 + a.day / 31.0) / 3.0
            if t == "past" and mod == "END" and pos < 0.75:
                step = -1
            elif t == "future" and mod == "START" and pos > 0.25:
                step = 1
        return _shift(c, a, u, step, unit_value=True)
    if kind == "yend":
        x = g("yend_x").lower()
        c = _Cand(s, e, "DATE", None, "year", anchored=True, kind=kind,
                  modifier="MID" if "mid" in x else "END")
        if x.startswith("month"):
            c.precision = "month"
            if a is not None:
                c.value = f"{a.year}-{a.month:02d}"
            return c
        if a is not None:
            y = a.year
            if c.modifier == "END" and a.month < 9 and tns() == "past":
                y -= 1
            c.value = str(y)
        return c
    if kind == "sea":
        code = _SEASONS[g("sea_s").lower()]
        pre = g("sea_pre")
        ys = g("sea_y")
        before = text[max(0, s - 20):s].lower()
        if not ys and not pre and not re.search(r"(?:\bthe|\bin|\bthis|\bby|\bsince|\buntil|\bduring|\bof)\s+$", before):
            return None
        c = _Cand(s, e, "DATE", None, "season", kind=kind)
        if pre:
            c.modifier = _MOD_OF[_mod_key(pre)]
        if ys:
            c.value, c.explicit_year = f"{ys}-{code}", True
            return c
        c.anchored = True
        if a is None:
            c.value = f"XXXX-{code}"
            return c
        y = a.year
        start_m = _SEASON_START[code]
        t = tns()
        if t == "past" and start_m > a.month:
            y -= 1
        elif t == "future" and start_m + 2 < a.month:
            y += 1
        c.value = f"{y}-{code}"
        return c
    if kind == "day":
        w = _SPACES.sub(" ", g("day_w").lower())
        if w == "today" and re.search(r"(?:USA|Britain|Russia|India|Business|Psychology)\s+$", text[max(0, s - 15):s]) or \
                (w == "today" and text[s] == "T" and re.match(r"\s+[A-Z]", text[e:e + 2]) and s > 0 and text[s - 1] != "\n" and not re.search(r"[.!?]\s*$", text[max(0, s - 3):s])):
            return None
        offs = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                "the day before yesterday": -2, "the day after tomorrow": 2}[w]
        part = g("day_p")
        el = g("day_el")
        c = _Cand(s, e, "DATE", None, "day", anchored=True, kind=kind)
        if el and el.lower() in ("late", "early"):
            c.modifier = "END" if el.lower() == "late" else "START"
        suffix = ""
        if w == "tonight":
            suffix = "TNI"
        if part:
            suffix = "T" + _PARTS[part.lower()]
        if suffix:
            c.type, c.precision = "TIME", "time"
        if a is not None:
            c.value = _iso(a + timedelta(days=offs)) + suffix
        return c
    if kind == "wd":
        w = g("wd_w").lower()
        wd = _WEEKDAYS[w]
        if g("wd_pl"):
            if g("wd_rel"):
                return None
            return _Cand(s, e, "SET", f"XXXX-WXX-{wd + 1}", "set", kind=kind)
        rel = (g("wd_rel") or "").lower() or None
        part = g("wd_p")
        c = _Cand(s, e, "DATE", None, "day", anchored=True, kind=kind)
        suffix = ""
        if part:
            suffix = "T" + _PARTS[part.lower()]
            c.type, c.precision = "TIME", "time"
        if a is None:
            c.value = f"XXXX-WXX-{wd + 1}" + suffix
            return c
        c.value = _iso(_weekday_date(a, wd, rel, tns() if rel is None else None)) + suffix
        c.d = wd
        return c
    if kind == "hol":
        name = _SPACES.sub(" ", g("hol_n"))
        ys = g("hol_y")
        c = _Cand(s, e, "DATE", None, "day", kind=kind)
        if ys:
            c.value = _iso(_holiday(name, int(ys)))
            return c
        c.anchored = True
        if a is None:
            return c
        t = tns()
        y = a.year
        dd = _holiday(name, y)
        if t == "past" and dd > a:
            y -= 1
        elif t == "future" and dd < a:
            y += 1
        elif t is None and (dd - a).days > 183:
            y -= 1
        c.value = _iso(_holiday(name, y))
        return c
    if kind in ("clock", "clk24", "clkat"):
        if kind == "clock":
            h, mi, ap = int(g("clk_h")), int(g("clk_m") or 0), g("clk_ap").lower()
            if h > 12 or h == 0:
                return None
            if ap.startswith("p") and h != 12:
                h += 12
            elif ap.startswith("a") and h == 12:
                h = 0
        elif kind == "clk24":
            h, mi = int(g("c24_h")), int(g("c24_m"))
        else:
            h, mi = int(g("cat_h")), int(g("cat_m"))
        c = _Cand(s, e, "TIME", None, "time", anchored=True, kind="clock")
        c.part = f"T{h:02d}:{mi:02d}"
        c.value = (_iso(a) if a is not None else "XXXX-XX-XX") + c.part
        return c
    if kind == "noon":
        w = g("noon_w").lower()
        c = _Cand(s, e, "TIME", None, "time", anchored=True, kind="clock")
        c.part = "T24:00" if w == "midnight" else "T12:00"
        c.value = (_iso(a) if a is not None else "XXXX-XX-XX") + c.part
        return c
    if kind == "set":
        u = g("set_u").lower()
        n = _num(g("set_n")) if g("set_n") else 1
        if "other" in g("set_x").lower():
            n = 2
        c = _Cand(s, e, "SET", None, "set", kind=kind)
        if u in _WEEKDAYS or u.rstrip("s") in _WEEKDAYS:
            c.value = f"XXXX-WXX-{_WEEKDAYS[u.rstrip('s') if u.rstrip('s') in _WEEKDAYS else u] + 1}"
        elif u.rstrip("s") in _PARTS:
            c.value = f"XXXX-XX-XXT{_PARTS[u.rstrip('s')]}"
        elif u.rstrip("s") in _SEASONS:
            c.value = f"XXXX-{_SEASONS[u.rstrip('s')]}"
        elif u.rstrip("s") == "season":
            c.value = "P1Y"
        else:
            c.value = _duration(n, u)
        return c
    if kind == "freq":
        return _Cand(s, e, "SET", _duration(1, g("freq_u")), "set", kind=kind)
    if kind == "per":
        x = g("per_x").lower()
        if x.startswith("a") and not _PER_CONTEXT.search(text[max(0, s - 25):s]):
            return None
        return _Cand(s, e, "SET", _duration(1, g("per_u")), "set", kind=kind)
    if kind == "adv":
        w = g("adv_w").lower()
        if text[s].isupper() and re.match(r"\s+[A-Z]", text[e:e + 2]):
            return None     # "Daily Mail", "Weekly Standard"
        v = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
             "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D", "fortnightly": "P2W", "biweekly": "P2W",
             "bimonthly": "P2M", "biannually": "P6M", "semiannually": "P6M", "year-round": "P1Y",
             "round-the-clock": "P1D"}[w]
        return _Cand(s, e, "SET", v, "set", kind=kind)
    if kind == "ref":
        w = _SPACES.sub(" ", g("ref_w").lower())
        if w in ("once again",):
            return None
        if w in ("former", "formerly"):
            return None
        if w in ("now", "right now") and re.match(r"\s*(?:that|than)\b", text[e:e + 6]):
            return None
        v = {"right now": "PRESENT_REF", "now": "PRESENT_REF", "currently": "PRESENT_REF",
             "at present": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
             "these days": "PRESENT_REF", "at the moment": "PRESENT_REF", "recently": "PAST_REF",
             "lately": "PAST_REF", "in recent times": "PAST_REF", "in the past": "PAST_REF",
             "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "so far": "PRESENT_REF",
             "to date": "PRESENT_REF", "of late": "PAST_REF", "past": "PAST_REF"}.get(w)
        if v is None:
            return None
        if w in ("so far", "to date"):
            return None   # aspectual, not a time point
        st = s
        if w == "in the past":
            st = s + 3      # extent "the past"
        return _Cand(st, e, "DATE", v, "ref", anchored=True, kind=kind)
    return None


def _set(c: _Cand, value: str) -> _Cand:
    c.value = value
    return c


def _shift(c: _Cand, a: date | None, unit: str, k: int, unit_value: bool = False) -> _Cand:
    """Value of the period `unit` containing anchor shifted by k units."""
    unit = _unit_key(unit)
    prec = {"day": "day", "night": "day", "week": "week", "weekend": "week", "fortnight": "week",
            "month": "month", "year": "year", "decade": "decade", "century": "century",
            "quarter": "quarter", "hour": "time", "minute": "time", "second": "time"}.get(unit)
    if prec is None:
        return c
    c.precision = c.precision if c.precision == "offset" else prec
    if a is None:
        return c
    if unit in ("day", "night"):
        c.value = _iso(a + timedelta(days=k))
    elif unit in ("week", "weekend", "fortnight"):
        d = a + timedelta(weeks=k * (2 if unit == "fortnight" else 1))
        c.value = _week(d) + ("-WE" if unit == "weekend" else "")
    elif unit == "month":
        y, m = _add_months(a.year, a.month, k)
        c.value = f"{y}-{m:02d}"
    elif unit == "quarter":
        q = (a.month - 1) // 3 + k
        y = a.year + q // 4
        c.value = f"{y}-Q{q % 4 + 1}"
    elif unit == "year":
        c.value = str(a.year + k)
    elif unit == "decade":
        c.value = str(a.year // 10 + k)
    elif unit == "century":
        c.value = f"{a.year // 100 + k:02d}"
    elif unit in ("hour", "minute", "second"):
        c.type, c.value, c.precision = "TIME", "PRESENT_REF" if k == 0 else None, "time"
    return c


# ---------------------------------------------------------------- post-processing

_RANGE_SEP = re.compile(r"^\s*(?P<sep>-|–|—|to|and|through|thru|until|till|or)\s*$", re.I)
_RANGE_OPEN = re.compile(r"(?i:\b(?P<w>between|from)\s+)$")
_WD_DATE_SEP = re.compile(r"^\s*,?\s*(?:the\s+)?$", re.I)
_TIME_DATE_SEP = re.compile(r"^\s*(?:,|on|at|,\s*at|,\s*on)?\s*$", re.I)
_PART_OF = re.compile(r"(?i:(?:the\s+)?(?P<p>morning|afternoon|evening|night)\s+of\s+)\Z")


def _day_of(c: _Cand) -> str | None:
    """The YYYY-MM-DD date a candidate names, if it names a single day."""
    v = c.value
    if v and len(v) >= 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit():
        return v[:10]
    return None


def _postprocess(cands: list[_Cand], text: str, a: date | None, doc) -> list[_Cand]:
    out: list[_Cand] = []
    i = 0
    n = len(cands)
    while i < n:
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < n else None
        # "Thursday, March 13, 2025": one date
        if c.kind == "wd" and nxt is not None and nxt.kind in ("md", "iso") and nxt.precision == "day" and \
                _WD_DATE_SEP.match(text[c.end:nxt.start]):
            nxt.start = c.start
            i += 1
            continue
        # "the evening of March 13": a time of day on that date
        if c.kind == "partof":
            if nxt is not None and nxt.start - c.end <= 2 and _day_of(nxt):
                nxt.start = c.start
                nxt.type, nxt.precision = "TIME", "time"
                nxt.value = _day_of(nxt) + "T" + c.part
            elif nxt is not None and nxt.start - c.end <= 2 and nxt.value is None:
                nxt.start = c.start
                nxt.type, nxt.precision = "TIME", "time"
            i += 1
            continue
        # ranges and alternatives: "between February and March 2022", "2009-2010", "in April or May"
        if nxt is not None and c.type == "DATE" and nxt.type == "DATE" and c.value and nxt.value and \
                c.precision not in ("ref", "offset", "range") and nxt.precision not in ("ref", "offset", "range"):
            msep = _RANGE_SEP.match(text[c.end:nxt.start])
            if msep:
                sep = msep.group("sep").lower()
                mo = _RANGE_OPEN.search(text[max(0, c.start - 12):c.start])
                ok = sep in ("-", "–", "—", "or", "through", "thru") or (mo is not None and sep in ("and", "to", "until", "till"))
                if sep in ("-", "–", "—") and (text[c.end:nxt.start].strip() != text[c.end:nxt.start] or c.kind == "year"):
                    ok = ok and c.kind == nxt.kind and c.kind != "year"
                if ok and c.precision == nxt.precision or (ok and c.kind == "month" and nxt.kind == "month"):
                    if c.kind == "month" and not c.explicit_year and nxt.y is not None and nxt.m is not None:
                        y = nxt.y if c.m <= nxt.m else nxt.y - 1
                        c.value = f"{y}-{c.m:02d}"
                    elif c.kind == "md" and not c.explicit_year and nxt.y is not None and nxt.explicit_year:
                        c.value = _iso(_dom(nxt.y, c.m, c.d))
                    c.value_end = nxt.value
                    c.end = nxt.end
                    if mo is not None and sep != "or":
                        c.start -= len(mo.group(0))
                    c.precision = "range"
                    c.anchored = c.anchored and nxt.anchored
                    out.append(c)
                    i += 2
                    continue
        out.append(c)
        i += 1

    # "2009-10": the two-digit second year is a year of its own (TimeML keeps both ends)
    extra = []
    for c in out:
        if c.kind == "year" and c.value and text[c.end:c.end + 1] in ("-", "–"):
            m2 = re.match(r"[-–](\d\d)(?![\w%/-])", text[c.end:c.end + 4])
            if m2:
                y2 = int(c.value[:2] + m2.group(1))
                if int(c.value) < y2 <= int(c.value) + 10:
                    e2 = _Cand(c.end + 1, c.end + 3, "DATE", str(y2), "year", kind="year")
                    e2.y, e2.explicit_year = y2, True
                    extra.append(e2)
    if extra:
        out = sorted(out + extra, key=lambda x: x.start)

    # modifiers before the expression: "early March", "no later than June", "more than six hours"
    for c in out:
        before = text[max(0, c.start - 30):c.start]
        if c.type == "DURATION":
            m = _PREMOD_DUR.search(before)
            if m and not (m.group("pm").lower() in ("over", "under") and c.value and c.anchored):
                key = _SPACES.sub(" ", m.group("pm").lower())
                if key in ("over",) and re.match(r"\s*the\b", text[c.start - 0:c.start + 4]):
                    continue
                mod = _MOD_OF.get(key)
                if key in ("only", "just"):
                    continue
                c.start -= len(m.group(0))
                c.modifier = mod
        elif c.type in ("DATE", "TIME") and c.precision not in ("ref", "offset") and c.modifier is None:
            m = _PREMOD_DATE.search(before)
            if m:
                raw = _SPACES.sub(" ", m.group("pm").lower()).strip()
                key = raw
                for k in ("end", "close", "start", "beginning", "turn", "middle"):
                    if raw.startswith(("the " + k, "the very " + k)):
                        key = k
                key = key.replace("very ", "").replace(" in", "")
                mod = _MOD_OF.get(key)
                if key.startswith("sometime") or key.startswith("some time"):
                    mod = "APPROX"
                if mod is None:
                    continue
                if mod in ("START", "MID", "END") and c.precision in ("time",):
                    continue
                if key in ("about", "around", "approximately") and c.kind != "clock":
                    continue
                c.start -= len(m.group(0))
                c.modifier = mod
                # "late last year" in past tense
        if c.type in ("DATE", "TIME") and c.kind == "md":
            m = _PART_OF.search(before)
            if m and _day_of(c):
                c.start -= len(m.group(0))
                c.type, c.precision = "TIME", "time"
                c.value = _day_of(c) + "T" + _PARTS[m.group("p").lower()]

    # clock times take the date named next to them ("on March 13 at 3 p.m.", "at 3 p.m. on Friday")
    for j, c in enumerate(out):
        if c.kind != "clock":
            continue
        day = None
        if j > 0 and _day_of(out[j - 1]) and _TIME_DATE_SEP.match(text[out[j - 1].end:c.start]):
            day = _day_of(out[j - 1])
        elif j + 1 < len(out) and _day_of(out[j + 1]) and _TIME_DATE_SEP.match(text[c.end:out[j + 1].start]):
            day = _day_of(out[j + 1])
        if day and j + 1 < len(out) and _day_of(out[j + 1]) == day and re.fullmatch(r"\s*,?\s*", text[c.end:out[j + 1].start]) \
                and out[j + 1].kind in ("wd", "day", "md"):
            c.end = out[j + 1].end
            out[j + 1].kind = "merged"
        if day:
            c.value = day + c.part
            c.anchored = out[j - 1].anchored if j > 0 and _day_of(out[j - 1]) == day else True
        elif a is None:
            c.value = "XXXX-XX-XX" + c.part

    # offsets "two days later" / "the next day": relative to the last day named before
    # (narrative time); "23 days after the inauguration" waits for resolve_offset.
    last_day: date | None = None
    for c in out:
        if c.precision == "offset":
            sign, n, u, dirw = c.d
            ref = None
            if dirw in ("before", "after", "prior to"):
                after = text[c.end:c.end + 40]
                nxt_day = next((x for x in out if x.start > c.end and x.start - c.end <= 3 and _day_of(x)), None)
                if nxt_day is not None:
                    ref = date.fromisoformat(_day_of(nxt_day))
                    c.end = nxt_day.end
                    nxt_day.kind = "merged"
                else:
                    mref = _REF_PHRASE.match(after)
                    if mref:
                        c.end += len(mref.group(0).rstrip())
                    c.value = None
                    continue
            else:
                ref = last_day
            if ref is not None and n is not None and n == int(n):
                unit = u if u in ("day", "week", "month", "year") else None
                if unit is not None:
                    k = sign * int(n)
                    if unit == "day":
                        c.value, c.precision = _iso(ref + timedelta(days=k)), "day"
                    elif unit == "week":
                        c.value, c.precision = _week(ref + timedelta(weeks=k)), "week"
                    elif unit == "month":
                        y, mm = _add_months(ref.year, ref.month, k)
                        c.value, c.precision = f"{y}-{mm:02d}", "month"
                    else:
                        c.value, c.precision = str(ref.year + k), "year"
                elif u in _PARTS and sign == 0:
                    c.value, c.precision = _iso(ref) + "T" + _PARTS[u], "time"
        else:
            dd = _day_of(c)
            if dd and c.precision in ("day", "time") and c.kind not in ("clock",):
                try:
                    last_day = date.fromisoformat(dd)
                except ValueError:
                    pass
    return out


_REF_PHRASE = re.compile(r"\s*(?:the\s+|a\s+|an\s+|his\s+|her\s+|its\s+|their\s+)?(?:[\w'-]+\s+){0,5}?[\w'-]+(?=\s*(?:[,.;:!?)]|$|\s+(?:and|but|when|as|in|on|at|was|were|is|had|has|with|for|to|of|that|which|who)\b))",
                         re.I)


# ---------------------------------------------------------------- public API

def find_timexes(text: str, anchor: str | None, doc=None) -> list[Timex]:
    """Time expressions in `text`, resolved against `anchor` ('YYYY-MM-DD' publication
    date, or None). `doc`: optional spaCy Doc of the same text, used for tense."""
    if not text:
        return []
    a = _parse_anchor(anchor)
    cands: list[_Cand] = []
    last_end = 0
    full_match, mw_match, digit_match = _MASTER.match, _MASTER_MW.match, _MASTER_DIGIT.match
    low_text = text.lower()
    scan = _TRIGGER.finditer(low_text) if len(low_text) == len(text) else _TRIGGER_I.finditer(text)
    for w in scan:
        p = w.start()
        if p < last_end:
            continue
        word = text[p:w.end()]
        if word[0].isdigit():
            if not _DIGIT_OK.match(text, p) and text[p - 1:p] not in ("Q", "H", "-", "–"):
                continue
            match, back = digit_match, 3
        else:
            low = word.lower()
            if low in _MONTH_WD:
                if not word[0].isupper():
                    continue
                match, back = mw_match, 1
            else:
                match, back = full_match, 5
        q = w.end()
        starts = [x.start() for x in _WSTART.finditer(text, max(last_end, p - _BACK), p + 1)][-back - 1:]
        for st in starts:
            m = match(text, st)
            if m is None or m.end() < q:
                continue
            c = _resolve(m, text, a, doc)
            if c is not None:
                cands.append(c)
                last_end = m.end()
                break
    if not cands:
        return []
    cands = _postprocess(cands, text, a, doc)
    out = []
    for c in cands:
        if c.kind in ("partof", "merged"):
            continue
        value = c.value
        if a is None and c.anchored and value is not None and not value.startswith("XXXX") \
                and value not in ("PRESENT_REF", "PAST_REF", "FUTURE_REF") and c.type != "DURATION":
            value = None
        if c.precision == "offset":
            value = c.value
        out.append(Timex(c.start, c.end, text[c.start:c.end], c.type, value, c.precision, c.value_end,
                         bool(c.anchored), c.modifier))
    return out


_OFFSET = re.compile(rf"(?i)^\s*(?P<n>{_NUM}|the)\s+(?P<u>{_UNIT})\s+(?P<dir>earlier|later|before|after|prior\s+to|from)\s*(?P<ref>.*?)\s*$")


def resolve_offset(timex_text: str) -> tuple[int, str] | None:
    """('23 days after the inauguration') -> (23, 'the inauguration'); negative days for
    'before'/'earlier'. Weeks count 7 days, months 30, years 365 (approximate: use
    apply_offset for calendar arithmetic). None if the text is not an offset."""
    m = _OFFSET.match(timex_text)
    if not m:
        return None
    n = _num(m.group("n"))
    if n is None:
        return None
    u = _unit_key(m.group("u"))
    per = {"day": 1, "night": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365, "decade": 3652}.get(u)
    if per is None:
        return None
    sign = -1 if m.group("dir").lower() in ("earlier", "before", "prior to") else 1
    return int(round(sign * n * per)), m.group("ref")


def apply_offset(timex: Timex, event_date: str) -> str | None:
    """Resolve an offset timex against the date of its reference event ('YYYY-MM-DD')."""
    m = _OFFSET.match(timex.text)
    ev = _parse_anchor(event_date)
    if not m or ev is None:
        return None
    n = _num(m.group("n"))
    if n is None or n != int(n):
        return None
    k = int(n) * (-1 if m.group("dir").lower() in ("earlier", "before", "prior to") else 1)
    u = _unit_key(m.group("u"))
    if u in ("day", "night"):
        return _iso(ev + timedelta(days=k))
    if u in ("week", "fortnight"):
        return _iso(ev + timedelta(weeks=k * (2 if u == "fortnight" else 1)))
    if u == "month":
        y, mm = _add_months(ev.year, ev.month, k)
        return _iso(_dom(y, mm, ev.day))
    if u == "year":
        return _iso(_dom(ev.year + k, ev.month, ev.day))
    return None


def infer_publication_date(text: str) -> tuple[str | None, float, str]:
    """For an undated article: (date, confidence, evidence).

    The latest fully dated reference (day, month and year written out, not in a
    future-tense context) is the floor; weekday mentions in the past tense ("said
    on Thursday") that fall after it within a week move the estimate to that
    weekday, since the article reports that day's events."""
    found = find_timexes(text, None)
    full: list[tuple[date, Timex]] = []
    for t in found:
        if t.type in ("DATE", "TIME") and t.value and not t.anchored and re.match(r"\d{4}-\d\d-\d\d", t.value):
            if _window_tense(text, t.start, t.end) == "future":
                continue
            full.append((date.fromisoformat(t.value[:10]), t))
    if not full:
        return None, 0.0, "no fully dated reference in the text"
    best, bt = max(full, key=lambda x: (x[0], -x[1].start))
    same = sum(1 for d, _ in full if d == best)
    conf = 0.5 + min(0.2, 0.1 * (same - 1))
    evidence = f"latest full date {best.isoformat()} ({bt.text!r} at {bt.start})"
    # weekday cues
    wds = [t for t in found if t.precision == "day" and t.value and t.value.startswith("XXXX-WXX-")
           and len(t.value) == 10 and "next" not in t.text.lower() and "last" not in t.text.lower()]
    if wds:
        counts: dict[int, int] = {}
        for t in wds:
            if _window_tense(text, t.start, t.end) == "future":
                continue
            k = int(t.value[-1]) - 1
            counts[k] = counts.get(k, 0) + 1
        if counts:
            wd = max(sorted(counts), key=lambda k: counts[k])
            delta = (wd - best.weekday()) % 7
            name = calendar.day_name[wd]
            if delta == 0:
                conf += 0.2
                evidence += f"; it is a {name}, the weekday the text uses ({counts[wd]}x)"
            else:
                best = best + timedelta(days=delta)
                conf = max(0.4, conf - 0.1)
                evidence += f"; past-tense '{name}' ({counts[wd]}x) comes {delta} day(s) later -> {best.isoformat()}"
    if any(re.fullmatch(r"(?i)today|tonight|this (?:morning|afternoon|evening)", t.text) for t in found):
        evidence += "; the text says 'today'/'tonight'"
    return best.isoformat(), round(min(conf, 0.95), 2), evidence
