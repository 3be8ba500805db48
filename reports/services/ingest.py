"""Reading a file into a stored report: once per file, once per report (another format of a stored report
is kept as another source of it), and never a response or a statement taken for a report."""

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from directory.models import Force, Inspectorate, ReportType
from directory.services import read_reference_file
from documents import DocumentError, read_document
from documents.uploads import file_hash
from reports.extraction import Extraction, extract
from reports.models import Report, SourceDocument
from reports.services.editing import FindingInput, create_report
from reports.services.sameness import same_report


class NotAReport(DocumentError):
    """The document answers or announces a report rather than being one (a response letter, a government
    response, a press release): it is owed no response, so it is not stored as a report."""


@functools.cache
def force_names() -> list[tuple[str, list[str]]]:
    """Each force's code with the names a report may call it by, from the shipped reference data, so that
    extraction needs no database."""
    return [
        (force["code"], sorted({force["name"], force["area"]})) for force in read_reference_file()["forces"]
    ]


def extract_file(path: Path) -> Extraction:
    """Read a document and extract its metadata and findings; stores nothing."""
    return extract(read_document(path), forces=force_names())


@dataclass
class IngestOutcome:
    report: Report
    created: bool
    # Set when the file is a new one of a report already stored (the same report in another format):
    # what agreed, in words. The file is kept as another source of that report.
    same_as: str = ""


def stored_with_file(digest: str) -> Report | None:
    """The report a file was stored with before: as the file it was read from, or as another source."""
    return Report.objects.filter(Q(file_hash=digest) | Q(documents__sha256=digest)).order_by("pk").first()


def ingest_file(
    path: Path,
    *,
    created_by=None,
    published_on: date | None = None,
    original_name: str = "",
    on_page=None,
    history: bool = False,
    any_kind: bool = False,
) -> IngestOutcome:
    """Store a report and its extracted findings, unless it was stored before: the same file, or the same
    report from another file (then this file is kept as another source of it).

    `history`: a past report loaded for the record; the responses it called for are history, not work.
    A response letter, a government response or a press release is not a report and is refused with
    NotAReport (saying why), unless `any_kind`. Raises DocumentError, naming the file and the problem,
    when the file cannot be read, has no findings or no publication date; nothing is stored then.
    `on_page(done, total)` hears of each page read.
    """
    path = Path(path)
    digest = file_hash(path)
    existing = stored_with_file(digest)
    if existing:
        return IngestOutcome(existing, created=False)
    document = read_document(path, on_page=on_page)
    extraction = extract(document, forces=force_names())
    metadata = extraction.metadata
    if not any_kind:
        refuse_what_is_not_a_report(path, metadata)
    published_on = published_on or metadata["published_on"]
    title = metadata["title"][:500] or path.stem
    if published_on is not None:
        # Another format of a stored report (even one whose findings this file does not show, such as
        # a web page that prints them as images) is kept as another source of it.
        same, why = same_report(
            title=title, published_on=published_on, texts=[finding.text for finding in extraction.findings]
        )
        if same is not None:
            return add_source(same, path, digest, document, created_by, original_name, why)
    if not extraction.findings:
        raise DocumentError(
            path, "no recommendations, areas for improvement, causes of concern or practice found"
        )
    if published_on is not None and published_on > timezone.localdate():
        raise DocumentError(
            path,
            f"the publication date read from it, {published_on:%-d %B %Y}, is after today; give the real "
            "publication date",
        )
    if published_on is None:
        raise DocumentError(
            path,
            "no publication date found in the document; give it (the publication date, or --published-on)",
        )
    inputs = finding_inputs(extraction)
    forces = list(Force.objects.filter(code__in=metadata["forces"]))
    try:
        report = store_read_report(
            path, digest, document, metadata, inputs, forces, published_on, created_by, original_name, history
        )
    except IntegrityError:
        # The same file read twice at once (a double click, two people): the other one stored it first.
        existing = stored_with_file(digest)
        if existing is None:
            raise
        return IngestOutcome(existing, created=False)
    return IngestOutcome(report, created=True)


def refuse_what_is_not_a_report(path: Path, metadata: dict) -> None:
    """A response letter, a government response or a statement is owed no response: NotAReport, saying why."""
    if metadata["document_kind"] == "report":
        return
    kind = "a response to a report" if metadata["document_kind"] == "response" else "a statement"
    raise NotAReport(
        path,
        f"{kind}, not a report ({metadata['document_kind_reason']}): no response is owed to it, so it "
        "was not stored",
    )


def finding_inputs(extraction: Extraction) -> list[FindingInput]:
    """The findings read, as the findings to store; a parent only where its label is printed before."""
    return [
        FindingInput(
            kind=finding.kind,
            label=finding.label,
            text=finding.text,
            addressees=finding.addressees,
            deadline_text=finding.deadline_text,
            deadline_on=finding.deadline_on,
            parent_label=finding.parent
            if finding.parent in labels_before(extraction.findings, finding)
            else "",
            anchors=finding.anchors,
            confidence=finding.confidence,
            title=finding.title,
            evidence=finding.evidence,
        )
        for finding in extraction.findings
    ]


def add_source(report, path, digest, document, created_by, original_name, why) -> IngestOutcome:
    """Keep another file of a stored report (its HTML page beside its PDF): one report, both sources."""
    try:
        with transaction.atomic():
            keep_source(
                report=report,
                path=path,
                digest=digest,
                document=document,
                uploaded_by=created_by,
                original_name=original_name or path.name,
            )
    except IntegrityError:
        pass  # the same file kept a moment ago by someone else
    return IngestOutcome(report, created=False, same_as=why)


def store_read_report(
    path, digest, document, metadata, inputs, forces, published_on, created_by, original_name, history=False
):
    report_type = ReportType.objects.filter(code=metadata["report_type"]).first() or ReportType.objects.get(
        code="other"
    )
    with transaction.atomic():
        report = create_report(
            title=metadata["title"][:500] or path.stem,
            publisher=metadata.get("publisher", ""),
            subject=metadata.get("subject", ""),
            subject_kind=metadata.get("subject_kind", ""),
            inspection_dates=metadata.get("inspection_dates", ""),
            report_type=report_type,
            published_on=published_on,
            published_on_source=metadata["published_on_source"]
            if published_on == metadata["published_on"]
            else Report.DateSource.ENTERED,
            inspectorates=list(Inspectorate.objects.filter(code__in=metadata["inspectorates"])),
            forces=forces,
            # A report that names no force concerns them all, unless plainly not (domain.md §1): the
            # review page shows the coverage for the officer to confirm or narrow.
            all_forces=metadata["all_forces"] or not forces,
            file_hash=digest,
            created_by=created_by,
            findings=inputs,
            history=history,
        )
        keep_source(
            report=report,
            path=path,
            digest=digest,
            document=document,
            uploaded_by=created_by,
            original_name=original_name or path.name,
        )
    return report


def labels_before(findings, finding) -> set[str]:
    """Labels printed before a finding: the only ones it can belong to."""
    return {other.label for other in findings[: findings.index(finding)]}


def keep_source(
    *, report, path: Path, digest: str, document, uploaded_by, original_name: str
) -> SourceDocument:
    """Store a copy of the file the report was read from, named by its hash."""
    with path.open("rb") as handle:
        name = default_storage.save(f"reports/{digest[:2]}/{digest}{path.suffix.lower()}", File(handle))
    return SourceDocument.objects.create(
        report=report,
        file=name,
        original_name=original_name[:255],
        media_type=document.media_type,
        size=path.stat().st_size,
        sha256=digest,
        pages=document.page_count,
        blocks=SourceDocument.blocks_of(document),
        uploaded_by=uploaded_by,
    )
