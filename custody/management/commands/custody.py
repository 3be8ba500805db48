"""`scrutiny custody synth|import|purge`: synthetic data, imports with a progress bar, the retention purge."""

import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from custody import synth
from custody.imports import import_file
from custody.services import purge
from directory.models import Force, LocalAuthority, LocalPolicingBody
from documents import DocumentError


class Command(BaseCommand):
    help = "Children in custody: `synth` writes synthetic detentions, `import` imports a file, `purge` applies retention."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        made = commands.add_parser(
            "synth", help="Write a synthetic detentions file (CSV) in the import schema."
        )
        made.add_argument("--rows", type=int, default=1000)
        made.add_argument("--seed", type=int, default=1)
        made.add_argument("--output", help="The file to write (default: standard output).")
        made.add_argument("--force", default="cheshire", help="The force whose areas it uses (code).")
        made.add_argument(
            "--start", default="2019-03-01", help="First month, YYYY-MM-DD (default 2019-03-01)."
        )
        made.add_argument("--months", type=int, default=12)
        imported = commands.add_parser(
            "import", help="Import a CSV or Excel file of detentions for a force's office."
        )
        imported.add_argument("path", help="The CSV or Excel (.xlsx) file, in the documented columns.")
        imported.add_argument(
            "--force", default="cheshire", help="The force (code) whose office owns the records."
        )
        imported.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="SOURCE=COLUMN",
            help="A heading of the file and its column.",
        )
        purged = commands.add_parser(
            "purge", help="Delete detentions older than SCRUTINY_CUSTODY_RETENTION_DAYS."
        )
        purged.add_argument("--dry-run", action="store_true")

    def handle(self, *args, action, **options):
        {"synth": self.synth, "import": self.load, "purge": self.purge}[action](**options)

    def synth(self, *, rows, seed, output, force, start, months, **_):
        if rows < 1:
            raise CommandError("--rows must be at least 1")
        try:
            first = date.fromisoformat(start).replace(day=1)
        except ValueError:
            raise CommandError(f"--start {start} is not a date (YYYY-MM-DD)") from None
        authorities = areas_of(force)
        if output:
            with Path(output).open("w", newline="", encoding="utf-8") as handle:
                synth.write_synthetic(
                    handle, rows=rows, seed=seed, authorities=authorities, start=first, months=months
                )
            self.stderr.write(f"Wrote {rows:,} synthetic detentions to {output}")
        else:
            synth.write_synthetic(
                sys.stdout, rows=rows, seed=seed, authorities=authorities, start=first, months=months
            )

    def load(self, **options):
        run_import(self, **options)

    def purge(self, *, dry_run, **_):
        count = purge(dry_run=dry_run)
        self.stdout.write(f"{count:,} detentions {'would be' if dry_run else ''} deleted".replace("  ", " "))


def areas_of(code: str) -> list[tuple[str, str]]:
    force = Force.objects.filter(code=code).first()
    if force is None:
        raise CommandError(f"no force has the code {code!r} (run `scrutiny load-reference` first?)")
    own = list(force.local_authorities.order_by("name").values_list("code", "name"))
    if not own:
        raise CommandError(f"{force} has no local authorities in the reference data")
    other = LocalAuthority.objects.exclude(forces=force).order_by("code").values_list("code", "name").first()
    return own + ([other] if other else [])


def run_import(command: Command, *, path, force, map, **_):
    office = LocalPolicingBody.objects.filter(force__code=force).current().first()
    if office is None:
        raise CommandError(f"no current office for the force {force!r}")
    mapping = {}
    for pair in map:
        source, sep, column = pair.partition("=")
        if not sep:
            raise CommandError(f"--map {pair!r}: write it as SOURCE=COLUMN")
        mapping[source.strip()] = column.strip()
    try:
        batch = import_file(path=Path(path), office=office, mapping=mapping, on_progress=bar(command))
    except (DocumentError, FileNotFoundError) as error:
        raise CommandError(str(error)) from None
    command.stderr.write("")
    if batch.state != batch.State.IMPORTED:
        for problem in batch.errors[:50]:
            column = f", column {problem['column']}" if problem["column"] else ""
            command.stderr.write(f"{path}: row {problem['row']}{column}: {problem['message']}")
        raise CommandError(f"{path}: {batch.error_count:,} problems; nothing was imported")
    command.stdout.write(
        f"{path}: {batch.rows:,} rows, {batch.created:,} new and {batch.updated:,} updated detentions; "
        f"{batch.missing_release:,} without a release time"
    )


def bar(command: Command):
    def show(done: int, total: int) -> None:
        width = 30
        filled = round(width * done / total) if total else width
        command.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} rows", ending="")
        command.stderr.flush()

    return show
