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
