"""Pages rendered with React's streaming (Next.js app router): the article's paragraphs
arrive in hidden segments at the end of the body, placeholders stand where they belong."""
from storyline.clean.html import extract_html
from storyline.clean.streamed import unstream

PARAGRAPHS = [
    "An index fund holds every stock of a market index, so its return follows the index rather than a manager's picks.",
    "Costs matter more than anything else: a fund charging one percent a year keeps a large share of a saver's gains.",
    "Most brokerages let investors buy index funds without commissions, and many have no minimum investment at all.",
    "Investors who need the money within a few years may prefer bonds, since stock indexes can fall sharply in a year.",
    "Holding a fund in a tax-advantaged account such as an IRA defers the tax on its dividends until withdrawal.",
]
INTRO = "Key points: index funds track an index, fees are low, and returns vary with the index."


def _streamed_page() -> str:
    # the shape React writes: boundaries with their fallbacks in the article, segments at the
    # end of the body, a nested segment that finished after its parent ($RS, "P:" template)
    boundaries = "".join(
        f'<!--$?--><template id="B:{i}"></template><div>Loading paragraph...</div><!--/$-->' for i in range(4))
    segments = "".join(f'<div hidden id="S:{i}"><p>{PARAGRAPHS[i]}</p></div>' for i in range(3))
    segments += f'<div hidden id="S:3"><section><p>{PARAGRAPHS[3]}</p><template id="P:4"></template></section></div>'
    segments += f'<div hidden id="S:4"><p>{PARAGRAPHS[4]}</p></div>'
    scripts = "".join(f'<script>$RC("B:{i}","S:{i}")</script>' for i in range(4)) + '<script>$RS("S:4","P:4")</script>'
    return ("<html lang='en'><head><title>How to invest in index funds</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/investing'>Investing</a> <a href='/retirement'>Retirement</a></nav>"
            f"<main><h1>How to invest in index funds</h1><div class='key-points'><p>{INTRO}</p></div>"
            f"<div class='ad'>Advertisement</div><div class='article-body'>{boundaries}</div></main>"
            f"<footer>© Example Money 2026</footer>{segments}{scripts}</body></html>")


def test_segments_are_put_back_at_their_boundaries():
    html = unstream(_streamed_page())
    positions = [html.index(p) for p in PARAGRAPHS]
    assert positions == sorted(positions)                     # in reading order
    assert html.index(INTRO) < positions[0] < html.index("<footer>")  # inside the article, before the footer
    assert "Loading paragraph" not in html and "hidden id=" not in html
    assert all(html.count(p) == 1 for p in PARAGRAPHS)        # moved, not copied


def test_streamed_article_is_extracted_whole_and_in_order():
    text = extract_html(_streamed_page()).text
    positions = [text.find(p) for p in PARAGRAPHS]
    assert -1 not in positions and positions == sorted(positions)
    assert "Loading paragraph" not in text


def test_boundary_without_its_segment_keeps_its_fallback_and_plain_pages_are_untouched():
    html = ('<html><body><p>Intro text of the page.</p><!--$?--><template id="B:0"></template>'
            '<div>Loading comments...</div><!--/$--><div hidden id="S:7"><p>Orphan segment.</p></div></body></html>')
    out = unstream(html)
    assert "Loading comments..." in out and "Orphan segment." not in out
    plain = "<html><body><p>No streaming here.</p></body></html>"
    assert unstream(plain) is plain


def test_truncated_page_is_left_as_it_is():
    html = ('<html><body><!--$?--><template id="B:0"></template><div>Loading...</div><!--/$-->'
            '<div hidden id="S:0"><div><p>The page was cut off here')
    assert unstream(html) == html


def test_hostile_streaming_markup_cannot_grow_the_page_or_stall():
    # a segment naming itself twice, two boundaries naming one segment, thousands of
    # boundaries whose closing marker never comes: segments are moved once, fallbacks bounded
    selfish = '<div hidden id="S:0"><p>Loop.</p><template id="P:0"></template><template id="P:0"></template></div>'
    twice = '<!--$?--><template id="B:0"></template><!--/$-->' * 2
    unclosed = '<!--$?--><template id="B:1"></template><div>Loading...</div>' * 5000
    html = f"<html><body>{twice}{unclosed}{selfish}</body></html>"
    out = unstream(html)
    assert len(out) <= len(html)
    assert out.count("Loop.") == 1
