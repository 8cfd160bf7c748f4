"""Time expressions anchored on another event the gazetteer dates."""
from storyline.analyse.anchors import anchor_offsets
from storyline.analyse.gazetteer import gazetteer
from storyline.analyse.timex import find_timexes


def resolve(text: str, published: str | None = "2025-03-20"):
    timexes = find_timexes(text, published)
    anchor_offsets(timexes, text, published, gazetteer())
    return timexes


def test_days_after_an_inauguration_count_from_the_start_of_the_current_term():
    # Trump's second term began on 2025-01-20, not his first (2017-01-20)
    t = resolve("The first call came 23 days after Trump's inauguration, the Kremlin said.")[0]
    assert (t.value, t.precision) == ("2025-02-12", "day")
    t = resolve("Two weeks after the inauguration of Donald Trump, envoys met in Riyadh.")[0]
    assert t.value == "2025-02-03"
    t = resolve("Ten days after Trump's inauguration, the talks began.", published="2017-03-01")[0]
    assert t.value == "2017-01-30"


def test_a_reference_event_nobody_dates_stays_unresolved():
    t = resolve("Three days before the Istanbul talks, Zelensky visited Ankara.")[0]
    assert t.value is None and t.precision == "offset"
    t = resolve("A week after the inauguration, nothing had changed.")[0]  # whose inauguration?
    assert t.value is None
