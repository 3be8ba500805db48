import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from documents import DocumentError
from reports.services import ingest_file

SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".txt", ".md", ".markdown"}


def documents(paths: list[str]) -> list[Path]:
    """The files named, and the documents inside the folders named (recursively), in a stable order."""
    found = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            found.append(path)
    return found


class Command(BaseCommand):
    help = "Store reports and their findings from files or folders. The same file twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders of PDF, Word, HTML or text documents.")
        parser.add_argument(
            "--published-on",
            type=date.fromisoformat,
            default=None,
            help="Publication date (YYYY-MM-DD) for documents that do not state one.",
        )

    def handle(self, *args, paths, published_on, **options):
        files = documents(paths)
        if not files:
            raise CommandError("no documents found in " + ", ".join(paths))
        stored, known, failed = [], [], []
        for path in tqdm(files, desc="Ingesting", unit="file", file=sys.stderr, disable=len(files) < 2):
            try:
                outcome = ingest_file(path, published_on=published_on)
            except DocumentError as error:
                failed.append(str(error))
                continue
            (stored if outcome.created else known).append((path, outcome.report))
        for path, report in stored:
            self.stdout.write(f"stored  {path.name}: {report.title} ({report.findings.count()} findings)")
        for path, report in known:
            self.stdout.write(f"already {path.name}: stored before as report {report.pk}, unchanged")
        for problem in failed:
            self.stderr.write(f"failed  {problem}")
        self.stdout.write(f"{len(stored)} stored, {len(known)} already stored, {len(failed)} failed")
        if failed:
            raise SystemExit(1)
