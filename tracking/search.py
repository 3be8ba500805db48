"""Word search of the findings the tracker follows, through a full-text index on either database.

PostgreSQL: a GIN index on the findings' words (`to_tsvector('english', label title text)`), queried with
`SearchVector`/`SearchQuery`, so the same expression meets the index. SQLite: an FTS5 table over the
findings (external content, Porter stemming), kept by triggers on the findings table, so every way a
finding is written (the reports app's services, bulk loads, the admin) keeps it current.

Both find findings holding every word asked for, in any form English stemming takes to the same stem
("reviews" finds "review", "reviewing"). `matching_findings` is the one entry point.
"""

import re

from django.db import connection
from django.db.models.expressions import RawSQL

from reports.models import Finding

CONFIG = "english"
FIELDS = ("label", "title", "text")
FTS_TABLE = "tracking_finding_words"
GIN_INDEX = "tracking_finding_words_gin"
WORD = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    """The words asked for: letters and digits; punctuation and search syntax are not words."""
    return WORD.findall(text.lower())[:20]


def search_vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector(*FIELDS, config=CONFIG)


def matching_findings(text: str):
    """A query of the ids of findings holding every word of `text` (none, if it holds no word)."""
    words = words_of(text)
    if not words:
        return Finding.objects.none().values("pk")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        query = SearchQuery(" ".join(words), config=CONFIG, search_type="plain")
        return Finding.objects.annotate(words=search_vector()).filter(words=query).values("pk")
    phrase = " ".join('"' + word.replace('"', '""') + '"' for word in words)  # each a quoted term: AND
    return Finding.objects.filter(
        pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [phrase])
    ).values("pk")


# The index itself, made by migration 0004 on whichever database is in use.

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({', '.join(FIELDS)}, content='reports_finding', "
    "content_rowid='id', tokenize='porter unicode61')",
    f"CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON reports_finding BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, label, title, text) VALUES (new.id, new.label, new.title, new.text); END",
    f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON reports_finding BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, label, title, text) "
    "VALUES ('delete', old.id, old.label, old.title, old.text); END",
    f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE ON reports_finding BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, label, title, text) "
    "VALUES ('delete', old.id, old.label, old.title, old.text); "
    f"INSERT INTO {FTS_TABLE}(rowid, label, title, text) VALUES (new.id, new.label, new.title, new.text); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",  # the findings already written
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def gin_index():
    from django.contrib.postgres.indexes import GinIndex

    return GinIndex(search_vector(), name=GIN_INDEX)


def create_index(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.add_index(apps.get_model("reports", "Finding"), gin_index())
    elif vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def drop_index(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("reports", "Finding"), gin_index())
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)
