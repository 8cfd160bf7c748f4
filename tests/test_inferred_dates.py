"""Undated pages (issue 10): an inferred date only from evidence that dates the writing,
never from a planned, modal or conditional date; shown as inferred wherever it is shown."""
from __future__ import annotations

import pytest

from storyline.analyse.writing_date import infer_writing_date
from storyline.serve.report import render_html, render_markdown


@pytest.mark.parametrize("text", [
    "The ministers will meet on 12 May 2025 to sign the accord.",
    "A proposed summit on 20 June 2025 could settle the dispute.",
    "The vote is scheduled for 3 September 2025, officials said.",
    "The talks are planned for 14 April 2025.",
    "Bids must be submitted no later than 30 June 2025.",
    "If the talks fail on 1 July 2025 the strike may resume.",
    "The law takes effect by 1 January 2026.",
    "Elections on 12 May 2025 are a test for the government.",   # no evidence either way: no date
    "The committee may meet again on 2 March 2025.",
])
def test_planned_conditional_or_bare_dates_give_no_date(text):
    day, conf, evidence = infer_writing_date(text)
    assert day is None and conf == 0.0, (text, day, evidence)


def test_the_issue_case_a_proposed_future_meeting_does_not_date_the_page():
    text = ("Officials said on 3 March 2025 that the draft was agreed after weeks of talks.\n"
            "The two sides proposed a meeting on 28 April 2025 to sign it, and the minister will attend "
            "if parliament approves the text.")
    day, conf, evidence = infer_writing_date(text)
    assert day == "2025-03-03"
    assert "past-tense" in evidence and conf >= 0.5


def test_dateline_dates_the_page():
    day, conf, evidence = infer_writing_date("LONDON, March 4, 2025 - The minister resigned on Tuesday.")
    assert (day, conf) == ("2025-03-04", 0.9) and "dateline" in evidence


def test_today_with_a_date():
    day, _, evidence = infer_writing_date("Today, 5 March 2025, the parliament opens its session.")
    assert day == "2025-03-05" and "today" in evidence


def test_past_weekday_after_a_dated_anchor():
    text = "The company announced the merger on 3 March 2025. Shares rose on Thursday, traders said."
    day, _, evidence = infer_writing_date(text)
    assert day == "2025-03-06" and "Thursday" in evidence


def test_the_latest_past_report_wins_not_the_latest_date():
    text = ("The treaty was signed on 1 February 2025. Talks resumed on 10 February 2025, diplomats said. "
            "A summit is expected on 30 March 2025.")
    assert infer_writing_date(text)[0] == "2025-02-10"


def _dossier(inferred: bool) -> dict:
    src = {"article_id": "a1", "outlet": "Meridian", "title": "T", "url": None, "published": "2025-03-03",
           "published_inferred": {"date": "2025-03-03", "confidence": 0.55,
                                  "evidence": "past-tense report of '3 March 2025'"} if inferred else None,
           "text": "Officials said on 3 March 2025 that the draft was agreed."}
    item = {"id": "e1", "kind": "event", "date": "2025-03-03", "date_precision": "day",
            "date_source": "published_inferred" if inferred else "published", "text": "the draft was agreed",
            "type": "AGREE", "sources": [dict(src, start=0, end=10)]}
    return {"story": {"id": "s1", "title": "Draft", "start": "2025-03-03", "end": "2025-03-03", "article_count": 1},
            "timeline": [item], "undated": [], "people": [], "sources": [src], "contradictions": []}


@pytest.mark.parametrize("render", [render_html, render_markdown])
def test_report_marks_inferred_dates_with_evidence(render):
    out = render(_dossier(True))
    assert out.count("(inferred") >= 3          # period, sources table, article meta / timeline
    assert "past-tense report of" in out.replace("&#x27;", "'")
    plain = render(_dossier(False))
    assert "(inferred" not in plain


def test_timeline_line_marks_an_inferred_date_with_its_evidence():
    from storyline.cli import _timeline_line
    from storyline.serve.timeline import Item

    src = {"article_id": "a1b2c3d4e5", "outlet": "Meridian", "start": 0, "end": 10, "published": "2025-03-03",
           "published_inferred": {"date": "2025-03-03", "confidence": 0.55, "evidence": "past-tense report"}}
    item = Item("q1", "quote", "2025-03-03", "day", "published_inferred", "We agreed.", speaker="Jane Roe",
                sources=[src])
    line = _timeline_line(item)
    assert "2025-03-03 (inferred)" in line and "date inferred from the text: past-tense report" in line
    item.date_source = "published"
    assert "inferred" not in _timeline_line(item)
