"""Ingest: every input format detected from content, bad inputs become rejects."""
import gzip
import json

import pytest

from pages import PARAGRAPHS, TITLE, news_html, text_dump, warc_gz
from storyline.ingest import InputError, Limits, expand_inputs, iter_pages
from storyline.model import Page, Reject


def _collect(paths, **kw):
    items = list(iter_pages([str(p) for p in paths], **kw))
    pages = [i for i in items if isinstance(i, Page)]
    rejects = [i for i in items if isinstance(i, Reject)]
    return pages, rejects


def test_formats_detected_from_content_not_extension(tmp_path):
    html = news_html(TITLE, PARAGRAPHS[:4])
    (tmp_path / "page.dat").write_text(html, encoding="utf-8")            # html, odd extension
    (tmp_path / "dump.html").write_text(text_dump(TITLE, PARAGRAPHS[:3]))  # text, misleading extension
    (tmp_path / "page.gz").write_bytes(gzip.compress(html.encode()))
    (tmp_path / "crawl.bin").write_bytes(warc_gz([("https://example.org/a", "2025-02-20", html, "response"),
                                                   ("https://example.org/b", "2025-02-21", "Plain text body of a WET record.\nSecond line here.", "conversion")]))
    pages, rejects = _collect([tmp_path])
    assert not rejects
    by_src = {p.source.split("/")[-1]: p for p in pages}
    assert by_src["page.dat"].kind == "html"
    assert by_src["dump.html"].kind == "text"
    assert by_src["page.gz"].kind == "html" and by_src["page.gz"].content == html.encode()
    warc = [p for p in pages if p.url]
    assert [p.url for p in warc] == ["https://example.org/a", "https://example.org/b"]
    assert warc[0].published == "2025-02-20" and warc[0].published_source == "warc"
    assert warc[0].kind == "html" and warc[1].kind == "text"
    assert warc[0].fetched.startswith("2025-02-20")


def test_jsonl_lines_and_bad_line(tmp_path):
    lines = [
        json.dumps({"text": "A text page.\nWith two lines.", "url": "https://a.example/x", "outlet": "A", "published": "2025-03-01", "title": "T"}),
        "{not json at all",
        json.dumps({"html": "<html><body><p>Hello</p></body></html>"}),
        json.dumps({"url": "https://a.example/empty"}),
    ]
    f = tmp_path / "dump.jsonl"
    f.write_text("\n".join(lines) + "\n")
    pages, rejects = _collect([f])
    assert [p.kind for p in pages] == ["text", "html"]
    assert pages[0].outlet == "A" and pages[0].published_source == "jsonl" and pages[0].title == "T"
    assert sorted(r.reason for r in rejects) == ["bad_json", "empty"]
    assert rejects[0].source.endswith("#L2")


def test_bad_inputs_become_rejects_with_reasons(tmp_path):
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (tmp_path / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "arch.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"   \n\t\n  ")
    full = gzip.compress(news_html(TITLE, PARAGRAPHS).encode())
    (tmp_path / "cut.html.gz").write_bytes(full[: len(full) // 2])
    big = b"<html><body>" + b"<p>" + b"word " * (3 * 1024 * 1024 // 5) + b"</p></body></html>"
    (tmp_path / "big.html").write_bytes(big)
    pages, rejects = _collect([tmp_path], limits=Limits(max_bytes=1024 * 1024))
    reasons = {r.source.split("/")[-1]: r.reason for r in rejects}
    assert reasons == {
        "doc.pdf": "binary", "img.png": "binary", "arch.zip": "binary",
        "empty.html": "empty", "blank.txt": "empty",
        "cut.html.gz": "truncated_gzip", "big.html": "too_large",
    }
    assert not pages
    assert all(r.detail for r in rejects)


def test_truncated_warc_keeps_complete_records(tmp_path):
    html = news_html(TITLE, PARAGRAPHS)
    data = warc_gz([("https://e.org/1", "2025-02-20", html, "response"),
                    ("https://e.org/2", "2025-02-20", html.replace("Riyadh", "Geneva"), "response")])
    # also an uncompressed WARC cut in the middle of its last record
    raw = gzip.decompress(data)
    (tmp_path / "cut.warc").write_bytes(raw[: len(raw) - 2000])
    pages, rejects = _collect([tmp_path / "cut.warc"])
    assert [p.url for p in pages] == ["https://e.org/1"]
    assert [r.reason for r in rejects] == ["truncated_warc"]


def test_manifest_supplies_metadata_and_rejects_missing_files(tmp_path):
    d = tmp_path / "pages"
    d.mkdir()
    (d / "a.txt").write_text(text_dump(TITLE, PARAGRAPHS[:3]))
    m = tmp_path / "manifest.csv"
    m.write_text("path,url,outlet,published,title\n"
                 "pages/a.txt,https://meridian.example/2025/02/18/x,The Daily Meridian,2025-02-18,Riyadh talks\n"
                 "pages/missing.txt,,,,\n")
    pages, rejects = _collect([], manifest=str(m))
    assert len(pages) == 1
    p = pages[0]
    assert (p.url, p.outlet, p.published, p.published_source, p.title) == (
        "https://meridian.example/2025/02/18/x", "The Daily Meridian", "2025-02-18", "manifest", "Riyadh talks")
    assert [r.reason for r in rejects] == ["missing_file"]


def test_ids_are_content_hashes_and_stable(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(text_dump(TITLE, PARAGRAPHS[:3]))
    (tmp_path / "copy.txt").write_bytes(a.read_bytes())
    (tmp_path / "other.txt").write_text(text_dump(TITLE, PARAGRAPHS[2:5]))
    p1, _ = _collect([tmp_path])
    p2, _ = _collect([tmp_path])
    assert [p.id for p in p1] == [p.id for p in p2]
    ids = {p.source.split("/")[-1]: p.id for p in p1}
    assert ids["a.txt"] == ids["copy.txt"]          # same bytes, no URL: one page
    assert ids["a.txt"] != ids["other.txt"]


def test_missing_input_is_a_user_error(tmp_path):
    with pytest.raises(InputError):
        expand_inputs([str(tmp_path / "nope")])
    with pytest.raises(InputError):
        expand_inputs([str(tmp_path / "*.nothing")])


def test_a_50_mb_page_is_rejected_by_default(tmp_path):
    big = tmp_path / "huge.html"
    with open(big, "wb") as fh:
        fh.write(b"<html><body>")
        chunk = b"<p>" + b"The talks went on. " * 500 + b"</p>\n"
        for _ in range((50 * 1024 * 1024) // len(chunk) + 1):
            fh.write(chunk)
        fh.write(b"</body></html>")
    pages, rejects = _collect([big])
    assert not pages and [r.reason for r in rejects] == ["too_large"]
