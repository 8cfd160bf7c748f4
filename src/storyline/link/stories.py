"""Story clustering: group articles that report the same real-world event.

Pure functions over small records, no database. The method (see docs/stories.md):

1. Every article has two bags of hashed terms with a *background* IDF
   (``analyse.terms``: text words and salient details, weights from general English
   word frequencies, so an article's vector depends on the article alone), its
   resolved corpus entity ids and its event keys ("TYPE|date").
2. Stage 1, topic blocks: the similarity of two articles is the weighted mean of the
   cosines of the features both have, less a penalty when both are dated and far
   apart. It depends on the pair alone, so the graph of pairs reaching
   ``pair_floor`` is computed once per pair and kept by the store: a later build
   scores only its new articles against the others. Average linkage at
   ``topic_threshold`` merges two groups only if some pair between them reaches the
   threshold (an average cannot exceed its largest term), so the blocks are found
   component by component of the graph cut at the threshold, exactly.
3. Stage 2, events inside a block: the similarity recomputed with IDF fitted on the
   block alone (the words every report of the topic shares weigh little; names,
   places and figures decide), average linkage at ``threshold``; parts smaller than
   ``fragment_size`` rejoin the closest larger part when close enough. A block's
   stories depend on its members alone, so they are memoised by a key of the
   members' inputs and a later build recomputes only the blocks that changed.

Hence the result is a function of the set of articles: the same inputs give the same
stories, ids and order whatever the input order, and however the build was split
into increments. A story's id is the hash of its earliest member by (published, id),
so a story keeps its id as later reports join it.
"""
from __future__ import annotations

import functools
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date

import numpy as np
import orjson
from scipy import sparse

from ..analyse.terms import ArticleTerms, TermBag, article_terms, term_key, word_tokens
from .hac import agglomerate, agglomerate_sparse


@dataclass(slots=True)
class StoryDoc:
    id: str
    title: str | None
    text: str
    published: str | None                                 # ISO date or None
    entity_ids: list[str] = field(default_factory=list)   # resolved corpus entity ids, repeats count as mentions
    event_keys: list[str] = field(default_factory=list)   # optional "TYPE|date" strings
    terms: ArticleTerms | None = None                     # computed from title + text when not given

    def bags(self) -> ArticleTerms:
        if self.terms is None:
            self.terms = article_terms(self.title, self.text)
        return self.terms


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
    # stage 1, topic blocks: background IDF, loose threshold
    topic_threshold: float = 0.12    # average-linkage similarity to join a topic block
    topic_w_salient: float = 0.5
    # stage 2, events inside a block: IDF fitted on the block's own articles
    two_stage: bool = True           # False: each topic block is one story
    threshold: float = 0.16          # average-linkage similarity to be one story
    w_entities: float = 0.5
    w_salient: float = 0.5
    w_events: float = 0.5
    min_split_size: int = 4          # blocks smaller than this are one story (stage 2 skipped)
    fragment_size: int = 4           # stage-2 parts smaller than this rejoin the closest larger part ...
    rejoin_threshold: float = 0.08   # ... when their average similarity to it reaches this
    date_window: float = 3.0         # days apart with no penalty
    date_scale: float = 30.0         # days over the window for the full penalty
    date_penalty: float = 0.2        # similarity taken off at full distance
    # Similarities are a sparse graph, not a dense matrix (28,800 articles would take
    # 6.6 GB a matrix): each article keeps its max_neighbours most similar reaching
    # pair_floor (in stage 1 over the corpus, maintained as articles arrive; in stage 2
    # over its block, beyond dense_max rows; below that the block's dense matrix).
    pair_floor: float = 0.05
    dense_max: int = 400
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


def _sort_key(d: StoryDoc) -> tuple[str, str]:
    # undated articles go last, then by id
    return (d.published or "9999-99-99", d.id)


def _days(iso: str | None) -> float:
    if iso:
        try:
            return float(date.fromisoformat(iso[:10]).toordinal())
        except ValueError:
            pass
    return math.nan


# --------------------------------------------------------------------------- vectors

def _l2(m: sparse.csr_matrix) -> sparse.csr_matrix:
    """Rows scaled to unit length (empty rows stay empty). On the arrays directly:
    scipy's diagonal product cost more than the rest of a small block's features."""
    m = sparse.csr_matrix(m, dtype=float, copy=True)
    row = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
    norms = np.sqrt(np.bincount(row, weights=m.data * m.data, minlength=m.shape[0]))
    norms[norms == 0] = 1.0
    m.data /= norms[row]
    return m


def _bag_matrix(bags: list[TermBag], own_idf: bool = False) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Rows = bags weighted (1 + ln tf) * idf, L2-normalised; the idf is each term's
    background IDF, or with ``own_idf`` its smoothed IDF over these bags (a block's own:
    the words every report of a topic shares weigh little). Columns are the sorted union
    of the keys, so the matrix does not depend on order; each key's column is the
    inverse of the sort that makes that union (no second search)."""
    keys = np.concatenate([b.keys for b in bags]) if bags else np.zeros(0, np.int64)
    vocab, cols, df = np.unique(keys, return_inverse=True, return_counts=True)
    indptr = np.zeros(len(bags) + 1, np.int64)
    np.cumsum([len(b) for b in bags], out=indptr[1:])
    if not len(vocab) or not indptr[-1]:
        return sparse.csr_matrix((len(bags), max(1, len(vocab)))), vocab
    tf = 1.0 + np.log(np.concatenate([b.counts for b in bags]).astype(float))
    if own_idf:      # a bag holds a key once, so a key's count is its document frequency
        w = (np.log((1.0 + len(bags)) / (1.0 + df)) + 1.0)[cols]
    else:
        w = np.concatenate([b.idf for b in bags]).astype(float)
    m = sparse.csr_matrix((tf * w, cols, indptr), shape=(len(bags), len(vocab)))
    return _l2(m), vocab


def _count_matrix(lists: list[list[str]], sublinear: bool) -> sparse.csr_matrix:
    """Entity ids or event keys as IDF-weighted rows (IDF fitted on these rows)."""
    bags = [Counter(x) for x in lists]
    vocab = sorted({t for b in bags for t in b})
    index = {t: i for i, t in enumerate(vocab)}
    df = np.zeros(len(vocab))
    rows, cols, vals = [], [], []
    for r, b in enumerate(bags):
        for t, c in b.items():
            j = index[t]
            df[j] += 1
            rows.append(r)
            cols.append(j)
            vals.append(1.0 + math.log(c) if sublinear else float(c))
    if not vocab:
        return sparse.csr_matrix((len(bags), 0))
    idf = np.log((1.0 + len(bags)) / (1.0 + df)) + 1.0
    m = sparse.csr_matrix((np.asarray(vals, float), (rows, cols)), shape=(len(bags), len(vocab)))
    m.data *= idf[m.indices]
    return _l2(m)


@dataclass(slots=True)
class _Terms:
    """Weighted feature matrices of some rows, and which rows have each feature."""

    mats: list[tuple[sparse.csr_matrix, float, np.ndarray]]     # (matrix, weight, row has it)
    days: np.ndarray
    # each matrix transposed to CSR once: a transposed view is CSC, which every product
    # converts to CSR again (per strip: most of the stories step of a 26k-article build)
    _transposed: list[sparse.csr_matrix] | None = None

    @classmethod
    def of(cls, mats: Iterable[tuple[sparse.csr_matrix, float]], days: np.ndarray) -> "_Terms":
        out = []
        for mat, w in mats:
            if w > 0 and mat.shape[1]:
                has = (np.asarray(mat.getnnz(axis=1)) > 0).astype(float)
                if has.any():
                    out.append((sparse.csr_matrix(mat), w, has))
        return cls(out, days)

    def rows(self, r: np.ndarray, p: StoryParams) -> np.ndarray:
        """Similarity of the rows ``r`` with every row: the weighted mean of the feature
        cosines over the features both have, less the date penalty. Rounded to 1e-9 so
        that a pair scores the same bits whichever build scores it."""
        n = len(self.days)
        num = np.zeros((len(r), n))
        den = np.zeros((len(r), n))
        if self._transposed is None:
            self._transposed = [mat.T.tocsr() for mat, _w, _has in self.mats]
        for (mat, w, has), right in zip(self.mats, self._transposed):
            num += w * (mat[r] @ right).toarray()
            den += w * np.outer(has[r], has)
        sim = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
        days = self.days
        if p.date_penalty > 0 and not np.isnan(days).all():
            gap = np.abs(days[r][:, None] - days[None, :])
            excess = np.clip((gap - p.date_window) / max(p.date_scale, 1e-9), 0.0, 1.0)
            sim -= p.date_penalty * np.nan_to_num(excess, nan=0.0)
        return np.round(sim, 9)


def _topic_terms(docs: list[StoryDoc], p: StoryParams) -> _Terms:
    text, _ = _bag_matrix([d.bags().text for d in docs])
    sal, _ = _bag_matrix([d.bags().salient for d in docs])
    return _Terms.of([(text, 1.0), (sal, p.topic_w_salient)], np.array([_days(d.published) for d in docs]))


# cells of the similarity matrix computed at once: a strip of 1M float64 cells is
# 8 MB, and about ten such arrays are alive while it is scored (on 14,521 real articles
# the corpus stage peaked at 1.18 GB with 1M cells, 1.31 GB with 4M, no faster).
_PAIR_STRIP_CELLS = 1_000_000


Neighbours = tuple[np.ndarray, np.ndarray, np.ndarray]     # (row a, row b, similarity): b is among a's nearest


def nearest_neighbours(docs: list[StoryDoc], known: Neighbours | None = None, new: Iterable[str] | None = None,
                       p: StoryParams | None = None) -> tuple[Neighbours, np.ndarray]:
    """Each article's ``max_neighbours`` most similar others (stage 1), reaching
    ``pair_floor``; ties go to the smaller article id, so the lists are a function of
    the set of articles. ``known`` holds the lists of an earlier build (rows of
    ``docs``) for every article not in ``new``: only the new articles are scored, and
    an earlier list changes only where a new article enters it. That is exact: the
    best k of a union are the best k of the earlier best k and the newcomers.
    Returns the lists of every article and the rows whose list changed."""
    p = p or StoryParams()
    n, k = len(docs), p.max_neighbours
    new_ids = set(new) if new is not None else {d.id for d in docs}
    is_new = np.array([d.id in new_ids for d in docs], bool)
    rows = np.flatnonzero(is_new)
    id_rank = np.empty(n, np.int64)
    id_rank[np.argsort(np.array([d.id for d in docs], dtype=object), kind="stable")] = np.arange(n)
    ka, kb, ks = (np.asarray(x) for x in (known or (np.zeros(0, int), np.zeros(0, int), np.zeros(0))))
    cand = [(ka[~is_new[ka]], kb[~is_new[ka]], ks[~is_new[ka]])] if len(ka) else []
    terms = _topic_terms(docs, p)
    step = max(16, _PAIR_STRIP_CELLS // max(n, 1))
    for lo in range(0, len(rows), step):
        r = rows[lo:lo + step]
        sim = terms.rows(r, p)
        sim[np.arange(len(r)), r] = -np.inf                      # not its own neighbour
        # the new rows' own lists: everything at or above their k-th best (ties kept for now)
        kth = -np.partition(-sim, k - 1, axis=1)[:, k - 1] if n > k else np.full(len(r), -np.inf)
        ii, jj = np.nonzero(sim >= np.maximum(kth, p.pair_floor)[:, None])
        cand.append((r[ii], jj, sim[ii, jj]))
        # earlier articles that may take a new one into their lists
        ii, jj = np.nonzero((sim >= p.pair_floor) & ~is_new[None, :])
        cand.append((jj, r[ii], sim[ii, jj]))
    if not cand:
        empty = np.zeros(0, int)
        return (empty, empty, np.zeros(0)), empty
    ca, cb, cs = (np.concatenate(x) for x in zip(*cand))
    order = np.lexsort((id_rank[cb], -cs, ca))
    ca, cb, cs = ca[order], cb[order], cs[order]
    first = np.r_[0, np.flatnonzero(np.diff(ca)) + 1] if len(ca) else np.zeros(0, int)
    rank = np.arange(len(ca)) - np.repeat(first, np.diff(np.r_[first, len(ca)]))
    keep = rank < k
    ca, cb, cs = ca[keep], cb[keep], cs[keep]
    changed = np.union1d(rows, ca[is_new[cb]])
    return (ca, cb, cs), changed


def neighbour_edges(nb: Neighbours) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The stage-1 graph: a pair is an edge when either article lists the other."""
    a, b, s = nb
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    if not len(lo):
        return lo, hi, s
    key = lo.astype(np.int64) * (int(hi.max()) + 1) + hi
    _, first = np.unique(key, return_index=True)
    return lo[first], hi[first], s[first]


def topic_edges(docs: list[StoryDoc], p: StoryParams | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stage-1 edges of ``docs`` from scratch."""
    return neighbour_edges(nearest_neighbours(docs, None, None, p)[0])


# --------------------------------------------------------------------------- clustering

def cluster_stories(docs: list[StoryDoc], **params) -> list[Story]:
    """Stories for ``docs``, from scratch (every pair scored). Output sorted by (start, id)."""
    p = params_from(**params)
    docs = canonical_docs(docs)
    return cluster_with_edges(docs, topic_edges(docs, p), {}, p)[0]


def canonical_docs(docs: list[StoryDoc]) -> list[StoryDoc]:
    by_id: dict[str, StoryDoc] = {}
    for d in docs:
        by_id.setdefault(d.id, d)
    return sorted(by_id.values(), key=_sort_key)


def cluster_with_edges(docs: list[StoryDoc], edges: tuple[np.ndarray, np.ndarray, np.ndarray],
                       memo: dict[str, list], p: StoryParams | None = None
                       ) -> tuple[list[Story], dict[str, list]]:
    """Stories for ``docs`` (in canonical (published, id) order) given their stage-1
    ``edges`` (i < j, similarity; every pair reaching ``pair_floor``). ``memo`` holds
    an earlier build's results: a block key maps to the block's stories as (description
    key, member ids), a description key to that story (``_describe`` depends on the
    story's members alone, so a story whose block changed around it is not described
    again). Returns the stories and the memo entries this build used."""
    p = p or StoryParams()
    stories: list[Story] = []
    used: dict[str, list] = {}
    memo = dict(memo)
    for block in topic_blocks(docs, edges, p, memo, used):
        members = [docs[i] for i in block]
        key = "b:" + _block_key(members, p)
        if key not in memo:
            memo[key] = _block_parts(members, p)
        used[key] = memo[key]
        pos = {d.id: d for d in members}
        for dkey, ids in memo[key]:
            if dkey not in memo:
                memo[dkey] = [asdict(_describe([pos[x] for x in ids], p))]
            used[dkey] = memo[dkey]
            stories.append(Story(**memo[dkey][0]))
    stories.sort(key=lambda s: (s.start or "9999-99-99", s.id))
    return stories, used


def topic_blocks(docs: list[StoryDoc], edges: tuple[np.ndarray, np.ndarray, np.ndarray], p: StoryParams,
                 memo: dict[str, list] | None = None, used: dict[str, list] | None = None) -> list[list[int]]:
    """Stage 1: average linkage at ``topic_threshold`` over the edges, one connected
    component (of the edges reaching the threshold) at a time, which gives exactly the
    blocks of the whole graph. A component's blocks depend on its members alone (their
    pairs never change), so they are memoised by its members' ids. Blocks hold sorted
    row indexes, in order of first row."""
    from scipy.sparse.csgraph import connected_components

    memo = memo if memo is not None else {}
    used = used if used is not None else {}
    n = len(docs)
    i, j, s = (np.asarray(x) for x in edges)
    strong = s >= p.topic_threshold
    graph = sparse.coo_matrix((np.ones(int(strong.sum())), (i[strong], j[strong])), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    # the weaker edges inside a component count in its averages; those between
    # components cannot make a merge (every pair across is under the threshold)
    inside = label[i] == label[j]
    i, j, s = i[inside], j[inside], s[inside]
    by_label = np.argsort(label, kind="stable")
    row_bounds = np.searchsorted(label[by_label], np.arange(label.max() + 2 if n else 1))
    edge_order = np.argsort(label[i], kind="stable")
    edge_bounds = np.searchsorted(label[i][edge_order], np.arange(label.max() + 2 if n else 1))
    pos = {d.id: k for k, d in enumerate(docs)}
    blocks: list[list[int]] = []
    for c in range(len(row_bounds) - 1):
        rows = by_label[row_bounds[c]:row_bounds[c + 1]].tolist()
        if len(rows) <= 1:
            blocks.extend([rows] if rows else [])
            continue
        # the component's blocks depend on its members and the edges among them
        e = edge_order[edge_bounds[c]:edge_bounds[c + 1]]
        local = np.full(n, -1, np.int64)
        local[rows] = np.arange(len(rows))
        h = hashlib.sha1(orjson.dumps([_COMPONENT_CODE, p.topic_threshold] + [docs[r].id for r in rows]))
        for arr in (local[i[e]], local[j[e]], s[e]):
            h.update(np.ascontiguousarray(arr, dtype=np.float64 if arr.dtype.kind == "f" else np.int64).tobytes())
        key = "c:" + h.hexdigest()
        if key not in memo:
            parts = agglomerate_sparse((local[i[e]], local[j[e]], s[e]), [[k] for k in range(len(rows))],
                                       [False] * len(rows), p.topic_threshold)
            memo[key] = [[docs[rows[k]].id for k in part] for part in parts]
        used[key] = memo[key]
        blocks.extend(sorted(pos[x] for x in part) for part in memo[key])
    blocks.sort(key=lambda b: b[0])
    return blocks


# the agglomeration in a component's memo key: blocks memoised by another (which may
# break ties otherwise) are made again, so an increment equals a build from scratch
_COMPONENT_CODE = "nn-chain"


@functools.lru_cache(maxsize=8)
def _params_digest(p: StoryParams) -> bytes:
    return hashlib.sha1(repr(sorted(asdict(p).items())).encode()).digest()


def _block_key(members: list[StoryDoc], p: StoryParams) -> str:
    """What a block's stories depend on: its members (id, title, date, entity ids and
    event keys; the text is fixed by the id) and the parameters. Every block is keyed on
    every build: orjson, not json, encodes the members (a twentieth of the time)."""
    h = hashlib.sha1(_params_digest(p))
    for d in members:
        h.update(orjson.dumps([d.id, d.title, d.published, sorted(Counter(d.entity_ids).items()),
                               sorted(d.event_keys)]))
    return h.hexdigest()


def _block_parts(members: list[StoryDoc], p: StoryParams) -> list[list]:
    """Stage 2 for one topic block: its stories as [description key, member ids], the
    members in (published, id) order."""
    if p.two_stage and len(members) >= p.min_split_size:
        parts = _split_block(members, _BlockFeatures.of(members, p), p)
    else:
        parts = [list(range(len(members)))]
    out = []
    for part in parts:
        docs = sorted((members[k] for k in part), key=_sort_key)
        out.append(["d:" + _block_key(docs, p), [d.id for d in docs]])
    return out


@dataclass(slots=True)
class _BlockFeatures:
    """A block's stage-2 terms: text vectors with IDF fitted on the block (the words
    every report of the topic shares weigh little), salient terms, entities, events."""

    terms: _Terms

    @classmethod
    def of(cls, docs: list[StoryDoc], p: StoryParams) -> "_BlockFeatures":
        text_bags = [d.bags().text for d in docs]
        sal_bags = [d.bags().salient for d in docs]
        text, _ = _bag_matrix(text_bags, own_idf=True)
        sal, _ = _bag_matrix(sal_bags, own_idf=True)
        ents = _count_matrix([d.entity_ids for d in docs], sublinear=True)
        evs = _count_matrix([d.event_keys for d in docs], sublinear=False)
        return cls(_Terms.of([(text, 1.0), (ents, p.w_entities), (sal, p.w_salient), (evs, p.w_events)],
                             np.array([_days(d.published) for d in docs])))

    def similarity(self, p: StoryParams) -> np.ndarray:
        n = len(self.terms.days)
        sim = self.terms.rows(np.arange(n), p)
        np.fill_diagonal(sim, 1.0)
        return sim

    def pairs(self, p: StoryParams) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The pairs reaching ``pair_floor``, each row keeping its ``max_neighbours`` best."""
        n = len(self.terms.days)
        keep_i, keep_j, keep_s = [], [], []
        step = max(16, _PAIR_STRIP_CELLS // max(n, 1))
        for lo in range(0, n, step):
            r = np.arange(lo, min(n, lo + step))
            sim = self.terms.rows(r, p)
            sim[np.arange(len(r)), r] = -np.inf
            if n > p.max_neighbours:
                top = np.argpartition(-sim, p.max_neighbours, axis=1)[:, :p.max_neighbours]
                mask = np.zeros_like(sim, dtype=bool)
                np.put_along_axis(mask, top, True, axis=1)
                sim[~mask] = -np.inf
            ii, jj = np.nonzero(sim >= p.pair_floor)
            keep_i.append(r[ii])
            keep_j.append(jj)
            keep_s.append(sim[ii, jj])
        i, j, s = np.concatenate(keep_i), np.concatenate(keep_j), np.concatenate(keep_s)
        lo_, hi_ = np.minimum(i, j), np.maximum(i, j)
        _, first = np.unique(lo_.astype(np.int64) * n + hi_, return_index=True)
        return lo_[first], hi_[first], s[first]


def _split_block(members: list[StoryDoc], feats: _BlockFeatures, p: StoryParams) -> list[list[int]]:
    """Stage 2: the events inside one topic block."""
    n = len(members)
    singles = [[k] for k in range(n)]
    if n <= p.dense_max:
        sim = feats.similarity(p)
        parts = agglomerate(sim, singles, [False] * n, p.threshold)
    else:
        i, j, v = feats.pairs(p)
        parts = agglomerate_sparse((i, j, v), singles, [False] * n, p.threshold)
        sim = sparse.csr_matrix((np.concatenate([v, v]), (np.concatenate([i, j]), np.concatenate([j, i]))),
                                shape=(n, n))
    big = [list(c) for c in parts if len(c) >= p.fragment_size]
    small = [c for c in parts if len(c) < p.fragment_size]
    if big:
        for c in small:             # fragments rejoin the closest larger part, if close enough
            scores = [float(sim[c][:, part].sum()) / (len(c) * len(part)) for part in big]
            best = int(np.argmax(scores))
            if scores[best] >= p.rejoin_threshold:
                big[best] = big[best] + c
            else:
                big.append(c)
        parts = big
    return [sorted(c) for c in parts]


# --------------------------------------------------------------------------- description

_SENTENCE = re.compile(r"[^\n.!?]+(?:[.!?]+[\"'”’)]*|$)")
# a sentence this similar (cosine of TF-IDF) to one already in a summary repeats it
_REPEAT_COSINE = 0.6


# a summary is drawn from the sentences of the story's most central articles only: its
# typical reports (the rest of a story of hundreds repeat them), at a bounded cost
SUMMARY_ARTICLES = 20
# ... and from their leads: a news report says what happened in its first sentences
SUMMARY_LEAD = 8
# summary sentences: 40 to 400 characters once spaces are squeezed, over 60% letters
# (not a table row, a list of figures or a run of links)
SUMMARY_SENTENCE_CHARS = (40, 400)
LETTER_SHARE = 0.6
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())


def _letters(s: str) -> int:
    """``sum(map(str.isalpha, s))``, in C for ASCII text (most of it)."""
    if s.isascii():
        return len(s.encode("ascii").translate(None, _ASCII_NON_LETTERS))
    return sum(map(str.isalpha, s))


def _sentences(text: str, limit: int | None = None) -> list[str]:
    """The readable sentences of ``text`` (the first ``limit`` of them)."""
    lo, hi = SUMMARY_SENTENCE_CHARS
    out = []
    for m in _SENTENCE.finditer(text):
        if limit is not None and len(out) >= limit:
            break
        raw = m.group(0)
        if len(raw) < lo:           # squeezing spaces only shortens it
            continue
        s = " ".join(raw.split())
        if lo <= len(s) <= hi and _letters(s) > LETTER_SHARE * len(s):
            out.append(s)
    return out


def _sentence_matrix(sentences: list[str], vocab: np.ndarray, idf: dict[int, float]) -> sparse.csr_matrix:
    """Sentences as rows in a story's TF-IDF space (columns ``vocab``; terms it lacks dropped)."""
    col_of = dict(zip(vocab.tolist(), range(len(vocab))))
    rows, cols, vals = [], [], []
    known: dict[str, tuple[int, float] | None] = {}     # token -> (column, IDF), None if the story lacks it
    for r, s in enumerate(sentences):
        for tok, c in Counter(word_tokens(s)).items():
            if tok not in known:
                k = term_key(tok)
                j = col_of.get(k)
                known[tok] = None if j is None else (j, idf[k])
            hit = known[tok]
            if hit is not None:
                rows.append(r)
                cols.append(hit[0])
                vals.append((1.0 + math.log(c)) * hit[1])
    return _l2(sparse.csr_matrix((np.asarray(vals, float), (rows, cols)),
                                 shape=(len(sentences), max(1, len(vocab)))))


def _distinct_sentences(ranked: list[int], S: sparse.csr_matrix, limit: int) -> list[int]:
    """The best ``limit`` candidates in ``ranked`` order, skipping near-repeats. The
    cosines come from one small Gram matrix of the leading candidates."""
    head = ranked[:limit * 4]
    gram = (S[head] @ S[head].T).toarray() if head else None
    chosen: list[int] = []          # positions in ranked
    for pos, c in enumerate(ranked):
        if len(chosen) >= limit:
            break
        if pos < len(head):
            sims = [gram[pos, o] for o in chosen]
        else:
            sims = [float((S[c] @ S[ranked[o]].T).toarray()[0, 0]) for o in chosen]
        if any(x > _REPEAT_COSINE for x in sims):
            continue
        chosen.append(pos)
    return [ranked[pos] for pos in chosen]


def _describe(docs: list[StoryDoc], p: StoryParams) -> Story:
    """Title, extractive summary, period and main entities of the story made of
    ``docs`` (in (published, id) order); its id is its earliest member's. A function of
    the members alone (words weighted by their background IDF, not the block's), so a
    story keeps its description while its topic block changes around it."""
    bags = [d.bags().text for d in docs]
    X, vocab = _bag_matrix(bags)
    centroid = np.asarray(X.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    if norm > 0:
        centroid /= norm
    central = np.asarray(X @ centroid).ravel()
    order = sorted(range(len(docs)), key=lambda i: (-round(float(central[i]), 9), _sort_key(docs[i])))
    best = docs[order[0]]
    title = (best.title or "").strip() or next(iter(_sentences(best.text)), best.text.strip()[:200])

    # extractive summary: the sentences closest to the centroid, no near-repeats,
    # in the order of the article they come from (most central article first)
    cands: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for rank, i in enumerate(order[:SUMMARY_ARTICLES]):
        for k, s in enumerate(_sentences(docs[i].text, SUMMARY_LEAD)):
            key = s.lower()
            if key in seen or s == title:
                continue
            seen.add(key)
            cands.append((rank, k, s))
    summary_parts: list[str] = []
    if cands:
        idf = {k: float(w) for b in bags for k, w in zip(b.keys.tolist(), b.idf.tolist())}
        S = _sentence_matrix([c[2] for c in cands], vocab, idf)
        scores = np.asarray(S @ centroid).ravel() if S.shape[1] == len(centroid) else np.zeros(len(cands))
        ranked = sorted(range(len(cands)), key=lambda c: (-round(float(scores[c]), 9), cands[c][0], cands[c][1]))
        chosen = _distinct_sentences(ranked, S, p.max_summary_sentences)
        chosen.sort(key=lambda c: (cands[c][0], cands[c][1]))
        summary_parts = [cands[c][2] for c in chosen]

    dates = sorted(d.published[:10] for d in docs if d.published)
    counts: Counter = Counter()
    for d in docs:
        counts.update(set(d.entity_ids))
    entity_ids = [e for e, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:p.max_story_entities]
    return Story(id=story_id(docs[0].id), article_ids=[d.id for d in docs], title=title,
                 summary=" ".join(summary_parts), start=dates[0] if dates else None,
                 end=dates[-1] if dates else None, entity_ids=entity_ids)
