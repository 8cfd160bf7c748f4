"""Bytes -> str, trying in order: BOM, declared charset (HTTP / meta), UTF-8, detection."""
from __future__ import annotations

import codecs
import re

from ..ingest.sniff import BOMS  # the byte-order marks ingest sniffs: one table for both

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.IGNORECASE)

class DecodeError(Exception):
    pass


def _norm(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    try:
        codec = codecs.lookup(name.strip().lower())
    except LookupError:
        return None
    # Browsers treat latin-1 / iso-8859-1 labels as windows-1252 (WHATWG); so do we.
    if codec.name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return codec.name


def declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return _norm(m.group(1)) if m else None


def decode(data: bytes, declared: str | None = None, kind: str = "html") -> tuple[str, str]:
    """Decode page bytes; returns (text, encoding used). Raises DecodeError when hopeless."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace"), enc
    candidates: list[str] = []
    for c in (_norm(declared), declared_charset(data) if kind == "html" else None):
        if c and c not in candidates:
            candidates.append(c)
    # A declared charset can lie (UTF-8 pages labelled latin-1 are common):
    # valid UTF-8 with non-ASCII bytes is almost never anything else.
    try:
        text = data.decode("utf-8")
        return text, "utf-8"
    except UnicodeDecodeError:
        pass
    for c in candidates:
        if c == "utf-8":
            continue
        try:
            return data.decode(c), c
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise DecodeError("bytes match no known text encoding")
    enc = best.encoding
    text = data.decode(enc, "replace")
    # Too many replacement or control characters means this is not text at all.
    bad = sum(1 for ch in text[:20000] if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if bad > max(20, len(text[:20000]) // 50):
        raise DecodeError(f"undecodable bytes (best guess {enc} gives {bad} bad characters)")
    return text, enc
