import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from documents import DocumentError
from reports.services import NotAReport, ingest_file

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
    help = (
        "Store reports and their findings from files or folders, saying whether they are past reports "
        "(--history) or current ones (--current). The same file twice changes nothing; the same report in "
        "another format is kept as another source of it; response letters and press releases are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders of PDF, Word, HTML or text documents.")
        when = parser.add_mutually_exclusive_group(required=True)
        when.add_argument(
            "--history",
            action="store_true",
            help="Past reports, loaded for the record: their responses are history, never overdue or reminded.",
        )
        when.add_argument(
            "--current",
            action="store_true",
            help="Current reports: the responses they call for are owed, with their 56-day clocks.",
        )
        parser.add_argument(
            "--any-kind",
            action="store_true",
            help="Store documents read as response letters or statements as reports too (when one is misread).",
        )
        parser.add_argument(
            "--published-on",
            type=date.fromisoformat,
            default=None,
            help="Publication date (YYYY-MM-DD) for documents that do not state one.",
        )

    def handle(self, *args, paths, published_on, history, any_kind, **options):
        files = documents(paths)
        if not files:
            raise CommandError("no documents found in " + ", ".join(paths))
        stored, known, same, skipped, failed = [], [], [], [], []
        for path in tqdm(files, desc="Ingesting", unit="file", file=sys.stderr, disable=len(files) < 2):
            try:
                outcome = ingest_file(path, published_on=published_on, history=history, any_kind=any_kind)
            except NotAReport as error:
                skipped.append(str(error))
                continue
            except DocumentError as error:
                failed.append(str(error))
                continue
            if outcome.created:
                stored.append((path, outcome.report))
            elif outcome.same_as:
                same.append((path, outcome.report, outcome.same_as))
            else:
                known.append((path, outcome.report))
        as_what = " as history" if history else ""
        for path, report in stored:
            self.stdout.write(
                f"stored  {path.name}: {report.title} ({report.findings.count()} findings){as_what}"
            )
        for path, report, why in same:
            self.stdout.write(
                f"same    {path.name}: another format of report {report.pk}, {report.title} ({why}); "
                "kept as another source of it"
            )
        for path, report in known:
            self.stdout.write(f"already {path.name}: stored before as report {report.pk}, unchanged")
        for problem in skipped:
            self.stdout.write(f"skipped {problem}")
        for problem in failed:
            self.stderr.write(f"failed  {problem}")
        self.stdout.write(
            f"{len(stored)} stored{as_what}, {len(same)} another format of a stored report, {len(known)} "
            f"already stored, {len(skipped)} not reports, {len(failed)} failed"
        )
        if failed:
            raise SystemExit(1)
