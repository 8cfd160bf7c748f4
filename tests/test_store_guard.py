"""The store refuses what is not its own, with one clear error and nothing changed:
a user's DuckDB database, a store written by a newer storyline, a file that is no
database at all; and a derived record that repeats an id never sinks the corpus stage."""
import hashlib
import os
import subprocess
import sys

import duckdb
import pytest

from storyline.link.corpus import _unique_ids
from storyline.link.contradictions import Contradiction, _make
from storyline.store import Store, StoreError
from storyline.store.schema import SCHEMA_VERSION


def _digest(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def _tables(path) -> list:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall())
    finally:
        con.close()


def test_a_users_own_duckdb_database_is_refused_and_left_untouched(tmp_path):
    db = tmp_path / "crm.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE articles (id INTEGER, headline VARCHAR)")
    con.execute("INSERT INTO articles VALUES (1, 'Quarterly figures')")
    con.close()
    before = _digest(db)
    for read_only in (False, True):
        with pytest.raises(StoreError, match="not a storyline store"):
            Store(str(db), read_only=read_only)
    assert _tables(db) == ["articles"]
    assert _digest(db) == before


def test_a_store_of_a_newer_schema_is_refused(tmp_path):
    db = str(tmp_path / "s.duckdb")
    Store(db).close()
    con = duckdb.connect(db)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match="newer storyline"):
        Store(db)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    f = tmp_path / "notes.duckdb"
    f.write_text("Interview notes, 18 February: Lavrov, Rubio, Riyadh.\n" * 40)
    before = _digest(f)
    with pytest.raises(StoreError):
        Store(str(f))
    assert _digest(f) == before


def test_a_store_in_use_by_a_build_gives_a_clear_error(tmp_path):
    db = str(tmp_path / "s.duckdb")
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c",
                               "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); "
                               "time.sleep(60)", db], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="in use by another process"):
            Store(db, read_only=True)
    finally:
        holder.kill()
        holder.wait()


def test_an_empty_store_is_a_store_not_yet_linked(tmp_path):
    db = str(tmp_path / "s.duckdb")
    with Store(db) as st:
        assert st.links_stale() and st.linked_version() is None
    with Store(db, read_only=True) as st:
        assert st.counts() == {"pages": 0, "articles": 0, "rejects": 0}


def test_two_statements_of_one_contradiction_are_written_once():
    a = {"article_id": "a1", "start": 10, "end": 30, "text": "the former ambassador"}
    b = {"article_id": "a2", "start": 5, "end": 20, "text": "the ambassador"}
    same = [_make("role", "X called former ambassador and ambassador", a, b, "s1") for _ in range(2)]
    other = _make("role", "X called former envoy and envoy", a, {**b, "end": 18}, "s1")
    kept, dropped = _unique_ids(same + [other])
    assert dropped == 1 and [c.id for c in kept] == [same[0].id, other.id]
    assert isinstance(kept[0], Contradiction) and other.id != same[0].id
