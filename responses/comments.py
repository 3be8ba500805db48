"""The chief officer's comments: received, read, and linked to the recommendations they answer.

Linking proposes, people decide: each recommendation's section gets the passage of the comments that
answers it and the stance it takes, with the matcher's confidence, until an officer confirms or
corrects them. The comments' text is published with the response as the law requires.
"""

import re
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from documents import Document, DocumentError, read_document
from documents.text import decoded, text_blocks
from reports.services import force_names
from responses.linking import link_answers
from responses.models import ResponseObligation, ResponseSection, Stance
from responses.reminders import office_recipients
from responses.services import (
    ObligationRefused,
    check_editable,
    notify,
    prepare_response,
    record_comments,
)


def document_text(document: Document) -> str:
    """The comments as the chief officer wrote them, to publish: paragraphs apart, and in a Word or text
    letter the line breaks inside a paragraph (an address, a sign-off) kept. A PDF's lines are joined, as
    the reader joins them, since they are where its text wrapped."""
    if document.input_kind == "docx":
        kept = word_paragraphs(document.path)
    elif document.input_kind in ("text", "markdown"):
        kept = [
            "\n".join(line.strip() for line in paragraph.splitlines() if line.strip())
            for paragraph in re.split(
                r"\n[ \t]*\n", decoded(document.path.read_bytes()).replace("\r\n", "\n")
            )
        ]
    else:
        kept = [block.text for block in document.blocks]
    return "\n\n".join(paragraph.strip() for paragraph in kept if paragraph.strip())


def word_paragraphs(path: Path) -> list[str]:
    """A Word letter's paragraphs and table cells in order, each line break (Shift+Enter) kept."""
    import docx
    from docx.table import Table

    kept, seen = [], {}  # seen holds each cell's element, so its id is not reused while we look
    for item in docx.Document(str(path)).iter_inner_content():
        if isinstance(item, Table):
            for cell in (cell for row in item.rows for cell in row.cells):
                if id(cell._tc) not in seen:  # a merged cell repeats in each row and column it spans
                    seen[id(cell._tc)] = cell._tc
                    kept.append(cell.text)
        else:
            kept.append("\n".join(line.strip() for line in item.text.split("\n")))
    return kept


def typed_document(text: str) -> Document:
    """Comments typed or pasted into the page, read as a text file holding them is read: the same blocks,
    so they link to the recommendations as the same words in a letter do."""
    return Document(
        path=Path("typed comments"), media_type="text/plain", blocks=text_blocks(text, markdown=False)
    )


def record_and_link_typed(*, obligation: ResponseObligation, received_on, text: str, user) -> None:
    """Typed comments are recorded and linked at once (reading typed text takes no time worth a worker);
    the matching runs before the write, and both land together or not at all."""
    sections = recommendation_sections(obligation)
    matches = propose_links(sections, typed_document(text))
    with transaction.atomic():
        record_comments(obligation=obligation, received_on=received_on, text=text, user=user)
        store_links(sections, matches)


def force_may_submit(user, obligation: ResponseObligation) -> bool:
    """Someone at the invited force may submit the comments until they are recorded."""
    return (
        ResponseObligation.objects.asked_of(user).filter(pk=obligation.pk).exists()
        and obligation.comments_received_on is None
    )


def submitted_by_force(obligation: ResponseObligation, user) -> None:
    """Note who at the force submitted the comments, and tell the office."""
    ResponseObligation.objects.filter(pk=obligation.pk).update(comments_submitted_by=user)
    notify(
        office_recipients(obligation),
        f"Comments received: {obligation.report.title}",
        "responses/email/comments_submitted.txt",
        {"obligation": obligation, "submitter": user},
    )


def read_and_link(
    *, obligation: ResponseObligation, path: Path, original_name: str, received_on, text: str, user
):
    """Read a comments document, then record it and the links it proposes, all or nothing: a file that
    cannot be read is refused, naming it, and nothing changes. The matching runs before the write, so the
    database is held only for the write."""
    document = read_document(path)
    sections = recommendation_sections(obligation)
    matches = propose_links(sections, document)
    with transaction.atomic(), Path(path).open("rb") as handle:
        record_comments(
            obligation=obligation,
            received_on=received_on,
            text=text if text.strip() else document_text(document),
            document=File(handle, name=original_name),
            user=user,
        )
        store_links(sections, matches)
    return obligation


def recommendation_sections(obligation: ResponseObligation, *, prepare: bool = True) -> list[ResponseSection]:
    """The sections answering the report's recommendations; `prepare` first opens any that are missing
    (never on a page view: a GET changes nothing)."""
    if prepare:
        prepare_response(obligation=obligation)
    return list(
        obligation.sections.filter(kind=ResponseSection.Kind.RECOMMENDATION)
        .select_related("finding", "comments_confirmed_by")
        .order_by("position", "id")
    )


def propose_links(sections: list[ResponseSection], document: Document) -> list:
    """For each recommendation's section, the passage of the document that answers it and its stance."""
    return link_answers(
        [(section.finding.label, section.finding.text) for section in sections],
        document,
        forces=force_names(),
    )


@transaction.atomic
def store_links(sections: list[ResponseSection], matches: list) -> list[ResponseSection]:
    """Store the proposed links; a link an officer has confirmed is theirs, and is never replaced."""
    proposed = []
    for section, match in zip(sections, matches, strict=True):
        if section.comments_confirmed_at is not None:
            continue
        proposed.append(section)
        section.comments_passage = match.response
        section.comments_stance = match.stance
        section.comments_confidence = match.confidence
        section.comments_stance_reason = match.reason[:300]
        section.comments_link_evidence = match.evidence[:300]
        section.comments_confirmed_at = section.comments_confirmed_by = None
    ResponseSection.objects.bulk_update(
        proposed,
        [
            "comments_passage",
            "comments_stance",
            "comments_confidence",
            "comments_stance_reason",
            "comments_link_evidence",
            "comments_confirmed_at",
            "comments_confirmed_by",
        ],
    )
    return sections


def relink_comments(*, obligation: ResponseObligation) -> list[ResponseSection]:
    """Read the stored comments (their document, or the text typed in) again and propose links afresh for
    every recommendation whose link no officer has confirmed."""
    if not obligation.comments_document:
        if not obligation.comments_text.strip():
            raise ObligationRefused("no comments are recorded yet; record the comments first")
        check_editable(obligation)
        sections = recommendation_sections(obligation)
        return store_links(sections, propose_links(sections, typed_document(obligation.comments_text)))
    name = Path(obligation.comments_document.name).name
    try:
        path = Path(obligation.comments_document.path)
    except NotImplementedError:  # storage without local paths: the text recorded is what there is
        raise ObligationRefused(f"the comments document {name} cannot be read from this storage") from None
    if not path.is_file():
        raise ObligationRefused(f"the comments document {name} is missing from storage")
    try:
        document = read_document(path)
    except DocumentError as error:
        raise ObligationRefused(str(error)) from None
    check_editable(obligation)
    sections = recommendation_sections(obligation)
    return store_links(sections, propose_links(sections, document))


@transaction.atomic
def confirm_links(*, obligation: ResponseObligation, links: dict[int, tuple[str, str]], user) -> int:
    """An officer's decision on each proposed link: {section id: (passage, stance)}, stored as confirmed."""
    check_editable(obligation)
    sections = {section.pk: section for section in recommendation_sections(obligation)}
    unknown = set(links) - set(sections)
    if unknown:
        raise ObligationRefused("some of the sections given are not recommendations of this response")
    valid = set(Stance.values)
    now = timezone.now()
    for pk, (passage, stance) in links.items():
        if stance not in valid:
            raise ObligationRefused(f"{sections[pk].title}: choose a stance from the list")
        section = sections[pk]
        section.comments_passage, section.comments_stance = passage.strip(), stance
        if not section.comments_passage and stance != Stance.NONE:
            raise ObligationRefused(f"{section.title}: give the passage that answers it, or choose no stance")
        section.comments_confirmed_at, section.comments_confirmed_by = now, user
    ResponseSection.objects.bulk_update(
        [sections[pk] for pk in links],
        ["comments_passage", "comments_stance", "comments_confirmed_at", "comments_confirmed_by"],
    )
    return len(links)


DOUBTFUL_LINK = 0.8  # below this a proposed link is "a possible" or "a weak match"


def sureness(section: ResponseSection) -> float:
    """How sure a proposal is, for ordering: no answer found counts as unsure (someone should look)."""
    if section.comments_stance in ("", Stance.NONE):
        return 0.0
    return section.comments_confidence or 0.0


def doubtful_link(section: ResponseSection) -> bool:
    return not section.comments_confirmed_at and sureness(section) < DOUBTFUL_LINK


def doubt_order(section: ResponseSection) -> tuple[bool, float]:
    """Least certain first: unconfirmed before confirmed, no answer found, then weak, then possible."""
    return section.comments_confirmed_at is not None, sureness(section)


def link_summary(obligation: ResponseObligation) -> dict:
    """How far linking has gone: recommendations, those with a proposal, those confirmed."""
    return obligation.sections.filter(kind=ResponseSection.Kind.RECOMMENDATION).aggregate(
        total=Count("id"),
        proposed=Count("id", filter=~Q(comments_stance="")),
        confirmed=Count("id", filter=Q(comments_confirmed_at__isnull=False)),
    )


# Addressees that mean the force or its commissioner: the chief officer's comments should answer these.
THE_FORCE = {
    "Chief constables",
    "The chief constable",
    "The force",
    "Police and crime commissioners",
    "The Commissioner",
}


def addressed_elsewhere(section: ResponseSection, obligation: ResponseObligation) -> list[str]:
    """The bodies a recommendation asks to act when none of them is this force or its commissioner (a
    national report's "The Home Office should …"): the chief officer's comments need not answer it,
    though the office's response still says what will be done locally. Empty when the force is among
    them, or when the report names nobody."""
    names = list(section.finding.addressees or []) if section.finding_id else []
    force = obligation.body.force

    def ours(name: str) -> bool:
        return name in THE_FORCE or force.area.lower() in name.lower() or force.name.lower() in name.lower()

    return [] if not names or any(ours(name) for name in names) else names


def comment_gap(section: ResponseSection, obligation: ResponseObligation) -> dict | None:
    """How the chief officer's comments stand against a recommendation, once they are in: not answering
    it (or not asked to: it is addressed to other bodies), or a link still to confirm (said in words, not
    as a score)."""
    if not section.needs_answer or obligation.comments_received_on is None:
        return None
    elsewhere = addressed_elsewhere(section, obligation)
    unanswered = not section.comments_passage.strip() or section.comments_stance in ("", Stance.NONE)
    if unanswered and elsewhere:
        return {
            "level": "elsewhere",
            "text": f"Addressed to {', '.join(elsewhere)}, not the force: the chief officer's comments "
            "need not answer it",
        }
    if not section.comments_confirmed_at:
        if not section.comments_stance:
            return {"level": "proposed", "text": "Not linked to the chief officer's comments yet"}
        if unanswered:
            return {
                "level": "proposed",
                "text": "No answer found in the chief officer's comments, not confirmed yet",
            }
        sure = section.comments_confidence or 0
        words = "a likely match" if sure >= 0.8 else "a possible match" if sure >= 0.5 else "a weak match"
        return {"level": "proposed", "text": f"The passage below is {words}, not confirmed yet"}
    if unanswered:
        return {
            "level": "unanswered",
            "text": "The chief officer's comments do not answer this recommendation",
        }
    return None
