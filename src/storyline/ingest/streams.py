"""Byte streams the readers share, each holding a bounded amount of memory.

- ``Replay``: an open file whose first bytes were already read to sniff its format;
- ``GunzipReader``: gzip decompressed as it is read, never raising: a cut or corrupt
  stream just ends, and ``problem`` says why;
- ``iter_lines``: lines of a stream, a line longer than a bound dropped as it is read.

Streams offer ``read(n)`` and ``tell()`` (all fastwarc asks of a Python stream) and
a ``problem`` attribute: None, or ``(reason, detail)`` when the stream ended early.
"""
from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"

# Bytes read to decide a format: an HTML <head>, a WARC record header or a JSON
# line's start all fit; reading more would only delay the first page.
SNIFF_BYTES = 64 * 1024
# Read size of the streams below: large enough that Python's per-call cost
# disappears next to zlib and fastwarc, small enough to be nothing in memory.
CHUNK_BYTES = 256 * 1024

TOO_LONG = None  # what iter_lines yields in place of a line over its bound


class Replay:
    """``head`` (already read from ``inner``) then the rest of ``inner``."""

    def __init__(self, head: bytes, inner: BinaryIO):
        self._head = head
        self._inner = inner
        self._pos = 0

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            out = self._head + self._inner.read()
            self._head = b""
        elif self._head:
            out = self._head[:n]
            self._head = self._head[n:]
            if len(out) < n:
                out += self._inner.read(n - len(out))
        else:
            out = self._inner.read(n)
        self._pos += len(out)
        return out

    def tell(self) -> int:
        return self._pos

    @property
    def problem(self) -> tuple[str, str] | None:
        """The inner stream's (a file has none; a gzip stream may end early)."""
        return getattr(self._inner, "problem", None)


class GunzipReader:
    """A (possibly multi-member) gzip stream, decompressed as it is read.

    Decompression is bounded per call, so a gzip bomb costs time, never memory.
    Trailing bytes after a complete member that do not start another member
    (NUL padding, garbage) end the stream, as gzip(1) does with a warning.
    """

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._input = b""       # compressed bytes not yet given to the decompressor
        self._buf = bytearray()  # decompressed bytes not yet read
        self._pos = 0
        self._done = False
        self.problem: tuple[str, str] | None = None

    def read(self, n: int = -1) -> bytes:
        want = n if n is not None and n >= 0 else None
        while not self._done and (want is None or len(self._buf) < want):
            self._fill(CHUNK_BYTES if want is None else max(want - len(self._buf), CHUNK_BYTES))
        cut = len(self._buf) if want is None else min(want, len(self._buf))
        out = bytes(self._buf[:cut])
        del self._buf[:cut]
        self._pos += len(out)
        return out

    def tell(self) -> int:
        return self._pos

    def _fill(self, max_out: int) -> None:
        """One bounded decompression step (a member may end in it; the next starts after)."""
        if not self._input:
            self._input = self._raw.read(CHUNK_BYTES)
            if not self._input:
                self._end("truncated_gzip", "gzip stream ends before its end marker")
                return
        try:
            self._buf += self._d.decompress(self._input, max_out)
        except zlib.error as exc:
            self._end("corrupt_gzip", str(exc))
            return
        self._input = self._d.unconsumed_tail
        if self._d.eof:
            self._next_member(self._d.unused_data)

    def _next_member(self, rest: bytes) -> None:
        while len(rest) < len(GZIP_MAGIC):
            more = self._raw.read(CHUNK_BYTES)
            if not more:
                break
            rest += more
        if rest and GZIP_MAGIC.startswith(rest):
            self._end("truncated_gzip", "gzip stream ends inside a member's header")
            return
        if not rest.startswith(GZIP_MAGIC):
            self._done = True  # clean end, or padding / garbage after the last member
            return
        self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._input = rest

    def _end(self, reason: str, detail: str) -> None:
        self._done = True
        self.problem = (reason, detail)


class GzipBodyError(Exception):
    """A gzip blob that cannot be used: ``reason`` is a reject reason, ``detail`` a sentence."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


def read_bounded(stream, max_bytes: int) -> bytes:
    """All of ``stream`` if it holds at most ``max_bytes``; GzipBodyError otherwise or if it ended early."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise GzipBodyError("too_large", f"decompressed size exceeds {max_bytes} bytes")
    if stream.problem:
        raise GzipBodyError(*stream.problem)
    return data


def gunzip_bounded(data: bytes, max_bytes: int) -> bytes:
    """Decompress a (possibly multi-member) gzip blob, refusing to grow past ``max_bytes``."""
    return read_bounded(GunzipReader(io.BytesIO(data)), max_bytes)


def iter_lines(stream, max_len: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)`` for lines split on ``\\n``; a line over ``max_len`` bytes
    comes as ``TOO_LONG`` (None) and is never held whole (a blank one as ``b""``)."""
    lineno = 0
    line = bytearray()
    over = False      # the current line passed max_len: its bytes are being dropped
    blank = True      # ... and those bytes were all whitespace
    while True:
        chunk = stream.read(CHUNK_BYTES)
        if not chunk:
            break
        start = 0
        while start <= len(chunk):
            nl = chunk.find(b"\n", start)
            end = nl if nl >= 0 else len(chunk)
            if over:
                blank = blank and not chunk[start:end].strip()
            else:
                line += chunk[start:end]
                if len(line) > max_len:
                    over, blank = True, not line.strip()
                    line = bytearray()
            if nl < 0:
                break
            lineno += 1
            yield lineno, _finished(line, over, blank)
            line, over, blank = bytearray(), False, True
            start = nl + 1
    if line or over:
        yield lineno + 1, _finished(line, over, blank)


def _finished(line: bytearray, over: bool, blank: bool) -> bytes | None:
    if over:
        return b"" if blank else TOO_LONG
    return bytes(line)
