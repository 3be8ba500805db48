import json

from django.core.management.base import BaseCommand, CommandError

from documents import DocumentError
from reports.services import force_names
from responses.linking import match_response
from responses.matching import as_json


class Command(BaseCommand):
    help = (
        "Link a response document to a report's recommendations and read each answer's stance. "
        "Stores nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("report", help="The inspection report (PDF, Word, HTML or text).")
        parser.add_argument("response", help="The response or chief officer's comments to link to it.")
        parser.add_argument("--json", action="store_true", help="Print JSON (the default prints a table).")

    def handle(self, *args, report, response, **options):
        try:
            matches = match_response(report, response, forces=force_names())
        except DocumentError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(as_json(matches), indent=2, ensure_ascii=False))
            return
        for match in matches:
            self.stdout.write(
                f"{match.label:20} {match.stance:19} {match.confidence:.2f}  {match.response[:70]}"
            )
