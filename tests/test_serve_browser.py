"""`storyline serve` in a real Chromium (Debian's, driven by playwright; skips when
either is absent): stories → story → person → article → search, every section renders
and every link on the way resolves; scraped script and markup payloads show as text
and no script runs, with JavaScript on and the pages stay usable with it off."""
from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest

from serve_pages import built_store

# seconds for the server to come up, and for one page to load
START_TIMEOUT, PAGE_TIMEOUT_MS = 20, 20_000


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    uvicorn = pytest.importorskip("uvicorn")
    from storyline.serve.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(built_store()), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    t0 = time.monotonic()
    while not srv.started:
        assert time.monotonic() - t0 < START_TIMEOUT, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    exe = _chromium()
    if not exe:
        pytest.skip("chromium not installed: apt-get install chromium to run the browser test")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


def _watch(page, events: list):
    page.on("dialog", lambda d: (events.append(f"dialog {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: events.append(f"error {e}"))
    page.on("request", lambda r: events.append(f"remote {r.url}") if not r.url.startswith(("http://127.0.0.1",
                                                                                          "data:")) else None)


def _open(page, url: str):
    resp = page.goto(url, timeout=PAGE_TIMEOUT_MS)
    assert resp is not None and resp.status == 200, (url, resp and resp.status)
    assert page.evaluate("document.title") != "PWNED"
    assert page.evaluate("document.body.dataset.pwned") is None
    return resp


def _links_resolve(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href^='/']", "els => [...new Set(els.map(e => e.getAttribute('href')))]")
    for href in hrefs:
        assert page.request.get(base + href).status == 200, href
    return hrefs


def _sections(page, names) -> None:
    for name in names:
        assert page.locator(f"section#{name} h2").count() == 1, name
        assert page.locator(f"section#{name} h2").is_visible(), name


def test_the_harness_sees_a_script_that_runs(browser):
    page = browser.new_page()
    page.set_content("<title>t</title><body><script>document.title='PWNED'</script></body>")
    assert page.evaluate("document.title") == "PWNED"
    page.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_navigate_stories_story_person_article_search(server, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    events: list[str] = []
    _watch(page, events)

    _open(page, server + "/")
    assert page.locator("tr.story").count() >= 1
    _links_resolve(page, server)
    page.locator("tr.story a[href^='/story/']").first.click()
    page.wait_for_load_state()
    assert "/story/" in page.url
    _sections(page, ("summary", "timeline", "people", "quotes", "events", "sources", "contradictions"))
    assert page.locator("svg.chart circle").count() > 0
    assert page.locator(".inferred").count() > 0        # the undated page's inferred date
    _links_resolve(page, server)

    page.locator("section#people h3 a").first.click()
    page.wait_for_load_state()
    assert "/entity/" in page.url
    _sections(page, ("aliases", "roles", "quotes", "events", "with", "articles"))
    _links_resolve(page, server)

    page.locator("section#articles a[href^='/article/']").first.click()
    page.wait_for_load_state()
    assert "/article/" in page.url
    _sections(page, ("metadata", "copies", "text", "entities", "quotes", "events"))
    assert page.locator("div.text mark.ent").count() > 0
    _links_resolve(page, server)

    page.fill("header input[name=q]", "embassies")
    page.locator("header button[type=submit]").click()
    page.wait_for_load_state()
    assert "/search?q=embassies" in page.url
    assert page.locator("li.hit").count() > 0 and page.locator("mark.hit").count() > 0
    _links_resolve(page, server)
    assert events == [], events
    context.close()


def test_hostile_fields_show_as_text_and_run_nothing(server, browser):
    page = browser.new_page()
    events: list[str] = []
    _watch(page, events)
    _open(page, server + "/search?q=PWNED")
    hits = page.eval_on_selector_all("li.hit a[href^='/article/']", "els => els.map(e => e.getAttribute('href'))")
    assert hits
    for url in ["/search?q=PWNED", hits[0], "/"]:
        _open(page, server + url)
        body = page.inner_text("body")
        assert "<script>document.title='PWNED'</script>" in body or url == "/"
        assert page.locator("main script, main img, main iframe").count() == 0
    # the hostile article's story, and each person it names
    _open(page, server + hits[0])
    for href in page.eval_on_selector_all("section#entities a", "els => els.map(e => e.getAttribute('href'))"):
        _open(page, server + href)
        assert page.locator("main script, main img").count() == 0
    # its javascript: URL is shown, never linked
    _open(page, server + hits[0])
    assert page.locator("a[href^='javascript']").count() == 0
    assert events == [], events
    page.close()
