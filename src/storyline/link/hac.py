"""Average-linkage agglomeration of pre-formed groups, on a dense similarity matrix
(``agglomerate``) or on a sparse graph of similar pairs (``agglomerate_sparse``).

Both merge the most similar pair of groups while its average similarity reaches
the threshold; two pinned groups never merge; ties go to the lowest group indexes,
so callers that give groups in a canonical order get a deterministic result. The
sparse form counts a pair missing from the graph as similarity 0: given every pair
at or above a floor, it differs from the dense form only by what the pairs under
the floor would have added (docs/stories.md measures it on ECB+). Its memory grows
with the pairs, not with the square of the rows.
"""
from __future__ import annotations

import heapq

import numpy as np


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
    """``agglomerate`` over ``pairs`` = (rows i, rows j, similarity) with i < j."""
    k = len(groups)
    if k == 0:
        return []
    group_of = {r: g for g, rows in enumerate(groups) for r in rows}
    total: list[dict[int, float]] = [{} for _ in range(k)]   # group -> neighbour group -> summed similarity
    for i, j, s in zip(*(a.tolist() for a in pairs)):
        gi, gj = group_of.get(i), group_of.get(j)
        if gi is None or gj is None or gi == gj:
            continue
        total[gi][gj] = total[gi].get(gj, 0.0) + s
        total[gj][gi] = total[gj].get(gi, 0.0) + s
    size = [len(g) for g in groups]
    pin = list(pinned)
    alive = [True] * k
    members = [list(g) for g in groups]
    heap: list[tuple[float, int, int, float]] = []

    def push(a: int, b: int) -> None:
        if pin[a] and pin[b]:
            return
        avg = total[a][b] / (size[a] * size[b])
        if avg >= threshold:
            lo, hi = (a, b) if a < b else (b, a)
            heapq.heappush(heap, (-avg, lo, hi, total[a][b]))

    for a in range(k):          # every pair at once, then one heapify (not a push each)
        heap.extend((-t / (size[a] * size[b]), a, b, t) for b, t in total[a].items()
                    if a < b and not (pin[a] and pin[b]) and t / (size[a] * size[b]) >= threshold)
    heapq.heapify(heap)
    while heap:
        neg, a, b, tot = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or total[a].get(b) != tot or pin[a] and pin[b]:
            continue                               # stale: one side merged since
        if -neg != tot / (size[a] * size[b]):
            push(a, b)         # the same sum over a grown group: an upper bound, now made exact
            continue
        keep, gone = (b, a) if pin[b] and not pin[a] else (a, b)   # the pinned group is the one kept
        for x, t in total[gone].items():
            if x == keep:
                continue
            total[keep][x] = total[keep].get(x, 0.0) + t
            total[x][keep] = total[keep][x]
            del total[x][gone]
        del total[keep][gone]
        size[keep] += size[gone]
        members[keep] += members[gone]
        pin[keep] = pin[keep] or pin[gone]
        alive[gone] = False
        # Only the pairs whose sum changed (the neighbours of ``gone``) are pushed again.
        # keep's other pairs kept their sums over a grown group: their averages only fell,
        # so their entries are upper bounds and are made exact when they come to the top;
        # the merges are those of pushing every pair (a neighbour of a large group is not
        # pushed again at each merge: 5 s of a 28.8k build went to popping such entries)
        for x in (total[gone] if threshold >= 0 else total[keep]):
            if x != keep:
                push(keep, x)
        total[gone] = {}
    return [members[g] for g in range(k) if alive[g]]
