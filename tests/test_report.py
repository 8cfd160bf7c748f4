"""Story dossier reports: one self-contained offline HTML page (checked in a real headless
Chromium when one is installed) and Markdown. Scraped text is hostile: markup and scripts in
titles, texts and URLs must come out as inert text."""
import copy
import html
import re
import shutil
import subprocess
import time
from html.parser import HTMLParser

import pytest

from storyline.serve.report import render_html, render_markdown, write_report

# ---------------------------------------------------------------------------- the dossier

REUTERS = (
    "RIYADH, Feb 18 (Reuters) - U.S. Secretary of State Marco Rubio and Russian Foreign Minister "
    "Sergey Lavrov met in Riyadh on Tuesday for their first talks since the invasion of Ukraine.\n\n"
    "The two sides agreed to appoint high-level teams to work on ending the war, Rubio said. "
    "\"We listened to each other,\" Lavrov told reporters after the four-hour meeting.\n\n"
    "A summit between Donald Trump and Vladimir Putin could follow, U.S. officials said. "
    "Kremlin spokesman Dmitry Peskov said the talks were \"useful\", TASS reported."
)
TASS = (
    "MOSCOW, February 17. /TASS/. Russian and American delegations will meet in Riyadh on Monday, "
    "Kremlin spokesman Dmitry Peskov said.\n"
    "<script>window.__pwned=1</script><script>document.title='PWNED'</script>\n"
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">\n"
    "\"We listened to each other,\" Lavrov said. Prices | tariffs | sanctions were not discussed.\n"
    "# not a heading\n"
    "The parties plan to restore embassy staffing, Lavrov said."
)
YAHOO = REUTERS  # a syndicated copy of the Reuters wire


def at(aid: str, text: str, phrase: str, outlet: str, published: str, url: str | None) -> dict:
    start = text.index(phrase)
    return {"article_id": aid, "outlet": outlet, "published": published, "url": url,
            "start": start, "end": start + len(phrase)}


def src_reuters(phrase):
    return at("a1", REUTERS, phrase, "Reuters", "2025-02-18", "https://www.reuters.com/world/riyadh-talks-2025-02-18/")


def src_tass(phrase):
    return at("a2", TASS, phrase, "TASS", "2025-02-17", "javascript:alert(1)")


def src_yahoo(phrase):
    return at("a3", YAHOO, phrase, "Yahoo News", "2025-02-18", "https://news.yahoo.com/rubio-lavrov?x=1&y=<2>")


def make_dossier() -> dict:
    met = "Sergey Lavrov met in Riyadh on Tuesday for their first talks since the invasion of Ukraine."
    agreed = "The two sides agreed to appoint high-level teams to work on ending the war"
    listened = "\"We listened to each other,\" Lavrov"
    summit = "A summit between Donald Trump and Vladimir Putin could follow"
    embassy = "The parties plan to restore embassy staffing"
    pipes = "Prices | tariffs | sanctions were not discussed."
    useful = "the talks were \"useful\""
    monday = "will meet in Riyadh on Monday"
    return {
        "generated": "2026-11-22T22:30:00Z",
        "store": "out/demo.duckdb",
        "story": {"id": "s_riyadh", "title": "US–Russia talks in Riyadh",
                  "summary": "Rubio and Lavrov met in Riyadh <b>on 18 February</b> & agreed to restore embassies.",
                  "start": "2025-02-17", "end": "2025-03-01", "article_count": 3},
        "timeline": [
            {"date": "2025-02", "date_precision": "month", "kind": "event", "type": "CONSULT", "mode": None,
             "modality": "planned", "text": "Russian and American delegations will meet in Riyadh on Monday",
             "actors": ["Russia", "United States"], "speaker": "Dmitry Peskov",
             "sources": [src_tass(monday)], "independent_sources": 1, "outlets": ["TASS"]},
            {"date": "2025-02-18", "date_precision": "day", "kind": "event", "type": "CONSULT", "mode": "meet",
             "modality": "asserted", "text": "Marco Rubio and " + met, "actors": ["Marco Rubio", "Sergey Lavrov"],
             "speaker": None, "sources": [src_reuters(met), src_yahoo(met)], "independent_sources": 1,
             "outlets": ["Reuters", "Yahoo News"]},
            {"date": "2025-02-18", "date_precision": "day", "kind": "event", "type": "AGREE", "mode": None,
             "modality": "asserted", "text": agreed, "actors": ["United States", "Russia"], "speaker": "Marco Rubio",
             "sources": [src_reuters(agreed)], "independent_sources": 1, "outlets": ["Reuters"]},
            {"date": "2025-02-18", "date_precision": "day", "kind": "quote", "type": None, "mode": None,
             "modality": None, "text": "We listened to each other", "actors": ["Sergey Lavrov"],
             "speaker": "Sergey Lavrov", "sources": [src_reuters(listened), src_tass(listened)],
             "independent_sources": 2, "outlets": ["Reuters", "TASS"]},
            {"date": "2025-03-01", "date_precision": "day", "kind": "event", "type": "CONSULT", "mode": "meet",
             "modality": "hypothetical", "text": summit, "actors": ["Donald Trump", "Vladimir Putin"],
             "speaker": None, "sources": [src_reuters(summit)], "independent_sources": 1, "outlets": ["Reuters"]},
        ],
        "undated": [
            {"date": None, "date_precision": None, "kind": "event", "type": "COOPERATE", "mode": None,
             "modality": "planned", "text": embassy + " <script>window.__pwned=1</script>",
             "actors": ["Russia", "United States"], "speaker": "Sergey Lavrov",
             "sources": [src_tass(embassy)], "independent_sources": 1, "outlets": ["TASS"]},
            {"date": None, "date_precision": None, "kind": "event", "type": None, "mode": None, "modality": "negated",
             "text": pipes, "actors": [], "speaker": None, "sources": [src_tass(pipes)],
             "independent_sources": 1, "outlets": ["TASS"]},
        ],
        "people": [
            {"id": "E1", "name": "Sergey Lavrov", "type": "PERSON", "wikidata": "Q189941",
             "roles": [{"role": "Russian Foreign Minister", "first_seen": "2025-02-17", "last_seen": "2025-02-18"}],
             "quotes": [{"id": "Q1", "text": "We listened to each other", "kind": "direct", "cue": "told",
                         "via": ["Reuters"], "sources": [src_reuters(listened), src_tass(listened)],
                         "independent_sources": 2, "outlets": ["Reuters", "TASS"]}]},
            {"id": "E2", "name": "Dmitry Peskov", "type": "PERSON", "wikidata": "javascript:alert(1)",
             "roles": [{"role": "Kremlin spokesman", "first_seen": "2025-02-17", "last_seen": "2025-02-18"}],
             "quotes": [{"id": "Q2", "text": "the talks were \"useful\"", "kind": "mixed", "cue": "said",
                         "via": ["TASS", "Reuters", "Yahoo News"],
                         "sources": [src_reuters(useful), src_yahoo(useful)], "independent_sources": 1,
                         "outlets": ["Reuters", "Yahoo News"]}]},
            {"id": "E3", "name": "Marco Rubio", "type": "PERSON", "wikidata": None,
             "roles": [{"role": "U.S. Secretary of State", "first_seen": "2025-02-18", "last_seen": "2025-02-18"}],
             "quotes": []},
        ],
        "sources": [
            {"article_id": "a1", "outlet": "Reuters", "title": "Rubio, Lavrov meet in Riyadh",
             "url": "https://www.reuters.com/world/riyadh-talks-2025-02-18/", "published": "2025-02-18",
             "syndicated_from": None, "duplicate_of": None, "origin_id": None, "copies": 2, "text": REUTERS},
            {"article_id": "a2", "outlet": "TASS | Russian News Agency",
             "title": "<b>Lavrov</b> & Rubio: talks <script>document.title='PWNED'</script>",
             "url": "javascript:alert(1)", "published": "2025-02-17", "syndicated_from": None,
             "duplicate_of": None, "origin_id": None, "copies": 1, "text": TASS},
            {"article_id": "a3", "outlet": "Yahoo News", "title": "Rubio, Lavrov meet in Riyadh",
             "url": "https://news.yahoo.com/rubio-lavrov?x=1&y=<2>", "published": "2025-02-18",
             "syndicated_from": "Reuters", "duplicate_of": "a1", "origin_id": "a1", "copies": 2, "text": YAHOO},
        ],
        "contradictions": [
            {"kind": "date", "description": "The Riyadh meeting is dated Tuesday by Reuters and Monday by TASS.",
             "a": {"article_id": "a1", "outlet": "Reuters", "start": src_reuters(met)["start"],
                   "end": src_reuters(met)["end"], "text": met},
             "b": {"article_id": "a2", "outlet": "TASS", "start": src_tass(monday)["start"],
                   "end": src_tass(monday)["end"], "text": monday}},
        ],
    }


SECTIONS = ("summary", "timeline", "people", "sources", "contradictions", "articles")


class Doc(HTMLParser):
    """What the tests look at in a page: ids, links, resource loads, tag balance."""

    VOID = {"meta", "link", "br", "img", "hr", "input", "source", "wbr", "area", "base", "col", "embed", "track",
            "circle", "rect", "line", "path"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids, self.hrefs, self.tags, self.attrs = [], [], [], []
        self.stack, self.errors = [], []
        self.in_svg = 0
        self.svg_classes = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        self.tags.append(tag)
        self.attrs.append((tag, d))
        if "id" in d:
            self.ids.append(d["id"])
        if "href" in d:
            self.hrefs.append((tag, d["href"]))
        if tag == "svg":
            self.in_svg += 1
        if self.in_svg and tag == "g":
            self.svg_classes.append(d.get("class"))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append((tag, list(self.stack[-3:])))
            return
        self.stack.pop()
        if tag == "svg":
            self.in_svg -= 1


@pytest.fixture(scope="module")
def dossier():
    return make_dossier()


@pytest.fixture(scope="module")
def page(dossier):
    return render_html(dossier)


# ---------------------------------------------------------------------------- HTML

def test_html_has_every_section_and_is_well_formed(page, dossier):
    doc = Doc(page)
    for sid in SECTIONS:
        assert sid in doc.ids, sid
        assert re.search(rf'<section id="{sid}"><h2>', page), sid
    assert len(doc.ids) == len(set(doc.ids)), "duplicate ids"
    assert not doc.errors and not doc.stack, (doc.errors, doc.stack)
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>US–Russia talks in Riyadh</title>" in page
    assert "18 Feb 2025" in page and "17 Feb 2025 – 1 Mar 2025" in page  # the period


def test_html_escapes_every_scraped_string(page):
    low = page.lower()
    # no script element at all: the page needs none, the data's scripts are text
    assert "<script" not in low
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=" in page and "<img" not in low
    assert "&lt;b&gt;Lavrov&lt;/b&gt; &amp; Rubio" in page and "<b>" not in low
    assert "&lt;b&gt;on 18 February&lt;/b&gt; &amp; agreed" in page  # the summary
    # no attribute anywhere came from unescaped data
    for tag, attrs in Doc(page).attrs:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)


def test_only_http_urls_become_links_and_nothing_loads_from_the_network(page):
    doc = Doc(page)
    hrefs = [h for _, h in doc.hrefs]
    assert hrefs, "no links at all"
    for h in hrefs:
        assert not re.match(r"\s*(javascript|data|vbscript|file):", h, re.I), h
        assert h.startswith("#") or re.match(r"https?://", h), h
    assert "javascript:" not in page.lower().replace("javascript:alert(1)</", "")  # text only, never an href
    assert 'href="javascript' not in page.lower()
    # the quirky URL is percent-encoded, and escaped
    assert 'href="https://news.yahoo.com/rubio-lavrov?x=1&amp;y=%3C2%3E"' in page
    assert "https://www.wikidata.org/wiki/Q189941" in hrefs  # Lavrov
    assert not any("wikidata" in h and "javascript" in h for h in hrefs)
    # no remote resource loads: no src attributes at all, no stylesheet links, no @import/url()
    assert not any("src" in attrs for _, attrs in doc.attrs)
    assert "<link" not in page.lower()
    assert "@import" not in page and "url(" not in page
    assert not re.search(r'src\s*=\s*["\']?\s*https?:', page, re.I)
    # a CSP forbids scripts and remote loads even if something slipped through
    assert "default-src 'none'" in page and "script-src 'none'" in page


def test_svg_chart_has_one_mark_per_dated_event(page, dossier):
    doc = Doc(page)
    assert page.count("<svg") == 1
    svg = page[page.index("<svg"): page.index("</svg>")]
    dated_events = [i for i in dossier["timeline"] if i["kind"] == "event"]
    dated_quotes = [i for i in dossier["timeline"] if i["kind"] == "quote"]
    assert doc.svg_classes.count("ev") == len(dated_events) == 4
    assert doc.svg_classes.count("q") == len(dated_quotes) == 1
    # rows per type with axis labels and a legend
    for label in ("CONSULT", "AGREE", "Quotes"):
        assert f">{label}</text>" in svg
    assert "18 Feb" in svg
    assert '<ul class="legend">' in page and "CONSULT (3)" in page
    # each mark links to its dated item
    marks = re.findall(r'<a href="#(item-\d+)"><g class', svg)
    assert len(marks) == 5 and all(m in doc.ids for m in marks)


def test_every_internal_link_resolves_and_every_citation_marks_its_span(page, dossier):
    doc = Doc(page)
    ids = set(doc.ids)
    for _, h in doc.hrefs:
        if h.startswith("#"):
            assert h[1:] in ids, h
    span_links = {h[1:] for _, h in doc.hrefs if re.fullmatch(r"#art-\w+-\d+-\d+", h)}
    # every cited span in the dossier is linked and marked
    cited = set()
    for item in dossier["timeline"] + dossier["undated"]:
        cited |= {f"art-{s['article_id']}-{s['start']}-{s['end']}" for s in item["sources"]}
    for p in dossier["people"]:
        for q in p["quotes"]:
            cited |= {f"art-{s['article_id']}-{s['start']}-{s['end']}" for s in q["sources"]}
    for c in dossier["contradictions"]:
        cited |= {f"art-{c[k]['article_id']}-{c[k]['start']}-{c[k]['end']}" for k in "ab"}
    assert cited == span_links
    # marks hold exactly the cited text
    texts = {s["article_id"]: s["text"] for s in dossier["sources"]}
    for mark_id in cited:
        aid, start, end = re.fullmatch(r"art-(\w+)-(\d+)-(\d+)", mark_id).groups()
        m = re.search(rf'<mark id="{mark_id}"[^>]*>(.*?)</mark>', page, re.S)
        assert m, mark_id
        inner = html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
        assert texts[aid][int(start):int(end)].startswith(inner), mark_id
    for aid in texts:
        assert f'id="art-{aid}"' in page
    # the contradiction cites both spans
    contra = page[page.index('<section id="contradictions">'): page.index('<section id="articles">')]
    assert contra.count('class="cite" href="#art-') == 2 and "dated Tuesday by Reuters" in contra


def test_reporting_chains_and_sources_table(page):
    text = re.sub(r"</?bdi>", "", page)  # each name is isolated in its own <bdi>
    assert "via Dmitry Peskov → TASS → Reuters → Yahoo News" in text
    assert "via Sergey Lavrov → Reuters" in text
    table = page[page.index('<section id="sources">'): page.index('<section id="contradictions">')]
    assert "<table>" in table and table.count("<tr>") == 4
    assert "TASS | Russian News Agency" in table
    assert '<td><a href="#art-a1">a1</a></td>' in table  # a3 is a duplicate of a1


def test_overlapping_and_out_of_range_spans_stay_well_nested(dossier):
    d = copy.deepcopy(dossier)
    text = d["sources"][0]["text"]
    d["undated"].append({"date": None, "kind": "event", "type": None, "text": "x", "sources": [
        {"article_id": "a1", "start": 10, "end": 40}, {"article_id": "a1", "start": 30, "end": 60},
        {"article_id": "a1", "start": 30, "end": 30}, {"article_id": "a1", "start": len(text) - 5,
                                                          "end": len(text) + 50},
        {"article_id": "a1", "start": None, "end": 3}, {"article_id": "zz", "start": 1, "end": 2}]})
    page = render_html(d)
    doc = Doc(page)
    assert not doc.errors and not doc.stack
    ids = set(doc.ids)
    for mid in ("art-a1-10-40", "art-a1-30-60", "art-a1-30-30", f"art-a1-{len(text) - 5}-{len(text) + 50}"):
        assert mid in ids, mid
    for _, h in doc.hrefs:
        if h.startswith("#"):
            assert h[1:] in ids, h
    # the article's visible text is unchanged by the marks
    body = page[page.index('<article class="article" id="art-a1">'):]
    body = body[body.index('<div class="atext">') + 19: body.index("</div>")]
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == text


def test_empty_dossier_renders():
    for d in ({}, {"story": None, "timeline": None, "people": [{}], "sources": [{}], "contradictions": [{}]}):
        page = render_html(d)
        assert all(f'id="{s}"' in page for s in SECTIONS)
        assert "Untitled story" in page
        md = render_markdown(d)
        assert "## Timeline" in md


def test_output_is_deterministic(dossier):
    a, b = render_html(dossier), render_html(copy.deepcopy(dossier))
    assert a == b
    other = dict(copy.deepcopy(dossier), generated="2030-01-01T00:00:00Z")
    assert render_html(other).replace("2030-01-01T00:00:00Z", dossier["generated"]) == a
    assert render_markdown(dossier) == render_markdown(copy.deepcopy(dossier))


# ---------------------------------------------------------------------------- Markdown

def test_markdown_sections_tables_and_escaping(dossier):
    md = render_markdown(dossier)
    assert md.startswith("# US–Russia talks in Riyadh\n")
    for heading in ("## Summary", "## Timeline", "## People", "## Sources", "## Contradictions", "## Articles"):
        assert f"\n{heading}\n" in md, heading
    # the sources table: pipes in scraped text are escaped, so every row has the header's cell count
    lines = md.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("| Article | Outlet |"))
    rows = lines[head: head + 5]
    assert all(len(re.findall(r"(?<!\\)\|", r)) == 10 for r in rows), rows
    assert r"TASS \| Russian News Agency" in md
    assert r"Prices \| tariffs \| sanctions" in md
    # raw HTML and leading '#' in scraped text are inert
    assert not re.search(r"(?<!\\)<(/?script|b>|img)", md)  # every '<' from the data is backslash-escaped
    assert r"\<script\>window.\_\_pwned=1\</script\>" in md
    assert "\n\\# not a heading" in md
    # spans are cited as article_id:start-end with the URL; no javascript: link
    assert "`a1:" in md and "<https://www.reuters.com/world/riyadh-talks-2025-02-18/>" in md
    assert "javascript:" not in md.replace("javascript:alert(1)", "")
    assert "](javascript" not in md and "<javascript" not in md
    assert "via Dmitry Peskov → TASS → Reuters → Yahoo News" in md


def test_write_report_chooses_by_suffix(tmp_path, dossier):
    h = write_report(dossier, str(tmp_path / "r.HTML"))
    assert open(h, encoding="utf-8").read() == render_html(dossier)
    m = write_report(dossier, str(tmp_path / "sub" / "r.md"))
    assert open(m, encoding="utf-8").read() == render_markdown(dossier)
    assert write_report(dossier, str(tmp_path / "r.htm")).endswith("r.htm")
    with pytest.raises(ValueError) as err:
        write_report(dossier, str(tmp_path / "r.pdf"))
    assert "\n" not in str(err.value) and ".pdf" in str(err.value)


# ---------------------------------------------------------------------------- real browser

def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _dump_dom(browser: str, path, profile) -> str:
    cmd = [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
           "--disable-background-networking", "--disable-component-update", "--mute-audio",
           f"--user-data-dir={profile}", "--virtual-time-budget=1000", "--dump-dom", path.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def test_real_browser_renders_the_page_and_runs_no_scraped_script(tmp_path, dossier):
    browser = _chromium()
    if not browser:
        pytest.skip("chromium not installed: apt-get install chromium to run the browser test")
    t0 = time.monotonic()
    report = tmp_path / "report.html"
    write_report(dossier, str(report))
    # the same page without its CSP: the escaping alone must keep the scripts from running
    no_csp = tmp_path / "report-no-csp.html"
    no_csp.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", render_html(dossier)),
                      encoding="utf-8")
    # control: the harness does see a script that runs
    control = tmp_path / "control.html"
    control.write_text("<!DOCTYPE html><title>t</title><body><script>document.title='PWNED'</script>"
                       "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"></body>",
                       encoding="utf-8")
    dom_control = _dump_dom(browser, control, tmp_path / "profile")
    assert "<title>PWNED</title>" in dom_control

    for path in (report, no_csp):
        dom = _dump_dom(browser, path, tmp_path / "profile")
        head_title = re.search(r"<head>.*?<title>(.*?)</title>", dom, re.S).group(1)
        assert html.unescape(head_title) == "US–Russia talks in Riyadh", path
        assert "PWNED</title>" not in dom
        assert "data-pwned" not in dom.replace("setAttribute('data-pwned'", "")
        assert "__pwned" in dom  # as text
        body = dom[dom.index("<body"):]
        # the parsed document has no script or img element: the data's markup stayed text
        assert "<script" not in body and "<img" not in body
        assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in body
        assert "&lt;img src=x onerror=" in body
        for sid, heading in zip(SECTIONS, ("Summary", "Timeline", "People", "Sources", "Contradictions",
                                           "Articles")):
            assert re.search(rf'<section id="{sid}"><h2>{heading}</h2>', body), sid
        assert "<h1><bdi>US–Russia talks in Riyadh</bdi></h1>" in body
        assert body.count('<g class="ev"') == 4
        assert 'href="javascript' not in body
    assert time.monotonic() - t0 < 20


def test_hostile_ids_dates_and_spans_never_break_the_page():
    text = "a\r\nb \x00 <x> \ud800 end"
    d = {"story": {"title": "\"><svg onload=alert(1)>", "start": "not a date", "end": "2025-13-45"},
         "timeline": [{"date": "2025-02-30", "kind": "event", "type": "\"><x>", "text": "t",
                       "sources": [{"article_id": "a \"'<>#~1", "start": 2, "end": 5},
                                   {"article_id": "a \"'<>#~1", "start": 5, "end": 2}]},
                      {"date": "1999", "date_precision": "year", "kind": "event", "type": None, "text": "y",
                       "sources": []},
                      {"date": "2031-07", "kind": "quote", "text": "q", "sources": []}],
         "sources": [{"article_id": "a \"'<>#~1", "url": " JaVaScRiPt:alert(1)", "title": None, "text": text,
                      "copies": "3"},
                     {"article_id": "b", "url": "http://x.test/a b\"c", "text": ""},
                     {"article_id": "c", "url": "https://ok.test/p?q=\"><script>", "text": "z"}],
         "people": [{"name": "<i>x</i>", "quotes": [{"text": "q", "via": ["<b>", None, "<b>"], "sources": [
             {"article_id": "b", "start": 0, "end": 4}]}]}]}
    page = render_html(d)
    doc = Doc(page)
    assert not doc.errors and not doc.stack
    assert "<script" not in page.lower() and "<svg onload" not in page.lower() and "<x>" not in page
    assert "\x00" not in page and "\ud800" not in page and "\r" not in page
    page.encode("utf-8")
    ids = set(doc.ids)
    assert len(doc.ids) == len(ids)
    for _, h in doc.hrefs:
        assert h.startswith("#") and h[1:] in ids or h == "https://ok.test/p?q=%22%3E%3Cscript%3E", h
    assert doc.svg_classes.count("ev") == 1 and doc.svg_classes.count("q") == 1  # 2025-02-30 is not a date
    md = render_markdown(d)
    md.encode("utf-8")
    assert "javascript" not in md.lower() and "http://x.test" not in md


# ---------------------------------------------------------------------------- issue 13: zoom, labels, index

def _with_background_event(dossier: dict) -> dict:
    d = copy.deepcopy(dossier)
    d["timeline"].insert(0, {"date": "1999-03-24", "date_precision": "day", "kind": "event", "type": "ASSAULT",
                             "mode": None, "modality": "asserted", "text": "NATO began air strikes in 1999.",
                             "actors": [], "speaker": None, "sources": [], "independent_sources": 0,
                             "outlets": [], "via": []})
    return d


def _mark_xs(svg: str, cls: str) -> list[float]:
    return [float(x) for x in re.findall(rf'<g class="{cls}"[^>]*>(?:<title>.*?</title>)?<(?:circle|rect) '
                                          rf'(?:cx|x)="([\d.]+)"', svg)]


def test_chart_is_zoomed_to_the_story_period_with_background_items_at_the_edge(dossier):
    plain = render_html(dossier)
    zoomed = render_html(_with_background_event(dossier))
    svg = zoomed[zoomed.index("<svg"):zoomed.index("</svg>")]
    assert "earlier (1)" in svg and 'class="edge"' in svg
    # the 1999 event sits in the edge lane; the 2025 items stay spread over the period
    # instead of sharing one pixel column at the right end of a 26-year axis
    ev_plain = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', plain)]
    ev_zoom = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert len(ev_zoom) == len(ev_plain) + 1
    spread = max(ev_zoom[1:]) - min(ev_zoom[1:])
    assert spread > 300, ev_zoom
    assert min(ev_zoom) < 150 + 64 <= min(ev_zoom[1:])
    assert "1999" not in "".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))


def test_a_story_without_a_period_charts_every_item():
    d = make_dossier()
    d["story"]["start"] = d["story"]["end"] = None
    svg = render_html(d)
    assert 'class="edge"' not in svg and svg.count('<g class="ev"') == 4


def test_sources_without_an_outlet_are_labelled_by_domain_or_file_never_by_id():
    from storyline.serve.labels import outlet_label

    assert outlet_label({"outlet": None, "url": "https://www.example.org/a", "source": "x.html"}) == "example.org"
    assert outlet_label({"outlet": None, "url": "javascript:alert(1)", "source": "/in/dump-7.txt#L3"}) == "dump-7.txt"
    assert outlet_label({"outlet": "", "url": None, "source": ""}) == "unknown source"
    d = make_dossier()
    for item in d["timeline"]:
        for s in item["sources"]:
            s["outlet"] = None
    for s in d["sources"]:
        s["outlet"] = None
    page = render_html(d)
    cites = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r'<a class="cite"[^>]*>(.*?)</a>', page)]
    assert cites and not any(c.startswith(("a1", "a2", "a3")) for c in cites)
    assert any(c.startswith("unknown source") for c in cites)


def test_story_all_writes_an_index_and_one_dossier_per_story(tmp_path):
    one, two = make_dossier(), make_dossier()
    two["story"] = dict(two["story"], id="s_other", title="<b>Second</b> story", article_count=1)
    data = {"story": {"id": "all", "title": "All stories", "article_count": 4}, "stories": [one, two],
            "store": "x.duckdb"}
    path = write_report(data, str(tmp_path / "dossier.html"))
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["dossier-s_other.html", "dossier-s_riyadh.html", "dossier.html"]
    index = open(path, encoding="utf-8").read()
    assert 'href="dossier-s_riyadh.html"' in index and 'href="dossier-s_other.html"' in index
    assert "&lt;b&gt;Second&lt;/b&gt; story" in index and "<b>" not in index
    assert Doc(index).errors == []
    md = write_report(data, str(tmp_path / "md" / "index.md"))
    assert "(index-s_riyadh.md)" in open(md, encoding="utf-8").read()
    assert (tmp_path / "md" / "index-s_other.md").exists()


def test_dossier_of_all_stories_from_a_store():
    from serve_pages import built_store
    from storyline.serve.timeline import dossier as make
    from storyline.store import Store

    with Store(built_store(), read_only=True) as st:
        data = make(st, "all", store_path="x")
        n = len(st.story_rows())
    assert data["story"]["id"] == "all" and len(data["stories"]) == n >= 1
    labels = {s["outlet"] for d in data["stories"] for s in d["sources"]}
    assert "istanbul-undated.txt" in labels and None not in labels
