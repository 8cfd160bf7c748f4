"""The local process pool: hung pages, orphaned workers, Ctrl-C (issue 11)."""
import multiprocessing
import os
import selectors
import signal
import subprocess
import sys
import time

import pytest

from storyline.engines import local
from storyline.engines.local import map_ordered

HUNG = 3  # the item whose work never returns


def _hang_on_3(x: int) -> int:
    if x == HUNG:
        time.sleep(3600)
    return x * 10


def _hang_on_3_batch(xs: list[int]) -> list[int]:
    return [_hang_on_3(x) for x in xs]


@pytest.fixture
def quick_limits(monkeypatch):
    """Keep the hang tests to seconds: half a second a page, little allowance."""
    monkeypatch.setattr(local, "START_ALLOWANCE", 0.3)
    return 0.5


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("batch_fn", [None, _hang_on_3_batch])
def test_a_page_that_hangs_gets_the_timeout_result_and_the_run_goes_on(quick_limits, workers, batch_fn):
    t0 = time.monotonic()
    out = list(map_ordered(_hang_on_3, range(10), workers=workers, on_crash=lambda x, e: "crash",
                           batch_size=2, batch_fn=batch_fn, page_timeout=quick_limits,
                           on_timeout=lambda x: "timeout"))
    assert out == [(x, "timeout" if x == HUNG else x * 10) for x in range(10)]
    assert time.monotonic() - t0 < 30
    assert multiprocessing.active_children() == []  # the hung worker was killed


def test_without_on_timeout_a_hang_goes_to_on_crash(quick_limits):
    out = dict(map_ordered(_hang_on_3, range(5), workers=1, on_crash=lambda x, e: type(e).__name__,
                           page_timeout=quick_limits))
    assert out[HUNG] == "PageTimeout" and out[4] == 40


def test_inline_time_limit_restores_the_previous_alarm_handler(quick_limits):
    def mine(signum, frame):
        pass

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        list(map_ordered(_hang_on_3, range(5), workers=1, on_crash=lambda x, e: -1, page_timeout=quick_limits))
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_the_time_limit_exception_is_not_an_ordinary_exception():
    # the page's own `except Exception` must not swallow it
    assert not issubclass(local.PageTimeout, Exception)


# --- the run as a whole process: parent killed, Ctrl-C -------------------------

SCRIPT = """
import os, signal, sys, time
from storyline.engines.local import map_ordered

signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with SIGINT ignored

def slow(x):
    time.sleep(0.1 if x < 6 else 3600)
    return os.getpid()

if __name__ == "__main__":
    try:
        for _x, pid in map_ordered(slow, range(100), workers=2, on_crash=lambda x, e: -1, batch_size=1):
            print(pid, flush=True)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
"""


def _alive(pid: int) -> bool:
    """A zombie counts as dead: it holds no memory and runs nothing."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _start(tmp_path) -> subprocess.Popen:
    script = tmp_path / "run_pool.py"
    script.write_text(SCRIPT)
    return subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _lines_until(proc: subprocess.Popen, done, timeout: float = 20.0) -> list[str]:
    """Lines of the script's stdout until ``done(lines)`` or the timeout."""
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while not done(lines) and time.monotonic() < deadline:
        if sel.select(timeout=deadline - time.monotonic()):
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.strip())
    sel.close()
    return lines


def _worker_pids(proc: subprocess.Popen) -> set[int]:
    lines = _lines_until(proc, lambda ls: len(set(ls)) >= 2)
    pids = {int(line) for line in lines}
    assert len(pids) == 2, lines
    return pids


def _all_gone(pids: set[int], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not any(_alive(p) for p in pids)


def _skip_without_proc():
    if not sys.platform.startswith("linux"):
        pytest.skip("process checks use /proc and POSIX signals")


def test_workers_die_when_the_parent_is_killed(tmp_path):
    _skip_without_proc()
    proc = _start(tmp_path)
    pids: set[int] = set()
    try:
        pids = _worker_pids(proc)
        proc.kill()
        proc.wait(10)
        assert _all_gone(pids), "workers outlived their parent"
    finally:
        for pid in pids:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("to_group", [False, True], ids=["parent", "terminal"])
def test_ctrl_c_stops_the_run_promptly_and_kills_the_workers(tmp_path, to_group):
    _skip_without_proc()
    proc = _start(tmp_path)
    pids: set[int] = set()
    try:
        pids = _worker_pids(proc)
        time.sleep(0.5)  # both workers now in a page that never ends
        if to_group:  # as a terminal does: the whole foreground process group
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=10)
        assert "interrupted" in out
        assert proc.returncode == 0
        assert "Traceback" not in err, err  # no worker printed one
        assert _all_gone(pids)
    finally:
        if proc.poll() is None:
            proc.kill()
        for pid in pids:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _with_pid(x: int) -> tuple[int, int]:
    return x * 10, os.getpid()


def _with_pid_batch(xs: list[int]) -> list[tuple[int, int]]:
    return [_with_pid(x) for x in xs]


def _die_on_13_with_pid(x: int) -> tuple[int, int]:
    if x == 13:
        os._exit(3)
    return _with_pid(x)


def test_recycled_workers_are_replaced_after_their_batches_and_order_is_kept():
    out = list(map_ordered(_with_pid, range(120), workers=2, on_crash=lambda x, e: (-1, 0),
                           batch_size=3, batch_fn=_with_pid_batch, recycle_every=4))
    assert [x for x, _ in out] == list(range(120))
    assert [r[0] for _, r in out] == [x * 10 for x in range(120)]
    per_worker: dict[int, int] = {}
    for _, (_, pid) in out:
        per_worker[pid] = per_worker.get(pid, 0) + 1
    # 40 batches of 3, at most 4 batches (12 pages) per worker: at least 10 workers in all
    assert len(per_worker) >= 10 and max(per_worker.values()) <= 12
    assert os.getpid() not in per_worker
    assert multiprocessing.active_children() == []


def test_recycled_workers_survive_a_crash():
    out = dict(map_ordered(_die_on_13_with_pid, range(40), workers=2, on_crash=lambda x, e: "crash",
                           batch_size=2, recycle_every=3))
    assert out[13] == "crash"
    assert [out[x][0] for x in range(40) if x != 13] == [x * 10 for x in range(40) if x != 13]


_UNGUARDED_SCRIPT = """
import os, sys
sys.path.insert(0, {src!r})
from storyline.engines.local import map_ordered

def on_crash(x, exc):
    return "crash"

print(sorted(set(map_ordered(os.path.basename, [f"/p/{{i}}" for i in range(30)], workers=2, on_crash=on_crash,
                             batch_size=2, batch_fn=None, recycle_every=2))))
"""


def test_recycling_in_a_script_without_main_guard_keeps_every_result(tmp_path):
    """A spawned worker imports the program's main module first: a script that calls
    the pipeline at top level would run again in it and kill every replacement."""
    import subprocess
    import sys

    src = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
    script = tmp_path / "unguarded.py"
    script.write_text(_UNGUARDED_SCRIPT.format(src=src))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "crash" not in out.stdout
    assert out.stdout.count("/p/") == 30


_WARMED: list[int] = []


def _warm() -> None:
    _WARMED.append(os.getpid())


def _warmed_before(x: int) -> tuple[int, bool]:
    return x, os.getpid() in _WARMED


def _warmed_before_batch(xs: list[int]) -> list[tuple[int, bool]]:
    return [_warmed_before(x) for x in xs]


def test_warm_runs_in_every_worker_before_its_first_batch():
    """A build's workers load the parser while the parent still reads known pages;
    every worker has run ``warm`` before any of its items, and the results keep
    their order."""
    out = list(map_ordered(_warmed_before, range(40), 2, on_crash=lambda x, e: (x, None),
                           batch_fn=_warmed_before_batch, batch_size=4, warm=_warm))
    assert [item for item, _ in out] == list(range(40))
    assert all(result == (x, True) for x, result in out)
    assert _WARMED == []          # it ran in the workers, not in the parent


def _slow_warm() -> None:
    time.sleep(30)


def test_a_run_with_nothing_to_do_does_not_wait_for_warming_workers():
    """A build whose pages are all known starts its workers' warm-up, then has no
    batch for them: it ends at once (the workers are stopped, not awaited)."""
    started = time.monotonic()
    assert list(map_ordered(_warmed_before, [], 2, on_crash=lambda x, e: (x, None),
                            batch_fn=_warmed_before_batch, warm=_slow_warm)) == []
    assert time.monotonic() - started < 15


def test_young_collections_frees_a_steps_cycles_and_restores_the_collector():
    import gc
    import weakref

    from storyline.engines.local import young_collections

    class Node:
        pass

    gc.enable()
    with young_collections() as collect_young:
        assert not gc.isenabled()          # no automatic full scans of the corpus's objects
        a, b = Node(), Node()
        a.other, b.other = b, a            # a cycle: reference counting alone never frees it
        gone = weakref.ref(a)
        del a, b
        assert gone() is not None
        collect_young()                    # between two steps
        assert gone() is None
    assert gc.isenabled()
    gc.disable()
    try:
        with young_collections():
            pass
        assert not gc.isenabled()          # a caller that had it off keeps it off
    finally:
        gc.enable()
