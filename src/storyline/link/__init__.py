"""Corpus stages: read what the per-article stages produced for every article
and link it across articles. Pure functions over records; the store feeds them."""
