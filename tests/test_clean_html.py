"""HTML pages -> clean article text and metadata, on pages the tests write."""
from pages import (COMMENTS, COOKIE_NOTICE, NAV_ITEMS, PARAGRAPHS, RELATED_HEADLINES, TITLE, WIRE_TEASERS,
                   news_html, wire_copy_html)
from storyline.clean import clean_page
from storyline.clean.html import extract_html
from storyline.model import Article, Page, Reject


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def test_news_page_keeps_article_and_drops_menus_related_and_comments():
    ex = extract_html(news_html(TITLE, PARAGRAPHS))
    lines = _lines(ex.text)
    assert lines == PARAGRAPHS  # every paragraph, in order, nothing else
    text = ex.text
    assert COOKIE_NOTICE[:40] not in text
    assert not any(h in text for h, _t in RELATED_HEADLINES)
    assert not any(c in text for _a, _t, c in COMMENTS)
    assert not any(line in NAV_ITEMS for line in lines)
    assert "Leave a comment" not in text and "Photograph:" not in text
    assert (ex.title, ex.sitename, ex.published, ex.language) == (TITLE, "The Daily Meridian", "2025-02-18", "en")
    # authors are read by clean.htmlmeta, once, in the cleaning step
    art = clean_page(Page(source="news.html", content=news_html(TITLE, PARAGRAPHS).encode(), kind="html", id="n1"))
    assert isinstance(art, Article) and art.author == "Jane Roe"


def test_wire_copy_keeps_story_drops_teasers_and_reads_credit():
    page = Page(source="wire.html", content=wire_copy_html(PARAGRAPHS[:5]).encode(), kind="html", id="p1")
    art = clean_page(page)
    assert isinstance(art, Article)
    assert art.syndicated_from == "ANI"
    for p in PARAGRAPHS[1:4]:
        assert p[:50] in art.text
    assert not any(t in art.text for t in (x if isinstance(x, str) else x[0] for x in WIRE_TEASERS))


def test_page_without_article_text_is_a_reject_not_a_crash():
    page = Page(source="nav.html", content=b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
                kind="html", id="p2")
    res = clean_page(page)
    assert isinstance(res, Reject) and res.reason == "no_article_text"


def test_deeply_nested_page_is_rejected_quickly():
    html = "<html><body>" + "<div>" * 100_000 + "<p>deep</p>" + "</div>" * 100_000 + "</body></html>"
    res = clean_page(Page(source="deep.html", content=html.encode(), kind="html", id="p3"))
    assert isinstance(res, Reject) and res.reason == "too_deep"


def test_non_english_page_gets_its_language():
    ru = ["Пресс-секретарь президента России Дмитрий Песков заявил в среду, что Кремль положительно "
          "оценивает итоги переговоров в Эр-Рияде и ожидает продолжения диалога с американской стороной.",
          "По его словам, дата возможной встречи президентов пока не определена, однако подготовка "
          "к ней уже ведется на уровне экспертов обеих стран."]
    html = news_html("Песков оценил итоги переговоров", ru * 2, lang="ru", related=False, comments=False)
    art = clean_page(Page(source="ru.html", content=html.encode("cp1251", "replace").replace(b'charset="utf-8"', b'charset="windows-1251"'),
                          kind="html", id="p4"))
    assert isinstance(art, Article) and art.language == "ru"
    assert ru[0][:40] in art.text


def test_trafilatura_text_is_weighed_against_the_fast_text():
    from storyline.clean.html import _accept_slow

    assert _accept_slow(30, 400)              # thin fast text: anything longer wins
    assert not _accept_slow(1000, 300)        # lost most of a long body: a section, not a fix
    assert _accept_slow(400, 1200)            # tripled a substantial text: the rest of a list it began
    assert not _accept_slow(400, 1600)        # quadrupled it: a page-wide grab
    # ... unless the fast text is a page's comments, read because its main block was thin:
    # then trafilatura's longer text is the body Resiliparse missed
    assert _accept_slow(400, 1200, capped=False)
    assert not _accept_slow(400, 100, capped=False)   # threads keep their replies


def _docs_page(sections: int) -> str:
    """A fragmented documentation page: many short headed sections, a long visible text."""
    body = "".join(f"<h2>Option {i}</h2><p>Sets the value {i}.</p><ul><li>default: {i}</li><li>type: int</li></ul>"
                   f"<p>The option number {i} controls how the client retries a request after the server "
                   f"answers with an error, and how long it waits before trying again.</p>" for i in range(sections))
    return f"<html lang='en'><head><title>Client options</title></head><body><main>{body}</main></body></html>"


def test_trafilatura_full_mode_when_its_fast_pass_kept_a_small_block(monkeypatch):
    from storyline.clean import html as H

    first = "The option number 0 controls how the client retries a request after the server answers."
    calls = []
    monkeypatch.setattr(H, "_resiliparse_text", lambda tree, opts=None: first)  # its main block missed
    monkeypatch.setattr(H, "_trafilatura_text", lambda html, url, comments=False: first + "\n" + first)
    monkeypatch.setattr(H, "_trafilatura_full_text",
                        lambda html, url: calls.append(1) or "\n".join([first] * 40))
    ex = H.extract_html(_docs_page(40))
    assert (ex.method, len(calls)) == ("trafilatura-full", 1)
    # a fast-pass text that is a fair share of the page is kept, and full mode is not paid for
    calls.clear()
    monkeypatch.setattr(H, "_trafilatura_text", lambda html, url, comments=False: "\n".join([first] * 30))
    ex = H.extract_html(_docs_page(40))
    assert (ex.method, calls) == ("trafilatura", [])


def test_linked_headings_over_prose_are_kept_and_linked_heading_menus_dropped():
    sections = [("Choosing when your workflow runs", "You can configure workflows to run on a schedule "
                 "or to run when certain events happen in the repository, such as a push or a new issue."),
                ("Choosing where your workflow runs", "You can specify the compute environment your jobs run "
                 "in, from hosted runners of several operating systems to machines you manage yourself.")]
    cards = "".join(f'<div class="card"><h2><a href="/docs/{i}">{h}</a></h2><p>{p}</p></div>'
                    for i, (h, p) in enumerate(sections))
    menu = "".join(f'<h3><a href="/docs/other/{i}">Other topic {i}</a></h3>' for i in range(4))
    page = (f"<html lang='en'><head><title>Writing workflows</title></head><body><main><h1>Writing workflows</h1>"
            f"<p>Workflows automate tasks throughout the software development lifecycle, from tests to releases.</p>"
            f"{cards}<div class='more'>{menu}</div></main></body></html>")
    from storyline.clean.html import _mods, _resiliparse_text

    lines = _resiliparse_text(_mods()["HTMLTree"].parse(page)).split("\n")
    for heading, para in sections:
        assert heading in lines and lines.index(heading) + 1 == lines.index(para), lines
    assert not any(line.startswith("Other topic") for line in lines), lines


def test_author_box_and_disclaimer_are_not_article_text():
    bio = ("Maureen Salmon is the executive editor of the health letter. She has written about "
           "medicine and mental health for twenty years for newspapers and magazines.")
    disclaimer = ("No content on this site, regardless of date, should ever be used as a substitute for "
                  "direct medical advice from your doctor or other qualified clinician.")
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (f"<html lang='en'><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>{body}"
            f"<div class='author-bio-box'><h3>About the Author</h3><p>{bio}</p></div>"
            f"<div class='article-disclaimer'><p>{disclaimer}</p></div></article></body></html>")
    text = extract_html(page).text
    assert all(p[:50] in text for p in PARAGRAPHS)
    assert bio[:40] not in text and disclaimer[:40] not in text, text


# --- a confident but thin main-content guess (issue 10) ---------------------------------

ROUNDUP_ITEMS = [("Rustic wooden quilt block wall art", "cut from scrap pine boards and stained in three shades"),
                 ("Farmhouse serving tray with rope handles", "built from a single cedar fence picket in an afternoon"),
                 ("Modern plant stand for the porch", "four legs, two shelves and a coat of outdoor paint"),
                 ("Scrap wood coasters", "sliced from a walnut offcut and sealed with beeswax"),
                 ("Wall mounted coat rack", "a reclaimed board, five hooks and a french cleat"),
                 ("Simple bench for the entryway", "pocket screws and a weekend are all it takes"),
                 ("Pallet wood picture frame", "mitred corners cut with a miter saw"),
                 ("Kids' wooden step stool", "rounded edges and a non-slip finish for little feet")]
DISCLOSURE = ("Jeanie is a participant in the Amazon Services LLC Associates Program, an affiliate advertising "
              "program designed to provide a means for sites to earn advertising fees by linking to amazon.com.")


def _roundup_page() -> str:
    """A blog roundup whose items are links to other blogs (link-dense, so the fast path drops
    them) under a large category menu: the fast text keeps only the intro and the outro."""
    menu = "".join(f"<li><a href='/category/{i}'>Category {i}</a></li>" for i in range(260))
    items = "".join(f"<p><a href='https://friendblog.example/{i}'>{t}: {d}. See the full tutorial.</a></p>"
                    for i, (t, d) in enumerate(ROUNDUP_ITEMS))
    return ("<html><head><title>10 easy DIY wood projects</title></head><body>"
            f"<header><ul>{menu}</ul></header><main><article><h1>10 Easy DIY Wood Projects to Make</h1>"
            "<div class='entry-content'><p>Some of my best blogging friends and I are sharing our favorite easy DIY "
            "wood projects that we made using power tools this spring.</p><p>None of them needs a big workshop: a "
            "drill, a miter saw and a sander are enough for every one of the builds below, and most take an "
            f"afternoon.</p>{items}<p>I hope these projects inspire you to get out to the garage this weekend and "
            "make something with your own hands.</p></div></article></main>"
            f"<footer><h4>Amazon Associates Disclosure</h4><div class='textwidget'>{DISCLOSURE}</div></footer>"
            "</body></html>")


def test_thin_confident_text_on_a_long_page_gets_a_second_reading():
    ex = extract_html(_roundup_page())
    assert ex.method == "trafilatura"
    kept = [t for t, _d in ROUNDUP_ITEMS if t in ex.text]
    assert len(kept) >= 4                                   # the roundup's items are back
    assert "None of them needs a big workshop" in ex.text
    assert DISCLOSURE[:40] not in ex.text and "Category 12" not in ex.text


def test_thin_confident_text_stands_against_a_fragmented_second_reading(monkeypatch):
    from storyline.clean import html as H

    menu = "\n".join(f"Category {i}" for i in range(200))  # what a reader mistaking the menu for the body returns
    monkeypatch.setattr(H, "_trafilatura_text", lambda html, url, comments=False: menu)
    ex = extract_html(_roundup_page())
    assert ex.method == "resiliparse"
    assert "None of them needs a big workshop" in ex.text and "Category 12" not in ex.text


# --- a page that holds its text twice (issue 10) -------------------------------------------

def test_a_copy_of_the_article_for_another_screen_is_read_once():
    from pages import PARAGRAPHS as STORY

    copy = "".join(f"<p>{p}</p>" for p in STORY[:4])
    page = ("<html><head><title>Harbour budget approved</title></head><body><main><article>"
            "<h1>Harbour budget approved</h1>"
            f"<div class='d-none d-md-block'>{copy}</div><div class='d-md-none'>{copy}</div>"
            "</article></main></body></html>")
    text = extract_html(page).text
    assert all(text.count(p) == 1 for p in STORY[:4])


def test_recurring_short_lines_of_a_plan_stay():
    days = "".join(
        f"<h3>Day {d}</h3><p>Breakfast: oatmeal with one cup of blueberries and a spoon of peanut butter</p>"
        f"<p>Lunch: {dish} with a side salad of cucumber and cherry tomatoes</p>"
        for d, dish in enumerate(["Grilled chicken wrap", "Lentil soup", "Tuna salad sandwich", "Vegetable stir fry"], 1))
    page = ("<html><head><title>A four-day meal plan</title></head><body><article><h1>A four-day meal plan</h1>"
            "<p>This plan keeps breakfast the same every day so that mornings stay simple, and changes lunch.</p>"
            f"{days}</article></body></html>")
    text = extract_html(page).text
    assert text.count("Breakfast: oatmeal with one cup of blueberries") == 4


def test_thin_confident_text_gets_the_full_mode_when_the_fast_pass_found_even_less(monkeypatch):
    from storyline.clean import html as H

    body = "\n".join(f"{t}: {d}, as the full tutorial on the friend's blog explains step by step." for t, d in ROUNDUP_ITEMS)
    monkeypatch.setattr(H, "_trafilatura_text", lambda html, url, comments=False: "Category 1\nCategory 2")
    monkeypatch.setattr(H, "_trafilatura_full_text", lambda html, url: body)
    ex = extract_html(_roundup_page())
    assert ex.method == "trafilatura-full" and ex.text.startswith(ROUNDUP_ITEMS[0][0])
    # the full mode is not asked when the fast pass found more than the thin text
    calls = []
    monkeypatch.setattr(H, "_trafilatura_text", lambda html, url, comments=False: "\n".join(["Category 1"] * 60))
    monkeypatch.setattr(H, "_trafilatura_full_text", lambda html, url: calls.append(1) or body)
    assert extract_html(_roundup_page()).method == "resiliparse" and not calls


# --- <figure> elements: text when they hold a table or a quote ---------------------------

RANKING = [("1", "State Farm Group", "107,764,591"), ("2", "Berkshire Hathaway Insurance", "80,324,255"),
           ("3", "Progressive Insurance Group", "74,411,830"), ("4", "Allstate Insurance Group", "52,715,488")]
PULL_QUOTE = "Premiums written rose faster than at any time in the past decade, the bureau said."


def _wordpress_page() -> str:
    """A WordPress (Gutenberg) post: its data table and its pull quote sit in <figure>
    blocks, beside a photo figure with an alt text and a credit line."""
    rows = "".join(f"<tr><td>{r}</td><td>{name}</td><td>{npw}</td></tr>" for r, name, npw in RANKING)
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    rest = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
    return (f"<html lang='en'><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
            f"<div class='entry-content'>{body}"
            "<figure class='wp-block-image'><img src='/photo.jpg' alt='Insurance office building in Bloomington'>"
            "<span class='photo-credit'>Scott Olson/Getty Images</span></figure>"
            "<h2>Largest writers by net premiums</h2>"
            f"<figure class='wp-block-table'><table><thead><tr><th>Rank</th><th>Group</th><th>NPW ($000)</th></tr>"
            f"</thead><tbody>{rows}</tbody></table></figure>"
            f"<figure class='wp-block-pullquote'><blockquote><p>{PULL_QUOTE}</p></blockquote></figure>"
            f"{rest}</div></article></body></html>")


def test_tables_and_quotes_in_figures_are_text_photos_and_alt_texts_are_not():
    text = extract_html(_wordpress_page()).text
    assert all(p[:50] in text for p in PARAGRAPHS)
    for _rank, name, npw in RANKING:
        assert name in text and npw in text, text
    assert PULL_QUOTE in text
    assert "Getty Images" not in text and "Bloomington" not in text
    # the table sits where the page has it: after the third paragraph, before the fourth
    assert text.index(PARAGRAPHS[2][:40]) < text.index(RANKING[0][1]) < text.index(PARAGRAPHS[3][:40])


def test_a_header_that_holds_the_post_is_read_and_a_page_header_is_not():
    """Webflow's templates put a whole blog post in <header class="section_...">; the
    site's own header (a menu, a tagline) stays out."""
    menu = "".join(f"<a href='/{w.lower()}'>{w}</a> " for w in ("Home", "Pricing", "Blog", "Careers", "Contact"))
    post = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (f"<html lang='en'><head><title>{TITLE}</title></head><body>"
            f"<header class='site-header'><nav>{menu}</nav><p>Health cover for small teams, since 2019.</p></header>"
            f"<main class='main-wrapper'><header class='section_blog-post-content'><div class='container'>"
            f"<h1>{TITLE}</h1><div class='rich-text'>{post}</div></div></header></main>"
            "<footer><p>© 2025 Example Health Inc. All rights reserved.</p></footer></body></html>")
    text = extract_html(page).text
    assert _lines(text) == PARAGRAPHS



def test_a_named_body_inside_a_container_named_like_chrome_is_read(monkeypatch):
    """A template wraps the body in a table-of-contents column whose class ends
    "toc-content-sidebar", a name Resiliparse drops as an article's sidebar meta. The body
    the page names (class "article-body") is read, with trafilatura failing on the page; the
    site's menu and footer stay out."""
    from storyline.clean import html as H

    monkeypatch.setattr(H, "_trafilatura_text", lambda html, url, comments=False: "")
    menu = "".join(f"<a href='/{w.lower()}'>{w}</a> " for w in ("Home", "Markets", "Investing", "Retirement"))
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    toc = "".join(f"<li><a href='#s{i}'>Section {i}</a></li>" for i in range(1, 5))
    page = (f"<html lang='en'><head><title>{TITLE}</title></head><body>"
            f"<header class='site-header'><nav>{menu}</nav></header><main><div id='content-page'><section class='mx-auto'>"
            "<div class='key-points'><h2>Key Points</h2><ul><li>Spending on cloud computing is projected to "
            "triple by 2030.</li><li>Leading providers include three large technology groups.</li></ul></div>"
            "<div class='mt-5 md:mt-10 grid-toc-content-sidebar'><div class='sticky'><ul>" + toc + "</ul></div>"
            "<div id='article-body-main' class='article-body mx-auto w-full max-w-full'>"
            f"<div class='cms-content article-body'>{body}</div></div></div></section></div></main>"
            "<footer><p>© 2025 Example Media. All rights reserved.</p></footer></body></html>")
    lines = _lines(extract_html(page).text)
    assert all(p in lines for p in PARAGRAPHS)
    assert not any("All rights reserved" in ln or "Markets" == ln for ln in lines)


def test_a_named_body_the_fast_text_holds_is_not_read_again():
    """The body read by Resiliparse already: the page's text is the same with or without
    the article-body class on its container."""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (f"<html lang='en'><head><title>{TITLE}</title></head><body><main>"
            f"<div class='post-content'>{body}</div></main>"
            "<aside class='sidebar'><p>" + " ".join(["Subscribe to our weekly newsletter for more"] * 4)
            + "</p></aside></body></html>")
    plain = page.replace(" class='post-content'", "")
    assert extract_html(page).text == extract_html(plain).text
    assert _lines(extract_html(page).text) == PARAGRAPHS


def test_a_bulleted_list_in_the_body_is_text_a_teaser_list_beside_it_is_not():
    """Resiliparse's main-content mode drops every <ul>. A list that follows a paragraph of
    the body (a directory of clinics, a plant's features) is text; a list of other stories in
    a box of its own is not."""
    clinics = ["Access Institute for Psychological Services, 110 Gough St., psychotherapy and medication, "
               "fees based on income",
               "Center for Somatic Psychotherapy, 220 Montgomery St., psychotherapy on a sliding scale "
               "of 35 to 110 dollars per session",
               "Dimensions Health Clinic, 3850 17th Street, psychotherapy for young people aged 12 to 25 "
               "and a weekly support group"]
    items = "".join(f"<li>{c}</li>" for c in clinics)
    teasers = "".join(f"<li>{h} <span>{when}</span></li>" for h, when in RELATED_HEADLINES)
    page = (f"<html lang='en'><head><title>{TITLE}</title></head><body><main><article>"
            f"<p>{PARAGRAPHS[0]}</p><h2>Low-cost providers</h2><p>{PARAGRAPHS[1]}</p>"
            f"<ul class='wp-block-list'>{items}</ul><p>{PARAGRAPHS[2]}</p></article>"
            f"<div class='more-stories'><h3>More stories</h3><ul>{teasers}</ul></div></main></body></html>")
    lines = _lines(extract_html(page).text)
    assert all(c in lines for c in clinics)
    assert not any(h in line for h, _ in RELATED_HEADLINES for line in lines)

# --- trafilatura's text with the paragraphs it dropped put back ---------------------------

PRODUCTS = ["QuickBooks Online", "FreshBooks", "Xero", "Zoho Books", "Wave", "Sage 50 Accounting",
            "NCH Express", "GnuCash", "AccountEdge", "QuickBooks Desktop", "Kashoo", "ZipBooks"]
CRITERIA = [
    "Invoicing (20%): I assessed each product's ability to create, send and track invoices, and gave credit "
    "for recurring invoices, online payments and automatic reminders to late payers.",
    "Banking and reconciliation (18%): I looked for platforms that connect to bank and card feeds, match "
    "transactions automatically and let you reconcile a month in a few minutes.",
    "Financial reporting (11%): this criterion reflects the breadth of the reports, from profit and loss "
    "to cash flow, and whether they can be customised and scheduled for an accountant.",
]


def _buyers_guide_page() -> str:
    names = "".join(f"<h3>{p}</h3>" for p in PRODUCTS)
    intro = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    crit = "".join(f"<p>{c}</p>" for c in CRITERIA)
    outro = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:6])
    return (f"<html lang='en'><head><title>Best accounting software</title></head><body><main><article>"
            f"<h1>Best accounting software</h1>{intro}<h2>The products we compared</h2>{names}"
            f"<h2>How I evaluated them</h2>{crit}<h2>Our verdict</h2>{outro}</article></main></body></html>")


def test_paragraphs_trafilatura_dropped_inside_the_body_are_put_back(monkeypatch):
    from storyline.clean import html as H

    kept = PARAGRAPHS[:3] + ["The products we compared"] + PRODUCTS + ["How I evaluated them", "Our verdict"] + PARAGRAPHS[3:6]
    monkeypatch.setattr(H, "_trafilatura_text", lambda html, url, comments=False: "\n".join(kept))
    ex = extract_html(_buyers_guide_page())
    assert ex.method == "trafilatura"
    lines = _lines(ex.text)
    assert lines == PARAGRAPHS[:3] + ["The products we compared"] + PRODUCTS + ["How I evaluated them"] + CRITERIA + \
        ["Our verdict"] + PARAGRAPHS[3:6]


def test_a_lone_line_trafilatura_cut_stays_out(monkeypatch):
    from storyline.clean import html as H

    # trafilatura kept everything but the last criterion: one line, under a tenth of its words
    kept = (PARAGRAPHS[:3] + ["The products we compared"] + PRODUCTS + ["How I evaluated them"] + CRITERIA[:2]
            + ["Our verdict"] + PARAGRAPHS[3:6])
    monkeypatch.setattr(H, "_trafilatura_text", lambda html, url, comments=False: "\n".join(kept))
    ex = extract_html(_buyers_guide_page())
    assert ex.method == "trafilatura" and _lines(ex.text) == kept


def test_an_accordions_collapsed_panels_are_text_a_hidden_dialog_is_not():
    steps = [("Get a home energy assessment", PARAGRAPHS[0]), ("Compare quotes from installers", PARAGRAPHS[1]),
             ("Apply for incentives and permits", PARAGRAPHS[2]), ("Schedule the installation", PARAGRAPHS[3])]
    panels = "".join(
        f"<div class='acc'><h3><button aria-expanded='false' aria-controls='p{i}' id='h{i}'>{title}</button></h3>"
        f"<div id='p{i}' role='region' aria-labelledby='h{i}' style='display:none;'><p>{body}</p></div></div>"
        for i, (title, body) in enumerate(steps))
    dialog = ("<div role='dialog' aria-labelledby='dlg' hidden><h2 id='dlg'>Get your free solar quote</h2>"
              "<p>Enter your address and we will match you with up to three pre-screened installers in your "
              "area within one business day, with no obligation and no spam.</p></div>")
    page = (f"<html lang='en'><head><title>{TITLE}</title></head><body><article><h1>How to go solar</h1>"
            f"<p>{PARAGRAPHS[4]}</p>{panels}<p hidden='until-found'>{PARAGRAPHS[5]}</p></article>{dialog}</body></html>")
    text = extract_html(page).text
    for _title, body in steps:
        assert body in text
    assert PARAGRAPHS[5] in text
    assert "pre-screened installers" not in text


def test_trafilaturas_headline_and_byline_before_the_body_are_dropped_a_long_lead_is_not(monkeypatch):
    from storyline.clean import html as H

    body = PARAGRAPHS[:3] + ["The products we compared"] + PRODUCTS + ["How I evaluated them"] + CRITERIA + \
        ["Our verdict"] + PARAGRAPHS[3:6]
    lead = ["Best accounting software", "By Jane Roe · Updated March 5, 2025 · 5 min read"]
    monkeypatch.setattr(H, "_trafilatura_text", lambda html, url, comments=False: "\n".join(lead + body))
    ex = extract_html(_buyers_guide_page())
    assert ex.method == "trafilatura" and _lines(ex.text) == body
    # an opening the fast text missed that is a fifth of the text or more is trafilatura's to keep
    opening = PARAGRAPHS[6:8] + [p + " " + p for p in PARAGRAPHS[6:8]]
    monkeypatch.setattr(H, "_trafilatura_text", lambda html, url, comments=False: "\n".join(opening + body))
    assert _lines(extract_html(_buyers_guide_page()).text) == opening + body


def test_nested_figures_with_several_tables_are_opened_once_each():
    rows = lambda name: "".join(f"<tr><td>{name} row {i}</td><td>{i * 7}</td></tr>" for i in range(3))
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:4])
    page = (f"<html><body><main><article><h1>{TITLE}</h1>{body}<figure class='gallery'>"
            f"<figure><table>{rows('Inner')}</table></figure><table>{rows('Outer')}</table>"
            f"<blockquote><p>{PULL_QUOTE}</p></blockquote></figure><p>{PARAGRAPHS[4]}</p></article></main></body></html>")
    text = extract_html(page).text
    assert "Inner row 2" in text and "Outer row 0" in text and PULL_QUOTE in text
    assert text.index("Inner row 0") < text.index("Outer row 0") < text.index(PARAGRAPHS[4][:30])


def test_page_preparation_is_bounded_on_a_page_of_thousands_of_panels_and_figures():
    """Each preparation step is one CSS query (node collections are quadratic to iterate
    from Python): a hostile page gets MAX_PREPARED steps, and the rest stays as it is."""
    from storyline.clean import html as H

    panels = "".join(f"<div role='region' hidden><p>Answer number {i} of the long FAQ.</p></div>" for i in range(3000))
    figures = "".join(f"<figure><table><tr><td>Row {i}</td></tr></table></figure>" for i in range(3000))
    tree = H._parse(f"<html><body><main>{panels}{figures}</main></body></html>")
    shown = tree.body.query_selector_all("[role='region']:not([hidden])")
    opened = tree.body.query_selector_all("table:not(figure table)")
    assert len(shown) == H.MAX_PREPARED and len(opened) == 0
    tree = H._parse(f"<html><body><main>{figures}</main></body></html>")
    assert len(tree.body.query_selector_all("table:not(figure table)")) == H.MAX_PREPARED
    lists = "".join(f"<p>Step {i} of the guide.</p><ul><li>Item {i}</li></ul>" for i in range(3000))
    tree = H._parse(f"<html><body><main>{lists}</main></body></html>")
    assert len(tree.body.query_selector_all("ol")) == H.MAX_PREPARED
    assert len(tree.body.query_selector_all("ul")) == 3000 - H.MAX_PREPARED
