"""Manifest files: CSV or JSONL rows of path,url,outlet,published,title (only path required).

A row may only name a file under the manifest's folder or under one of the
build's input paths (compared after resolving links): a manifest from elsewhere
must not make the build read ``/etc/shadow`` into the store.
"""
from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable

from ..model import Reject
from .files import Roots, display_path, open_input, safe_text

FIELDS = ("path", "url", "outlet", "published", "title")


class ManifestError(Exception):
    """The manifest itself cannot be used (missing, unreadable, no 'path' column)."""


def read_manifest(manifest: str, allowed_roots: Iterable[str] = ()) -> tuple[list[dict], list[Reject]]:
    """Rows with paths resolved against the manifest's folder; rows naming files outside
    it and ``allowed_roots``, or missing files, become rejects."""
    text = _read_text(manifest)
    name = display_path(manifest)
    base = os.path.dirname(manifest)
    roots = Roots([base or ".", *allowed_roots])
    if text.lstrip().startswith("{"):
        records, rejects = _jsonl_records(text, name)
    else:
        records, rejects = _csv_records(text, name), []
    rows: list[dict] = []
    for n, rec in records:
        row = _row(rec, n, name, base, roots)
        if isinstance(row, Reject):
            rejects.append(row)
        else:
            rows.append(row)
    return rows, rejects


def _read_text(manifest: str) -> str:
    opened = open_input(manifest)
    if isinstance(opened, Reject):
        raise ManifestError(f"cannot read manifest {opened.source}: {opened.detail}")
    fh, _size = opened
    try:
        with fh:
            raw = fh.read()
    except OSError as exc:
        raise ManifestError(f"cannot read manifest {display_path(manifest)}: {exc.strerror or exc}") from None
    return raw.decode("utf-8-sig", errors="replace")


def _jsonl_records(text: str, name: str) -> tuple[list[tuple[int, dict]], list[Reject]]:
    records: list[tuple[int, dict]] = []
    rejects: list[Reject] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:
            rejects.append(Reject(f"{name}#L{n}", "bad_manifest_row", f"not JSON: {getattr(exc, 'msg', None) or exc}"))
            continue
        if not isinstance(obj, dict):
            rejects.append(Reject(f"{name}#L{n}", "bad_manifest_row", "not a JSON object"))
            continue
        records.append((n, obj))
    return records, rejects


def _csv_records(text: str, name: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "path" not in [f.strip().lower() for f in reader.fieldnames]:
        raise ManifestError(f"manifest {name} has no 'path' column")
    try:
        return [(n, {(k or "").strip().lower(): v for k, v in r.items()}) for n, r in enumerate(reader, 2)]
    except csv.Error as exc:  # an over-long field, a broken quote at the end
        raise ManifestError(f"manifest {name} is not valid CSV: {exc}") from None


def _row(rec: dict, n: int, name: str, base: str, roots: Roots) -> dict | Reject:
    """One manifest record as a row ``{"path", "url"?, ...}`` or the reason it cannot be one."""
    path = rec.get("path")
    path = path.strip() if isinstance(path, str) else ""
    if not path or "\x00" in path:
        return Reject(f"{name}#L{n}", "bad_manifest_row", "row has no usable path")
    full = path if os.path.isabs(path) else os.path.join(base, path)
    if not roots.contain(full):
        return Reject(display_path(full), "outside_inputs",
                      f"named in {name} line {n}, outside the manifest's folder and the inputs")
    if not os.path.exists(full):
        return Reject(display_path(full), "missing_file", f"named in {name} line {n} but not found")
    row = {"path": full}
    for f in FIELDS[1:]:
        v = rec.get(f)
        if v is not None and str(v).strip():
            row[f] = safe_text(str(v).strip())
    return row
