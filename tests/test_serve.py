"""`storyline serve` (issue 13): the pages and the JSON API on a small real store, with
Starlette's TestClient. Scraped text carries markup and script payloads in every
field: pages show it as text; the API returns it as data."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from serve_pages import HOSTILE_OUTLET, HOSTILE_TITLE, PAYLOAD, built_store

starlette = pytest.importorskip("starlette.testclient")

from storyline.serve.app import create_app  # noqa: E402


class Doc(HTMLParser):
    """Tags, links and text of a page; fails the test on a tag the page should never hold."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.links, self.ids, self.text = [], [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if "id" in a:
            self.ids.append(a["id"])
        for k, v in attrs:
            assert not k.startswith("on"), (tag, k, v)

    def handle_data(self, data):
        self.text.append(data)

    @property
    def body_text(self) -> str:
        return "".join(self.text)


@pytest.fixture(scope="module")
def client():
    app = create_app(built_store())
    with starlette.TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def _get(client, url: str, status: int = 200):
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    return r


def _ids(client, kind: str) -> list[str]:
    return [x["id"] for x in _get(client, f"/api/{kind}?limit=500").json()["items"]]


def _safe(html: str) -> None:
    """No scraped markup became markup: no script, img or inline handler anywhere."""
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "javascript:" not in re.findall(r'href="([^"]*)"', html.lower()).__str__()
    Doc(html)


# ---------------------------------------------------------------------------- pages

def test_stories_index_lists_every_story_with_period_sources_and_sparkline(client):
    html = _get(client, "/").text
    _safe(html)
    stories = _get(client, "/api/stories").json()["items"]
    assert stories
    for s in stories:
        assert f'href="/story/{s["id"]}"' in html
    assert html.count('<tr class="story">') == len(stories)
    assert '<svg class="spark"' in html and 'action="/search"' in html
    for key in ("title", "start", "sources"):
        assert _get(client, f"/?sort={key}").text.count('<tr class="story">') == len(stories)


def test_story_page_has_every_section_and_marks_inferred_dates(client):
    sid = _ids(client, "stories")[0]
    html = _get(client, f"/story/{sid}").text
    _safe(html)
    doc = Doc(html)
    for section in ("summary", "timeline", "people", "quotes", "events", "sources", "contradictions"):
        assert section in doc.ids, section
    assert '<svg class="chart"' in html
    # the undated Istanbul page: its date is shown as inferred, with its evidence
    assert "(inferred" in html and "dateline" in html
    # outlet labels: never an article id; an article without an outlet is named by its file
    arts = client.get(f"/api/articles?story={sid}&limit=500").json()["items"]
    sources = html[html.index('id="sources"'):html.index('id="contradictions"')]
    for a in arts:
        assert f">{a['id']}<" not in sources
    assert "istanbul-undated.txt" in sources


def test_story_timeline_is_zoomed_to_the_story_period(client):
    sid = _ids(client, "stories")[0]
    story = _get(client, f"/api/stories/{sid}").json()
    html = _get(client, f"/story/{sid}").text
    assert f"Zoomed to the story's period ({story['start']} – " in html
    xs = [float(x) for x in re.findall(r'<circle class="[^"]*" cx="([\d.]+)"', html)]
    assert xs, "no marks"


def test_entity_page_shows_aliases_roles_quotes_events_and_company(client):
    lavrov = _get(client, "/api/entities?name=Lavrov").json()["items"][0]
    html = _get(client, f"/entity/{lavrov['id']}").text
    _safe(html)
    doc = Doc(html)
    for section in ("aliases", "roles", "quotes", "events", "with", "articles"):
        assert section in doc.ids, section
    assert "Foreign Minister" in html
    quotes = _get(client, f"/api/quotes?speaker={lavrov['id']}").json()["items"]
    assert quotes and html.count("<blockquote>") == len(quotes)
    if lavrov["wikidata"]:
        assert f'href="https://www.wikidata.org/wiki/{lavrov["wikidata"]}"' in html


def test_article_page_highlights_spans_and_links_only_http_urls(client):
    arts = _get(client, "/api/articles?limit=500").json()["items"]
    riyadh = next(a for a in arts if a["outlet"] == "The Daily Meridian")
    html = _get(client, f"/article/{riyadh['id']}").text
    _safe(html)
    assert '<mark class="ent"' in html and "quote" in html and 'class="event' in html
    assert f'href="{riyadh["url"]}"' in html
    assert "manifest" in html  # where the date came from
    doc = Doc(html)
    # the highlighted text is the article's text, whole and in order
    text_div = html[html.index('<div class="text">'):html.index("</div>", html.index('<div class="text">'))]
    assert Doc(text_div).body_text == riyadh["text"]
    assert any(link.startswith("/entity/") for link in doc.links)
    hostile = next(a for a in arts if a["url"] and a["url"].startswith("javascript:"))
    html = _get(client, f"/article/{hostile['id']}").text
    _safe(html)
    assert "not linked" in html


def test_search_page_finds_words_filters_and_highlights(client):
    html = _get(client, "/search?q=embassies").text
    _safe(html)
    assert '<mark class="hit">embassies</mark>' in html
    total = int(re.search(r"(\d+) results?", html).group(1))
    assert total > 0
    narrow = _get(client, "/search?q=embassies&date_from=2025-02-27").text
    assert int(re.search(r"(\d+) results?", narrow).group(1)) < total
    assert "Istanbul" in narrow
    by_outlet = _get(client, "/search?q=embassies&outlet=The+Daily+Meridian").text
    assert "Newsdesk24" not in by_outlet.split('id="results"')[1]
    bad = _get(client, "/search?q=embassies&date_from=yesterday").text
    assert "not a date" in bad
    # user words are never markup either
    echo = _get(client, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E").text
    _safe(echo)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in echo
    # nor can they leave an attribute (the query is echoed in the search boxes' value="")
    for url in ('/search?q=%22+autofocus+onfocus%3D%22alert(1)', "/search?person=%22+onmouseover%3D%22x",
                "/search?q=x&outlet=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"):
        _safe(_get(client, url).text)   # Doc fails on any on* attribute


def test_every_page_escapes_every_scraped_field(client):
    arts = _get(client, "/api/articles?limit=500").json()["items"]
    hostile = next(a for a in arts if a["title"] == HOSTILE_TITLE)
    assert hostile["outlet"] == HOSTILE_OUTLET and PAYLOAD in hostile["text"]
    escaped = "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;"
    sid = hostile["story_id"] or _ids(client, "stories")[0]
    pages = ["/", f"/story/{sid}", f"/article/{hostile['id']}", "/search?q=PWNED", "/search?q=heard"]
    pages += [f"/entity/{e}" for e in _ids(client, "entities")]
    seen = 0
    for url in pages:
        html = _get(client, url).text
        _safe(html)
        seen += html.count(escaped)
    assert seen > 0


def test_every_internal_link_resolves(client):
    sid = _ids(client, "stories")[0]
    start = ["/", f"/story/{sid}", "/search?q=Lavrov"]
    seen, todo = set(), list(start)
    while todo and len(seen) < 80:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        html = _get(client, url).text
        for link in Doc(html).links:
            if link.startswith("/") and not link.startswith("//") and link not in seen:
                todo.append(link)
    assert any(u.startswith("/entity/") for u in seen) and any(u.startswith("/article/") for u in seen)


def test_unknown_ids_are_404_pages(client):
    for url in ("/story/nope", "/entity/nope", "/article/nope", "/nope", "/static/nope.css"):
        r = _get(client, url, 404)
        assert "text/html" in r.headers["content-type"]


# ---------------------------------------------------------------------------- JSON API

def test_api_lists_are_paginated(client):
    full = _get(client, "/api/quotes?limit=500").json()
    assert full["total"] == len(full["items"]) > 3
    page1 = _get(client, "/api/quotes?limit=2&offset=0").json()
    page2 = _get(client, "/api/quotes?limit=2&offset=2").json()
    assert page1["total"] == full["total"] and len(page1["items"]) == 2
    assert [q["id"] for q in page1["items"] + page2["items"]] == [q["id"] for q in full["items"][:4]]
    assert _get(client, "/api/quotes?limit=0", 422).json()["detail"]
    assert _get(client, "/api/quotes?limit=501", 422)


def test_api_field_names_are_the_export_field_names(client):
    from storyline.store import ARTICLE_FIELDS, Store

    for kind, fields in (("stories", Store.STORY_FIELDS), ("entities", Store.ENTITY_FIELDS),
                         ("quotes", Store.QUOTE_FIELDS), ("events", Store.EVENT_FIELDS)):
        item = _get(client, f"/api/{kind}?limit=1").json()["items"][0]
        assert list(item) == fields, kind
    art = _get(client, "/api/articles?limit=1").json()["items"][0]
    assert list(art)[:len(ARTICLE_FIELDS)] == ARTICLE_FIELDS


def test_api_filters(client):
    lavrov = _get(client, "/api/quotes?speaker=Lavrov").json()["items"]
    assert lavrov and all("Lavrov" in q["speaker"] for q in lavrov)
    media = _get(client, "/api/quotes?via=state+media").json()["items"]
    assert [q["speaker"] for q in media] == ["Sergey Lavrov"]
    late = _get(client, "/api/quotes?date_from=2025-02-27").json()
    assert 0 < late["total"] < _get(client, "/api/quotes").json()["total"]
    agree = _get(client, "/api/events?type=agree").json()["items"]
    assert agree and {e["type"] for e in agree} == {"AGREE"}
    rubio = _get(client, "/api/events?actor=Rubio").json()["items"]
    assert rubio and all(any("Rubio" in a for a in e["actors"]) for e in rubio)
    _get(client, "/api/events?date_from=not-a-date", 422)


def test_api_search_returns_highlight_ranges_into_the_snippet(client):
    hits = _get(client, "/api/search?q=embassies").json()["items"]
    assert hits
    for h in hits:
        for start, end in h["highlights"]:
            assert h["snippet"][start:end].lower().startswith("embass")
    assert {h["kind"] for h in _get(client, "/api/search?q=heard&limit=500").json()["items"]} == {"article", "quote"}


def test_api_unknown_ids_are_404_json(client):
    for url in ("/api/stories/nope", "/api/entities/nope", "/api/articles/nope", "/api/nope"):
        r = _get(client, url, 404)
        assert r.json()["detail"]


def test_openapi_schema_lists_every_route(client):
    spec = _get(client, "/api/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/stories", "/api/stories/{story_id}", "/api/entities", "/api/entities/{entity_id}",
            "/api/quotes", "/api/events", "/api/articles", "/api/articles/{article_id}", "/api/search"} <= paths
    assert all(set(ops) == {"get"} for ops in spec["paths"].values())
    # no page that loads a CDN (Swagger UI, ReDoc)
    _get(client, "/docs", 404), _get(client, "/redoc", 404)


def test_the_app_reads_a_rebuilt_store_and_keeps_serving_meanwhile(tmp_path, monkeypatch):
    import shutil
    import time

    import duckdb

    from storyline.serve import app as app_module

    store = tmp_path / "copy.duckdb"
    shutil.copy(built_store(), store)
    monkeypatch.setattr(app_module, "RELOAD_CHECK", 0.0)
    with starlette.TestClient(create_app(str(store)), base_url="http://127.0.0.1") as c:
        before = c.get("/api/stories").json()["total"]
        assert before >= 1
        con = duckdb.connect(str(store))
        con.execute("DELETE FROM stories WHERE id = (SELECT min(id) FROM stories)")
        con.close()
        time.sleep(0.05)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            r = c.get("/api/stories")
            assert r.status_code == 200          # the old snapshot answers while the new one loads
            if r.json()["total"] == before - 1:
                break
            time.sleep(0.2)
        assert c.get("/api/stories").json()["total"] == before - 1


def test_the_command_serves_on_loopback(tmp_path):
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).with_name("storyline")
    env = {k: v for k, v in os.environ.items() if k != "STORYLINE_TOKEN"}
    proc = subprocess.Popen([str(exe), "serve", "--store", built_store(), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stories", timeout=5) as r:
                    assert r.status == 200 and b'"items"' in r.read()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.poll() else "slow"
                time.sleep(0.3)
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in out and "Traceback" not in err


def test_the_command_with_no_store_is_one_line(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    exe = Path(sys.executable).with_name("storyline")
    proc = subprocess.run([str(exe), "serve", "--store", str(tmp_path / "none.duckdb")], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "no store" in proc.stderr


def test_story_quotes_are_grouped_by_speaker_unresolved_ones_too(client):
    sid = _ids(client, "stories")[0]
    html = _get(client, f"/story/{sid}").text
    section = html[html.index('id="quotes"'):html.index('id="events"')]
    quotes = _get(client, f"/api/quotes?story={sid}&limit=500").json()["items"]
    assert section.count("<blockquote>") == len(quotes) > 0
    speakers = {q["speaker"] for q in quotes}
    for name in speakers:
        assert f"<bdi>{name}</bdi>" in section
    assert any(q["speaker_id"] is None for q in quotes)   # "officials", "the Russian foreign ministry"


def test_search_filters_work_without_words_and_results_page(client):
    sid = _ids(client, "stories")[0]
    story_arts = _get(client, f"/api/articles?story={sid}&limit=500").json()["total"]
    html = _get(client, f"/search?story={sid}").text
    assert int(re.search(r"(\d+) results?", html).group(1)) == story_arts
    lavrov = _get(client, "/api/entities?name=Lavrov").json()["items"][0]
    api = _get(client, f"/api/search?person={lavrov['id']}&limit=500").json()
    assert api["total"] == len(set(lavrov["article_ids"]))
    page1 = _get(client, "/api/search?q=talks&limit=2").json()
    page2 = _get(client, "/api/search?q=talks&limit=2&offset=2").json()
    assert page1["total"] == page2["total"] > 2
    assert not {h["id"] for h in page1["items"]} & {h["id"] for h in page2["items"]}


def test_html_routes_never_fail_on_odd_parameters(client):
    from urllib.parse import quote

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    text = st.text(min_size=0, max_size=40)

    @given(q=text, f=text, t=text, o=st.integers(min_value=-5, max_value=10**12), path=text)
    @settings(max_examples=60, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def check(q, f, t, o, path):
        p = quote(path, safe="")
        for url in (f"/search?q={quote(q)}&date_from={quote(f)}&date_to={quote(t)}&outlet={quote(f)}"
                    f"&person={quote(q)}&type={quote(t)}&story={quote(f)}&offset={o}",
                    f"/?sort={quote(q)}&offset={o}", f"/story/{p}", f"/entity/{p}", f"/article/{p}",
                    f"/static/{p}"):
            r = client.get(url)
            assert r.status_code in (200, 400, 404), (url, r.status_code)
            _safe(r.text)

    check()
