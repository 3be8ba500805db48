"""On PostgreSQL, an index over a search entry's title and body vectors together, so that a query whose
words are split between a finding's heading and its text is answered from an index (core/fulltext.py
matches `(title || body) @@ query`; modelsearch's own indexes cover each vector alone). SQLite's FTS5
table already matches across its columns; other databases are left alone."""

from django.db import migrations

INDEX = "search_entry_title_body_gin"


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON modelsearch_indexentry USING gin ((title || body))"
        )


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_stem_english_words_on_sqlite")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
