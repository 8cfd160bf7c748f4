"""Ingest: input paths -> stream of ``Page`` (with content-hash ids) or ``Reject``.

Formats are detected from content: HTML, plain text, gzip of either, WARC/WET
(plain or gzip), JSONL. A manifest (CSV or JSONL) adds metadata files lack.
Only regular files are read, each from an open handle in bounded memory
(``readers``); every record names its input with ``display_path``.
"""
from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..model import Page, Reject
from .files import STDIN, Excluded, InputError, display_path, expand_inputs, expand_one, open_input
from .manifest import ManifestError, read_manifest
from .readers import DEFAULT_MAX_BYTES, Limits, read_blob, read_stream

__all__ = ["iter_pages", "InputProgress", "page_id", "expand_inputs", "display_path", "read_blob", "InputError",
           "ManifestError", "Limits", "DEFAULT_MAX_BYTES"]


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


@dataclass
class InputProgress:
    """How far ingest has read into its inputs, in bytes: what a progress bar needs for
    a total and an ETA (one 28,800-line JSONL file is one input: counting its pages
    would mean reading it twice, its bytes are known from the start)."""

    total: int = 0       # bytes of all the regular input files
    done: int = 0        # bytes of the files read to the end
    current: int = 0     # position in the file being read

    @property
    def read(self) -> int:
        return self.done + self.current


def _file_size(path: str) -> int:
    try:
        return os.stat(path).st_size if path != STDIN else 0
    except OSError:
        return 0


def _position(fh) -> int:
    try:
        return fh.tell()
    except (OSError, ValueError):    # stdin, a pipe
        return 0


def iter_pages(
    inputs: Iterable[str],
    manifest: str | None = None,
    limits: Limits | None = None,
    exclude: Iterable[str] = (),
    progress: InputProgress | None = None,
) -> Iterator[Page | Reject]:
    """Stream pages from inputs (and manifest rows), ids filled in, in a deterministic order.

    ``exclude`` names paths never read, silently (the store and its ``.wal``, when
    it sits in an input folder); ``progress``, when given, is kept up to date.
    """
    limits = limits or Limits()
    inputs = list(inputs)
    expanded = [expand_one(item) for item in inputs]
    rows, rejects = read_manifest(manifest, _roots(inputs, expanded)) if manifest else ([], [])
    yield from rejects
    meta_by_path = {os.path.normpath(row["path"]): row for row in rows}
    skip = Excluded(exclude)
    paths = [p for p in _ordered_paths(rows, expanded, manifest) if p not in skip]
    progress = progress if progress is not None else InputProgress()
    progress.total = sum(_file_size(p) for p in paths)
    for path in paths:
        yield from _read_path(path, limits, meta_by_path.get(os.path.normpath(path), {}), progress)
        progress.done += _file_size(path)
        progress.current = 0


def _roots(inputs: list[str], expanded: list[list[str]]) -> list[str]:
    """The paths manifest rows may name files under: each input, or the files a glob matched."""
    roots: list[str] = []
    for item, paths in zip(inputs, expanded):
        if item == STDIN:
            continue
        roots.extend(paths if glob.has_magic(item) and not os.path.exists(item) else [item])
    return roots


def _ordered_paths(rows: list[dict], expanded: list[list[str]], manifest: str | None) -> list[str]:
    """Manifest rows first, then inputs not already named; each path once."""
    paths = [row["path"] for row in rows]
    seen = {os.path.normpath(p) for p in paths}
    if manifest:
        # The manifest often sits in the folder being built: it is not a page.
        seen.add(os.path.normpath(manifest))
    for p in (p for group in expanded for p in group):
        if p == STDIN or os.path.normpath(p) not in seen:
            paths.append(p)
            seen.add(os.path.normpath(p))
    return paths


def _read_path(path: str, limits: Limits, meta: dict, progress: InputProgress) -> Iterator[Page | Reject]:
    """One input path, opened only if it is a regular file (or stdin), read from the open handle."""
    opened = open_input(path)
    if isinstance(opened, Reject):
        yield opened
        return
    fh, size = opened
    source = display_path(path)
    try:
        for item in read_stream(source, fh, limits, meta, size):
            if isinstance(item, Page):
                item.id = page_id(item)
            progress.current = _position(fh)
            yield item
    except OSError as exc:  # a disk or network file system failing mid-read
        yield Reject(source, "unreadable", exc.strerror or str(exc))
    finally:
        if path != STDIN:
            fh.close()
