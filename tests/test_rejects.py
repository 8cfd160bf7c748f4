"""Each kind of bad input gets its reject reason and the run goes on (the reasons
docs/bad-input.md lists that other test files do not already cover)."""
import gzip
import os
import random

from pages import PARAGRAPHS, _record, news_html, warc_gz

from storyline.clean import clean_page
from storyline.ingest import iter_pages
from storyline.model import Article, Page, Reject
from storyline.pipeline import process


def _collect(paths, **kw):
    items = list(iter_pages([str(p) for p in paths], **kw))
    return [i for i in items if isinstance(i, Page)], [i for i in items if isinstance(i, Reject)]


def test_a_file_that_cannot_be_opened_is_unreadable(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "talks.html").write_text(news_html("Envoys meet in Riyadh", PARAGRAPHS[:3]))
    os.symlink("loop.html", folder / "loop.html")          # a link to itself: ELOOP on open
    pages, rejects = _collect([folder])
    assert len(pages) == 1
    assert [(os.path.basename(r.source), r.reason) for r in rejects] == [("loop.html", "unreadable")]


def test_manifest_rows_without_a_path_are_bad_rows(tmp_path):
    (tmp_path / "talks.html").write_text(news_html("Envoys meet in Riyadh", PARAGRAPHS[:3]))
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,url,outlet\ntalks.html,https://meridian.example/talks,Meridian\n"
                        ",https://meridian.example/lost,Meridian\n")
    pages, rejects = _collect([tmp_path], manifest=str(manifest))
    assert [p.outlet for p in pages] == ["Meridian"]
    assert [r.reason for r in rejects] == ["bad_manifest_row"]


def test_gzip_that_cannot_be_decompressed_is_corrupt(tmp_path):
    good = gzip.compress(news_html("Envoys meet in Riyadh", PARAGRAPHS[:3]).encode())
    rng = random.Random(5)
    bad = good[:10] + bytes(rng.randrange(256) for _ in range(len(good) - 10))
    (tmp_path / "page.html.gz").write_bytes(bad)
    _pages, rejects = _collect([tmp_path / "page.html.gz"])
    assert [r.reason for r in rejects] == ["corrupt_gzip"]


def _response(url: str, block: bytes) -> bytes:
    return _record("response", [("WARC-Target-URI", url), ("WARC-Date", "2025-02-20T00:00:00Z"),
                                ("Content-Type", "application/http; msgtype=response")], block)


def test_warc_responses_without_http_or_with_an_error_status_are_rejected_one_by_one(tmp_path):
    html = news_html("Envoys meet in Riyadh", PARAGRAPHS[:3]).encode()
    data = (_response("https://a.example/no-header", html)
            + _response("https://a.example/gone", b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n" + html)
            + warc_gz([("https://a.example/ok", "2025-02-20", html.decode(), "response")]))
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    pages, rejects = _collect([tmp_path / "crawl.warc.gz"])
    assert [p.url for p in pages] == ["https://a.example/ok"]
    assert [(r.source.split("#", 1)[1], r.reason) for r in rejects] == [
        ("https://a.example/no-header", "bad_http"), ("https://a.example/gone", "http_status")]


def test_bytes_that_are_no_text_in_any_encoding_are_undecodable():
    rng = random.Random(11)
    noise = bytes(rng.choice([*range(1, 9), *range(14, 32), *range(128, 256)]) for _ in range(6000))
    result = clean_page(Page(source="noise.txt", content=noise, kind="text", id="p1"))
    assert isinstance(result, Reject) and result.reason == "undecodable"


def test_a_cleaner_failure_is_a_clean_error_and_keeps_the_page(monkeypatch):
    import storyline.clean as clean

    def broken(*_a, **_k):
        raise KeyError("a library failed on a strange page")

    monkeypatch.setattr(clean, "decode", broken)
    result = clean_page(Page(source="p.html", content=b"<html><p>Text.</p></html>", kind="html", id="p1"))
    assert isinstance(result, Reject) and result.reason == "clean_error" and "KeyError" in result.detail


def _die_on_the_second(page: Page):
    if page.source.endswith("2"):
        os._exit(1)                       # what a segfault in a C parser looks like
    return clean_page(page)


def test_a_page_that_kills_its_worker_is_a_worker_crashed_reject():
    pages = [Page(source=f"p{i}", content=news_html(f"Talks, day {i}", PARAGRAPHS[i:i + 3]).encode(), kind="html",
                  id=f"id{i}") for i in range(4)]
    results = [r for _p, r in process(iter(pages), workers=2, work=_die_on_the_second)]
    assert [type(r).__name__ for r in results] == ["Article", "Article", "Reject", "Article"]
    assert results[2].reason == "worker_crashed"
    assert all(isinstance(r, Article) for i, r in enumerate(results) if i != 2)
