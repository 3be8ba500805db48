"""Ranked matching over the index modelsearch keeps in the database, in one pass.

modelsearch keeps the index (its entries, SQLite's FTS5 table, PostgreSQL's tsvector columns) and is
used for a search cluster as it is. Its database query compilers do not fit a search over many rows:
on SQLite the relevance of each match is a correlated subquery that runs the full-text match again for
every matching row (a common word in 13,000 of 30,000 findings took 39 s, measured by bench/search.py),
and on PostgreSQL the title and body vectors are joined before matching, which no index can serve. Here
the same index is read the way each database's full-text search is meant to be read: FTS5's MATCH with
its bm25() computed once per match, PostgreSQL's @@ on an expression index over both vectors
(search/migrations/0002) ranked with ts_rank; both in the one query that also applies the visibility
rule, and both from the same parsed query (core/search_query.py).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from modelsearch.query import And, Not, Or, Phrase, PlainText, SearchQuery

TABLE = "modelsearch_indexentry"
TITLE_WEIGHT = 3.0  # a heading or a report's title counts three times a word of the text


def supported() -> bool:
    from modelsearch.backends import get_search_backend

    backend = type(get_search_backend()).__module__
    return connection.vendor in ("sqlite", "postgresql") and ".database." in backend


def fts5(query: SearchQuery) -> str:
    """FTS5's query syntax; every word in double quotes, so nothing typed is read as syntax."""
    if isinstance(query, PlainText):
        return "(" + " AND ".join(f'"{word}"' for word in query.query_string.split()) + ")"
    if isinstance(query, Phrase):
        return f'"{query.query_string}"'
    if isinstance(query, Or):
        return "(" + " OR ".join(fts5(part) for part in query.subqueries) + ")"
    if isinstance(query, And):
        positive = [part for part in query.subqueries if not isinstance(part, Not)]
        negative = [part.subquery for part in query.subqueries if isinstance(part, Not)]
        text = "(" + " AND ".join(fts5(part) for part in positive) + ")"
        return text + "".join(f" NOT {fts5(part)}" for part in negative)
    raise ValueError(f"cannot search for {query!r}")


def tsquery(query: SearchQuery) -> str:
    """PostgreSQL's to_tsquery syntax over words that hold only letters and digits (core/search_query.py)."""
    if isinstance(query, PlainText):
        return "(" + " & ".join(query.query_string.split()) + ")"
    if isinstance(query, Phrase):
        return "(" + " <-> ".join(query.query_string.split()) + ")"
    if isinstance(query, Or):
        return "(" + " | ".join(tsquery(part) for part in query.subqueries) + ")"
    if isinstance(query, And):
        return "(" + " & ".join(tsquery(part) for part in query.subqueries) + ")"
    if isinstance(query, Not):
        return f"!{tsquery(query.subquery)}"
    raise ValueError(f"cannot search for {query!r}")


def matching_sql(model, query: SearchQuery) -> tuple[str, list, str]:
    """(SQL selecting the keys of `model`'s rows that match, its parameters, its rank expression: lower
    ranks first)."""
    kind = ContentType.objects.get_for_model(model).pk
    if connection.vendor == "sqlite":
        # FTS5's columns in the order search/migrations/0001 made them: autocomplete, body, title.
        return (
            f"SELECT CAST(e.object_id AS INTEGER) FROM {TABLE}_fts f JOIN {TABLE} e ON e.id = f.rowid "
            # The unary + keeps SQLite from reading the entries by kind and matching each in turn: the
            # match leads, and each match finds its entry by rowid.
            f"WHERE {TABLE}_fts MATCH %s AND +e.content_type_id = %s",
            [fts5(query), kind],
            f"bm25({TABLE}_fts, 0.0, 1.0, {TITLE_WEIGHT})",
        )
    return (
        f"SELECT e.object_id::integer FROM {TABLE} e "
        # "+ 0" as SQLite's unary +: the planner would AND a bitmap of every entry of the kind (600,000 at
        # the benchmark's size, 34 ms) with the few the text index finds.
        f"WHERE (e.title || e.body) @@ to_tsquery('english', %s) AND e.content_type_id + 0 = %s",
        [tsquery(query), kind],
        f"-(ts_rank(e.title, to_tsquery('english', %s)) * {TITLE_WEIGHT} + ts_rank(e.body, to_tsquery('english', %s)))",
    )


def matching(query: SearchQuery, visible: QuerySet) -> QuerySet:
    """Every row of `visible` that matches, as one query (for counts, facets and other filters)."""
    sql, params, _ = matching_sql(visible.model, query)
    return visible.filter(pk__in=RawSQL(sql, params))


def ranked(query: SearchQuery, visible: QuerySet, limit: int) -> tuple[list[int], QuerySet]:
    """The keys of the best `limit` rows of `visible` that match, best first, and a queryset of every
    row of `visible` that matches (`matching`)."""
    sql, params, rank = matching_sql(visible.model, query)
    key = "CAST(e.object_id AS INTEGER)" if connection.vendor == "sqlite" else "e.object_id::integer"
    within, within_params = "", []
    if visible.query.where:  # the visibility rule (or a facet) narrows the rows: in the same query
        try:
            inner, within_params = visible.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # the person may open none of them
            return [], visible.none()
        within = f" AND {key} IN ({inner})"
    rank_params = [] if connection.vendor == "sqlite" else [params[0], params[0]]
    with connection.cursor() as cursor:
        cursor.execute(
            f"{sql}{within} ORDER BY {rank}, 1 DESC LIMIT %s",
            [*params, *within_params, *rank_params, limit],
        )
        keys = [row[0] for row in cursor.fetchall()]
    return keys, matching(query, visible)
