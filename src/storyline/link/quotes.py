"""One quote record per statement: the same words carried by several articles
(wire copies, reposts, follow-ups) become one record listing every article."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

_WORD = re.compile(r"\w+")


@dataclass
class QuoteRecord:
    id: str
    text: str
    kind: str
    speaker_id: str | None
    speaker: str | None
    cue: str | None
    via: list[str]
    article_ids: list[str] = field(default_factory=list)
    spans: list[dict] = field(default_factory=list)      # {article_id, start, end[, speaker_text][, parts]}
    chains: list[dict] = field(default_factory=list)     # {article_id, via}


def quote_key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def merge(rows: list[dict]) -> list[QuoteRecord]:
    """rows: per-article quotes in corpus order, each with article_id, start, end, text,
    kind, speaker, speaker_id, cue, via (the full chain for that article)."""
    out: dict[str, QuoteRecord] = {}
    for r in rows:
        key = quote_key(r["text"])
        if not key:
            continue
        qid = "Q" + hashlib.sha256(key.encode()).hexdigest()[:15]
        rec = out.get(qid)
        if rec is None:
            rec = QuoteRecord(qid, r["text"], r["kind"], r.get("speaker_id"), r.get("speaker"), r.get("cue"),
                              list(r.get("via") or []))
            out[qid] = rec
        elif rec.speaker_id is None and r.get("speaker_id"):
            rec.speaker_id, rec.speaker = r["speaker_id"], r.get("speaker")
        if r["article_id"] not in rec.article_ids:
            rec.article_ids.append(r["article_id"])
        span = {"article_id": r["article_id"], "start": r["start"], "end": r["end"]}
        if r.get("speaker_text") is not None:
            span["speaker_text"] = r["speaker_text"]   # the article's own words for the speaker ("he")
        if r.get("parts"):
            # an interrupted quote (“A,” he said. “B.”): start/end run from the first part to the
            # last, and each quoted part is listed, so that every word still cites the page
            span["parts"] = [[int(a), int(b)] for a, b in r["parts"]]
        rec.spans.append(span)
        rec.chains.append({"article_id": r["article_id"], "via": list(r.get("via") or [])})
    return list(out.values())
