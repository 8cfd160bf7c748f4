"""Input files: which paths a build reads, how they are named in records, how they are opened.

Three rules keep hostile inputs from hurting the build:

- a path is *opened* as the OS gave it, but *named* (``Page.source``, ``Reject.source``)
  by ``display_path``: always valid UTF-8, undecodable bytes written as ``\\xNN``;
- only regular files are read: a FIFO would block forever, ``/dev/zero`` never ends;
- a manifest row may only name a file under the manifest's folder or an input path.
"""
from __future__ import annotations

import glob
import os
import stat
import sys
from collections.abc import Iterable
from typing import BinaryIO

from ..model import Reject

STDIN = "-"
STDIN_SOURCE = "<stdin>"

# Names that are never pages: OS bookkeeping files dropped into folders.
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}

# What a path that is not a regular file is, for the reject's detail.
_FILE_TYPES: tuple[tuple[object, str], ...] = (
    (stat.S_ISDIR, "directory"),
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)


class InputError(Exception):
    """A user error about the inputs (missing path, nothing matched a glob)."""


def display_path(path: str | bytes) -> str:
    """The name of a path in records: valid UTF-8 whatever bytes the file system holds.

    ``os`` hands undecodable file-name bytes over as lone surrogates, which UTF-8
    (pyarrow, JSON, the terminal) refuses; they become ``\\xNN`` escapes instead.
    """
    if path == STDIN:
        return STDIN_SOURCE
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def safe_text(value: str) -> str:
    """A string from an input (URL, title, JSON field) made encodable as UTF-8.

    JSON may carry lone surrogates (``"\\ud800"``); they would make the store's write
    of the whole batch fail, so they become ``\\udNNN`` escapes.
    """
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "backslashreplace").decode("utf-8")


def file_type(mode: int) -> str | None:
    """None for a regular file, else what it is ("fifo", "character device", ...)."""
    if stat.S_ISREG(mode):
        return None
    for test, name in _FILE_TYPES:
        if test(mode):
            return name
    return "special file"


def open_input(path: str) -> tuple[BinaryIO, int | None] | Reject:
    """Open an input for reading: ``(stream, size)`` (size None for stdin) or a Reject.

    The path is stat'ed first (opening a device can have effects), then opened
    without blocking (a FIFO swapped in meanwhile must not hang the build) and its
    type checked again on the descriptor actually opened.
    """
    if path == STDIN:
        return sys.stdin.buffer, None
    source = display_path(path)
    try:
        kind = file_type(os.stat(path).st_mode)
        if kind:
            return Reject(source, "not_a_file", f"{kind}, not a regular file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            st = os.fstat(fd)
            kind = file_type(st.st_mode)
            if kind:
                os.close(fd)
                return Reject(source, "not_a_file", f"{kind}, not a regular file")
            os.set_blocking(fd, True)
            return os.fdopen(fd, "rb"), st.st_size
        except BaseException:
            os.close(fd)
            raise
    except OSError as exc:
        return Reject(source, "unreadable", exc.strerror or str(exc))


def expand_one(item: str) -> list[str]:
    """One input: a file, a directory (recursive, sorted), a glob or '-' (stdin)."""
    if item == STDIN:
        return [STDIN]
    if os.path.isdir(item):
        return _walk(item)
    if os.path.exists(item):
        return [item]  # a special file is reported when opened
    if glob.has_magic(item):
        matches = sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p))
        if not matches:
            raise InputError(f"no file matches {item!r}")
        return matches
    raise InputError(f"no such file or directory: {item}")


def _walk(folder: str) -> list[str]:
    out: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name in _SKIP_NAMES or name.startswith("."):
                continue
            out.append(os.path.join(root, name))
    return out


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files, directories (recursive, sorted), globs and '-' (stdin), in a stable order."""
    return [p for item in inputs for p in expand_one(item)]


class Roots:
    """Folders and files a manifest row may name, compared on resolved paths.

    Folder roots are few (the manifest's folder, the input folders) and checked by
    common path; file roots (inputs given one by one or by a glob) may be many and
    are looked up in a set.
    """

    def __init__(self, paths: Iterable[str]):
        self.folders: list[str] = []
        self.files: set[str] = set()
        for p in paths:
            real = os.path.realpath(p)
            if os.path.isdir(real):
                self.folders.append(real)
            else:
                self.files.add(real)

    def contain(self, path: str) -> bool:
        real = os.path.realpath(path)
        if real in self.files:
            return True
        return any(os.path.commonpath([real, folder]) == folder for folder in self.folders)


class Excluded:
    """Paths never read (the store and its write-ahead log), compared on resolved paths."""

    def __init__(self, paths: Iterable[str]):
        self._real = {os.path.realpath(q) for p in paths for q in (p, p + ".wal")}

    def __contains__(self, path: str) -> bool:
        return bool(self._real) and path != STDIN and os.path.realpath(path) in self._real
