"""Decide what a blob of bytes is from its content, not its file name.

Order matters: container signatures (gzip, WARC) and byte-order marks are checked
before the binary heuristic, because a WARC may hold a PDF in its first record and
UTF-16 text is full of NUL bytes.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from .streams import GZIP_MAGIC

# Signatures at byte 0 that name a container, checked before anything else.
_CONTAINERS: tuple[tuple[bytes, str], ...] = (
    (GZIP_MAGIC, "gzip"),
)
# Signatures that may follow a UTF-8 BOM or blank lines (hand-made files).
LEADING_BLANKS = b"\xef\xbb\xbf \t\r\n"
_TEXT_CONTAINERS: tuple[tuple[bytes, str], ...] = (
    (b"WARC/", "warc"),
)

# Byte-order marks; UTF-32 LE first, as its BOM starts with UTF-16 LE's.
# (clean/decode.py decodes with this table.)
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# A UTF-16/32 "BOM" in front of binary data decodes to junk: more than this
# share of characters no text holds (controls, unassigned, private use,
# broken surrogates) and it is binary after all. Random 16-bit units give
# about 15%; 1/50 is the share clean/decode.py tolerates from a guessed encoding.
WIDE_TEXT_MAX_BAD_SHARE = 1 / 50
_NOT_TEXT_CATEGORIES = {"Cc", "Cn", "Co", "Cs"}
_TEXT_CONTROLS = set("\t\n\r\f")

# Magic numbers of binary formats people accidentally point a news tool at.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "pdf"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\x7fELF", "elf"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ", "xz"),
    (b"7z\xbc\xaf", "7z"),
    (b"RIFF", "riff"),
    (b"\x00\x00\x01\x00", "ico"),
    (b"ID3", "mp3"),
    (b"OggS", "ogg"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"SQLite format 3", "sqlite"),
    (GZIP_MAGIC, "gzip"),  # inside a WARC record: a payload gzipped without saying so
)

_HTML_HINT = re.compile(
    rb"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|title>|div[\s>]|p[\s>]|article[\s>]|br\s*/?>)",
    re.IGNORECASE,
)


def _bom(head: bytes) -> tuple[bytes, str] | None:
    for bom, enc in BOMS:
        if head.startswith(bom):
            return bom, enc
    return None


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``head`` names, if any."""
    found = _bom(head)
    return found[1] if found else None


def wide_text(head: bytes) -> str | None:
    """``head`` decoded, when it is UTF-16/UTF-32 text with a BOM; None otherwise."""
    found = _bom(head)
    if found is None or found[1] == "utf-8":
        return None
    bom, enc = found
    text = head[len(bom):].decode(enc, "replace")[:-1]  # the head may end inside a character
    bad = sum(1 for ch in text if ch == "\ufffd"
              or (unicodedata.category(ch) in _NOT_TEXT_CATEGORIES and ch not in _TEXT_CONTROLS))
    if bad > len(text) * WIDE_TEXT_MAX_BAD_SHARE:
        return None
    return text


def binary_kind(head: bytes) -> str | None:
    """Name of the binary format ``head`` starts with, or None if it looks like text."""
    if wide_text(head) is not None:
        return None
    for magic, name in _BINARY_MAGIC:
        if head.startswith(magic):
            return name
    if b"\x00" in head[:4096]:
        # NUL bytes occur in no text encoding we accept without a BOM.
        return "binary"
    return None


def sniff(head: bytes) -> str:
    """Classify the first bytes of an input.

    Returns one of: "gzip", "warc", "jsonl", "html", "text", or "binary:<kind>".
    """
    for magic, kind in _CONTAINERS:
        if head.startswith(magic):
            return kind
    stripped = head.lstrip(LEADING_BLANKS)
    for magic, kind in _TEXT_CONTAINERS:
        if stripped.startswith(magic):
            return kind
    wide = wide_text(head)
    if wide is not None:
        return "html" if _HTML_HINT.search(wide.encode("utf-8", "replace")) else "text"
    kind = binary_kind(head)
    if kind:
        return f"binary:{kind}"
    if stripped.startswith(b"{"):
        return "jsonl"
    if _HTML_HINT.search(head[:65536]):
        return "html"
    return "text"
