"""Page readers: turn an open input into a stream of ``Page`` or ``Reject`` records.

``read_stream`` reads the first 64 KiB, decides the format from them (``sniff``)
and hands the open stream to the reader of that format:

- gzip: the first 64 KiB are decompressed to sniff what is inside, then the
  stream is decompressed as it is read (bounded) and read as below;
- WARC / WET: streamed by fastwarc, one record (bounded by ``max_bytes``) at a time;
- JSONL: streamed line by line, each line bounded;
- a page (HTML or text): refused from its size when larger than ``max_bytes``,
  else read whole.

No reader ever holds more than one page (plus a 256 KiB buffer): a 10 GB WARC
or JSONL file is read in bounded memory.
"""
from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model import Page, Reject
from .files import safe_text
from .sniff import LEADING_BLANKS, bom_encoding, sniff
from .streams import SNIFF_BYTES, TOO_LONG, GunzipReader, GzipBodyError, Replay, iter_lines, read_bounded
from .warc import read_warc

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # pages larger than this are rejected, not parsed

# A JSON line holds its page escaped: '"', '\\' and a newline take two bytes, a
# three-byte character written as \uXXXX six. Lines up to twice the page limit
# (plus room for url, title, outlet) are parsed; the page inside is then held to
# max_bytes. Longer lines are dropped as they are read.
JSONL_ESCAPE_FACTOR = 2
JSONL_METADATA_ROOM = 64 * 1024

_PAGE_KINDS = ("html", "text")
# Encodings a page is marked with from its byte-order mark: the ones a reader
# that assumes UTF-8 (the text cleaner's line index) would get wrong.
_WIDE_ENCODINGS = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


@dataclass(slots=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES


def read_stream(source: str, raw, limits: Limits, meta: dict | None = None,
                size: int | None = None) -> Iterator[Page | Reject]:
    """Read one open input (any supported format) into pages; ``size`` is its size on disk when known."""
    meta = meta or {}
    head = raw.read(SNIFF_BYTES)
    kind = sniff(head)
    if kind == "warc":  # fastwarc wants "WARC/" first: a BOM or blank lines before it go
        head = head.lstrip(LEADING_BLANKS)
    stream = Replay(head, raw)
    if kind == "gzip":
        yield from _read_gzip(source, stream, limits, meta)
        return
    reader = _STREAM_READERS.get(kind)
    if reader:
        yield from reader(source, stream, limits)
        return
    yield from _read_plain_page(source, stream, kind, limits, meta, size)


def read_blob(source: str, data: bytes, limits: Limits, meta: dict | None = None) -> Iterator[Page | Reject]:
    """Read one file's bytes (any supported format) into pages."""
    yield from read_stream(source, io.BytesIO(data), limits, meta, size=len(data))


def _read_gzip(source: str, stream, limits: Limits, meta: dict) -> Iterator[Page | Reject]:
    """A gzip file: a WARC or JSONL inside is streamed, a page inside is decompressed (bounded).
    The inner format is sniffed from the first decompressed bytes, which are then replayed
    (decompressing the head twice cost a third of the reading time of a folder of pages)."""
    gz = GunzipReader(stream)
    inner_head = gz.read(SNIFF_BYTES)
    if not inner_head and gz.problem and gz.problem[0] == "corrupt_gzip":
        yield Reject(source, *gz.problem)
        return
    body = Replay(inner_head, gz)
    reader = _STREAM_READERS.get(sniff(inner_head))
    if reader:
        yield from reader(source, body, limits)
        return
    try:
        data = read_bounded(body, limits.max_bytes)
    except GzipBodyError as exc:
        yield Reject(source, exc.reason, exc.detail)
        return
    if not data.strip():
        yield Reject(source, "empty", "gzip holds an empty file")
        return
    yield _page_or_binary(source, data, sniff(data[:SNIFF_BYTES]), meta)


def _read_plain_page(source: str, stream, kind: str, limits: Limits, meta: dict,
                     size: int | None) -> Iterator[Page | Reject]:
    """A page file: what it is is known from its head, whether it fits from its size."""
    if kind not in _PAGE_KINDS:
        yield _page_or_binary(source, b"", kind, meta)
        return
    if size is not None and size > limits.max_bytes:
        yield Reject(source, "too_large", f"{size} bytes exceeds the {limits.max_bytes} byte limit")
        return
    data = stream.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        yield Reject(source, "too_large", f"more than {limits.max_bytes} bytes (the limit)")
        return
    if not data.strip():
        yield Reject(source, "empty", "file is empty or whitespace only")
        return
    yield _page_or_binary(source, data, kind, meta)


def _page_or_binary(source: str, data: bytes, kind: str, meta: dict) -> Page | Reject:
    if kind not in _PAGE_KINDS:
        return Reject(source, "binary", f"{kind.removeprefix('binary:')} file, not a web page")
    encoding = bom_encoding(data)
    return Page(
        source=source,
        content=data,
        kind=kind,
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        published=meta.get("published"),
        published_source="manifest" if meta.get("published") else None,
        title=meta.get("title"),
        encoding=encoding if encoding in _WIDE_ENCODINGS else None,
    )


def read_jsonl(source: str, stream, limits: Limits) -> Iterator[Page | Reject]:
    """One page per line: {"html"|"text", "url"?, "published"?, "outlet"?, "title"?}.

    Every non-blank line gives one page or one reject; a gzip stream that ends
    early adds a reject for the file.
    """
    if isinstance(stream, (bytes, bytearray)):
        stream = io.BytesIO(stream)
    max_line = JSONL_ESCAPE_FACTOR * limits.max_bytes + JSONL_METADATA_ROOM
    for lineno, raw in iter_lines(stream, max_line):
        where = f"{source}#L{lineno}"
        if raw is TOO_LONG:
            yield Reject(where, "too_large", f"line longer than {max_line} bytes")
        elif raw.strip():
            yield _jsonl_item(where, raw, limits)
    problem = getattr(stream, "problem", None)
    if problem:
        yield Reject(source, *problem)


# Fields a JSON line may carry its page in, by preference.
_JSONL_BODIES = (("html", "html"), ("text", "text"))


def _jsonl_item(where: str, raw: bytes, limits: Limits) -> Page | Reject:
    try:
        obj = json.loads(raw)
    except RecursionError:
        return Reject(where, "bad_json", "line is JSON nested too deeply")
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, too many digits
        return Reject(where, "bad_json", f"line is not JSON: {getattr(exc, 'msg', None) or exc}")
    if not isinstance(obj, dict):
        return Reject(where, "bad_json", "line is JSON but not an object")
    body, kind = next(((obj[f], k) for f, k in _JSONL_BODIES
                       if isinstance(obj.get(f), str) and obj[f].strip()), (None, None))
    if body is None:
        return Reject(where, "empty", "JSON line has no non-empty 'html' or 'text' field")
    content = body.encode("utf-8", "surrogatepass")
    if len(content) > limits.max_bytes:
        return Reject(where, "too_large", f"{len(content)} bytes exceeds the {limits.max_bytes} byte limit")
    published = _str_or_none(obj.get("published"))
    return Page(
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
    s = safe_text(str(v).strip())
    return s or None


# Formats read as a stream of several pages, by the name ``sniff`` gives them.
_STREAM_READERS: dict[str, Callable[..., Iterator[Page | Reject]]] = {
    "warc": read_warc,
    "jsonl": read_jsonl,
}
