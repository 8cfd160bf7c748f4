"""Decide what a blob of bytes is from its content, not its file name."""
from __future__ import annotations

import re

GZIP_MAGIC = b"\x1f\x8b"

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
)

_HTML_HINT = re.compile(
    rb"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|title>|div[\s>]|p[\s>]|article[\s>]|br\s*/?>)",
    re.IGNORECASE,
)


def binary_kind(head: bytes) -> str | None:
    """Name of the binary format ``head`` starts with, or None if it looks like text."""
    for magic, name in _BINARY_MAGIC:
        if head.startswith(magic):
            return name
    if b"\x00" in head[:4096]:
        # NUL bytes do not occur in any text encoding we accept (UTF-16 is not
        # expected from scrapes; it would be caught here and reported).
        return "binary"
    return None


def sniff(head: bytes) -> str:
    """Classify the first bytes (already gunzipped) of an input.

    Returns one of: "warc", "jsonl", "html", "text", or "binary:<kind>".
    """
    kind = binary_kind(head)
    if kind:
        return f"binary:{kind}"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"{"):
        return "jsonl"
    if _HTML_HINT.search(head[:65536]):
        return "html"
    return "text"
