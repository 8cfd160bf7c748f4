"""Manifest files: CSV or JSONL rows of path,url,outlet,published,title (only path required)."""
from __future__ import annotations

import csv
import io
import json
import os

from ..model import Reject

FIELDS = ("path", "url", "outlet", "published", "title")


class ManifestError(Exception):
    """The manifest itself cannot be used (missing, unreadable, no 'path' column)."""


def read_manifest(manifest: str) -> tuple[list[dict], list[Reject]]:
    """Rows with paths resolved against the manifest's folder; rows naming missing files become rejects."""
    try:
        with open(manifest, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise ManifestError(f"cannot read manifest {manifest}: {exc.strerror or exc}") from None
    text = raw.decode("utf-8-sig", errors="replace")
    base = os.path.dirname(manifest)
    rows: list[dict] = []
    rejects: list[Reject] = []
    stripped = text.lstrip()
    if stripped.startswith("{"):
        records = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                rejects.append(Reject(f"{manifest}#L{n}", "bad_manifest_row", f"not JSON: {exc.msg}"))
                continue
            if not isinstance(obj, dict):
                rejects.append(Reject(f"{manifest}#L{n}", "bad_manifest_row", "not a JSON object"))
                continue
            records.append((n, obj))
    else:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "path" not in [f.strip().lower() for f in reader.fieldnames]:
            raise ManifestError(f"manifest {manifest} has no 'path' column")
        records = [(n, {(k or "").strip().lower(): v for k, v in r.items()}) for n, r in enumerate(reader, 2)]
    for n, rec in records:
        path = (rec.get("path") or "").strip()
        if not path:
            rejects.append(Reject(f"{manifest}#L{n}", "bad_manifest_row", "row has no path"))
            continue
        full = path if os.path.isabs(path) else os.path.join(base, path)
        if not os.path.isfile(full):
            rejects.append(Reject(full, "missing_file", f"named in {manifest} line {n} but not found"))
            continue
        row = {"path": full}
        for f in FIELDS[1:]:
            v = rec.get(f)
            if v is not None and str(v).strip():
                row[f] = str(v).strip()
        rows.append(row)
    return rows, rejects
