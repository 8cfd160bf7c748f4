"""The corpus tables are rewritten by difference (store ``_replace_rows``): after the
write a table holds exactly the new rows, whatever was there, at the size of a real
corpus (a first version lost every row of a 250k-row table)."""
from storyline.store import Store


def _links(n: int, shift: int = 0) -> list[tuple]:
    return [(f"a{i // 9:06d}", i % 9, None if i % 7 == 0 else f"E{(i + shift) % 5000}") for i in range(n)]


def test_a_large_table_rewritten_by_difference_holds_exactly_the_new_rows(tmp_path):
    with Store(str(tmp_path / "s.duckdb")) as st:
        st._replace_rows("entity_links", _links(250_000), order=None)
        new = _links(240_000, shift=1)[:120_000] + _links(240_000)[120_000:]
        st._run("BEGIN")
        st._replace_rows("entity_links", new, order=None)
        st._run("COMMIT")
        got = st._run("SELECT article_id, idx, entity_id FROM entity_links ORDER BY ALL")
    assert got == sorted(new, key=lambda r: (r[0], r[1], r[2] is None, r[2] or ""))


def test_export_order_updated_in_place_and_gone_rows_removed(tmp_path):
    rows = [(f"s{i}", f"title {i}", "summary", "[]", "2025-01-01", "2025-01-02", "[]", i) for i in range(50)]
    with Store(str(tmp_path / "s.duckdb")) as st:
        st._replace_rows("stories", rows)
        # a new story first: every other row's position moves by one; one row goes
        later = [("s_new", "new", "summary", "[]", None, None, "[]", 0)] + [
            r[:-1] + (r[-1] + 1,) for r in rows if r[0] != "s7"]
        st._replace_rows("stories", later)
        got = st._run("SELECT id, title, seq FROM stories ORDER BY seq")
    assert got == [(r[0], r[1], r[-1]) for r in sorted(later, key=lambda r: r[-1])]
