"""Forum threads (issue 10): every post's text in order, per-post chrome dropped. The page is
written here in the shape forum software gives it (XenForo-like markup, schema.org JSON-LD)."""
from __future__ import annotations

import json

from storyline.clean import clean_page
from storyline.clean.html import _drop_post_chrome, extract_html
from storyline.model import Article, Page

TITLE = "Is a used table saw worth it for a beginner?"
POSTS = [
    ("woodchuck42", "I am new to woodworking and have been offered a ten year old contractor saw for "
     "two hundred dollars. The fence is a bit loose but the motor runs fine. Is it worth buying, or "
     "should I save for a new jobsite saw with a better fence and a riving knife?"),
    ("OldSawdust", "A good used contractor saw beats most new jobsite saws. Check that the arbor "
     "has no play, that the trunnions are not cracked and that the blade tilts smoothly. A loose "
     "fence can usually be tuned, or replaced later with an aftermarket one."),
    ("MapleMike", "Whatever you buy, budget for a good blade and a riving knife or splitter. Most "
     "kickback injuries happen on saws without one, and older saws often lost theirs years ago."),
    ("woodchuck42", "Thanks, both of you. I went to look at it this morning: no play in the arbor, "
     "the fence squares up after a quick adjustment, and the seller threw in a dado stack. I bought it."),
]
CHROME = ["Quote", "Reply", "Like", "Report", "Messages: 1,204", "Joined: Mar 12, 2019",
          "Reactions: 37", "Senior Member", "Click to expand..."]
SIGNATURE = "Measure twice, cut once, swear three times."
RECOMMENDED = ["Best first router for a small shop", "Dust collection on a budget"]


ANNOUNCEMENT = ("From the manufacturer's notice of 14 February: owners of contractor saws built before 2016 "
                "can order a free riving knife kit for their model, shipped within four weeks of the request.")


def forum_html(outside_quote: str | None = None) -> str:
    ld = {"@context": "https://schema.org", "@type": "DiscussionForumPosting", "headline": TITLE,
          "author": {"@type": "Person", "name": POSTS[0][0]}, "datePublished": "2025-03-02T10:15:00Z",
          "interactionStatistic": {"@type": "InteractionCounter", "userInteractionCount": 3}}
    posts = []
    for n, (user, text) in enumerate(POSTS, 1):
        quote = ""
        if n == 3:  # a reply quoting an earlier post
            quote = f'<blockquote class="bbCodeBlock bbCodeBlock--quote">{POSTS[1][0]} said:<br>{POSTS[1][1]}</blockquote>'
        if n == 2 and outside_quote:  # a reply quoting an outside source, then answering
            quote = f'<blockquote class="bbCodeBlock bbCodeBlock--quote">{outside_quote}</blockquote>'
        posts.append(f"""
      <article class="message message--post" data-author="{user}" id="post-{n}">
        <div class="message-cell message-cell--user">
          <h4 class="message-name"><a href="/members/{user}.{n}/" class="username">{user}</a></h4>
          <h5 class="userTitle">Senior Member</h5>
          <dl class="pairs"><dt>Joined:</dt><dd>Mar 12, 2019</dd></dl>
          <dl class="pairs"><dt>Messages:</dt><dd>1,204</dd></dl>
        </div>
        <div class="message-cell message-cell--main">
          <header class="message-attribution"><time>Mar 2, 2025</time> <a href="#post-{n}">#{n}</a></header>
          <div class="message-content">
            <div class="bbWrapper">{quote}{text}</div>
          </div>
          <aside class="message-signature"><div class="bbWrapper">{SIGNATURE}</div></aside>
          <div class="reactionsBar">Reactions: 37</div>
          <div class="message-actionBar"><a>Report</a> <a>Like</a> <a>Quote</a> <a>Reply</a></div>
        </div>
      </article>""")
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{TITLE} | Sawdust Forum</title>
<meta property="og:site_name" content="Sawdust Forum"><meta property="og:title" content="{TITLE}">
<script type="application/ld+json">{json.dumps(ld)}</script></head>
<body><header class="p-header"><nav><a href="/">Forums</a> <a href="/whats-new/">What's new</a>
<a href="/login/">Log in</a> <a href="/register/">Register</a></nav></header>
<div class="p-body"><div class="p-body-main"><h1 class="p-title-value">{TITLE}</h1>
<div class="block-body js-replyNewMessageContainer">{''.join(posts)}</div>
<div class="block"><h3>Recommended Posts</h3><ul>{''.join(f'<li><a href="/t/{i}">{r}</a></li>' for i, r in enumerate(RECOMMENDED))}</ul></div>
</div></div><footer><a href="/help/terms">Terms and rules</a> <a href="/help/privacy">Privacy policy</a></footer></body></html>"""


def test_thread_keeps_every_post_in_order():
    ex = extract_html(forum_html())
    assert ex.method == "resiliparse-thread"
    positions = [ex.text.find(text[:60]) for _user, text in POSTS]
    assert all(p >= 0 for p in positions), ex.text
    assert positions == sorted(positions)


def test_thread_drops_per_post_chrome_signatures_quotes_and_recommended():
    text = extract_html(forum_html()).text
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    assert not any(ln in CHROME for ln in lines), lines
    assert SIGNATURE not in text
    assert text.count(POSTS[1][1][:60]) == 1     # the quoted post is kept once, not twice
    assert not any(r in text for r in RECOMMENDED) and "Recommended Posts" not in text


def test_thread_keeps_a_quoted_outside_source_but_not_a_quoted_post():
    text = extract_html(forum_html(outside_quote=ANNOUNCEMENT)).text
    assert text.count(ANNOUNCEMENT[:60]) == 1          # what the reply is about
    assert text.find(ANNOUNCEMENT[:60]) < text.find(POSTS[1][1][:60])
    assert text.count(POSTS[1][1][:60]) == 1           # the later quote of that reply is a repeat


def test_thread_is_an_article_with_its_replies():
    art = clean_page(Page(source="thread.html", content=forum_html().encode(), kind="html", id="t1"))
    assert isinstance(art, Article)
    assert art.extractor == "resiliparse-thread"
    assert POSTS[-1][1][:50] in art.text


def test_post_chrome_filter_keeps_short_prose():
    text = "\n".join(["Quote Reply Like", "Posts: 1,204", "#12", "Joined: Mar 2019 · 3 days ago",
                      "I like it.", "Thanks for the answer, that fixed it", "Reply to this post"])
    assert _drop_post_chrome(text).split("\n") == ["I like it.", "Thanks for the answer, that fixed it"]


def undeclared_thread_html() -> str:
    """A thread page that names no schema.org type: a short title block, the posts in
    comment-classed containers (phpBB-, Reddit- and Lemmy-like markup)."""
    posts = "".join(f"""
      <div class="comment thing" id="c{n}"><p class="tagline"><a class="author">{user}</a> 3 points</p>
        <div class="comment-body"><p>{text}</p></div>
        <ul class="flat-list buttons"><li>permalink</li><li>reply</li><li>report</li></ul></div>"""
                    for n, (user, text) in enumerate(POSTS, 1))
    return f"""<!DOCTYPE html><html lang="en"><head><title>{TITLE}</title></head><body>
<header><nav><a href="/">Home</a> <a href="/new">New</a></nav></header>
<div class="content"><h1>{TITLE}</h1><p class="meta">submitted by woodchuck42</p>
<div class="commentarea" id="comments">{posts}</div></div>
<footer><a href="/rules">Rules</a></footer></body></html>"""


def test_undeclared_thread_whose_posts_are_comments_keeps_them():
    ex = extract_html(undeclared_thread_html())
    assert ex.method == "resiliparse-comments", ex.method
    for _user, text in POSTS:
        assert text[:60] in ex.text


OPENING_POST = ("I am setting up a small woodworking shop in a one car garage and I want to buy my "
                "first stationary tool this spring. The choice is between a used contractor table saw, "
                "a bandsaw and a good track saw with a folding table. I mostly build bookshelves, "
                "cabinets and the odd outdoor bench. What would you buy first, and why?")


def long_opening_thread_html(canonical: str = "") -> str:
    """An undeclared thread whose opening post is long enough to stand alone (phpBB/FluxBB
    shape): the replies sit in comment-classed containers below it."""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    replies = "".join(f"""
      <div class="comment post" id="p{n}"><dl class="postprofile"><dt><a>{user}</a></dt><dd>Posts: 1,204</dd></dl>
        <div class="comment-content"><p>{text}</p></div>
        <ul class="post-buttons"><li>Quote</li><li>Reply</li></ul></div>"""
                      for n, (user, text) in enumerate(POSTS[1:], 2))
    return f"""<!DOCTYPE html><html lang="en"><head><title>First tool for a small shop</title>{link}</head>
<body><header><nav><a href="/">Board index</a> <a href="/search">Search</a></nav></header>
<div id="page-body"><h1>First tool for a small shop</h1>
<div class="post" id="p1"><div class="content"><p>{OPENING_POST}</p></div></div>
<div class="comments" id="replies">{replies}</div></div>
<footer><a href="/faq">FAQ</a></footer></body></html>"""


def test_undeclared_thread_on_a_forum_host_keeps_its_replies():
    for url, canonical in (("https://forums.example.org/viewtopic.php?t=361697", ""),
                           (None, "https://community.example.com/t/first-tool/3275"),
                           ("https://www.sawdustforum.net/threads/first-tool.1488/", "")):
        ex = extract_html(long_opening_thread_html(canonical), url)
        assert ex.method == "resiliparse-forum", (url, canonical, ex.method)
        assert OPENING_POST[:60] in ex.text
        for _user, text in POSTS[1:]:
            assert text[:60] in ex.text, (url, ex.text)
        assert "Posts: 1,204" not in ex.text


def test_the_same_markup_on_a_news_host_is_an_article_with_comments():
    # the host is the evidence: a news site's comments under a post stay out (ScrapingHub's gold)
    for url in ("https://www.example-news.com/2025/03/02/first-tool/", None):
        ex = extract_html(long_opening_thread_html(), url)
        assert ex.method != "resiliparse-forum"
        assert OPENING_POST[:60] in ex.text
        assert not any(text[:60] in ex.text for _user, text in POSTS[1:]), ex.text


QUESTION = ("How do I move keyboard focus to the file list in the file manager without the mouse? "
            "Tabbing cycles through the toolbar, the address bar and the side pane first, and the "
            "number of presses changes with the window layout.")
ANSWERS = [
    "Press Ctrl+E to jump to the search box, then Escape: focus falls back to the file list, and the "
    "first file is selected so the arrow keys work straight away.",
    "Alternatively hide the menu bar in the folder options; with one pane fewer, a single Shift+Tab "
    "from the address bar lands on the file list in every layout I tried.",
]
QA_COMMENTS = ["Does this also work on the older release? Commented Mar 3, 2019 at 9:24",
               "Yes, I just tried it there too. Commented Mar 3, 2019 at 10:02"]


def qa_page_html() -> str:
    """A Q&A page as StackExchange writes it: QAPage microdata, the question and answers as
    posts, the comments under each post in a ``comments`` container."""
    def post(cls, text, comment):
        return f"""
      <div class="{cls}" itemprop="{'mainEntity' if cls == 'question' else 'suggestedAnswer'}">
        <div class="post-layout"><div class="votecell">12</div>
          <div class="postcell"><div class="s-prose js-post-body" itemprop="text"><p>{text}</p></div>
            <div class="post-signature"><a href="/users/1">asker</a> asked Mar 2, 2019</div></div>
          <div id="comments-1" class="comments js-comments-container">
            <ul class="comments-list"><li class="comment js-comment"><div class="comment-body">
              <span class="comment-copy">{comment}</span></div></li></ul></div>
        </div></div>"""
    body = post("question", QUESTION, QA_COMMENTS[0]) + "".join(
        post("answer", a, QA_COMMENTS[1]) for a in ANSWERS)
    return f"""<!DOCTYPE html><html lang="en"><head><title>Focus the file list | Super User</title></head>
<body itemscope itemtype="https://schema.org/QAPage"><header><nav><a href="/">Questions</a>
<a href="/tags">Tags</a></nav></header>
<div id="content"><h1 itemprop="name">Focus the file list from the keyboard</h1>{body}
<p>You must log in to answer this question.</p></div><footer>Site design / logo</footer></body></html>"""


def test_qa_page_keeps_question_and_answers_and_drops_comments():
    ex = extract_html(qa_page_html())
    assert ex.method == "resiliparse-thread"
    assert QUESTION[:60] in ex.text
    assert all(a[:60] in ex.text for a in ANSWERS), ex.text
    assert not any(c[:30] in ex.text for c in QA_COMMENTS), ex.text


def test_comments_containers_stay_on_forum_threads():
    # the comments rule is for Q&A pages only: on a forum thread a "comments" block holds replies
    page = forum_html().replace('class="block-body js-replyNewMessageContainer"', 'class="comments"')
    ex = extract_html(page)
    assert all(text[:60] in ex.text for _user, text in POSTS), ex.text


def script_shell_html() -> str:
    """A page rendered by JavaScript (Flarum-like): an empty app container, and the thread
    served to no-JS readers inside <noscript>."""
    posts = "".join(f"""<article><div class="PostUser"><h3>{user}</h3></div>
        <div class="Post-body"><p>{text}</p></div></article>""" for user, text in POSTS)
    return f"""<!DOCTYPE html><html lang="en"><head><title>{TITLE} - Sawdust Forum</title>
<noscript><img src="https://px.example/p.gif" alt=""></noscript></head>
<body><div id="app" class="App"><div class="App-content"></div></div>
<noscript id="flarum-content"><div class="container"><h1>{TITLE}</h1><div>{posts}</div>
<a href="/d/12-table-saw?page=2">Next page</a></div></noscript>
<script>app.boot({{"resources": []}});</script></body></html>"""


def test_script_rendered_page_is_read_from_its_noscript_copy():
    ex = extract_html(script_shell_html())
    assert ex.method == "resiliparse-noscript", ex.method
    positions = [ex.text.find(text[:60]) for _user, text in POSTS]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), ex.text


def test_app_install_prompt_is_not_content():
    prompt = ('<i-pwa-install id="ipsPwaInstall"><div class="iPwaInstall__content">'
              '<div class="iPwaInstall__title">View in the app</div><p class="iPwaInstall__desc">A better way '
              'to browse. Tap the Share icon in Safari, scroll the menu and tap Add to Home Screen.</p></div>'
              '</i-pwa-install>')
    ex = extract_html(forum_html().replace('<div class="p-body">', prompt + '<div class="p-body">'))
    assert POSTS[0][1][:60] in ex.text
    assert "Add to Home Screen" not in ex.text and "View in the app" not in ex.text, ex.text
