"""Tests for storyline.clean.text (text-only boilerplate removal)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.text import CleanText, clean_text, strip_tags

P1 = (
    "The city council voted on Tuesday to approve a new plan for the river district, ending a debate "
    "that has divided residents for more than two years."
)
P2 = (
    "Under the plan, the old warehouses along the water will be turned into housing, a public park and "
    "a small market, and the city will pay for new flood defences."
)
P3 = (
    "Supporters said the project would bring hundreds of homes to a part of town that has been empty "
    "for decades, while critics warned that rents would rise for people who already live nearby."
)
P4 = (
    "The mayor said construction could start next spring if the state releases the money it promised, "
    "and that the first families could move in by the end of 2026."
)
HEADLINE = "City council approves river district plan after two-year fight"


def _lines(res: CleanText) -> list[str]:
    return res.text.split("\n") if res.text else []


NEWS_DUMP = "\n".join(
    [
        "Skip to main content",
        "Home",
        "News",
        "Sport",
        "Business",
        "Opinion",
        "Subscribe",
        "Sign in",
        "We use cookies to improve your experience on our site. By continuing to browse you accept our use of cookies.",
        "Accept all cookies",
        HEADLINE,
        "By Jane Smith",
        "March 3, 2024 10:42 am",
        P1,
        P2,
        "Advertisement",
        P3,
        "What the plan includes",
        P4,
        "Share on Facebook",
        "Share on Twitter",
        "Related articles",
        "Residents rally against new parking fees downtown",
        "2 hours ago",
        "School board names interim superintendent",
        "5 hours ago",
        "Bridge repairs to close two lanes this weekend",
        "Yesterday",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Comment",
        "Name *",
        "Email *",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Post Comment",
        "Privacy Policy",
        "Terms of Use",
        "© 2024 Example News. All rights reserved.",
    ]
)


def test_news_dump_keeps_article_drops_furniture():
    res = clean_text(NEWS_DUMP)
    out = _lines(res)
    for p in (P1, P2, P3, P4):
        assert p in out
    # subheading between paragraphs belongs to the article
    assert "What the plan includes" in out
    for junk in (
        "Skip to main content",
        "Home",
        "Subscribe",
        "Sign in",
        "Accept all cookies",
        "Related articles",
        "Residents rally against new parking fees downtown",
        "2 hours ago",
        "Bridge repairs to close two lanes this weekend",
        "Leave a Reply",
        "Post Comment",
        "Privacy Policy",
        "Share on Facebook",
        "Advertisement",
        "By Jane Smith",
    ):
        assert junk not in out, junk
    assert not any("cookies" in x for x in out)
    assert not any("email address will not be published" in x for x in out)
    assert res.title == HEADLINE
    assert HEADLINE not in out


FORUM_P1 = (
    "I have been running the same home server for six years and finally decided to replace the old "
    "hard drives, so here is what I learned along the way."
)
FORUM_P2 = (
    "First, check the health of every disk before you start, because copying a full array puts a lot "
    "of stress on drives that are already close to failing."
)
FORUM_P3 = (
    "Second, do the migration one disk at a time and let the array rebuild completely before you touch "
    "the next one, even if it takes a whole weekend."
)

FORUM_DUMP = "\n".join(
    [
        "Jump to content",
        "Sign In",
        "Create Account",
        "Forums",
        "Hardware",
        "Storage",
        "Replacing the drives in an old home server",
        "Replacing the drives in an old home server",
        "By oldtimer42, March 1 in Storage",
        "Share",
        "Recommended Posts",
        "oldtimer42",
        "Advanced Member",
        "1,204 posts",
        "Posted March 1",
        FORUM_P1,
        FORUM_P2,
        FORUM_P3,
        "This is the hidden content, please Sign In or Sign Up",
        "Editor's message: this topic was moved to Storage.",
        "Link to post",
        "Share on other sites",
        "Reply to this topic...",
        "Go to topic listing",
        "Recently Browsing 0 members",
        "No registered users viewing this page.",
    ]
)


def test_forum_repost_chrome_removed():
    res = clean_text(FORUM_DUMP)
    out = _lines(res)
    for p in (FORUM_P1, FORUM_P2, FORUM_P3):
        assert p in out
    for junk in (
        "Jump to content",
        "Recommended Posts",
        "Advanced Member",
        "1,204 posts",
        "Reply to this topic...",
        "This is the hidden content, please Sign In or Sign Up",
        "Editor's message: this topic was moved to Storage.",
        "Link to post",
        "Go to topic listing",
    ):
        assert junk not in out, junk
    # the headline printed twice becomes the title once
    assert res.title == "Replacing the drives in an old home server"
    assert res.title not in out


def test_foreign_script_widget_hashtags_spam_and_tags():
    dump = "\n".join(
        [
            "World news",
            '<a href="https://example.com/putin">Putin</a> meets Chinese leader in Beijing',
            "Погода в Москве: +3°C, облачно, ветер 5 м/с",
            "Putin and the Chinese leader met for three hours in Beijing on Thursday and signed a dozen agreements "
            'on energy, trade and transport, according to a statement released by <a href="/kremlin">the Kremlin</a>.',
            "Officials said the talks also covered the war in Ukraine, although neither side gave details "
            "of what had been discussed behind closed doors.",
            "Analysts said the visit showed how much closer the two countries have grown since 2022, "
            "when Western sanctions pushed Moscow to look east for new markets.",
            "#Putin #China #Russia #Beijing #diplomacy",
            "EARN 500% PROFIT with our Bitcoin signals!!! Join our Telegram @cryptoking now, guaranteed daily payouts",
            "Курс доллара 92,4 ₽",
        ]
    )
    res = clean_text(dump)
    out = _lines(res)
    assert (
        "Putin and the Chinese leader met for three hours in Beijing on Thursday and signed a dozen agreements "
        "on energy, trade and transport, according to a statement released by the Kremlin." in out
    )
    assert any(x.startswith("Officials said the talks") for x in out)
    assert any(x.startswith("Analysts said the visit") for x in out)
    assert not any("Погода" in x or "Курс" in x for x in out)
    assert not any(x.startswith("#Putin") for x in out)
    assert not any("Bitcoin" in x for x in out)
    assert not any("<a" in x or "href" in x for x in out)
    assert res.title == "Putin meets Chinese leader in Beijing"


def test_repeated_lines_from_site_are_removed():
    dump = "\n".join(["Sign up for the Morning Brief", P1, P2, "Our journalism is supported by readers like you.", P3])
    base = _lines(clean_text(dump))
    assert P1 in base and P3 in base
    res = clean_text(dump, repeated_lines={"Our journalism is supported by readers like you."})
    out = _lines(res)
    assert "Our journalism is supported by readers like you." not in out
    assert P1 in out and P2 in out and P3 in out


def test_strip_tags():
    assert strip_tags('Talks with <a href="https://x.org/p">Putin</a> &amp; Xi') == "Talks with Putin & Xi"
    assert strip_tags("  a   b\t c ") == "a b c"
    assert strip_tags("x < 3 and y > 2") == "x < 3 and y > 2"
    assert strip_tags("<p><b>Bold</b> text</p>") == "Bold text"
    assert strip_tags("") == ""


def test_kept_indices_point_at_input_lines():
    res = clean_text(NEWS_DUMP)
    src = [x.strip() for x in NEWS_DUMP.split("\n") if x.strip()]
    assert [strip_tags(src[i]) for i in res.kept] == _lines(res)


def test_empty_and_degenerate_inputs():
    for s in ("", "   ", "\n\n\n", "<br>", "Home\nNews\nSport", "a" * 5000, "\x00\ud800"):
        res = clean_text(s)
        assert isinstance(res, CleanText)


_line_st = st.one_of(
    st.text(max_size=120),
    st.sampled_from(
        [
            P1,
            P2,
            "Home",
            "Related articles",
            "2 hours ago",
            "We use cookies to improve your experience.",
            '<a href="x">Link</a> text',
            "#a #b #c",
            "Погода +3°C",
            "Reply to this topic...",
            "&amp; &lt;b&gt;",
        ]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_line_st, max_size=40), st.sets(st.text(max_size=30), max_size=5))
def test_property_never_raises_and_never_invents(lines, repeated):
    text = "\n".join(lines)
    res = clean_text(text, repeated_lines=repeated)
    src = [x.strip() for x in text.split("\n") if x.strip()]
    allowed = {strip_tags(x) for x in src}
    for x in _lines(res):
        assert x in allowed
    if res.title is not None:
        assert res.title in allowed
    assert len(res.kept) == len(_lines(res))
    for i, x in zip(res.kept, _lines(res)):
        assert 0 <= i < len(src)
        assert strip_tags(src[i]) == x


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_property_arbitrary_text(text):
    res = clean_text(text)
    allowed = {strip_tags(x.strip()) for x in text.split("\n")}
    for x in _lines(res):
        assert x in allowed


def test_line_in_other_latin_language_removed():
    pt = [
        "O governo anunciou nesta terça-feira um novo pacote de medidas para reduzir o preço dos combustíveis, "
        "que subiu mais de dez por cento desde o começo do ano.",
        "Segundo o ministro, as medidas devem entrar em vigor na próxima semana e não terão impacto nas contas "
        "públicas, porque serão compensadas por cortes em outras áreas.",
        "Os economistas ouvidos pela reportagem disseram que o efeito será pequeno e que os preços devem "
        "continuar altos até o fim do ano.",
    ]
    dump = "\n".join(
        [
            "Início",
            "Economia",
            pt[0],
            "The weather today is sunny with a high of 25 degrees and a light wind from the west.",
            pt[1],
            pt[2],
            "Mais lidas",
        ]
    )
    out = _lines(clean_text(dump))
    for p in pt:
        assert p in out
    assert not any(x.startswith("The weather today") for x in out)


def test_unrelated_headline_list_and_market_ticker_after_article_are_dropped():
    from pages import PARAGRAPHS, TICKER_LINE

    headlines = [
        "Heatwave grips southern Europe as temperatures pass 40C",
        "Central bank holds rates steady for third month",
        "Champions League draw: holders face tough group",
        "New smartphone sales slow as prices rise",
        "Wildfire forces evacuation of mountain villages",
        "Film festival opens with record number of premieres",
    ]
    dump = "\n".join(["World", "Politics", TICKER_LINE, "Kremlin weighs US proposal"] + PARAGRAPHS[:5]
                     + headlines + ["© 2025 Example News"])
    out = _lines(clean_text(dump))
    for p in PARAGRAPHS[:5]:
        assert p in out
    assert not any(h in out for h in headlines)
    assert TICKER_LINE not in out
