"""Plain-text dumps of real-looking news pages (issue 10): a trailing list of unrelated
trending headlines, a headline printed twice after a section label, a wire credit line
followed by junk. The dumps are written here, line by line, as a scraper would save them."""
from __future__ import annotations

from storyline.clean import clean_page
from storyline.clean.text import clean_text
from storyline.model import Article, Page

HEADLINE = "India and Japan agree to expand defence cooperation during Tokyo talks"
BODY = [
    "India and Japan on Tuesday agreed to deepen their defence and security ties, with both sides "
    "pledging to hold more joint exercises and to work together on the production of military equipment.",
    "The agreement came during talks in Tokyo between Defence Minister Rajnath Singh and his Japanese "
    "counterpart, who said the two countries shared a responsibility for peace in the Indo-Pacific region.",
    "Officials said the ministers discussed maritime security, supply chains for defence technology and "
    "the training of personnel, and that a working group would meet before the end of the year.",
    "Singh said the partnership had grown steadily over the past decade and that India welcomed Japanese "
    "investment in its defence manufacturing sector, according to a statement released after the meeting.",
    "The two ministers also reviewed the progress of the annual summit held last month and agreed that "
    "their navies would take part in a larger exercise in the Bay of Bengal next year.",
]
CREDIT = ("This story has been published from a wire agency feed without modifications to the text. "
          "Only the headline has been changed.")
AGENCY = "ANI"
# What follows the story on such pages: share buttons, an app promotion, then a rail of
# trending headlines from every section, none about the story.
JUNK_AFTER_CREDIT = ["Catch all the Business News and Updates on Live Mint.", "Download App", "Share", "MoreLess"]
TRENDING = [
    "Taylor Swift announces surprise extra dates for her European tour",
    "Stock market today: Sensex ends 400 points higher as banks rally",
    "Gold price today slips for third straight session on strong dollar",
    "This new crypto presale raised $5 million in 48 hours, investors rush in",
    "IPL 2025: Mumbai Indians beat Chennai Super Kings in last-over thriller",
    "Bollywood star's wedding photos go viral on social media",
    "Apple unveils cheaper iPhone model with bigger battery",
    "Monsoon to arrive early in Kerala this year, says weather office",
    "Five stocks to buy this week, according to market experts",
    "Netflix confirms second season of hit thriller series",
    "Petrol and diesel prices unchanged across major cities",
    "Virat Kohli opens up about his fitness routine",
    "Best budget smartphones under ₹20,000 to buy this month",
    "Bitcoin climbs past $70,000 as ETF inflows rise",
    "Oscar-winning director to make his first Indian film",
    "Home loan rates: what the latest central bank decision means for you",
    "Real Madrid sign teenage striker in record deal",
    "Tata Motors shares jump after strong quarterly sales",
    "Celebrity chef shares his favourite monsoon recipes",
    "New tax regime: five changes every salaried employee should know",
    "Meme coin soars 300% in a week as traders pile in",
    "Grand Slam champion announces retirement from tennis",
    "Upcoming cars launching in India next month",
    "Box office collection: action drama crosses ₹500 crore",
    "Rupee opens flat against US dollar in early trade",
    "Healthy breakfast ideas for busy mornings",
    "Olympic medallist to lead national team at Asian Games",
    "Budget airline announces sale on domestic flights",
    "Streaming platforms raise subscription prices again",
    "Top gainers and losers on the Nifty today",
]


def trending_dump(section: str | None = "WORLD") -> str:
    top = ["Skip to content", "Home", "Markets", "Companies", "Opinion", "Subscribe", "Sign In"]
    if section:
        top.append(section)
    lines = top + [HEADLINE, HEADLINE, "2 min read . Updated: 12 Mar 2025, 09:14 PM IST"]
    lines += BODY + [CREDIT, AGENCY] + JUNK_AFTER_CREDIT + ["Trending Stories"] * 0 + TRENDING
    lines += ["About Us", "Contact Us", "Terms of Use", "Privacy Policy", "Copyright © 2025 HT Digital Streams Ltd"]
    return "\n".join(lines)


def _article(text: str) -> Article:
    art = clean_page(Page(source="dump.txt", content=text.encode(), kind="text", id="dump"))
    assert isinstance(art, Article), art
    return art


def test_trailing_trending_headlines_are_dropped():
    ct = clean_text(trending_dump())
    for p in BODY:
        assert p in ct.text
    assert not any(h in ct.text for h in TRENDING)
    assert ct.text.split("\n")[-1] in (BODY[-1], CREDIT)


def test_headline_repeated_after_section_label_is_the_title_once():
    for section in ("WORLD", None, "Politics"):
        ct = clean_text(trending_dump(section))
        assert ct.title == HEADLINE
        assert HEADLINE not in ct.text
        assert section is None or section not in ct.text.split("\n")


def test_wire_credit_followed_by_junk_sets_syndicated_from():
    art = _article(trending_dump())
    assert art.title == HEADLINE
    assert art.syndicated_from == "ANI"
    assert not any(h in art.text for h in TRENDING)


def test_rail_after_a_short_story_or_with_final_periods_is_dropped():
    short = "\n".join(["WORLD", HEADLINE, HEADLINE] + BODY[:2] + [CREDIT] + TRENDING)
    dotted = "\n".join(["WORLD", HEADLINE, HEADLINE] + BODY + [h + "." for h in TRENDING])
    for dump, body in ((short, BODY[:2]), (dotted, BODY)):
        ct = clean_text(dump)
        assert all(p in ct.text for p in body)
        assert not any(h in ct.text for h in TRENDING)


def test_closing_list_about_the_story_is_not_a_rail():
    from storyline.clean import text as T

    follow_up = [
        "Rajnath Singh to visit Japanese defence manufacturing plants in Tokyo",
        "India and Japan navies plan larger exercise in the Bay of Bengal",
        "Japanese counterpart says Indo-Pacific security ties will grow",
        "Working group on defence technology supply chains to meet this year",
    ]
    texts = BODY + follow_up
    lines = [T._Line(i, t, len(t.split()), True, False) for i, t in enumerate(texts)]
    order = list(range(len(lines)))
    assert T._drop_trailing_headlines(lines, order) == order            # shares the story's names
    rail = [T._Line(i, t, len(t.split()), True, False) for i, t in enumerate(BODY + TRENDING[:6])]
    assert T._drop_trailing_headlines(rail, list(range(len(rail)))) == list(range(len(BODY)))


def _wrap(paragraph: str, width: int = 68, indent: str = "    ") -> list[str]:
    """A paragraph as a wire archive or a mail client writes it: cut at a fixed width, the
    first line indented."""
    import textwrap

    return textwrap.wrap(paragraph, width=width, initial_indent=indent)


def test_hard_wrapped_wire_copy_is_read_as_paragraphs():
    # Reuters 1987 in the 28.8k-article corpus is cut at about 70 characters: sentences, quotes
    # and the line classifier need whole paragraphs
    lines = ["INDIA, JAPAN AGREE TO EXPAND DEFENCE TIES", ""]
    for p in BODY + ['"We made real progress on maritime security," Singh told reporters after the talks, '
                     'adding that the working group would report to both governments by December.']:
        lines += _wrap(p)
    lines += [" Reuter"]
    art = _article("\n".join(lines))
    for p in BODY:
        assert p in art.text.split("\n"), p          # each paragraph on one line again
    from storyline.analyse import analyse_article

    analyse_article(art)
    quote = next(q for q in art.quotes if "real progress" in q.text)
    assert "Singh" in quote.speaker


def test_dumps_with_one_paragraph_per_line_and_menus_stay_as_they_are():
    from storyline.clean.text import unwrap_hard_wrapped

    dump = trending_dump()
    assert unwrap_hard_wrapped(dump) == dump
    menu = "\n".join(f"{h} - read the full story on our site today" for h in TRENDING * 2)
    assert unwrap_hard_wrapped(menu) == menu                          # same width, each line an item


def test_wire_copy_keeps_bracketed_names_and_a_short_first_line():
    # Reuters 1987 (the 28.8k corpus): tickers and company names in angle brackets, and a first
    # line cut short upstream; both were lost (the names stripped as tags, the line taken for
    # furniture), leaving "said its agreement ..." without its subject
    lines = ["<Associated Porcupine Mines Ltd> said"]
    lines += _wrap("its September 22, 1986 agreement with Quill Resources Ltd had been terminated because "
                   "Quill failed to make the payments required under the accord, the company said. Under the "
                   "agreement, Quill was to provide funding for a three phase program to explore the company's "
                   "properties in northern Ontario, and the two companies will now seek other partners.",
                   indent="")
    lines += _wrap("Texas Air Corp's <TEX> Continental Airlines unit said its February load factor fell to "
                   "60.3 pct from 62.3 pct a year earlier, and revenue passenger miles grew 95.8 pct.")
    art = _article("\n".join(lines))
    assert art.text.startswith("<Associated Porcupine Mines Ltd> said its September 22, 1986 agreement")
    assert "Texas Air Corp's <TEX> Continental" in art.text
    wrapped = "\n".join(["Highveld Steel and Vanadium Corp"] + _wrap(
        "Ltd said it expects 1987 earnings will be lower than last year because of the strong rand and "
        "weaker steel prices, and that it will cut its capital spending by a fifth, the company said on "
        "Tuesday in its annual report to shareholders.", indent=""))
    assert _article(wrapped).text.startswith("Highveld Steel and Vanadium Corp Ltd said it expects")
    wrapped = "\n".join(["Cooper Industries Inc asked the"] + _wrap(
        "Federal Trade Commission to vacate a 1979 order that restricts its acquisitions in the "
        "compressor industry, saying that the market had changed since the order was issued, and "
        "that competitors had since merged, the company said.", indent=""))
    assert _article(wrapped).text.startswith("Cooper Industries Inc asked the Federal Trade Commission")
    from storyline.clean.text import strip_tags

    assert strip_tags('Hello <b>world</b> <a href="x">link</a><BR>') == "Hello world link"
