"""Factories for realistic test inputs (news pages, forum reposts, wire copy,
text dumps, WARC files). Pure standard library; no pytest code here.

Every factory is deterministic. The furniture strings (menus, cookie notices,
spam, widgets, ...) are exposed as module-level constants so tests can assert
that an extractor removed them.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import uuid

__all__ = [
    "PARAGRAPHS",
    "TITLE",
    "NAV_ITEMS",
    "COOKIE_NOTICE",
    "RELATED_HEADLINES",
    "COMMENTS",
    "FOOTER_LINKS",
    "WIRE_CREDIT",
    "WIRE_DISCLAIMER",
    "WIRE_TEASERS",
    "FORUM_FURNITURE",
    "HIDDEN_CONTENT",
    "WIDGET_LINE",
    "TICKER_LINE",
    "HASHTAG_LINE",
    "SPAM_LINE",
    "SIMILAR_NEWS",
    "COMMENT_FORM_LINES",
    "news_html",
    "forum_repost_text",
    "wire_copy_html",
    "text_dump",
    "warc_gz",
]

TITLE = "US and Russian officials agree to restore embassies after Riyadh talks"

PARAGRAPHS: list[str] = [
    "Senior American and Russian officials agreed on Tuesday to restore staffing at each other's embassies "
    "and to appoint teams to explore an end to the war in Ukraine, after more than four hours of talks at "
    "Diriyah Palace in the Saudi capital.",

    "Secretary of State Marco Rubio, who led the US delegation together with special envoy Steve Witkoff, "
    "called the meeting \"a first step of a long and difficult journey\" and said any settlement would require "
    "concessions from every side involved in the conflict.",

    "Foreign Minister Sergei Lavrov said the conversation had been useful. \"We not only listened to each other, "
    "we heard each other,\" he told reporters, while repeating that Moscow would reject any deployment of troops "
    "from NATO member states to Ukraine under any flag.",

    "Kremlin aide Yuri Ushakov said no date had been set for a meeting between President Vladimir Putin and "
    "President Donald Trump. \"It needs to be prepared properly, and it should produce results,\" Ushakov said, "
    "adding that a summit next week was unlikely.",

    "In Moscow, Kremlin spokesman Dmitry Peskov described the outcome as positive but warned against expecting "
    "quick progress. \"Relations were practically destroyed. Nobody expects instant results,\" Peskov said, "
    "noting that the embassy talks would come first.",

    "The talks followed a phone call between Trump and Putin last week that lasted about ninety minutes. Both "
    "sides said the leaders had agreed their teams would begin negotiations immediately and that the two "
    "presidents would stay in regular contact.",

    "Ukrainian officials were not present in Riyadh, and President Volodymyr Zelensky said Kyiv would not "
    "recognise any agreement on its future reached without its participation. European governments also "
    "pressed Washington to include them in any peace process.",

    "Witkoff later said a ceasefire proposal could be put to both sides within weeks. \"The president wants "
    "this war to end, and I believe both sides understand that,\" he said, declining to describe the terms "
    "under discussion or any timetable for a truce.",
]

# --------------------------------------------------------------------------
# furniture
# --------------------------------------------------------------------------

NAV_ITEMS = ["Home", "World", "Politics", "Business", "Technology", "Opinion", "Culture", "Sport", "Podcasts"]

COOKIE_NOTICE = (
    "We use cookies and similar technologies to personalise content, measure traffic and show you "
    "relevant advertising. By clicking \"Accept all\" you agree to our use of cookies."
)

RELATED_HEADLINES = [
    ("Zelensky says Ukraine will not accept deals made \"behind our back\"", "3 hours ago"),
    ("European leaders hold emergency meeting in Paris as US shifts course", "Yesterday"),
    ("Trump and Putin speak by phone, agree to begin negotiations", "13 Feb 2025"),
    ("Oil slips as traders weigh prospect of eased Russia sanctions", "6 hours ago"),
    ("Analysis: what does Moscow actually want from Washington?", "16 Feb 2025"),
]

COMMENTS = [
    ("harbourlights", "18 Feb 2025 18:03",
     "Restoring embassies is the bare minimum. I'll believe in a ceasefire when I see one."),
    ("M. Kowalczyk", "18 Feb 2025 18:27",
     "Negotiating the future of a country without that country in the room. What could possibly go wrong."),
    ("oldsalt_1962", "18 Feb 2025 19:12",
     "Good reporting, thanks. Who is actually on the \"high-level teams\" - diplomats or businessmen?"),
]

FOOTER_LINKS = ["About us", "Contact", "Work for us", "Advertise with us", "Terms & conditions",
                "Privacy policy", "Cookie settings", "Corrections", "RSS feeds"]

WIRE_CREDIT = ("This story has been published from a wire agency feed without modifications to the text. "
               "Only the headline has been changed.")
WIRE_DISCLAIMER = ("(Except for the headline, the story has not been edited by Newsdesk24 staff and is "
                   "published from a syndicated feed.)")
WIRE_TEASERS = [
    ("Zelensky hits back at Trump remarks, says US leader misinformed on Ukraine", "1 hour ago"),
    ("Rupee opens flat against US dollar amid global cues", "2 hours ago"),
    ("Riyadh talks a 'first step' of long journey, says Rubio", "19 hours ago"),
    ("Box office collection day 5: period drama crosses 150 crore mark", "3 hours ago"),
    ("Crude oil prices dip as markets eye possible easing of Russia sanctions", "22 hours ago"),
]

HIDDEN_CONTENT = "This is the hidden content, please Sign in or Sign up"

FORUM_FURNITURE = [
    "Jump to content", "Sign In", "Register", "Share this post", "Recommended Posts",
    "Reply to this topic...", "Followers 2", "Go to topic listing", "Quote", "Link to comment",
    "Share on other sites", "Gold Member", "1,234 posts", HIDDEN_CONTENT,
]

WIDGET_LINE = "Москва +3°C облачно"
TICKER_LINE = ("USD/RUB 88.91 ▼0.42 | EUR/USD 1.0457 ▲0.0012 | Brent 75.84 ▲0.69 | "
               "S&P 500 6,129.58 ▲0.24% | Gold 2,936.10 ▲0.5%")
HASHTAG_LINE = "#Russia #USA #Ukraine #Peace"
SPAM_LINE = "Earn 500% with BTC signals — join our Telegram now!"

SIMILAR_NEWS = [
    ("Peskov: Moscow expects details of US proposal through \"several channels\"", "2 hours ago"),
    ("Lavrov says Russia will not accept European peacekeepers in Ukraine", "5 hours ago"),
    ("Oil edges higher as markets digest Putin-Trump call", "7 hours ago"),
    ("Rubio: US, Russia teams to meet in Jeddah next week", "Yesterday, 18:20"),
    ("Witkoff describes five-hour meeting with Putin as \"positive\"", "March 14, 2025"),
]

COMMENT_FORM_LINES = [
    "Leave a comment",
    "Your email address will not be published. Required fields are marked *",
    "Comment *",
    "Name *",
    "Email *",
    "Website",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Post Comment",
]

_STRAY_TAG_NAMES = ["Sergei Lavrov", "Lavrov", "Marco Rubio", "Dmitry Peskov", "Peskov",
                    "Yuri Ushakov", "Steve Witkoff", "Putin", "Trump"]


def _esc(s: str) -> str:
    return html.escape(s, quote=False)


def _attr(s: str) -> str:
    return html.escape(s, quote=True)


def _slug(s: str, limit: int = 60) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in s)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")[:limit].strip("-") or "story"


def _domain(site: str) -> str:
    return "".join(c for c in site.lower().replace("the ", "", 1) if c.isalnum()) + ".example"


# --------------------------------------------------------------------------
# factories
# --------------------------------------------------------------------------

def news_html(title: str, paragraphs: list[str], *, site: str = "The Daily Meridian",
              published: str = "2025-02-18", author: str = "Jane Roe", lang: str = "en",
              related: bool = True, comments: bool = True) -> str:
    """A full news article page with head metadata, nav, cookie banner, byline,
    figure, optional related-articles aside and comment section, and footer."""
    domain = _domain(site)
    y, m, d = (published[:10].split("-") + ["01", "01"])[:3]
    url = f"https://{domain}/world/{y}/{m}/{d}/{_slug(title)}"
    pub_iso = published if "T" in published else f"{published}T09:30:00+00:00"
    nav = "\n".join(f'        <li><a href="/{"" if i == "Home" else i.lower()}">{_esc(i)}</a></li>'
                    for i in NAV_ITEMS)
    body = "\n".join(f"        <p>{_esc(p)}</p>" for p in paragraphs)
    parts = [f"""<!DOCTYPE html>
<html lang="{_attr(lang)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{_esc(title)} | {_esc(site)}</title>
  <meta name="author" content="{_attr(author)}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{_attr(title)}">
  <meta property="og:site_name" content="{_attr(site)}">
  <meta property="og:url" content="{url}">
  <meta property="article:published_time" content="{pub_iso}">
  <link rel="canonical" href="{url}">
  <script async src="/static/js/analytics.js"></script>
</head>
<body>
  <div id="cookie-banner" role="dialog" aria-label="Cookie consent">
    <p>{_esc(COOKIE_NOTICE)}</p>
    <button>Accept all</button> <button>Reject non-essential</button> <a href="/privacy#cookies">Manage preferences</a>
  </div>
  <header class="site-header">
    <a class="logo" href="/">{_esc(site)}</a>
    <a href="/account/login">Log in</a> <a href="/subscribe?src=header">Subscribe</a>
    <nav class="main-nav">
      <ul>
{nav}
      </ul>
    </nav>
  </header>
  <div class="ad-slot">Advertisement</div>
  <main>
    <article>
      <h1>{_esc(title)}</h1>
      <div class="byline">By <a rel="author" href="/authors/{_slug(author)}">{_esc(author)}</a></div>
      <time datetime="{pub_iso}">{_esc(published[:10])}</time>
      <div class="share-tools"><a href="#">Share on X</a> <a href="#">Share on Facebook</a> <a href="#">Copy link</a></div>
      <figure>
        <img src="/img/{y}/{m}/{d}/lead.jpg" alt="">
        <figcaption>Delegations meet in Riyadh. Photograph: Meridian Pool</figcaption>
      </figure>
      <div class="article-body">
{body}
      </div>
      <div class="newsletter-promo"><p>Sign up to our morning briefing &ndash; the day's essential news in your inbox.</p></div>
    </article>"""]
    if related:
        items = "\n".join(
            f'        <li><a href="/world/{y}/{m}/{_slug(h)}">{_esc(h)}</a> <time>{_esc(t)}</time></li>'
            for h, t in RELATED_HEADLINES)
        parts.append(f"""    <aside class="related">
      <h2>Related articles</h2>
      <ul>
{items}
      </ul>
    </aside>""")
    if comments:
        items = "\n".join(
            f'        <li class="comment"><span class="comment-author">{_esc(a)}</span> <time>{_esc(t)}</time>'
            f"<p>{_esc(c)}</p><a href=\"#\">Reply</a> <a href=\"#\">Report</a></li>"
            for a, t, c in COMMENTS)
        parts.append(f"""    <section class="comments">
      <h2>Comments ({len(COMMENTS)})</h2>
      <ol>
{items}
      </ol>
      <form class="comment-form" method="post" action="/comments/post">
        <h3>Leave a comment</h3>
        <p>Your email address will not be published.</p>
        <textarea name="body" placeholder="Join the discussion..."></textarea>
        <button type="submit">Post comment</button>
      </form>
    </section>""")
    links = " | ".join(f'<a href="/{_slug(x)}">{_esc(x)}</a>' for x in FOOTER_LINKS)
    parts.append(f"""  </main>
  <footer class="site-footer">
    <nav>{links}</nav>
    <p>&copy; 2025 {_esc(site)} Ltd. All rights reserved.</p>
  </footer>
</body>
</html>
""")
    return "\n".join(parts)


def forum_repost_text(paragraphs: list[str], source: str = "The Daily Meridian") -> str:
    """Plain-text dump of a forum thread in which a member reposts an article."""
    thread = "Interesting read on the Riyadh talks"
    lines = [
        "Jump to content", "RussiaWatch Forum", "Sign In", "Register",
        "Browse", "Forums", "Activity", "Search",
        "Home", "RussiaWatch Forum", "World Affairs", "Russia & the West", thread,
        "Share", "Followers 2", thread,
        "By Volga_Boatman, February 19, 2025 in Russia & the West",
        "Reply to this topic", "Start new topic", "Recommended Posts",
        "Volga_Boatman", "Gold Member", "1,234 posts", "Location: Tallinn",
        "Posted February 19, 2025", "Share this post",
        "Posting the full article for those behind the paywall.", "",
    ]
    for p in paragraphs:
        lines += [p, ""]
    domain = _domain(source)
    lines += [
        f"Source: {source}",
        f"https://{domain}/world/2025/02/18/riyadh-talks",
        "",
        "Quote", "Link to comment", "Share on other sites", "More sharing options...",
        "KaliningradKate", "Silver Member", "412 posts", "Posted February 19, 2025", "Share this post",
        "Embassies first, then we'll see. Nobody should expect quick results.",
        HIDDEN_CONTENT,
        "Quote", "Link to comment", "Share on other sites",
        "Create an account or sign in to comment",
        "You need to be a member in order to leave a comment",
        "Register a new account", "Sign In Now",
        "Reply to this topic...", "Followers 2", "Go to topic listing",
        "Recently Browsing 0 members", "No registered users viewing this page.",
        "Powered by Invision Community",
    ]
    return "\n".join(lines) + "\n"


def wire_copy_html(paragraphs: list[str], agency: str = "ANI") -> str:
    """A syndicated wire story on an aggregator site. No date meta in <head>;
    the canonical URL carries the date (/2025/02/19/)."""
    title = "Russia, US to hold further talks on embassies: Lavrov"
    paras = list(paragraphs)
    if paras:
        paras[0] = f"Moscow [Russia], February 19 ({agency}): {paras[0]}"
        paras[-1] = f"{paras[-1]} ({agency})"
    body = "\n".join(f"        <p>{_esc(p)}</p>" for p in paras)
    slug = _slug(title)
    teasers = "\n".join(f'        <li><a href="/world/2025/02/19/{_slug(h)}.html">{_esc(h)}</a> <span>{_esc(t)}</span></li>'
                        for h, t in WIRE_TEASERS)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{_esc(title)} - Newsdesk24</title>
  <meta property="og:site_name" content="Newsdesk24">
  <meta property="og:title" content="{_attr(title)}">
  <link rel="canonical" href="https://newsdesk24.example/world/2025/02/19/{slug}-{agency.lower()}-20250219141203.html">
</head>
<body>
  <div class="topbar"><a href="/e-paper">E-Paper</a> <a href="/login">Sign In</a> <a href="/subscribe">Subscribe to Newsdesk24 Premium</a></div>
  <nav class="menu"><a href="/">Home</a> <a href="/latest-news">Latest News</a> <a href="/india">India</a> <a href="/world">World</a> <a href="/markets">Markets</a> <a href="/cricket">Cricket</a> <a href="/entertainment">Entertainment</a> <a href="/web-stories">Web Stories</a></nav>
  <main>
    <div class="breadcrumb"><a href="/">Home</a> / <a href="/world">World</a> / News</div>
    <article>
      <h1>{_esc(title)}</h1>
      <div class="story-meta"><span class="agency">{_esc(agency)}</span></div>
      <div class="follow">Follow us on <a href="#">Google News</a> | <a href="#">WhatsApp Channel</a></div>
      <div class="story-body">
{body}
        <p class="disclaimer"><em>{_esc(WIRE_CREDIT)} Published from {_esc(agency)}.</em></p>
        <p class="disclaimer"><em>{_esc(WIRE_DISCLAIMER)}</em></p>
      </div>
      <div class="catch">Catch all the <a href="/latest-news">Latest News</a> and <a href="/breaking-news">Breaking News</a> Updates on Newsdesk24.</div>
    </article>
    <section class="also-like">
      <h2>You may also like</h2>
      <ul>
{teasers}
      </ul>
    </section>
  </main>
  <footer><a href="/about-us">About Us</a> | <a href="/contact-us">Contact Us</a> | <a href="/privacy-policy">Privacy Policy</a> | <a href="/terms-of-use">Terms of Use</a><p>Copyright © 2025 Newsdesk24 Media Pvt. Ltd. All Rights Reserved.</p></footer>
</body>
</html>
"""


def _add_stray_tags(paragraphs: list[str]) -> list[str]:
    out, done = [], 0
    for p in paragraphs:
        if done < 3:
            for name in _STRAY_TAG_NAMES:
                idx = p.find(name)
                if idx >= 0:
                    href = f"https://www.example-news.com/tags/{_slug(name)}"
                    p = f'{p[:idx]}<a href="{href}">{name}</a>{p[idx + len(name):]}'
                    done += 1
                    break
        out.append(p)
    if done == 0 and out:
        words = out[0].split(" ")
        if len(words) > 3:
            words[2] = f'<a href="https://www.example-news.com/tags/{_slug(words[2])}">{words[2]}</a>'
            out[0] = " ".join(words)
    return out


def text_dump(title: str, paragraphs: list[str], *, foreign_widget: bool = True, hashtags: bool = True,
              spam: bool = True, stray_tags: bool = True) -> str:
    """Plain-text dump of a news page full of furniture around the article."""
    paras = _add_stray_tags(paragraphs) if stray_tags else list(paragraphs)
    lines = ["Skip to main content", "Menu", "Home | World | Politics | Business | Tech | Sport | Opinion"]
    lines += ["Home", "World", "Politics", "Economy", "Europe", "Middle East", "Video", "Live", "Search", "Sign in"]
    lines.append("This website uses cookies to improve your experience. We'll assume you're ok with this, "
                 "but you can opt-out if you wish. Accept Read More")
    if foreign_widget:
        lines.append(WIDGET_LINE)
    lines.append(TICKER_LINE)
    lines += ["World", title, title, "By Marta Kessler | February 19, 2025 | 21:47"]
    if hashtags:
        lines.append(HASHTAG_LINE)
    for i, p in enumerate(paras):
        lines.append(p)
        if spam and i == 2:
            lines.append(SPAM_LINE)
        if i == 4:
            lines.append("ADVERTISEMENT")
    lines += ["Read also: Kremlin says no agreement yet on venue for Putin-Trump summit",
              "Tags: Russia, USA, Ukraine, ceasefire, Kremlin, Peskov",
              "Share: Facebook Twitter Telegram WhatsApp VK Email",
              "Similar news"]
    for h, t in SIMILAR_NEWS:
        lines += [h, t]
    lines += ["Most read", "1. Weather: heavy snow expected in the capital region this weekend",
              "2. Central bank keeps key rate unchanged at 21%", "3. Ten photos of the week"]
    lines += COMMENT_FORM_LINES
    lines += ["Subscribe to our newsletter", "Enter your email", "Subscribe",
              "About us | Advertising | Contacts | Privacy Policy | Terms of Use",
              "© 2025 World News Daily. All rights reserved. Reproduction of materials is permitted "
              "only with a hyperlink to the source."]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# WARC
# --------------------------------------------------------------------------

_WARC_NS = uuid.UUID("6f1c2a8e-3b7d-4e55-9a10-2f4d8c0b7e31")


def _rid(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(_WARC_NS, name)}>"


def _digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def _warc_date(date_iso: str) -> str:
    s = date_iso.strip()
    if "T" not in s:
        s += "T00:00:00Z"
    if s.endswith("+00:00"):
        s = s[:-6] + "Z"
    if not (s.endswith("Z") or "+" in s[10:] or "-" in s[10:]):
        s += "Z"
    return s


def _record(warc_type: str, headers: list[tuple[str, str]], block: bytes) -> bytes:
    lines = ["WARC/1.0", f"WARC-Type: {warc_type}", *(f"{k}: {v}" for k, v in headers),
             f"Content-Length: {len(block)}"]
    data = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"
    return gzip.compress(data, compresslevel=6, mtime=0)


def warc_gz(records: list[tuple[str, str, str, str]]) -> bytes:
    """Build a gzip WARC 1.0 file (one gzip member per record, like Common Crawl).

    ``records`` is a list of ``(url, date_iso, html_or_text, kind)`` where kind is
    ``"response"`` (HTML wrapped in an HTTP/1.1 200 response) or ``"conversion"``
    (WET-style plain text). A warcinfo record is always written first.
    """
    info = (b"software: storyline tests/pages.py\r\nformat: WARC File Format 1.0\r\n"
            b"isPartOf: storyline-test-crawl\r\n")
    out = [_record("warcinfo", [("WARC-Date", "2025-02-20T00:00:00Z"),
                                ("WARC-Record-ID", _rid("warcinfo")),
                                ("Content-Type", "application/warc-fields")], info)]
    for i, (url, date_iso, content, kind) in enumerate(records):
        wdate = _warc_date(date_iso)
        payload = content.encode("utf-8")
        if kind == "response":
            http_head = ("HTTP/1.1 200 OK\r\n"
                         "Server: nginx\r\n"
                         "Content-Type: text/html; charset=utf-8\r\n"
                         f"Content-Length: {len(payload)}\r\n"
                         "Connection: close\r\n\r\n").encode("ascii")
            block = http_head + payload
            headers = [("WARC-Date", wdate), ("WARC-Record-ID", _rid(f"{i}:response:{url}")),
                       ("WARC-Target-URI", url),
                       ("Content-Type", "application/http; msgtype=response"),
                       ("WARC-Block-Digest", _digest(block)),
                       ("WARC-Payload-Digest", _digest(payload))]
            out.append(_record("response", headers, block))
        elif kind == "conversion":
            headers = [("WARC-Target-URI", url), ("WARC-Date", wdate),
                       ("WARC-Record-ID", _rid(f"{i}:conversion:{url}")),
                       ("WARC-Block-Digest", _digest(payload)),
                       ("Content-Type", "text/plain")]
            out.append(_record("conversion", headers, payload))
        else:
            raise ValueError(f"unknown record kind {kind!r} (expected 'response' or 'conversion')")
    return b"".join(out)
