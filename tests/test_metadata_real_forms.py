"""Metadata on the forms real news pages take (issue 10): authors named by the site's own
author meta, several authors, "Last, First", e-mails and URLs as authors, ClaimReview
JSON-LD, related items' dates, title suffixes and kickers. Every page is written here."""
from __future__ import annotations

import json

import pytest

from storyline.clean import clean_page
from storyline.clean.authors import clean_names, site_keys
from storyline.clean.htmlmeta import html_metadata
from storyline.clean.jsonld import jsonld_items, own_item
from storyline.clean.titles import choose_title
from storyline.model import Article, Page

BODY = "<p>" + " ".join(["The council voted on the budget after a long debate in the chamber."] * 8) + "</p>"


def page(head: str = "", body: str = "", ld=None) -> str:
    blocks = "".join(f'<script type="application/ld+json">{json.dumps(x)}</script>' for x in (ld or []))
    return f"<html><head>{head}{blocks}</head><body>{body}<article>{BODY}</article></body></html>"


def meta(name: str, content: str, attr: str = "name") -> str:
    return f'<meta {attr}="{name}" content="{content}">'


# --- authors -----------------------------------------------------------------------

def test_author_meta_naming_the_site_gives_way_to_the_byline():
    html = page(meta("og:site_name", "Daily Meridian", "property") + meta("author", "Daily Meridian"),
                '<h1>Budget passes</h1><div class="byline">By <a rel="author" href="/author/jr">Jane Roe</a></div>')
    assert html_metadata(html, "https://www.dailymeridian.com/news/budget").author == "Jane Roe"


def test_author_meta_naming_the_publisher_or_domain_is_no_author():
    ld = [{"@type": "NewsArticle", "headline": "Budget passes", "publisher": {"@type": "Organization",
                                                                          "name": "Meridian Media Group"}}]
    for value in ("Meridian Media Group", "dailymeridian.com", "Daily Meridian GmbH", "DAILYMERIDIAN"):
        html = page(meta("author", value), "<h1>Budget passes</h1>", ld)
        assert html_metadata(html, "https://dailymeridian.com/a/1").author is None, value


def test_jsonld_person_beats_an_organisation_author_meta():
    ld = [{"@type": "NewsArticle", "headline": "Budget passes",
           "author": [{"@type": "Person", "name": "Jane Roe"}, {"@type": "Person", "name": "Rui Costa"}]}]
    html = page(meta("author", "Condé Nast"), "<h1>Budget passes</h1>", ld)
    assert html_metadata(html, "https://example.org/a").author == "Jane Roe; Rui Costa"


def test_jsonld_author_by_reference_in_a_graph():
    ld = [{"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "@id": "https://andreas-kalt.example/post/#article", "headline": "Post",
         "author": {"@id": "https://blog.example/#/schema/person/1"}, "datePublished": "2024-02-03T10:00:00+01:00"},
        {"@type": ["Person", "Organization"], "@id": "https://blog.example/#/schema/person/1", "name": "Andreas Kalt"},
        {"@type": "WebSite", "name": "kalt.example"}]}]
    m = html_metadata(page("", "<h1>Post</h1>", ld), "https://andreas-kalt.example/post/")
    assert m.author == "Andreas Kalt"      # a personal site's domain is its author's name: kept
    assert m.published == "2024-02-03"


def test_organisation_typed_author_is_not_a_person():
    ld = [{"@type": "NewsArticle", "headline": "X", "author": {"@type": "Organization", "name": "Reuters"}}]
    assert html_metadata(page("", "<h1>X</h1>", ld), "https://example.org/x").author is None


@pytest.mark.parametrize("raw, want", [
    ("Roe, Jane", ["Jane Roe"]),
    ("Jane Roe and Rui Costa", ["Jane Roe", "Rui Costa"]),
    ("Jane Roe; Rui Costa; Ana Lima", ["Jane Roe", "Rui Costa", "Ana Lima"]),
    ("By Jane Roe | March 3, 2020", ["Jane Roe"]),
    ("Veröffentlicht von Chris Jung", ["Chris Jung"]),
    ("Von David Hutzler, dpa", ["David Hutzler"]),
    ("Grant Tinsley, PhD", ["Grant Tinsley"]),
    ("Williams Perdomo @wperdomod", ["Williams Perdomo"]),
    ("jane.roe@example.com", []),
    ("https://example.org/author/jane", []),
    ("www.example.org", []),
    ("12345", []),
    ("admin", []),
    ("No Author", []),
    ("Prisma Média", []),
    ("Reuters", []),
])
def test_author_names_cleaned(raw, want):
    assert clean_names(raw, site_keys({"Daily Meridian"}, "dailymeridian.com")) == want


def test_comment_authors_are_not_the_article_author():
    body = ('<h1>Budget passes</h1><div id="comments"><div class="comment-author vcard">'
            '<span class="fn">Troll Person</span></div></div>')
    assert html_metadata(page("", body), "https://example.org/a").author is None


# --- dates -------------------------------------------------------------------------

def test_claimreview_claim_date_is_not_the_page_date():
    ld = [{"@type": "ClaimReview", "url": "https://factcheck.example/check/42", "datePublished": "2023-05-10",
           "itemReviewed": {"@type": "Claim", "datePublished": "2019-01-01",
                            "author": {"@type": "Person", "name": "Some Politician"}}},
          {"@type": "WebPage", "url": "https://factcheck.example/check/42", "datePublished": "2023-05-10"}]
    m = html_metadata(page("", "<h1>Fact check</h1>", ld), "https://factcheck.example/check/42")
    assert m.published == "2023-05-10"
    assert m.author is None      # the claim's author did not write the page


def test_related_article_dates_are_not_the_page_date():
    ld = [{"@type": "ItemList", "itemListElement": [
        {"@type": "NewsArticle", "url": "https://n.example/old", "datePublished": "2015-01-01"}]},
          {"@type": "NewsArticle", "url": "https://n.example/new", "headline": "New", "datePublished": "2024-06-02"}]
    assert html_metadata(page("", "<h1>New</h1>", ld), "https://n.example/new").published == "2024-06-02"


def test_several_articles_and_none_is_the_page_is_no_item():
    items = jsonld_items(page("", "", [{"@type": "NewsArticle", "headline": "A", "url": "https://n.example/a"},
                                      {"@type": "NewsArticle", "headline": "B", "url": "https://n.example/b"}]))
    assert own_item(items, "https://n.example/listing") is None


def test_url_date_is_the_newsroom_day():
    head = meta("article:published_time", "2023-11-09T03:28:35+00:00", "property")
    m = html_metadata(page(head, "<h1>Story</h1>"), "https://news.example/2023/11/08/story/")
    assert m.published == "2023-11-08"


# --- titles ------------------------------------------------------------------------

@pytest.mark.parametrize("og, title, h1, site, want", [
    (None, "Budget passes | Daily Meridian", None, "Daily Meridian", "Budget passes"),
    (None, "Daily Meridian » Budget passes", None, "Daily Meridian", "Budget passes"),
    ("Budget passes – DW – 03/12/2023", None, None, "DW", "Budget passes"),
    ("Budget passes - dailymeridian.com", None, None, None, "Budget passes"),
    ("Budget passes", "Budget passes - News - Meridian Online", None, None, "Budget passes"),
    ("Covid-19: Budget passes after long debate", None, "Budget passes after long debate", None,
     "Budget passes after long debate"),
    ("It's \"fine\"...", None, "It’s “fine”…", None, "It’s “fine”…"),
    ("Budget passes | Daily Meridian", None, "Daily Meridian", "Daily Meridian", "Budget passes"),
])
def test_title_without_site_chrome(og, title, h1, site, want):
    keys = site_keys({site} if site else set(), "dailymeridian.com")
    assert choose_title(og, None, title, [h1] if h1 else [], [], keys) == want


def test_title_keeps_a_colon_headline_without_heading():
    keys = site_keys(set(), "example.org")
    assert choose_title("Siemens and the mine: Kaeser answers", None, None, [], [], keys) == \
        "Siemens and the mine: Kaeser answers"


# --- end to end --------------------------------------------------------------------

def test_clean_page_uses_the_rules():
    ld = [{"@type": "NewsArticle", "url": "https://www.dailymeridian.com/news/budget", "headline": "Budget passes",
           "datePublished": "2024-03-05T18:00:00+01:00", "author": [{"@type": "Person", "name": "Roe, Jane"}]},
          {"@type": "ClaimReview", "datePublished": "2001-01-01"}]
    html = page(meta("og:site_name", "Daily Meridian", "property") + meta("author", "Daily Meridian")
                + "<title>Budget passes | Daily Meridian</title>", "<h1>Budget passes</h1>", ld)
    art = clean_page(Page(source="p.html", content=html.encode(), kind="html", id="p1",
                          url="https://www.dailymeridian.com/news/budget"))
    assert isinstance(art, Article)
    assert (art.title, art.author, art.published) == ("Budget passes", "Jane Roe", "2024-03-05")


def test_utc_timestamp_takes_the_page_s_local_day():
    head = meta("article:published_time", "2023-11-09T02:11:03+00:00", "property")
    body = '<h1>Story</h1><time datetime="2023-11-08T21:11:03-05:00">Nov 8</time>'
    assert html_metadata(page(head, body), "https://news.example/story").published == "2023-11-08"
    # no local copy of the same instant: the UTC day stays
    assert html_metadata(page(head, "<h1>Story</h1>"), "https://news.example/story").published == "2023-11-09"
