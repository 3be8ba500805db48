from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents import DocumentError, tables
from documents.uploads import check_size
from partnerships.coverage import import_coverage


class Command(BaseCommand):
    help = "Import multi-agency inspections from a CSV file: every row or none; problems by row and column."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            check_size(path.name, path.stat().st_size)
        except DocumentError as error:
            raise CommandError(str(error)) from None
        record = import_coverage(content=path.read_bytes(), name=path.name, user=None)
        if record.errors:
            for error in record.errors:
                self.stderr.write(tables.Problems.line(error, record.file_name))
            raise CommandError(f"{path.name}: nothing was stored ({len(record.errors)} problems)")
        self.stdout.write(f"{record.created} inspections added, {record.unchanged} already recorded")
