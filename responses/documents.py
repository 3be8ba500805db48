"""The response as published: one structure, rendered as a web page, a PDF (from that page's HTML) and
a Word letter, so the three always say the same thing."""

import base64
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from io import BytesIO

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import reverse

from core.text import for_xml, one_line
from responses.models import ResponseObligation, ResponseSection, settings_of

PDF_VARIANT = "pdf/ua-1"  # WeasyPrint tags the PDF (structure tree, language, title) for PDF/UA-1
BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass
class Part:
    title: str
    recommendation: str  # the recommendation's text, for sections that answer one
    body: str


@dataclass
class ResponseDocument:
    office: str
    address: list[str]
    website: str
    dated: date
    title: str
    report_title: str
    report_published_on: date
    parts: list[Part] = field(default_factory=list)
    comments: str = ""
    signatory: str = ""
    signatory_title: str = ""
    recipients: tuple = ("His Majesty's Chief Inspector of Constabulary", "The Home Secretary")
    draft: bool = False  # not (yet) what the public reads: every page says DRAFT
    logo: str = ""  # the stored logo's name (media storage), printed at the top when there is one
    logo_url: str = ""  # where a web page shows it


def build(obligation: ResponseObligation, on: date) -> ResponseDocument:
    settings = settings_of(obligation.body)
    report = obligation.report
    parts = [
        Part(
            one_line(section.title) if section.kind != ResponseSection.Kind.INTRODUCTION else "",
            for_xml(section.quoted),  # as quoted: a finding edited after publication changes nothing here
            for_xml(section.body),
        )
        for section in obligation.sections.select_related("finding").order_by("position", "id")
    ]
    # Everything people typed is cleaned here, once, for the page, the PDF and the Word letter alike.
    return ResponseDocument(
        office=one_line(obligation.body.name),
        address=[one_line(line) for line in settings.letterhead_address.splitlines() if one_line(line)],
        website=one_line(settings.website),
        dated=obligation.published_on or on,
        title=one_line(f"Response to the HMICFRS report: {report.title}"),
        report_title=one_line(report.title),
        report_published_on=report.published_on,
        parts=parts,
        comments=for_xml(obligation.comments_text),
        signatory=one_line(settings.signatory_name or obligation.body.name),
        signatory_title=one_line(settings.signatory_title) if settings.signatory_name else "",
        draft=obligation.published_on is None or obligation.correcting,
        logo=settings.logo.name if settings.logo else "",
        logo_url=logo_address(obligation.body_id, settings.logo.name) if settings.logo else "",
    )


def logo_address(body_id: int, name: str) -> str:
    """The logo's public address, which changes with the logo (so a new one shows at once)."""
    import hashlib

    version = hashlib.sha256(name.encode()).hexdigest()[:10]
    return f"{reverse('responses:office-logo', kwargs={'pk': body_id})}?v={version}"


def snapshot(document: ResponseDocument) -> dict:
    """The document as JSON, to keep a published version exactly as it read."""
    data = asdict(document)
    data["dated"], data["report_published_on"] = (
        document.dated.isoformat(),
        document.report_published_on.isoformat(),
    )
    data["recipients"] = list(document.recipients)
    return data


def from_snapshot(data: dict) -> ResponseDocument:
    return ResponseDocument(
        **{
            "draft": False,
            **data,
            "dated": date.fromisoformat(data["dated"]),
            "report_published_on": date.fromisoformat(data["report_published_on"]),
            "parts": [Part(**part) for part in data["parts"]],
            "recipients": tuple(data["recipients"]),
        }
    )


def public_document(obligation: ResponseObligation) -> ResponseDocument:
    """What the public reads: the response as published, or, while a correction is being drafted, as it
    was last published (the draft stays inside the office until it is published)."""
    if obligation.correcting:
        latest = obligation.corrections.order_by("-number").first()
        if latest is not None:
            return replace(from_snapshot(latest.earlier), draft=False)
    if obligation.published_document:  # as it was published, whatever has changed since
        return from_snapshot(obligation.published_document)
    return replace(build(obligation, obligation.published_on), draft=False)


def paragraphs(text: str) -> list[str]:
    """Paragraphs apart at blank lines (a line of spaces counts as blank); the line breaks inside one (an
    address, a sign-off) stay, for the page and the PDF to show (white-space: pre-line) and Word to break."""
    return [paragraph.strip() for paragraph in BLANK_LINE.split(text) if paragraph.strip()]


def logo_bytes(document: ResponseDocument) -> bytes | None:
    """The logo's PNG, or None when there is none or its file has gone (a later logo replaced it)."""
    if not document.logo:
        return None
    try:
        with default_storage.open(document.logo, "rb") as handle:
            return handle.read()
    except (FileNotFoundError, OSError, SuspiciousFileOperation):
        return None


def as_html(document: ResponseDocument, *, for_print: bool = False) -> str:
    logo = ""
    if for_print:  # the PDF carries the picture itself; web pages link to it (document.logo_url)
        picture = logo_bytes(document)
        logo = f"data:image/png;base64,{base64.b64encode(picture).decode()}" if picture else ""
    context = {"document": document, "for_print": for_print, "logo": logo}
    return render_to_string("responses/published.html", context)


def as_pdf(document: ResponseDocument, base_url: str) -> bytes:
    """The PDF, tagged for accessibility: PDF/UA-1, so screen readers follow its headings, paragraphs and
    reading order, and its title and language are declared (the HTML's <title> and lang)."""
    import weasyprint

    html = weasyprint.HTML(string=as_html(document, for_print=True), base_url=base_url)
    return html.write_pdf(pdf_variant=PDF_VARIANT)


def as_docx(document: ResponseDocument) -> bytes:
    """The letter as offices send it: A4, the letterhead, the answers, one sign-off with the signatory's
    name, then the chief constable's comments as an annex in their own words; DRAFT on every page of a
    draft."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    word = docx.Document()
    word.core_properties.title = document.title
    word.core_properties.author = document.office
    for section in word.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin = section.right_margin = Mm(22)
        if document.draft:
            mark = section.header.paragraphs[0]
            mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = mark.add_run("DRAFT: not published")
            run.bold, run.font.size, run.font.color.rgb = True, Pt(14), RGBColor(0xD4, 0x35, 0x1C)
    style = word.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(11)
    picture = logo_bytes(document)
    if picture:
        word.add_picture(BytesIO(picture), height=Mm(18))
    letterhead = word.add_paragraph()
    letterhead.add_run(document.office).bold = True
    for line in [*document.address, document.website]:
        if line:
            letterhead.add_run(f"\n{line}")
    word.add_paragraph(f"{document.dated:%-d %B %Y}")
    word.add_paragraph("To: " + "; ".join(document.recipients))
    word.add_heading(document.title, level=1)
    for part in document.parts:
        if part.title:
            word.add_heading(part.title, level=2)
        if part.recommendation:
            quoted = word.add_paragraph(style="Intense Quote")
            quoted.add_run(part.recommendation)
        for paragraph in paragraphs(part.body):
            word.add_paragraph(paragraph)
    word.add_paragraph("Yours sincerely,")
    signature = word.add_paragraph()
    signature.add_run(document.signatory).bold = True
    if document.signatory_title:
        signature.add_run(f"\n{document.signatory_title}")
    word.add_heading("Annex: the chief constable's comments", level=2)
    for paragraph in paragraphs(document.comments) or ["The chief constable made no comments."]:
        word.add_paragraph(paragraph)
    buffer = BytesIO()
    word.save(buffer)
    return buffer.getvalue()
