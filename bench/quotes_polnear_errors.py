"""Error listing for bench/quotes_polnear.py (development on the train split only):
speaker errors, missed gold and false quotes, with the gold source and cue, using
score.py's own matching so that the list agrees with the figures."""
from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / ".." / "shared" / "benchmarks" / "quotes-polnear"


def _scorer():
    spec = importlib.util.spec_from_file_location("polnear_score", DATA / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def write_errors(gold_path: Path, preds: list[dict], split_dir: Path, out: str) -> None:
    sc = _scorer()
    gold = [json.loads(x) for x in open(gold_path, encoding="utf-8") if x.strip()]
    by_doc = defaultdict(list)
    for i, g in enumerate(gold):
        by_doc[g["doc"]].append((i, g["content"]["spans"]))
    pred_doc = defaultdict(list)
    for p in preds:
        pred_doc[p["doc"]].append(p)
    lines = []
    for doc in sorted(set(by_doc) | set(pred_doc)):
        text = (split_dir / f"{doc}.txt").read_text(encoding="utf-8")
        loc = sc.Locator(text)
        plist = []
        for p in pred_doc.get(doc, []):
            s, e = p["start"], p["end"]
            if s is None:
                hit = loc.locate(p["text"])
                s, e = hit if hit else (None, None)
            if s is not None:
                plist.append((len(plist), s, e, p))
        mapping = sc.match_doc(by_doc.get(doc, []), [(k, s, e) for k, s, e, _ in plist])
        matched_g = set(mapping.values())
        for k, s, e, p in plist:
            if k in mapping:
                g = gold[mapping[k]]
                cat = sc._cat(g)
                if not sc.speaker_match(p["speaker"], g["source"]["text"]):
                    coref = any(sc.speaker_match(p["speaker"], a) for a in g.get("source_coref", []))
                    lines.append(f"SPK{'-coref-ok' if coref else ''} {cat} {doc} | pred {p['speaker']!r} ({p['cue']}) gold {g['source']['text']!r} "
                                 f"({(g['cue'] or {}).get('text')}) | {text[max(0, s - 150):e + 120]!r}")
            else:
                why = "dup" if sc.hits_any(by_doc.get(doc, []), s, e) else "none"
                lines.append(f"FP-{why} {p['kind']} {doc} | {p['speaker']!r} ({p['cue']}) | {text[s:e][:200]!r}")
        for i, spans in by_doc.get(doc, []):
            if i not in matched_g:
                g = gold[i]
                a, b = spans[0][0], spans[-1][1]
                lines.append(f"MISS {sc._cat(g)} {doc} | gold {g['source']['text']!r} ({(g['cue'] or {}).get('text')}) "
                             f"| {text[max(0, a - 80):b + 80]!r}")
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
