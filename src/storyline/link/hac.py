"""Average-linkage agglomeration of pre-formed groups, on a dense similarity matrix
(``agglomerate``) or on a sparse graph of similar pairs (``agglomerate_sparse``).

Both make the merges of always merging the most similar pair of groups while its
average similarity reaches the threshold; two pinned groups never merge; ties go to
low group indexes, so callers that give groups in a canonical order get a
deterministic result. The
sparse form counts a pair missing from the graph as similarity 0: given every pair
at or above a floor, it differs from the dense form only by what the pairs under
the floor would have added (docs/stories.md measures it on ECB+). Its memory grows
with the pairs, not with the square of the rows.
"""
from __future__ import annotations

import numpy as np
from scipy import sparse


def agglomerate(sim: np.ndarray, groups: list[list[int]], pinned: list[bool], threshold: float) -> list[list[int]]:
    """Average-linkage agglomeration of pre-formed groups of rows of ``sim``; two
    pinned groups never merge. Merges the most similar pair while its average
    similarity reaches ``threshold``. Deterministic: ties go to the lowest group
    index (callers give groups in a canonical order). Keeps each row's best
    partner cached, so a merge costs O(k) on average."""
    k = len(groups)
    if k == 0:
        return []
    member = np.zeros((k, sim.shape[0]))
    for g, rows in enumerate(groups):
        member[g, rows] = 1.0
    total = member @ sim @ member.T                # sum of pairwise similarities between groups
    size = member.sum(axis=1)
    pin = np.array(pinned, dtype=bool)
    alive = np.ones(k, dtype=bool)
    members = [list(g) for g in groups]

    def row(i: int) -> np.ndarray:
        r = total[i] / (size[i] * size)
        r[~alive] = -np.inf
        r[i] = -np.inf
        if pin[i]:
            r[pin] = -np.inf
        return r

    best_j = np.zeros(k, dtype=int)
    best_v = np.full(k, -np.inf)
    for i in range(k):
        r = row(i)
        best_j[i] = int(np.argmax(r))
        best_v[i] = r[best_j[i]]
    while True:
        i = int(np.argmax(best_v))
        if not best_v[i] >= threshold:
            break
        j = int(best_j[i])
        a, b = (i, j) if i < j else (j, i)
        if pin[b] and not pin[a]:                  # the pinned group is the one kept
            a, b = b, a
        total[a, :] += total[b, :]
        total[:, a] += total[:, b]
        size[a] += size[b]
        members[a] += members[b]
        pin[a] = pin[a] or pin[b]
        alive[b] = False
        best_v[b] = -np.inf
        # refresh the cache: row a, rows that pointed at a or b, rows that now prefer a
        ra = row(a)
        best_j[a] = int(np.argmax(ra))
        best_v[a] = ra[best_j[a]]
        col = total[:, a] / (size * size[a])
        others = alive.copy()
        others[a] = False
        stale = others & ((best_j == a) | (best_j == b) | (pin & pin[a]))
        for r_i in np.flatnonzero(stale):
            rr = row(r_i)
            best_j[r_i] = int(np.argmax(rr))
            best_v[r_i] = rr[best_j[r_i]]
        better = others & ~stale & ((col > best_v) | ((col == best_v) & (a < best_j)))
        best_j[better] = a
        best_v[better] = col[better]
    return [members[g] for g in range(k) if alive[g]]


def agglomerate_sparse(pairs: tuple[np.ndarray, np.ndarray, np.ndarray], groups: list[list[int]],
                       pinned: list[bool], threshold: float) -> list[list[int]]:
    """``agglomerate`` over ``pairs`` = (rows i, rows j, similarity) with i < j, by the
    nearest-neighbour chain (Murtagh 1983): follow each group to its most similar
    neighbour until two groups are each other's nearest, and merge those. Average
    linkage is reducible (a merged group is never more similar to a third than the
    closer of its parts), so merging reciprocal nearest neighbours in any order makes
    the merges of always merging the most similar pair, and a group whose nearest is
    under the threshold never merges again. No heap of pairs: each step scans one
    group's neighbours (3.5x faster than a lazy heap on the 24k-article topic
    component of a 28.8k build, the same blocks). Ties go to the previous group on
    the chain, then the lowest index."""
    k = len(groups)
    if k == 0:
        return []
    total = _pair_sums(pairs, groups)              # group -> neighbour group -> summed similarity
    size = [len(g) for g in groups]
    pin = list(pinned)
    members: list[list[int] | None] = [list(g) for g in groups]
    final = [False] * k                            # merged away, or its nearest is under the threshold
    chain: list[int] = []
    start = 0
    while True:
        if not chain:
            while start < k and final[start]:
                start += 1
            if start == k:
                break
            chain.append(start)
        a = chain[-1]
        prev = chain[-2] if len(chain) > 1 else -1
        b = _nearest(a, prev, total[a], size, pin, threshold)
        if b < 0:
            final[a] = True
            chain.pop()
        elif b != prev:
            chain.append(b)
        else:
            del chain[-2:]
            keep, gone = (prev, a) if prev < a else (a, prev)
            if pin[gone] and not pin[keep]:         # the pinned group is the one kept
                keep, gone = gone, keep
            _merge_sums(total, keep, gone)
            size[keep] += size[gone]
            members[keep] += members[gone]
            members[gone] = None
            pin[keep] = pin[keep] or pin[gone]
            final[gone] = True
    return [m for m in members if m is not None]


def _pair_sums(pairs: tuple[np.ndarray, np.ndarray, np.ndarray], groups: list[list[int]]) -> list[dict[int, float]]:
    """Per group, its neighbour groups with the summed similarity of their rows' pairs
    (rows in no group left out), summed by one sparse matrix, not a dict update per pair."""
    k = len(groups)
    i, j, s = (np.asarray(x) for x in pairs)
    n = 1 + max([max(g) for g in groups if g] + [int(i.max()) if len(i) else 0, int(j.max()) if len(j) else 0])
    group_of = np.full(n, -1, np.int64)
    for g, rows in enumerate(groups):
        group_of[rows] = g
    gi, gj = group_of[i.astype(np.int64)], group_of[j.astype(np.int64)]
    keep = (gi >= 0) & (gj >= 0) & (gi != gj)
    gi, gj, sv = gi[keep], gj[keep], s[keep].astype(float)
    m = sparse.csr_matrix((np.concatenate([sv, sv]), (np.concatenate([gi, gj]), np.concatenate([gj, gi]))),
                          shape=(k, k))
    m.sum_duplicates()
    cols, sums, bounds = m.indices.tolist(), m.data.tolist(), m.indptr.tolist()
    return [dict(zip(cols[bounds[g]:bounds[g + 1]], sums[bounds[g]:bounds[g + 1]])) for g in range(k)]


def _nearest(a: int, prev: int, sums: dict[int, float], size: list[int], pin: list[bool], threshold: float) -> int:
    """Group ``a``'s most similar neighbour reaching ``threshold`` (-1: none); ties to
    ``prev`` (so the chain never cycles), then to the lowest index."""
    best, best_avg = -1, threshold
    size_a = size[a]
    for x, t in sums.items():
        if pin[a] and pin[x]:
            continue
        avg = t / (size_a * size[x])
        if avg > best_avg or avg == best_avg and (best < 0 or x == prev or best != prev and x < best):
            best, best_avg = x, avg
    return best


def _merge_sums(total: list[dict[int, float]], keep: int, gone: int) -> None:
    """``gone``'s pair sums added into ``keep``'s, on both sides of each pair."""
    sums_keep = total[keep]
    for x, t in total[gone].items():
        if x == keep:
            continue
        v = sums_keep.get(x, 0.0) + t
        sums_keep[x] = v
        total[x][keep] = v
        del total[x][gone]
    sums_keep.pop(gone, None)
    total[gone] = {}
