"""`scrutiny search rebuild`: refills the search index in batches, with a progress bar; `scrutiny search
compare`: compares every finding not yet compared for the national register, with a progress bar."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.services import rebuild_index


class Command(BaseCommand):
    help = (
        "The search index: `rebuild` refills it from the records, in batches, with a progress bar; "
        "`compare` places every finding not yet compared in the national register."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        rebuilt = actions.add_parser("rebuild", help="Rebuild the search index from every indexed record.")
        rebuilt.add_argument(
            "--batch-size", type=int, default=1000, help="Records read and indexed at a time (default 1000)."
        )
        compared = actions.add_parser(
            "compare", help="Compare every finding not yet compared with those before it (national register)."
        )
        compared.add_argument(
            "--batch-size", type=int, default=500, help="Findings compared at a time (default 500)."
        )

    def handle(self, *args, action, batch_size, **options):
        if batch_size < 1:
            raise CommandError(f"--batch-size must be at least 1, not {batch_size}")
        if action == "compare":
            return self.compare(batch_size)
        bars: dict[str, tqdm] = {}

        def show(label: str, done: int, total: int) -> None:
            if label not in bars:
                bars[label] = tqdm(total=total, desc=label, unit="row", file=sys.stderr, disable=total < 2)
            bars[label].update(done - bars[label].n)

        try:
            counts = rebuild_index(batch_size=batch_size, on_progress=show)
        finally:
            for bar in bars.values():
                bar.close()
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count:,} indexed")

    def compare(self, batch_size: int) -> None:
        from reports.models import Finding
        from search.register import compare_new_findings

        waiting = Finding.objects.filter(fingerprint__isnull=True).count()
        with tqdm(
            total=waiting, desc="findings", unit="finding", file=sys.stderr, disable=waiting < 2
        ) as bar:
            outcome = compare_new_findings(batch=batch_size, on_progress=bar.update)
        self.stdout.write(
            f"{outcome.findings:,} findings compared: {outcome.joined:,} placed in national items, "
            f"{outcome.proposed:,} proposals made"
        )
