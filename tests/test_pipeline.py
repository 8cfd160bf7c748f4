"""Pipeline behaviour that spans pages: site-level repeated furniture, order, crashes."""
import json

from pages import PARAGRAPHS
from storyline.engines.local import map_ordered
from storyline.ingest import iter_pages
from storyline.model import Article
from storyline.pipeline import process

# Looks like a sentence of prose, so no single-page rule can call it furniture;
# only seeing it on every page of the site gives it away.
SITE_LINE = "Our correspondents bring you the most important stories of the day from across the region."


def _site_page(i: int) -> str:
    paras = PARAGRAPHS[i % 4: i % 4 + 4]
    return "\n".join(["Northstar Gazette", SITE_LINE, f"Talks continue, day {i}"] + paras + [SITE_LINE])


def test_lines_repeated_across_a_sites_pages_are_dropped(tmp_path):
    f = tmp_path / "dump.jsonl"
    f.write_text("\n".join(json.dumps({"text": _site_page(i), "url": f"https://northstar.example/n/{i}"})
                           for i in range(6)) + "\n")
    results = [r for _p, r in process(iter_pages([str(f)]), workers=1)]
    assert all(isinstance(r, Article) for r in results)
    assert all(PARAGRAPHS[1][:50] in r.text or PARAGRAPHS[4][:50] in r.text for r in results)
    # once the site has shown the line on 3 earlier pages, it is furniture
    assert all(SITE_LINE not in r.text for r in results[3:])


def _site_dump(path, pages) -> str:
    path.write_text("\n".join(json.dumps({"text": _site_page(i), "url": f"https://northstar.example/n/{i}"})
                              for i in pages) + "\n")
    return str(path)


def _texts(store_path) -> dict[str, str]:
    from storyline.store import Store

    with Store(store_path, read_only=True) as st:
        return {url: text for url, text in st._run("SELECT url, text FROM articles")}


def test_a_later_build_of_new_files_alone_cleans_as_one_build(tmp_path):
    """The furniture a site repeats is learnt from the pages the store holds: a build of
    the later file alone, into the store of the earlier one, drops the same lines as
    one build of both (and as feeding both again), and a store from before the counts
    were kept makes them from its pages."""
    from storyline.pipeline import build
    from storyline.store import Store

    first, later = _site_dump(tmp_path / "a.jsonl", range(3)), _site_dump(tmp_path / "b.jsonl", range(3, 6))
    build([first, later], str(tmp_path / "one.duckdb"), workers=1)
    build([first], str(tmp_path / "split.duckdb"), workers=1)
    build([later], str(tmp_path / "split.duckdb"), workers=1)
    build([first], str(tmp_path / "again.duckdb"), workers=1)
    build([first, later], str(tmp_path / "again.duckdb"), workers=1)
    one = _texts(tmp_path / "one.duckdb")
    assert sum(SITE_LINE in t for t in one.values()) == 3          # only the first three pages keep it
    assert _texts(tmp_path / "split.duckdb") == one
    assert _texts(tmp_path / "again.duckdb") == one
    # a store written before the counts were kept
    build([first], str(tmp_path / "old.duckdb"), workers=1)
    with Store(str(tmp_path / "old.duckdb")) as st:
        st._run("DELETE FROM site_lines")
        st._run("DELETE FROM meta WHERE key = 'site_lines'")
    build([later], str(tmp_path / "old.duckdb"), workers=1)
    assert _texts(tmp_path / "old.duckdb") == one


def _square(x: int) -> int:
    return x * x


def test_map_ordered_keeps_input_order_with_a_pool():
    out = list(map_ordered(_square, range(100), workers=2, on_crash=lambda x, e: -1, batch_size=3))
    assert [x for x, _ in out] == list(range(100))
    assert [r for _, r in out] == [x * x for x in range(100)]


def _die_on_13(x: int) -> int:
    if x == 13:
        import os

        os._exit(1)  # what a segfault in a C parser looks like from the pool
    return x


def test_a_page_that_kills_its_worker_becomes_a_reject_and_the_run_goes_on():
    out = list(map_ordered(_die_on_13, range(30), workers=2, on_crash=lambda x, e: -1, batch_size=4))
    assert [x for x, _ in out] == list(range(30))
    assert dict(out)[13] == -1
    assert all(r == x for x, r in out if x != 13)


EARTHQUAKE = [
    "A magnitude 6.1 earthquake struck the Aegean coast of Turkey near Izmir on Sunday, the country's disaster "
    "agency AFAD said, sending residents into the streets.",
    "At least 14 people were killed and 230 injured in Izmir, Governor Yavuz Selim Kosger said, as rescuers "
    "searched collapsed buildings in the Bayrakli district.",
    "The quake was felt on the Greek island of Samos, where a small tsunami flooded the harbour.",
]
FLOOD = [
    "Floods swept through the Spanish region of Valencia after a month's rain fell in eight hours, regional "
    "president Carlos Mazon said on Wednesday.",
    "Rescuers in Paiporta pulled residents from cars as the Poyo ravine burst its banks, Spain's emergency "
    "service UME said.",
    "Prime Minister Pedro Sanchez declared three days of national mourning.",
]


def test_a_later_build_adds_articles_to_the_stories_it_already_has(tmp_path):
    from storyline.pipeline import build
    from storyline.store import Store

    def page(name, paras, outlet, day):
        (tmp_path / name).write_text(json.dumps({"text": "\n".join(paras), "outlet": outlet,
                                                 "published": f"2025-03-{day:02d}",
                                                 "url": f"https://{outlet.lower()}.example/{name}"}) + "\n")
        return str(tmp_path / name)

    store = str(tmp_path / "s.duckdb")
    first = [page("q1.jsonl", EARTHQUAKE, "Daily", 2), page("f1.jsonl", FLOOD, "Herald", 5),
             page("q2.jsonl", [EARTHQUAKE[1], EARTHQUAKE[0]], "Courier", 2)]
    build(first, store, workers=1)
    with Store(store, read_only=True) as st:
        before = {s["id"]: set(s["article_ids"]) for s in st.story_rows()}
        arts = {a["source"].split("#")[0].split("/")[-1]: a for a in st.article_rows()}
    assert arts["q1.jsonl"]["story_id"] == arts["q2.jsonl"]["story_id"] != arts["f1.jsonl"]["story_id"]
    later = page("q3.jsonl", [EARTHQUAKE[2], EARTHQUAKE[0]], "Gazette", 3)
    build([later], store, workers=1)
    with Store(store, read_only=True) as st:
        after = {s["id"]: set(s["article_ids"]) for s in st.story_rows()}
        arts = {a["source"].split("#")[0].split("/")[-1]: a for a in st.article_rows()}
    # the earlier stories keep their ids and members; the new report joins the quake story
    assert set(before) <= set(after)
    assert all(before[sid] <= after[sid] for sid in before)
    assert arts["q3.jsonl"]["story_id"] == arts["q1.jsonl"]["story_id"]


def _hang_on_the_second_page(page):
    from storyline.clean import clean_page

    if "day 1" in page.content.decode():
        import time

        time.sleep(3600)        # a page that sends a parser into an endless loop
    return clean_page(page)


def test_a_page_that_hangs_becomes_a_timeout_reject_and_the_run_goes_on(tmp_path):
    from storyline.model import Reject

    f = tmp_path / "dump.jsonl"
    f.write_text("\n".join(json.dumps({"text": _site_page(i), "url": f"https://northstar.example/n/{i}"})
                           for i in range(3)) + "\n")
    results = [r for _p, r in process(iter_pages([str(f)]), workers=1, work=_hang_on_the_second_page,
                                      page_timeout=0.5)]
    assert [type(r).__name__ for r in results] == ["Article", "Reject", "Article"]
    assert isinstance(results[1], Reject) and results[1].reason == "timeout"


def test_a_store_kept_inside_its_input_folder_is_not_read_as_input(tmp_path):
    from pages import news_html

    from storyline.pipeline import build

    (tmp_path / "talks.html").write_text(news_html("Envoys meet in Riyadh", PARAGRAPHS[:4]))
    store = str(tmp_path / "storyline.duckdb")
    first = build([str(tmp_path)], store, workers=1)
    again = build([str(tmp_path)], store, workers=1)
    assert first.articles == 1 and first.rejected == 0
    assert again.pages_read == 1 and again.duplicates == 1 and again.rejected == 0


def test_progress_knows_its_total_from_the_start_and_names_the_corpus_steps(tmp_path):
    from storyline.pipeline import build

    f = tmp_path / "dump.jsonl"
    f.write_text("\n".join(json.dumps({"text": _site_page(i), "url": f"https://northstar.example/n/{i}"})
                           for i in range(12)) + "\n")
    seen = []
    summary = build([str(f)], str(tmp_path / "s.duckdb"), workers=1, batch_size=4,
                    on_progress=lambda s: seen.append((s.stage, s.inputs.read, s.inputs.total)))
    pages = [(read, total) for stage, read, total in seen if stage == "pages"]
    assert pages and all(total == f.stat().st_size for _r, total in pages)
    reads = [r for r, _t in pages]
    assert reads == sorted(reads) and reads[-1] == f.stat().st_size
    steps = [stage for stage, _r, _t in seen if stage.startswith("corpus")]
    assert steps[0] == "corpus: reading the store" and "corpus: stories" in steps
    assert steps[-2:] == ["corpus: writing", "corpus: storylines"]
    # each step's seconds, in the order they ran, adding up to the stage's time
    assert list(summary.corpus_steps) == [s.removeprefix("corpus: ") for s in dict.fromkeys(steps)]
    assert 0 < sum(summary.corpus_steps.values()) <= summary.corpus_seconds
