"""Coarse part-of-speech tags without spaCy's attribute ruler.

In en_core_web_sm the ``attribute_ruler`` turns the tagger's fine tags into
coarse POS (NN -> NOUN, MD -> AUX, ...) and sets morphology and lemma
exceptions, by running a Matcher with 179 patterns over every token: measured
in a whole build, 13% of all the time, more than all of storyline's own
analysis. The analysis reads only the coarse POS, so this component computes
exactly the POS the ruler would (the same rules, read from the ruler's own
patterns when the pipeline loads, applied in the same order: tag map, tag and
word exceptions, then the dependency rules) with array operations, and leaves
morphology and lemmas unset. ``tests/test_analyse.py`` checks that the POS is
identical to the ruler's on realistic articles.
"""
from __future__ import annotations

import numpy as np


class CoarsePos:
    def __init__(self, nlp, ruler):
        strings = nlp.vocab.strings
        self.strings = strings
        self.tag_pos: dict[int, int] = {}                 # tag -> POS
        self.word_pos: dict[tuple[int, int], int] = {}    # (tag, lowercase word) -> POS
        self.dep_rules: list[tuple[str, dict, int]] = []  # the ruler's rules on dependencies, in order
        for p in ruler.patterns:
            pos = p["attrs"].get("POS")
            if pos is None:
                continue
            pos_id = strings.add(pos)
            for pat in p["patterns"]:
                cond = pat[0] if len(pat) == 1 else None
                if cond is not None and set(cond) == {"TAG"} and isinstance(cond["TAG"], str):
                    self.tag_pos[strings.add(cond["TAG"])] = pos_id
                elif cond is not None and set(cond) == {"TAG", "LOWER"} and isinstance(cond["TAG"], str):
                    lows = cond["LOWER"]["IN"] if isinstance(cond["LOWER"], dict) else [cond["LOWER"]]
                    for low in lows:
                        self.word_pos[(strings.add(cond["TAG"]), strings.add(low))] = pos_id
                else:
                    self.dep_rules.append(("pattern", pat, pos_id))
        self.space_pos = strings.add("SPACE")
        self.space_tag = strings.add("_SP")

    def _ids(self, values) -> set[int]:
        return {self.strings.add(v) for v in values}

    def __call__(self, doc):
        from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG

        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).astype(np.uint64)
        tag, low, dep, space = arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3].astype(bool)
        pos = np.zeros(n, dtype=np.uint64)
        uniq, inv = np.unique(tag, return_inverse=True)
        pos[:] = np.array([self.tag_pos.get(int(t), 0) for t in uniq], dtype=np.uint64)[inv.ravel()]
        tag_set = {t for t, _w in self.word_pos}
        for i in np.flatnonzero(np.isin(tag, np.array(sorted(tag_set), dtype=np.uint64))):
            p = self.word_pos.get((int(tag[i]), int(low[i])))
            if p is not None:
                pos[i] = p
        for _kind, pat, pos_id in self.dep_rules:
            mask = self._match(pat, tag, low, dep, space)
            pos[mask] = pos_id
        new_tag = tag.copy()
        new_tag[space] = self.space_tag
        pos[space] = self.space_pos
        doc.from_array([TAG, POS], np.stack([new_tag, pos], axis=1))
        return doc

    def _match(self, pat: list[dict], tag, low, dep, space) -> np.ndarray:
        """Tokens a (one- or two-token) ruler pattern sets: the last token of a match."""
        masks = [self._cond(c, tag, low, dep, space) for c in pat]
        if len(masks) == 1:
            return masks[0]
        out = np.zeros_like(masks[0])
        out[1:] = masks[0][:-1] & masks[1][1:]   # patterns of two tokens set the second (index 1)
        return out

    def _cond(self, cond: dict, tag, low, dep, space) -> np.ndarray:
        m = np.ones(tag.shape, dtype=bool)
        for attr, spec in cond.items():
            col = {"TAG": tag, "LOWER": low, "DEP": dep}.get(attr)
            if attr == "IS_SPACE":
                m &= space == bool(spec)
                continue
            if col is None:
                return np.zeros(tag.shape, dtype=bool)
            if isinstance(spec, str):
                m &= col == np.uint64(self.strings.add(spec))
            elif "IN" in spec:
                m &= np.isin(col, np.array(sorted(self._ids(spec["IN"])), dtype=np.uint64))
            elif "NOT_IN" in spec:
                m &= ~np.isin(col, np.array(sorted(self._ids(spec["NOT_IN"])), dtype=np.uint64))
        return m
