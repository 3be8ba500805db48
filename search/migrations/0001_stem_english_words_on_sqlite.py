"""On SQLite, the search index's FTS5 table reads words through the Porter stemmer, as PostgreSQL's
`english` configuration does, so "reviews" finds "review" on either database. modelsearch makes the table
with FTS5's plain tokenizer; it is made again with the stemmer and refilled from the index entries, which
the library's triggers keep copying into it by name. PostgreSQL (and any other database) is left alone."""

from django.db import migrations

TABLE = "modelsearch_indexentry_fts"
COLUMNS = "autocomplete, body, title"


def remake(tokenizer: str):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "sqlite":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [TABLE])
            if cursor.fetchone() is None:
                raise RuntimeError(
                    f"the search index has no {TABLE} table: this SQLite lacks FTS5, which Scrutiny needs"
                )
        schema_editor.execute(f"DROP TABLE {TABLE}")
        schema_editor.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5({COLUMNS}, tokenize='{tokenizer}')")
        schema_editor.execute(
            f"INSERT INTO {TABLE}(rowid, {COLUMNS}) SELECT id, {COLUMNS} FROM modelsearch_indexentry"
        )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("modelsearch", "0004_rename_modelsear_autocom_476c89_gin_modelsearch_autocom_ea8581_gin_and_more"),
    ]

    operations = [migrations.RunPython(remake("porter unicode61"), remake("unicode61"), elidable=False)]
