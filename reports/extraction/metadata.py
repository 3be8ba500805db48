"""A report's title, publication date (and where it came from), inspectorates, type and forces."""

import calendar
import functools
import re
from datetime import date

from documents.model import Document
from reports.extraction.details import FULL_DATE, MONTH_YEAR, MONTHS, parse_date

INSPECTORATES = [
    ("hmicfrs", re.compile(r"\bHMICFRS\b|\bHMIC\b|Inspectorate\s+of\s+Constabulary", re.I)),
    ("ofsted", re.compile(r"\bOfsted\b")),
    ("cqc", re.compile(r"\bCQC\b|Care\s+Quality\s+Commission")),
    ("hmi-probation", re.compile(r"\bHMI\s*Probation\b|Inspectorate\s+of\s+Probation", re.I)),
    ("hmi-prisons", re.compile(r"\bHMI\s*Prisons\b|Inspectorate\s+of\s+Prisons", re.I)),
]
TYPES = [
    ("accelerated-cause-of-concern", re.compile(r"accelerated\s+cause\s+of\s+concern", re.I)),
    ("jtai", re.compile(r"joint\s+targeted\s+area\s+inspection|\bJTAI\b", re.I)),
    ("jicpa", re.compile(r"joint\s+inspection\s+of\s+child\s+protection\s+arrangements|\bJICPA\b", re.I)),
    ("custody", re.compile(r"police\s+custody|custody\s+(?:suites?|inspection)", re.I)),
    ("super-complaint", re.compile(r"super-?complaint", re.I)),
    ("post-inspection-review", re.compile(r"re-?inspection|post-inspection\s+review|revisit", re.I)),
    ("peel-spotlight", re.compile(r"\bPEEL\b.*\bspotlight\b|\bspotlight\s+report", re.I)),
    ("peel", re.compile(r"\bPEEL\b")),
    ("state-of-policing", re.compile(r"state\s+of\s+policing", re.I)),
    ("ncpi", re.compile(r"national\s+child\s+protection\s+inspection", re.I)),
    ("national-thematic", re.compile(r"\bthematic\b|national\s+(?:inspection|review)|all\s+forces", re.I)),
]
PUBLISHED = re.compile(
    r"(?:first\s+)?(?:published|publication\s+date|date\s+of\s+publication|presented\s+to\s+parliament)\s*(?:on|:)?\s*:?\s*"
    r"(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+\w+\.?,?\s+\d{4})",
    re.I,
)
BOILERPLATE_TITLE = re.compile(
    r"^(untitled|microsoft word.*|document\d*|report|scanned document|scan|image\d*)$|\.(docx?|pdf|html?)$",
    re.I,
)


def report_metadata(document: Document, forces: list[tuple[str, list[str]]]) -> dict:
    opening = document.blocks[:60]
    text = "\n".join(block.text for block in opening)
    published_on, source = publication_date(document, opening)
    title = choose_title(document)
    lead = f"{title}\n{text[:3000]}"
    pattern, owner = force_pattern(tuple((code, tuple(names)) for code, names in forces))
    named = list(dict.fromkeys(owner[m.group(0)] for m in pattern.finditer(f"{title}\n{text[:1500]}")))
    in_title = list(dict.fromkeys(owner[m.group(0)] for m in pattern.finditer(title)))
    all_forces = len(in_title) != 1 and bool(
        re.search(r"\ball\s+(?:police\s+)?forces\b|\bnational\b|\bthematic\b", lead, re.I)
    )
    return {
        "title": title,
        "published_on": published_on,
        "published_on_source": source,
        "inspectorates": [code for code, pattern in INSPECTORATES if pattern.search(lead)],
        "report_type": next((code for code, pattern in TYPES if pattern.search(lead)), "other"),
        "all_forces": all_forces,
        "forces": [] if all_forces else (in_title or named),
        "responds_to_published_on": earlier_report_date(opening, published_on),
        "input": document.input_kind,
        "pages": document.page_count,
    }


PUBLISHER_LINE = re.compile(
    r"^(his|her|hm)\b.*inspectorate|^(hmicfrs|ofsted|cqc)\b|^published\b|^contents$|^\d{1,2}\s+\w+\s+\d{4}$|"
    r"^(house\s+of\s+(commons|lords)|official|report)$|^[^:]{0,80}\bcommittee\b[^:]*$|police\s+and\s+crime\s+panel$|^office\s+of\s+the\b|^dear\b",
    re.I,
)


@functools.cache
def force_pattern(forces: tuple) -> tuple[re.Pattern, dict]:
    """One pattern for every force name (longest first), and which force each name belongs to."""
    owner = {name: code for code, names in forces for name in names}
    alternatives = "|".join(re.escape(name) for name in sorted(owner, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"\b(?:{alternatives})\b"), owner


LABEL_START = re.compile(
    r"^(?:recommendation|area\s+for\s+improvement|afi|causes?\s+of\s+concern|(?:innovative|promising|good|notable)"
    r"\s+practice)\b",
    re.I,
)


def choose_title(document: Document) -> str:
    """The title the file carries, else the top heading near the start, else the first line that is not
    the publisher's name or a date."""
    if document.title and not BOILERPLATE_TITLE.search(document.title) and len(document.title) > 8:
        return re.split(
            r"\s+\|\s+|\s+[–-]\s+(?:GOV\.UK|HMICFRS|HM\s|His Majesty|Justice Inspectorates)", document.title
        )[0].strip()
    opening = [
        block
        for block in document.blocks[:30]
        if not PUBLISHER_LINE.search(block.text.strip()) and not LABEL_START.match(block.text)
    ]
    headings = [block for block in opening if block.kind == "heading"]
    if headings and min(block.level for block in headings) == 1:
        return next(block.text for block in headings if block.level == 1)
    titled = [
        b
        for b in opening[:8]
        if ":" in b.text[3:]
        and 15 <= len(b.text) <= 200
        and not b.text.endswith(":")
        and not LABEL_START.match(b.text)
    ]
    if titled:
        return titled[0].text
    early = [block for block in opening[:4] if len(block.text) > 15]
    if early:
        return early[0].text[:300]
    return headings[0].text if headings else (document.blocks[0].text[:300] if document.blocks else "")


def publication_date(document: Document, opening) -> tuple[date | None, str]:
    """The real publication date: one the text states as such, before a page's own "Published on" line,
    which on HTML publication pages is often the date the page was rebuilt."""
    source = {"application/pdf": "pdf", "text/html": "html"}.get(document.media_type, "entered")
    stated = []
    for block in opening:
        if document.published_text and block.text.strip() == document.published_text.strip():
            continue
        for match in PUBLISHED.finditer(block.text):
            found = parse_date(match.group("date"))
            if found:
                stated.append(found)
    page_line = parse_date(document.published_text) if document.published_text else None
    if stated:
        # The first stated date: later ones are usually an earlier report's ("our 2021 report, published on …")
        return stated[0], source if source != "html" else "landing-page"
    if page_line:
        return page_line, "html"
    for block in opening[:25]:
        match = FULL_DATE.search(block.text)
        if match:
            return parse_date(match.group(0)), source
    for block in opening[:15]:
        match = MONTH_YEAR.search(block.text)
        if match:
            name = match.group(1).lower()
            return date(int(match.group(2)), MONTHS.get(name) or MONTHS[name[:3]], 1), source
    return None, source


EARLIER_REPORT = re.compile(
    r"\bpublished\b[^.]{0,300}?\bon\s+(\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4})"
    r"|\bon\s+(\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}),?\s+[^.]{0,200}?\bpublished\b"
    r"|\bin\s+(\w+\s+\d{4}),?\s+[^.]{0,60}?\bpublished\b",
    re.I,
)


def earlier_report_date(opening, published_on: date | None) -> date | None:
    """A response names the report it answers: "HMICFRS published <report> on 27 February 2020"."""
    for block in opening[:20]:
        for match in EARLIER_REPORT.finditer(block.text):
            exact = match.group(1) or match.group(2)
            found = parse_date(exact) if exact else end_of_month(match.group(3))
            if found and published_on and found < published_on:
                return found
    return None


def end_of_month(text: str | None) -> date | None:
    """ "In March 2021 we published …": the month's last day, the latest the report can have appeared."""
    match = MONTH_YEAR.fullmatch(text or "")
    if not match:
        return None
    name, year = match.group(1).lower(), int(match.group(2))
    month = MONTHS.get(name) or MONTHS[name[:3]]
    return date(year, month, calendar.monthrange(year, month)[1])
