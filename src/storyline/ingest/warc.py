"""WARC / WET reader: records streamed by fastwarc from an open stream, one at a time.

A record's body is read only when its declared length is within ``max_bytes``;
larger ones are skipped unread, so a Common Crawl file of any size is read in
bounded memory. A record cut short (file truncated mid-record or mid-header, gzip
stream ending early) is reported as ``truncated_warc`` and ends the file; the
records before it are kept.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..model import Page, Reject
from .files import safe_text
from .sniff import binary_kind, sniff
from .streams import SNIFF_BYTES, GzipBodyError, gunzip_bounded

# Failures that are the stream's, not a bug of ours: fastwarc raises OSError /
# ValueError on broken streams, and a Rust panic surfaces as pyo3's
# PanicException (a BaseException, not importable by name).
_STREAM_ERRORS = (OSError, ValueError)


def _stream_failure(exc: BaseException) -> bool:
    return isinstance(exc, _STREAM_ERRORS) or type(exc).__name__ == "PanicException"

# Records that carry a page; the others (warcinfo, request, metadata, revisit)
# are read only to notice a file cut inside them.
_PAGE_TYPES = ("response", "conversion", "resource")
# From this HTTP status on (redirects, client and server errors) a response carries no article.
_FIRST_NO_PAGE_STATUS = 300
# Content-Encoding values of an HTTP body we can undo.
_GZIP_ENCODINGS = ("gzip", "x-gzip")


class _Cut(Exception):
    """The WARC stream ends inside a record: the reject is carried in ``args[0]``."""


def read_warc(source: str, stream, limits) -> Iterator[Page | Reject]:
    """WARC / WET: response records (HTML over HTTP) and conversion records (plain text)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    it = ArchiveIterator(stream, record_types=WarcRecordType.any_type, parse_http=False, stream_detect=False)
    n = 0
    found = 0  # pages and rejects yielded: a file that gives none is itself a reject
    while True:
        try:
            record = next(it)
        except StopIteration:
            break
        except BaseException as exc:
            if not _stream_failure(exc):
                raise
            yield _cut(f"{source}#record{n + 1}", f"WARC stream broken: {exc}", stream)
            return
        n += 1
        try:
            item = _read_record(source, n, record, limits, stream)
        except _Cut as cut:
            yield cut.args[0]
            return
        except BaseException as exc:
            if not _stream_failure(exc):
                raise
            yield _cut(f"{source}#record{n}", f"cannot read record body: {exc}", stream)
            return
        if item is not None:
            found += 1
            yield item
    if getattr(stream, "problem", None):  # gzip cut between two records: the rest is lost
        yield _cut(f"{source}#record{n + 1}", "stream ends between records", stream)
    elif not found:
        yield Reject(source, "empty", f"WARC file of {n} records, none a response, resource or conversion")


def _read_record(source: str, n: int, record, limits, stream) -> Page | Reject | None:
    """One record as a page, a reject or nothing (records that carry no page)."""
    uri = record.headers.get("WARC-Target-URI")
    where = f"{source}#{safe_text(uri)}" if uri else f"{source}#record{n}"
    declared = record.content_length
    if record.headers.get("Content-Length") is None:
        raise _Cut(_cut(where, "record header cut short", stream))
    rtype = str(record.record_type)
    if rtype not in _PAGE_TYPES or declared > limits.max_bytes:
        got = record.reader.consume()
        if got < declared:
            raise _Cut(_cut(where, f"record has {got} of {declared} declared bytes", stream))
        if rtype in _PAGE_TYPES:
            return Reject(where, "too_large", f"record of {declared} bytes exceeds the {limits.max_bytes} byte limit")
        return None
    block = record.reader.read()
    if len(block) < declared:
        raise _Cut(_cut(where, f"record body has {len(block)} of {declared} declared bytes", stream))
    return _record_page(where, rtype, record, block, limits)


def _cut(where: str, what: str, stream) -> Reject:
    """The reject for a record the stream ends inside, with the gzip layer's reason if it has one."""
    problem = getattr(stream, "problem", None)
    return Reject(where, "truncated_warc", f"{what} ({problem[0]}: {problem[1]})" if problem else what)


def _record_page(where: str, rtype: str, record, block: bytes, limits) -> Page | Reject:
    uri = record.headers.get("WARC-Target-URI")
    if rtype == "response":
        found = _http_payload(where, block, limits)
        if isinstance(found, Reject):
            return found
        content, kind, charset = found
    else:
        content = block
        ctype = record.headers.get("Content-Type", "")
        kind = "html" if "html" in ctype else ("text" if rtype == "conversion" else sniff(block[:SNIFF_BYTES]))
        charset = "utf-8" if rtype == "conversion" else _charset_from_ctype(ctype)
    if not content.strip():
        return Reject(where, "empty", "WARC record with an empty payload")
    bk = binary_kind(content[:4096])
    if bk:
        return Reject(where, "binary", f"{bk} payload, not a web page")
    date = record.headers.get("WARC-Date")
    return Page(
        source=where,
        content=content,
        kind=kind if kind in ("html", "text") else "html",
        url=safe_text(uri) if uri else None,
        published=date[:10] if date else None,
        published_source="warc" if date else None,
        fetched=date,
        encoding=charset,
    )


def _http_payload(where: str, block: bytes, limits) -> tuple[bytes, str, str | None] | Reject:
    """(body, kind, charset) of an HTTP response block, or why it holds no page."""
    status, headers, body = _split_http(block)
    if status is None:
        return Reject(where, "bad_http", "response record without an HTTP header")
    if status >= _FIRST_NO_PAGE_STATUS:
        return Reject(where, "http_status", f"HTTP status {status}")
    ctype = headers.get("content-type", "")
    if headers.get("content-encoding", "").lower() in _GZIP_ENCODINGS:
        try:
            body = gunzip_bounded(body, limits.max_bytes)
        except GzipBodyError as exc:
            return Reject(where, exc.reason, f"HTTP body: {exc.detail}")
    kind = "text" if ctype.startswith("text/plain") else "html"
    return body, kind, _charset_from_ctype(ctype)


def _split_http(block: bytes) -> tuple[int | None, dict[str, str], bytes]:
    sep = block.find(b"\r\n\r\n")
    seplen = 4
    if sep < 0:
        sep = block.find(b"\n\n")
        seplen = 2
    if sep < 0 or not block.startswith(b"HTTP/"):
        return None, {}, block
    head = block[:sep].decode("latin-1", "replace").splitlines()
    try:
        status = int(head[0].split()[1])
    except (IndexError, ValueError):
        return None, {}, block
    headers: dict[str, str] = {}
    for line in head[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    return status, headers, block[sep + seplen:]


def _charset_from_ctype(ctype: str) -> str | None:
    for part in ctype.split(";"):
        part = part.strip()
        if part.lower().startswith("charset="):
            return part.split("=", 1)[1].strip().strip("\"'").lower() or None
    return None
