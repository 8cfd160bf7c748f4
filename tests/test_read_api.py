"""The Python read API (issue 13): `storyline.open(path)` gives the store's tables as
pyarrow tables with the export field names, dates typed as dates, and filters."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

import storyline
from serve_pages import built_store
from storyline.store import ARTICLE_FIELDS, Store


@pytest.fixture(scope="module")
def s():
    snap = storyline.open(built_store())
    yield snap
    snap.close()


def test_every_table_has_the_export_fields(s):
    arts = s.articles()
    assert arts.column_names[:len(ARTICLE_FIELDS)] == ARTICLE_FIELDS
    for name, fields in (("entities", Store.ENTITY_FIELDS), ("quotes", Store.QUOTE_FIELDS),
                         ("events", Store.EVENT_FIELDS), ("stories", Store.STORY_FIELDS),
                         ("contradictions", Store.CONTRADICTION_FIELDS)):
        table = getattr(s, name)()
        assert isinstance(table, pa.Table)
        assert table.column_names == fields, name


def test_dates_are_dates_and_inferred_ones_stay_apart(s):
    arts = s.articles()
    assert arts.schema.field("published").type == pa.date32()
    assert arts.schema.field("published_inferred").type == pa.date32()
    rows = {r["title"]: r for r in arts.to_pylist()}
    undated = rows["Ministers meet in Istanbul"]
    assert undated["published"] is None
    assert undated["published_inferred"] == dt.date(2025, 2, 27) and "dateline" in undated["published_evidence"]
    story = s.stories().to_pylist()[0]
    assert isinstance(story["start"], dt.date) and story["start"] <= story["end"]


def test_the_same_rows_as_the_store_readers(s):
    with Store(built_store(), read_only=True) as st:
        assert s.quotes().column("id").to_pylist() == [q["id"] for q in st.quote_rows()]
        assert s.events().column("id").to_pylist() == [e["id"] for e in st.event_rows()]
        assert s.entities().column("name").to_pylist() == [e["name"] for e in st.entity_rows()]


def test_quotes_by_speaker_alias_via_story_and_date(s):
    lavrov = s.quotes(speaker="Lavrov").to_pylist()
    assert lavrov and all("Lavrov" in q["speaker"] for q in lavrov)
    everyone = s.quotes()
    assert 0 < len(lavrov) < everyone.num_rows
    # the same person by an alias and by id
    lid = lavrov[0]["speaker_id"]
    assert s.quotes(speaker=lid).num_rows == s.quotes(speaker="Sergei Lavrov").num_rows == len(lavrov)
    via = s.quotes(via="meridian").to_pylist()
    assert via and all(any("meridian" in v.lower() for v in q["via"]) for q in via)
    media = s.quotes(via="state media").to_pylist()
    assert [q["speaker"] for q in media] == ["Sergey Lavrov"]
    story = s.stories().column("id")[0].as_py()
    assert s.quotes(story=story).num_rows > 0 and s.quotes(story="s_nope").num_rows == 0
    late = s.quotes(date_from="2025-02-27").to_pylist()
    early = s.quotes(date_to="2025-02-26").to_pylist()
    assert late and early and len(late) + len(early) == everyone.num_rows
    assert any("Istanbul" in q["text"] or "embassies" in q["text"] for q in late)


def test_events_by_type_actor_and_date(s):
    events = s.events()
    types = set(events.column("type").to_pylist())
    one = sorted(t for t in types if t)[0]
    typed = s.events(type=one.lower())
    assert 0 < typed.num_rows <= events.num_rows and set(typed.column("type").to_pylist()) == {one}
    rubio = s.events(actor="Rubio").to_pylist()
    rid = s.entities(name="Marco Rubio").column("id")[0].as_py()
    assert rubio and all(rid in e["actor_ids"] for e in rubio)
    assert s.events(date_from="2100-01-01").num_rows == 0


def test_filters_reject_bad_dates_and_match_nothing_unknown(s):
    with pytest.raises(ValueError):
        s.quotes(date_from="last tuesday")
    assert s.entities(name="Nobody Atall").num_rows == 0
    assert s.articles(outlet="the daily meridian").num_rows == 1


def test_to_pandas_works(s):
    pytest.importorskip("pandas")
    df = s.quotes(speaker="Lavrov").to_pandas()
    assert len(df) > 0 and "speaker" in df.columns


def test_a_snapshot_does_not_hold_the_store(s, tmp_path):
    # the file is closed after reading: a writer can open it while the snapshot lives
    with Store(built_store()) as st:
        assert st.counts()["articles"] == s.articles().num_rows


def test_not_a_store_is_one_line(tmp_path):
    from storyline.api import ReadError

    bad = tmp_path / "x.duckdb"
    bad.write_bytes(b"not a database at all" * 100)
    for path in (bad, tmp_path / "missing.duckdb"):
        with pytest.raises(ReadError) as err:
            storyline.open(str(path))
        assert "\n" not in str(err.value)


def test_parquet_exports_type_dates_as_dates(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    import pyarrow.parquet as pq

    exe = Path(sys.executable).with_name("storyline")
    for what, fields in (("articles", ("published", "published_inferred")), ("stories", ("start", "end"))):
        out = tmp_path / f"{what}.parquet"
        proc = subprocess.run([str(exe), "export", "--store", built_store(), "--what", what, "--format", "parquet",
                               "--out", str(out)], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        table = pq.read_table(out)
        for f in fields:
            assert table.schema.field(f).type == pa.date32(), (what, f)
    arts = pq.read_table(tmp_path / "articles.parquet").to_pylist()
    assert any(a["published_inferred"] == dt.date(2025, 2, 27) for a in arts)


def test_a_date_column_with_other_text_stays_text():
    from storyline.api import dates_typed

    t = pa.table({"published": ["2025-02-18", None, "2025-02-19T10:00:00"], "title": ["2025-01-01"] * 3})
    typed = dates_typed(t)
    assert typed.schema.field("published").type == pa.date32() and typed.schema.field("title").type == pa.string()
    odd = pa.table({"published": ["2025-02-18", "sometime in May"]})
    assert dates_typed(odd).column("published").to_pylist() == ["2025-02-18", "sometime in May"]
