"""Sentence-level PLOVER events (storyline.analyse.events) on realistic news sentences."""
from __future__ import annotations

import pytest

from storyline.analyse import nlp, parse_text
from storyline.analyse.entities import extract_entities
from storyline.analyse.events import Event, extract_events, main_event

try:
    from storyline.analyse.timex import find_timexes
except Exception:  # the time-expression module is optional for these tests
    find_timexes = None

PUB = "2025-03-19"


@pytest.fixture(scope="module")
def analyse():
    pipe = nlp()

    def run(text: str, published: str = PUB):
        t = parse_text(text)
        doc = pipe(t)
        entities, mentions = extract_entities(doc, published)
        timexes = find_timexes(t, published, doc) if find_timexes else []
        events = extract_events(doc, entities, mentions, timexes, published)
        return entities, events, main_event(events)
    return run


def _country(entities, idx):
    return entities[idx].country if idx is not None else None


def test_held_phone_call_is_consult_phone(analyse):
    ents, events, ev = analyse("Russian President Vladimir Putin held a phone call with U.S. President Donald Trump "
                               "on Tuesday, the Kremlin said.")
    assert ev.type == "CONSULT" and ev.mode == "phone"
    assert "Putin" in ev.source_text and "Trump" in ev.target_text
    assert _country(ents, ev.source) == "RU" and _country(ents, ev.target) == "US"
    assert ev.modality == "asserted"          # the Kremlin speaks for Putin's side
    assert ev.sentence.startswith("Russian President")
    assert set(ev.actors) >= {ev.source, ev.target}
    if find_timexes:
        assert ev.date == "2025-03-18" and ev.date_source == "timex"


def test_planned_summit_is_agree_planned(analyse):
    ents, events, ev = analyse("Putin and Trump will hold a summit in Budapest next month, Kremlin aide Yuri Ushakov said.")
    assert ev.type == "AGREE"
    assert ev.modality == "planned"
    assert ev.location_text == "Budapest"
    assert "Putin" in ev.source_text and "Trump" in ev.target_text   # reciprocal: second party as target


def test_agreed_to_meet_is_agree(analyse):
    _ents, _events, ev = analyse("Lavrov and Rubio agreed to meet again in Riyadh.")
    assert ev.type == "AGREE" and "agreed" in ev.trigger and "meet" in ev.trigger


def test_expelled_diplomats_is_sanction_expel(analyse):
    ents, _events, ev = analyse("Poland expelled two Russian diplomats on Monday over a sabotage plot.")
    assert (ev.type, ev.mode) == ("SANCTION", "expel")
    assert ev.source_text == "Poland" and _country(ents, ev.source) == "PL"
    assert "Russian diplomats" in ev.target_text and _country(ents, ev.target) == "RU"


def test_deported_journalist_is_coerce_deport(analyse):
    _ents, _events, ev = analyse("Russian authorities deported a Danish journalist on Monday.")
    assert (ev.type, ev.mode) == ("COERCE", "deport")


def test_negated_attack(analyse):
    _ents, _events, ev = analyse("Russia did not attack the convoy near Kupiansk, the Defence Ministry said.")
    assert ev.type == "ASSAULT" and ev.modality == "negated"
    assert ev.date is None                     # a negated event has no date


def test_hypothetical_sanctions(analyse):
    ents, _events, ev = analyse("The European Union could impose new sanctions on Moscow if the talks fail.")
    assert (ev.type, ev.mode) == ("SANCTION", "discontinue")
    assert ev.modality == "hypothetical"
    assert ev.target_text == "Moscow" and _country(ents, ev.target) == "RU"


def test_threaten_itself_is_asserted(analyse):
    _ents, _events, ev = analyse("Moldova threatened on Tuesday to expel Russian diplomats if Moscow kept interfering.")
    assert (ev.type, ev.mode) == ("THREATEN", "expel")
    assert ev.modality == "asserted"
    assert "Russian diplomats" in ev.target_text


def test_reported_claim(analyse):
    ents, _events, ev = analyse("Kyiv said Russian forces had shelled the city of Kharkiv overnight.")
    assert ev.type == "ASSAULT" and ev.mode == "heavy-weapons"
    assert ev.modality == "reported"
    assert "Russian forces" in ev.source_text and _country(ents, ev.source) == "RU"
    assert "Kharkiv" in ev.target_text


def test_historical_background_event_dated_in_its_own_time(analyse):
    _ents, _events, ev = analyse("In October 2023, Washington ordered two more Russian diplomats to leave.")
    assert (ev.type, ev.mode) == ("SANCTION", "expel")
    assert ev.modality == "asserted"
    if find_timexes:
        assert ev.date == "2023-10" and ev.date_source == "timex" and ev.date_precision == "month"


def test_past_report_without_time_gets_publication_date(analyse):
    _ents, _events, ev = analyse("Germany sent air defence systems to Ukraine.", "2025-03-04")
    assert ev.type == "AID" and ev.target_text == "Ukraine"
    assert (ev.date, ev.date_source) == ("2025-03-04", "published")


def test_ceasefire_rules(analyse):
    assert analyse("Hamas declared a ceasefire on Friday.")[2].type == "CONCEDE"
    assert analyse("Ukraine proposed a ceasefire.")[2].type == "AGREE"
    req = analyse("The UN chief called for an immediate ceasefire in Gaza.")[2]
    assert (req.type, req.mode) == ("REQUEST", "yield")


def test_refusal_and_request_modes(analyse):
    ev = analyse("Russia refused to withdraw its troops.")[2]
    assert (ev.type, ev.mode, ev.modality) == ("REJECT", "yield", "asserted")
    ev = analyse("The United States urged Russia to withdraw its troops from Ukraine.")[2]
    assert (ev.type, ev.mode) == ("REQUEST", "yield") and ev.target_text == "Russia"


def test_street_protest_vs_diplomatic_protest(analyse):
    ev = analyse("Thousands of protesters rallied in Tbilisi against the government on Sunday.")[2]
    assert ev.type == "PROTEST" and ev.location_text == "Tbilisi"
    ev = analyse("China's foreign ministry condemned the visit.")[2]
    assert ev.type == "ACCUSE" and ev.mode == "disapprove"


def test_sentence_without_trigger_costs_nothing(analyse):
    _ents, events, ev = analyse("The weather in Moscow was mild and the shops were busy.")
    assert events == [] and ev is None


def test_event_fields_and_offsets(analyse):
    text = "Prices rose. Poland expelled two Russian diplomats on Monday."
    _ents, events, ev = analyse(text)
    assert isinstance(ev, Event)
    assert text[ev.start:ev.end] == ev.sentence == "Poland expelled two Russian diplomats on Monday."
