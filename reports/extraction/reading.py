"""`extract(document)`: a report's details and findings, read by the learned model where one is shipped
(`sequence.shipped()`), by the rules otherwise; then what both share: findings printed twice merged, their
addressees and deadlines read, the kind of document decided."""

from documents.model import Document
from reports.extraction import details, sequence, subject
from reports.extraction.features import block_features, ruled
from reports.extraction.findings import ExtractedFinding, Extraction, Extractor, finish, inherit
from reports.extraction.kind import document_kind
from reports.extraction.metadata import TYPES, report_metadata


def read_findings(
    document: Document, metadata: dict, reader: sequence.Reader | None
) -> list[ExtractedFinding]:
    published_on = metadata.get("published_on")
    if reader is None:
        return Extractor(document, published_on, metadata.get("title", "")).run()
    rule_findings = ruled(document)  # once: a feature for the model, and the details of what it places
    found = reader.read(document, block_features(document, rule_findings))
    return finish(combine(found, rule_findings), published_on)


def combine(learned: list[ExtractedFinding], ruled: list[ExtractedFinding]) -> list[ExtractedFinding]:
    """The model decides where findings are; where the rules took the same blocks, their reading of it
    (printed label, title, parent, kind from its heading, sub-items split by their printed letters) is
    kept, since the rules parse what the model only places."""
    combined: list[ExtractedFinding] = []
    taken: set[int] = set()
    for finding in learned:
        first, last = finding.span
        overlapping = [
            rule
            for rule in ruled
            if rule.span[0] >= 0
            and rule.span[0] <= last
            and max(rule.span) >= first
            and id(rule) not in taken
        ]
        if len(overlapping) == 1:
            rule = overlapping[0]
            rule.confidence = finding.confidence
            rule.evidence += finding.evidence
            combined.append(rule)
            taken.add(id(rule))
        elif len(overlapping) > 1 and all(rule.label and rule.printed for rule in overlapping):
            for rule in overlapping:  # labelled sub-items the rules split: "(a) … (b) …"
                rule.confidence = finding.confidence
                combined.append(rule)
                taken.add(id(rule))
        else:
            combined.append(finding)
    # A finding printed with its label ("Recommendation 4:") that the model passed over is still taken: a
    # printed label is the strongest evidence a report gives, and a short document gives the model little
    # else to go on.
    placed = [finding.span for finding in combined]
    for rule in ruled:
        if id(rule) in taken or not (rule.printed and rule.confidence >= 0.95) or rule.span[0] < 0:
            continue
        if not any(first <= max(rule.span) and rule.span[0] <= last for first, last in placed):
            combined.append(rule)
    combined.sort(key=lambda finding: finding.span[0])
    return combined


def extract(
    document: Document,
    forces: list[tuple[str, list[str]]] | None = None,
    reader: sequence.Reader | None | bool = True,
) -> Extraction:
    """`reader`: True for the shipped model (the rules when none is shipped), None for the rules alone,
    or a model to read with."""
    metadata = report_metadata(document, forces or [])
    metadata.update(subject.details(document, metadata.get("title", ""), metadata.get("forces", [])))
    settle_type_and_inspectorates(metadata)
    findings = read_findings(document, metadata, sequence.shipped() if reader is True else reader or None)
    # Relative deadlines run from the publication of the report that made them: in a response, the
    # report it answers; in a re-inspection, the earlier report for the recommendations it restates.
    earlier = metadata.get("responds_to_published_on")
    if earlier:
        restates = any(finding.restated for finding in findings)
        for finding in findings:
            if finding.restated or not restates:
                finding.deadline_text, finding.deadline_on = details.deadline(finding.text, earlier)
                if finding.deadline_text:
                    finding.deadline_text = finding.deadline_text[0].upper() + finding.deadline_text[1:]
        by_label = {finding.label: finding for finding in findings}
        for finding in findings:
            inherit(finding, by_label.get(finding.parent))
    if document.ocr:
        for finding in findings:
            finding.confidence *= 0.9
    metadata["all_forces"] = metadata.get("all_forces") or any(
        "Chief constables" in finding.addressees for finding in findings
    )
    if metadata["all_forces"]:
        metadata["forces"] = []
    kind = document_kind(document, metadata.get("title", ""), len(findings))
    metadata["document_kind"], metadata["document_kind_reason"] = kind.kind, kind.reason
    return Extraction(metadata=metadata, findings=findings)


JOINT_TYPES = {"jtai", "jicpa"}


def settle_type_and_inspectorates(metadata: dict) -> None:
    """A police report type only for a report by the police inspectorate, or one that names its type in
    its title: a council's re-inspection is not a police post-inspection review. The inspectorates
    include the publisher when it is one."""
    publisher = metadata.get("publisher", "")
    police = (
        publisher.startswith("HM Inspectorate of Constabulary")
        or metadata.get("subject_kind") == "police-force"
    )
    if metadata.get("report_type") != "other" and publisher and not police:
        # Joint inspections (the police inspectorate with Ofsted, CQC and probation) keep their type when
        # the title names it; a council's "re-inspection" is no police post-inspection review.
        pattern = dict(TYPES).get(metadata["report_type"])
        joint = metadata["report_type"] in JOINT_TYPES
        if not joint or pattern is None or not pattern.search(metadata.get("title", "")):
            metadata["report_type"] = "other"
    for name, code in subject.INSPECTORATE_OF.items():
        if name in publisher and code not in metadata.get("inspectorates", []):
            metadata.setdefault("inspectorates", []).append(code)
