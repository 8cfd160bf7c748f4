"""Run per-document work on a local process pool, streaming, in input order.

``ProcessPoolExecutor.map`` and ``Pool.imap`` both consume their whole input
up front, which would load every page of a 10 GB crawl into memory. Here at
most ``window`` batches are in flight at once, so memory stays bounded.

A page that kills its worker (a segfault in a C parser) must not kill the
run: the batch that was running is retried page by page in a fresh pool,
and the page that crashes again gets ``on_crash``'s result.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _run_batch(fn: Callable[[T], R], batch: list[T], batch_fn=None) -> list[R]:
    if batch_fn is not None:
        return batch_fn(batch)
    return [fn(x) for x in batch]


def map_ordered(
    fn: Callable[[T], R],
    items: Iterable[T],
    workers: int,
    on_crash: Callable[[T, BaseException], R],
    batch_size: int = 8,
    window: int | None = None,
    batch_fn: Callable[[list[T]], list[R]] | None = None,
) -> Iterator[tuple[T, R]]:
    """Yield (item, fn(item)) in input order, using ``workers`` processes.

    ``batch_fn``, when given, does the same work on a whole batch at once
    (spaCy's ``nlp.pipe`` is faster on batches); ``fn`` is still used when a
    single item has to be retried. With one worker the work runs inline: no
    process start-up, no pickling.
    """
    if workers <= 1:
        if batch_fn is None:
            for item in items:
                yield item, fn(item)
            return
        batch: list[T] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from zip(batch, batch_fn(batch))
                batch = []
        if batch:
            yield from zip(batch, batch_fn(batch))
        return
    window = window or workers * 4
    pool = ProcessPoolExecutor(max_workers=workers)
    pending: deque = deque()

    def drain_one():
        nonlocal pool
        batch, fut = pending.popleft()
        try:
            return list(zip(batch, fut.result()))
        except BrokenProcessPool:
            # Every in-flight future of a broken pool fails. Redo those pages
            # one at a time in a single-worker pool: only the culprit crashes
            # again, and it alone gets on_crash's result. Crashes are rare, so
            # the slow path costs little.
            pool.shutdown(wait=False, cancel_futures=True)
            redo = [item for b in [batch] + [b for b, _ in pending] for item in b]
            pending.clear()
            out: list[tuple[T, R]] = []
            solo = ProcessPoolExecutor(max_workers=1)
            for item in redo:
                try:
                    out.append((item, solo.submit(fn, item).result()))
                except BrokenProcessPool as exc:
                    out.append((item, on_crash(item, exc)))
                    solo.shutdown(wait=False, cancel_futures=True)
                    solo = ProcessPoolExecutor(max_workers=1)
            solo.shutdown(wait=True)
            pool = ProcessPoolExecutor(max_workers=workers)
            return out

    try:
        batch: list[T] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                pending.append((batch, pool.submit(_run_batch, fn, batch, batch_fn)))
                batch = []
                while len(pending) >= window:
                    yield from drain_one()
        if batch:
            pending.append((batch, pool.submit(_run_batch, fn, batch, batch_fn)))
        while pending:
            yield from drain_one()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
