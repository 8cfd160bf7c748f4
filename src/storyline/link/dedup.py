"""Exact and near-duplicate detection, and the origin of syndicated copies.

The same story reaches the corpus many times: a wire dispatch run by several
outlets with their own page chrome, a forum repost of a newspaper article, a
truncated aggregator copy, the same page fetched twice. This module finds those
families and names, for every article, the version it copies (``duplicate_of``)
and the origin it descends from (``origin_id``), so that counting "how many
independent sources report this" counts origins, not pages.

Method (see docs/duplicates.md for the measurements):

- text is normalised (lowercase, ``\\w+`` tokens, so punctuation is dropped and
  whitespace collapsed) and cut into word 5-gram shingles;
- every shingle gets a 64-bit hash, computed for the whole batch at once with
  numpy (a polynomial hash over the normalised UTF-8 bytes by prefix sums, then
  the MurmurHash3 64-bit finaliser); no per-shingle Python work;
- MinHash with ``num_perm`` affine permutations ``a*x + b mod 2^32`` (``a`` odd,
  a bijection; the scheme datasketch 2.0 uses by default), applied to a whole
  chunk of shingles as one (shingles x num_perm) uint32 matrix and reduced per
  document with ``np.minimum.reduceat``;
- LSH banding (b bands of r rows) proposes candidate pairs; every candidate is
  verified with the exact Jaccard of the two shingle-hash sets (containment too,
  for truncated copies and copies wrapped in chrome).

Everything is deterministic: fixed seeds, no Python ``hash()``, and results are
computed over articles sorted by id, so input order does not matter.
"""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

_WORD = re.compile(r"\w+")
SHINGLE_WORDS = 5
NUM_PERM = 128
_EMPTY = np.uint32(0xFFFFFFFF)
_BATCH_CHARS = 4_000_000        # characters hashed at once (a few uint64 arrays of that length)
_CHUNK = 1 << 15                   # shingles per permutation block: 32k x 128 x 4 B = 16 MiB

# Polynomial hash base (odd, so invertible mod 2^64) and its inverse.
_R = 0x9E3779B97F4A7C15 | 1
_RINV = pow(_R, -1, 1 << 64)


# ----------------------------------------------------------------------------- records


@dataclass(slots=True)
class DocInfo:
    """What the linker knows about one article."""

    id: str
    text: str
    outlet: str | None
    published: str | None                # ISO date or datetime, or None
    syndicated_from: str | None = None   # credited wire agency ("Reuters", "ANI") if the page says so
    source_kind: str | None = None       # "forum" | "aggregator" | None, when known
    sketch: "TextSketch | None" = None   # of ``text``, when an earlier build or the analysis stage made it


@dataclass(slots=True)
class TextSketch:
    """What duplicate detection reads of every text, a function of the text alone: made
    once per article (in the page workers) and kept in the store, so that a build does
    not hash the whole corpus again."""

    sig: np.ndarray          # MinHash signature, NUM_PERM uint32
    shingles: int            # distinct shingles
    digest: bytes | None     # of the normalised text (exact duplicates); None when it has no words


def text_sketches(texts: Sequence[str]) -> list[TextSketch]:
    """The sketches of ``texts`` (hashed in batches)."""
    sigs, sizes = _sketch_sizes(texts, NUM_PERM, 1)
    return [TextSketch(sigs[i], int(sizes[i]), _text_digest(t)) for i, t in enumerate(texts)]


def _text_digest(text: str) -> bytes | None:
    norm = b" ".join(_word_bytes(text).split())    # == normalise(text), encoded
    return hashlib.blake2b(norm, digest_size=16).digest() if norm else None


@dataclass(slots=True)
class DupResult:
    # article id -> id of the most complete earliest version (near/exact duplicates only, never itself)
    duplicate_of: dict[str, str]
    # every article id -> origin id (itself when original); wire copies share one origin
    origin_id: dict[str, str]
    # families of near-duplicates (each sorted; families sorted by their first id); size >= 2
    groups: list[list[str]]
    # (id_a, id_b) with id_a < id_b -> exact shingle Jaccard, for every verified pair
    similarity: dict[tuple[str, str], float]
    # origin id -> normalised wire credit of its family ("reuters"), when the family credits one agency
    credit: dict[str, str] = field(default_factory=dict)


# ----------------------------------------------------------------------------- shingling


def normalise(text: str) -> str:
    """Lowercase, punctuation stripped, whitespace collapsed."""
    return " ".join(_WORD.findall(text.lower()))


def _fmix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


# bytes.translate table: ASCII word characters ([0-9a-z_], after lower()) and
# non-ASCII bytes are kept, every other byte becomes a space.
_TABLE = bytes(c if (chr(c).isalnum() or c == 95 or c >= 128) and c != 10 else 32 for c in range(256))
_K = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
               0xFF51AFD7ED558CCD, 0xA0761D6478BD642F, 0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3],
              dtype=np.uint64)


def _powers(base: int, length: int, block: int = 2048) -> np.ndarray:
    """base**i mod 2^64 for i < length: two short cumprods and one outer product
    (a cumprod over the whole length is serial and several times slower)."""
    with np.errstate(over="ignore"):
        small = np.full(block, base, dtype=np.uint64)
        small[0] = 1
        small = np.cumprod(small, dtype=np.uint64)            # base^j, j < block
        rows = -(-length // block)
        big = np.full(max(rows, 1), pow(base, block, 1 << 64), dtype=np.uint64)
        big[0] = 1
        big = np.cumprod(big, dtype=np.uint64)                # base^(k*block)
        return np.multiply.outer(big, small).ravel()[:length]


def _word_bytes(text: str) -> bytes:
    """UTF-8 bytes whose space-separated words are exactly ``normalise(text).split()``."""
    low = text.lower()
    if low.isascii():
        return low.encode("ascii").translate(_TABLE)
    return normalise(text).encode("utf-8")


def _shingle_hashes(texts: Sequence[str], k: int = SHINGLE_WORDS) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the word k-gram shingles of every text, in one flat array.

    Returns ``(hashes, offsets)``: the shingles of text ``i`` are
    ``hashes[offsets[i]:offsets[i+1]]`` (in text order, repeats kept). A text of
    1..k-1 words has one shingle (all its words); an empty text has none.
    The hash of a shingle depends only on its normalised words, never on the batch.
    """
    n = len(texts)
    blob = b"\n".join(_word_bytes(t) for t in texts) + b"\n"
    c = np.frombuffer(blob, dtype=np.uint8)
    L = c.size
    sep = (c == 32) | (c == 10)
    word = ~sep
    # token boundaries (every doc ends with "\n", so every token ends before L)
    starts = np.flatnonzero(word & np.concatenate(([True], sep[:-1])))
    ends = np.flatnonzero(word & np.concatenate((sep[1:], [True]))) + 1
    nl = np.flatnonzero(c == 10)
    tok_doc = np.searchsorted(nl, starts)            # doc index of each token
    ntok = np.bincount(tok_doc, minlength=n)
    T = starts.size
    with np.errstate(over="ignore"):
        # token hash: polynomial over its bytes by prefix sums, P[j] = sum_{i<j} (c_i+1) R^i
        # (mod 2^64); token [s, e) normalised to its start: (P[e] - P[s]) * R^-s
        pw = _powers(_R, L)
        P = np.zeros(L + 1, dtype=np.uint64)
        np.cumsum((c.astype(np.uint64) + np.uint64(1)) * pw, out=P[1:])
        del pw
        inv = _powers(_RINV, L)
        th = _fmix64((P[ends] - P[starts]) * inv[starts] ^ (ends - starts).astype(np.uint64))
        del P, inv
        # shingle t: tokens t..t+k-1 of one document, combined with per-position constants
        m = max(T - k + 1, 0)
        if m:
            sh = th[:m] * _K[0]
            for q in range(1, k):
                sh += th[q:q + m] * _K[q]
            valid = np.flatnonzero(tok_doc[:m] == tok_doc[k - 1:k - 1 + m])
            sh, sh_doc = sh[valid], tok_doc[valid]
        else:
            sh, sh_doc = np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
        short = np.flatnonzero((ntok > 0) & (ntok < k))  # docs with 1..k-1 words: one shingle
        if short.size:
            first = np.concatenate(([0], np.cumsum(ntok)[:-1]))
            extra = np.zeros(short.size, dtype=np.uint64)
            for q in range(k - 1):
                has = ntok[short] > q
                extra[has] += th[first[short][has] + q] * _K[q]
            sh = np.concatenate((sh, extra))
            sh_doc = np.concatenate((sh_doc, short))
            order = np.argsort(sh_doc, kind="stable")
            sh, sh_doc = sh[order], sh_doc[order]
        h = _fmix64(sh)
    counts = np.bincount(sh_doc, minlength=n)
    offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return h, offsets


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 1 << 32, size=num_perm, dtype=np.uint64).astype(np.uint32) | np.uint32(1)
    b = rng.integers(0, 1 << 32, size=num_perm, dtype=np.uint64).astype(np.uint32)
    return a, b


def _minhash(h64: np.ndarray, offsets: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    n = offsets.size - 1
    sigs = np.full((n, num_perm), _EMPTY, dtype=np.uint32)
    if h64.size == 0:
        return sigs
    a, b = _permutations(num_perm, seed)
    a, b = a[:, None], b[:, None]
    x = (h64 >> np.uint64(32)).astype(np.uint32)        # fmix64 output: the high half is well mixed
    counts = np.diff(offsets)
    nonempty = np.flatnonzero(counts)
    # (num_perm, shingles) blocks of whole documents, about _CHUNK shingles each, in one
    # reused buffer; the min runs along contiguous rows (much faster than along axis 0)
    buf = np.empty((num_perm, min(_CHUNK, h64.size)), dtype=np.uint32)
    ends = offsets[nonempty + 1]
    i = 0
    while i < nonempty.size:
        lo = offsets[nonempty[i]]
        j = max(i + 1, int(np.searchsorted(ends, lo + _CHUNK, side="right")))
        docs = nonempty[i:j]
        hi = offsets[docs[-1] + 1]
        if hi - lo > buf.shape[1]:
            buf = np.empty((num_perm, hi - lo), dtype=np.uint32)
        block = buf[:, : hi - lo]
        np.multiply(a, x[None, lo:hi], out=block)        # wraps mod 2^32
        block += b
        sigs[docs] = np.minimum.reduceat(block, offsets[docs] - lo, axis=1).T
        i = j
    return sigs


def _batches(texts: Sequence[str], max_chars: int = _BATCH_CHARS) -> Iterable[tuple[int, int]]:
    lo, size = 0, 0
    for i, t in enumerate(texts):
        size += len(t) + 1
        if size > max_chars and i > lo:
            yield lo, i
            lo, size = i, len(t) + 1
    if lo < len(texts):
        yield lo, len(texts)


def signatures(texts: list[str], num_perm: int = NUM_PERM, seed: int = 1) -> np.ndarray:
    """MinHash signatures of word 5-gram shingles: an (n, num_perm) uint32 array.

    An empty text (no words) gets a row of 0xFFFFFFFF and is never paired.
    Deterministic: the same text gives the same row in any batch and any process.
    Texts are processed in batches of about 4 M characters, so the working
    memory beyond the signatures themselves stays bounded (~100 MB).
    """
    out = np.empty((len(texts), num_perm), dtype=np.uint32)
    for lo, hi in _batches(texts):
        h64, offsets = _shingle_hashes(texts[lo:hi])
        out[lo:hi] = _minhash(h64, offsets, num_perm, seed)
    return out


def shingle_sets(texts: list[str]) -> list[np.ndarray]:
    """Sorted unique 64-bit shingle hashes of every text (for exact Jaccard)."""
    return _sketch(texts, 0, 1)[1]


def _sketch(texts: Sequence[str], num_perm: int, seed: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """Signatures (when num_perm > 0) and shingle sets from one pass of hashing."""
    sigs = np.empty((len(texts), num_perm), dtype=np.uint32)
    sets: list[np.ndarray] = []
    for lo, hi in _batches(texts):
        h64, offsets = _shingle_hashes(texts[lo:hi])
        if num_perm:
            sigs[lo:hi] = _minhash(h64, offsets, num_perm, seed)
        sets.extend(_unique_per_doc(h64, offsets))
    return sigs, sets


def _sketch_sizes(texts: Sequence[str], num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Signatures and the number of distinct shingles of each text (the sets themselves
    are not kept: _ShingleSets computes the few that a pair or a family needs)."""
    sigs = np.empty((len(texts), num_perm), dtype=np.uint32)
    sizes = np.empty(len(texts), dtype=np.int64)
    for lo, hi in _batches(texts):
        h64, offsets = _shingle_hashes(texts[lo:hi])
        sigs[lo:hi] = _minhash(h64, offsets, num_perm, seed)
        sizes[lo:hi] = [x.size for x in _unique_per_doc(h64, offsets)]
    return sigs, sizes


class _ShingleSets:
    """Each text's sorted unique shingle hashes, computed when first needed. Only the
    articles of candidate pairs and of families need them; all of them at once were
    the largest part of the duplicate step's memory at 29k articles."""

    def __init__(self, texts: Sequence[str], sizes: np.ndarray) -> None:
        self.texts, self.sizes = texts, sizes
        self._done: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def fetch(self, rows: Iterable[int]) -> None:
        todo = sorted({int(r) for r in rows} - self._done.keys())
        for k in range(0, len(todo), _FETCH_SETS):
            part = todo[k:k + _FETCH_SETS]
            self._done.update(zip(part, _sketch([self.texts[r] for r in part], 0, 1)[1]))

    def __getitem__(self, row: int) -> np.ndarray:
        if row not in self._done:
            self.fetch([row])
        return self._done[row]


_FETCH_SETS = 2_000   # texts hashed per call when sets are fetched (bounded working memory)


def _unique_per_doc(h64: np.ndarray, offsets: np.ndarray) -> list[np.ndarray]:
    """Each document's sorted unique shingle hashes, with one sort for the whole batch."""
    doc = np.repeat(np.arange(offsets.size - 1), np.diff(offsets))
    order = np.lexsort((h64, doc))
    h, d = h64[order], doc[order]
    keep = np.ones(h.size, dtype=bool)
    keep[1:] = (h[1:] != h[:-1]) | (d[1:] != d[:-1])
    h, d = h[keep], d[keep]
    bounds = np.searchsorted(d, np.arange(offsets.size))
    return [h[bounds[i]:bounds[i + 1]] for i in range(offsets.size - 1)]


# ----------------------------------------------------------------------------- LSH


def candidate_probability(j: float, bands: int, rows: int) -> float:
    """Probability that a pair of Jaccard ``j`` shares at least one band (the S-curve)."""
    return 1.0 - (1.0 - j ** rows) ** bands


def lsh_params(threshold: float, num_perm: int = NUM_PERM, target: float = 0.995) -> tuple[int, int]:
    """(bands, rows): the most rows per band (fewest chance candidates) for which a pair
    at exactly ``threshold`` still becomes a candidate with probability >= ``target``."""
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if candidate_probability(threshold, bands, rows) >= target:
            best = (bands, rows)
        else:
            break
    return best


@functools.lru_cache(maxsize=64)
def _triu(size: int) -> tuple[np.ndarray, np.ndarray]:
    return np.triu_indices(size, 1)


def _candidates(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Unique (i, j), i < j, sorted, of rows sharing at least one band; empty rows excluded."""
    n = sigs.shape[0]
    live = np.flatnonzero(~np.all(sigs == _EMPTY, axis=1))
    if live.size < 2:
        return np.empty((0, 2), dtype=np.int64)
    S = sigs[live].astype(np.uint64)
    # pairs are kept as unique codes i * n + j, merged band by band: on a corpus of
    # look-alike pages every band proposes most pairs again, and keeping each band's
    # list until the end took hundreds of megabytes
    codes = np.empty(0, dtype=np.int64)
    with np.errstate(over="ignore"):
        for band in range(bands):
            key = np.zeros(live.size, dtype=np.uint64)
            for col in range(band * rows, band * rows + rows):
                key = _fmix64(key * np.uint64(0x100000001B3) + S[:, col])
            order = np.argsort(key, kind="stable")
            k = key[order]
            brk = np.flatnonzero(k[1:] != k[:-1]) + 1
            bounds = np.concatenate(([0], brk, [k.size]))
            sizes = np.diff(bounds)
            found: list[np.ndarray] = []
            two = bounds[:-1][sizes == 2]                  # most buckets: one pair, vectorised
            if two.size:
                found.append(np.stack((live[order[two]], live[order[two + 1]]), axis=1))
            for r in np.flatnonzero(sizes > 2):
                members = live[order[bounds[r]:bounds[r + 1]]]
                ii, jj = _triu(members.size)
                found.append(np.stack((members[ii], members[jj]), axis=1))
            if found:
                pairs = np.sort(np.concatenate(found).astype(np.int64), axis=1)
                codes = np.union1d(codes, pairs[:, 0] * n + pairs[:, 1])
    if codes.size == 0:
        return np.empty((0, 2), dtype=np.int64)
    return np.stack((codes // n, codes % n), axis=1)


def _overlap(a: np.ndarray, b: np.ndarray) -> int:
    """Size of the intersection of two sorted unique arrays."""
    if a.size > b.size:
        a, b = b, a
    if a.size == 0:
        return 0
    pos = np.searchsorted(b, a)
    pos[pos == b.size] = 0
    return int(np.count_nonzero(b[pos] == a))


def _estimate(sigs: np.ndarray, cand: np.ndarray, step: int = 32768) -> np.ndarray:
    """Jaccard estimated from the signatures of each candidate pair, a chunk of pairs at
    a time: gathering both signatures of every candidate at once took gigabytes on a
    corpus of look-alike pages."""
    est = np.empty(len(cand), dtype=np.float64)
    for k in range(0, len(cand), step):
        est[k:k + step] = np.count_nonzero(sigs[cand[k:k + step, 0]] == sigs[cand[k:k + step, 1]], axis=1)
    return est / sigs.shape[1]


def _verify(sigs: np.ndarray, cand: np.ndarray, sets: Sequence[np.ndarray], jaccard: float | np.ndarray,
            containment: float | np.ndarray | None, min_shingles: int, margin: float = 0.15,
            sizes: np.ndarray | None = None) -> list[tuple[int, int, float, float]]:
    """(i, j, exact Jaccard, exact containment of the smaller set) for the candidates whose
    signature estimate comes within ``margin`` of either bar (the estimate's standard
    error with 128 permutations is <= 0.045, so the margin is > 3 sigma); the others
    are dropped without an exact check."""
    if cand.size == 0:
        return []
    i, j = cand[:, 0], cand[:, 1]
    est = _estimate(sigs, cand)
    size = (np.asarray(sizes, dtype=np.float64) if sizes is not None
            else np.array([s.size for s in sets], dtype=np.float64))
    small = np.minimum(size[i], size[j])
    look = est >= jaccard - margin
    if containment is not None:
        est_c = est * (size[i] + size[j]) / (1.0 + est) / np.maximum(small, 1.0)
        look |= (small >= min_shingles) & (est_c >= containment - margin)
    pairs = cand[look]
    if pairs.size == 0:
        return []
    inter = _intersections(sets, pairs)
    sa, sb = size[pairs[:, 0]], size[pairs[:, 1]]
    union = sa + sb - inter
    sm = np.minimum(sa, sb)
    jac = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    cont = np.divide(inter, sm, out=np.zeros_like(inter), where=sm > 0)
    return [(int(a), int(b), float(j), float(c)) for (a, b), j, c in zip(pairs.tolist(), jac, cont)]


def _intersections(sets: Sequence[np.ndarray], pairs: np.ndarray, chunk: int = 16384) -> np.ndarray:
    """|A ∩ B| for each pair of rows, exactly: the shingle sets as a sparse 0/1 matrix,
    rows multiplied element-wise a chunk of pairs at a time (a Python loop over
    pairs cost seconds on corpora with many look-alike pages)."""
    from scipy import sparse

    # only the rows some pair needs: the whole corpus's shingles as one matrix took
    # 500 MB at 29k articles, while the pairs to check touch a few thousand of them
    rows, pairs = np.unique(pairs, return_inverse=True)
    pairs = pairs.reshape(-1, 2)
    if isinstance(sets, _ShingleSets):
        sets.fetch(rows)
    needed = [sets[r] for r in rows]
    sizes = np.fromiter((x.size for x in needed), dtype=np.int64, count=len(needed))
    flat = np.concatenate(needed) if sizes.sum() else np.empty(0, dtype=np.uint64)
    _uniq, cols = np.unique(flat, return_inverse=True)
    indptr = np.concatenate(([0], np.cumsum(sizes)))
    X = sparse.csr_matrix((np.ones(flat.size, dtype=np.float32), cols.ravel(), indptr),
                          shape=(len(needed), max(1, _uniq.size)))
    out = np.empty(len(pairs), dtype=np.float64)
    for k in range(0, len(pairs), chunk):
        p = pairs[k:k + chunk]
        out[k:k + len(p)] = np.asarray(X[p[:, 0]].multiply(X[p[:, 1]]).sum(axis=1)).ravel()
    return out


def near_duplicate_pairs(sigs: np.ndarray, threshold: float = 0.7, *, bands: int | None = None,
                         rows: int | None = None, shingles: Sequence[np.ndarray] | None = None,
                         min_containment: float | None = None, min_shingles: int = 25,
                         ) -> list[tuple[int, int, float]]:
    """Pairs (i, j, jaccard), i < j, sorted, of near-duplicate rows of ``sigs``.

    LSH banding proposes candidates (``bands`` x ``rows``; by default the
    :func:`lsh_params` for ``threshold``, or for 0.5 when containment is asked
    for). With ``shingles`` (the :func:`shingle_sets` of the same texts) each
    candidate is verified with its exact Jaccard, kept when it reaches
    ``threshold`` or, when ``min_containment`` is given, when the smaller set
    (of at least ``min_shingles`` shingles) lies for that share inside the other
    (truncated copies, copies wrapped in chrome). Without ``shingles`` the
    Jaccard estimated from the signatures decides.
    """
    num_perm = sigs.shape[1]
    if bands is None or rows is None:
        bands, rows = lsh_params(min(threshold, 0.5) if min_containment is not None else threshold, num_perm)
    if bands * rows > num_perm:
        raise ValueError(f"{bands} bands x {rows} rows exceed {num_perm} permutations")
    cand = _candidates(sigs, bands, rows)
    if cand.size == 0:
        return []
    if shingles is None:
        est = _estimate(sigs, cand)
        return [(i, j, float(e)) for (i, j), e in zip(cand.tolist(), est.tolist()) if e >= threshold]
    out = []
    for i, j, jac, cont in _verify(sigs, cand, shingles, threshold, min_containment, min_shingles):
        if jac >= threshold or (min_containment is not None and cont >= min_containment
                                and min(shingles[i].size, shingles[j].size) >= min_shingles):
            out.append((i, j, jac))
    return out


# ----------------------------------------------------------------------------- linking


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra

    def components(self, n: int) -> list[list[int]]:
        comps: dict[int, list[int]] = {}
        for i in range(n):
            comps.setdefault(self.find(i), []).append(i)
        return list(comps.values())


def _agency(credit: str | None) -> str | None:
    if not credit:
        return None
    key = normalise(credit)
    return key or None


def _day(published: str | None) -> str:
    """Day of publication for ordering ("~" sorts after every date: unknown is last).
    Days, not times: outlets' clocks and time zones disagree by hours."""
    if not published:
        return "~"
    return published.strip()[:10] or "~"


def link_duplicates(docs: list[DocInfo], threshold: float = 0.7, *, num_perm: int = NUM_PERM,
                    min_containment: float = 0.8, min_shingles: int = 25,
                    wire_similarity: float = 0.3, wire_containment: float = 0.5) -> DupResult:
    """Near/exact duplicate families, the canonical version of each, and wire origins.

    - a pair is a near-duplicate when its exact shingle Jaccard reaches
      ``threshold``, or when the smaller text (>= ``min_shingles`` shingles) lies
      for at least ``min_containment`` inside the other (truncated copies, copies
      wrapped in chrome); identical normalised texts always are. Near-duplicate
      pairs form families (``groups``);
    - in a family every member but one points (``duplicate_of``) to the canonical
      version: a page of the credited wire agency itself (when the family credits
      one), then a news page before a forum/aggregator copy, then the earliest
      day, then the most complete (most shingles shared with the rest of the
      family), then the least chrome (fewest shingles of its own), then the
      longest text, then the smallest id;
    - origins: families are further joined when two members credit the same wire
      agency and their Jaccard reaches ``wire_similarity`` or their containment
      ``wire_containment`` (outlets rewrite wire ledes). Every article of a joined
      family has the same ``origin_id``, chosen like the canonical version. Articles
      linked to nothing are their own origin. No article is ever dropped.
    """
    ds = sorted(docs, key=lambda d: d.id)
    n = len(ds)
    if len({d.id for d in ds}) != n:
        raise ValueError("article ids must be unique")
    texts = [d.text for d in ds]
    sketches = _sketches_of(ds, num_perm)
    sigs = np.stack([k.sig for k in sketches]) if n else np.empty((0, num_perm), np.uint32)
    sizes = np.array([k.shingles for k in sketches], dtype=np.int64)
    sets = _ShingleSets(texts, sizes)
    agencies = [_agency(d.syndicated_from) for d in ds]

    strict = _UnionFind(n)
    wide = _UnionFind(n)
    similarity: dict[tuple[str, str], float] = {}

    # exact duplicates: same normalised text (non-empty), keyed by a digest of it (the
    # normalised texts themselves were a second copy of the corpus, 100 MB at 29k articles)
    by_text: dict[bytes, int] = {}
    for i, sk in enumerate(sketches):
        key = sk.digest
        if key is None:
            continue
        if key in by_text:
            strict.union(by_text[key], i)
            wide.union(by_text[key], i)
            similarity[(ds[by_text[key]].id, ds[i].id)] = 1.0
        else:
            by_text[key] = i

    # candidates: LSH tuned for J = 0.5 (truncated copies), plus every pair of
    # articles crediting the same agency when that agency has few articles here
    found = [_candidates(sigs, *lsh_params(min(threshold, 0.5), num_perm))]
    by_agency: dict[str, list[int]] = {}
    for i, ag in enumerate(agencies):
        if ag is not None:
            by_agency.setdefault(ag, []).append(i)
    for members in by_agency.values():
        if 1 < len(members) <= 200:
            m = np.array(members, dtype=np.int64)
            ii, jj = np.triu_indices(m.size, 1)
            found.append(np.stack((m[ii], m[jj]), axis=1))
    cand = np.unique(np.concatenate(found), axis=0)
    # the lower wire bars apply only to pairs crediting the same agency: other pairs are
    # checked against the near-duplicate bars (fewer exact checks on look-alike corpora)
    code = {ag: k for k, ag in enumerate(sorted(by_agency))}
    ag_code = np.array([code[a] if a is not None else -1 for a in agencies], dtype=np.int64)
    same = (ag_code[cand[:, 0]] == ag_code[cand[:, 1]]) & (ag_code[cand[:, 0]] >= 0) if cand.size else \
        np.zeros(0, dtype=bool)
    jac_bar = np.where(same, min(threshold, wire_similarity), threshold)
    cont_bar = np.where(same, min(min_containment, wire_containment), min_containment)
    for i, j, jac, cont in _verify(sigs, cand, sets, jac_bar, cont_bar, min_shingles, sizes=sizes):
        big = min(sizes[i], sizes[j]) >= min_shingles
        near = jac >= threshold or (big and cont >= min_containment)
        wire = (agencies[i] is not None and agencies[i] == agencies[j]
                and (jac >= wire_similarity or (big and cont >= wire_containment)))
        if near:
            strict.union(i, j)
        if near or wire:
            wide.union(i, j)
            similarity[(ds[i].id, ds[j].id)] = round(jac, 4)

    def pick(members: list[int], agency: str | None = None) -> int:
        if len(members) == 1:
            return members[0]
        sets.fetch(members)
        every = np.concatenate([sets[m] for m in members])
        uniq, cnt = np.unique(every, return_counts=True)
        shared = uniq[cnt > 1]                            # content some other member also carries

        def key(i: int):
            own = 0 if agency is not None and _agency(ds[i].outlet) == agency else 1
            kind = 1 if ds[i].source_kind in ("forum", "aggregator") else 0
            common = _overlap(sets[i], shared)
            # most shared content, then least content of its own (page chrome), then longest
            return (own, kind, _day(ds[i].published), -common, int(sizes[i]) - common, -len(texts[i]), ds[i].id)
        return min(members, key=key)

    def family_agency(members: list[int]) -> str | None:
        found = {agencies[m] for m in members if agencies[m]}
        return found.pop() if len(found) == 1 else None

    duplicate_of: dict[str, str] = {}
    groups: list[list[str]] = []
    for members in strict.components(n):
        if len(members) < 2:
            continue
        canon = pick(members, family_agency(members))
        groups.append(sorted(ds[m].id for m in members))
        for m in members:
            if m != canon:
                duplicate_of[ds[m].id] = ds[canon].id
    groups.sort()

    origin_id: dict[str, str] = {}
    credit: dict[str, str] = {}
    for members in wide.components(n):
        agency = family_agency(members)
        origin = pick(members, agency)
        for m in members:
            origin_id[ds[m].id] = ds[origin].id
        if agency is not None:
            credit[ds[origin].id] = agency
    return DupResult(dict(sorted(duplicate_of.items())), dict(sorted(origin_id.items())), groups,
                     dict(sorted(similarity.items())), dict(sorted(credit.items())))


def _sketches_of(ds: list[DocInfo], num_perm: int) -> list[TextSketch]:
    """Each doc's sketch: the one it carries, else made here and set on the doc (so
    that the caller can keep it for the next build)."""
    todo = [i for i, d in enumerate(ds) if d.sketch is None or len(d.sketch.sig) != num_perm]
    if todo:
        sigs, sizes = _sketch_sizes([ds[i].text for i in todo], num_perm, 1)
        for k, i in enumerate(todo):
            ds[i].sketch = TextSketch(sigs[k], int(sizes[k]), _text_digest(ds[i].text))
    return [d.sketch for d in ds]


def independent_sources(article_ids: Iterable[str], result: DupResult) -> int:
    """Number of distinct origins among ``article_ids``: copies of one original count
    once, and so do separate families that credit the same single wire agency
    (two Reuters dispatches are one independent source). Unknown ids count as
    their own origin."""
    seen: set[str] = set()
    for aid in article_ids:
        origin = result.origin_id.get(aid, aid)
        agency = result.credit.get(origin)
        seen.add(f"wire:{agency}" if agency else f"id:{origin}")
    return len(seen)


__all__ = ["DocInfo", "DupResult", "TextSketch", "text_sketches", "signatures", "shingle_sets", "near_duplicate_pairs", "link_duplicates",
           "independent_sources", "lsh_params", "candidate_probability", "normalise"]
