"""Storylines: episodes of one developing story over several weeks, across outlets,
grouped into one storyline with a timeline of key dates citing their sentences; an
unrelated story from the same country kept apart; the same storylines and ids
whether the pages arrive in one build or two; the export and CLI contract."""
import json
import os
import subprocess
import sys

import pytest

from storyline.link.storylines import TimelineArticle, build_timeline
from storyline.pipeline import build
from storyline.store import Store
from storyline.store.storylines import storyline_rows

EXE = os.path.join(os.path.dirname(sys.executable), "storyline")

# (outlet, published, title, text): a mine collapse in Chile, its rescue and the inquiry
# that followed (four episodes over a month), and Chile's central bank cutting rates
# (an unrelated story sharing the country)
MINE = [
    ("Andes Wire", "2024-03-04", "Fourteen miners trapped after collapse at Chile copper mine",
     "Fourteen miners were trapped underground on Sunday after a tunnel collapsed at the San Lorenzo copper "
     "mine near Copiapo in northern Chile, the mine's owner Minera Atacama said. The collapse on March 3 "
     "sealed the main ramp about 600 metres below the surface, rescue chief Andres Sougarret told reporters. "
     "Families of the trapped men gathered at the gates of the San Lorenzo mine overnight. Mining minister "
     "Rosa Villalobos travelled to Copiapo and promised that no effort would be spared."),
    ("Pacific Herald", "2024-03-04", "Rescuers race to reach 14 men trapped in San Lorenzo mine",
     "Rescue teams began drilling on Monday to reach 14 miners trapped since Sunday in the San Lorenzo copper "
     "mine in Chile's Atacama region. The tunnel collapsed on Sunday, March 3, during a shift change, Minera "
     "Atacama said in a statement. Andres Sougarret, who leads the rescue, said the men may have reached a "
     "refuge chamber with food and oxygen for several days. Mining minister Rosa Villalobos said the "
     "government would oversee the operation near Copiapo."),
    ("The Daily Meridian", "2024-03-05", "Chile mine collapse: families keep vigil at San Lorenzo",
     "Relatives of the 14 miners trapped in the San Lorenzo copper mine kept vigil near Copiapo on Tuesday as "
     "drills bored toward the refuge chamber. The tunnel collapsed on Sunday, cutting the men off 600 metres "
     "underground, and Minera Atacama has faced questions about safety at the mine. Rescue chief Andres "
     "Sougarret said a first borehole could reach the chamber by the weekend."),
    ("Andes Wire", "2024-03-10", "Trapped Chilean miners found alive after six days",
     "All 14 miners trapped in the San Lorenzo copper mine are alive, rescuers said on Sunday, after a "
     "borehole reached their refuge chamber. Contact was made on Saturday, March 9, when the men tied a note "
     "to the drill bit, rescue chief Andres Sougarret said near Copiapo. Mining minister Rosa Villalobos read "
     "the note to cheering families at the camp outside the mine. Supplies and water are now being sent down "
     "the borehole to the miners."),
    ("Pacific Herald", "2024-03-11", "Note from the deep: San Lorenzo miners all alive",
     "A note tied to a drill bit on Saturday showed that all 14 men trapped in the San Lorenzo copper mine in "
     "Chile survived the collapse, officials said. Rescue chief Andres Sougarret said the borehole that "
     "reached the refuge chamber on Saturday would carry food, water and medicine. Minera Atacama said a "
     "wider rescue shaft would take about two weeks to drill near Copiapo."),
    ("Andes Wire", "2024-03-25", "All 14 San Lorenzo miners lifted to safety",
     "The last of the 14 miners trapped in the San Lorenzo copper mine was lifted to the surface on Sunday, "
     "ending a three-week ordeal in northern Chile. The rescue on March 24 used a steel capsule winched up "
     "the new shaft, rescue chief Andres Sougarret said near Copiapo. Mining minister Rosa Villalobos greeted "
     "each man as he stepped out of the capsule. Minera Atacama said the mine would stay closed."),
    ("The Daily Meridian", "2024-03-25", "Cheers at Copiapo as trapped miners are rescued",
     "Families cheered near Copiapo on Sunday as the 14 San Lorenzo miners were brought up one by one in a "
     "steel capsule. The rescue was completed on Sunday, March 24, three weeks after the tunnel collapsed, "
     "rescue chief Andres Sougarret said. The miners were taken to hospital in Copiapo for checks, and Mining "
     "minister Rosa Villalobos said an inquiry into Minera Atacama would follow."),
    ("Pacific Herald", "2024-03-25", "Capsule brings San Lorenzo miners back to the surface",
     "A steel capsule winched the 14 San Lorenzo miners to the surface one at a time on Sunday, completing "
     "the rescue three weeks after the collapse. Paramedics checked each man at a field hospital before the "
     "miners were flown to Copiapo by helicopter. The capsule made its last trip shortly before midnight on "
     "March 24, engineers said."),
    ("The Daily Meridian", "2024-03-26", "Rescued miners recover in hospital",
     "The 14 miners lifted from the San Lorenzo mine in a steel capsule on Sunday were recovering in "
     "hospital on Monday, doctors said. Two of the men were treated for dehydration and one for an eye "
     "infection after three weeks underground. President Gabriel Boric visited the rescued miners at the "
     "hospital and thanked the rescue teams and the engineers who built the capsule."),
    ("Pacific Herald", "2024-04-03", "Chile opens inquiry into San Lorenzo mine owner",
     "Chile opened an inquiry on Tuesday into Minera Atacama, the owner of the San Lorenzo copper mine where "
     "14 miners were trapped for three weeks. Mining minister Rosa Villalobos said on April 2 that inspectors "
     "had warned the company about the unstable tunnel near Copiapo last year. Minera Atacama said it would "
     "cooperate with the inquiry. The rescue of the miners on March 24 was followed live across Chile."),
    ("Andes Wire", "2024-04-03", "Inquiry targets Minera Atacama after San Lorenzo rescue",
     "Chilean prosecutors and mining inspectors began an inquiry on Tuesday into safety at the San Lorenzo "
     "copper mine owned by Minera Atacama. Mining minister Rosa Villalobos said the company had ignored "
     "warnings about the tunnel that collapsed on March 3 near Copiapo. The 14 miners rescued on March 24 "
     "are expected to testify."),
]
BANK = [
    ("Andes Wire", "2024-03-13", "Chile central bank cuts rates by 75 basis points",
     "Chile's central bank cut its benchmark interest rate by 75 basis points to 6.5% on Tuesday, citing "
     "slowing inflation. Governor Rosanna Costa said the board expected further cuts this year as consumer "
     "prices eased to 3.6% in February. The peso weakened after the decision in Santiago, and economists at "
     "local banks said the pace of easing was in line with forecasts."),
    ("Pacific Herald", "2024-03-13", "Chile's central bank keeps easing as inflation slows",
     "The Central Bank of Chile lowered its policy rate by three quarters of a point to 6.5% on Tuesday. "
     "Governor Rosanna Costa told a news conference in Santiago that inflation had slowed faster than "
     "expected and that the board would keep reducing borrowing costs. Analysts said the peso and copper "
     "prices would weigh on the next decision."),
]


def _write(path, rows, url_prefix):
    with open(path, "w", encoding="utf-8") as fh:
        for n, (outlet, published, title, text) in enumerate(rows):
            fh.write(json.dumps({"url": f"https://{url_prefix}.example/{published}/{n}", "outlet": outlet,
                                 "published": published, "title": title, "text": text}) + "\n")
    return str(path)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    d = tmp_path_factory.mktemp("storylines")
    first = _write(d / "first.jsonl", MINE[:5] + BANK[:1], "a")
    rest = _write(d / "rest.jsonl", MINE[5:] + BANK[1:], "b")
    whole = str(d / "whole.duckdb")
    build([first, rest], whole, workers=1)
    inc = str(d / "inc.duckdb")
    build([rest], inc, workers=1)          # the later pages first, then the earlier ones
    build([rest, first], inc, workers=1)
    return whole, inc


def _rows(path):
    with Store(path, read_only=True) as st:
        urls = dict(st._run("SELECT id, url FROM articles"))
        return storyline_rows(st), urls, {a["id"]: a["text"] for a in st.article_rows()}


def test_developing_story_is_one_storyline_apart_from_unrelated_story(built):
    rows, urls, _ = _rows(built[0])
    line_of = {a: r["id"] for r in rows for a in r["article_ids"]}
    mine = {line_of[a] for a, u in urls.items() if _is_mine(u)}
    bank = {line_of[a] for a, u in urls.items() if not _is_mine(u)}
    assert len(mine) == 1, rows
    assert not mine & bank
    line = next(r for r in rows if r["id"] in mine)
    assert line["start"] == "2024-03-04" and line["end"] == "2024-04-03"


# a third story sharing the country: wildfires in central Chile
FIRES = [
    ("Andes Wire", "2024-02-04", "Wildfires kill dozens around Vina del Mar",
     "Wildfires tore through hillside neighbourhoods around Vina del Mar in central Chile on Saturday, killing "
     "at least 46 people, President Gabriel Boric said. Firefighters battled more than 90 blazes in the "
     "Valparaiso region as strong winds and heat drove the flames into homes."),
    ("Pacific Herald", "2024-02-05", "Chile fire death toll rises as Valparaiso burns",
     "The death toll from the wildfires around Vina del Mar rose to 112 on Monday, making them the deadliest "
     "in Chile's history. Firefighters and soldiers searched burned homes in the Valparaiso region, and "
     "officials declared a curfew."),
]


def _episodes(groups):
    from collections import Counter

    from storyline.analyse.terms import article_terms
    from storyline.link.storylines import EpisodeDoc

    out = []
    for n, (rows, ents) in enumerate(groups):
        words: Counter = Counter()
        for _o, _p, title, text in rows:
            terms = article_terms(title, text)
            words.update(terms.text.keys.tolist() + terms.salient.keys.tolist())
        dates = sorted(r[1] for r in rows)
        ids = [f"e{n}a{i}" for i in range(len(rows))]
        out.append(EpisodeDoc(f"s_{n:02d}", rows[0][2], "", dates[0], dates[-1], ids, words,
                              Counter({e: len(rows) for e in ents})))
    return out


def test_episodes_group_by_continuity_not_by_country():
    chile = "Q298"
    mine = {"San Lorenzo", "Minera Atacama", "Copiapo"}
    groups = [(MINE[:3], mine | {chile, "Sougarret"}), (MINE[3:5], mine | {chile, "Sougarret"}),
              (MINE[5:9], mine | {chile, "Villalobos"}), (MINE[9:], {"Minera Atacama", "Villalobos", chile}),
              (BANK, {chile, "Rosanna Costa", "Santiago"}), (FIRES, {chile, "Vina del Mar", "Gabriel Boric"})]
    from storyline.link.storylines import group_episodes

    eps = _episodes(groups)
    got = [[e.id for e in g] for g in group_episodes(eps)]
    assert ["s_00", "s_01", "s_02", "s_03"] in got, got
    assert ["s_04"] in got and ["s_05"] in got
    assert [[e.id for e in g] for g in group_episodes(list(reversed(eps)))] == got   # order-independent


def _is_mine(url: str) -> bool:
    # first file: MINE[:5] then BANK[0] (index 5); second file: MINE[5:] (0..5) then BANK[1] (index 6)
    return not (url.startswith("https://a.example/") and url.endswith("/5")
                or url.startswith("https://b.example/") and url.endswith("/6"))


def test_timeline_dates_cite_sentences_that_name_them(built):
    rows, urls, texts = _rows(built[0])
    line = max(rows, key=lambda r: len(r["article_ids"]))
    days = [d["date"] for d in line["timeline"]]
    assert {"2024-03-03", "2024-03-24"} <= set(days)          # the collapse and the rescue: named by most reports
    assert days == sorted(days)
    for d in line["timeline"]:
        assert texts[d["article_id"]][d["start"]:d["end"]] == d["text"]
        assert d["independent_sources"] >= 2
    rescue = next(d for d in line["timeline"] if d["date"] == "2024-03-24")
    assert "24" in rescue["text"] or "Sunday" in rescue["text"]


def test_storylines_equal_across_increments(built):
    one, _, _ = _rows(built[0])
    two, _, _ = _rows(built[1])
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)


def test_unchanged_timelines_come_from_the_memo_and_a_changed_origin_remakes_them(built, tmp_path, monkeypatch):
    import shutil

    import storyline.link.storylines as ls
    from storyline.store.storylines import link_storylines_in

    store = str(tmp_path / "copy.duckdb")
    shutil.copy(built[0], store)
    before, _, _ = _rows(store)
    made = []
    real = ls.build_timeline
    monkeypatch.setattr(ls, "build_timeline", lambda *a, **k: made.append(1) or real(*a, **k))
    with Store(store) as st:
        link_storylines_in(st)
    assert made == [] and _rows(store)[0] == before       # nothing changed: every timeline from the memo
    found = []
    real_spans = ls.timeline_spans
    monkeypatch.setattr(ls, "timeline_spans", lambda art: found.append(art.id) or real_spans(art))
    with Store(store) as st:
        line = max(before, key=lambda r: len(r["article_ids"]))
        # one article of the big storyline now counts as a copy of another one: its sources change
        st._run("UPDATE articles SET origin_id = ? WHERE id = ?", [line["article_ids"][1], line["article_ids"][0]])
        link_storylines_in(st)
        stored = dict(st._run("SELECT article_id, spans FROM timeline_spans"))
    assert len(made) == 1
    # the remade timeline read its articles' sentences from the store (found by the first build)
    assert found == [] and set(line["article_ids"]) <= set(stored)
    with Store(store, read_only=True) as st:
        text = next(a["text"] for a in st.article_rows() if a["id"] == line["article_ids"][0])
    flat = stored[line["article_ids"][0]]
    assert all(text[s:e].strip() == text[s:e] and text[s:e] for s, e in zip(flat[::2], flat[1::2]))
    after = {r["id"]: r for r in _rows(store)[0]}
    assert all(after[r["id"]] == r for r in before if r["id"] != line["id"])


def test_future_dates_are_not_key_dates():
    text = ("Negotiators from both governments held talks in Geneva on Monday, March 4. "
            "The two sides will meet again on March 20 in Geneva, officials said.")
    spans = [(text.index(x), text.index(x) + len(x), v) for x, v in (("Monday, March 4", "2024-03-04"),
                                                                     ("March 20", "2024-03-20"))]
    arts = [TimelineArticle(f"a{i}", text, "2024-03-05", f"id:a{i}", spans) for i in range(3)]
    days = [d.date for d in build_timeline(arts)]
    assert days == ["2024-03-04"]


def test_exports_and_cli(built):
    whole = built[0]
    out = subprocess.run([EXE, "export", "--what", "storylines", "--store", whole], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    rec = [json.loads(x) for x in out.stdout.splitlines()]
    assert rec and set(rec[0]) == {"id", "title", "summary", "start", "end", "story_ids", "article_ids",
                                   "entity_ids", "timeline"}
    big = max(rec, key=lambda r: len(r["article_ids"]))
    assert set(big["timeline"][0]) == {"date", "text", "article_id", "start", "end", "independent_sources"}
    out = subprocess.run([EXE, "export", "--what", "timexes", "--store", whole], capture_output=True, text=True,
                         timeout=120)
    tx = [json.loads(x) for x in out.stdout.splitlines()]
    assert {"article_id", "text", "start", "end", "type", "value", "anchor", "resolution"} == set(tx[0])
    assert any(t["text"] == "Sunday" and t["anchor"] and t["value"] for t in tx)
    listing = subprocess.run([EXE, "storylines", "--store", whole], capture_output=True, text=True, timeout=120)
    assert big["id"] in listing.stdout
    tl = subprocess.run([EXE, "timeline", "--storyline", big["id"][:8], "--store", whole], capture_output=True,
                        text=True, timeout=120)
    assert tl.returncode == 0 and "2024-03-24" in tl.stdout


def test_storyline_report_and_user_error(built, tmp_path):
    whole = built[0]
    rows, _, _ = _rows(whole)
    big = max(rows, key=lambda r: len(r["article_ids"]))
    page = tmp_path / "line.html"
    out = subprocess.run([EXE, "report", "--storyline", big["id"], "--store", whole, "--out", str(page)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    html = page.read_text(encoding="utf-8")
    assert html.index('id="key-dates"') < html.index('id="episodes"') < html.index('id="people"')
    assert "<script" not in html.lower()
    bad = subprocess.run([EXE, "timeline", "--storyline", "l_nope", "--store", whole], capture_output=True,
                         text=True, timeout=120)
    assert bad.returncode != 0 and len(bad.stderr.strip().splitlines()) == 1 and "l_nope" in bad.stderr


def test_storyline_dossier_escapes_scraped_text(built):
    from storyline.serve.storyline_report import render_storyline_html, render_storyline_markdown, storyline_dossier

    with Store(built[0], read_only=True) as st:
        rows = storyline_rows(st)
        big = max(rows, key=lambda r: len(r["article_ids"]))
        data = storyline_dossier(st, big["id"][:10])
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))'
    data["storyline"]["timeline"][0]["text"] = hostile
    data["storyline"]["episodes"][0]["title"] = hostile
    page = render_storyline_html(data)
    assert "<script>alert" not in page and "<img src=x" not in page and "&lt;script&gt;" in page
    md = render_storyline_markdown(data)
    assert "<script>" not in md and "[x](javascript:" not in md and "\\[x\\](javascript:" in md
    assert md.index("## Key dates") < md.index("## Episodes") < md.index("## Summary")


def test_sentences_read_up_to_a_position_are_those_of_the_whole_text():
    """A timeline reads an article's sentences only as far as its last dated one (and
    its lead): those must be exactly the whole text's first sentences, abbreviations,
    datelines and blank lines included."""
    from storyline.link.storylines import _sentence_spans

    text = ("CAIRO, Feb 11 (Reuters) - Egypt's Vice President Omar Suleiman said on Friday that "
            "Mr. Mubarak had stepped down.\n\nThe U.S. welcomed the news at 6 p.m. local time. "
            "Crowds in Tahrir Square cheered. \"It is over,\" one protester said.\n"
            "Talks resumed on Feb. 13 in the capital. The army said it would hand over power "
            "within six months or at the next election. Markets reopened on March 6.")
    whole = _sentence_spans(text)
    assert len(whole) >= 7
    for pos in (0, text.index("Crowds"), text.index("Feb. 13"), text.index("March 6")):
        head = _sentence_spans(text, 5, pos)
        assert head == whole[:len(head)]
        assert all(start > pos for start, _end in whole[len(head):])     # none it needs is left out
    assert _sentence_spans(text, 5) == whole[:5]
    # the dateline is not part of the first sentence, and "Mr." / "U.S." / "p.m." end none
    assert text[whole[0][0]:whole[0][1]].startswith("Egypt's Vice President")
    assert text[whole[1][0]:whole[1][1]] == "The U.S. welcomed the news at 6 p.m. local time."


def _timeline_article(aid: str, origin: str, published: str, sentences: list[str], named: list[tuple[str, str]]):
    text = " ".join(sentences)
    dates = [(text.index(x), text.index(x) + len(x), v) for x, v in named]
    return TimelineArticle(aid, text, published, origin, dates)


def test_copies_of_one_report_do_not_vote_for_their_own_sentence():
    # three copies of a wire story name the day in an aside about someone else; one other
    # report names it in the sentence that tells what happened. Copies count once.
    aside = ("Ukraine's president, who was visiting Ankara on Tuesday, said Kyiv would not recognise any "
             "agreement about its future reached without its participation.")
    talks = ("Senior Russian and American officials held talks in Riyadh on Tuesday, their first in three "
             "years, and agreed to restore the staff of their embassies.")
    wire = [aside, "The delegations met for four and a half hours in the Saudi capital, officials said.",
            "Both sides agreed to appoint teams to work towards ending the war in Ukraine."]
    paper = [talks, "The delegations sat for four and a half hours at a palace in the Saudi capital.",
             "Both sides agreed that the embassies would return to full staff."]
    arts = [_timeline_article(f"w{i}", "wire:1", day, wire, [("Tuesday", "2025-02-18")])
            for i, day in enumerate(["2025-02-18", "2025-02-19", "2025-02-19"])]
    arts.append(_timeline_article("b1", "paper:b", "2025-02-19", paper, [("Tuesday", "2025-02-18")]))
    (entry,) = build_timeline(arts, n_dates=1)
    assert (entry.date, entry.text, entry.independent_sources) == ("2025-02-18", talks, 2)


def test_a_long_sentence_is_cited_by_its_main_clause_when_that_names_the_day():
    main = ("Senior American and Russian officials agreed on Tuesday to restore staffing at each other's "
            "embassies and to appoint negotiating teams to explore an end to the war in Ukraine")
    rest = (", after the first extended face-to-face meeting between the two governments since the "
            "full-scale invasion began three years ago, a step both delegations called useful.")
    text = main + rest
    assert len(text) > 300            # too long to be a timeline entry as a whole
    arts = [_timeline_article(f"a{i}", f"paper:{i}", "2025-02-19", [text], [("Tuesday", "2025-02-18")])
            for i in range(2)]
    (entry,) = build_timeline(arts, n_dates=1)
    assert entry.text == main and text[entry.start:entry.end] == main
    # the day named only in the trailing clause: the main clause would not name it, no entry
    late = ("Senior American and Russian officials agreed to restore staffing at each other's embassies and "
            "to appoint negotiating teams to explore an end to the war in Ukraine and to meet again soon"
            ", after the first extended face-to-face meeting on Tuesday between the two governments since "
            "the full-scale invasion began three years ago, a step both delegations called useful.")
    arts = [_timeline_article(f"b{i}", f"paper:{i}", "2025-02-19", [late], [("Tuesday", "2025-02-18")])
            for i in range(2)]
    assert build_timeline(arts, n_dates=1) == []



def test_a_listing_line_is_no_timeline_entry():
    """A fixture list's line names the day but says nothing happened: the entry is the
    sentence that does, even where the listing is carried by more sources."""
    listing = "Saturday 5.30pm Sky Sports Premier League Venue Vitality Stadium Last season Bournemouth 0"
    report = ("Arsenal beat Bournemouth 3-0 at the Vitality Stadium on Saturday, with Martin Odegaard "
              "scoring twice in the first eleven minutes.")
    arts = [_timeline_article(f"l{i}", f"paper:{i}", "2022-08-20", [listing + "\n" + "Team news follows below."],
                              [("Saturday", "2022-08-20")]) for i in range(3)]
    arts += [_timeline_article(f"r{i}", f"site:{i}", "2022-08-21", [report], [("Saturday", "2022-08-20")])
             for i in range(2)]
    (entry,) = build_timeline(arts, n_dates=1)
    assert entry.text == report

# two look-alike events of one kind, three weeks apart, with different actors: two takeovers
TAKEOVERS = [
    ([("Market Wire", "2024-05-06", "Norvik Foods to buy dairy maker Alpenmilch for $2.1bn",
       "Norvik Foods agreed on Monday to buy the Swiss dairy maker Alpenmilch for $2.1 billion in cash, the "
       "companies said. Norvik will pay 48 dollars a share, a premium of 31% to Friday's close, and expects the "
       "deal to close by the end of the year, subject to approval by regulators and Alpenmilch shareholders. "
       "Chief executive Maren Solberg said the acquisition would double Norvik's sales in Europe."),
      ("Business Daily", "2024-05-07", "Alpenmilch shares jump on Norvik takeover",
       "Shares in Alpenmilch rose 29% on Tuesday after Norvik Foods agreed to acquire the dairy group for $2.1 "
       "billion. Analysts said the offer of 48 dollars a share valued the company fairly and that competition "
       "regulators in Brussels were unlikely to block the deal. Norvik's Maren Solberg said cheese and yoghurt "
       "brands would keep their names.")],
     {"Norvik Foods", "Alpenmilch", "Maren Solberg", "Switzerland"}),
    ([("Market Wire", "2024-05-27", "Castell Software to acquire chipmaker Veritone Labs",
       "Castell Software said on Monday it would acquire the chip designer Veritone Labs for $3.4 billion in "
       "cash and stock. Castell will pay 61 dollars a share, a premium of 24% to Friday's close, and expects the "
       "deal to close next year, subject to approval by regulators and Veritone shareholders. Chief executive "
       "Idris Okafor said the acquisition would bring chip design in house."),
      ("Business Daily", "2024-05-28", "Veritone Labs shares soar after Castell bid",
       "Shares in Veritone Labs rose 22% on Tuesday after Castell Software agreed to acquire the company for "
       "$3.4 billion. Analysts said the offer of 61 dollars a share was generous and that regulators in "
       "Washington would examine the deal. Castell's Idris Okafor said Veritone's engineers in Austin would "
       "stay.")],
     {"Castell Software", "Veritone Labs", "Idris Okafor", "Austin"}),
]


def test_look_alike_events_with_other_actors_stay_apart():
    """Two takeovers told in the same words (agreed to buy, a share, a premium, regulators,
    shareholders) by different companies are two storylines, not one "takeovers" storyline;
    a follow-up of one of them (the same companies) joins it."""
    from storyline.link.storylines import group_episodes

    follow_up = ([("Market Wire", "2024-06-10", "Alpenmilch shareholders back Norvik takeover",
                   "Alpenmilch shareholders voted on Monday to accept the $2.1 billion takeover by Norvik Foods. "
                   "Maren Solberg said Norvik would complete the acquisition of the Swiss dairy maker once "
                   "regulators in Brussels approve it.")],
                 {"Norvik Foods", "Alpenmilch", "Maren Solberg", "Switzerland"})
    got = [[e.id for e in g] for g in group_episodes(_episodes(TAKEOVERS + [follow_up]))]
    assert ["s_01"] in got, got
    assert ["s_00", "s_02"] in got, got


# a user's handful of pages about one developing story over four months (the case):
# the same people on every page, the episodes weeks or months apart
US_RUSSIA = [
    ([("Moscow Wire", "2024-11-07", "Putin says he is ready to talk to Trump",
       "Russian President Vladimir Putin said on Thursday that he was ready to talk to Donald Trump and "
       "congratulated him on his election victory, speaking at the Valdai Discussion Club in Sochi. Kremlin "
       "spokesman Dmitry Peskov said there were no plans yet for a call between Putin and Trump."),
      ("Capital Post", "2024-11-08", "Kremlin says no contacts with Trump team yet",
       "The Kremlin said on Friday that there had been no contacts with Donald Trump's team about a call with "
       "Vladimir Putin. Dmitry Peskov told reporters that Moscow was open to dialogue with Washington on "
       "Ukraine.")],
     {"Vladimir Putin", "Donald Trump", "Dmitry Peskov", "Russia", "Ukraine", "United States"}),
    ([("Capital Post", "2025-02-12", "Trump and Putin agree to start Ukraine talks",
       "Donald Trump said on Wednesday that he had held a long phone call with Vladimir Putin and that they had "
       "agreed to begin negotiations on ending the war in Ukraine. Dmitry Peskov said Putin invited Trump to "
       "Moscow. Trump said Marco Rubio would lead the talks."),
      ("Moscow Wire", "2025-02-18", "Russian and US officials hold talks in Riyadh",
       "Sergei Lavrov and Marco Rubio held talks in Riyadh on Tuesday, the first high-level meeting between "
       "Russia and the United States since the invasion of Ukraine. Yuri Ushakov said a meeting between Putin "
       "and Trump was possible.")],
     {"Vladimir Putin", "Donald Trump", "Dmitry Peskov", "Marco Rubio", "Sergey Lavrov", "Yuri Ushakov",
      "Russia", "Ukraine", "United States", "Saudi Arabia"}),
    ([("Moscow Wire", "2025-03-13", "Putin backs ceasefire idea but wants conditions",
       "Vladimir Putin said on Thursday that he supported the idea of a 30-day ceasefire in Ukraine proposed by "
       "the United States but that conditions had to be met, as envoy Steve Witkoff arrived in Moscow. Yuri "
       "Ushakov said Putin and Trump could speak by phone, and Dmitry Peskov said the Kremlin was studying "
       "the proposal.")],
     {"Vladimir Putin", "Donald Trump", "Dmitry Peskov", "Yuri Ushakov", "Steve Witkoff", "Russia", "Ukraine",
      "United States"}),
]


def test_a_handful_of_pages_with_the_same_people_is_one_storyline():
    """Three episodes over four months, every one about Putin, Trump and the Kremlin: one
    storyline, though a plain IDF over three episodes gives actors on every page no weight;
    the two takeovers (other companies, the same words) stay apart all the same."""
    from storyline.link.storylines import group_episodes

    got = [[e.id for e in g] for g in group_episodes(_episodes(US_RUSSIA))]
    assert got == [["s_00", "s_01", "s_02"]], got
    got = [[e.id for e in g] for g in group_episodes(_episodes(TAKEOVERS))]
    assert ["s_00"] in got and ["s_01"] in got, got


def test_a_handful_of_pages_still_gets_a_timeline_of_single_source_days():
    """With few pages no day has two independent sources; the best-told days fill the
    timeline up to its minimum, each entry saying it rests on one source."""
    days = [("2025-02-12", "Wednesday", "Donald Trump said on Wednesday that he had held a long phone call with "
             "Vladimir Putin and that they had agreed to begin negotiations on ending the war."),
            ("2025-02-18", "Tuesday", "Sergei Lavrov and Marco Rubio held talks in Riyadh on Tuesday, the first "
             "high-level meeting between the two countries in three years."),
            ("2025-03-13", "Thursday", "Vladimir Putin said on Thursday that he supported the idea of a 30-day "
             "ceasefire but that conditions had to be met, as envoy Steve Witkoff arrived in Moscow.")]
    arts = [_timeline_article(f"u{i}", f"paper:{i}", day, [text], [(word, day)])
            for i, (day, word, text) in enumerate(days)]
    line = build_timeline(arts)
    assert [(t.date, t.independent_sources) for t in line] == [(d, 1) for d, _w, _t in days]


def test_a_capitals_dateline_is_not_part_of_the_cited_sentence():
    from storyline.link.storylines import _sentence_spans

    text = ("WASHINGTON — The White House envoy said on Thursday that a ceasefire could be agreed within weeks. "
            "NATO said it would meet. KYIV, Ukraine — Russia fired missiles overnight.")
    cited = [text[s:e] for s, e in _sentence_spans(text)]
    assert cited == ["The White House envoy said on Thursday that a ceasefire could be agreed within weeks.",
                     "NATO said it would meet.", "Russia fired missiles overnight."]
