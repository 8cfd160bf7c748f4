"""Story clustering: group articles that report the same real-world event.

Pure functions over small records, no database. The method (see docs/stories.md):

1. Every article becomes four sparse, L2-normalised vectors:
   - ``text``: TF-IDF of title + clean text (word unigrams, sublinear tf, English
     stop words removed), IDF fitted on the articles being clustered;
   - ``entities``: the resolved corpus entity ids, weighted by mention count and IDF;
   - ``salient``: rare specific tokens found by regex (numbers such as magnitudes,
     death tolls, ages, years; capitalised words inside sentences: names and places),
     TF-IDF weighted;
   - ``events``: the event keys ("TYPE|date"), IDF weighted.
2. Pairwise similarity is a weighted mean of the cosines of the features that both
   articles have (a missing feature is neutral: it drops out of the mean), minus a
   penalty when both articles are dated and far apart in time (neutral without dates).
3. Two stages of average-linkage agglomerative clustering with thresholds:
   (1) topic blocks, on the similarity with IDF fitted on all articles;
   (2) events inside each block, on the similarity recomputed with IDF fitted on the
   block alone, so the words every report of the topic shares weigh little and the
   specific ones (names, places, figures) decide; parts smaller than
   ``fragment_size`` rejoin the closest larger part when close enough.
   Neither stage depends on input order; ties break on the (published, id) order.
   Clusters that come from ``existing`` stories are pre-formed and never merged with
   each other, so an earlier build keeps its ids and members: new articles either join
   an existing story or form new stories.

IDF stability: the IDF tables are fitted on every article passed in (new ones and
the members of existing stories that are passed again). An IDF that drifts between
builds cannot move an old article, because old memberships are pinned; it only
affects where new articles go, and the same inputs always give the same IDF.
"""
from __future__ import annotations

import functools
import hashlib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, fields, replace
from datetime import date

import numpy as np
from scipy import sparse

from .hac import agglomerate, agglomerate_sparse


@dataclass(slots=True)
class StoryDoc:
    id: str
    title: str | None
    text: str
    published: str | None                                 # ISO date or None
    entity_ids: list[str] = field(default_factory=list)   # resolved corpus entity ids, repeats count as mentions
    event_keys: list[str] = field(default_factory=list)   # optional "TYPE|date" strings


@dataclass(slots=True)
class Story:
    id: str
    article_ids: list[str]
    title: str
    summary: str
    start: str | None
    end: str | None
    entity_ids: list[str]


@dataclass(frozen=True, slots=True)
class StoryParams:
    # stage 1, topic blocking: global IDF, loose threshold
    topic_threshold: float = 0.12    # average-linkage similarity to join a topic block
    topic_w_entities: float = 0.0    # (entities add nothing at topic level on the dev split)
    topic_w_salient: float = 0.5
    # stage 2, events inside a block: IDF refitted on the block's own articles
    two_stage: bool = True           # False: one agglomeration with the event weights, global IDF
    threshold: float = 0.16          # average-linkage similarity to be one story
    w_entities: float = 0.5
    w_salient: float = 0.5
    w_events: float = 0.5
    min_split_size: int = 4          # blocks smaller than this are one story (stage 2 skipped)
    fragment_size: int = 4           # stage-2 parts smaller than this rejoin the closest larger part ...
    rejoin_threshold: float = 0.08   # ... when their average similarity to it reaches this
    title_repeat: int = 2            # the title counts this many times in the text vector
    date_window: float = 3.0         # days apart with no penalty
    date_scale: float = 30.0         # days over the window for the full penalty
    date_penalty: float = 0.2        # similarity taken off at full distance
    # Similarities are a sparse graph, not a dense matrix (28,800 articles would take
    # 6.6 GB a matrix): the pairs reaching pair_floor, each row keeping its
    # max_neighbours most similar. Same stories as the dense matrices on ECB+ and on
    # 3,661 real articles (docs/stories.md), in half the time and memory; dense_max
    # rows and fewer use the dense matrices (the reference the bench compares with).
    dense_max: int = 0
    pair_floor: float = 0.05
    max_neighbours: int = 30
    max_summary_sentences: int = 3
    max_story_entities: int = 10


def params_from(**overrides) -> StoryParams:
    names = {f.name for f in fields(StoryParams)}
    unknown = set(overrides) - names
    if unknown:
        raise TypeError(f"unknown story parameters: {sorted(unknown)}")
    return replace(StoryParams(), **overrides)


def story_id(seed_article_id: str) -> str:
    return "s_" + hashlib.sha1(seed_article_id.encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------- features

_WORD = r"(?u)\b[^\W\d_][\w'-]*[^\W_]\b|\b\d+(?:[.,]\d+)*\b"
_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?![\w])")
_CAP = re.compile(r"(?<![\w'])([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*|[A-Z]{2,6})(?![\w'])")
_SENT_START = re.compile(r"(?:^|[.!?:;\"“”'`]\s+|\n\s*)$")
_SENTENCE = re.compile(r"[^\n.!?]+(?:[.!?]+[\"'”’)]*|$)")

# capitalised words that are not names: calendar words, titles, very common sentence words
_NOT_SALIENT = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "sir", "st", "the", "a", "an", "he", "she", "it", "they", "we", "i", "you",
    "his", "her", "its", "their", "our", "this", "that", "these", "those", "but", "and", "or", "in", "on",
    "at", "for", "of", "to", "by", "with", "from", "as", "after", "before", "said", "says", "news", "am",
    "pm", "gmt", "utc", "est", "edt", "pst", "pdt", "ap", "afp", "reuters", "us", "usa", "tv", "updated",
    "posted", "photo", "video", "read", "more", "click", "here", "share", "comments",
}


@functools.lru_cache(maxsize=None)     # one entry per article; cleared after each clustering
def _salient_tokens(text: str) -> tuple[str, ...]:
    """Numbers and capitalised words that do not open a sentence: the specific
    details (places, names, magnitudes, tolls, ages) that tell two look-alike
    events apart. Years and small counts are kept: the IDF decides."""
    out: list[str] = []
    for m in _NUMBER.finditer(text):
        tok = m.group(1).replace(",", "")
        if tok.strip("0.") and len(tok) <= 9:
            out.append("#" + tok)
    for m in _CAP.finditer(text):
        word = m.group(1)
        low = word.lower()
        if low in _NOT_SALIENT:
            continue
        if _SENT_START.search(text[max(0, m.start() - 4):m.start()]) or m.start() == 0:
            continue
        out.append(low)
    return tuple(out)


def _doc_text(d: StoryDoc, title_repeat: int) -> str:
    title = (d.title or "").strip()
    body = d.text or ""
    if title and body.startswith(title):
        body = body[len(title):]
    return "\n".join([title] * title_repeat + [body]) if title else body


def _idf_matrix(bags: list[Counter], sublinear: bool) -> sparse.csr_matrix:
    """Rows = bags of tokens weighted (1+log tf) * smooth idf, L2-normalised. The
    vocabulary is sorted, so the matrix does not depend on input order."""
    vocab = sorted({t for b in bags for t in b})
    index = {t: i for i, t in enumerate(vocab)}
    n = len(bags)
    df = np.zeros(len(vocab))
    rows, cols, vals = [], [], []
    for r, b in enumerate(bags):
        for t, c in b.items():
            j = index[t]
            df[j] += 1
            rows.append(r)
            cols.append(j)
            vals.append(1.0 + math.log(c) if sublinear else float(c))
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    m = sparse.csr_matrix((np.asarray(vals, dtype=float), (rows, cols)), shape=(n, len(vocab)))
    m = m @ sparse.diags(idf) if len(vocab) else m
    return _l2(m)


def _l2(m: sparse.csr_matrix) -> sparse.csr_matrix:
    m = sparse.csr_matrix(m, dtype=float)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


@dataclass(slots=True)
class _Features:
    text: sparse.csr_matrix
    entities: sparse.csr_matrix
    salient: sparse.csr_matrix
    events: sparse.csr_matrix
    vectorizer: object


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # already loaded by the analysis

    return frozenset(STOP_WORDS)


_WORD_RE = re.compile(_WORD)


def _analyze(text: str) -> tuple[str, ...]:
    """Tokens of a text for TF-IDF (lowercased, accents stripped, stop words out)."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    stop = _stop_words()
    return tuple(w for w in _WORD_RE.findall(text) if w not in stop)


@functools.lru_cache(maxsize=None)     # one entry per article; cleared after each clustering
def _bag(text: str) -> Counter:
    """Token counts of an article's text, computed once per clustering: the two stages
    refit IDF on every topic block, and tokenising again each time cost most of the
    clustering (a bounded cache of 8,192 texts missed on every block past that size).
    Shared: never modified."""
    return Counter(_analyze(text))


def _clear_caches() -> None:
    _bag.cache_clear()
    _salient_tokens.cache_clear()


class _Tfidf:
    """Sublinear TF-IDF with smoothed IDF and L2-normalised rows (the weighting of
    scikit-learn's TfidfVectorizer(sublinear_tf=True)), over cached tokens. Written
    out because importing scikit-learn cost more than a second on every build."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.idf = np.zeros(0)

    def fit_transform(self, texts: list[str]) -> sparse.csr_matrix:
        bags = [_bag(t) for t in texts]
        vocab = sorted({t for b in bags for t in b})
        self.index = {t: i for i, t in enumerate(vocab)}
        df = np.zeros(len(vocab))
        for b in bags:
            for t in b:
                df[self.index[t]] += 1
        self.idf = np.log((1.0 + len(bags)) / (1.0 + df)) + 1.0
        return self._matrix(bags)

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        return self._matrix([Counter(_analyze(t)) for t in texts])

    def _matrix(self, bags: list[Counter]) -> sparse.csr_matrix:
        rows, cols, vals = [], [], []
        for r, b in enumerate(bags):
            for t, c in b.items():
                j = self.index.get(t)
                if j is not None:
                    rows.append(r)
                    cols.append(j)
                    vals.append((1.0 + math.log(c)) * self.idf[j])
        m = sparse.csr_matrix((np.asarray(vals, dtype=float), (rows, cols)), shape=(len(bags), max(1, len(self.index))))
        return _l2(m)


def _features(docs: list[StoryDoc], p: StoryParams) -> _Features:
    texts = [_doc_text(d, p.title_repeat) for d in docs]
    vec = _Tfidf()
    text = vec.fit_transform(texts)
    ents = _idf_matrix([Counter(d.entity_ids) for d in docs], sublinear=True)
    sal = _idf_matrix([Counter(_salient_tokens((d.title or "") + "\n" + d.text)) for d in docs], sublinear=True)
    evs = _idf_matrix([Counter(d.event_keys) for d in docs], sublinear=False)
    return _Features(sparse.csr_matrix(text), ents, sal, evs, vec)


def _days(iso: str | None) -> float | None:
    if not iso:
        return None
    try:
        return float(date.fromisoformat(iso[:10]).toordinal())
    except ValueError:
        return None


def _pair_terms(docs: list[StoryDoc], p: StoryParams, feats: _Features,
                weights: tuple[float, float, float, float] | None):
    """The weighted feature matrices, which rows have each, and the days of the docs."""
    w = weights or (1.0, p.w_entities, p.w_salient, p.w_events)
    terms = []
    for mat, wt in zip((feats.text, feats.entities, feats.salient, feats.events), w):
        if wt <= 0 or mat.shape[1] == 0:
            continue
        has = (np.asarray(mat.getnnz(axis=1)) > 0).astype(float)
        if has.any():
            terms.append((mat, wt, has))
    days = np.array([np.nan if (d := _days(x.published)) is None else d for x in docs])
    return terms, days


def _similarity_rows(lo: int, hi: int, terms, days: np.ndarray, p: StoryParams) -> np.ndarray:
    """Rows lo..hi of the similarity matrix: the weighted mean of the feature cosines
    over the features both docs have, less the date penalty (diagonal not set)."""
    n = len(days)
    num = np.zeros((hi - lo, n))
    den = np.zeros((hi - lo, n))
    for mat, w, has in terms:
        num += w * (mat[lo:hi] @ mat.T).toarray()
        den += w * np.outer(has[lo:hi], has)
    sim = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
    if p.date_penalty > 0 and not np.isnan(days).all():
        gap = np.abs(days[lo:hi, None] - days[None, :])
        excess = np.clip((gap - p.date_window) / max(p.date_scale, 1e-9), 0.0, 1.0)
        sim -= p.date_penalty * np.nan_to_num(excess, nan=0.0)
    return sim


def similarity_matrix(docs: list[StoryDoc], p: StoryParams, feats: _Features | None = None,
                      weights: tuple[float, float, float, float] | None = None) -> np.ndarray:
    """Pairwise similarity of the docs (dense, symmetric, diagonal 1). ``weights`` =
    (text, entities, salient, events); default: the event weights."""
    f = feats or _features(docs, p)
    terms, days = _pair_terms(docs, p, f, weights)
    sim = _similarity_rows(0, len(docs), terms, days, p)
    np.fill_diagonal(sim, 1.0)
    return sim


def similar_pairs(docs: list[StoryDoc], p: StoryParams, feats: _Features | None = None,
                  weights: tuple[float, float, float, float] | None = None
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs (i < j) whose similarity reaches ``p.pair_floor``, each row keeping its
    ``p.max_neighbours`` most similar: the sparse graph ``agglomerate_sparse`` works on.
    Computed a strip of rows at a time (``_PAIR_STRIP_CELLS``), so memory stays bounded."""
    f = feats or _features(docs, p)
    terms, days = _pair_terms(docs, p, f, weights)
    n = len(docs)
    keep_i, keep_j, keep_s = [], [], []
    rows = max(16, _PAIR_STRIP_CELLS // max(n, 1))
    for lo in range(0, n, rows):
        hi = min(n, lo + rows)
        sim = _similarity_rows(lo, hi, terms, days, p)
        sim[np.arange(hi - lo), np.arange(lo, hi)] = -np.inf          # not its own neighbour
        if n > p.max_neighbours:
            top = np.argpartition(-sim, p.max_neighbours, axis=1)[:, :p.max_neighbours]
            mask = np.zeros_like(sim, dtype=bool)
            np.put_along_axis(mask, top, True, axis=1)
            sim[~mask] = -np.inf
        r, c = np.nonzero(sim >= p.pair_floor)
        keep_i.append(r + lo)
        keep_j.append(c)
        keep_s.append(sim[r, c])
    i = np.concatenate(keep_i) if keep_i else np.zeros(0, int)
    j = np.concatenate(keep_j) if keep_j else np.zeros(0, int)
    s = np.concatenate(keep_s) if keep_s else np.zeros(0)
    # symmetric: a pair kept by either row counts once, as (min, max)
    lo_, hi_ = np.minimum(i, j), np.maximum(i, j)
    key = lo_.astype(np.int64) * n + hi_
    key, first = np.unique(key, return_index=True)
    return lo_[first], hi_[first], s[first]


# --------------------------------------------------------------------------- clustering

# cells of the similarity matrix computed at once for the sparse graph: a strip of
# 1M float64 cells is 8 MB, and about ten such arrays are alive while it is scored.
# On 14,521 real articles the corpus stage peaked at 1.56 GB with 512-row strips,
# 1.31 GB with 4M cells, 1.18 GB with 1M cells, no slower.
_PAIR_STRIP_CELLS = 1_000_000


def _sort_key(d: StoryDoc) -> tuple[str, str]:
    # undated articles go last, then by id
    return (d.published or "9999-99-99", d.id)


def _agglomerate(rows: list[StoryDoc], groups: list[list[int]], pinned: list[bool], p: StoryParams,
                 feats: _Features, weights, threshold: float) -> list[list[int]]:
    """Average linkage on the dense matrix while it is small, on the sparse graph of
    similar pairs beyond ``p.dense_max`` rows (a dense matrix grows with the square)."""
    if len(rows) <= p.dense_max:
        return agglomerate(similarity_matrix(rows, p, feats, weights), groups, pinned, threshold)
    return agglomerate_sparse(similar_pairs(rows, p, feats, weights), groups, pinned, threshold)


def _partition(rows: list[StoryDoc], groups: list[list[int]], pinned: list[bool], p: StoryParams) -> list[list[int]]:
    """Clusters of row indices; each output cluster is a union of input groups and
    holds at most one pinned group."""
    feats = _features(rows, p)
    if not p.two_stage:
        return _agglomerate(rows, groups, pinned, p, feats, None, p.threshold)
    # stage 1: topic blocks (pinned groups may share a block; stage 2 keeps them apart)
    blocks = _agglomerate(rows, groups, [False] * len(groups), p, feats,
                          (1.0, p.topic_w_entities, p.topic_w_salient, 0.0), p.topic_threshold)
    group_at = {g[0]: gi for gi, g in enumerate(groups)}
    out: list[list[int]] = []
    for block in blocks:
        gids = sorted(gi for gi in (group_at.get(r) for r in block) if gi is not None)
        if len(block) < p.min_split_size and sum(pinned[gi] for gi in gids) <= 1:
            out.append(sorted(block))
            continue
        out.extend(_split_block(rows, [groups[gi] for gi in gids], [pinned[gi] for gi in gids], p))
    return out


def _split_block(rows: list[StoryDoc], groups: list[list[int]], pinned: list[bool], p: StoryParams) -> list[list[int]]:
    """Stage 2: the events inside one topic block. IDF is refitted on the block, so
    the words every report of the topic shares (rehab, earthquake, magnitude) weigh
    little and the specific ones (names, places, figures) decide."""
    idx = sorted(r for g in groups for r in g)
    local = {r: i for i, r in enumerate(idx)}
    sub = [rows[r] for r in idx]
    feats = _features(sub, p)
    lgroups = [[local[r] for r in g] for g in groups]
    if len(sub) <= p.dense_max:
        sim = similarity_matrix(sub, p, feats)
        parts = agglomerate(sim, lgroups, pinned, p.threshold)
    else:
        i, j, v = similar_pairs(sub, p, feats)
        parts = agglomerate_sparse((i, j, v), lgroups, pinned, p.threshold)
        sim = sparse.csr_matrix((np.concatenate([v, v]), (np.concatenate([i, j]), np.concatenate([j, i]))),
                                shape=(len(sub), len(sub)))
    pinned_rows = {local[r] for g, pin in zip(groups, pinned) if pin for r in g}
    big = [c for c in parts if len(c) >= p.fragment_size or pinned_rows & set(c)]
    small = [c for c in parts if not (len(c) >= p.fragment_size or pinned_rows & set(c))]
    if big:
        big = [list(c) for c in big]
        for c in small:             # fragments rejoin the closest larger part, if close enough
            scores = [float(sim[c][:, part].sum()) / (len(c) * len(part)) for part in big]
            best = int(np.argmax(scores))
            if scores[best] >= p.rejoin_threshold:
                big[best] = big[best] + c
            else:
                big.append(c)
        parts = big
    return [sorted(idx[i] for i in c) for c in parts]


def cluster_stories(docs: list[StoryDoc], existing: list[Story] | None = None, **params) -> list[Story]:
    """Stories for ``docs``. ``existing`` stories keep their ids and members; articles
    not in any of them join one of them or open new stories. Articles of existing
    stories that are passed again in ``docs`` describe their story (centroid, title,
    summary); an existing story none of whose articles is passed is represented by
    its title + summary + entities. Output is sorted by (start, id)."""
    try:
        return _cluster_stories(docs, list(existing or []), params_from(**params))
    finally:
        _clear_caches()


def _cluster_stories(docs: list[StoryDoc], existing: list[Story], p: StoryParams) -> list[Story]:
    by_id: dict[str, StoryDoc] = {}
    for d in docs:
        by_id.setdefault(d.id, d)
    docs = sorted(by_id.values(), key=_sort_key)
    owner: dict[str, int] = {}
    for s_i, s in enumerate(existing):
        for a in s.article_ids:
            owner.setdefault(a, s_i)

    # rows: the docs, then one proxy row per existing story with no member passed in
    rows: list[StoryDoc] = list(docs)
    pos = {d.id: i for i, d in enumerate(rows)}
    groups: list[list[int]] = []
    pinned: list[bool] = []
    story_of_row: dict[int, int] = {}
    for s_i, s in enumerate(existing):
        present = sorted(pos[a] for a in s.article_ids if a in pos and owner.get(a) == s_i)
        if not present:
            proxy = StoryDoc(id=f"\x00story:{s.id}", title=s.title, text=s.summary, published=s.end or s.start,
                             entity_ids=list(s.entity_ids))
            rows.append(proxy)
            present = [len(rows) - 1]
        groups.append(present)
        pinned.append(True)
        for r in present:
            story_of_row[r] = s_i
    for i, d in enumerate(docs):
        if d.id not in owner:
            groups.append([i])
            pinned.append(False)
    # canonical group order: by first row ((published, id) order; proxies last)
    order = sorted(range(len(groups)), key=lambda gi: groups[gi][0])
    groups = [groups[gi] for gi in order]
    pinned = [pinned[gi] for gi in order]

    clusters = _partition(rows, groups, pinned, p) if rows else []
    feats = _features(docs, p) if docs else None
    stories: list[Story] = []
    for members in clusters:
        real = sorted(i for i in members if i < len(docs))
        s_idx = next((story_of_row[r] for r in members if r in story_of_row), None)
        if s_idx is not None:
            old = existing[s_idx]
            known = set(old.article_ids)
            article_ids = list(old.article_ids) + [docs[i].id for i in real if docs[i].id not in known]
            if real and len(article_ids) > len(old.article_ids):
                stories.append(_describe(old.id, article_ids, real, docs, feats, p, old))
            else:
                # no article joined: the story keeps its description (describing every story
                # again cost a third of the corpus stage on each incremental build)
                stories.append(replace(old, article_ids=article_ids, entity_ids=list(old.entity_ids)))
        else:
            seed = docs[real[0]]          # the earliest by (published, id)
            stories.append(_describe(story_id(seed.id), [docs[i].id for i in real], real, docs, feats, p, None))
    stories.sort(key=lambda s: (s.start or "9999-99-99", s.id))
    return stories


# --------------------------------------------------------------------------- description

def _sentences(text: str) -> list[str]:
    out = []
    for m in _SENTENCE.finditer(text):
        s = " ".join(m.group(0).split())
        if 40 <= len(s) <= 400 and sum(map(str.isalpha, s)) > 0.6 * len(s):
            out.append(s)
    return out


# a sentence this similar (cosine of TF-IDF) to one already in a summary repeats it
_REPEAT_COSINE = 0.6


def _distinct_sentences(ranked: list[int], S: sparse.csr_matrix | None, limit: int) -> list[int]:
    """The best ``limit`` candidates in ``ranked`` order, skipping near-repeats. The
    cosines are taken from one small Gram matrix of the leading candidates (a sparse
    product per pair cost more than the rest of the description)."""
    head = ranked[:limit * 4]
    gram = (S[head] @ S[head].T).toarray() if S is not None and head else None
    chosen: list[int] = []          # positions in ranked
    for pos, c in enumerate(ranked):
        if len(chosen) >= limit:
            break
        if S is not None:
            if pos < len(head):
                sims = [gram[pos, o] for o in chosen]
            else:
                sims = [float((S[c] @ S[ranked[o]].T).toarray()[0, 0]) for o in chosen]
            if any(x > _REPEAT_COSINE for x in sims):
                continue
        chosen.append(pos)
    return [ranked[pos] for pos in chosen]


def _describe(sid: str, article_ids: list[str], rows: list[int], docs: list[StoryDoc], feats: _Features,
              p: StoryParams, old: Story | None) -> Story:
    members = [docs[i] for i in rows]
    X = feats.text[rows]
    centroid = np.asarray(X.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    if norm > 0:
        centroid /= norm
    central = np.asarray(X @ centroid).ravel()
    order = sorted(range(len(members)), key=lambda i: (-round(float(central[i]), 9), _sort_key(members[i])))
    best = members[order[0]]
    title = (best.title or "").strip() or next(iter(_sentences(best.text)), best.text.strip()[:200])

    # extractive summary: the sentences closest to the centroid, no near-repeats,
    # in the order of the article they come from (most central article first)
    cands: list[tuple[float, int, int, str]] = []
    seen: set[str] = set()
    for rank, i in enumerate(order):
        for k, s in enumerate(_sentences(members[i].text)):
            key = s.lower()
            if key in seen or s == title:
                continue
            seen.add(key)
            cands.append((0.0, rank, k, s))
    summary_parts: list[str] = []
    if cands:
        vec = feats.vectorizer
        try:
            S = vec.transform([c[3] for c in cands])
            S = _l2(S)
            scores = np.asarray(S @ centroid).ravel()
        except Exception:  # vectorizer without vocabulary
            scores = np.zeros(len(cands))
            S = None
        ranked = sorted(range(len(cands)), key=lambda c: (-round(float(scores[c]), 9), cands[c][1], cands[c][2]))
        chosen = _distinct_sentences(ranked, S, p.max_summary_sentences)
        chosen.sort(key=lambda c: (cands[c][1], cands[c][2]))
        summary_parts = [cands[c][3] for c in chosen]
    summary = " ".join(summary_parts) or (old.summary if old else "")

    dates = sorted(d.published[:10] for d in members if d.published)
    start = dates[0] if dates else None
    end = dates[-1] if dates else None
    if old is not None:
        start = min(filter(None, [start, old.start]), default=None)
        end = max(filter(None, [end, old.end]), default=None)

    counts: Counter = Counter()
    for d in members:
        counts.update(set(d.entity_ids))
    if old is not None:
        counts.update({e: 0 for e in old.entity_ids})
    entity_ids = [e for e, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:p.max_story_entities]
    return Story(id=sid, article_ids=list(article_ids), title=title, summary=summary, start=start, end=end,
                 entity_ids=entity_ids)
