"""Scraped text is data: how it leaves storyline safely, in one place.

- on a terminal (``terminal``): control characters, which a terminal would act on,
  shown as visible symbols; bidi controls, which reorder what follows, replaced;
- as JSON lines (``json_line``): the characters ``json.dumps`` leaves raw that a
  terminal or a UTF-8 encoder chokes on, as ``\\u`` escapes (the same JSON value);
- in CSV (``csv_neutralised``): cells that a spreadsheet would run as a formula,
  prefixed with ``'`` (OWASP, "CSV Injection").

The HTML dossier escapes and isolates in its templates (``serve/report.py``).
"""
from __future__ import annotations

import json
import re


def _control_table() -> dict[int, str]:
    """What a terminal would act on instead of showing, mapped to something visible:
    C0 controls to their control pictures (ESC, which starts colour, cursor, title and
    clipboard sequences, shows as U+241B), DEL to U+2421; C1 controls (8-bit CSI/OSC),
    lone surrogates and the bidi embedding/override/isolate controls, which reorder
    the text after them (CVE-2021-42574, "Trojan Source"), to U+FFFD."""
    table = {c: chr(0x2400 + c) for c in range(0x20)}
    table[0x7F] = "\u2421"
    for lo, hi in ((0x80, 0xA0), (0x202A, 0x202F), (0x2066, 0x206A), (0xD800, 0xE000)):
        table.update(dict.fromkeys(range(lo, hi), "\ufffd"))
    return table


# one line (names, titles, messages): line breaks and tabs fold to spaces
_TERM_LINE = {**_control_table(), ord("\n"): " ", ord("\t"): " ", ord("\r"): " "}
# layout kept (an article's text): its line breaks and tabs stay, CR goes (it overwrites a line)
_TERM_LAYOUT = {**_TERM_LINE, ord("\n"): "\n", ord("\t"): "\t", ord("\r"): None}


def terminal(value, layout: bool = False) -> str:
    """Scraped text made safe to print on a terminal (the one place that does it)."""
    return str(value).translate(_TERM_LAYOUT if layout else _TERM_LINE)


# json.dumps escapes C0 controls but writes DEL, C1 and bidi controls, U+2028/2029
# and lone surrogates raw; as \u escapes they are the same JSON value, inert on a
# terminal and encodable as UTF-8.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_line(obj) -> str:
    return _JSON_RAW.sub(lambda m: "\\u%04x" % ord(m.group()), json.dumps(obj, ensure_ascii=False)) + "\n"


# OWASP "CSV Injection": a spreadsheet runs a cell starting with = + - @ (or with a tab
# or CR, which it skips first) as a formula; a leading ' makes it plain text.
_FORMULA_START = r"^([=+\-@\t\r])"


def csv_neutralised(table):
    """Every string cell of an Arrow table, prefixed with ' where it could start a formula."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def safe(col):
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            return pc.replace_substring_regex(col, pattern=_FORMULA_START, replacement=r"'\1")
        return col

    return pa.table([safe(c) for c in table.columns], names=table.column_names)
