"""Run per-document work on a local process pool, streaming, in input order.

``ProcessPoolExecutor.map`` and ``Pool.imap`` both consume their whole input
up front, which would load every page of a 10 GB crawl into memory. Here at
most ``window`` batches are in flight at once, so memory stays bounded.

A bad page must not stop the run:

- a page that kills its worker (a segfault in a C parser): the batches in
  flight are redone page by page in a fresh single-worker pool, and the page
  that crashes again gets ``on_crash``'s result;
- a page that hangs its worker: a batch not back within its time limit has its
  pool's workers killed (shutting a pool down does not stop a running worker),
  and the batches in flight are redone page by page as for a crash; the page
  that times out again gets ``on_timeout``'s result. Inline (one worker) a
  SIGALRM timer interrupts the page instead.

Workers never outlive the run: they die with the parent (``PR_SET_PDEATHSIG``
on Linux, a watchdog thread elsewhere), ignore Ctrl-C (the parent alone
handles it, so a terminal Ctrl-C prints one traceback, not one per worker),
and are killed when the run ends early (KeyboardInterrupt, an exception, the
consumer stopping), so ``map_ordered`` never waits on a busy worker.
"""
from __future__ import annotations

import gc
import math
import os
import re
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

# The process pool's modules (multiprocessing, concurrent.futures: ~13 ms to import) are
# imported where a pool starts or is waited on: a one-worker run never pays for them.
if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

# A real page is cleaned and analysed in well under a second; 60 s leaves room
# for a slow, loaded machine and a huge page. Pass math.inf for no limit.
DEFAULT_PAGE_TIMEOUT = 60.0

# Added once to every time limit: a fresh worker loads the spaCy model on its
# first page (1-3 s on a laptop, more on 2 shared cores) and a batch is pickled
# both ways. Without it a fresh pool's first batch of one page could time out.
START_ALLOWANCE = 10.0

# How often a worker's watchdog checks its parent: where PR_SET_PDEATHSIG is
# missing, a worker outlives its parent by at most this; one getppid() a second
# costs nothing.
PARENT_POLL_INTERVAL = 1.0

# How long to wait for a killed worker to be reaped; SIGKILL takes milliseconds,
# so this is only a bound in case the kernel is slow under load.
KILL_REAP_TIMEOUT = 5.0

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class PageTimeout(BaseException):
    """A page took longer than its time limit. A BaseException, like
    KeyboardInterrupt, so the page's own ``except Exception`` can't swallow it."""


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _run_batch(fn: Callable[[T], R], batch: list[T], batch_fn=None) -> list[R]:
    try:
        if batch_fn is not None:
            return batch_fn(batch)
        return [fn(x) for x in batch]
    finally:
        release_freed_memory()


@contextmanager
def young_collections() -> Iterator[Callable[[], None]]:
    """Within the block, Python's cycle collector runs only when told to, on the
    objects made since it last ran (the yielded function, called between steps).

    The corpus stage reads a snapshot of millions of small objects and keeps
    them; each automatic full collection rescans all of them, and at 28.8k
    articles a +1% build ran 24 of them, about a fifth of its corpus stage
    (docs/benchmarks.md §13). A collection of the young objects frees the cycles
    a step left behind at the cost of one scan of what that step made. Automatic
    collection resumes after the block, as it was before it. The switch is
    process-wide: other threads of a program that builds in the background also
    go without automatic collection for the stage's duration (1–3 minutes at 28.8k
    articles); reference counting still frees everything that is not a cycle."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield lambda: gc.collect(0)
    finally:
        if was_enabled:
            gc.enable()


def release_freed_memory() -> None:
    """Hand memory that Python and the parser have freed back to the OS.

    glibc keeps freed heap memory in its arenas; a worker that parsed one long
    page keeps the parser's transient buffers as resident memory for the rest of
    the build, and over thousands of pages the workers' RSS roughly doubled
    (docs/benchmarks.md §13). ``malloc_trim`` costs about a millisecond; where
    there is no glibc it does nothing."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


_MALLOC_TRIM: list = []


def _malloc_trim():
    if not _MALLOC_TRIM:
        fn = None
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                fn = ctypes.CDLL("libc.so.6").malloc_trim
            except (OSError, AttributeError):  # musl, or no libc.so.6
                fn = None
        _MALLOC_TRIM.append(fn)
    return _MALLOC_TRIM[0]


def _time_limit(page_timeout: float, pages: int) -> float | None:
    """Seconds a task of ``pages`` pages may take; None for no limit."""
    if math.isinf(page_timeout):
        return None
    return page_timeout * pages + START_ALLOWANCE


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- worker side -------------------------------------------------------------

def _init_worker(parent_pid: int | None) -> None:
    """Pool initializer: ignore Ctrl-C, and die with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _set_parent_death_signal()
    # ``parent_pid`` is recorded before the fork: the parent may have died before
    # prctl ran, and then no signal would ever come.
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True,
                     name="storyline-parent-watch").start()


def _set_parent_death_signal() -> None:
    """Ask Linux to SIGKILL this process when the thread that forked it dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no libc prctl: the watchdog still works
        pass


def _watch_parent(parent_pid: int) -> None:
    """Portable fallback: an orphan is re-parented, so its ppid changes."""
    while os.getppid() == parent_pid:
        time.sleep(PARENT_POLL_INTERVAL)
    os._exit(1)


# --- parent side: pools ------------------------------------------------------

def _new_pool(workers: int, start_method: str | None = None) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context(start_method)
    # Only a forked worker's parent is this process (spawn/forkserver go through
    # a helper), so only then can the worker check it against our pid.
    parent = os.getpid() if ctx.get_start_method() == "fork" else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                               initializer=_init_worker, initargs=(parent,))


# ``if __name__ == "__main__":`` in a script's source: the guard that makes a script safe
# to import again, which is what a spawned worker does with the program's main module
_MAIN_GUARD = re.compile(r"""^if\s+__name__\s*==\s*['"]__main__['"]\s*:""", re.MULTILINE)


def _replacement_start_method() -> str | None:
    """``spawn`` for replacement workers when the program's main module can be imported
    again without running it (no file: a notebook, the REPL, ``-c``; or a file with the
    ``__main__`` guard, like the ``storyline`` command and pytest); else fork. A spawned
    worker imports the main module first: an unguarded script calling ``build`` would
    run again in it, and every replacement would die (and its pages with it)."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if not path:
        return "spawn"
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return "spawn" if _MAIN_GUARD.search(fh.read(1_000_000)) else None
    except OSError:
        return None


class _Slot:
    """One worker in a pool of its own, so that it can be replaced alone while the
    others go on. ``left`` counts the batches it may still take (None: no limit)."""

    def __init__(self, start_method: str | None, left: int | None, warm: Callable[[], object] | None = None):
        self.pool = _new_pool(1, start_method)
        self.left = left
        self.in_flight = 0
        self.batches = 0           # batches submitted to this worker
        if warm is not None:
            # start the worker now, loading what its first batch needs while the parent
            # is still reading (an incremental build reads every known page before the
            # first new one); a failure here shows again on the first real batch
            self.pool.submit(warm)

    @property
    def retiring(self) -> bool:
        return self.left is not None and self.left <= 0


def _kill_pool(pool: ProcessPoolExecutor) -> None:
    """Shut the pool down without waiting, and kill its workers: shutdown alone
    leaves a running (or hung) worker at its task."""
    # Private, but the only handles on the workers and on the pool's manager thread;
    # shutdown() clears them.
    procs = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    for proc in procs:
        try:
            proc.kill()
        except (OSError, ValueError):  # already gone, or closed
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    # The manager thread reaps the killed workers too. Joining it first means we do not
    # race it for waitpid(): the loser gets ECHILD and may read a dead worker as alive.
    if manager is not None:
        manager.join(KILL_REAP_TIMEOUT)
    for proc in procs:
        try:
            proc.join(KILL_REAP_TIMEOUT)
        except (OSError, ValueError, AssertionError):
            pass


def _wait(fut: Future, limit: float | None) -> bool:
    """Wait for ``fut``; False if it is still running after ``limit`` seconds."""
    from concurrent.futures import wait as wait_futures

    done, _ = wait_futures([fut], timeout=limit)
    return bool(done)


def _salvage(batch: list[T], fut: Future) -> list[tuple[T, R]] | None:
    """The results of a batch that finished before its pool went bad, else None."""
    if fut.done() and not fut.cancelled() and fut.exception() is None:
        return list(zip(batch, fut.result()))
    return None


class _OrderedPool:
    """The pool of ``map_ordered``: one single-worker pool per worker (a slot), and
    the batches in flight, oldest first, each with its slot.

    With ``recycle_every`` a slot's worker is replaced after that many batches,
    once its last batch is back; the other workers go on meanwhile. The first
    workers are forked (they start at once, with the modules already imported);
    their replacements are started by ``spawn`` when the main module allows it
    (``_replacement_start_method``): forked from a parent that has grown, they would
    begin with its pages counted in their memory (docs/benchmarks.md §13)."""

    def __init__(self, fn, batch_fn, workers, page_timeout, on_crash, on_timeout, recycle_every=None, warm=None):
        self.fn, self.batch_fn, self.workers, self.warm = fn, batch_fn, workers, warm
        self.page_timeout, self.on_crash, self.on_timeout = page_timeout, on_crash, on_timeout
        self.recycle_every = recycle_every
        self.start_method = _replacement_start_method() if recycle_every else None
        self.pending: deque[tuple[list, Future, _Slot]] = deque()
        self.slots = self._fresh_slots(None)

    def _fresh_slots(self, start_method: str | None) -> list[_Slot]:
        # Staggered first periods (1/n, 2/n, ... of the period), so that the workers
        # are not all reloading the model at the same moment.
        n, every = self.workers, self.recycle_every
        return [_Slot(start_method, None if not every else max(1, every * (i + 1) // n), self.warm)
                for i in range(n)]

    def can_submit(self) -> bool:
        return any(not slot.retiring for slot in self.slots)

    def submit(self, batch: list) -> None:
        slot = min((s for s in self.slots if not s.retiring), key=lambda s: s.in_flight)
        fut = slot.pool.submit(_run_batch, self.fn, batch, self.batch_fn)
        slot.in_flight += 1
        slot.batches += 1
        if slot.left is not None:
            slot.left -= 1
        self.pending.append((batch, fut, slot))

    def drain_one(self) -> list[tuple]:
        from concurrent.futures.process import BrokenProcessPool

        batch, fut, slot = self.pending[0]
        if not _wait(fut, _time_limit(self.page_timeout, len(batch))):
            return self._redo_in_flight()  # hung
        try:
            results = fut.result()
        except BrokenProcessPool:
            return self._redo_in_flight()  # a worker died
        self.pending.popleft()
        slot.in_flight -= 1
        if slot.retiring and slot.in_flight == 0:
            self._replace(slot)
        return list(zip(batch, results))

    def _replace(self, slot: _Slot) -> None:
        slot.pool.shutdown(wait=True)
        self.slots[self.slots.index(slot)] = _Slot(self.start_method, self.recycle_every, self.warm)

    def _redo_in_flight(self) -> list[tuple]:
        """The unfinished batches are lost with their pools (finished ones keep their
        results). Redo their pages one at a time in a single-worker pool: only the
        culprit crashes or hangs again, and it alone gets on_crash's or on_timeout's
        result. Bad pages are rare, so the slow path costs little."""
        for slot in self.slots:
            _kill_pool(slot.pool)
        in_flight = list(self.pending)
        self.pending.clear()
        out: list[tuple] = []
        solo = _new_pool(1, self.start_method)
        try:
            for batch, fut, _slot in in_flight:
                done = _salvage(batch, fut)
                if done is not None:
                    out.extend(done)
                    continue
                for item in batch:
                    result, solo = self._redo_one(item, solo)
                    out.append((item, result))
        finally:
            _kill_pool(solo)
        self.slots = self._fresh_slots(self.start_method)
        return out

    def _redo_one(self, item, solo: ProcessPoolExecutor):
        """(result, pool to go on with): a pool whose worker died or hung is replaced."""
        from concurrent.futures.process import BrokenProcessPool

        fut = solo.submit(self.fn, item)
        if not _wait(fut, _time_limit(self.page_timeout, 1)):
            _kill_pool(solo)
            return self.on_timeout(item), _new_pool(1, self.start_method)
        try:
            return fut.result(), solo
        except BrokenProcessPool as exc:
            _kill_pool(solo)
            return self.on_crash(item, exc), _new_pool(1, self.start_method)

    def close(self, finished: bool) -> None:
        for slot in self.slots:
            if finished and slot.batches:
                slot.pool.shutdown(wait=True)
            else:  # Ctrl-C, an error, the consumer stopped, or a worker that only warmed
                # up (a build with no new page): don't wait on busy workers
                _kill_pool(slot.pool)


def _map_pool(items, batch_size, window, make_run: Callable[[], _OrderedPool]) -> Iterator[tuple]:
    run = make_run()  # on the first next(), as before: no pool for a generator never used
    finished = False
    try:
        for batch in _batches(items, batch_size):
            # every slot may be waiting for its last batches before its worker is replaced
            while len(run.pending) >= window or not run.can_submit():
                yield from run.drain_one()
            run.submit(batch)
        while run.pending:
            yield from run.drain_one()
        finished = True
    finally:
        run.close(finished)


# --- inline (one worker) -----------------------------------------------------

@contextmanager
def _alarm(limit: float | None):
    """Raise PageTimeout in this block after ``limit`` seconds, where SIGALRM can
    (the main thread, not Windows); elsewhere the block runs without a limit."""
    if (limit is None or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def _expired(signum, frame):
        raise PageTimeout(f"no result after {limit:.1f} s")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)


def _inline_one(fn, item, page_timeout: float, on_timeout):
    try:
        with _alarm(_time_limit(page_timeout, 1)):
            return fn(item)
    except PageTimeout:
        return on_timeout(item)


def _map_inline(fn, items, batch_size, batch_fn, page_timeout, on_timeout) -> Iterator[tuple]:
    """No process start-up, no pickling; a batch that times out is redone page by page."""
    if batch_fn is None:
        for item in items:
            yield item, _inline_one(fn, item, page_timeout, on_timeout)
        return
    for batch in _batches(items, batch_size):
        try:
            with _alarm(_time_limit(page_timeout, len(batch))):
                results = batch_fn(batch)
        except PageTimeout:
            results = [_inline_one(fn, item, page_timeout, on_timeout) for item in batch]
        yield from zip(batch, results)


def map_ordered(
    fn: Callable[[T], R],
    items: Iterable[T],
    workers: int,
    on_crash: Callable[[T, BaseException], R],
    batch_size: int = 8,
    window: int | None = None,
    batch_fn: Callable[[list[T]], list[R]] | None = None,
    page_timeout: float | None = None,
    on_timeout: Callable[[T], R] | None = None,
    recycle_every: int | None = None,
    warm: Callable[[], object] | None = None,
) -> Iterator[tuple[T, R]]:
    """Yield (item, fn(item)) in input order, using ``workers`` processes.

    ``batch_fn``, when given, does the same work on a whole batch at once
    (spaCy's ``nlp.pipe`` is faster on batches); ``fn`` is still used when a
    single item has to be retried. With one worker the work runs inline: no
    process start-up, no pickling.

    ``page_timeout`` (seconds, default DEFAULT_PAGE_TIMEOUT, math.inf for none)
    bounds each page; a page that exceeds it gets ``on_timeout(item)``, or
    ``on_crash(item, PageTimeout)`` when no ``on_timeout`` is given. A batch may
    take ``page_timeout`` per page plus START_ALLOWANCE. Inline, the limit holds
    only in the main thread and only where Python code gets to run.

    ``recycle_every`` (batches) replaces each worker after that many batches, with
    a fresh process started by ``spawn``: memory a long run leaves in a worker
    (the parser's caches only grow) is given back. ``fn`` and ``batch_fn`` must
    then be importable module-level functions.

    ``warm`` (an importable module-level function), when given, runs first in every
    worker, started as soon as the pool is: what the work loads once (a model) is
    loaded while the input is still being read.
    """
    page_timeout = DEFAULT_PAGE_TIMEOUT if page_timeout is None else page_timeout
    if on_timeout is None:
        def on_timeout(item: T) -> R:
            return on_crash(item, PageTimeout(f"no result after {page_timeout} s"))
    if workers <= 1:
        return _map_inline(fn, items, batch_size, batch_fn, page_timeout, on_timeout)
    return _map_pool(items, batch_size, window or workers * 4,
                     lambda: _OrderedPool(fn, batch_fn, workers, page_timeout, on_crash, on_timeout,
                                                 recycle_every, warm))
