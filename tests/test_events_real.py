"""Events on real-world wording (issue 14): idioms are not acts, calls / talks / visits / envoys'
trips are CONSULT with their own date, and a planned meeting is planned, not an agreement."""
from __future__ import annotations

import pytest

from storyline.analyse import nlp, parse_text
from storyline.analyse.entities import extract_entities
from storyline.analyse.event_types import EVENT_TYPES, SYMMETRIC_TYPES, plover_type, verb_cues
from storyline.analyse.events import VERBS, extract_events, main_event

try:
    from storyline.analyse.timex import find_timexes
except Exception:  # the time-expression module is optional for these tests
    find_timexes = None

PUB = "2025-03-19"          # a Wednesday
needs_timex = pytest.mark.skipif(find_timexes is None, reason="needs the time-expression module")


@pytest.fixture(scope="module")
def analyse():
    pipe = nlp()

    def run(text: str, published: str = PUB):
        t = parse_text(text)
        doc = pipe(t)
        entities, mentions = extract_entities(doc, published)
        timexes = find_timexes(t, published, doc) if find_timexes else []
        events = extract_events(doc, entities, mentions, timexes, published)
        return events, main_event(events)
    return run


# --- idioms and metaphors are not material acts ------------------------------------------------

@pytest.mark.parametrize("text", [
    "Kremlin spokesman Dmitry Peskov seized upon the remarks to argue that Washington was changing course.",
    "Thank you for joining us.",
    "Joe Biden left the White House in January 2025.",
    "The ministry met the deadline for filing its response to the court.",
    "The summit hit the headlines across Europe on Monday.",
    "Zelensky seized the opportunity to restate Kyiv's conditions.",
])
def test_idioms_are_not_events(analyse, text):
    events, ev = analyse(text)
    assert ev is None, (ev.type, ev.trigger)


def test_the_literal_sense_still_counts(analyse):
    assert analyse("Police seized 40 kilograms of cocaine in the port of Antwerp on Tuesday.")[1].type == "COERCE"
    assert analyse("Macron thanked Trump for his support of the ceasefire plan.")[1].type == "SUPPORT"
    assert analyse("Russian troops left the city of Kherson in November 2022.")[1].type == "RETREAT"


# --- communication events ----------------------------------------------------------------------

@needs_timex
@pytest.mark.parametrize("text,date,mode", [
    ("Russian President Vladimir Putin and U.S. President Donald Trump spoke by phone on Tuesday, "
     "the Kremlin said.", "2025-03-18", "phone"),
    ("Trump had a phone conversation with Putin on February 12, the White House said.", "2025-02-12", "phone"),
    ("Russian and U.S. delegations held talks in Riyadh on February 18.", "2025-02-18", None),
    ("U.S. special envoy Steve Witkoff travelled to Moscow on Thursday and met Putin.", "2025-03-13", "visit"),
    ("Russian Foreign Minister Sergei Lavrov flew to Riyadh on Monday.", "2025-03-17", "visit"),
    ("Russian and American diplomats met in Istanbul on Thursday for talks on embassy operations.", "2025-03-13", None),
    ("The Kremlin confirmed contacts with the Trump team on Monday.", "2025-03-17", None),
])
def test_calls_talks_and_trips_are_consult_with_their_date(analyse, text, date, mode):
    _events, ev = analyse(text)
    assert ev is not None and ev.type == "CONSULT" and ev.modality == "asserted"
    assert ev.date == date and ev.date_source == "timex"
    if mode:
        assert ev.mode == mode


def test_refugees_arriving_are_not_a_visit(analyse):
    ev = analyse("Syrian refugees arrived in Germany on Monday.")[1]
    assert ev is None or ev.type != "CONSULT"


# --- planned versus held -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Witkoff will visit Moscow next week, the White House said.",
    "Lavrov and Rubio are expected to meet in Istanbul next month.",
    "Trump said he would speak with Putin by phone on Monday.",
])
def test_planned_meeting_is_consult_planned_not_agree(analyse, text):
    ev = analyse(text)[1]
    assert ev.type == "CONSULT" and ev.modality == "planned"
    assert ev.plover_type == "AGREE"      # PLOVER's manual codes a future meeting as AGREE


def test_held_meeting_is_asserted(analyse):
    ev = analyse("Witkoff visited Moscow last week, the White House said.")[1]
    assert ev.type == "CONSULT" and ev.modality == "asserted" and ev.plover_type == "CONSULT"


def test_agreeing_to_meet_is_an_agreement_made_now(analyse):
    ev = analyse("Lavrov and Rubio agreed on Tuesday to meet again in Riyadh.")[1]
    assert ev.type == "AGREE" and ev.modality == "asserted"


# --- the one table ------------------------------------------------------------------------------

def test_table_drives_the_lexicon_and_linking():
    assert VERBS == verb_cues()
    assert SYMMETRIC_TYPES == {"AGREE", "CONSULT", "COOPERATE"}
    assert set(EVENT_TYPES) == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                                "ASSAULT"}
    assert plover_type("RETREAT", "planned") == "CONCEDE" and plover_type("RETREAT", "asserted") == "RETREAT"
    assert plover_type("ASSAULT", "planned") == "ASSAULT"


# --- PLOVER intent codings ---------------------------------------------------------------------

def test_a_reported_must_is_a_demand_by_the_speaker(analyse):
    ev = analyse("Russia said on Tuesday that Sudan must return the helicopter seized last week.")[1]
    assert ev.type == "REQUEST" and "Russia" in ev.source_text and "Sudan" in ev.target_text
    ev = analyse("Sudan must return the helicopter.")[1]          # the writer's own "must": no speaker
    assert ev is None or ev.type != "REQUEST"


def test_an_announced_conflictual_act_is_a_threat_but_speculation_is_not(analyse):
    ev = analyse("The United Nations announced on Monday that it will withdraw its weapons inspectors from Iraq.")[1]
    assert ev.type == "THREATEN" and ev.modality == "asserted"
    ev = analyse("The party said it will boycott the elections unless the president steps down.")[1]
    assert ev.type == "THREATEN"
    ev = analyse("NATO could deploy more fighter jets to the Baltics if drone incursions continue, analysts said.")[1]
    assert ev.type == "MOBILIZE" and ev.modality == "hypothetical"


def test_failing_to_agree_is_a_rejection(analyse):
    ev = analyse("Israeli and Palestinian negotiators failed to reach agreement on Sunday.")[1]
    assert ev.type == "REJECT"


def test_an_unconfirmed_trip_is_not_a_negated_trip(analyse):
    ev = analyse("The Kremlin has not confirmed the trip.")[1]
    assert ev is None or ev.modality != "negated"


def test_a_speakers_own_must_is_not_a_demand(analyse):
    assert analyse("The minister said we must act now.")[1] is None
    ev = analyse("Egypt said on Wednesday that the US must be ready to mediate.")[1]
    assert ev.type == "REQUEST" and "US" in ev.target_text
