"""A report's title, publication date (and where it came from), inspectorates, type and forces."""

import calendar
import functools
import re
from datetime import date

from documents.model import Document
from reports.extraction.details import FULL_DATE, MONTH, MONTH_YEAR, MONTHS, parse_date

MONTH_NAME = MONTH

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


NOT_A_TITLE = re.compile(
    r"^(?:isbn\b|©|crown\s+copyright|skip\s+to|cookies?\b|we\s+use\b|accept\b|reject\b|menu$|search\b|home$|"
    r"text\s+size|you\s+are\s+here|print(?:able)?\b|share\b|contents$|on\s+this\s+page$|cymraeg$|"
    r"this\s+(?:website|site|publication)\b|e\d{6,}|cp\s+\d+|hc\s+\d+|sixth|fifth|fourth|third|second|first\s+report|"
    r"inspection\s+dates?\b|dates?\s+of\s+(?:the\s+)?(?:previous\s+)?inspection\b|lead\s+inspector\b|"
    r"report\s+published\b|judgements?\s+grade\b|local\s+area\s+partnership\s+report$|"
    # GOV.UK's content types, printed above a page's title; a missing page's heading
    r"(?:policy\s+paper|guidance|corporate\s+report|independent\s+report|research\s+and\s+analysis|"
    r"press\s+release|news\s+story|official\s+statistics|consultation\s+outcome)$|(?:404\s+)?page\s+not\s+found$|"
    # a section's name, never a report's title
    r"(?:introduction|summary|executive\s+summary|foreword|overview|background|key\s+findings|about\s+this\s+report)$)",
    re.I,
)


def site_suffix_removed(title: str) -> str:
    """A page's <title> ends with its site's name: "… - GOV.UK", "… | Ofsted", "… - Gwent Police and Crime
    Panel"; the last part goes when it is short beside the rest."""
    parts = re.split(r"\s+[|–-]\s+", title.strip())
    while len(parts) > 1 and is_site_name(parts[-1]) and len(parts[-1]) < len(" - ".join(parts[:-1])):
        parts = parts[:-1]
    return " - ".join(parts)


def is_site_name(text: str) -> bool:
    """ "GOV.UK", "Ofsted", "Gwent Police and Crime Panel": a name in title case; not "Volume II: Key
    themes, lessons and recommendations"."""
    words = text.split()
    return 0 < len(words) <= 7 and ":" not in text and all(w[0].isupper() for w in words if len(w) >= 4)


def printed_near_start(title: str, document: Document) -> bool:
    """The file's own title is believed only when the document prints it on its first pages (a PDF's
    metadata often holds a file name or a template's title)."""
    start = fold(" ".join(block.text for block in document.blocks[:80] if (block.page or 1) <= 3))
    return fold(title)[:40] in start


def fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def top_heading(blocks: list, sized: bool = True) -> str | None:
    """The largest heading on the first page, with the headings printed straight after it at a size
    close to it ("Birmingham City Council" over "Inspection of services for children…"). Where the
    format does not say how large a heading is printed (`sized` false: text, a scan's OCR), only a
    heading marked as the top one counts."""
    candidates = [
        (index, block)
        for index, block in enumerate(blocks)
        if block.kind == "heading"
        and (block.page or 1) == 1
        and not PUBLISHER_LINE.search(block.text.strip())
        and not NOT_A_TITLE.match(block.text.strip())
        and not LABEL_START.match(block.text)
    ]
    if not candidates:
        return None
    level = min(block.level or 9 for _, block in candidates) if sized else 1
    if not any((block.level or 9) == level for _, block in candidates):
        return None
    start = next(index for index, block in candidates if (block.level or 9) == level)
    parts = [blocks[start].text.strip()]
    for block in blocks[start + 1 : start + 4]:
        text = block.text.strip()
        if (
            block.kind != "heading"
            or (block.level or 9) > level + 3
            or (block.page or 1) != 1
            or text.endswith(":")
            or NOT_A_TITLE.match(text)
            or OWN_DATE.search(text)
            or STANDALONE_DATE.match(text)
            or STANDALONE_MONTH.match(text)
        ):
            break
        parts.append(text)
    if len(parts) == 1:
        return parts[0]
    joined = parts[0] + (": " if len(parts[0]) < 60 and not parts[0].endswith(("of", "and")) else " ")
    return joined + " ".join(parts[1:])


def choose_title(document: Document) -> str:
    """The title the document prints: the file's own title where the document prints it too (an HTML
    page's heading rather than its <title>), else the top heading near the start, else a title-like line
    just before the document's own date (a web page copied as text), else the first line that is not the
    publisher's name, a copyright line or navigation."""
    opening = [
        block
        for block in document.blocks[:40]
        if not PUBLISHER_LINE.search(block.text.strip())
        and not LABEL_START.match(block.text)
        and not NOT_A_TITLE.match(block.text.strip())
    ]
    headings = [block for block in opening if block.kind == "heading"]
    top = top_heading(
        document.blocks[:40], sized=document.media_type == "application/pdf" and not document.ocr
    )
    own = document.title if document.title and not BOILERPLATE_TITLE.search(document.title) else ""
    if own and len(own) > 8:
        if document.media_type == "text/html":
            return top if top and fold(top) in fold(own) else site_suffix_removed(own)
        own = site_suffix_removed(own)
        if document.media_type != "application/pdf" or printed_near_start(own, document):
            # the file's title, with the subtitle the first page prints under it
            return top if top and len(top) > len(own) and fold(top).startswith(fold(own)) else own
    lines = [block for block in document.blocks[:3] if not NOT_A_TITLE.match(block.text.strip())]
    if document.media_type == "text/plain" and lines:
        # A page saved as text opens with its title, as the browser showed it ("… - Home Affairs
        # Committee Contents"): the first line that reads as one.
        first = re.sub(r"\s+contents$", "", lines[0].text.strip(), flags=re.I)
        browser_title = re.search(r"\S\s[-–|]\s[A-Z]", first)  # "Title - Site", as a browser shows a page
        if (
            browser_title
            and 15 <= len(first) <= 200
            and not TERMINAL.search(first)
            and not first[:1].isdigit()
        ):
            # a report published a chapter to a page ("… Contents" in the browser's title) is that
            # chapter of it: "… - Home Affairs Committee: 6 Conclusion"
            chapter = lines[1].text.strip() if len(lines) > 1 and first != lines[0].text.strip() else ""
            if chapter and len(chapter) <= 80 and not TERMINAL.search(chapter) and "\n" not in chapter:
                return f"{first}: {chapter}"
            return first
    if top:
        return top
    dated = next(
        (i for i, block in enumerate(opening) if OWN_DATE.search(block.text) and len(block.text) < 90), None
    )
    if dated is not None and (not headings or document.media_type == "text/plain"):
        before = [
            b.text
            for b in opening[max(0, dated - 3) : dated]
            if 15 <= len(b.text) <= 200 and not TERMINAL.search(b.text)
        ]
        if before:
            return max(before, key=len)
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


TERMINAL = re.compile(r"[.;!?]$")


# A date the document gives as its own: labelled, or standing alone near the top. Ranks: lower is surer.
OWN_DATE = re.compile(
    r"(?P<label>(?:first\s+)?published|publication\s+date|date\s+of\s+publication|date\s+of\s+(?:this\s+)?"
    r"(?:response|report|letter)|presented\s+to\s+parliament|issued|dated?|posted(?:\s+on)?|(?:last\s+)?updated|"
    r"report\s+published)\b\s*(?:on|:)?\s*:?\s*"
    r"(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+\w+\.?,?\s+\d{4})",
    re.I,
)
# "which the Committee published on …", "the report, published on …": another document's date, unless it
# is this one's ("This report was first published on …").
OTHER_DOCUMENTS = re.compile(
    r"\b(?:report|inspection|review|committee|hmicfrs|inspectorate|we|which|it|they|was|were|had|has)\s+"
    r"(?:\w+\s+){0,2}$",
    re.I,
)
THIS_DOCUMENT = re.compile(
    r"\bthis\s+(?:report|page|document|publication|response|review)\b[^.]{0,30}$", re.I
)
STANDALONE_DATE = re.compile(
    rf"^(?:[A-Z][a-z]+day,?\s+)?(?:[A-Z][\w .'-]{{2,40}},\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_NAME}\.?,?\s+\d{{4}}$",
    re.I,
)
STANDALONE_MONTH = re.compile(rf"^{MONTH_NAME}\s+\d{{4}}$", re.I)


def publication_date(document: Document, opening) -> tuple[date | None, str]:
    """The document's own publication date: one it labels as such ("Published 3 March 2025", "Date of
    response: …") in a short line, else a date standing alone near the top (a cover, a letter's date),
    else a month on its own ("August 2025"). Dates in running prose are events or other documents' dates
    ("the fieldwork ended on …", "the report, published on …"), as are "Report published: …" lines. An
    HTML page's own "Published on" line comes after these, as it is often the date the page was rebuilt."""
    source = {"application/pdf": "pdf", "text/html": "html"}.get(document.media_type, "entered")
    candidates: list[tuple[float, int, date]] = []
    for index, block in enumerate(opening):
        text = block.text.strip()
        if document.published_text and text == document.published_text.strip():
            continue
        for match in OWN_DATE.finditer(text):
            found = parse_date(match.group("date"))
            before = text[: match.start()]
            label = match.group("label").lower()
            this = THIS_DOCUMENT.search(before)
            if (
                not found
                or (OTHER_DOCUMENTS.search(before) and not this)
                or re.search(r"\bby\b", text[match.end(1) : match.start(2)])
            ):
                continue  # another document's date ("Report published by HMICFRS: …")
            rank = 0.5 if "updated" in label else 0.8 if label.startswith("report") else 0.0
            rank -= 0.5 if label.startswith("first") else 0.0  # the original publication
            if len(text) > 120 and match.start() > 30 and not this:
                rank += 3  # in a sentence
            candidates.append((rank, index, found))
        if STANDALONE_DATE.match(text):
            label = opening[index - 1].text.strip().lower() if index else ""
            labelled = re.fullmatch(
                r"(?:first\s+|report\s+)?published(?:\s+on)?:?|date(?:\s+of\s+\w+)?:?", label
            )
            candidates.append((0.8 if labelled else 1, index, parse_date(text)))  # a table's label cell
        elif len(text) < 120 and index < 25 and (short := FULL_DATE.search(text)):
            candidates.append(
                (2.5, index, parse_date(short.group(0)))
            )  # in a header line: "Newsletter · 14 May 2020"
        elif STANDALONE_MONTH.match(text):
            match = MONTH_YEAR.search(text)
            name = match.group(1).lower()
            candidates.append((2, index, date(int(match.group(2)), MONTHS.get(name) or MONTHS[name[:3]], 1)))
    page_line = parse_date(document.published_text) if document.published_text else None
    if page_line:
        candidates.append((1.5, len(opening), page_line))
    candidates = [candidate for candidate in candidates if candidate[2]]
    if not candidates:
        return None, source
    rank, index, found = min(candidates)
    if source == "html":
        source = "html" if index == len(opening) else "landing-page"
    return found, source


EARLIER_REPORT = re.compile(
    r"\breport\s+published(?:\s+by\s+[\w&]+)?\s*:\s*(\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4})|"
    r"\bpublished\b[^.]{0,300}?\bon\s+(\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4})"
    r"|\bon\s+(\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}),?\s+[^.]{0,200}?\bpublished\b"
    r"|\bin\s+(\w+\s+\d{4}),?\s+[^.]{0,60}?\bpublished\b",
    re.I,
)


def earlier_report_date(opening, published_on: date | None) -> date | None:
    """A response names the report it answers: "HMICFRS published <report> on 27 February 2020"."""
    for block in opening[:60]:
        for match in EARLIER_REPORT.finditer(block.text):
            exact = match.group(1) or match.group(2) or match.group(3)
            found = parse_date(exact) if exact else end_of_month(match.group(4))
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
