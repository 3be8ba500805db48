"""The tracker's word search moves to the search index (modelsearch), so the full-text index of 0004 goes:
on SQLite the FTS5 table and the triggers that kept it, on PostgreSQL the GIN index. Reversed, it makes
them again from the statements below (which 0004 uses too) and fills them from the findings written."""

from django.db import migrations

CONFIG = "english"
FIELDS = ("label", "title", "text")
FTS_TABLE = "tracking_finding_words"
GIN_INDEX = "tracking_finding_words_gin"

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
    from django.contrib.postgres.search import SearchVector

    return GinIndex(SearchVector(*FIELDS, config=CONFIG), name=GIN_INDEX)


def change_index(*, make: bool):
    def run(apps, schema_editor) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            change = schema_editor.add_index if make else schema_editor.remove_index
            change(apps.get_model("reports", "Finding"), gin_index())
        elif vendor == "sqlite":
            for statement in SQLITE_CREATE if make else SQLITE_DROP:
                schema_editor.execute(statement)

    return run


create_index, drop_index = change_index(make=True), change_index(make=False)


class Migration(migrations.Migration):
    dependencies = [
        ("modelsearch", "0004_rename_modelsear_autocom_476c89_gin_modelsearch_autocom_ea8581_gin_and_more"),
        ("tracking", "0007_remember_mappings_and_import_outcomes"),
    ]

    operations = [migrations.RunPython(drop_index, create_index, elidable=False)]
