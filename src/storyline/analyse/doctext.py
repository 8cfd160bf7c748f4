"""The text of a parsed Doc, computed once.

spaCy's ``Doc.text`` joins every token's text each time it is read; reading it
inside loops cost a third of the analysis. Every stage reads it through here.
"""
from __future__ import annotations


def doc_text(doc) -> str:
    text = doc.user_data.get("storyline_text")
    if text is None:
        text = doc.text
        doc.user_data["storyline_text"] = text
    return text
