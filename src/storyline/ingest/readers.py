"""Page readers: turn input files into a stream of ``Page`` or ``Reject`` records.

Each reader is a generator so a 10 GB WARC never sits in memory: only one
record (bounded by ``max_bytes``) at a time.
"""
from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Page, Reject
from .sniff import GZIP_MAGIC, binary_kind, sniff

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # pages larger than this are rejected, not parsed


@dataclass(slots=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES


def _gunzip_bounded(data: bytes, max_bytes: int) -> bytes:
    """Decompress a (possibly multi-member) gzip blob, refusing to grow past max_bytes.

    Raises EOFError for a truncated stream, ValueError when too large,
    zlib.error / OSError for corrupt data.
    """
    out = io.BytesIO()
    pos = 0
    while pos < len(data):
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        chunk = d.decompress(data[pos:], max_bytes + 1 - out.tell())
        out.write(chunk)
        if out.tell() > max_bytes:
            raise ValueError("too large")
        if not d.eof:
            if d.unconsumed_tail:  # output limit hit
                raise ValueError("too large")
            raise EOFError("truncated gzip stream")
        rest = d.unused_data
        pos = len(data) - len(rest)
        if not rest.strip(b"\x00"):
            break
        if not rest.startswith(GZIP_MAGIC):
            break  # trailing garbage after a complete member: keep what we have
    return out.getvalue()


def read_blob(source: str, data: bytes, limits: Limits, meta: dict | None = None) -> Iterator[Page | Reject]:
    """Read one file's bytes (any supported format) into pages."""
    meta = meta or {}
    if not data.strip():
        yield Reject(source, "empty", "file is empty or whitespace only")
        return
    if data.startswith(GZIP_MAGIC):
        # Peek to see whether this is a gzip WARC (streamed by fastwarc) or a gzip page.
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 65536)
        except zlib.error as exc:
            yield Reject(source, "corrupt_gzip", str(exc))
            return
        if sniff(head) == "warc":
            yield from read_warc(source, io.BytesIO(data), limits)
            return
        try:
            data = _gunzip_bounded(data, limits.max_bytes)
        except EOFError:
            yield Reject(source, "truncated_gzip", "gzip stream ends before its end marker")
            return
        except ValueError:
            yield Reject(source, "too_large", f"decompressed size exceeds {limits.max_bytes} bytes")
            return
        except (zlib.error, OSError) as exc:
            yield Reject(source, "corrupt_gzip", str(exc))
            return
        if not data.strip():
            yield Reject(source, "empty", "gzip holds an empty file")
            return
    kind = sniff(data[:65536])
    if kind.startswith("binary:"):
        yield Reject(source, "binary", f"{kind.split(':', 1)[1]} file, not a web page")
        return
    if kind == "warc":
        yield from read_warc(source, io.BytesIO(data), limits)
        return
    if kind == "jsonl":
        yield from read_jsonl(source, data, limits)
        return
    if len(data) > limits.max_bytes:
        yield Reject(source, "too_large", f"{len(data)} bytes exceeds the {limits.max_bytes} byte limit")
        return
    yield Page(
        source=source,
        content=data,
        kind=kind,
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        published=meta.get("published"),
        published_source="manifest" if meta.get("published") else None,
        title=meta.get("title"),
    )


def read_jsonl(source: str, data: bytes, limits: Limits) -> Iterator[Page | Reject]:
    """One page per line: {"html"|"text", "url"?, "published"?, "outlet"?, "title"?}."""
    for lineno, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"{source}#L{lineno}"
        try:
            obj = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Reject(where, "bad_json", f"line is not JSON: {exc.msg if hasattr(exc, 'msg') else exc}")
            continue
        if not isinstance(obj, dict):
            yield Reject(where, "bad_json", "line is JSON but not an object")
            continue
        body, kind = None, None
        if isinstance(obj.get("html"), str) and obj["html"].strip():
            body, kind = obj["html"], "html"
        elif isinstance(obj.get("text"), str) and obj["text"].strip():
            body, kind = obj["text"], "text"
        if body is None:
            yield Reject(where, "empty", "JSON line has no non-empty 'html' or 'text' field")
            continue
        content = body.encode("utf-8", "surrogatepass")
        if len(content) > limits.max_bytes:
            yield Reject(where, "too_large", f"{len(content)} bytes exceeds the {limits.max_bytes} byte limit")
            continue
        published = _str_or_none(obj.get("published"))
        yield Page(
            source=where,
            content=content,
            kind=kind,
            url=_str_or_none(obj.get("url")),
            outlet=_str_or_none(obj.get("outlet")),
            published=published,
            published_source="jsonl" if published else None,
            title=_str_or_none(obj.get("title")),
            encoding="utf-8",
        )


def _str_or_none(v) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def read_warc(source: str, stream, limits: Limits) -> Iterator[Page | Reject]:
    """WARC / WET: response records (HTML over HTTP) and conversion records (plain text)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n = 0
    it = ArchiveIterator(
        stream,
        record_types=WarcRecordType.response | WarcRecordType.conversion | WarcRecordType.resource,
        parse_http=False,
    )
    while True:
        try:
            record = next(it)
        except StopIteration:
            break
        except Exception as exc:  # fastwarc raises OSError on broken streams
            yield Reject(f"{source}#record{n + 1}", "truncated_warc", f"WARC stream broken: {exc}")
            return
        n += 1
        uri = record.headers.get("WARC-Target-URI")
        where = f"{source}#{uri}" if uri else f"{source}#record{n}"
        declared = record.content_length
        if declared > limits.max_bytes:
            yield Reject(where, "too_large", f"record of {declared} bytes exceeds the limit")
            record.reader.consume()
            continue
        try:
            block = record.reader.read()
        except Exception as exc:
            yield Reject(where, "truncated_warc", f"cannot read record body: {exc}")
            return
        if len(block) < declared:
            yield Reject(where, "truncated_warc", f"record body has {len(block)} of {declared} declared bytes")
            return
        rtype = record.record_type
        date = record.headers.get("WARC-Date")
        charset = None
        if rtype == WarcRecordType.response:
            status, headers, body = _split_http(block)
            if status is None:
                yield Reject(where, "bad_http", "response record without an HTTP header")
                continue
            if status >= 400 or (300 <= status < 400):
                yield Reject(where, "http_status", f"HTTP status {status}")
                continue
            ctype = headers.get("content-type", "")
            charset = _charset_from_ctype(ctype)
            encoding = headers.get("content-encoding", "").lower()
            if encoding in ("gzip", "x-gzip"):
                try:
                    body = gzip.decompress(body)
                except Exception as exc:
                    yield Reject(where, "corrupt_gzip", f"HTTP body: {exc}")
                    continue
            content = body
            kind = "text" if ctype.startswith("text/plain") else "html"
        else:
            content = block
            ctype = record.headers.get("Content-Type", "")
            kind = "html" if "html" in ctype else ("text" if rtype == WarcRecordType.conversion else sniff(block[:65536]))
            charset = "utf-8" if rtype == WarcRecordType.conversion else _charset_from_ctype(ctype)
        if not content.strip():
            yield Reject(where, "empty", "WARC record with an empty payload")
            continue
        bk = binary_kind(content[:4096])
        if bk:
            yield Reject(where, "binary", f"{bk} payload, not a web page")
            continue
        if kind not in ("html", "text"):
            kind = "html"
        yield Page(
            source=where,
            content=content,
            kind=kind,
            url=uri,
            published=date[:10] if date else None,
            published_source="warc" if date else None,
            fetched=date,
            encoding=charset,
        )


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
