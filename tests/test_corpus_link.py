"""Story-level linking: one canonical event per occurrence, and the contradictions
between reports (dates, places, roles, impossible places), each citing both spans."""
from storyline.link.contradictions import event_contradictions, place_contradictions, role_contradictions
from storyline.link.corpus import is_container
from storyline.link.events import EventReport, merge_events

NAMES = {"E_putin": "Vladimir Putin", "E_trump": "Donald Trump", "E_riyadh": "Riyadh", "E_jeddah": "Jeddah",
         "E_us": "United States", "E_ru": "Russia"}


def report(article, seq, sentence, type_, date, source, target, location=None, modality="asserted", n=0,
           outlet=None, date_source="timex"):
    return EventReport(article, seq, n, 0, len(sentence), sentence, type_, None, modality, date,
                       "day" if date and len(date) == 10 else None, date_source if date else None, source, target,
                       [x for x in (source, target) if x], location, NAMES.get(location), outlet)


def test_reports_of_one_call_from_both_sides_are_one_event():
    reps = [
        report("tass1", 0, "Putin spoke by phone with Trump on Tuesday, the Kremlin said.", "CONSULT", "2025-03-18",
               "E_putin", "E_trump", outlet="TASS"),
        report("reu1", 1, "Trump and Putin held a lengthy call on Tuesday.", "CONSULT", "2025-03-18",
               "E_trump", "E_putin", outlet="Reuters"),
        # a different call a week earlier stays apart
        report("ap1", 2, "Trump spoke with Putin on March 11.", "CONSULT", "2025-03-11", "E_trump", "E_putin",
               outlet="AP"),
    ]
    events = merge_events(reps, NAMES)
    assert len(events) == 2
    call = next(e for e in events if e.date == "2025-03-18")
    assert call.article_ids == ["tass1", "reu1"] and call.outlets == ["TASS", "Reuters"]
    assert set(call.actors) == {"Vladimir Putin", "Donald Trump"}


def test_directed_events_keep_their_direction_and_denials_are_not_merged_with_claims():
    reps = [
        report("a", 0, "Russia expelled two US diplomats on Monday.", "SANCTION", "2025-03-17", "E_ru", "E_us"),
        report("b", 1, "The US expelled two Russian diplomats on Monday.", "SANCTION", "2025-03-17", "E_us", "E_ru"),
        report("c", 2, "Russia did not expel any US diplomats on Monday, Moscow said.", "SANCTION", "2025-03-17",
               "E_ru", "E_us", modality="negated"),
    ]
    assert len(merge_events(reps, NAMES)) == 3


def test_same_place_or_unstated_place_merges_two_stated_places_do_not():
    reps = [
        report("a", 0, "Rubio met Lavrov in Riyadh on Tuesday.", "CONSULT", "2025-02-18", "E_trump", "E_putin",
               location="E_riyadh"),
        report("b", 1, "Rubio met Lavrov on Tuesday.", "CONSULT", "2025-02-18", "E_trump", "E_putin"),
        report("c", 2, "Rubio met Lavrov in Jeddah on Tuesday.", "CONSULT", "2025-02-18", "E_trump", "E_putin",
               location="E_jeddah"),
    ]
    events = merge_events(reps, NAMES)
    assert sorted(len(e.article_ids) for e in events) == [1, 2]
    conflicts = event_contradictions(reps, {"a": "s1", "b": "s1", "c": "s1"}, NAMES)
    kinds = {c.kind for c in conflicts}
    assert kinds == {"place"}
    place = conflicts[0]
    assert {place.a["article_id"], place.b["article_id"]} == {"a", "c"}
    assert "Riyadh" in place.description and "Jeddah" in place.description


def test_the_same_event_dated_differently_in_one_story_is_a_contradiction():
    reps = [
        report("a", 0, "Putin and Trump spoke by phone on Tuesday.", "CONSULT", "2025-03-18", "E_putin", "E_trump"),
        report("b", 1, "Putin and Trump spoke by phone on Wednesday.", "CONSULT", "2025-03-19", "E_putin", "E_trump"),
        report("c", 2, "Putin and Trump spoke by phone in May.", "CONSULT", "2025-05-19", "E_putin", "E_trump"),
    ]
    conflicts = event_contradictions(reps, {"a": "s1", "b": "s1", "c": "s1"}, NAMES)
    assert [(c.kind, c.a["article_id"], c.b["article_id"]) for c in conflicts] == [("date", "a", "b")]
    # different stories: two separate calls, no contradiction
    assert event_contradictions(reps, {"a": "s1", "b": "s2", "c": "s1"}, NAMES) == []


def test_former_president_against_president_of_the_same_period():
    statements = [
        {"entity_id": "E_trump", "article_id": "a", "published": "2025-03-01", "role": "US President",
         "start": 0, "end": 12, "text": "US President"},
        {"entity_id": "E_trump", "article_id": "b", "published": "2025-03-03", "role": "former US President",
         "start": 10, "end": 29, "text": "former US President"},
        {"entity_id": "E_trump", "article_id": "c", "published": "2025-03-05", "role": "U.S. President",
         "start": 5, "end": 19, "text": "U.S. President"},
    ]
    conflicts = role_contradictions(statements, {}, NAMES)
    assert len(conflicts) == 1
    c = conflicts[0]
    assert c.kind == "role" and c.a["article_id"] == "b" and c.b["article_id"] == "c"
    # "former" after the end of an office, with no later "President", is no contradiction
    assert role_contradictions(statements[:2], {}, NAMES) == []


def test_a_town_inside_another_town_is_impossible_but_a_town_in_a_country_is_not():
    text = "The delegations met in Istanbul in Ankara on Friday. Earlier talks were held in Riyadh in Saudi Arabia."
    places = {"Istanbul": "GPE", "Ankara": "GPE", "Riyadh": "GPE", "Saudi Arabia": "GPE"}
    conflicts = place_contradictions("a1", text, places, None, is_container)
    assert len(conflicts) == 1
    c = conflicts[0]
    assert (text[c.a["start"]:c.a["end"]], text[c.b["start"]:c.b["end"]]) == ("Istanbul", "Ankara")
