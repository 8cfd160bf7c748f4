"""Average linkage on a sparse graph of pairs equals the dense form when the graph
holds every pair, and keeps pinned groups apart."""
import numpy as np

from storyline.link.hac import agglomerate, agglomerate_sparse


def _random_similarity(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(6, 8))
    x = centres[rng.integers(0, 6, n)] + 0.6 * rng.normal(size=(n, 8))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    sim = x @ x.T
    np.fill_diagonal(sim, 1.0)
    return sim


def _all_pairs(sim: np.ndarray):
    i, j = np.triu_indices(len(sim), 1)
    return i, j, sim[i, j]


def test_sparse_average_linkage_with_every_pair_equals_the_dense_form():
    for seed in range(5):
        sim = _random_similarity(60, seed)
        groups = [[r] for r in range(60)]
        pinned = [r % 17 == 0 for r in range(60)]
        for threshold in (0.2, 0.5):
            dense = agglomerate(sim, groups, pinned, threshold)
            sparse_ = agglomerate_sparse(_all_pairs(sim), groups, pinned, threshold)
            assert sorted(map(sorted, dense)) == sorted(map(sorted, sparse_))
            assert any(len(c) > 1 for c in dense)


def test_two_pinned_groups_never_merge_on_the_sparse_graph():
    sim = np.ones((4, 4))
    groups, pinned = [[0], [1], [2], [3]], [True, True, False, False]
    out = agglomerate_sparse(_all_pairs(sim), groups, pinned, 0.5)
    # ties go to the lowest indexes: 2, then 3, join the first pinned group
    assert sorted(map(sorted, out)) == [[0, 2, 3], [1]]
    assert sorted(map(sorted, agglomerate(sim, groups, pinned, 0.5))) == [[0, 2, 3], [1]]


def test_sparse_graph_with_missing_pairs_and_a_growing_large_group_equals_the_dense_form():
    # one broad topic (every item near one centre) with pairs missing: a group grows by
    # absorbing the others one by one, the case where the sparse form re-scores pairs lazily
    rng = np.random.default_rng(7)
    n = 150
    x = np.ones(8) + 0.5 * rng.normal(size=(n, 8))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    sim = x @ x.T
    drop = np.triu(rng.random((n, n)) < 0.4, 1)
    sim[drop | drop.T] = 0.0
    np.fill_diagonal(sim, 1.0)
    i, j = np.triu_indices(n, 1)
    keep = sim[i, j] != 0.0
    groups = [[r] for r in range(n)]
    for threshold in (0.45, 0.5):
        dense = agglomerate(sim, groups, [False] * n, threshold)
        sparse_ = agglomerate_sparse((i[keep], j[keep], sim[i, j][keep]), groups, [False] * n, threshold)
        assert sorted(map(sorted, dense)) == sorted(map(sorted, sparse_))
        assert max(map(len, dense)) > n // 3      # one large group grew
