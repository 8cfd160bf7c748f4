"""Language identification with py3langid (a maintained fork of langid.py, 97 languages).

py3langid ships its model LZMA-compressed; decompressing it costs ~1.2 s at
every process start, more than extracting a hundred pages. We keep a
decompressed copy in a cache folder (``$STORYLINE_CACHE`` or
``~/.cache/storyline``) keyed by the model file's size and mtime, so later
processes load it in a few milliseconds. If the cache cannot be written, the
packaged model is used as is.
"""
from __future__ import annotations

import lzma
import os
import re
import shutil
import tempfile
from pathlib import Path

_IDENTIFIER = None
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def _cache_dir() -> Path:
    env = os.environ.get("STORYLINE_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "storyline"


def _load_identifier():
    import numpy as np
    from py3langid import langid, modelio

    packaged = Path(langid.MODEL_DIR) / langid.MODEL_FILE
    st = packaged.stat()
    cached = _cache_dir() / f"langid-{st.st_size}-{int(st.st_mtime)}.npz"
    if not cached.exists():
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=cached.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as out, lzma.open(packaged) as src:
                shutil.copyfileobj(src, out, length=1 << 20)
            os.replace(tmp, cached)  # atomic: concurrent workers never see half a file
        except OSError:
            return langid.LanguageIdentifier.from_model_file(packaged)
    try:
        with np.load(cached, allow_pickle=False) as data:
            nextmove = modelio._to_array(data["nextmove"])
            row = modelio._to_array(data["nextmove_row"])
            return langid.LanguageIdentifier(
                data["ptc"], data["pc"], data["classes"].tolist(), nextmove,
                data["out_feat"].tolist(), tk_row=row,
            )
    except Exception:  # corrupt cache or a changed model layout: use the packaged file
        return langid.LanguageIdentifier.from_model_file(packaged)


# The commonest English function words. In English news prose they make up
# 25-50% of the tokens; in other languages (even ones sharing "a", "in", "to")
# well under 10%. Above the threshold the answer is English without loading the
# langid model at all, which saves most of its cost on English-language corpora.
_EN_STOP = frozenset(
    "the of and to in a is that for on was with as by at from it be are has have had said his her "
    "their its this which not but he she they were will would an or been after who also".split()
)
_EN_THRESHOLD = 0.22
_WORD = re.compile(r"[a-z]+")


def _clearly_english(sample: str) -> bool:
    words = _WORD.findall(sample.lower())
    if len(words) < 40:
        return False
    return sum(1 for w in words if w in _EN_STOP) / len(words) >= _EN_THRESHOLD


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    global _IDENTIFIER
    sample = text[:800]
    if _clearly_english(sample):
        return "en"  # enough for a stable guess (same answers as 3,000 chars on the HTML benchmark); cost grows with length
    if len(_LETTERS.findall(sample[:400])) < 20:
        return None
    if _IDENTIFIER is None:
        _IDENTIFIER = _load_identifier()
    lang, _score = _IDENTIFIER.classify(sample)
    return lang
