"""Ingest: input paths -> stream of ``Page`` (with content-hash ids) or ``Reject``.

Formats are detected from content: HTML, plain text, gzip of either, WARC/WET
(plain or gzip), JSONL. A manifest (CSV or JSONL) adds metadata files lack.
"""
from __future__ import annotations

import glob
import hashlib
import os
import sys
from collections.abc import Iterable, Iterator

from ..model import Page, Reject
from .manifest import ManifestError, read_manifest
from .readers import DEFAULT_MAX_BYTES, Limits, read_blob

__all__ = ["iter_pages", "page_id", "expand_inputs", "InputError", "ManifestError", "Limits", "DEFAULT_MAX_BYTES"]


class InputError(Exception):
    """A user error about the inputs (missing path, nothing matched a glob)."""


def page_id(page: Page) -> str:
    """Content hash that identifies a page: its URL (when known), outlet and raw bytes.

    The same file built twice gives the same id (and is skipped); the same text
    under two URLs or two outlets gives two pages, later linked as copies.
    """
    h = hashlib.sha256()
    h.update((page.url or "").encode("utf-8", "surrogatepass"))
    h.update(b"\x00")
    h.update((page.outlet or "").encode("utf-8", "surrogatepass"))
    h.update(b"\x00")
    h.update(page.content)
    return h.hexdigest()[:20]


_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files, directories (recursive, sorted), globs and '-' (stdin), in a stable order."""
    out: list[str] = []
    for item in inputs:
        if item == "-":
            out.append("-")
        elif os.path.isdir(item):
            for root, dirs, files in os.walk(item):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name in _SKIP_NAMES or name.startswith("."):
                        continue
                    out.append(os.path.join(root, name))
        elif os.path.exists(item):
            out.append(item)
        elif glob.has_magic(item):
            matches = sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p))
            if not matches:
                raise InputError(f"no file matches {item!r}")
            out.extend(matches)
        else:
            raise InputError(f"no such file or directory: {item}")
    return out


def _read_file(path: str, limits: Limits) -> bytes | Reject:
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        size = os.path.getsize(path)
        # gzip/WARC files may legitimately be large (they are streamed record by
        # record); a plain page this large is refused before it is read.
        if size > max(limits.max_bytes * 50, 1 << 30):
            return Reject(path, "too_large", f"{size} bytes on disk")
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        return Reject(path, "unreadable", exc.strerror or str(exc))


def iter_pages(
    inputs: Iterable[str],
    manifest: str | None = None,
    limits: Limits | None = None,
) -> Iterator[Page | Reject]:
    """Stream pages from inputs (and manifest rows), ids filled in, in a deterministic order."""
    limits = limits or Limits()
    meta_by_path: dict[str, dict] = {}
    paths: list[str] = []
    if manifest:
        rows, rejects = read_manifest(manifest)
        yield from rejects
        for row in rows:
            key = os.path.normpath(row["path"])
            meta_by_path[key] = row
            paths.append(row["path"])
    seen_paths = {os.path.normpath(p) for p in paths}
    if manifest:
        # The manifest often sits in the folder being built: it is not a page.
        seen_paths.add(os.path.normpath(manifest))
    for p in expand_inputs(inputs):
        if p == "-" or os.path.normpath(p) not in seen_paths:
            paths.append(p)
            seen_paths.add(os.path.normpath(p))
    for path in paths:
        data = _read_file(path, limits)
        if isinstance(data, Reject):
            yield data
            continue
        source = "<stdin>" if path == "-" else path
        meta = meta_by_path.get(os.path.normpath(path), {})
        for item in read_blob(source, data, limits, meta):
            if isinstance(item, Page):
                item.id = page_id(item)
            yield item
        del data
