"""`scrutiny intake evaluate|train|export-labels`: the learned reader's honest score, its training, and an
office's corrections as labelled examples."""

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.extraction import evaluation, training
from reports.extraction.scoring import RealScore


class Command(BaseCommand):
    help = (
        "The learned intake: `evaluate FOLDER` scores it on documents it did not learn from, `train` trains "
        "the shipped model, `export-labels REPORT` writes a reviewed report as a labelled example."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        evaluate = actions.add_parser(
            "evaluate",
            help="Leave-one-document-out and leave-one-family-out scores on a folder of labelled documents.",
        )
        evaluate.add_argument("folder", help="A folder of documents, each beside its <name>.expected.json.")
        evaluate.add_argument(
            "--only", choices=["document", "family"], help="Run one of the two evaluations, not both."
        )
        evaluate.add_argument("--show", action="store_true", help="List each missed and extra finding.")
        evaluate.add_argument("--workers", type=int, help="Processes to train in (default: every core).")
        evaluate.add_argument(
            "--without-corpus",
            action="store_true",
            help="Train on the folder alone, without the synthetic corpus (tests/corpus) beside it.",
        )
        train = actions.add_parser("train", help="Train the shipped model on labelled folders.")
        train.add_argument(
            "folders",
            nargs="*",
            help="Folders of labelled documents (default: the development set beside the checkout and the "
            "synthetic corpus).",
        )
        train.add_argument(
            "--if-changed",
            action="store_true",
            help="Train only when the documents differ from those the shipped model names.",
        )
        train.add_argument("--output", help="Where to write the model (default: the shipped model).")
        train.add_argument(
            "--evaluate",
            metavar="FOLDER",
            help="Then score the recipe on FOLDER, leaving out each document and each family, and write the "
            "scores into the shipped model's manifest.",
        )
        export = actions.add_parser(
            "export-labels", help="Write a reviewed report's findings in the development set's format."
        )
        export.add_argument("report", type=int, help="The report's number.")
        export.add_argument("--to", help="Folder to write into (default: the current folder).", default=".")

    def handle(self, *args, action, **options):
        if action == "evaluate":
            self.evaluate(
                Path(options["folder"]),
                options["only"],
                options["show"],
                options["workers"],
                options["without_corpus"],
            )
        elif action == "train":
            self.train(options["folders"], options["if_changed"], options["output"])
            if options["evaluate"]:
                scores = self.evaluate(Path(options["evaluate"]), None, False, None)
                if not options["output"]:
                    training.record_scores(scores)
        else:
            self.export(options["report"], Path(options["to"]))

    def evaluate(
        self, folder: Path, only: str | None, show: bool, workers: int | None, without_corpus: bool = False
    ) -> dict:
        if not folder.is_dir():
            raise CommandError(f"{folder}: no such folder")
        started = time.perf_counter()
        documents = evaluation.examples(folder, self.skipped)
        if not documents:
            raise CommandError(f"{folder}: no labelled documents (<name>.expected.json beside <name>.pdf …)")
        extra = [] if without_corpus else training.own_corpus(self.skipped)
        self.stdout.write(
            f"{len(documents)} labelled documents in {len({d.family for d in documents})} families read in "
            f"{time.perf_counter() - started:.1f} s; {len(extra)} more for training only"
        )
        scores = {}
        if not only:
            self.stdout.write("\nReport details (read, not learned: the same in or out of training):")
            for name, (right, compared, wrong) in evaluation.details_right(documents).items():
                share = right / compared if compared else 0.0
                self.stdout.write(
                    f"  {name:14s} {right:3d} of {compared:3d}  wrong on: {', '.join(wrong) or 'none'}"
                )
                self.stdout.write(f"realdocs_details_{name}={share:.3f}")
                scores[f"details_{name}"] = round(share, 3)
        for by, line in (("document", "realdocs_loo_f1"), ("family", "realdocs_family_out_f1")):
            if only and only != by:
                continue
            started = time.perf_counter()
            every = evaluation.leave_out(documents, by, extra=extra, workers=workers)
            rows = [row for row in every if evaluation.scored_as(row) == "document"]
            self.stdout.write(f"\nLeaving out each {by} ({time.perf_counter() - started:.0f} s):")
            for name, family, result in sorted(rows, key=lambda row: (row[1], row[0])):
                self.stdout.write(f"  {name:56.56s} {family:24.24s} {row_figures(result)}")
                if show:
                    for miss in result.misses:
                        self.stdout.write(f"      {miss}")
            for family, result in sorted(evaluation.by_family(rows).items()):
                self.stdout.write(f"  family {family:73.73s} {row_figures(result)}")
            summed = evaluation.total(rows)
            self.stdout.write(f"  all {'':76s} {row_figures(summed)}")
            self.stdout.write(f"{line}={summed.f1:.3f}")
            scores[line] = round(summed.f1, 3)
            scores[f"{by}s"] = {name: round(result.f1, 3) for name, _, result in rows}
            texts = [row for row in every if evaluation.scored_as(row) == "as text"]
            if texts:
                self.stdout.write(f"\nThe same PDFs saved as plain text, each {by} left out:")
                for name, family, result in sorted(texts, key=lambda row: (row[1], row[0])):
                    self.stdout.write(f"  {name:56.56s} {family:24.24s} {row_figures(result)}")
                summed = evaluation.total(texts)
                self.stdout.write(f"  all {'':76s} {row_figures(summed)}")
                text_line = line.replace("realdocs_", "realdocs_as_text_")
                self.stdout.write(f"{text_line}={summed.f1:.3f}")
                scores[text_line] = round(summed.f1, 3)
            scores.update(self.agreement(every, by, line))
        return scores

    def agreement(self, every: list, by: str, line: str) -> dict:
        """Each held-out PDF's findings against those read from its plain text and from a web page of its
        blocks, all by the fold's model (issue 23: the same findings whatever the format)."""
        scores = {}
        for variant in evaluation.SAME_AS:
            rows = [row for row in every if evaluation.scored_as(row) == "same as " + variant]
            if not rows:
                continue
            self.stdout.write(f"\nThe same PDFs as {variant}, each {by} left out (findings held in common):")
            for name, family, result in sorted(rows, key=lambda row: (row[1], row[0])):
                found, compared = evaluation.same(result)
                self.stdout.write(f"  {name:56.56s} {family:24.24s} {found:3d} of {compared:3d}")
            found, compared = evaluation.agreement(rows)
            share = found / compared if compared else 1.0
            self.stdout.write(f"  all {'':76s} {found:3d} of {compared:3d}")
            same_line = line.replace("loo_f1", "same_as_" + variant).replace("_f1", "_same_as_" + variant)
            self.stdout.write(f"{same_line}={share:.3f}")
            scores[same_line] = round(share, 3)
        return scores

    def train(self, folders: list[str], if_changed: bool, output: str | None) -> None:
        paths = [Path(folder) for folder in folders] or training.default_folders()
        for path in paths:
            if not path.is_dir():
                raise CommandError(f"{path}: no such folder")
        if if_changed and output is None and training.up_to_date(paths):
            self.stdout.write("The shipped model was trained on these documents already; nothing to do.")
            return
        started = time.perf_counter()
        manifest = training.train(paths, Path(output) if output else None, self.skipped)
        self.stdout.write(
            f"Trained on {len(manifest['documents'])} documents in {time.perf_counter() - started:.1f} s: "
            f"{manifest['model']} ({manifest['bytes'] // 1024} KB) and {manifest['text_model']} "
            f"({manifest['text_bytes'] // 1024} KB)"
        )

    def skipped(self, problem: str) -> None:
        self.stderr.write(f"Passed over {problem}")

    def export(self, report: int, folder: Path) -> None:
        from reports.labels import export_labels

        try:
            written = export_labels(report, folder)
        except LookupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Wrote {', '.join(str(path) for path in written)}")


def row_figures(result: RealScore) -> str:
    return (
        f"labelled {result.labelled:3d}  extracted {result.extracted:4d}  found {result.found:3d}  "
        f"recall {result.recall:.2f}  precision {result.precision:.2f}  F1 {result.f1:.2f}"
    )


def dump(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
