"""Storylines: the developing situation above its episodes, with its timeline.

Pure functions over small records, no database (docs/storylines.md).

1. **Episodes** are the stories of ``link.stories`` (one real-world event each). Each
   episode becomes two vectors: its terms (words and names of its articles, counted by
   member articles, sublinear, weighted by an IDF fitted over the episodes: words every
   episode uses weigh nothing) and its key actors and places (entity ids, likewise). A
   storyline is continuity of both: the same people and places, the same topic.
2. **Candidates are sparse**: each episode keeps its ``MAX_NEIGHBOURS`` most similar
   episodes (scored in strips of the episode x episode product; no article pairs).
3. **Grouping**: average linkage over that graph (a missing pair counts 0) gives pure
   fragments; fragments then merge by their *exact* group-average similarity (every
   episode pair counts, from the sums of their unit vectors) while it reaches
   ``merge_threshold``, less a penalty for a long gap between their periods (two small
   fragments need ``seed_threshold``: a storyline is not born of two events of one kind);
   small storylines rejoin the closest large one. An average over all pairs, not centroid
   cosine: the centroids of large groups converge to the news vocabulary (Egypt, Libya,
   Syria and the BP spill merged at 0.5-0.7); nor single links: one episode naming two
   countries would chain two storylines.
4. **Timeline** of each storyline (DATEWISE-style, Ghalandari & Ifrim 2020): every
   sentence of its articles that names a day (resolved relative dates included; the
   analysis stage's time expressions) votes for that day, once per article, counting
   only days on or before the article's own date (what happened, not what is planned);
   the days with most articles behind them are its key dates, and each date is told by
   the one or two sentences naming it that are most central (TF-IDF centroid cosine).

Everything is a function of the set of episodes (sorted by (start, id), sorted
vocabularies, ties by index): the same articles give the same storylines and ids,
however the build was split into increments. A storyline's id is the hash of its
earliest episode's id, so it keeps its id as later episodes join.
"""
from __future__ import annotations

import hashlib
import math
import os
import re
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy import sparse

from ..analyse.terms import background_idf, word_tokens
from .hac import agglomerate_sparse



# --------------------------------------------------------------------------- parameters

# an episode's nearest episodes kept as merge candidates: a storyline of hundreds of
# episodes is still one connected piece when each keeps its 15 best
MAX_NEIGHBOURS = 15
# candidate pairs below this similarity are never scored again (far under the threshold)
PAIR_FLOOR = 0.05
# stage 2: fragments' rows of similarity computed at once (256 x 5,000 float64: 10 MB)
ROW_BLOCK = 256
# cells of the episode x episode similarity computed at once (8 MB of float64)
STRIP_CELLS = 1_000_000
# strips scored at once: the corpus stage runs after the page workers have stopped, so
# the cores are free (2 threads took the neighbour pairs from 11.2 s to 5.0 s at 28.8k on 2 cores)
STRIP_THREADS = min(4, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class StorylineParams:
    """Chosen on two real sets (docs/benchmarks.md §18): Timeline17, where 9 long stories
    must hold together, and ECB+, where 86 look-alike single events (two rehab stays, two
    takeovers, two earthquakes) must stay apart. Lower thresholds (0.01 / 0.055,
    no seed rule, a 45-day window over a year) fitted T17 alone and merged ECB+'s 86
    stories into 20 genre storylines (crime, sport, takeovers, quakes)."""

    threshold: float = 0.05        # stage 1: average similarity over the candidate pairs (missing pairs count 0)
    merge_threshold: float = 0.055  # stage 2: exact average similarity of all episode pairs of two fragments
    # stage 2, two fragments of fewer than seed_episodes episodes each: a storyline is
    # born only of episodes that plainly continue each other (the same actors and topic;
    # the same story's ECB+ reports are at 0.3, look-alike events of one kind at 0.05-0.15)
    seed_threshold: float = 0.15
    seed_episodes: int = 5
    fragment_episodes: int = 40    # storylines of fewer episodes than this rejoin the closest larger one ...
    rejoin_threshold: float = 0.025  # ... when their exact average similarity reaches this
    w_entities: float = 0.5        # weight of the actor/place cosine (words = 1)
    gap_window: float = 21.0       # days between two periods with no penalty (a story pauses for weeks)
    gap_scale: float = 120.0       # days over the window for the full penalty
    gap_penalty: float = 0.15      # similarity taken off at full distance
    max_entities: int = 10         # key actors listed per storyline


# --------------------------------------------------------------------------- records

@dataclass(slots=True)
class EpisodeDoc:
    """One story (episode) with what storylines compare."""

    id: str
    title: str
    summary: str
    start: str | None
    end: str | None
    article_ids: list[str]
    terms: Counter                       # term key -> summed sublinear count over its articles
    entities: Counter                    # entity id -> number of member articles naming it


@dataclass(slots=True)
class TimelineDate:
    date: str
    text: str
    article_id: str
    start: int
    end: int
    independent_sources: int

    def to_dict(self) -> dict:
        return {"date": self.date, "text": self.text, "article_id": self.article_id, "start": self.start,
                "end": self.end, "independent_sources": self.independent_sources}


@dataclass(slots=True)
class Storyline:
    id: str
    title: str
    summary: str
    start: str | None
    end: str | None
    story_ids: list[str]
    article_ids: list[str]
    entity_ids: list[str]
    timeline: list[TimelineDate] = field(default_factory=list)


def storyline_id(seed_story_id: str) -> str:
    return "l_" + hashlib.sha1(seed_story_id.encode("utf-8")).hexdigest()[:12]


def _days(iso: str | None) -> float:
    try:
        return float(date.fromisoformat(iso[:10]).toordinal()) if iso else math.nan
    except ValueError:
        return math.nan


# --------------------------------------------------------------------------- vectors

# added to every IDF over episodes: 0 lets a word every episode uses weigh nothing
# (summed over hundreds of episodes, such words made unrelated storylines' centroids alike)
IDF_FLOOR = 0.0
# the actors' IDF is read as if ACTOR_PRIOR_EPISODES more episodes had been seen, each actor
# in ACTOR_PRIOR_SHARE of them: in a user's handful of pages about one story, the actors of
# every page (Putin, Trump, Peskov in all five) are the story's continuity, not noise, and a
# plain IDF over three episodes gave them no weight (the US-Russia pages stayed three
# storylines). Negligible at thousands of episodes; words keep the plain IDF (their shared
# vocabulary is what look-alike events of one kind have in common)
ACTOR_PRIOR_EPISODES = 10.0
ACTOR_PRIOR_SHARE = 0.1


def _count_matrix(bags: list[Counter]) -> sparse.csr_matrix:
    """Rows = bags of counts; columns = the sorted keys (independent of input order)."""
    vocab = sorted({k for b in bags for k in b})
    if not vocab:
        return sparse.csr_matrix((len(bags), 1))
    col = {k: j for j, k in enumerate(vocab)}
    rows = [r for r, b in enumerate(bags) for _k in b]
    cols = [col[k] for b in bags for k in b]
    vals = [float(c) for b in bags for c in b.values()]
    return sparse.csr_matrix((np.asarray(vals), (rows, cols)), shape=(len(bags), len(vocab)))


def _idf_weighted(counts: sparse.csr_matrix, prior_n: float = 1.0, prior_share: float = 1.0) -> sparse.csr_matrix:
    """Counts weighted (1 + ln c) * IDF over the rows, L2-normalised. The IDF is
    ln((prior_n + n) / (prior_n * prior_share + df)): the defaults give the usual smoothed
    ln((1 + n) / (1 + df))."""
    m = sparse.csr_matrix(counts, dtype=float, copy=True)
    m.eliminate_zeros()
    n = m.shape[0]
    df = np.bincount(m.indices, minlength=m.shape[1])
    m.data = (1.0 + np.log(np.maximum(m.data, 1.0))) * (np.log((prior_n + n) / (prior_n * prior_share + df[m.indices])) + IDF_FLOOR)
    return _l2(m)


def _l2(m: sparse.csr_matrix) -> sparse.csr_matrix:
    m = sparse.csr_matrix(m, dtype=float, copy=True)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


@dataclass(slots=True)
class _Space:
    """Episode vectors (words, actors), their periods; centroids of groups of them."""

    words: sparse.csr_matrix
    actors: sparse.csr_matrix
    start: np.ndarray
    end: np.ndarray
    p: StorylineParams

    def tile_scores(self, r: slice, c: slice, cols_t: tuple[sparse.csr_matrix, sparse.csr_matrix]) -> np.ndarray:
        """Similarity of episodes ``r`` with episodes ``c`` (``cols_t``: the transposes
        of rows ``c`` of the word and actor matrices, made once per tile column: a
        transposed view is CSC, which every product converts again). In place on one
        tile-sized array: the temporaries of the plain expression cost a fifth of the step."""
        words_t, actors_t = cols_t
        sim = (self.words[r] @ words_t).toarray()
        sim += self.p.w_entities * (self.actors[r] @ actors_t).toarray()
        has_a = self.actors.getnnz(axis=1) > 0
        sim /= 1.0 + self.p.w_entities * np.outer(has_a[r], has_a[c])
        gap = self.start[None, c] - self.end[r][:, None]
        np.maximum(gap, self.start[r][:, None] - self.end[None, c], out=gap)
        sim -= self._penalty(gap, out=gap)
        return np.round(sim, 9, out=sim)

    def _penalty(self, gap, out: np.ndarray | None = None) -> np.ndarray:
        """Similarity taken off for the days ``gap`` between two periods (into ``out``,
        which may be ``gap``)."""
        excess = np.subtract(np.asarray(gap, float), self.p.gap_window, out=out)
        excess /= self.p.gap_scale
        np.clip(excess, 0.0, 1.0, out=excess)
        np.nan_to_num(excess, copy=False, nan=0.0)
        excess *= self.p.gap_penalty
        return excess


# --------------------------------------------------------------------------- grouping

def _neighbour_pairs(space: _Space, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each episode's ``MAX_NEIGHBOURS`` most similar others reaching ``PAIR_FLOOR``
    (ties to the lower index): the pairs (i < j, similarity), each once.

    The similarity is symmetric, so only the tiles on and above the diagonal of the
    episode x episode matrix are scored (half the products of scoring every row against
    every episode): every pair reaching the floor is kept (under 1% of them at 28.8k),
    and each episode's best are chosen from its pairs at the end. The tiles are scored
    on ``STRIP_THREADS`` threads (the sparse products release the GIL); a tile's pairs
    depend on its rows and columns alone, so the result does not depend on the threads."""
    k = min(MAX_NEIGHBOURS, max(n - 1, 0))
    if k == 0:
        return np.zeros(0, int), np.zeros(0, int), np.zeros(0)
    side = max(16, math.isqrt(STRIP_CELLS))
    bounds = list(range(0, n, side))
    cols_t = {lo: (space.words[lo:lo + side].T.tocsr(), space.actors[lo:lo + side].T.tocsr()) for lo in bounds}

    def tile(lohi: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        ro, co = lohi
        sim = space.tile_scores(slice(ro, min(n, ro + side)), slice(co, min(n, co + side)), cols_t[co])
        ii, jj = np.nonzero(sim >= PAIR_FLOOR)
        i, j = ii + ro, jj + co
        keep = j > i
        return i[keep], j[keep], sim[ii[keep], jj[keep]]

    with ThreadPoolExecutor(STRIP_THREADS) as pool:
        parts = list(pool.map(tile, [(ro, co) for ro in bounds for co in bounds if co >= ro]))
    i, j, sv = (np.concatenate(x) for x in zip(*parts))
    # each pair stands in both rows' lists: per row, the k best by (similarity, lower column)
    row, col, val = np.concatenate([i, j]), np.concatenate([j, i]), np.concatenate([sv, sv])
    order = np.lexsort((col, -val, row))
    row, col, val = row[order], col[order], val[order]
    first = np.r_[0, np.flatnonzero(np.diff(row)) + 1] if len(row) else np.zeros(0, int)
    rank = np.arange(len(row)) - np.repeat(first, np.diff(np.r_[first, len(row)]))
    keep = rank < k
    lo_, hi_, sv = np.minimum(row[keep], col[keep]), np.maximum(row[keep], col[keep]), val[keep]
    _, first = np.unique(lo_.astype(np.int64) * n + hi_, return_index=True)
    return lo_[first], hi_[first], sv[first]


def _merge_fragments(space: _Space, groups: list[list[int]], threshold: float) -> list[list[int]]:
    """Stage 2: the fragments of stage 1 merged by exact group-average similarity (every
    episode pair counts, from the sums of the fragments' unit vectors: a pair missing
    from the candidate graph no longer counts 0), while the best pair reaches
    ``threshold``. Ties to the lowest fragment (fragments in order of their first episode).

    Memory: the fragments' summed word and actor products are two k x k float32 matrices
    (k = 4,700 fragments at 28.8k articles: 180 MB); the similarity itself is never held
    as a matrix, only each fragment's best partner (as ``hac.agglomerate`` does)."""
    groups = sorted((sorted(g) for g in groups), key=min)
    k = len(groups)
    if k < 2:
        return groups
    member = sparse.csr_matrix((np.ones(sum(map(len, groups))), (np.repeat(np.arange(k), [len(g) for g in groups]),
                                np.concatenate(groups))), shape=(k, space.words.shape[0]))
    f = _Fragments(space, threshold, _gram(member @ space.words), _gram(member @ space.actors),
                   np.asarray(member @ (space.actors.getnnz(axis=1) > 0).astype(float)).ravel(),
                   np.asarray(member.sum(axis=1)).ravel(), groups)
    f.refresh(np.arange(k))
    while True:
        i = int(np.argmax(f.best_v))
        if not f.best_v[i] >= threshold:
            break
        f.merge(i, int(f.best_j[i]))
    # small storylines (side threads the candidates left apart) join the closest large
    # one when close enough, the closest pair first
    big_rows: dict[int, np.ndarray] = {}      # a large storyline's row, kept up to date
    while True:
        small = np.flatnonzero(f.alive & (f.size < space.p.fragment_episodes))
        big = np.flatnonzero(f.alive & (f.size >= space.p.fragment_episodes))
        if not len(small) or not len(big):
            break
        for b in big.tolist():
            if b not in big_rows:
                big_rows[b] = f.row(b)
        sub = np.column_stack([big_rows[b][small] for b in big.tolist()])
        r, c = divmod(int(np.argmax(sub)), len(big))
        if sub[r, c] < space.p.rejoin_threshold:
            break
        i, j = sorted((int(small[r]), int(big[c])))
        f.merge(i, j, partners=False)
        big_rows.pop(j, None)
        big_rows[i] = f.row(i)            # the merged storyline is a large one
        for x, rx in big_rows.items():    # symmetric: storyline x's similarity to i is row i's at x
            if x != i:
                rx[i], rx[j] = big_rows[i][x], -np.inf
    return [sorted(f.members[g]) for g in range(k) if f.alive[g]]


def _gram(m: sparse.csr_matrix) -> np.ndarray:
    """``m @ m.T`` as float32, a block of rows at a time (the sparse product of all rows at
    once is denser than the dense result: 270 MB at 4,700 fragments)."""
    m = sparse.csr_matrix(m)
    mt = m.T.tocsr()
    out = np.empty((m.shape[0], m.shape[0]), np.float32)
    for lo in range(0, m.shape[0], ROW_BLOCK):
        out[lo:lo + ROW_BLOCK] = (m[lo:lo + ROW_BLOCK] @ mt).toarray()
    return out


class _Fragments:
    """Stage 2's state: per fragment its summed similarities to every other (word and
    actor parts), size, period, members, and its most similar partner (``best_j``,
    ``best_v``: ties to the lower index, so that taking the best of the best is taking
    the first maximum of the whole similarity matrix in row order)."""

    def __init__(self, space: _Space, threshold: float, total_w, total_a, has, size, groups) -> None:
        k = len(groups)
        self.space, self.threshold = space, threshold
        self.total_w, self.total_a, self.has, self.size = total_w, total_a, has, size
        self.start = np.array([np.nanmin(space.start[g]) if not np.isnan(space.start[g]).all() else np.nan
                               for g in groups])
        self.end = np.array([np.nanmax(space.end[g]) if not np.isnan(space.end[g]).all() else np.nan for g in groups])
        self.alive = np.ones(k, bool)
        self.members = [list(g) for g in groups]
        self.best_j = np.zeros(k, int)
        self.best_v = np.full(k, -np.inf)

    def rows(self, ix: np.ndarray) -> np.ndarray:
        """Fragments ``ix``'s exact average similarity to every fragment, less the gap
        penalty (and, between two small fragments, the seed margin); -inf for itself and
        the dead. One block of rows at a time: most refreshes come many to a merge."""
        p, pw, size = self.space.p, self.space.p.w_entities, self.size
        tw, ta = self.total_w[ix].astype(float), self.total_a[ix].astype(float)
        both = (self.has[ix, None] > 0) & (self.has[None, :] > 0)
        sim = np.where(both, (tw + pw * ta) / (1.0 + pw), tw) / (size[ix, None] * size[None, :])
        gap = np.maximum(self.start[None, :] - self.end[ix, None], self.start[ix, None] - self.end[None, :])
        sim = np.round(sim - self.space._penalty(gap), 9)
        if p.seed_threshold > self.threshold:
            # two small fragments must reach seed_threshold: held to the stage's threshold
            # by the difference, so that the merge order stays by need-adjusted similarity
            seed = (size[ix, None] < p.seed_episodes) & (size[None, :] < p.seed_episodes)
            sim = np.where(seed, sim - (p.seed_threshold - self.threshold), sim)
        sim[:, ~self.alive] = -np.inf
        sim[np.arange(len(ix)), ix] = -np.inf
        return sim

    def row(self, i: int) -> np.ndarray:
        return self.rows(np.array([i]))[0]

    def refresh(self, ix: np.ndarray) -> None:
        for lo in range(0, len(ix), ROW_BLOCK):
            part = ix[lo:lo + ROW_BLOCK]
            r = self.rows(part)
            j = np.argmax(r, axis=1)
            self.best_j[part] = j
            self.best_v[part] = r[np.arange(len(part)), j]

    def merge(self, i: int, j: int, partners: bool = True) -> None:
        """The later fragment into the earlier; then (``partners``) the best partners that
        change: the merged fragment's, those that pointed at either, those that now prefer
        the merged one."""
        i, j = min(i, j), max(i, j)
        for t in (self.total_w, self.total_a):
            t[i, :] += t[j, :]
            t[:, i] += t[:, j]
        self.size[i] += self.size[j]
        self.has[i] = max(self.has[i], self.has[j])
        self.start[i], self.end[i] = np.fmin(self.start[i], self.start[j]), np.fmax(self.end[i], self.end[j])
        self.members[i] += self.members[j]
        self.alive[j] = False
        self.best_v[j] = -np.inf
        if not partners:
            return
        col = self.row(i)                     # symmetric: fragment x's similarity to i is col[x]
        self.best_j[i] = int(np.argmax(col))
        self.best_v[i] = col[self.best_j[i]]
        others = self.alive.copy()
        others[i] = False
        stale = others & ((self.best_j == i) | (self.best_j == j))
        self.refresh(np.flatnonzero(stale))
        better = others & ~stale & ((col > self.best_v) | ((col == self.best_v) & (i < self.best_j)))
        self.best_j[better] = i
        self.best_v[better] = col[better]


# --------------------------------------------------------------------------- episodes -> storylines

def episode_space(episodes: list[EpisodeDoc], p: StorylineParams,
                  counts: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None) -> _Space:
    """The episodes' vectors; ``counts`` = (terms, entities) count matrices with one row
    per episode in the given order (the store builds them without Python objects per
    term), else from each episode's Counters."""
    words, actors = counts if counts is not None else (_count_matrix([e.terms for e in episodes]),
                                                       _count_matrix([e.entities for e in episodes]))
    return _Space(_idf_weighted(words), _idf_weighted(actors, ACTOR_PRIOR_EPISODES, ACTOR_PRIOR_SHARE),
                  np.array([_days(e.start) for e in episodes]),
                  np.array([_days(e.end) for e in episodes]), p)


def canonical_episodes(episodes: list[EpisodeDoc]) -> list[EpisodeDoc]:
    """Episodes by id once, in (start, id) order (undated last)."""
    return sorted({e.id: e for e in episodes}.values(), key=lambda e: (e.start or "9999", e.id))


def group_episodes(episodes: list[EpisodeDoc], p: StorylineParams | None = None,
                   counts: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None) -> list[list[EpisodeDoc]]:
    """Episodes grouped into storylines, each in (start, id) order; groups ordered by
    their first episode. ``counts``, when given, has its rows in the order of
    ``canonical_episodes(episodes)``."""
    p = p or StorylineParams()
    eps = canonical_episodes(episodes)
    if not eps:
        return []
    return [[eps[i] for i in grp] for grp in _group_rows(episode_space(eps, p, counts))[0]]


def _group_rows(space: _Space) -> tuple[list[list[int]], _Space]:
    n = space.words.shape[0]
    pairs = _neighbour_pairs(space, n)
    groups = agglomerate_sparse(pairs, [[i] for i in range(n)], [False] * n, space.p.threshold)
    return sorted(_merge_fragments(space, groups, space.p.merge_threshold), key=min), space


def _central(space: _Space, rows: list[int], eps: list[EpisodeDoc]) -> EpisodeDoc:
    """The episode most like the rest of its storyline (cosine of its words to their sum,
    times the log of its size: a central report, not an off-topic bulletin), ties to
    the earlier."""
    w = space.words[rows]
    total = np.asarray(w.sum(axis=0)).ravel()
    sim = np.asarray(w @ total).ravel()
    score = [round(float(x), 9) * (1.0 + math.log(len(eps[r].article_ids) or 1)) for x, r in zip(sim, rows)]
    return eps[rows[max(range(len(rows)), key=lambda i: (score[i], -i))]]


def describe(group: list[EpisodeDoc], ents_of: dict[str, list[str]], p: StorylineParams,
             central: EpisodeDoc | None = None) -> Storyline:
    """Id, title, summary, period and key actors of one storyline (timeline apart); the
    title and summary are those of its ``central`` episode (else its largest)."""
    biggest = central or max(group, key=lambda e: (len(e.article_ids), -_days(e.start) if e.start else 0, e.id))
    starts = [e.start for e in group if e.start]
    ends = [e.end for e in group if e.end]
    article_ids = [a for e in group for a in e.article_ids]
    counts: Counter = Counter()
    for a in article_ids:
        counts.update(set(ents_of.get(a, ())))
    entity_ids = [e for e, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:p.max_entities]
    return Storyline(storyline_id(group[0].id), biggest.title, biggest.summary, min(starts) if starts else None,
                     max(ends) if ends else None, [e.id for e in group], article_ids, entity_ids)


# --------------------------------------------------------------------------- timelines

@dataclass(slots=True)
class TimelineArticle:
    """What the timeline reads of one article: its text, day, origin (copies of one
    original and dispatches of one wire count as one independent source) and the days
    its time expressions name, as (start, end, ISO day). ``spans``: its sentences as
    far as a timeline reads them (``timeline_spans``, kept by the store across
    builds); None: found when needed."""

    id: str
    text: str
    published: str | None
    origin: str
    dates: list[tuple[int, int, str]]
    spans: list[tuple[int, int]] | None = None


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# a timeline sentence is a readable statement of about 10 to 50 words, not a caption, a
# list or a run-on paragraph (journalists' timeline entries are short)
MIN_SENTENCE_CHARS = 60
MAX_SENTENCE_CHARS = 300
# sentences this similar (TF-IDF cosine) to one already chosen for a date repeat it
REPEAT_COSINE = 0.5
# a date needs this many independent sources naming it to be a key date of the product's
# timelines (copies of one report, or two dispatches of one wire, are one source)
MIN_DATE_SOURCES = 2
# key dates of a product timeline: one per this many articles, within these bounds
ARTICLES_PER_DATE = 3
MIN_DATES, MAX_DATES = 3, 30


def is_day(value: str | None) -> bool:
    return bool(value) and bool(_DAY.match(value))


# where a sentence may end: a full stop, question or exclamation mark (with closing
# quotes or brackets) before spaces and a capital, a digit or a quote; or a line end
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|\n")
# a full stop after these ends no sentence: initials and abbreviations ("U.S.", "p.m.",
# "Mr.", "Jan."), the word before the stop, lowercased
_NO_END = frozenset("""a.m p.m u.s u.k u.n e.u mr mrs ms dr st sr jr gen lt col sgt capt cmdr adm gov sen rep
    pres prof rev vs etc inc corp co ltd jan feb mar apr jun jul aug sep sept oct nov dec mt ft
    approx est dept univ""".split())
# a wire dateline before the news ("TRIPOLI | Mon Feb 21, 2011 6:51pm EST TRIPOLI (Reuters) - ",
# "Cairo, Egypt (CNN) -- "): not part of what the sentence says
_DATELINE = re.compile(r"[^\n]{0,160}?\((?:Reuters|AP|AFP|CNN|Bloomberg|UPI|dpa|ANI|IANS|PTI|Xinhua)\)"
                       r"\s*(?:[-–—]{1,2}|:)\s*"
                       # a city in capitals and a dash, without an agency ("WASHINGTON — ", "KYIV, Ukraine — ")
                       r"|[A-Z][A-Z.'’ -]{3,30}(?:,\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?\s+[–—]\s+")


def _sentence_spans(text: str, limit: int | None = None, until: int | None = None) -> list[tuple[int, int]]:
    """Sentences as (start, end) with the surrounding spaces (and a wire dateline)
    trimmed: text[start:end] is the cited sentence exactly. ``limit``: the first ones
    only; with ``until``, at least those and every sentence that starts at or before
    that position (the ones a reader of positions up to it needs)."""
    out = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group() != "\n" and _abbreviation(text, m.start()):
            continue
        span = _trim(text, start, m.end())
        start = m.end()
        if span[1] > span[0]:
            out.append(span)
        if limit is not None and len(out) >= limit and (until is None or start > until):
            return out
    span = _trim(text, start, len(text))
    return out + [span] if span[1] > span[0] else out


def timeline_spans(art: TimelineArticle) -> list[tuple[int, int]]:
    """The sentences of ``art`` a timeline may read, whatever its window: the first
    ``LEAD_SENTENCES`` and every one up to the last day its time expressions name. A
    window only leaves days out, so what it reads is a prefix of these (finding
    sentences is a third of making a timeline: the store keeps them per article)."""
    days = [s for s, _e, v in art.dates if is_day(v)]
    return _sentence_spans(art.text, LEAD_SENTENCES, max(days) if days else None)


def _abbreviation(text: str, stop: int) -> bool:
    head = text[max(0, stop - 12):stop]
    word = head[max(head.rfind(" "), head.rfind("\n"), head.rfind("("), head.rfind('"')) + 1:].lower().rstrip(".")
    return len(word) <= 5 and (word in _NO_END or len(word) == 1 and word.isalpha())


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    piece = text[s:e]          # str.strip drops exactly the characters str.isspace accepts
    body = piece.lstrip()
    s += len(piece) - len(body)
    e = s + len(body.rstrip())
    m = _DATELINE.match(text, s, e) if text.find("(", s, s + 200) >= 0 or text[s:s + 2].isupper() else None
    if m and m.end() < e:
        s = m.end()
    return s, e


def _readable(sentence: str) -> bool:
    return (MIN_SENTENCE_CHARS <= len(sentence) <= MAX_SENTENCE_CHARS
            and sum(map(str.isalpha, sentence)) > 0.6 * len(sentence))


# a long sentence whose main clause ends at a comma before one of these words ("...agreed on
# Tuesday to restore their embassies, after the first talks in three years") is told by that
# main clause: the rest says when, why or who else, not what happened
_TRAILING_CLAUSE = re.compile(r",\s+(?:after|before|while|as|when|following|amid|despite|although|though|"
                              r"which|who|where|but|with|according|in\s+a|in\s+the)\b")


# a statement ends as one: a full stop, question or exclamation mark, maybe inside quotes or
# brackets. A line of a fixture list, a table or a caption ("Saturday 5.30pm Sky Sports
# Premier League Venue Vitality Stadium Last season n/a") does not
_STATEMENT_END = re.compile(r"[.!?][\"'”’)\]]*$")


def _readable_span(text: str, start: int, end: int, named_at: int) -> tuple[int, int] | None:
    """The span a timeline may cite for the sentence text[start:end], which names a day
    at ``named_at``: the sentence when it is a readable statement, else, when it is too
    long, its main clause if that is readable and still names the day; None otherwise."""
    if _readable(text[start:end]):
        return (start, end) if _STATEMENT_END.search(text, start, end) else None
    if end - start <= MAX_SENTENCE_CHARS:
        return None
    cuts = [m.start() for m in _TRAILING_CLAUSE.finditer(text, start + MIN_SENTENCE_CHARS, start + MAX_SENTENCE_CHARS)]
    if not cuts or cuts[-1] <= named_at or not _readable(text[start:cuts[-1]]):
        return None
    return start, cuts[-1]


@dataclass(slots=True)
class _Mention:
    article: int           # index into the articles
    start: int
    end: int


def date_mentions(articles: list[TimelineArticle], first: str | None = None, last: str | None = None
                  ) -> tuple[dict[str, list[_Mention]], dict[str, list[_Mention]]]:
    """For each day, the readable sentences naming it (each once), and the lead
    sentences naming no day of the articles published on it or the day after (what
    the first reports of a day say happened). A day after the article's own date is
    a plan or a forecast, not what happened: left out."""
    named: dict[str, list[_Mention]] = defaultdict(list)
    leads: dict[str, list[_Mention]] = defaultdict(list)
    for ai, art in enumerate(articles):
        days = [(s, e, v) for s, e, v in art.dates if is_day(v)
                and (not art.published or v <= art.published[:10])
                and (first is None or v >= first) and (last is None or v <= last)]
        spans = art.spans if art.spans is not None else timeline_spans(art)
        dated: set[int] = set()
        seen: set[tuple[str, int]] = set()
        for s, _e, v in days:
            k = _span_of(spans, s)
            if k is None or (v, k) in seen:
                continue
            seen.add((v, k))
            dated.add(k)
            cited = _readable_span(art.text, *spans[k], s)
            if cited:
                named[v].append(_Mention(ai, *cited))
        _add_leads(leads, ai, art, spans, dated, first, last)
    return named, leads


# sentences of an article that tell its news (DATEWISE's clip of 5), and the days
# after an event its first reports appear (published that day or the next)
LEAD_SENTENCES = 5
REPORT_LAG_DAYS = 2
# leads of a day's reports read for its centroid (the earliest articles first): enough
# for what they are about, bounded for a storyline of thousands of articles
MAX_LEADS = 200


def _add_leads(leads, ai: int, art: TimelineArticle, spans, dated: set[int], first, last) -> None:
    if not art.published:
        return
    try:
        pub = date.fromisoformat(art.published[:10]).toordinal()
    except ValueError:
        return
    for k, (ss, se) in enumerate(spans[:LEAD_SENTENCES]):
        if k in dated or not _readable(art.text[ss:se]):
            continue
        for lag in range(REPORT_LAG_DAYS):
            day = date.fromordinal(pub - lag).isoformat()
            if (first is None or day >= first) and (last is None or day <= last):
                leads[day].append(_Mention(ai, ss, se))


def _span_of(spans: list[tuple[int, int]], pos: int) -> int | None:
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(spans) and spans[lo][0] <= pos else None


# a report published on a day or the next counts this much towards the day (a
# mention in a later look-back counts 1): reports cluster on the days things happen
PUBLISHED_WEIGHT = 0.25


def rank_dates(mentions: dict[str, list[_Mention]], articles: list[TimelineArticle]) -> list[tuple[str, int]]:
    """Days named by the articles, by the number of articles naming them plus
    ``PUBLISHED_WEIGHT`` per article published that day or the next (then the
    earlier day); with the number of independent sources naming each. The more
    reports look back at a day, the more it mattered."""
    published: Counter = Counter()
    for a in articles:
        if a.published and not math.isnan(_days(a.published)):
            day = int(_days(a.published))
            published[date.fromordinal(day).isoformat()] += 1
            published[date.fromordinal(day - 1).isoformat()] += 1
    scored = []
    for day, ms in mentions.items():
        n = len({m.article for m in ms})
        sources = len({articles[m.article].origin for m in ms})
        scored.append((-(n + PUBLISHED_WEIGHT * published.get(day, 0)), day, sources))
    scored.sort()
    return [(day, k) for _s, day, k in scored]


# a sentence quoting someone says what was said, a timeline says what happened: quoted
# sentences are chosen only when clearly more central than the others
QUOTED_WEIGHT = 0.8
_QUOTED = re.compile(r'["“”]|(?:^|\s)\'\S')
# first and second person, questions, transcript speaker tags: talk, not a report of what happened
SPOKEN_WEIGHT = 0.5
# a sentence opening on a pronoun or a connective leans on the one before: it does not
# stand alone as a timeline entry
DEPENDENT_WEIGHT = 0.5
_DEPENDENT = re.compile(r"(?:He|She|It|They|This|That|These|Those|His|Her|Its|Their|But|And|Also|However|Meanwhile|"
                        r"Still|So|Then|Yet|Instead|Despite that)\b")
_SPOKEN = re.compile(r"\b(?:I|I'm|I've|we|We|we're|you|You|my|our|your)\b|\?\s*$|^[A-Z][A-Z .'-]{2,40}:")


def _centroid(X: sparse.csr_matrix) -> np.ndarray:
    c = np.asarray(X.sum(axis=0)).ravel()
    n = np.linalg.norm(c)
    return c / n if n else c


def _sentence_terms(sentence: str) -> list[tuple[str, float]]:
    """A sentence's tokens (in order of first use) with their TF-IDF weights."""
    return [(tok, (1.0 + math.log(c)) * background_idf(tok)) for tok, c in Counter(word_tokens(sentence)).items()]


def _vectors(terms: list[list[tuple[str, float]]]) -> sparse.csr_matrix:
    """Sentences, given as their ``_sentence_terms``, as TF-IDF rows (background IDF of
    analyse.terms, which beat an IDF over the timeline's own candidates on T17),
    L2-normalised."""
    rows, cols, vals = [], [], []
    vocab: dict[str, int] = {}       # a column per distinct token, in order of first use
    for r, sentence_terms in enumerate(terms):
        for tok, w in sentence_terms:
            rows.append(r)
            cols.append(vocab.setdefault(tok, len(vocab)))
            vals.append(w)
    m = sparse.csr_matrix((np.asarray(vals, float), (rows, cols)), shape=(len(terms), max(1, len(vocab))))
    return _l2(m)


def _first_of_each(texts: list[str], rows) -> list[int]:
    """The rows whose text no earlier row of ``rows`` has."""
    seen: set[str] = set()
    return [i for i in rows if not (texts[i] in seen or seen.add(texts[i]))]


def date_sentences(day: str, named: list[_Mention], leads: list[_Mention], articles: list[TimelineArticle],
                   per_date: int, told: list[set[str]] | None = None,
                   terms: dict[tuple[int, int, int], list] | None = None) -> list[TimelineDate]:
    """The ``per_date`` sentences naming ``day`` most central among them and the leads
    of its first reports (cosine to the sum of the two groups' TF-IDF centroids), no
    near-repeats (within the date, or of a sentence in ``told``); ties by article
    date and position. ``terms``: sentences' weighted tokens by (article, start, end),
    filled and read across the dates of one timeline (a lead stands for two days)."""
    ms = named + leads[:MAX_LEADS]
    texts = [articles[m.article].text[m.start:m.end] for m in ms]
    terms = terms if terms is not None else {}
    for m, t in zip(ms, texts):
        if (m.article, m.start, m.end) not in terms:
            terms[m.article, m.start, m.end] = _sentence_terms(t)
    X = _vectors([terms[m.article, m.start, m.end] for m in ms])
    # a sentence repeated by copies of one report counts once in what the day is about:
    # otherwise a wire story's copies vote for their own sentences
    named_rows = _first_of_each(texts, range(len(named)))
    lead_rows = _first_of_each(texts, range(len(named), len(ms)))
    centroid = _centroid(X[named_rows]) + (_centroid(X[lead_rows]) if lead_rows else 0)
    norm = np.linalg.norm(centroid)
    central = np.asarray(X @ (centroid / norm)).ravel() if norm else np.zeros(len(ms))
    central *= np.array([QUOTED_WEIGHT if _QUOTED.search(t) else 1.0 for t in texts])
    central *= np.array([SPOKEN_WEIGHT if _SPOKEN.search(t) else 1.0 for t in texts])
    central *= np.array([DEPENDENT_WEIGHT if _DEPENDENT.match(t) else 1.0 for t in texts])
    # only a sentence naming the day is cited for it (a lead may tell the day after);
    # the leads shape the centroid: what the day's first reports are about
    order = sorted(range(len(named)), key=lambda i: (-round(float(central[i]), 9),
                                                  articles[ms[i].article].published or "9999",
                                                  articles[ms[i].article].id, ms[i].start))
    chosen: list[int] = []
    for i in order:
        if len(chosen) >= per_date:
            break
        if any(float((X[i] @ X[j].T).toarray()[0, 0]) > REPEAT_COSINE or texts[i] == texts[j] for j in chosen):
            continue
        words = set(word_tokens(texts[i]))
        if told is not None and any(_jaccard(words, w) > TOLD_JACCARD for w in told):
            continue
        chosen.append(i)
        if told is not None:
            told.append(words)
    sources = len({articles[m.article].origin for m in named})
    return [TimelineDate(day, texts[i], articles[ms[i].article].id, ms[i].start, ms[i].end, sources)
            for i in chosen]


# a sentence sharing this much of its words with one told at another date repeats it
TOLD_JACCARD = 0.7


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def build_timeline(articles: list[TimelineArticle], n_dates: int | None = None, per_date: int = 1,
                   first: str | None = None, last: str | None = None) -> list[TimelineDate]:
    """The key dates of a set of articles, in date order, each told by ``per_date``
    sentences. ``n_dates`` None: the product's choice (dates named by at least
    ``MIN_DATE_SOURCES`` independent sources, one per ``ARTICLES_PER_DATE`` articles, within
    ``MIN_DATES``..``MAX_DATES``; fewer such dates than ``MIN_DATES`` are completed by the
    best-told days of one source). Days outside ``first``..``last`` are left out."""
    articles = sorted(articles, key=lambda a: (a.published or "9999", a.id))
    mentions, leads = date_mentions(articles, first, last)
    ranked = rank_dates(mentions, articles)
    if n_dates is None:
        limit = min(MAX_DATES, max(MIN_DATES, len(articles) // ARTICLES_PER_DATE))
        strong = [r for r in ranked if r[1] >= MIN_DATE_SOURCES]
        # a handful of pages seldom has two sources for a day: its best-told days fill the
        # timeline up to MIN_DATES, each entry saying it rests on one source
        weak = [r for r in ranked if r[1] < MIN_DATE_SOURCES][:max(0, MIN_DATES - len(strong))]
        ranked = (strong + weak)[:limit]
    else:
        ranked = ranked[:n_dates]
    out: list[TimelineDate] = []
    told: list[set[str]] = []
    terms: dict[tuple[int, int, int], list] = {}
    for day, _n in ranked:           # the dates with most reports choose first
        out.extend(date_sentences(day, mentions[day], leads.get(day, []), articles, per_date, told, terms))
    out.sort(key=lambda t: t.date)
    return out


# --------------------------------------------------------------------------- the whole step

def group_storylines(episodes: list[EpisodeDoc], ents_of: dict[str, list[str]], p: StorylineParams | None = None,
                     counts: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None) -> list[Storyline]:
    """Storylines of the corpus without their timelines (``timeline_window`` and
    ``build_timeline`` add them), ordered by (start, id)."""
    p = p or StorylineParams()
    eps = canonical_episodes(episodes)
    if not eps:
        return []
    rows_of, space = _group_rows(episode_space(eps, p, counts))
    out = [describe([eps[i] for i in rows], ents_of, p, _central(space, rows, eps)) for rows in rows_of]
    out.sort(key=lambda s: (s.start or "9999", s.id))
    return out


def timeline_window(line: Storyline) -> tuple[str | None, str | None]:
    """The days a storyline's timeline may cite: from a month before its first article
    to its last."""
    return _month_before(line.start), line.end


def link_storylines(episodes: list[EpisodeDoc], ents_of: dict[str, list[str]],
                    timeline_articles: dict[str, TimelineArticle], p: StorylineParams | None = None,
                    counts: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None) -> list[Storyline]:
    """Storylines of the corpus with their timelines, ordered by (start, id)."""
    out = group_storylines(episodes, ents_of, p, counts)
    for line in out:
        arts = [timeline_articles[a] for a in line.article_ids if a in timeline_articles]
        first, last = timeline_window(line)
        line.timeline = build_timeline(arts, first=first, last=last)
    return out


# a storyline's timeline may reach back this far before its first article (the
# reports of its first days look back at what set it off)
LOOK_BACK_DAYS = 31


def _month_before(day: str | None) -> str | None:
    if not day:
        return None
    try:
        return date.fromordinal(date.fromisoformat(day[:10]).toordinal() - LOOK_BACK_DAYS).isoformat()
    except ValueError:
        return None
