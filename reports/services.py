"""Every change to reports and findings goes through these functions: views, the API, the CLI and the demo."""

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from rapidfuzz import fuzz, process

from core.refusals import Refused
from directory.models import Force, Inspectorate, ReportType
from directory.services import read_reference_file
from documents import DocumentError, read_document
from documents.uploads import file_hash
from reports import events
from reports.extraction import Extraction, extract, normalise
from reports.models import Finding, Report, SourceDocument


class ReportRefused(Refused):
    """A report cannot be stored as given; the message says why."""


class FindingRefused(Refused):
    """A finding cannot be stored as given; the message says why."""


class NotAReport(DocumentError):
    """The document answers or announces a report rather than being one (a response letter, a government
    response, a press release): it is owed no response, so it is not stored as a report."""


def check_coverage(*, all_forces: bool, forces) -> None:
    """A report concerns all forces or names the forces it concerns: the obligations follow from it."""
    if not all_forces and not forces:
        raise ReportRefused("select the forces the report names, or say it concerns all forces")


@dataclass
class FindingInput:
    kind: str
    label: str
    text: str
    addressees: list[str] = field(default_factory=list)
    deadline_text: str = ""
    deadline_on: date | None = None
    parent_label: str = ""
    parent: Finding | None = None
    anchors: list[dict] = field(default_factory=list)
    confidence: float = 1.0
    reviewed: bool = False
    title: str = ""
    evidence: list[str] = field(default_factory=list)


@transaction.atomic
def create_report(
    *,
    title: str,
    report_type: ReportType,
    published_on: date,
    inspectorates: list[Inspectorate],
    forces: list[Force] = (),
    all_forces: bool = False,
    published_on_source: str = Report.DateSource.ENTERED,
    summary: str = "",
    source_url: str = "",
    file_hash: str = "",
    created_by=None,
    findings: list[FindingInput] = (),
    linked_reports: list[Report] = (),
    history: bool = False,
    publisher: str = "",
    subject: str = "",
    subject_kind: str = "",
    inspection_dates: str = "",
) -> Report:
    """Store a report with its findings, all or nothing, and announce it (responses records who owes
    comments on it: as history, kept for the record, when the report is a past one loaded as history)."""
    check_coverage(all_forces=all_forces, forces=forces)
    report = Report.objects.create(
        history=history,
        title=title,
        publisher=publisher[:200],
        subject=subject[:300],
        subject_kind=subject_kind,
        inspection_dates=inspection_dates[:200],
        report_type=report_type,
        published_on=published_on,
        published_on_source=published_on_source,
        all_forces=all_forces,
        summary=summary,
        source_url=source_url,
        file_hash=file_hash,
        created_by=created_by,
    )
    report.inspectorates.set(inspectorates)
    report.forces.set([] if all_forces else forces)
    report.linked_reports.set(linked_reports)
    add_findings(report=report, findings=findings)
    events.report_recorded.send(sender=Report, report=report, created=True)
    return report


@transaction.atomic
def update_report(
    *, report: Report, inspectorates=None, forces=None, linked_reports=None, **fields
) -> Report:
    """Change a report's details; findings are changed one by one with the finding services. Its
    publication date stays once what is counted against it has been published (a response's on-time
    record)."""
    if "published_on" in fields and fields["published_on"] != report.published_on and report.pk:
        reasons = events.date_change_refusals(report)
        if reasons:
            raise ReportRefused(f"the publication date cannot change: {'; '.join(reasons)}")
    for name, value in fields.items():
        setattr(report, name, value)
    if forces is not None:
        check_coverage(all_forces=report.all_forces, forces=forces)
    report.save()
    if linked_reports is not None:
        report.linked_reports.set([linked for linked in linked_reports if linked.pk != report.pk])
    if inspectorates is not None:
        report.inspectorates.set(inspectorates)
    if forces is not None or report.all_forces:
        report.forces.set([] if report.all_forces else forces)
    events.report_recorded.send(sender=Report, report=report, created=False)
    return report


@transaction.atomic
def add_findings(*, report: Report, findings: list[FindingInput]) -> list[Finding]:
    """Append findings to a report, resolving each parent label against the report's findings."""
    by_label = {finding.label: finding for finding in report.findings.all()}
    position = max((finding.position for finding in by_label.values()), default=0)
    created = []
    for item in findings:
        parent = item.parent
        if parent is not None and parent.report_id != report.pk:
            raise FindingRefused(f"{item.label}: a finding can only belong to a finding of the same report")
        if parent is None and item.parent_label:
            parent = by_label.get(item.parent_label)
            if parent is None:
                raise FindingRefused(
                    f"{item.label}: no finding labelled {item.parent_label!r} in this report to belong to"
                )
        position += 1
        finding = Finding.objects.create(
            report=report,
            kind=item.kind,
            label=item.label,
            text=item.text.strip(),
            addressees=item.addressees,
            deadline_text=item.deadline_text,
            deadline_on=item.deadline_on,
            parent=parent,
            anchors=item.anchors,
            confidence=item.confidence,
            reviewed=item.reviewed,
            title=item.title[:300],
            evidence=item.evidence,
            position=position,
        )
        by_label[finding.label] = finding
        created.append(finding)
        events.finding_saved.send(sender=Finding, finding=finding, created=True)
    return created


@transaction.atomic
def update_finding(*, finding: Finding, parent: Finding | None = None, **fields) -> Finding:
    """Change one finding; its parent must be another finding of the same report."""
    if parent is not None and (parent.report_id != finding.report_id or parent.pk == finding.pk):
        raise FindingRefused("a finding can only belong to another finding of the same report")
    for name, value in fields.items():
        setattr(finding, name, value)
    finding.parent = parent
    finding.save()
    events.finding_saved.send(sender=Finding, finding=finding, created=False)
    return finding


def check_removable(finding: Finding) -> None:
    """What people wrote about a finding (an answer, an action's updates) is never lost with it: the
    apps that hold such work say so, and the finding stays."""
    reasons = events.removal_refusals(finding)
    if reasons:
        raise FindingRefused(
            f"{finding.label} cannot be removed: {'; '.join(reasons)}. Change its text instead"
        )


def delete_finding(*, finding: Finding) -> None:
    """Remove a finding; findings that belonged to it move up to its own parent. Untouched records other
    apps opened for it go with it."""
    check_removable(finding)
    with transaction.atomic():
        events.finding_removed.send(sender=Finding, finding=finding)
        finding.children.update(parent=finding.parent)
        finding.delete()


# -- intake ------------------------------------------------------------------------------------------------


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


def fold_title(title: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", title.lower()).split())


def titles_agree(first: str, second: str) -> bool:
    """The same title, or one the start of the other ("Held too long" and "Held too long: a joint
    thematic inspection …", a web page's heading and the PDF's cover)."""
    a, b = fold_title(first), fold_title(second)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= 8 and long.startswith(short + " ")) or fuzz.ratio(a, b) >= 92


def findings_agreement(texts: list[str], report: Report) -> tuple[float, float]:
    """How far two lists of findings agree: the share of the shorter list whose text the other has too
    (90% alike after folding case, spaces, quotes and dashes), and the share of the longer list that is
    matched. (1.0, 1.0) when both hold the same findings."""
    stored = [normalise(text) for text in report.findings.values_list("text", flat=True)]
    read = [normalise(text) for text in texts]
    if not stored or not read:
        return 0.0, 0.0
    shorter, longer = sorted((stored, read), key=len)
    found = sum(1 for text in shorter if process.extractOne(text, longer, scorer=fuzz.ratio, score_cutoff=90))
    return found / len(shorter), found / len(longer)


# Two files are one report when the titles agree, the publication dates are the same and this share of
# the shorter list of findings agree. With different dates (one file misstates its date) the findings
# must agree this much both ways: a re-inspection restates its earlier report's recommendations, but
# adds findings of its own, so it stays a report of its own.
SAME_FINDINGS, SAME_FINDINGS_OTHER_DATE = 0.6, 0.9


def same_report(*, title: str, published_on: date, texts: list[str]) -> tuple[Report | None, str]:
    """A report already stored from another file (the HTML page of a PDF, a Word copy): the titles agree,
    the publication dates are the same, and most findings agree; or the very same title on the same day.
    Returns the report and, in words, what agreed."""
    head = title.split(":")[0].strip()
    if not head:
        return None, ""
    candidates = Report.objects.filter(Q(published_on=published_on) | Q(title__istartswith=head[:100]))
    best, best_share = None, -1.0
    for report in candidates.order_by("pk")[:50]:
        if not titles_agree(title, report.title):
            continue
        share, both_ways = findings_agreement(texts, report)
        if report.published_on == published_on:
            # The very same title on the same day is the same report even when one file's findings were
            # misread (a web page's list of witnesses taken for recommendations): the stored ones stay.
            same = share >= SAME_FINDINGS or fold_title(title) == fold_title(report.title)
        else:
            same = min(share, both_ways) >= SAME_FINDINGS_OTHER_DATE
        if same and share > best_share:
            best, best_share = report, share
    if best is None:
        return None, ""
    if not texts:
        return best, (
            f"the very same title and publication date, {published_on:%-d %B %Y}; no findings were read "
            "from this file, so the stored ones are kept"
        )
    if best_share < SAME_FINDINGS:
        return best, (
            f"the very same title and publication date, {published_on:%-d %B %Y}; only "
            f"{round(best_share * 100)}% of the findings read from this file agree, so the stored ones are kept"
        )
    if best.published_on == published_on:
        return best, (
            f"the title, {round(best_share * 100)}% of the findings and the publication date, "
            f"{published_on:%-d %B %Y}, agree"
        )
    return best, (
        f"the title and {round(best_share * 100)}% of the findings agree; the publication dates differ "
        f"({published_on:%-d %B %Y} here, {best.published_on:%-d %B %Y} stored): check the date"
    )


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
    if metadata["document_kind"] != "report" and not any_kind:
        kind = "a response to a report" if metadata["document_kind"] == "response" else "a statement"
        raise NotAReport(
            path,
            f"{kind}, not a report ({metadata['document_kind_reason']}): no response is owed to it, so it "
            "was not stored",
        )
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
    if published_on is None:
        raise DocumentError(
            path,
            "no publication date found in the document; give it (the publication date, or --published-on)",
        )
    inputs = [
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
    forces = list(Force.objects.filter(code__in=metadata["forces"]))
    try:
        return IngestOutcome(
            store_read_report(
                path,
                digest,
                document,
                metadata,
                inputs,
                forces,
                published_on,
                created_by,
                original_name,
                history=history,
            ),
            created=True,
        )
    except IntegrityError:
        # The same file read twice at once (a double click, two people): the other one stored it first.
        existing = stored_with_file(digest)
        if existing is None:
            raise
        return IngestOutcome(existing, created=False)


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


def mark_reviewed(*, report: Report, user) -> Report:
    """An officer has checked every finding against the source: the report and its findings are reviewed."""
    with transaction.atomic():
        report.findings.update(reviewed=True, updated_at=timezone.now())  # an open edit form sees the change
        report.reviewed_at = timezone.now()
        report.reviewed_by = user
        report.save(update_fields=["reviewed_at", "reviewed_by"])
    return report


def accept_finding(*, finding: Finding) -> Finding:
    finding.reviewed = True
    finding.save(update_fields=["reviewed", "updated_at"])
    return finding


@transaction.atomic
def merge_findings(*, first: Finding, second: Finding) -> Finding:
    """Join a finding the extractor cut in two: the second's text and anchors go to the first."""
    if first.report_id != second.report_id:
        raise FindingRefused("only findings of the same report can be merged")
    check_removable(second)
    events.finding_merged.send(sender=Finding, kept=first, removed=second)
    first.text = f"{first.text.rstrip()} {second.text.lstrip()}"
    first.anchors = first.anchors + [anchor for anchor in second.anchors if anchor not in first.anchors]
    first.reviewed = False
    first.save()
    second.children.update(parent=first)
    second.delete()
    return first


@transaction.atomic
def split_finding(*, finding: Finding, first_text: str, second_text: str, second_label: str) -> Finding:
    """Cut a finding the extractor joined: the second part becomes a new finding just after it."""
    if not first_text.strip() or not second_text.strip():
        raise FindingRefused("both parts of a split finding need text")
    finding.report.findings.filter(position__gt=finding.position).update(position=models.F("position") + 1)
    finding.text = first_text.strip()
    finding.reviewed = False
    finding.save()
    new = Finding.objects.create(
        report=finding.report,
        kind=finding.kind,
        label=second_label.strip() or f"{finding.label} (part 2)",
        text=second_text.strip(),
        parent=finding.parent,
        anchors=finding.anchors,
        confidence=finding.confidence,
        position=finding.position + 1,
    )
    events.finding_split.send(sender=Finding, original=finding, new=new)
    return new
