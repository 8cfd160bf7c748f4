"""A small real store for the read API and web app tests: news pages, a wire copy, a
forum repost, an undated page whose date is inferred, and a hostile page whose every
scraped field (title, outlet, author, text, URL) carries markup and script payloads.
Built once per test process through the real pipeline. Pure helpers, no pytest code."""
from __future__ import annotations

import atexit
import csv
import shutil
import tempfile
from pathlib import Path

from pages import PARAGRAPHS, TITLE, forum_repost_text, news_html, wire_copy_html

PAYLOAD = "<script>document.title='PWNED'</script><img src=x onerror=\"document.body.dataset.pwned=1\">"
HOSTILE_TITLE = f"Lavrov{PAYLOAD} and Rubio meet again"
HOSTILE_OUTLET = f"Evil{PAYLOAD}Outlet"
HOSTILE_PARAGRAPHS = [
    f"Foreign Minister Sergei Lavrov met Secretary of State Marco Rubio in Riyadh on Tuesday. {PAYLOAD} "
    "The two delegations agreed to restore staffing at both embassies, officials said.",
    f"\"We heard each other {PAYLOAD},\" Lavrov told reporters after the talks in the Saudi capital, "
    "adding that a new round of talks would take place in Istanbul.",
    "Kremlin spokesman Dmitry Peskov said the talks had been useful and that nobody expected instant "
    "results from a first meeting after years without contact between the two governments.",
]
UNDATED_TEXT = (
    "Ministers meet in Istanbul\n\n"
    "ISTANBUL, February 27, 2025 - Russian and American diplomats met in Istanbul on Thursday for six "
    "hours of talks on the work of their embassies, the Russian foreign ministry said.\n\n"
    "Kremlin spokesman Dmitry Peskov said the talks had been constructive. \"The embassies must work "
    "normally again,\" Peskov told reporters in Moscow, adding that the next round had no date yet.\n\n"
    "Foreign Minister Sergei Lavrov said the two sides had agreed to continue the talks and that the "
    "discussions in Istanbul were businesslike and concrete, according to state media.\n"
)

_BUILT: dict[str, str] = {}


def write_pages(folder: Path) -> Path:
    """Write the pages and their manifest into ``folder``; returns the manifest path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "riyadh-talks.html").write_text(news_html(TITLE, PARAGRAPHS, published="2025-02-18"),
                                              encoding="utf-8")
    (folder / "wire-ani.html").write_text(wire_copy_html(PARAGRAPHS[2:6]), encoding="utf-8")
    (folder / "forum-repost.txt").write_text(forum_repost_text(PARAGRAPHS[:5]), encoding="utf-8")
    (folder / "hostile.html").write_text(news_html(HOSTILE_TITLE, HOSTILE_PARAGRAPHS, site=HOSTILE_OUTLET,
                                                   published="2025-02-19", author=f"Jane{PAYLOAD}Roe",
                                                   related=False, comments=False), encoding="utf-8")
    (folder / "istanbul-undated.txt").write_text(UNDATED_TEXT, encoding="utf-8")
    manifest = folder / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "url", "outlet", "published", "title"])
        w.writerow(["riyadh-talks.html", "https://dailymeridian.example/world/2025/02/18/riyadh-talks",
                    "The Daily Meridian", "2025-02-18", TITLE])
        w.writerow(["hostile.html", "javascript:alert(document.domain)", HOSTILE_OUTLET, "2025-02-19",
                    HOSTILE_TITLE])
    return manifest


def built_store() -> str:
    """The path of the test store (built on first use in this process)."""
    if "path" not in _BUILT:
        from storyline.pipeline import build

        root = Path(tempfile.mkdtemp(prefix="storyline-serve-"))
        atexit.register(shutil.rmtree, root, True)    # 10 MB a test run: not left in /tmp
        manifest = write_pages(root / "pages")
        store = root / "store.duckdb"
        build([str(root / "pages")], str(store), manifest=str(manifest), workers=1)
        _BUILT["path"] = str(store)
    return _BUILT["path"]
