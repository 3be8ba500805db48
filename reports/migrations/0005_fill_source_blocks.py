"""Read each stored source once, so the review page shows the text kept at intake instead of reading the
file again on every visit. A file that is missing or cannot be read keeps an empty text."""

from django.db import migrations


def fill(apps, schema_editor):
    from pathlib import Path

    from documents import DocumentError, read_document

    SourceDocument = apps.get_model("reports", "SourceDocument")
    for source in SourceDocument.objects.filter(blocks=[]).iterator():
        try:
            document = read_document(Path(source.file.path))
        except (DocumentError, OSError, ValueError):
            continue
        source.blocks = [
            {"text": block.text, "kind": block.kind, "page": block.page, "section": block.section}
            for block in document.blocks
            if block.text.strip()
        ]
        source.save(update_fields=["blocks"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_add_source_blocks")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
