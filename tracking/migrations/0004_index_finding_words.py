"""A full-text index of the findings' words for the tracker's word search: a GIN index on PostgreSQL, an
FTS5 table kept by triggers on SQLite. 0008 drops it again (the search index took over), and holds the
statements both use, so the index is written down once."""

from importlib import import_module

from django.db import migrations

index = import_module("tracking.migrations.0008_drop_finding_words_for_search_index")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_add_finding_title_and_evidence"),
        ("tracking", "0003_index_actions_by_target"),
    ]

    operations = [migrations.RunPython(index.create_index, index.drop_index, elidable=False)]
