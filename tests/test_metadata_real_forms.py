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


def test_jsonld_author_written_as_a_json_string():
    # SCMP's pages write the author object as a string inside the JSON-LD
    ld = [{"@type": "NewsArticle", "headline": "Budget passes",
           "author": json.dumps({"@type": "Person", "name": "Alice Wu"})}]
    assert html_metadata(page("", "<h1>Budget passes</h1>", ld), "https://example.org/a").author == "Alice Wu"
    ld = [{"@type": "NewsArticle", "headline": "Budget passes", "author": "{not json at all}"}]
    assert html_metadata(page("", "<h1>Budget passes</h1>", ld), "https://example.org/a").author is None


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
    # a newsroom title beside a name is the person's role, not a second author
    ("By Claire Ostrander, Diplomatic Correspondent, in Riyadh", ["Claire Ostrander"]),
    ("GARY B. GRAVES, AP Sports Writer", ["GARY B. GRAVES"]),
    ("Staff Writer", []),                  # a role alone names no one
    ("Letters To The Editor", []),
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


# --- bylines: labels inside the byline, bylines in text, containers -------------------

FILLER = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 3 + "</p>"


@pytest.mark.parametrize("byline, want", [
    ('<div class="post-meta--author">Posted on September 21, 2020 by Adi Tzlil</div>', "Adi Tzlil"),
    ('<div class="ArticleAuthorDate"><span>Datum:</span> 19.11.2021 <span>Autor:</span> Fritz Imhof'
     '<span>Quelle:</span> Livenet</div>', "Fritz Imhof"),
    ('<span class="author-link">| Autor: Jana Novak</span>', "Jana Novak"),
])
def test_byline_name_after_an_inner_label(byline, want):
    html = page("", f"<h1>Budget passes</h1>{byline}{FILLER}")
    assert html_metadata(html, "https://example.org/a").author == want


def test_headline_container_is_not_a_sidebar_or_widget_whatever_its_class():
    body = ('<div class="site-content content-area sidebar"><h1>Budget passes</h1>'
            '<span class="author vcard">Heiko Sauer</span></div>'
            '<aside class="sidebar"><span class="author">Other Person</span></aside>')
    assert html_metadata(page("", body), "https://example.org/a").author == "Heiko Sauer"
    blogger = ('<div class="widget Blog"><article><h1>Post</h1>' + FILLER +
               '<footer><span class="post-author">Posted by Günter W. Kienitz at 18:52</span></footer>'
               '</article></div>')
    assert html_metadata(page("", blogger), "https://example.org/a").author == "Günter W. Kienitz"


def test_a_sidebar_list_of_one_author_s_articles_is_no_byline():
    body = ('<h1>Budget passes</h1>' + FILLER + '<div class="sidebar-item"><a href="/x">Other story</a>'
            '<div class="item-info">Von <span>Jörg Staff</span></div></div>')
    assert html_metadata(page("", body), "https://example.org/a").author is None


@pytest.mark.parametrize("text, want", [
    ("<p><em>Von Claudia Lindner</em></p>", "Claudia Lindner"),
    ('<div class="metaInfo">Ein Artikel von <strong>Pamela Sladky</strong> | 27.01.2022 - 12:45</div>',
     "Pamela Sladky"),
    ('<p>Von <strong><a href="/rb">Roland Brockmann</a></strong> und <strong><a href="/sd">Sebastian '
     'Drescher</a></strong></p>', "Roland Brockmann; Sebastian Drescher"),
    ('<div class="meta"><span class="sr">| By </span> <span>Cara Stiles</span> | <time>April 13</time></div>',
     "Cara Stiles"),
    ('<h5 class="title-inline">Autor: </h5>Peter Maahn/SP-X<br>', "Peter Maahn"),
    ('<p><em>Text von Christian Seiler &nbsp; Illustration von Markus Roost</em></p>', "Christian Seiler"),
])
def test_byline_in_a_text_node_without_author_class(text, want):
    html = page("", f"<h1>Budget passes</h1>{text}{FILLER}")
    assert html_metadata(html, "https://example.org/a").author == want


@pytest.mark.parametrize("text", [
    '<p>Foto: CC BY-SA</a> by <a href="https://x.example">Roland Alton</a>, the project</p>',
    "<p>Von Berlin nach Hamburg</p>",
    '<div class="teaser-card"><h3>Other story</h3><div class="meta">Von Andreas Hoffmann</div></div>',
    '<p><img src="x.jpg"> by Getty Images</p>',
])
def test_text_that_only_looks_like_a_byline(text):
    html = page("", f"<h1>Budget passes</h1>{FILLER}{text}")
    assert html_metadata(html, "https://example.org/a").author is None


def test_byline_zone_follows_the_headline_past_a_logo_h1():
    body = ('<header><h1 class="logo">Evangelische Jugend</h1></header>' + FILLER * 200 +
            '<h2 class="news-title">Faire Lieferketten fuer alle Partner</h2>'
            '<div class="news-single-timedata">05.02.2020 <span>-&nbsp;Redaktion: Eberhard Fuhr '
            '(Pressesprecher)</span></div>' + FILLER)
    head = meta("og:title", "Faire Lieferketten fuer alle Partner", "property")
    assert html_metadata(page(head, body), "https://example.org/a").author == "Eberhard Fuhr"


# --- authors: organisations, the site's own tag, abbreviations, partial lists ------------

@pytest.mark.parametrize("value", [
    "Deutsche Welle (www.dw.com)", "hessenschau.de, Frankfurt, Germany",
    "Bayerische Landesanstalt für Wald und Forstwirtschaft - LWF",
])
def test_author_meta_that_is_the_site_or_a_body_gives_no_names(value):
    domain = {"Deutsche Welle (www.dw.com)": "https://www.dw.com/fr/a",
              "hessenschau.de, Frankfurt, Germany": "https://www.hessenschau.de/a"}.get(value, "https://lwf.example/a")
    assert html_metadata(page(meta("author", value), "<h1>Budget passes</h1>"), domain).author is None


def test_desk_byline_naming_the_outlet_is_no_author():
    body = '<h1>Unfall</h1><p class="article-author">Redaktion Polizeiticker Schweiz</p>' + FILLER
    assert html_metadata(page("", body), "https://polizeiticker.ch/artikel/1").author is None
    # a desk byline that is no outlet's name stays: it is what the page says wrote the story
    body = '<h1>Unfall</h1><p class="article-author">Redaktion</p>' + FILLER
    assert html_metadata(page("", body), "https://polizeiticker.ch/artikel/1").author == "Redaktion"


@pytest.mark.parametrize("raw, want", [
    ("ARD", []), ("ERBOL", []), ("© Kathrin Führes", []), ("Zur Artikelübersicht", []),
    ("FOCUS-Online-Experte Robin Tschöpe", ["Robin Tschöpe"]), ("Rezept von", []), ("von Redaktion", ["Redaktion"]),
    ("MORITZ GATHMANN", ["MORITZ GATHMANN"]), ("Bundesverband WindEnergie", []),
    ("Glen Owen and Brendan Carlin for The Mail on Sunday", ["Glen Owen", "Brendan Carlin"]),
    ("Amitai Winehouse For Mailonline", ["Amitai Winehouse"]),
])
def test_abbreviations_credits_labels_and_roles(raw, want):
    assert clean_names(raw, set(), strict=False) == want


def test_structured_first_author_gives_way_to_the_byline_s_full_list():
    ld = [{"@type": "NewsArticle", "headline": "Bike test", "author": {"@type": "Person", "name": "Rudolf Fischer"}}]
    body = '<h1>Bike test</h1><div class="meta-item">von Rudolf Fischer, Simon Kohler</div>' + FILLER
    assert html_metadata(page("", body, ld), "https://example.org/a").author == "Rudolf Fischer; Simon Kohler"
    head = meta("author", "Sadhbh O'Sullivan,Elisabeth Kochan")
    ld = [{"@type": "NewsArticle", "headline": "Single", "author": {"@type": "Person", "name": "Sadhbh O'Sullivan"}}]
    assert html_metadata(page(head, "<h1>Single</h1>", ld), "https://example.org/a").author == \
        "Sadhbh O'Sullivan; Elisabeth Kochan"


def test_first_name_alone_is_completed_only_from_a_recurring_full_name():
    ld = [{"@type": "BlogPosting", "headline": "Kolumne", "author": {"@type": "Person", "name": "Nils"}}]
    twice = ('<h1>Kolumne</h1><p><strong>Eine Kolumne von Nils Pickert</strong></p>' + FILLER +
             '<p class="bio">Nils Pickert ist freier Autor.</p>')
    assert html_metadata(page("", twice, ld), "https://example.org/a").author == "Nils Pickert"
    once = '<h1>Kolumne</h1>' + FILLER + '<p>Nils Holgersson reiste mit den Gänsen.</p>'
    assert html_metadata(page("", once, ld), "https://example.org/a").author == "Nils"


def test_a_login_gives_way_to_the_byline_that_spells_it():
    head = meta("article:author", "gabor_munier", "property")
    body = '<h1>Eindruecke</h1><span class="author">Autor: Gàbor Muniér</span>' + FILLER
    assert html_metadata(page(head, body), "https://example.org/a").author == "Gàbor Muniér"


# --- dates: local days, URL paths, microdata ---------------------------------------------

def test_a_zulu_timestamp_takes_the_site_s_local_day():
    head = meta("article:published_time", "2022-05-04T00:53:29.274Z", "property")
    assert html_metadata(page(head, "<h1>Story</h1>"), "https://www.diario.com.ar/politica/x").published == "2022-05-03"
    assert html_metadata(page(head, "<h1>Story</h1>"), "https://www.zeitung.at/x").published == "2022-05-04"
    # the page's own offset, written elsewhere, when the domain has no country
    body = '<h1>Story</h1><span data-t="2022-05-02T10:00:00-05:00"></span>'
    assert html_metadata(page(head, body), "https://news.example.com/x").published == "2022-05-03"
    # a "+00:00" stamp is a CMS set to UTC, whose pages show the UTC day
    head = meta("article:published_time", "2019-12-26T23:07:45+00:00", "property")
    assert html_metadata(page(head, "<h1>Story</h1>"), "https://www.verein.ch/?p=1").published == "2019-12-26"


def test_a_local_stamp_days_after_the_url_date_wins_a_far_one_does_not():
    head = meta("article:published_time", "2020-02-19T18:37:32+01:00", "property")
    url = "https://news.example/2020/02/18/ciencia/story.html"
    assert html_metadata(page(head, "<h1>Story</h1>"), url).published == "2020-02-19"
    head = meta("article:published_time", "2019-06-17T10:00:00+02:00", "property")
    url = "https://blog.example/home/2017/7/12/post"
    assert html_metadata(page(head, "<h1>Story</h1>"), url).published == "2017-07-12"
    # a UTC stamp the day after the URL is an evening story: the URL keeps the newsroom's day
    head = meta("article:published_time", "2023-11-09T02:11:03Z", "property")
    assert html_metadata(page(head, "<h1>Story</h1>"), "https://news.example/2023/11/08/x").published == "2023-11-08"


def test_microdata_date_published_beats_generic_date_tags():
    head = meta("date", "2018-08-29")
    body = ('<h1>Datenschutz</h1><time itemprop="dateModified" class="hidden">2018-08-29 14:15:57</time>'
            '<time itemprop="datePublished" datetime="2018-06-22 10:20:00" class="hidden">22.06.2018</time>')
    assert html_metadata(page(head, body), "https://shop.example/p").published == "2018-06-22"


def test_the_article_s_own_aside_holds_its_byline_the_page_s_aside_does_not():
    body = ('<article><header><h1>Budget passes</h1></header><aside class="meta"><p class="authors">Von:<br>'
            '<i><a href="/autor/mpf" class="author-name">Moritz Pieczewski-Freimuth</a></i></p></aside>'
            + FILLER + '</article>')
    assert html_metadata(page("", body), "https://example.org/a").author == "Moritz Pieczewski-Freimuth"
    body = ('<article><h1>Budget passes</h1>' + FILLER + '</article>'
            '<aside><span class="author-name">Other Person</span></aside>')
    assert html_metadata(page("", body), "https://example.org/a").author is None


def test_label_in_its_own_element_and_name_parts_in_their_own():
    body = ('<h1>Quarantaene</h1><h4 class="meta-title">Autor</h4><p class="meta-text">'
            '<a href="/profil/nh">Nikolai Huke</a></p>' + FILLER)
    assert html_metadata(page("", body), "https://example.org/a").author == "Nikolai Huke"
    body = ('<h1>Agenda</h1><div class="author"><div rel="author"><div class="name"><a>Isabel Caro</a>, '
            '<a>Rocío Latorre</a> y <a>José Miguel Wilson</a></div><time>Hace 13 horas</time></div></div>' + FILLER)
    assert html_metadata(page("", body), "https://example.org/a").author == \
        "Isabel Caro; Rocío Latorre; José Miguel Wilson"


@pytest.mark.parametrize("byline, url", [
    ("News4Max Staff", "https://news4max.com/a"), ("N-Land Redaktion", "https://www.n-land.de/a"),
    ("Teufel Editorial Team", "https://blog.teufel.de/a"), ("Houzz Deutschland", "https://www.houzz.de/magazin/a"),
    ("La República", "https://larepublica.pe/a"), ("SeglerBlog", "https://seglerblog.example.de/a"),
])
def test_the_site_dressed_as_a_byline_is_no_author(byline, url):
    body = f'<h1>Budget passes</h1><span class="byline">By {byline}</span>' + FILLER
    assert html_metadata(page("", body), url).author is None


def test_a_blog_platform_subdomain_is_its_author_s_name_not_an_outlet():
    body = '<h1>Nebelsuppe</h1><span class="byline">By Creeny</span>' + FILLER
    assert html_metadata(page("", body), "https://creeny.wordpress.com/2020/01/24/x/").author == "Creeny"
    body = '<h1>Post</h1><span class="byline">By Daniel Lemire</span>' + FILLER
    assert html_metadata(page("", body), "https://lemire.me/blog/x/").author == "Daniel Lemire"


@pytest.mark.parametrize("line, want", [
    ('<p class="text-muted">11.12.2019 - Amelie Loevenich</p>', "Amelie Loevenich"),
    ('<small>04.02.2022 | 13:10 Uhr | Uta Helkenberg</small>', "Uta Helkenberg"),
    ('<small>04.02.2022 | 13:10 Uhr | Politik</small>', None),
    ('<small>04.02.2022 | Evangelische Kirche</small>', None),
])
def test_the_headline_s_date_line_ending_with_the_writer(line, want):
    html = page("", f"<h1>Budget passes</h1>{line}{FILLER}")
    assert html_metadata(html, "https://example.org/a").author == want


def test_author_tag_with_the_writer_s_site_e_mail_keeps_the_writer():
    head = meta("author", "Lüder Hoppe info@buero-hoppe.de")
    assert html_metadata(page(head, "<h1>Baumgutachten</h1>"), "http://www.buero-hoppe.de/a.htm").author == \
        "Lüder Hoppe"


def test_label_words_and_screen_reader_copies_are_no_names():
    body = ('<h1>Faenon</h1><div class="td-post-author-name"><div class="td-author-by">Por</div> '
            '<a href="/author/web2/">Redacción La Razón</a></div>' + FILLER)
    assert html_metadata(page("", body), "https://larazon.pe/a").author is None
    assert clean_names("Kristen Falc'hon Kristen Falc'hon", set(), strict=False) == ["Kristen Falc'hon"]


def test_a_headline_h1_that_differs_from_the_title_still_places_the_byline_zone():
    head = meta("og:title", "Coronavirus in Odisha: first death | City News", "property")
    body = ('<h1>Odisha reports first Covid-19 death: man from Bhubaneswar dies</h1><div class="byline">'
            '<span><a href="/author-Ashok-Pradhan">Ashok Pradhan</a></span> | TNN | Apr 7, 2020</div>' + FILLER * 150
            + '<ul class="list"><li>Coronavirus in Odisha: first death</li></ul>')
    assert html_metadata(page(head, body), "https://news.example/a").author == "Ashok Pradhan"
