"""A full-text index of the findings' words for the tracker's word search (see tracking.search): a GIN
index on PostgreSQL, an FTS5 table kept by triggers on SQLite."""

from django.db import migrations

from tracking import search


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_add_finding_title_and_evidence"),
        ("tracking", "0003_index_actions_by_target"),
    ]

    operations = [migrations.RunPython(search.create_index, search.drop_index, elidable=False)]
