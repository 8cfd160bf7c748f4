"""Property tests of the readers: whatever the bytes, no exception comes out, and every
input is accounted for (at least one Page or Reject per file; one per JSONL line)."""
import gzip
import json
import os
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pages import PARAGRAPHS, TITLE, news_html, warc_gz
from storyline.ingest import Limits, iter_pages
from storyline.model import Page, Reject

REASONS = {"binary", "empty", "bad_json", "too_large", "truncated_gzip", "corrupt_gzip", "truncated_warc",
           "bad_http", "http_status", "missing_file", "bad_manifest_row", "outside_inputs", "not_a_file",
           "unreadable"}
PROPS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HTML = news_html(TITLE, PARAGRAPHS[:3])
_WARC = warc_gz([("https://e.org/1", "2025-02-20", HTML, "response"),
                 ("https://e.org/2", "2025-02-21", "Plain text of a WET record.\nSecond line.", "conversion"),
                 ("https://e.org/3", "2025-02-22", HTML.replace("Riyadh", "Oslo"), "response")])
_JSONL = "\n".join(json.dumps({"text": f"Page {i}.\n" + "word " * 50, "url": f"https://e.org/{i}"})
                   for i in range(20)).encode() + b"\n"
VALID = {
    "warc.gz": _WARC,
    "warc": gzip.decompress(_WARC),
    "jsonl": _JSONL,
    "jsonl.gz": gzip.compress(_JSONL),
    "html.gz": gzip.compress(HTML.encode()),
    "html": HTML.encode(),
}
LIMITS = st.sampled_from([Limits(), Limits(max_bytes=512), Limits(max_bytes=4096)])


def read(data: bytes, limits: Limits) -> list:
    """Write ``data`` to a file and read it back; checks what holds for every item."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "input")
        with open(path, "wb") as fh:
            fh.write(data)
        items = list(iter_pages([path], limits=limits))
    for item in items:
        assert isinstance(item, (Page, Reject))
        item.source.encode("utf-8")
        if isinstance(item, Reject):
            assert item.reason in REASONS, item
        else:
            assert item.kind in ("html", "text") and item.content.strip()
            assert len(item.content) <= limits.max_bytes
    assert items, "an input gave neither a page nor a reject"
    return items


# Signatures the sniffer dispatches on, put in front of random bytes.
_PREFIXES = [b"", b"\x1f\x8b", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", b"WARC/1.0\r\n",
             b"WARC/1.0\r\nContent-Length: 10\r\n\r\n", b"\xff\xfe", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff",
             b"\xef\xbb\xbf", b"{", b"<html>", b"%PDF"]


@PROPS
@given(prefix=st.sampled_from(_PREFIXES), data=st.binary(max_size=8192), gz=st.booleans(), limits=LIMITS)
def test_random_bytes(prefix, data, gz, limits):
    data = prefix + data
    read(gzip.compress(data) if gz else data, limits)


@PROPS
@given(kind=st.sampled_from(sorted(VALID)), cut=st.floats(0, 1), limits=LIMITS)
def test_truncated_prefixes_of_valid_inputs(kind, cut, limits):
    data = VALID[kind]
    read(data[: int(len(data) * cut)], limits)


@PROPS
@given(kind=st.sampled_from(sorted(VALID)), pos=st.floats(0, 1), byte=st.integers(0, 255), limits=LIMITS)
def test_one_corrupt_byte_in_a_valid_input(kind, pos, byte, limits):
    data = bytearray(VALID[kind])
    data[min(int(len(data) * pos), len(data) - 1)] = byte
    read(bytes(data), limits)


# Random WARC records ------------------------------------------------------------------

_BODIES = st.one_of(
    st.binary(max_size=600),
    st.builds(lambda status, body: f"HTTP/1.1 {status} X\r\nContent-Type: text/html\r\n\r\n".encode() + body,
              st.integers(100, 999), st.binary(max_size=600)),
    st.builds(lambda html: b"HTTP/1.1 200 OK\r\n\r\n" + html.encode(), st.just(HTML)),
)
_RECORD = st.tuples(
    st.sampled_from(["response", "resource", "conversion", "request", "warcinfo", "metadata", "revisit"]),
    st.text(max_size=40),              # target URI (any text, may be empty)
    _BODIES,
    st.sampled_from([0, 0, 0, -3, 5]),  # a Content-Length that lies, sometimes
)
_PAGE_TYPES = {"response", "resource", "conversion"}


def _warc_bytes(rtype, uri, body, lie, gz):
    """One record; gzip files hold one member per record, as Common Crawl's do."""
    head = f"WARC/1.0\r\nWARC-Type: {rtype}\r\n"
    if uri.strip():
        head += f"WARC-Target-URI: {uri.replace(chr(13), ' ').replace(chr(10), ' ')}\r\n"
    head += f"Content-Length: {max(len(body) + lie, 0)}\r\n\r\n"
    rec = head.encode("utf-8", "surrogatepass") + body + b"\r\n\r\n"
    return gzip.compress(rec) if gz else rec


@PROPS
@given(records=st.lists(_RECORD, min_size=1, max_size=6), gz=st.booleans(), limits=LIMITS)
def test_random_warc_records(records, gz, limits):
    data = b"".join(_warc_bytes(*r, gz) for r in records)
    items = read(data, limits)
    honest = all(lie == 0 for _t, _u, _b, lie in records)
    page_records = sum(rtype in _PAGE_TYPES for rtype, *_ in records)
    if honest and page_records:
        assert len(items) == page_records   # one page or reject per content record


# Random JSONL lines --------------------------------------------------------------------

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
_OBJECT_LINE = st.builds(
    lambda fields: json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass"),
    st.dictionaries(st.sampled_from(["html", "text", "url", "title", "outlet", "published", "other"]),
                    st.one_of(st.text(max_size=300), _JSON_VALUES), max_size=5),
)
_LINE = st.one_of(
    _OBJECT_LINE,
    st.binary(max_size=200).map(lambda b: b.replace(b"\n", b" ").replace(b"\x00", b" ")),
    st.sampled_from([b"", b"   ", b"\r", b"[1, 2]", b'"just a string"', b"{", b'{"text": "' + b"x" * 5000 + b'"}']),
)


@PROPS
@given(first=_OBJECT_LINE, rest=st.lists(_LINE, max_size=12), limits=LIMITS)
def test_random_jsonl_lines_each_give_one_item(first, rest, limits):
    lines = [b"{" + first[1:] if first.startswith(b"{") else first, *rest]
    data = b"\n".join(lines)
    items = read(data, limits)
    wanted = {n for n, line in enumerate(data.split(b"\n"), 1) if line.strip()}
    numbers = [int(i.source.rsplit("#L", 1)[1]) for i in items]
    assert sorted(numbers) == sorted(wanted)   # exactly one item per non-blank line
