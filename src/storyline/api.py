"""The Python read API: a built store as pyarrow tables.

    import storyline
    s = storyline.open("storyline.duckdb")
    s.stories().to_pandas()
    s.quotes(speaker="Lavrov")
    s.events(type="CONSULT", date_from="2025-02-01")

Every table has the field names of ``storyline export`` (docs/data-model.md), with
dates typed as dates (``published``, ``published_inferred``, a story's ``start`` and
``end``); an event's ``date`` stays the TIMEX3 value it states (``2025-W13``).

``open`` reads the store once, through the ``Store`` class and its export readers,
into an in-memory DuckDB database, and closes the file: a build can run while a
notebook (or ``storyline serve``) holds the snapshot. ``reload()`` reads it again.
"""
from __future__ import annotations

import os
import threading
from datetime import date

import pyarrow as pa

S = pa.string()
LS = pa.list_(S)
I = pa.int64()

ARTICLE_DATES = ("published", "published_inferred")

SCHEMAS = {
    "entities": pa.schema([
        ("id", S), ("name", S), ("type", S), ("aliases", LS), ("wikidata", S),
        ("roles", pa.list_(pa.struct([("role", S), ("date", S), ("article_id", S)]))),
        ("article_ids", LS),
        ("mentions", pa.list_(pa.struct([("article_id", S), ("start", I), ("end", I), ("text", S)]))),
        ("country", S)]),
    "quotes": pa.schema([
        ("id", S), ("text", S), ("kind", S), ("speaker_id", S), ("speaker", S), ("cue", S), ("via", LS),
        ("article_ids", LS),
        ("spans", pa.list_(pa.struct([("article_id", S), ("start", I), ("end", I), ("speaker_text", S)]))),
        ("independent_sources", I), ("outlets", LS),
        # per-article reporting chains: kept by the store, not exported; read by the web app
        ("chains", pa.list_(pa.struct([("article_id", S), ("via", LS)])))]),
    "events": pa.schema([
        ("id", S), ("type", S), ("mode", S), ("date", S), ("date_precision", S), ("date_source", S),
        ("modality", S), ("source_actor_id", S), ("target_actor_id", S), ("actor_ids", LS), ("actors", LS),
        ("location", S), ("sentence", S), ("article_ids", LS), ("independent_sources", I), ("outlets", LS),
        ("spans", pa.list_(pa.struct([("article_id", S), ("start", I), ("end", I), ("modality", S),
                                      ("date", S)]))),
        ("story_id", S), ("source_country", S), ("target_country", S)]),
    "stories": pa.schema([
        ("id", S), ("title", S), ("summary", S), ("article_ids", LS), ("start", pa.date32()),
        ("end", pa.date32()), ("entity_ids", LS)]),
    "contradictions": pa.schema([
        ("id", S), ("kind", S), ("description", S),
        ("a", pa.struct([("article_id", S), ("start", I), ("end", I), ("text", S)])),
        ("b", pa.struct([("article_id", S), ("start", I), ("end", I), ("text", S)])),
        ("story_id", S)]),
    "storylines": pa.schema([
        ("id", S), ("title", S), ("summary", S), ("start", pa.date32()), ("end", pa.date32()), ("story_ids", LS),
        ("article_ids", LS), ("entity_ids", LS),
        ("timeline", pa.list_(pa.struct([("date", S), ("text", S), ("article_id", S), ("start", I), ("end", I),
                                         ("independent_sources", I)])))]),
}
QUOTE_EXPORT = [f.name for f in SCHEMAS["quotes"] if f.name != "chains"]


class ReadError(Exception):
    """The path is no readable storyline store (one line, for users)."""


def _day(value) -> date | None:
    """An ISO day (the first 10 characters of a date or timestamp), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _table(rows: list[dict], name: str) -> pa.Table:
    schema = SCHEMAS[name]
    fixed = []
    for r in rows:
        r = dict(r)
        for f in schema:
            if pa.types.is_date32(f.type):
                r[f.name] = _day(r.get(f.name))
        fixed.append(r)
    return pa.Table.from_pylist(fixed, schema=schema)


DATE_FIELDS = ("published", "published_inferred", "start", "end")


def dates_typed(table: pa.Table) -> pa.Table:
    """Columns of dates held as text (``published``, ``published_inferred``, a story's
    ``start``/``end``) typed as dates, for Parquet; a column with any value that is not a
    day stays text, so nothing is lost."""
    for i, f in enumerate(table.schema):
        if f.name not in DATE_FIELDS or not pa.types.is_string(f.type):
            continue
        values = table.column(i).to_pylist()
        days = [_day(v) for v in values]
        if all(d is not None or v is None for v, d in zip(values, days)):
            table = table.set_column(i, pa.field(f.name, pa.date32()), pa.array(days, pa.date32()))
    return table


def _day_sql(column: str) -> str:
    return f"try_cast(left({column}, 10) AS DATE)"


class Storyline:
    """A read-only snapshot of a store. Methods return pyarrow tables."""

    def __init__(self, path: str):
        self.path = path
        self._lock = threading.Lock()
        self.reload()

    # --- loading ---------------------------------------------------------

    def reload(self) -> None:
        """Read the store again (after a build)."""
        import duckdb

        from .store import Store, StoreError
        from .store.storylines import storyline_rows

        if not os.path.isfile(self.path):
            raise ReadError(f"no store at {self.path}")
        try:
            with Store(self.path, read_only=True) as st:
                raw = {
                    "articles": st.articles_arrow(),
                    "entities": _table(st.entity_rows(), "entities"),
                    "quotes": _table(st.quote_rows_full(), "quotes"),
                    "events": _table(st.event_rows(), "events"),
                    "stories": _table(st.story_rows(), "stories"),
                    "contradictions": _table(st.contradiction_rows(), "contradictions"),
                    "storylines": _table(storyline_rows(st), "storylines"),
                }
        except StoreError as exc:
            raise ReadError(str(exc)) from None
        except duckdb.Error as exc:
            first = (str(exc).splitlines() or [type(exc).__name__])[0]
            raise ReadError(f"{self.path} is not a storyline store, or one of another version ({first})") from None
        con = duckdb.connect(":memory:")
        for name, tbl in raw.items():
            con.register(f"_in_{name}", tbl)
        dates = ", ".join(f"{_day_sql(c)} AS {c}" for c in ARTICLE_DATES)
        con.execute(f"CREATE TABLE articles AS SELECT * REPLACE ({dates}) FROM _in_articles")
        for name in ("entities", "quotes", "events", "stories", "contradictions", "storylines"):
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM _in_{name}")
            con.unregister(f"_in_{name}")
        con.unregister("_in_articles")
        # the day each quote and event is dated by, for date-range filters: a quote by the
        # earliest (stated or inferred) date of the articles carrying it, an event by the
        # first day its TIMEX value covers (2025-W13 -> its Monday)
        con.execute("""
            CREATE TABLE quote_days AS
            SELECT q.id, min(coalesce(a.published, a.published_inferred)) AS day
            FROM quotes q, unnest(q.article_ids) AS u(aid) JOIN articles a ON a.id = u.aid GROUP BY q.id""")
        from .serve.timeline import date_start

        ev = con.execute("SELECT id, date FROM events").fetchall()
        con.register("_ev_days", pa.table({"id": pa.array([e[0] for e in ev], S),
                                           "day": pa.array([_day(date_start(e[1])) for e in ev], pa.date32())}))
        con.execute("CREATE TABLE event_days AS SELECT * FROM _ev_days")
        con.unregister("_ev_days")
        old = getattr(self, "_con", None)
        with self._lock:
            self._con = con
            self._names = None
            self.mtime = os.path.getmtime(self.path)
        if old is not None:
            old.close()

    def sql(self, query: str, params: list | None = None) -> pa.Table:
        """Run a read query on the snapshot (tables: articles, entities, quotes,
        events, stories, contradictions)."""
        with self._lock:   # a cursor per query: queries run in parallel, the parent is shared
            cur = self._con.cursor()
        try:
            return cur.sql(query, params=params or None).to_arrow_table()
        finally:
            cur.close()

    def rows(self, query: str, params: list | None = None) -> list[dict]:
        return self.sql(query, params).to_pylist()

    # --- the tables --------------------------------------------------------

    def articles(self, story: str | None = None, outlet: str | None = None, date_from=None, date_to=None,
                 ids: list[str] | None = None, with_text: bool = True) -> pa.Table:
        """Articles in corpus order; ``outlet`` matches case-insensitively; dates filter
        the day each article speaks from (published, else inferred)."""
        where, params = [], []
        if story:
            where.append("story_id = ?"), params.append(story)
        if outlet:
            where.append("lower(outlet) = lower(?)"), params.append(outlet)
        if ids is not None:
            where.append("list_contains(?, id)"), params.append(list(ids))
        self._date_range("coalesce(published, published_inferred)", date_from, date_to, where, params)
        cols = "*" if with_text else "* EXCLUDE (text)"
        return self.sql(f"SELECT {cols} FROM articles {_where(where)} ORDER BY rowid", params)

    def entities(self, type: str | None = None, name: str | None = None) -> pa.Table:
        """Entities; ``name`` matches a name, alias or id (case-insensitive)."""
        where, params = [], []
        if type:
            where.append("type = upper(?)"), params.append(type)
        if name:
            ids = self.entity_ids(name)
            where.append("list_contains(?, id)"), params.append(ids)
        return self.sql(f"SELECT * FROM entities {_where(where)} ORDER BY rowid", params)

    def quotes(self, speaker: str | None = None, via: str | None = None, story: str | None = None,
               date_from=None, date_to=None, kind: str | None = None) -> pa.Table:
        """Quotes. ``speaker``: a name, alias or entity id (or words of an unresolved
        speaker, "a senior official"); ``via``: a medium in the reporting chain;
        ``story``: quotes carried by the story's articles; dates: the first day carried."""
        where, params = [], []
        if speaker:
            where.append("(list_contains(?, q.speaker_id) OR contains(lower(q.speaker), lower(?)))")
            params += [self.entity_ids(speaker), speaker]
        if via:
            where.append("len(list_filter(q.via, lambda x: contains(lower(x), lower(?)))) > 0"), params.append(via)
        if story:
            where.append("EXISTS (SELECT 1 FROM articles a WHERE a.story_id = ? AND list_contains(q.article_ids, a.id))")
            params.append(story)
        if kind:
            where.append("q.kind = ?"), params.append(kind)
        self._date_range("d.day", date_from, date_to, where, params)
        cols = ", ".join(f"q.{c}" for c in QUOTE_EXPORT)
        return self.sql(f"SELECT {cols} FROM quotes q LEFT JOIN quote_days d ON d.id = q.id {_where(where)} "
                        "ORDER BY q.rowid", params)

    def events(self, type: str | None = None, actor: str | None = None, story: str | None = None,
               date_from=None, date_to=None, modality: str | None = None) -> pa.Table:
        """Events. ``type``: a PLOVER type; ``actor``: a participant's name, alias or id;
        dates: the first day of the event's stated date."""
        where, params = [], []
        if type:
            where.append("e.type = upper(?)"), params.append(type)
        if actor:
            where.append("len(list_intersect(e.actor_ids, ?)) > 0"), params.append(self.entity_ids(actor))
        if story:
            where.append("e.story_id = ?"), params.append(story)
        if modality:
            where.append("e.modality = ?"), params.append(modality)
        self._date_range("d.day", date_from, date_to, where, params)
        return self.sql(f"SELECT e.* FROM events e LEFT JOIN event_days d ON d.id = e.id {_where(where)} "
                        "ORDER BY e.rowid", params)

    def stories(self) -> pa.Table:
        return self.sql("SELECT * FROM stories ORDER BY rowid")

    def storylines(self) -> pa.Table:
        """Storylines (developing stories over their episodes) with their key-date timelines."""
        return self.sql("SELECT * FROM storylines ORDER BY rowid")

    def contradictions(self, story: str | None = None) -> pa.Table:
        where, params = ([], []) if not story else (["story_id = ?"], [story])
        return self.sql(f"SELECT * FROM contradictions {_where(where)} ORDER BY rowid", params)

    # --- helpers -----------------------------------------------------------

    def entity_ids(self, name: str) -> list[str]:
        """Ids of the entities a name, alias or id designates (exact forms first, then name keys)."""
        from .serve.timeline import find_entity

        ents = getattr(self, "_names", None)
        if ents is None:   # the snapshot never changes: read the names once
            ents = self.rows("SELECT id, name, aliases FROM entities")
            for e in ents:
                e["aliases"] = e["aliases"] or []
                e["name"] = e["name"] or ""
            self._names = ents
        return [e["id"] for e in find_entity(ents, name)]

    @staticmethod
    def _date_range(expr: str, date_from, date_to, where: list, params: list) -> None:
        for value, op in ((date_from, ">="), (date_to, "<=")):
            if value is None or value == "":
                continue
            day = value if isinstance(value, date) else _day(value)
            if day is None:
                raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD)")
            where.append(f"{expr} {op} ?"), params.append(day)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> "Storyline":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        n = {t: self._con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
             for t in ("articles", "stories", "entities", "quotes", "events")}
        return f"<storyline {self.path}: " + ", ".join(f"{v} {k}" for k, v in n.items()) + ">"


def _where(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def open(path: str = "storyline.duckdb") -> Storyline:  # noqa: A001 - the public name the docs use
    """A read-only snapshot of the store at ``path`` (see the module docstring)."""
    return Storyline(path)
