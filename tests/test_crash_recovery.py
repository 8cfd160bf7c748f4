"""A build killed at any moment (kill -9) is completed by running it again: the store
then equals a clean build of the same inputs, record for record.

The build runs in a subprocess with ``STORYLINE_KILL_AT`` naming the point where it
sends itself SIGKILL (``storyline.faults``): after a committed batch of pages, after
the corpus stage computed its result, and half-way through writing it.
"""
import json
import os
import shutil
import signal
import subprocess
import sys

import pytest

from storyline.store import Store

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "examples")

# batch_size 3 puts the 11 sample pages in four batches, so a kill after the first
# or second batch lands in the middle of the per-page stage
_BUILD = """
import sys
from storyline.pipeline import build
inputs, store, manifest = sys.argv[1].split(","), sys.argv[2], sys.argv[3]
build(inputs, store, manifest=manifest, workers=1, batch_size=3)
"""


def _inputs(tmp_path, part: str = "all") -> tuple[list[str], str]:
    """A copy of the sample pages (HTML, text dumps, JSONL, a WARC, a manifest)."""
    pages = tmp_path / "pages"
    if not pages.exists():
        shutil.copytree(os.path.join(EXAMPLES, "pages"), pages)
        shutil.copytree(os.path.join(EXAMPLES, "warc"), tmp_path / "warc")
    first = [str(pages / n) for n in ("riyadh-talks.html", "forum-repost.txt", "feed.jsonl")]
    inputs = first if part == "first" else first + [str(pages), str(tmp_path / "warc")]
    return inputs, str(pages / "manifest.csv")


def _run_build(inputs: list[str], store: str, manifest: str, kill_at: str | None = None) -> int:
    env = {k: v for k, v in os.environ.items() if k != "STORYLINE_KILL_AT"}
    if kill_at:
        env["STORYLINE_KILL_AT"] = kill_at
    proc = subprocess.run([sys.executable, "-c", _BUILD, ",".join(inputs), store, manifest], env=env,
                          capture_output=True, text=True, timeout=600)
    assert kill_at or proc.returncode == 0, proc.stderr
    return proc.returncode


def _dump(store: str, base) -> str:
    """Every export of the store, as one text (the order of records included); the
    inputs' folder is written as <base>, so stores built from two copies compare."""
    with Store(store, read_only=True) as st:
        parts = {
            "articles": st.articles_arrow().to_pylist(),
            "entities": st.entity_rows(),
            "quotes": st.quote_rows_full(),
            "events": st.event_rows(),
            "stories": st.story_rows(),
            "contradictions": st.contradiction_rows(),
            "rejects": st.rejects(),
            "stale": st.links_stale(),
        }
    return json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).replace(str(base), "<base>")


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """Clean builds: everything in one go, and the first part then everything."""
    tmp = tmp_path_factory.mktemp("clean")
    inputs, manifest = _inputs(tmp)
    whole = str(tmp / "whole.duckdb")
    _run_build(inputs, whole, manifest)
    first, _ = _inputs(tmp, "first")
    increments = str(tmp / "increments.duckdb")
    _run_build(first, increments, manifest)
    _run_build(inputs, increments, manifest)
    return {"whole": _dump(whole, tmp), "increments": _dump(increments, tmp)}


def test_a_clean_build_has_links_and_stories(clean):
    whole = json.loads(clean["whole"])
    assert len(whole["articles"]) >= 8 and whole["stories"] and whole["entities"] and whole["events"]
    assert not whole["stale"]
    assert all(a["story_id"] and a["origin_id"] for a in whole["articles"])


@pytest.mark.parametrize("kill_at", ["batch_written:1", "batch_written:3", "corpus_linked", "corpus_writing"])
def test_a_build_killed_and_run_again_equals_a_clean_build(tmp_path, clean, kill_at):
    inputs, manifest = _inputs(tmp_path)
    store = str(tmp_path / "s.duckdb")
    assert _run_build(inputs, store, manifest, kill_at) == -signal.SIGKILL
    _run_build(inputs, store, manifest)
    assert _dump(store, tmp_path) == clean["whole"]


def test_a_store_killed_in_its_corpus_stage_is_stale_until_linked(tmp_path):
    inputs, manifest = _inputs(tmp_path)
    store = str(tmp_path / "s.duckdb")
    assert _run_build(inputs, store, manifest, "corpus_writing") == -signal.SIGKILL
    with Store(store, read_only=True) as st:
        # the half-written corpus transaction left nothing behind
        assert st.links_stale() and not st.story_rows() and not st.entity_rows()
        assert st.counts()["articles"] >= 8


def test_an_incremental_build_killed_in_its_corpus_stage_is_completed(tmp_path, clean):
    inputs, manifest = _inputs(tmp_path)
    first, _ = _inputs(tmp_path, "first")
    store = str(tmp_path / "s.duckdb")
    _run_build(first, store, manifest)
    assert _run_build(inputs, store, manifest, "corpus_writing") == -signal.SIGKILL
    _run_build(inputs, store, manifest)
    assert _dump(store, tmp_path) == clean["increments"]


@pytest.mark.parametrize("at", ["batch_written:1:INT", "corpus_writing:1:INT"])
def test_ctrl_c_keeps_the_finished_pages_and_the_next_build_completes(tmp_path, clean, at):
    """A real SIGINT (not a faked exception) when the pages are committed, or half-way
    through writing the corpus stage: one line, exit 130, the pages kept, no half-written
    links; the same build run again equals a clean build."""
    inputs, manifest = _inputs(tmp_path)
    store = str(tmp_path / "s.duckdb")
    exe = os.path.join(os.path.dirname(sys.executable), "storyline")
    cmd = [exe, "build", *inputs, "--manifest", manifest, "--store", store, "--workers", "1", "-q"]
    env = {**os.environ, "STORYLINE_KILL_AT": at}
    # a shell's background job starts with SIGINT ignored, and Python then never raises
    # KeyboardInterrupt: the build must hear Ctrl-C as a terminal user's would
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.returncode == 130, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "interrupted" in proc.stderr and "articles kept" in proc.stderr
    with Store(store, read_only=True) as st:
        assert st.counts()["articles"] >= 8 and st.links_stale() and not st.story_rows()
    _run_build(inputs, store, manifest)
    assert _dump(store, tmp_path) == clean["whole"]
