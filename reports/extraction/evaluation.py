"""Honest figures for the learned reader: every score is on a document the model did not learn from.

Leave-one-document-out trains on all documents but one and reads the one left out, for each in turn;
leave-one-family-out leaves out every document of a family at once (a family's conventions, such as which
list is the formal one, are then unseen). Matching follows the development set's own scorer (a labelled
finding is found when one extracted finding holds 80% of its first 40 words; see `scoring.score_real`).
Documents used only for training (`extra`, e.g. the synthetic corpus) are never scored.
"""

import os
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from documents import DocumentError
from documents.pdf import saved_as_text
from documents.text import text_document
from reports.extraction import sequence
from reports.extraction.features import block_features, ruled, without_printing
from reports.extraction.findings import finish
from reports.extraction.formats import as_text, compared, same
from reports.extraction.labelled import Labelled, labelled_documents, read
from reports.extraction.reading import combine
from reports.extraction.scoring import RealScore, score_real


@dataclass
class Example:
    """A labelled document ready for training: its blocks' features and labels."""

    labelled: Labelled
    features: list[dict]
    labels: list[str]
    as_text: "Example | None" = None  # the same document saved as plain text (a PDF's), labelled alike
    as_paragraphs: "Example | None" = None  # its blocks as plain text that keeps its paragraphs (a PDF's)

    @property
    def name(self) -> str:
        return self.labelled.name

    @property
    def family(self) -> str:
        return self.labelled.family


def examples(
    folder: Path, on_skip: Callable[[str], None] | None = None, keep: Callable[[Labelled], bool] | None = None
) -> list[Example]:
    """Every labelled document under `folder`, read, labelled block by block and turned into features. A
    document this machine cannot read (a scan without Tesseract installed) is passed over, and named to
    `on_skip`."""
    prepared = []
    for labelled in labelled_documents(folder):
        if keep is not None and not keep(labelled):
            continue
        try:
            read(labelled)
        except DocumentError as error:
            if on_skip:
                on_skip(str(error))
            continue
        example = Example(labelled, block_features(labelled.document), labelled.labels)
        example.as_text = text_twin(labelled)
        example.as_paragraphs = paragraphs_twin(labelled)
        prepared.append(example)
    return prepared


AS_TEXT = " (as text)"  # how a document's plain-text twin is named in the scores


def text_twin(labelled: Labelled) -> "Example | None":
    """A PDF's text saved as plain text, read by the text reader and labelled by the same words: an office
    that has only the text uploads this, so the model learns to read it and is scored on it."""
    if labelled.path.suffix.lower() != ".pdf":
        return None
    try:
        content = saved_as_text(labelled.path)
    except DocumentError:
        return None
    return twin(labelled, content, AS_TEXT)


AS_PARAGRAPHS = " (as paragraphs)"


def paragraphs_twin(labelled: Labelled) -> "Example | None":
    """A PDF's blocks as plain text that keeps its paragraphs, a blank line between each (as text copied
    from a Word document or a web page gives, and as `formats.as_text` builds it), read by the text reader
    and labelled by the same words. Trained on, never scored: the agreement of a PDF's findings with this
    variant's is scored instead (`SAME_AS`)."""
    if labelled.path.suffix.lower() != ".pdf" or labelled.document is None:
        return None
    return twin(labelled, as_text(labelled.document), AS_PARAGRAPHS)


def twin(labelled: Labelled, content: str, suffix: str) -> "Example | None":
    """`content`, the document's text in another form, read by the text reader and labelled alike."""
    path = labelled.path.with_suffix(".txt")
    copy = replace(labelled, name=labelled.name + suffix, path=path, labels=[], unplaced=[])
    copy.document = text_document(path, content)
    if not copy.document.blocks:
        return None
    read(copy)
    return Example(copy, block_features(copy.document), copy.labels)


def sequences(training: Iterable[Example]) -> dict[str, list[tuple[list[dict], list[str]]]]:
    """What each model trains on. The printed model ("P"): each document's blocks as read, and again as
    plain text would give them (no bold, boxes, cells or heading sizes). The plain-text model ("T"): the
    same, each feature twice (shared, and its own format's copy: `sequence.adapted`), and every PDF's text
    as a viewer saves it (no blank lines, no ranks) and as text that keeps its paragraphs (blank lines
    between them, as copied from Word or a web page), each read by the text reader and labelled by its
    words, so it learns how plain text differs without the printed model unlearning how a page reads."""
    printed, text = [], []
    for example in training:
        own = sequence.domain(example.labelled.document)
        copies = [example.features]
        if example.labelled.path.suffix.lower() in (".pdf", ".docx"):
            copies.append([without_printing(f) for f in example.features])
        for features in copies:
            printed.append((features, example.labels))
            text.append((sequence.adapted(features, own), example.labels))
        for saved in (example.as_text, example.as_paragraphs):
            if saved is not None:
                text.append((sequence.adapted(saved.features, "T"), saved.labels))
    return {"P": printed, "T": text}


def read_with(reader: sequence.Reader, example: Example) -> list[dict]:
    """As `extract` reads, with this model: the model places findings, the rules' parsing details them."""
    document = example.labelled.document
    found = finish(combine(reader.read(document, example.features), ruled(document)), None)
    return [finding.as_dict() for finding in found]


def score(example: Example, findings: list[dict]) -> RealScore:
    return score_real({"findings": example.labelled.findings}, {"findings": findings}, example.name)


# The pool's workers get the examples once, when they start, not with every fold.
_EXAMPLES: list[Example] = []
_EXTRA: list[Example] = []


def _start(documents: list[Example], extra: list[Example]) -> None:
    global _EXAMPLES, _EXTRA
    _EXAMPLES, _EXTRA = documents, extra


def _fold(held_out: tuple[str, str]) -> list[tuple[str, str, RealScore]]:
    """Train without the held-out document (("document", name)) or family (("family", name)); score it."""
    by, value = held_out
    out = [e for e in _EXAMPLES if (e.name if by == "document" else e.family) == value]
    training = [e for e in _EXAMPLES if e not in out] + _EXTRA
    reader = sequence.trained_on(sequences(training))
    scored = out + [e.as_text for e in out if e.as_text is not None]
    rows = [(e.name, e.family, plain(score(e, read_with(reader, e)))) for e in scored]
    for example in out:
        if example.labelled.path.suffix.lower() == ".pdf":
            for variant, result in compared(example.labelled.document, reader).items():
                rows.append((example.name + SAME_AS[variant], example.family, plain(result)))
    return rows


# How the rows of a held-out PDF's agreement with its variants are named: its findings (read by the fold's
# model) scored as the labels of the findings read from its plain text and from a web page of its blocks.
SAME_AS = {"text": " (same as text)", "html": " (same as html)"}


def scored_as(row: tuple[str, str, RealScore]) -> str:
    """What a row of `leave_out` scores: "document" (a held-out document's findings against its labels),
    "as text" (its plain-text twin's, against the labels), or "same as text" and "same as html" (the
    agreement of its findings with its variant's, `SAME_AS`)."""
    if row[0].endswith(AS_TEXT):
        return "as text"
    return next(
        ("same as " + variant for variant, suffix in SAME_AS.items() if row[0].endswith(suffix)), "document"
    )


def agreement(rows: list[tuple[str, str, RealScore]]) -> tuple[int, int]:
    """(findings held in common, the larger count) summed over agreement rows."""
    held = [same(result) for _, _, result in rows]
    return sum(found for found, _ in held), sum(compared for _, compared in held)


def plain(result: RealScore) -> RealScore:
    """A score that can cross a process boundary (its tallies, not its default factories)."""
    copy = RealScore(labelled=result.labelled, extracted=result.extracted, found=result.found)
    copy.misses = list(result.misses)
    copy.details = {name: list(pair) for name, pair in result.details.items()}  # type: ignore[assignment]
    return copy


def leave_out(
    documents: list[Example], by: str, extra: list[Example] | None = None, workers: int | None = None
) -> list[tuple[str, str, RealScore]]:
    """(name, family, score) for every document, each scored by a model that did not see it (`by` is
    "document" or "family")."""
    values = sorted({e.name if by == "document" else e.family for e in documents})
    folds = [(by, value) for value in values]
    workers = workers or min(len(folds), os.cpu_count() or 1)
    if workers <= 1:
        _start(documents, extra or [])
        results = [_fold(fold) for fold in folds]
    else:
        with ProcessPoolExecutor(workers, initializer=_start, initargs=(documents, extra or [])) as pool:
            results = list(pool.map(_fold, folds))
    return [row for rows in results for row in rows]


def total(rows: list[tuple[str, str, RealScore]]) -> RealScore:
    summed = RealScore()
    for _, _, result in rows:
        summed.labelled += result.labelled
        summed.extracted += result.extracted
        summed.found += result.found
    return summed


def by_family(rows: list[tuple[str, str, RealScore]]) -> dict[str, RealScore]:
    families: dict[str, RealScore] = {}
    for _, family, result in rows:
        summed = families.setdefault(family, RealScore())
        summed.labelled += result.labelled
        summed.extracted += result.extracted
        summed.found += result.found
    return families


DETAILS = ("title", "publisher", "subject_kind", "police_s55")


def details_right(documents: list[Example]) -> dict[str, tuple[int, int, list[str]]]:
    """For each report detail the labels give: (right, compared, the documents it was wrong on). Titles
    agree when folded alike or nearly so (90% by edit distance); a publisher's label is compared without
    its notes ("Ofsted (local authority report)")."""
    from rapidfuzz import fuzz

    from reports.extraction.metadata import fold, report_metadata
    from reports.extraction.subject import details

    results: dict[str, list] = {name: [0, 0, []] for name in DETAILS}
    for example in documents:
        document, want = example.labelled.document, example.labelled.metadata
        got = report_metadata(document, [])
        got.update(details(document, got["title"], got["forces"]))
        for name in DETAILS:
            if name not in want or want[name] in (None, ""):
                continue
            expected, found = want[name], got.get(name)
            if name == "title":
                right = fold(found) == fold(expected) or fuzz.ratio(fold(found), fold(expected)) >= 90
            elif name == "publisher":
                right = fold(found or "") == fold(re.split(r"\s*[(;]", expected)[0])
            else:
                right = found == expected
            results[name][0] += int(right)
            results[name][1] += 1
            if not right:
                results[name][2].append(example.name)
    return {name: (right, compared, wrong) for name, (right, compared, wrong) in results.items()}
