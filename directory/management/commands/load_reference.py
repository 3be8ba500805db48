from django.core.management.base import BaseCommand, CommandError

from directory.services import REFERENCE_FILE, ReferenceDataError, load_reference_data


class Command(BaseCommand):
    help = "Load forces, local policing bodies, local authorities, inspectorates and report types. Safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(REFERENCE_FILE), help="The reference data file (TOML).")

    def handle(self, *args, file, **options):
        from pathlib import Path

        try:
            outcome = load_reference_data(Path(file))
        except ReferenceDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Reference data {outcome['version']}: {outcome['created']} created, "
            f"{outcome['updated']} updated, {outcome['unchanged']} unchanged."
        )
