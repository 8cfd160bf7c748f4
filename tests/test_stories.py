"""Story clustering: look-alike events stay apart, reports of one event merge,
incremental builds keep their stories, and the result does not depend on input order."""
import random

from storyline.link.stories import Story, StoryDoc, cluster_stories, story_id

CHILE = [
    StoryDoc("chile-1", "Magnitude 7.1 earthquake strikes off central Chile",
             "A magnitude 7.1 earthquake struck off the coast of central Chile on Friday, the US Geological Survey said. "
             "The quake hit 45 km west of Valparaiso at a depth of 20 km. Residents of Valparaiso and Santiago fled "
             "into the streets. Chile's emergency office ONEMI ordered a tsunami evacuation of the coastline. "
             "President Gabriel Boric said there were no reports of deaths so far.",
             "2024-03-01", ["chile", "valparaiso", "santiago", "usgs", "onemi", "gabriel-boric"]),
    StoryDoc("chile-2", "Chile lifts tsunami warning after 7.1 quake near Valparaiso",
             "Chilean authorities lifted a tsunami warning on Saturday after a 7.1 magnitude quake shook Valparaiso. "
             "ONEMI said 3,000 people had been evacuated from coastal towns. Buildings in Valparaiso suffered cracks "
             "and power was cut to 40,000 homes. President Gabriel Boric visited the port city.",
             "2024-03-02", ["chile", "valparaiso", "onemi", "gabriel-boric"]),
    StoryDoc("chile-3", "Powerful quake rattles Chile's Valparaiso region",
             "A powerful earthquake of magnitude 7.1 rattled the Valparaiso region of Chile, the USGS reported. "
             "Shaking was felt in Santiago, where the metro was briefly halted. Boric said damage was limited, "
             "and ONEMI reported minor injuries.",
             "2024-03-01", ["chile", "valparaiso", "santiago", "usgs", "gabriel-boric", "onemi"]),
]
JAPAN = [
    StoryDoc("japan-1", "Magnitude 6.2 earthquake hits northern Japan",
             "A magnitude 6.2 earthquake hit Ishikawa prefecture in northern Japan on Saturday, the Japan "
             "Meteorological Agency said. The quake struck near Wajima at a depth of 10 km. Prime Minister Fumio "
             "Kishida said there was no tsunami threat. Shinkansen services were suspended.",
             "2024-03-02", ["japan", "ishikawa", "jma", "wajima", "fumio-kishida"]),
    StoryDoc("japan-2", "Japan quake: 6.2 tremor shakes Ishikawa, no tsunami",
             "A 6.2 magnitude tremor shook Ishikawa on Saturday. The Japan Meteorological Agency said there was no "
             "tsunami risk. In Wajima, 12 people were injured by falling objects and 800 homes lost power. "
             "Kishida ordered a government task force.",
             "2024-03-02", ["japan", "ishikawa", "jma", "wajima", "fumio-kishida"]),
    StoryDoc("japan-3", "Earthquake of magnitude 6.2 strikes Ishikawa prefecture",
             "An earthquake of magnitude 6.2 struck Ishikawa prefecture, Japan's weather agency said, injuring "
             "12 people in Wajima. Kishida told reporters the government was checking the Shika nuclear plant, "
             "where no abnormalities were found.",
             "2024-03-03", ["japan", "ishikawa", "jma", "wajima", "fumio-kishida", "shika"]),
]
TALKS = [
    StoryDoc("talks-1", "Lavrov and Rubio meet in Riyadh",
             "Russian Foreign Minister Sergey Lavrov and US Secretary of State Marco Rubio met in Riyadh on Tuesday "
             "for four hours of talks on Ukraine, hosted by Saudi Arabia.",
             "2025-02-18", ["sergey-lavrov", "marco-rubio", "riyadh", "saudi-arabia", "ukraine"]),
    StoryDoc("talks-2", "Rubio, Lavrov agree to restore embassies after Riyadh talks",
             "After talks in Riyadh, Marco Rubio and Sergey Lavrov agreed to restore staff at their embassies and "
             "to set up teams to work on ending the war in Ukraine.",
             "2025-02-18", ["marco-rubio", "sergey-lavrov", "riyadh", "ukraine"]),
    StoryDoc("talks-3", "US and Russia hold first high-level talks in Saudi Arabia",
             "The United States and Russia held their first high-level talks since 2022 in Riyadh, Saudi Arabia. "
             "Lavrov called the meeting useful; Rubio said it was a first step on Ukraine.",
             "2025-02-18", ["sergey-lavrov", "marco-rubio", "riyadh", "saudi-arabia", "ukraine"]),
]
GENEVA = [
    StoryDoc("geneva-1", "Blinken and Lavrov meet in Geneva as Ukraine tensions rise",
             "US Secretary of State Antony Blinken met Russian Foreign Minister Sergey Lavrov in Geneva on Friday "
             "for 90 minutes of talks on Ukraine, with no breakthrough.",
             "2022-01-21", ["antony-blinken", "sergey-lavrov", "geneva", "ukraine"]),
    StoryDoc("geneva-2", "No breakthrough at Blinken-Lavrov talks in Geneva",
             "Antony Blinken said after meeting Sergey Lavrov in Geneva that Washington would send written answers "
             "to Moscow's security demands next week.",
             "2022-01-21", ["antony-blinken", "sergey-lavrov", "geneva"]),
    StoryDoc("geneva-3", "Geneva talks: Blinken warns Russia over Ukraine",
             "In Geneva, Blinken warned Lavrov that any Russian forces moving into Ukraine would meet a swift, "
             "severe response; Lavrov said Russia had no plans to attack.",
             "2022-01-21", ["antony-blinken", "sergey-lavrov", "geneva", "ukraine"]),
]
ALL = CHILE + JAPAN + TALKS + GENEVA


def groups(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in stories}


def test_look_alike_events_stay_apart_and_reports_merge():
    stories = cluster_stories(ALL)
    assert groups(stories) == {frozenset(d.id for d in g) for g in (CHILE, JAPAN, TALKS, GENEVA)}
    chile = next(s for s in stories if "chile-1" in s.article_ids)
    assert chile.id == story_id("chile-1")        # seed = earliest (published, id)
    assert (chile.start, chile.end) == ("2024-03-01", "2024-03-02")
    assert "7.1" in chile.title and chile.summary
    assert chile.entity_ids[0] in {"chile", "gabriel-boric", "onemi", "valparaiso"}


def test_look_alikes_apart_without_entities_or_dates():
    bare = [StoryDoc(d.id, d.title, d.text, None) for d in CHILE + JAPAN]
    assert groups(cluster_stories(bare)) == {frozenset(d.id for d in CHILE), frozenset(d.id for d in JAPAN)}


def test_deterministic_under_shuffled_input():
    first = cluster_stories(ALL)
    for seed in range(3):
        docs = list(ALL)
        random.Random(seed).shuffle(docs)
        assert cluster_stories(docs) == first


def _increments(parts: list[list[StoryDoc]], max_neighbours: int = 30):
    """Link ``parts`` one build after another, as the corpus stage does: each build
    scores only its new articles, updates the earlier neighbour lists, reuses the
    memo. Returns the stories and the neighbour lists (by id) of each build."""
    import numpy as np

    from storyline.link.stories import (StoryParams, canonical_docs, cluster_with_edges, nearest_neighbours,
                                        neighbour_edges)

    p = StoryParams(max_neighbours=max_neighbours)
    seen: list[StoryDoc] = []
    known_ids: list[tuple[str, str, float]] = []
    memo: dict = {}
    out = []
    for part in parts:
        seen = seen + part
        docs = canonical_docs(seen)
        pos = {d.id: k for k, d in enumerate(docs)}
        known = tuple(np.array(x) for x in zip(*[(pos[a], pos[b], v) for a, b, v in known_ids])) \
            if known_ids else None
        nb, _ = nearest_neighbours(docs, known, {d.id for d in part}, p)
        known_ids = [(docs[a].id, docs[b].id, v) for a, b, v in zip(*(x.tolist() for x in nb))]
        stories, memo = cluster_with_edges(docs, neighbour_edges(nb), memo, p)
        out.append((stories, sorted(known_ids)))
    return out


def test_three_increments_give_the_stories_of_one_build():
    order = list(ALL)
    random.Random(7).shuffle(order)
    parts = [order[:4], order[4:9], order[9:]]
    *_, (last, _) = _increments(parts)
    assert last == cluster_stories(ALL)


def test_a_story_keeps_its_id_when_later_reports_join():
    (first, _), (second, _) = _increments([CHILE[:2] + TALKS[:2], [CHILE[2], TALKS[2]] + JAPAN])
    before = {frozenset(s.article_ids): s.id for s in first}
    chile = next(s for s in second if "chile-1" in s.article_ids)
    assert "chile-3" in chile.article_ids
    assert chile.id == before[frozenset({"chile-1", "chile-2"})] == story_id("chile-1")
    assert "talks-3" in next(s for s in second if "talks-1" in s.article_ids).article_ids
    assert frozenset(d.id for d in JAPAN) in groups(second)


def test_neighbour_lists_kept_up_to_date_equal_those_of_one_build():
    """With short lists (3 nearest), new articles displace earlier neighbours: the
    lists updated over four builds are those one build computes."""
    order = list(ALL)
    random.Random(3).shuffle(order)
    builds = _increments([order[:3], order[3:6], order[6:7], order[7:]], max_neighbours=3)
    (_, one), = _increments([order], max_neighbours=3)
    assert builds[-1][1] == one
    assert builds[1][1] != [x for x in one if x[0] in {d.id for d in order[:6]}]   # lists did change


def test_empty_input():
    assert cluster_stories([]) == []


def test_small_look_alike_story_is_not_absorbed_by_a_larger_one():
    extra = StoryDoc("chile-4", "Chile quake: Valparaiso counts damage",
                     "Engineers inspected cracked buildings in Valparaiso a day after the magnitude 7.1 earthquake. "
                     "ONEMI said schools in the Valparaiso region would stay closed on Monday.",
                     "2024-03-02", ["valparaiso", "onemi", "chile"])
    stories = cluster_stories(CHILE + [extra] + JAPAN)
    assert groups(stories) == {frozenset(d.id for d in CHILE + [extra]), frozenset(d.id for d in JAPAN)}
