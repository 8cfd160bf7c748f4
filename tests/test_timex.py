"""Time expressions in wire-style news sentences, anchored to a publication date."""
from __future__ import annotations

import pytest

from storyline.analyse.timex import (
    Timex, apply_offset, find_timexes, infer_publication_date, resolve_offset,
)

ANCHOR = "2025-03-12"   # a Wednesday


def one(text: str, phrase: str, anchor: str | None = ANCHOR, doc=None) -> Timex:
    """The timex whose extent contains `phrase`."""
    found = find_timexes(text, anchor, doc)
    for t in found:
        assert text[t.start:t.end] == t.text
    hits = [t for t in found if phrase in t.text or t.text in phrase and t.text]
    assert hits, f"{phrase!r} not found in {[t.text for t in found]}"
    return hits[0]


def test_absolute_dates_need_no_anchor():
    text = ("The ceasefire signed on March 13, 2025 in Doha replaced the truce of 13 March 2024, "
            "the ministry said in a statement dated 2025-03-10.")
    for anchor in (ANCHOR, None):
        assert one(text, "March 13, 2025", anchor).value == "2025-03-13"
        assert one(text, "13 March 2024", anchor).value == "2024-03-13"
        t = one(text, "2025-03-10", anchor)
        assert (t.value, t.type, t.precision, t.anchored) == ("2025-03-10", "DATE", "day", False)


def test_partial_dates_take_the_anchor_year_and_tense():
    text = "Lawmakers approved the budget on February 12, weeks before the November 5 election."
    assert one(text, "February 12").value == "2025-02-12"
    # no tense cue on the election: the nearest November 5 (last year's)
    assert one("Turnout in the November 5 election was low.", "November 5").value == "2024-11-05"
    assert one("The November 5 election will be close, analysts say.", "November 5").value == "2025-11-05"
    t = one("Prices rose 2% in March and fell in 2022, the agency said.", "March")
    assert (t.value, t.precision, t.anchored) == ("2025-03", "month", True)
    assert one("Prices rose 2% in March and fell in 2022, the agency said.", "2022").value == "2022"
    assert one("Exports slumped in December, the ministry said.", "December").value == "2024-12"
    assert one("Elections will be held in December, the ministry said.", "December").value == "2025-12"


def test_weekday_direction_follows_tense():
    assert one("The prime minister will be visiting Washington on Friday.", "Friday").value == "2025-03-14"
    assert one("The minister said on Thursday that talks had stalled.", "Thursday").value == "2025-03-06"
    # no tense cue: news prefers the past week
    assert one("The talks on Friday, officials said", "Friday").value == "2025-03-07"
    assert one("Police arrested him last Friday.", "last Friday").value == "2025-03-07"
    assert one("The vote is planned for next Tuesday.", "next Tuesday").value == "2025-03-18"
    assert one("Markets fell sharply on Wednesday, traders said.", "Wednesday").value == "2025-03-12"


class _Tok:
    """The few spaCy Token attributes the tense rule reads (no model needed)."""

    def __init__(self, doc, i, word, tag, pos, dep, head):
        self.doc, self.i, self.text, self.lower_ = doc, i, word, word.lower()
        self.tag_, self.pos_, self.dep_, self._head = tag, pos, dep, head

    @property
    def head(self):
        return self.doc.toks[self._head]

    @property
    def children(self):
        return [t for t in self.doc.toks if t._head == self.i and t is not self]


class _Span:
    def __init__(self, doc, start, end):
        self.doc, self.start, self.end = doc, start, end

    def __len__(self):
        return self.end - self.start

    @property
    def root(self):
        toks = self.doc.toks[self.start:self.end]
        return next(t for t in toks if not (self.start <= t._head < self.end) or t._head == t.i)


class _Doc:
    """Stands in for a parsed spaCy Doc: words, tags, POS, dependency labels and heads."""

    def __init__(self, rows):
        self.text = " ".join(r[0] for r in rows)
        self.toks, self.offsets, pos = [], [], 0
        for i, (word, tag, p, dep, head) in enumerate(rows):
            self.toks.append(_Tok(self, i, word, tag, p, dep, head))
            self.offsets.append((pos, pos + len(word)))
            pos += len(word) + 1

    def char_span(self, start, end, alignment_mode="expand"):
        idx = [i for i, (s, e) in enumerate(self.offsets) if s < end and e > start]
        return _Span(self, idx[0], idx[-1] + 1) if idx else None


def _parsed(verb_tag, verb):
    return _Doc([("He", "PRP", "PRON", "nsubj", 1), (verb, verb_tag, "VERB", "ROOT", 1),
                 ("Paris", "NNP", "PROPN", "dobj", 1), ("on", "IN", "ADP", "prep", 1),
                 ("Friday", "NNP", "PROPN", "pobj", 3)])


def test_weekday_tense_from_parsed_doc():
    doc = _parsed("VBZ", "visits")            # present: a scheduled event
    assert one(doc.text, "Friday", doc=doc).value == "2025-03-14"
    doc = _parsed("VBD", "visited")
    assert one(doc.text, "Friday", doc=doc).value == "2025-03-07"
    doc = _Doc([("He", "PRP", "PRON", "nsubj", 2), ("will", "MD", "AUX", "aux", 2), ("visit", "VB", "VERB", "ROOT", 2),
                ("Paris", "NNP", "PROPN", "dobj", 2), ("on", "IN", "ADP", "prep", 2), ("Monday", "NNP", "PROPN", "pobj", 4)])
    assert one(doc.text, "Monday", doc=doc).value == "2025-03-17"


def test_relative_expressions():
    text = ("Earlier today the central bank said inflation fell last year, rose two days ago and "
            "could ease next month. Yesterday's data, published this week, surprised traders, who "
            "expect a decision tomorrow.")
    assert one(text, "today").value == "2025-03-12"
    assert one(text, "last year").value == "2024"
    assert one(text, "two days ago").value == "2025-03-10"
    assert one(text, "next month").value == "2025-04"
    assert one(text, "Yesterday").value == "2025-03-11"
    assert one(text, "this week").value == "2025-W11"
    assert one(text, "tomorrow").value == "2025-03-13"
    t = one("Rebels shelled the city this morning and again tonight.", "this morning")
    assert (t.type, t.value) == ("TIME", "2025-03-12TMO")
    assert one("Rebels shelled the city this morning and again tonight.", "tonight").value == "2025-03-12TNI"
    assert one("The company is now profitable.", "now").value == "PRESENT_REF"
    assert one("Shares are currently suspended.", "currently").value == "PRESENT_REF"
    assert one("The two leaders met recently in Geneva.", "recently").value == "PAST_REF"
    t = one("Fighting has intensified in recent weeks.", "recent weeks")
    assert t.anchored and t.value == "PXW"


def test_ranges_and_alternatives():
    t = one("The survey was carried out between February and March 2022.", "February")
    assert (t.text, t.value, t.value_end, t.precision) == ("between February and March 2022", "2022-02", "2022-03", "range")
    t = one("Output fell every year from 2019 to 2021, the report said.", "2019")
    assert (t.value, t.value_end) == ("2019", "2021")
    t = one("A decision is expected in April or May.", "April")
    assert (t.value, t.value_end) == ("2025-04", "2025-05")
    t = one("Parliament must approve the deal no later than June.", "June")
    assert (t.text, t.value, t.modifier) == ("no later than June", "2025-06", "ON_OR_BEFORE")
    t = one("Talks resume in early April.", "April")
    assert (t.text, t.modifier) == ("early April", "START")


def test_durations_with_modifiers():
    text = ("The siege lasted more than six hours. The war has dragged on for nearly three years, "
            "and both sides accepted a 30-day ceasefire.")
    t = one(text, "six hours")
    assert (t.text, t.type, t.value, t.modifier) == ("more than six hours", "DURATION", "PT6H", "MORE_THAN")
    t = one(text, "three years")
    assert (t.value, t.modifier) == ("P3Y", "APPROX")
    assert one(text, "30-day").value == "P30D"
    assert one("He was jailed for 18 months.", "18 months").value == "P18M"
    # ages are not durations
    assert not find_timexes("The 44-year-old driver and children aged 6 months and older.", ANCHOR)


def test_sets_decades_seasons_quarters():
    text = "The council meets every week; the paper is published daily and accounts are filed annually."
    assert [(t.text, t.type, t.value) for t in find_timexes(text, ANCHOR)] == [
        ("every week", "SET", "P1W"), ("daily", "SET", "P1D"), ("annually", "SET", "P1Y")]
    assert one("Growth has been slow since the 1990s.", "1990s").value == "199"
    assert one("The drought last summer hit farmers.", "last summer").value == "2024-SU"
    assert one("Profits rose in the first quarter.", "first quarter").value == "2025-Q1"
    assert one("Sales fell 3% in the fourth quarter, the company said.", "fourth quarter").value == "2024-Q4"
    assert one("Revenue is forecast to grow $2 billion a year.", "a year").type == "SET"


def test_times_of_day():
    t = one("The attack began on the evening of March 13, witnesses said.", "March 13")
    assert (t.text, t.type, t.value) == ("the evening of March 13", "TIME", "2025-03-13TEV")
    t = one("The polls close at 3 p.m. local time.", "3 p.m.")
    assert (t.type, t.value) == ("TIME", "2025-03-12T15:00")
    t = one("The summit opens on March 20 at 9 a.m.", "9 a.m.")
    assert t.value == "2025-03-20T09:00"


def test_undated_article_keeps_text_without_guessing():
    text = ("Officials said yesterday that the plant, closed on March 13, 2025, would reopen on "
            "February 12 or next month, three days ago.")
    got = {t.text: t for t in find_timexes(text, None)}
    assert got["yesterday"].value is None and got["yesterday"].anchored
    assert got["next month"].value is None
    assert got["three days ago"].value is None
    assert got["March 13, 2025"].value == "2025-03-13"
    assert got["February 12"].value == "XXXX-02-12"
    assert one("The minister spoke on Friday.", "Friday", anchor=None).value == "XXXX-WXX-5"


def test_offsets_wait_for_their_reference_event():
    text = "The decree was signed 23 days after the inauguration, officials said."
    t = one(text, "23 days")
    assert (t.value, t.precision) == (None, "offset")
    assert t.text == "23 days after the inauguration"
    assert resolve_offset(t.text) == (23, "the inauguration")
    assert apply_offset(t, "2025-01-20") == "2025-02-12"
    t = one("He resigned the week after the election.", "the week after")
    assert (t.value, t.precision, resolve_offset(t.text)) == (None, "offset", (7, "the election"))
    # a date as the reference resolves at once
    assert one("Troops left two days after March 3.", "two days after").value == "2025-03-05"
    # a narrative offset takes the last day named before it
    t = one("Protesters gathered on March 3. Two days later police cleared the square.", "Two days later")
    assert t.value == "2025-03-05"


def test_names_and_numbers_are_not_dates():
    text = ("Theresa May met April Ryan; 2,000 troops and 1999 soldiers arrived, "
            "USA Today reported, about 2010 people.")
    assert find_timexes(text, ANCHOR) == []


def test_infer_publication_date_with_evidence():
    text = ("The talks began on Tuesday, March 11, 2025 in Riyadh. On Thursday, the delegations said "
            "they had agreed a 30-day truce.")
    day, conf, evidence = infer_publication_date(text)
    assert day == "2025-03-13"
    assert 0 < conf < 1
    assert "2025-03-11" in evidence and "Thursday" in evidence
    day, conf, evidence = infer_publication_date("The minister spoke yesterday about the plan.")
    assert (day, conf) == (None, 0.0) and evidence


def test_deterministic_and_offsets_valid():
    text = "On Monday, March 10, 2025, at 10 a.m., the court ruled; appeals run until the end of the year."
    a = find_timexes(text, ANCHOR)
    b = find_timexes(text, ANCHOR)
    assert a == b
    for t in a:
        assert text[t.start:t.end] == t.text
    assert one(text, "March 10").value == "2025-03-10" and one(text, "March 10").text.startswith("Monday")


@pytest.mark.parametrize("text", ["", "No dates here at all.", "x" * 1000])
def test_nothing_to_find(text):
    assert find_timexes(text, ANCHOR) == []


def test_weekday_under_a_modal_or_a_request_looks_ahead():
    # "could join ... on Thursday": a possible future meeting, the coming Thursday (anchor Wednesday 12th)
    doc = _Doc([("He", "PRP", "PRON", "nsubj", 2), ("could", "MD", "AUX", "aux", 2), ("join", "VB", "VERB", "ROOT", 2),
                ("talks", "NNS", "NOUN", "dobj", 2), ("on", "IN", "ADP", "prep", 2), ("Thursday", "NNP", "PROPN", "pobj", 4)])
    assert one(doc.text, "Thursday", doc=doc).value == "2025-03-13"
    # "could have met on Monday" stays in the past
    doc = _Doc([("He", "PRP", "PRON", "nsubj", 3), ("could", "MD", "AUX", "aux", 3), ("have", "VB", "AUX", "aux", 3),
                ("met", "VBN", "VERB", "ROOT", 3), ("on", "IN", "ADP", "prep", 3), ("Monday", "NNP", "PROPN", "pobj", 4)])
    assert one(doc.text, "Monday", doc=doc).value == "2025-03-10"
    # "urged Putin to meet him on Thursday": what is asked for lies ahead
    doc = _Doc([("He", "PRP", "PRON", "nsubj", 1), ("urged", "VBD", "VERB", "ROOT", 1), ("Putin", "NNP", "PROPN", "dobj", 1),
                ("to", "TO", "PART", "aux", 4), ("meet", "VB", "VERB", "xcomp", 1), ("on", "IN", "ADP", "prep", 4),
                ("Thursday", "NNP", "PROPN", "pobj", 5)])
    assert one(doc.text, "Thursday", doc=doc).value == "2025-03-13"


def test_a_modifier_before_a_line_break_is_read():
    # a wrapped wire text (Reuters 1987 in the 28.8k-article corpus): "early\n" raised a KeyError
    # and lost the whole article's analysis
    text = "The talks are due to start in early\nMarch, officials said, after a pause since the late\n1990s."
    t = one(text, "March")
    assert t.value == "2025-03" and t.modifier == "START"
    assert one(text, "1990s").modifier == "END"
    wrapped = "Elections are due in mid-\n2026, the commission said."
    t = one(wrapped, "2026")
    assert t.text == "mid-\n2026" and t.modifier == "MID"     # the extent starts at "mid", not "id"
