"""A store built in increments holds what one build of the same pages gives: the same
entities, quotes, events, stories (ids, members, titles, summaries), contradictions and
article links, whatever the split (issue 12). Each later build scores only its new
articles for stories and reuses the earlier pairs and unchanged topic blocks."""
import json
import os
import shutil

from storyline.pipeline import build
from storyline.store import Store

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "examples")


def _corpus(st: Store) -> dict:
    articles = st.articles_arrow().to_pylist()
    for a in articles:
        a.pop("seq", None)            # the order pages arrived in, not a result
    return {
        "articles": sorted(articles, key=lambda a: a["id"]),
        "entities": st.entity_rows(),
        "quotes": st.quote_rows_full(),
        "events": st.event_rows(),
        "stories": st.story_rows(),
        "contradictions": st.contradiction_rows(),
        "entity_links": st.con.execute("SELECT * FROM entity_links ORDER BY ALL").fetchall(),
    }


def _pages(tmp_path) -> list[str]:
    pages = tmp_path / "pages"
    shutil.copytree(os.path.join(EXAMPLES, "pages"), pages)
    shutil.copytree(os.path.join(EXAMPLES, "warc"), tmp_path / "warc")
    files = sorted(str(p) for p in pages.iterdir() if p.name != "manifest.csv")
    return files + sorted(str(p) for p in (tmp_path / "warc").iterdir())


def test_three_increments_equal_one_build(tmp_path):
    files = _pages(tmp_path)
    manifest = str(tmp_path / "pages" / "manifest.csv")
    whole = str(tmp_path / "whole.duckdb")
    build(files, whole, manifest=manifest, workers=1)
    # three builds, each adding pages, in an order unlike the single build's
    parts = [files[5:], files[5:] + files[:2], files]
    inc = str(tmp_path / "inc.duckdb")
    for part in parts:
        build(part, inc, manifest=manifest, workers=1)
    with Store(whole, read_only=True) as a, Store(inc, read_only=True) as b:
        one, three = _corpus(a), _corpus(b)
        assert b.counts()["articles"] == a.counts()["articles"] >= 8
        scored = b.con.execute("SELECT count(*) FROM topic_scored").fetchone()[0]
    assert one["stories"] and scored == len(one["articles"])
    assert len(one["entity_links"]) >= len(one["entities"]) > 0
    dump = lambda d: json.dumps(d, sort_keys=True, ensure_ascii=False, default=str)  # noqa: E731
    for key in one:
        assert dump(three[key]) == dump(one[key]), key


def test_a_store_without_text_sketches_links_the_same_and_gets_them(tmp_path):
    """Duplicate detection reads the sketches the page workers made; a store written
    before they were kept (or one that lost them) links the same from the texts, and
    the corpus stage stores the sketches it had to make."""
    from storyline.pipeline import link

    files = _pages(tmp_path)
    manifest = str(tmp_path / "pages" / "manifest.csv")
    path = str(tmp_path / "s.duckdb")
    build(files, path, manifest=manifest, workers=1)
    with Store(path) as st:
        before = _corpus(st)
        n = st.counts()["articles"]
        assert st.con.execute("SELECT count(*) FROM article_sketches").fetchone()[0] == n
        st.con.execute("DELETE FROM article_sketches WHERE article_id IN "
                       "(SELECT id FROM articles ORDER BY id LIMIT 4)")
        link(st)
        after = _corpus(st)
        assert st.con.execute("SELECT count(*) FROM article_sketches").fetchone()[0] == n
    dump = lambda d: json.dumps(d, sort_keys=True, ensure_ascii=False, default=str)  # noqa: E731
    for key in before:
        assert dump(after[key]) == dump(before[key]), key
