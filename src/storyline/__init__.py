"""storyline: turn a pile of messy news pages into the story they tell.

``storyline.open(path)`` reads a built store as pyarrow tables (see ``storyline.api``).
"""
__version__ = "0.1.0"


def open(path: str = "storyline.duckdb"):  # noqa: A001 - `storyline.open` is the documented name
    """A read-only snapshot of a store: ``.articles()``, ``.quotes(speaker=...)``,
    ``.events(type=...)``, ``.stories()``, ``.entities()``, ``.contradictions()``
    return pyarrow tables (``.to_pandas()`` works)."""
    from .api import open as _open

    return _open(path)
