"""Encodings and the metadata rules (URL dates, outlets, bylines, syndication credits)."""
import pytest

from storyline.clean.decode import DecodeError, decode
from storyline.clean.metadata import byline, date_from_url, domain_of, normalise_date, syndicated_from

RU = "Песков заявил, что Кремль приветствует переговоры в Эр-Рияде."
FR = "Le porte-parole a déclaré que les négociations à Riyad étaient « très utiles »."


def test_utf8_with_and_without_bom():
    assert decode(("\ufeff" + RU).encode("utf-8"))[0] == RU
    assert decode(RU.encode("utf-8"))[0] == RU


def test_cp1251_declared_in_meta():
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{RU}</p></body></html>'
    text, enc = decode(html.encode("cp1251"))
    assert RU in text and enc == "cp1251"


def test_cp1251_undeclared_is_detected():
    body = (RU + " ") * 5
    text, _ = decode(body.encode("cp1251"), kind="text")
    assert RU in text


def test_latin1_declared_by_http_header():
    text, _ = decode(FR.encode("latin-1"), declared="ISO-8859-1", kind="text")
    assert text == FR


def test_undecodable_bytes_are_refused():
    junk = bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x01, 0x02, 0x03, 0x04, 0x05]) * 300
    with pytest.raises(DecodeError):
        decode(junk, kind="text")


@pytest.mark.parametrize("text,expected", [
    ("MOSCOW (Reuters) - The Kremlin said on Tuesday that talks would go on.", "Reuters"),
    ("Moscow [Russia], February 19 (ANI): Kremlin spokesperson Dmitry Peskov said", "ANI"),
    ("The talks lasted four hours.\nThis story has been published from a wire agency feed without modifications to the text. published from ANI", "ANI"),
    ("The talks lasted four hours.\n— AP", "AP"),
    ("Story text.\nThis article originally appeared on The Conversation.", "The Conversation"),
    ("Story text (AFP)\nExcept for the headline, the story has not been edited by NDTV staff and is published from a syndicated feed.", "AFP"),
    ("Big day.\nThe talks went on.\nSource: The Daily Meridian", "The Daily Meridian"),
    ("Putin said (in Russian) that the AP reporter was wrong about the talks.", None),
    ("The US and Russia agreed to keep talking, officials said.", None),
])
def test_syndication_credit_lines(text, expected):
    assert syndicated_from(text) == expected


def test_dates_from_urls_and_values():
    assert date_from_url("https://meridian.example/world/2025/02/18/riyadh-talks") == "2025-02-18"
    assert date_from_url("https://x.example/news/putin-call-20250318.html") == "2025-03-18"
    assert date_from_url("https://x.example/news/article-123456") is None
    assert date_from_url("https://x.example/2025/13/45/x") is None
    assert normalise_date("2025-02-18T10:31:00Z") == "2025-02-18"
    assert normalise_date("18 February 2025") == "2025-02-18"
    assert normalise_date("not a date") is None


def test_a_declared_date_of_an_archive_is_kept_a_guessed_old_one_is_not():
    """A JSONL/manifest/WARC date is the user's: a 1987 wire item keeps it (archives are
    real input); a date guessed from a URL or a page before 1990 is more likely a number."""
    assert normalise_date("1987-03-24T09:14:45") == "1987-03-24"
    assert normalise_date("24 March 1987") == "1987-03-24"
    assert normalise_date("1987-03-24", earliest=1990) is None
    assert date_from_url("https://x.example/archive/1987/03/24/story") is None
    assert normalise_date("3024-01-01") is None                  # the future is no date


def test_a_jsonl_article_from_1987_keeps_its_date(tmp_path):
    import json

    from storyline.pipeline import build
    from storyline.store import Store

    body = ("Associated Porcupine Mines Ltd said its September 22, 1986 agreement with Quill Resources "
            "Ltd, for Quill to provide certain funding, has been terminated. Under the agreement, Quill "
            "was to provide funding for a three phase program to place the Paymaster gold property into "
            "production, the company said in a statement issued in Toronto on Tuesday.")
    src = tmp_path / "wire.jsonl"
    src.write_text(json.dumps({"text": body, "title": "ASSOCIATED PORCUPINE ENDS PACT", "outlet": "Reuters",
                               "published": "1987-03-24T09:14:45"}) + "\n")
    build([str(src)], str(tmp_path / "s.duckdb"), workers=1)
    with Store(str(tmp_path / "s.duckdb"), read_only=True) as st:
        (art,) = st.article_rows()
    assert art["published"] == "1987-03-24"


def test_outlet_from_domain_and_bylines():
    assert domain_of("https://www.bbc.co.uk/news/world") == "bbc.co.uk"
    assert domain_of("https://edition.cnn.com/2025/02/18/x") == "cnn.com"
    assert byline(["Menu", "By Jane Roe | February 18, 2025"]) == ("Jane Roe", None)
    assert byline(["by time news"]) == (None, "Time News")
    assert byline(["By the way, the talks went well and everyone was pleased with the outcome today."]) == (None, None)


def test_dateline_of_a_text_dump_is_read_only_near_the_top():
    from storyline.clean.metadata import dateline

    lines = ["Home | World | Politics", "Putin and Trump speak for two hours",
             "By Marta Kessler | March 18, 2025 | 21:47", "The two presidents spoke on Tuesday.",
             "Similar news", "March 14, 2025", "Another headline"]
    assert dateline(lines, 3) == "2025-03-18"
    assert dateline(["Menu", "Posted 19 February 2025", "Body starts here."], 2) == "2025-02-19"
    # a date far below the article start (a teaser timestamp) is not the page's date
    assert dateline(lines[:2] + ["The two presidents spoke."] * 12 + ["March 14, 2025"], 2) is None


def test_canonical_url_read_from_html_when_input_has_none():
    from pages import PARAGRAPHS, wire_copy_html
    from storyline.clean import clean_page
    from storyline.model import Page

    page = Page(source="wire.html", content=wire_copy_html(PARAGRAPHS[:4]).encode(), kind="html", id="x")
    art = clean_page(page)
    assert art.url and art.url.startswith("https://")
    assert art.outlet and art.syndicated_from == "ANI"


def test_language_of_english_and_other_texts():
    from storyline.clean.language import detect_language

    en = ("The Kremlin said on Tuesday that it was too early to talk about a venue for a meeting between the two "
          "presidents, and that the work of the delegations in Riyadh would continue in the coming weeks.") * 2
    pt = ("O Kremlin disse nesta terça-feira que ainda é cedo para falar sobre um local para a reunião entre os "
          "dois presidentes, e que o trabalho das delegações em Riad continuará nas próximas semanas.") * 2
    it = ("Il Cremlino ha detto martedì che è troppo presto per parlare di una sede per un incontro tra i due "
          "presidenti e che il lavoro delle delegazioni a Riad continuerà nelle prossime settimane.") * 2
    assert detect_language(en) == "en"
    assert detect_language(pt) == "pt"
    assert detect_language(it) == "it"
    assert detect_language(RU * 3) == "ru"
    assert detect_language("Menu") is None
