import json

from django.core.management.base import BaseCommand, CommandError

from documents import DocumentError
from reports.services import extract_file


class Command(BaseCommand):
    help = "Extract a report's metadata and findings from a PDF, Word, HTML or text file. Stores nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The document to read.")
        parser.add_argument("--json", action="store_true", help="Print JSON (the default prints a summary).")

    def handle(self, *args, path, **options):
        try:
            extraction = extract_file(path)
        except DocumentError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(dump(extraction.as_dict()))
            return
        metadata = extraction.metadata
        self.stdout.write(
            f"{metadata['title']}\npublished {metadata['published_on'] or 'date not found'} "
            f"({metadata['published_on_source']}), {len(extraction.findings)} findings"
        )
        if metadata["document_kind"] != "report":  # ingest would skip it: say so, and why
            self.stdout.write(
                f"not a report: a {metadata['document_kind']}, {metadata['document_kind_reason']}"
            )
        for finding in extraction.findings:
            where = f" (page {finding.pages[0]})" if finding.pages else ""
            self.stdout.write(f"- {finding.label} [{finding.kind}]{where}: {finding.text[:100]}")


def dump(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
