"""Ingest against hostile inputs (issue 11): odd names, special files, escaping manifests,
containers holding binaries, wide encodings, big and cut files. Each test writes its own input."""
import gzip
import io
import json
import os
import signal
import socket
import sys
import tracemalloc
import zlib
from contextlib import contextmanager

import pytest

from pages import PARAGRAPHS, TITLE, news_html, warc_gz
from storyline.clean import clean_page
from storyline.ingest import Limits, display_path, iter_pages, read_blob
from storyline.model import Article, Page, Reject

HTML = news_html(TITLE, PARAGRAPHS[:4])
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 0 >>\nstream\n\x00\x01\x02endstream\nendobj\n" * 20
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4


def _collect(paths, **kw):
    items = list(iter_pages([str(p) for p in paths], **kw))
    return [i for i in items if isinstance(i, Page)], [i for i in items if isinstance(i, Reject)]


class Hung(Exception):
    """Not an OSError (as TimeoutError is), which a reader would catch and carry on."""


@contextmanager
def _deadline(seconds: int):
    """Fail instead of hanging: special files used to block the build forever."""
    def _fire(signum, frame):
        signal.alarm(1)  # again, in case the reader swallows this one
        raise Hung(f"ingest still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, _fire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def http_response(body: bytes, ctype: str = "text/html; charset=utf-8", status: int = 200,
                  extra: str = "") -> bytes:
    head = f"HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\n{extra}Content-Length: {len(body)}\r\n\r\n"
    return head.encode("ascii") + body


def warc_record(block: bytes, uri: str = "https://example.org/", rtype: str = "response",
                length: int | None = None) -> bytes:
    """One WARC/1.0 record, by hand; ``length`` lets a test declare a length that lies."""
    head = (f"WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2025-02-20T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(block) if length is None else length}\r\n\r\n")
    return head.encode("utf-8") + block + b"\r\n\r\n"


# 1. Non-UTF-8 file names --------------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_named_with_escapes(tmp_path):
    with open(os.path.join(os.fsencode(str(tmp_path)), b"caf\xe9.html"), "wb") as fh:
        fh.write(HTML.encode())
    with open(os.path.join(os.fsencode(str(tmp_path)), b"d\xe9j\xe0.pdf"), "wb") as fh:
        fh.write(PDF)
    pages, rejects = _collect([tmp_path])
    assert len(pages) == 1 and len(rejects) == 1
    for item in (*pages, *rejects):
        item.source.encode("utf-8")                          # no lone surrogate left
        json.dumps({"source": item.source}, ensure_ascii=False).encode("utf-8")
    assert pages[0].source.endswith("caf\\xe9.html")
    assert rejects[0].reason == "binary" and "d\\xe9j\\xe0.pdf" in rejects[0].source


def test_display_path_keeps_valid_names_and_escapes_bad_bytes():
    assert display_path("/data/café.html") == "/data/café.html"
    assert display_path(os.fsdecode(b"/data/caf\xe9.html")) == "/data/caf\\xe9.html"
    assert display_path(b"/data/caf\xe9.html") == "/data/caf\\xe9.html"
    assert display_path("-") == "<stdin>"


def test_records_inside_a_badly_named_file_are_named_with_escapes(tmp_path):
    name = os.path.join(os.fsencode(str(tmp_path)), b"\xff\xfe.jsonl")
    with open(name, "wb") as fh:
        fh.write(json.dumps({"text": "A page.\nSecond line.", "title": "\ud800 lone"}).encode() + b"\n{bad\n")
    pages, rejects = _collect([tmp_path])
    assert pages[0].source.endswith("\\xff\\xfe.jsonl#L1")
    assert rejects[0].source.endswith("\\xff\\xfe.jsonl#L2")
    pages[0].title.encode("utf-8")  # a lone surrogate from JSON is escaped too


# 2. Container signatures before the binary heuristic -----------------------------

@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_a_warc_opening_with_binary_records_keeps_its_html_records(tmp_path, compress):
    records = [
        warc_record(http_response(PDF, "application/pdf"), "https://e.org/report.pdf"),
        warc_record(http_response(PNG, "image/png"), "https://e.org/logo.png"),
        warc_record(http_response(HTML.encode()), "https://e.org/story"),
        warc_record(http_response(HTML.replace("Riyadh", "Geneva").encode()), "https://e.org/story2"),
    ]
    if compress:
        records = [gzip.compress(r) for r in records]
    f = tmp_path / "crawl.bin"
    f.write_bytes(b"".join(records))
    pages, rejects = _collect([f])
    assert [p.url for p in pages] == ["https://e.org/story", "https://e.org/story2"]
    assert [(r.source.split("#", 1)[1], r.reason) for r in rejects] == [
        ("https://e.org/report.pdf", "binary"), ("https://e.org/logo.png", "binary")]


def test_a_warc_record_uri_that_is_not_utf8_is_stored_safely(tmp_path):
    block = http_response(HTML.encode())
    rec = warc_record(block, "https://e.org/PLACEHOLDER").replace(b"PLACEHOLDER", b"caf\xe9")
    (tmp_path / "a.warc").write_bytes(rec)
    pages, rejects = _collect([tmp_path / "a.warc"])
    assert not rejects
    pages[0].source.encode("utf-8"), pages[0].url.encode("utf-8")


# 3. UTF-16 / UTF-32 with a BOM ---------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_wide_text_with_a_bom_is_a_page_and_an_article(tmp_path, encoding):
    bom = {"utf-16": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32": b"\xff\xfe\x00\x00",
           "utf-32-be": b"\x00\x00\xfe\xff"}[encoding]
    codec = {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(encoding, encoding)
    f = tmp_path / "page.html"
    f.write_bytes(bom + HTML.encode(codec))
    pages, rejects = _collect([f])
    assert not rejects and len(pages) == 1 and pages[0].kind == "html"
    art = clean_page(pages[0])
    assert isinstance(art, Article), art
    assert PARAGRAPHS[1][:60] in art.text


def test_wide_text_in_a_warc_record_is_not_binary(tmp_path):
    body = b"\xff\xfe" + HTML.encode("utf-16-le")
    (tmp_path / "a.warc").write_bytes(warc_record(http_response(body, "text/html")))
    pages, rejects = _collect([tmp_path / "a.warc"])
    assert not rejects and isinstance(clean_page(pages[0]), Article)


def test_a_bom_in_front_of_binary_junk_is_still_binary(tmp_path):
    (tmp_path / "x.bin").write_bytes(b"\xff\xfe" + bytes(range(256)) * 40)
    _pages, rejects = _collect([tmp_path / "x.bin"])
    assert [r.reason for r in rejects] == ["binary"]


# 4. Manifest rows escaping their folder -------------------------------------------

def test_manifest_rows_outside_the_manifest_folder_and_inputs_are_refused(tmp_path):
    d = tmp_path / "build"
    d.mkdir()
    (d / "ok.html").write_text(HTML)
    other = tmp_path / "other"
    other.mkdir()
    (other / "elsewhere.html").write_text(HTML.replace("Riyadh", "Oslo"))
    (d / "link.html").symlink_to(other / "elsewhere.html")   # a link out of the folder
    m = d / "manifest.csv"
    m.write_text("path,url\n"
                 "ok.html,https://e.org/ok\n"
                 "../../../../../../../../etc/passwd,\n"
                 "/etc/shadow,\n"
                 "link.html,\n"
                 "../other/elsewhere.html,\n")
    pages, rejects = _collect([], manifest=str(m))
    assert [p.url for p in pages] == ["https://e.org/ok"]
    assert [r.reason for r in rejects] == ["outside_inputs"] * 4
    assert all("line" in r.detail for r in rejects)
    assert "line 3" in rejects[0].detail


def test_manifest_rows_may_name_files_under_an_input_path(tmp_path):
    d = tmp_path / "build"
    d.mkdir()
    other = tmp_path / "other"
    other.mkdir()
    (other / "elsewhere.html").write_text(HTML)
    m = d / "manifest.jsonl"
    m.write_text(json.dumps({"path": "../other/elsewhere.html", "outlet": "Other"}) + "\n")
    pages, rejects = _collect([other], manifest=str(m))
    assert not rejects and [p.outlet for p in pages] == ["Other"]


# 5. Special files -------------------------------------------------------------------

def test_a_fifo_in_an_input_folder_is_a_reject_not_a_hang(tmp_path):
    (tmp_path / "a.html").write_text(HTML)
    os.mkfifo(tmp_path / "pipe.html")
    with _deadline(20):
        pages, rejects = _collect([tmp_path])
        pages2, rejects2 = _collect([tmp_path / "pipe.html"])
    assert len(pages) == 1 and not pages2
    assert [(r.reason, r.detail.split(",")[0]) for r in rejects + rejects2] == [("not_a_file", "fifo")] * 2


def test_a_link_to_a_device_or_a_socket_is_a_reject(tmp_path):
    (tmp_path / "zero.html").symlink_to("/dev/zero")
    sock = socket.socket(socket.AF_UNIX)
    sock_path = tmp_path / "s.sock"
    try:
        sock.bind(str(sock_path))
        with _deadline(20):
            _pages, rejects = _collect([tmp_path])
    finally:
        sock.close()
    details = sorted((r.reason, r.detail.split(",")[0]) for r in rejects)
    assert details == [("not_a_file", "character device"), ("not_a_file", "socket")]


def test_a_manifest_row_naming_a_fifo_or_a_device_is_a_reject(tmp_path):
    os.mkfifo(tmp_path / "pipe.html")
    (tmp_path / "null.html").symlink_to("/dev/null")
    m = tmp_path / "m.csv"
    m.write_text("path\npipe.html\nnull.html\n")
    with _deadline(20):
        _pages, rejects = _collect([], manifest=str(m))
        _pages, rejects_as_input = _collect([tmp_path / "null.html"])
    assert [r.reason for r in rejects] == ["outside_inputs", "not_a_file"]   # /dev is not an input
    assert [r.reason for r in rejects_as_input] == ["not_a_file"]


# 6. Bounded memory for big inputs ----------------------------------------------------

def _peak_mib(fn):
    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_a_warc_over_a_gibibyte_is_streamed_record_by_record(tmp_path):
    """A sparse file: 1.1 GiB on paper, a few KB on disk. Its big record is skipped
    unread; the records after it are pages; memory stays small."""
    f = tmp_path / "big.warc"
    big = (1 << 30) + (100 << 20)
    with open(f, "wb") as fh:
        fh.write(warc_record(http_response(HTML.encode()), "https://e.org/1"))
        fh.write(warc_record(b"", "https://e.org/huge", length=big)[:-4])
        fh.seek(big, os.SEEK_CUR)
        fh.write(b"\r\n\r\n")
        fh.write(warc_record(http_response(HTML.replace("Riyadh", "Oslo").encode()), "https://e.org/2"))
    (pages, rejects), peak = _peak_mib(lambda: _collect([f], limits=Limits(max_bytes=1 << 20)))
    assert [p.url for p in pages] == ["https://e.org/1", "https://e.org/2"]
    assert [(r.source.rsplit("#", 1)[1], r.reason) for r in rejects] == [("https://e.org/huge", "too_large")]
    assert peak < 32, f"peak {peak:.0f} MiB"


def test_a_jsonl_line_over_the_limit_is_dropped_as_it_is_read(tmp_path):
    f = tmp_path / "dump.jsonl"
    with open(f, "wb") as fh:
        # a first line longer than the 64 KiB sniffed, so the head holds no NUL byte
        fh.write(json.dumps({"text": "First page.\n" + "word " * 20_000}).encode() + b"\n")
        fh.write(b'{"text": "')
        fh.seek(200 << 20, os.SEEK_CUR)          # 200 MiB of NUL bytes on one line
        fh.write(b'"}\n\n' + json.dumps({"html": HTML}).encode() + b"\n")
    (pages, rejects), peak = _peak_mib(lambda: _collect([f], limits=Limits(max_bytes=1 << 20)))
    assert [p.source.rsplit("#", 1)[1] for p in pages] == ["L1", "L4"]
    assert [(r.source.rsplit("#", 1)[1], r.reason) for r in rejects] == [("L2", "too_large")]
    assert peak < 32, f"peak {peak:.0f} MiB"


def test_gzip_jsonl_is_streamed_and_a_cut_stream_is_reported(tmp_path):
    lines = [json.dumps({"text": f"Page {i}.\n" + "word " * 400}) for i in range(200)]
    data = gzip.compress("\n".join(lines).encode())
    (tmp_path / "full.jsonl.gz").write_bytes(data)
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    pages, rejects = _collect([tmp_path / "full.jsonl.gz"])
    assert len(pages) == 200 and not rejects
    pages, rejects = _collect([tmp_path / "cut.jsonl.gz"])
    assert 0 < len(pages) < 200
    assert rejects[-1].reason == "truncated_gzip" and rejects[-1].source.endswith("cut.jsonl.gz")


def test_a_page_over_the_limit_is_refused_from_its_size_unread(tmp_path):
    f = tmp_path / "huge.html"
    with open(f, "wb") as fh:
        fh.write(b"<html><body><p>" + b"The talks went on. " * 10_000)
        fh.truncate(300 << 20)                   # sparse: 300 MiB on paper
    (pages, rejects), peak = _peak_mib(lambda: _collect([f], limits=Limits(max_bytes=1 << 20)))
    assert not pages and [r.reason for r in rejects] == ["too_large"]
    assert peak < 8, f"peak {peak:.0f} MiB"


def test_a_gzip_bomb_in_a_warc_http_body_is_too_large(tmp_path):
    bomb = gzip.compress(b"<html><body>" + b" " * (50 << 20))
    block = http_response(bomb, extra="Content-Encoding: gzip\r\n")
    (tmp_path / "a.warc").write_bytes(warc_record(block, "https://e.org/bomb")
                                      + warc_record(http_response(HTML.encode()), "https://e.org/ok"))
    (pages, rejects), peak = _peak_mib(lambda: _collect([tmp_path / "a.warc"], limits=Limits(max_bytes=1 << 20)))
    assert [p.url for p in pages] == ["https://e.org/ok"]
    assert [r.reason for r in rejects] == ["too_large"]
    assert peak < 32, f"peak {peak:.0f} MiB"


def test_stdin_is_read(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(HTML.encode()))))
    pages, rejects = _collect(["-"])
    assert not rejects and pages[0].source == "<stdin>" and pages[0].content == HTML.encode()


def test_read_blob_still_reads_bytes():
    items = list(read_blob("x.html", HTML.encode(), Limits()))
    assert [type(i) for i in items] == [Page] and items[0].kind == "html"


def test_json_nested_too_deeply_is_a_bad_line(tmp_path):
    f = tmp_path / "deep.jsonl"
    f.write_bytes(b'{"a": ' + b"[" * 100_000 + b"\n" + json.dumps({"text": "ok.\nok"}).encode() + b"\n")
    pages, rejects = _collect([f])
    assert len(pages) == 1 and [r.reason for r in rejects] == ["bad_json"]


# 7. Truncated .warc.gz -------------------------------------------------------------------

def _member_ends(data: bytes) -> list[int]:
    ends, pos = [], 0
    while pos < len(data):
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        d.decompress(data[pos:])
        pos = len(data) - len(d.unused_data)
        ends.append(pos)
    return ends


def test_a_cut_warc_gz_names_the_cut_record_truncated_wherever_the_cut(tmp_path):
    data = warc_gz([("https://e.org/1", "2025-02-20", HTML, "response"),
                    ("https://e.org/2", "2025-02-20", HTML.replace("Riyadh", "Oslo"), "response")])
    ends = _member_ends(data)           # warcinfo, record 1, record 2
    f = tmp_path / "cut.warc.gz"
    for cut in range(ends[1] + 1, ends[2] - 1, 97):
        f.write_bytes(data[:cut])
        pages, rejects = _collect([f])
        assert [p.url for p in pages] == ["https://e.org/1"], cut
        assert [r.reason for r in rejects] == ["truncated_warc"], (cut, rejects)
    f.write_bytes(data[: ends[0] + 30])     # cut inside record 1's WARC header
    pages, rejects = _collect([f])
    assert not pages and [r.reason for r in rejects] == ["truncated_warc"]


# 8. The store inside an input folder ---------------------------------------------------

def test_excluded_paths_and_their_wal_are_skipped_silently(tmp_path):
    (tmp_path / "a.html").write_text(HTML)
    (tmp_path / "store.duckdb").write_bytes(b"DUCK" + b"\x00" * 4000)
    (tmp_path / "store.duckdb.wal").write_bytes(b"\x00\x01" * 300)
    (tmp_path / "alias").symlink_to(tmp_path)
    pages, rejects = _collect([tmp_path], exclude=[str(tmp_path / "alias" / "store.duckdb")])
    assert len(pages) == 1 and not rejects
    _pages, rejects = _collect([tmp_path])
    assert sorted(r.source.rsplit("/", 1)[1] for r in rejects) == ["store.duckdb", "store.duckdb.wal"]
