"""Finding the findings: labelled blocks, headed lists, committee paragraphs, tables and restatements.

The extractor walks a document's blocks once. A block that starts with a label ("Recommendation 4:",
"AFI 3", "Cause of concern") starts a finding; so does an item under a heading that names a kind
("Areas for improvement"), a numbered paragraph that recommends in a "Conclusions and recommendations"
chapter, and a table row whose first cell is a label. Following blocks continue the finding while they
are its bullets or the rest of a sentence cut by a page or column break; lettered items under a lead-in
become its children. A finding printed twice (summary and body) is merged, keeping both anchors.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from documents.model import Block, Document
from reports.extraction import details

REC, AFI, COC, PP = "recommendation", "area-for-improvement", "cause-of-concern", "promising-practice"
NAMES = {
    REC: "Recommendation",
    AFI: "Area for improvement",
    COC: "Cause of concern",
    PP: "Promising practice",
}
NUMBER = r"(?P<num>\d{1,3}(?:\.\d{1,3})*[a-z]?|[A-Z](?![a-z]))"
LABELS = [
    (COC, re.compile(rf"^(?P<label>(?:accelerated\s+)?causes?\s+of\s+concern(?:\s+{NUMBER})?)", re.I)),
    (AFI, re.compile(rf"^(?P<label>(?:area\s+for\s+improvement|AFI)(?:\s*{NUMBER})?)", re.I)),
    (
        PP,
        re.compile(
            rf"^(?P<label>(?:innovative(?:\s+(?:or|and)\s+promising)?|promising|good|notable)(?:\s+positive)?\s+practice"
            rf"(?:\s+(?:example\s+)?{NUMBER})?)",
            re.I,
        ),
    ),
    (REC, re.compile(rf"^(?P<label>recommendation(?:\s+{NUMBER})?)", re.I)),
]
RESTATED = re.compile(
    r"^\s*(?:\(|,)?\s*(?:from|in|made\s+in)\s+(?:our|the|its)\s+(?:\w+\s+){0,3}?\d{4}(?:\s+\w+){0,4}?\s*\)?(?=\s*[:.\-–—]|\s*$)",
    re.I,
)
SEPARATOR = re.compile(r"^\s*[:.\-–—]\s*")  # not ")": "Recommendation 4) how …" ends a parenthesis
NOT_A_FINDING_START = re.compile(
    r"^\s*(has|have|had|was|were|is|are|remains?|been|and|or|to|in|of|which|that|we|made|from)\b"
)
CONTEXTS = [
    (COC, re.compile(r"^(?:accelerated\s+)?causes?\s+of\s+concern$", re.I)),
    (
        AFI,
        re.compile(
            r"^(?:summary\s+of\s+)?areas?\s+(?:for|requiring)\s+improvement$|^what\s+(?:needs|needed)\s+to\s+improve$"
            r"|^where\s+(?:the\s+)?\w+(?:\s+\w+)?\s+needs?\s+to\s+improve$",
            re.I,
        ),
    ),
    (
        PP,
        re.compile(
            r"^(?:examples?\s+of\s+)?(?:innovative|promising|good|notable)(?:\s+(?:or|and)\s+(?:innovative|promising))?(?:\s+positive)?\s+practices?$",
            re.I,
        ),
    ),
    (
        REC,
        re.compile(
            r"^(?:summary\s+of\s+|our\s+|list\s+of\s+|new\s+)?recommendations?(?:\s+(?:for|to)\s+[\w\s,']+)?$",
            re.I,
        ),
    ),
]
CONTENTS_LINE = re.compile(r"(?:\.\s?){5,}\s*\d{0,4}\s*$|…{2,}\s*\d{0,4}\s*$")
COMMITTEE_END = re.compile(
    r"^(formal\s+minutes|annex|appendix|witnesses|published\s+written\s+evidence|list\s+of\b|glossary|"
    r"references|contents|bibliography)",
    re.I,
)
INTRODUCED_KIND = re.compile(
    r"\b(?:identified|found|make|made|set\s+out|list)\s+(?:the\s+following|these|\w+)\s+"
    r"(areas?\s+for\s+improvement|recommendations?|(?:examples\s+of\s+)?(?:promising|good|innovative)\s+practice)"
    r"(?:\s*[:.])$",
    re.I,
)
COMMITTEE = re.compile(r"^(?:\d+\s+)?conclusions\s+and\s+recommendations$", re.I)
COMMITTEE_PARAGRAPH = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})?)\.?\s+(?P<text>.+)", re.S)
RECOMMENDING = re.compile(
    r"\b(?:we\s+recommend|I\s+recommend|recommends?\s+that|we\s+urge|urges?\s+the|we\s+call\s+on|calls?\s+on|"
    r"we\s+ask|asks?\s+the|(?<!what\s)(?<!how\s)(?<!which\s)(?<!who\s)should(?!\s+have\b)(?!\s+be\s+(?:noted|said|remembered|borne|stressed|emphasised)\b)|"
    r"must(?!\s+have\b)|shall(?!\s+have\b)|we\s+expect\s+the|invites?\s+the)\b",
    re.I,
)
SUB_ITEM = re.compile(
    r"^\(?(?P<letter>[a-z]|[ivx]{1,4})\)\s*(?P<text>.+)|^(?P<letter2>[a-z])[.)]\s+(?P<text2>.+)", re.S
)
DECIMAL_SUB = re.compile(r"^(?P<num>\d{1,3}\.\d{1,2})\.?\s+(?P<text>.+)", re.S)
NUMBERED_SUB = re.compile(r"^(?P<num>\d{1,3})(?P<letter>[a-z])[.):]?\s+(?P<text>.+)", re.S)
BULLET = re.compile(r"^[•▪◦●■–\-*]\s*")
NUMBERED_ITEM = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})?)[.)]\s+(?P<text>.+)", re.S)
STOP = re.compile(
    r"\b(?:(?:our|the|pcc'?s?|opcc|force'?s?|chief\s+constable'?s?|commissioner'?s?|police\s+and\s+crime\s+commissioner'?s?)\s+)?"
    r"(?:response|update|progress(?:\s+(?:since|made|update))?|comments?|answer|action\s+taken|status|what\s+we\s+found|our\s+findings)\s*(?::|–|—)",
    re.I,
)
STOP_BLOCK = re.compile(
    r"^(?:(?:our|the|pcc'?s?|opcc|force'?s?|chief\s+constable'?s?|commissioner'?s?|police\s+and\s+crime\s+commissioner'?s?|joint|"
    r"government'?s?|department'?s?|ministry'?s?|home\s+office'?s?)\s+)*"
    r"(?:response|update|progress(?:\s+(?:since|made))?|comments?|answer|action\s+taken|status|what\s+we\s+found|"
    r"our\s+findings|findings|accepted|partially\s+accepted|not\s+accepted|agreed|rejected)\b"
    # …as a heading or a label: "Status: completed", "Our response", "Government response to recommendation
    # 1", "Accepted." — not "The status of those representatives should …".
    r"(?=\s*(?:[:.(–—-]|$)|\s+(?:to|on)\s+(?:the\s+|this\s+)?recommendations?\b|\s+(?:from|by|of)\s+the\s+"
    r"(?:force|chief|government|commissioner|department)|(?-i:\s+[A-Z]))",
    re.I,
)
INTRODUCTION = re.compile(
    r"\b(?:the\s+following|these|our|this\s+report'?s?|we\s+(?:make|have\s+made)\s+(?:\w+\s+)?)\s*recommendations?\b"
    r"|^we\s+make\b|^in\s+this\s+(?:chapter|section)\b",
    re.I,
)
TERMINAL = re.compile(r"[.!?;:)\]\"”']$")


@dataclass
class ExtractedFinding:
    kind: str
    label: str
    text: str
    pages: list[int] = field(default_factory=list)
    section: str | None = None
    parent: str | None = None
    addressees: list[str] = field(default_factory=list)
    deadline_text: str = ""
    deadline_on: date | None = None
    confidence: float = 0.9
    printed: bool = True  # the label was printed, not numbered by the extractor
    restated: bool = False  # a re-inspection restating an earlier report's recommendation
    title: str = ""  # a heading printed with the label ("Recommendation 1: Register of experts")
    box: str | None = None  # the box it is printed in, when it is boxed
    evidence: list[str] = field(default_factory=list)  # why it was taken, in words for the review page
    span: list[int] = field(default_factory=lambda: [-1, -1])  # its first and last block in the document
    headed: bool = False  # its label stood alone as a heading: its text may run over several paragraphs

    @property
    def anchors(self) -> list[dict]:
        anchors = [{"page": page} for page in self.pages]
        return anchors + ([{"section": self.section}] if self.section and not self.pages else [])

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "label": self.label,
            "text": self.text,
            "page": self.pages[0] if self.pages else None,
            "pages": self.pages,
            "section": self.section,
            "parent": self.parent,
            "addressees": self.addressees,
            "deadline_text": self.deadline_text,
            "deadline_on": self.deadline_on.isoformat() if self.deadline_on else None,
            "confidence": round(self.confidence, 2),
            "title": self.title,
            "evidence": self.evidence,
        }


@dataclass
class Extraction:
    metadata: dict
    findings: list[ExtractedFinding]

    def as_dict(self) -> dict:
        metadata = {
            key: value.isoformat() if isinstance(value, date) else value
            for key, value in self.metadata.items()
        }
        return {**metadata, "findings": [finding.as_dict() for finding in self.findings]}


def match_label(text: str) -> tuple[str, str, str] | None:
    """(kind, label, rest) when the block starts with a finding label; None for prose that merely names one."""
    for kind, pattern in LABELS:
        match = pattern.match(text)
        if not match:
            continue
        rest = text[match.end() :]
        label = re.sub(r"\s+", " ", match.group("label")).strip()
        plural = label.lower().startswith("causes") or (
            label.lower().endswith("s") and "practice" not in label.lower()
        )
        if plural and not re.match(r"^\s*[:.]?\s*$", rest):
            return None
        restated = RESTATED.match(rest)
        if restated:
            rest = rest[restated.end() :]
        separator = SEPARATOR.match(rest)
        if separator:
            rest = rest[separator.end() :]
        elif (
            rest.strip()
            and (NOT_A_FINDING_START.match(rest) or not rest.strip()[0].isupper())
            and not restated
        ):
            return None
        return kind, label, rest.strip()
    return None


SECTION_NUMBER = re.compile(r"^(?:chapter\s+)?\d{1,2}(?:\.\d{1,2})*\.?\s+", re.I)


HEADING_END = re.compile(
    r"\s*(?:[:?]\s*(?:\d{1,2}|[*†‡])?|[*†‡])$"
)  # "What needs to improve?1": a question, a footnote


def context_of(heading: str) -> str | None:
    text = SECTION_NUMBER.sub("", HEADING_END.sub("", heading.strip()).strip())
    text = re.sub(r"^(?:new|further|other|additional|remaining)\s+", "", text, flags=re.I)
    for kind, pattern in CONTEXTS:
        if pattern.match(text):
            return kind
    return None


class Extractor:
    def __init__(self, document: Document, published_on: date | None, title: str = ""):
        self.document = document
        self.title = title.strip()
        self.published_on = published_on
        self.findings: list[ExtractedFinding] = []
        self.counters: dict[str, int] = {}
        self.context: str | None = None
        self.context_level = 0
        self.committee = False
        self.current: ExtractedFinding | None = None
        self.lead_in: ExtractedFinding | None = (
            None  # a finding whose text ends with ":" takes lettered children
        )
        self.concern: ExtractedFinding | None = None  # recommendations after a cause of concern belong to it
        self.from_context = False  # the current finding is an item under a heading, so bullets are siblings
        self.restated = False

    def run(self) -> list[ExtractedFinding]:
        blocks = self.document.blocks
        self.contents = contents_blocks(blocks)
        rows = self.table_rows(blocks)
        index = 0
        while index < len(blocks):
            block = blocks[index]
            self.index = index
            if block.kind == "table-cell":
                self.table_row(rows.get(block.row, []))
                first = index
                while (
                    index < len(blocks)
                    and blocks[index].kind == "table-cell"
                    and blocks[index].row == block.row
                ):
                    index += 1
                for finding in self.findings[-1:]:
                    if finding.span[0] == first:
                        finding.span[1] = index - 1  # the whole row
                continue
            self.index = index
            self.block(block)
            index += 1
        self.close()
        return finish(self.findings, self.published_on)

    @staticmethod
    def table_rows(blocks: list[Block]) -> dict:
        rows: dict = {}
        for block in blocks:
            if block.kind == "table-cell":
                rows.setdefault(block.row, []).append(block)
        return rows

    # -- blocks -------------------------------------------------------------------------------------------
    def block(self, block: Block) -> None:
        text = block.text.strip()
        if text == self.title or CONTENTS_LINE.search(text) or self.index in self.contents:
            return  # a title names the report; a contents line ("AFI 1: calls ....... 4") points to a finding
        labelled = match_label(text)
        if self.current and not self.current.text and not labelled and self.awaiting_text(block, text):
            return
        if not labelled and (block.kind == "heading" or (len(text) < 60 and context_of(text) is not None)):
            self.announced = None
            self.heading(text, block.level or 2)
            return
        kind_word = announced_kind(text) if not labelled else None
        if kind_word:
            # "The recommendations include:", "HM Inspector made three recommendations:": the items that
            # follow are findings of that kind, whatever words they use.
            self.close()
            self.announced, self.announcement = kind_named(kind_word), text
            return
        if self.announced and not labelled:
            if self.current and self.continues(block, text, labelled):
                self.current.span[1] = self.index
                return
            if self.is_listed_item(block, text):
                self.close()
                numbered = NUMBERED_ITEM.match(text)
                label, item = (numbered.group("num"), numbered.group("text")) if numbered else ("", text)
                self.start(self.announced, label, BULLET.sub("", item), block, confidence=0.8)
                self.current.evidence.append(f"listed after “{self.announcement[:80]}”")
                self.from_context = True  # the next bullet is the next item, not part of this one
                return
            self.announced = None
        introduced = INTRODUCED_KIND.search(text) if len(text) < 200 and text.endswith((".", ":")) else None
        if introduced and not labelled:
            self.close()
            kind = introduced.group(1).lower()
            self.context = AFI if "improvement" in kind else REC if "recommend" in kind else PP
            return
        if self.current and self.continues(block, text, labelled):
            self.current.span[1] = self.index
            return
        self.close()
        if labelled:
            kind, label, rest = labelled
            self.restated = bool(RESTATED.match(text[len(label) :]))
            if (
                kind == REC
                and label.lower() == "recommendation"
                and self.context in (COC, None)
                and self.concern
            ):
                label = ""  # numbered below
            title = ""
            if is_title(rest, block):
                title, rest = rest, ""  # the text is what follows the titled label
            self.start(kind, label, rest, block, confidence=0.95)
            self.current.title = title
            self.current.headed = not rest
            self.current.evidence.append(f"printed with the label “{labelled[1]}”" + printing(block))
            return
        plural = PLURAL_INLINE.match(text)
        if plural:
            # "Recommendations: Within six months chief constables should …; by March 2027 the NPCC lead
            # should …": one label over several findings, each asking something of someone.
            parts = [part.strip() for part in re.split(r";\s+(?:and\s+)?", plural.group("items"))]
            asks = [part for part in parts if MODAL.search(part)]
            if len(asks) == len(parts):
                for part in parts:
                    self.start(kind_named(plural.group("kind")), "", part.rstrip(";."), block, confidence=0.8)
                    self.current.evidence.append("one of several under a plural label")
                    self.close()
                return
        if STOP_BLOCK.match(text):
            self.lead_in = None if not self.current else self.lead_in
            return
        decimal = DECIMAL_SUB.match(text)
        if (
            decimal
            and self.lead_in
            and decimal.group("num").split(".")[0] == label_number(self.lead_in.label)
        ):
            self.start(
                self.lead_in.kind,
                decimal.group("num"),
                decimal.group("text"),
                block,
                confidence=0.85,
                parent=self.lead_in.label,
            )
            return
        sub = self.sub_item(text)
        if sub and self.lead_in:
            letter, rest = sub
            self.start(
                self.lead_in.kind,
                f"{label_number(self.lead_in.label)}{letter}",
                rest,
                block,
                confidence=0.85,
                parent=self.lead_in.label,
            )
            return
        numbered_sub = NUMBERED_SUB.match(text)
        if numbered_sub and self.find(REC, f"Recommendation {numbered_sub.group('num')}"):
            parent = self.find(REC, f"Recommendation {numbered_sub.group('num')}")
            self.start(
                REC,
                numbered_sub.group("num") + numbered_sub.group("letter"),
                numbered_sub.group("text"),
                block,
                confidence=0.85,
                parent=parent.label,
            )
            return
        if self.committee:
            paragraph = COMMITTEE_PARAGRAPH.match(text)
            if paragraph and self.recommends(block, paragraph.group("text")):
                self.start(REC, paragraph.group("num"), paragraph.group("text"), block, confidence=0.75)
                self.current.evidence.append("a numbered paragraph in “Conclusions and recommendations”")
                if block.bold:
                    self.current.evidence.append("printed in bold, as the section prints its recommendations")
            return
        concern = self.concern
        if concern and concern.box and block.box == concern.box and ASKS.match(text):
            # "Within three months, the force should …" in the box of a cause of concern: its recommendations,
            # one for each sentence that opens by asking.
            for request in requests_in(text):
                self.start(REC, "", request, block, confidence=0.8)
                self.current.evidence.append("asks for action in the box of a cause of concern")
                self.close()
            return
        if self.context and self.is_context_item(block, text):
            numbered = NUMBERED_ITEM.match(text)
            item = BULLET.sub("", text)
            label = ""
            if numbered:
                label, item = numbered.group("num"), numbered.group("text")
            self.start(self.context, label, item, block, confidence=0.8)
            self.from_context = True
            self.current.evidence.append(
                f"an item in the section “{self.context_heading[:80]}”" + printing(block)
            )

    def heading(self, text: str, level: int = 2) -> None:
        self.close()
        self.lead_in = None
        if COMMITTEE.match(SECTION_NUMBER.sub("", text)):
            self.committee, self.context, self.context_level = True, None, level
            self.committee_level, self.committee_bold = level, self.bold_paragraphs_ahead(level)
            return
        context = context_of(text)
        # A sub-heading stays inside; a chapter heading (higher, or as high and numbered) ends it.
        inside = level > self.committee_level or (
            level == self.committee_level and not SECTION_NUMBER.match(text)
        )
        if self.committee and inside and not COMMITTEE_END.match(SECTION_NUMBER.sub("", text)):
            return  # a sub-heading inside "Conclusions and recommendations"
        if context is None and self.context and level > self.context_level:
            return  # "For the local safeguarding partners" under "Recommendations": still recommendations
        self.committee = False
        self.context, self.context_level, self.context_heading = context, level, text
        # A section that prints its findings' labels ("Recommendation 1", "AFI 2") has no unlabelled ones:
        # its other paragraphs are their explanation, answers or narrative.
        self.context_labelled = context is not None and self.labels_ahead(context, level)
        if context != REC:
            self.concern = None

    context_labelled = False
    context_heading = ""
    committee_level = 0
    committee_bold = False  # the conclusions section prints its recommendations in bold

    def bold_paragraphs_ahead(self, level: int) -> bool:
        """Whether the numbered paragraphs of the section opening here include bold ones: committee and
        inquiry reports print the paragraphs that recommend in bold, among conclusions that do not."""
        for ahead in self.document.blocks[self.index + 1 : self.index + 3000]:
            if ahead.kind == "heading" and ahead.level <= level:
                return False
            if ahead.bold and COMMITTEE_PARAGRAPH.match(ahead.text.strip()):
                return True
        return False

    def recommends(self, block: Block, text: str) -> bool:
        """A conclusions paragraph that recommends: printed bold where the section prints them so, or
        (where it does not) asking someone to act."""
        if RECOMMENDING.search(text) is None:
            return False
        return block.bold or not self.committee_bold

    announced: str | None = None  # the kind a sentence ending "…recommendations include:" announced
    announcement = ""
    listing = False  # the current finding has taken list items that lost their bullets
    skipped = 0  # lines passed over between a bare label and its text
    skipped_outside = 0  # blocks printed outside a boxed label's box before its text

    def labels_ahead(self, kind: str, level: int) -> bool:
        """Whether the section opening here prints labels of its own kind before it ends."""
        for ahead in self.document.blocks[self.index + 1 : self.index + 5000]:
            labelled = match_label(ahead.text.strip())
            if ahead.kind == "heading" and ahead.level <= level and not labelled:
                return False
            if labelled and labelled[0] == kind and not CONTENTS_LINE.search(ahead.text):
                return True
        return False

    @staticmethod
    def is_listed_item(block: Block, text: str) -> bool:
        """An item of an announced list: printed as one (a bullet, a number, a box, a bold lead)."""
        if len(text) < 20:
            return False
        return (
            block.kind == "list-item"
            or BULLET.match(text) is not None
            or NUMBERED_ITEM.match(text) is not None
            or block.box is not None
            or block.bold_start
        )

    def is_context_item(self, block: Block, text: str) -> bool:
        if len(text) < 25 or text.endswith(":") and len(text) < 160 or INTRODUCTION.search(text):
            return False
        if self.context_labelled:
            return False
        if text.endswith(":") and not MODAL_ASK.search(text):
            return False  # it introduces a list; it asks nothing itself
        if self.context == AFI and block.kind == "list-item":
            return True  # a bullet under "Areas for improvement" states a shortfall, often without "should"
        if self.context in (REC, AFI) and not re.search(
            r"\b(should|must|needs?\s+to|will|to\s+\w+|improve|ensure)\b", text, re.I
        ):
            return False
        return not (self.context == PP and block.kind not in ("list-item", "paragraph"))

    @staticmethod
    def sub_item(text: str):
        match = SUB_ITEM.match(text)
        if not match:
            return None
        letter = match.group("letter") or match.group("letter2")
        return letter, (match.group("text") or match.group("text2")).strip()

    def awaiting_text(self, block: Block, text: str) -> bool:
        """Between a bare label and its text: a web page's report name and date are passed over; a status
        line or "Our response" says the label heads an answer or a progress note, not a finding."""
        current = self.current
        same_page = current.pages and block.page == current.pages[0]
        if current.box and block.box != current.box and same_page and self.skipped_outside < 12:
            # A boxed label's text is in its box; a two-column page may set the other column between.
            self.skipped_outside += 1
            return True
        if STOP_BLOCK.match(text) and not current.title:
            self.findings.remove(current)
            self.current = None
            if not current.printed:
                self.counters[current.kind] -= 1
            return True
        title_like = len(text) < 160 and not TERMINAL.search(text) and not MODAL.search(text)
        if (
            self.skipped < 2
            and (block.kind == "heading" or title_like or ABOUT_LINE.match(text))
            and not (context_of(text))
        ):
            self.skipped += 1
            return True
        return False

    def continues(self, block: Block, text: str, labelled) -> bool:
        """Whether the block is more of the current finding; if so, it is added to it."""
        current = self.current
        if labelled or block.kind == "heading":
            return False
        if not current.text:
            current.text = text
            self.add_anchor(current, block)
            return True
        if STOP_BLOCK.match(text):
            return False
        sub_item = (
            self.sub_item(text)
            or DECIMAL_SUB.match(text)
            or NUMBERED_SUB.match(text)
            or PLURAL_INLINE.match(text)
        )
        if (
            not sub_item
            and current.headed
            and current.kind in (REC, AFI)
            and block.kind != "table-cell"
            and ASKS_ANYWHERE.search(text)
        ):
            # Under a label printed as a heading, the paragraphs that go on asking are the same finding:
            # "This programme should: …", "It should also …", "These systems need to: …".
            current.text = f"{current.text} {text}"
            return True
        sibling = self.from_context and (block.kind == "list-item" or BULLET.match(text))
        if current.kind == COC and current.box and block.box == current.box and ASKS.match(text):
            return False  # the cause's recommendation, printed in its box: a finding of its own
        if current.box and block.box == current.box and not sub_item and not sibling:
            # More of a boxed finding: the box holds it and nothing else.
            joiner = " " if current.text.endswith(":") or BULLET.match(text) is None else "; "
            current.text = f"{current.text}{joiner}{BULLET.sub('', text)}"
            return True
        listed = current.text.endswith(":") or self.listing
        if listed and text[:1].islower() and not sub_item and block.page is not None:
            # The items of a list whose printed bullets the text layer lost: "… should: work together …"
            current.text = f"{current.text.rstrip(';')}{' ' if current.text.endswith(':') else '; '}{text}"
            self.listing = True
            return True
        if BULLET.match(text) and not self.sub_item(text) and not self.from_context:
            current.text = f"{current.text.rstrip(':;')}{': ' if current.text.endswith(':') else '; '}{BULLET.sub('', text)}"
            return True
        if not TERMINAL.search(current.text) and (text[:1].islower() or block.page != self.last_page):
            current.text = f"{current.text} {text}"
            return True
        if current.kind == COC and not current.text.endswith(":") and self.concern_continues(block):
            current.text = f"{current.text} {text}"
            return True
        return False

    def concern_continues(self, block: Block) -> bool:
        """A cause of concern's explanation runs on until its recommendation, a few paragraphs at most."""
        blocks = self.document.blocks
        position = self.index
        for ahead in blocks[position : position + 4]:
            if ahead.kind == "heading" and not match_label(ahead.text):
                return context_of(ahead.text) == REC
            labelled = match_label(ahead.text)
            if labelled:
                return labelled[0] == REC
        return False

    # -- findings -----------------------------------------------------------------------------------------
    def start(self, kind, label, text, block, confidence, parent=None) -> None:
        self.close()
        printed = True
        if not label or not re.search(r"\d|\b[A-Z]$", label):
            # Printed without a number: the printed name (or the kind's) and its number in the document.
            printed = False
            self.counters[kind] = self.counters.get(kind, 0) + 1
            name = label.capitalize() if label else NAMES[kind]
            label = f"{'AFI' if name == 'Afi' else name} {self.counters[kind]}"
        if label.upper().startswith("AFI") and label[3:].strip():
            label = f"AFI {label[3:].strip()}"
        if kind == REC and parent is None and self.concern is not None and self.context in (COC, REC, None):
            parent = self.concern.label
        finding = ExtractedFinding(
            kind=kind,
            label=label,
            text=text,
            parent=parent,
            confidence=confidence,
            printed=printed,
            restated=self.restated,
            box=block.box,
            span=[self.index, self.index],
        )
        self.restated = False
        self.add_anchor(finding, block)
        self.current = finding
        self.from_context = False
        self.listing = False
        self.skipped = self.skipped_outside = 0
        self.findings.append(finding)
        if kind == COC:
            self.concern = finding

    def add_anchor(self, finding: ExtractedFinding, block: Block) -> None:
        if block.page and block.page not in finding.pages and not finding.pages:
            finding.pages.append(block.page)
        if block.section and not finding.section:
            finding.section = block.section
        self.last_page = block.page

    last_page = None

    def close(self) -> None:
        current = self.current
        if current is None:
            return
        stop = STOP.search(current.text)
        if stop and stop.start() > 0:
            current.text = current.text[: stop.start()].strip()
        current.text = PARAGRAPH_REFERENCE.sub("", current.text).strip()
        inline = INLINE_ITEMS.match(current.text) if current.kind in (REC, AFI) else None
        if inline:
            # "…should: (a) …; (b) …": the lead-in is the finding; each lettered item is one of its own.
            current.text = inline.group("lead")
            self.current = None
            for letter, item in re.findall(r"\(([a-z])\)\s*(.+?)(?=\s*\([a-z]\)\s|$)", inline.group("items")):
                item = re.sub(r"[;,]?\s*(?:and|or)?\s*$", "", item.strip()).strip()
                child = ExtractedFinding(
                    kind=current.kind,
                    label=f"{label_number(current.label)}{letter}",
                    text=item,
                    parent=current.label,
                    confidence=current.confidence,
                    pages=list(current.pages[:1]),
                    section=current.section,
                )
                self.findings.append(child)
            self.lead_in = current
            return
        self.lead_in = (
            current
            if current.text.endswith(":") and current.kind in (REC, AFI)
            else (
                self.lead_in
                if current.parent and self.lead_in and current.parent == self.lead_in.label
                else None
            )
        )
        if not current.text:
            self.findings.remove(current)
            if not current.printed:
                self.counters[current.kind] -= 1
        self.current = None

    def find(self, kind, label):
        return next((f for f in self.findings if f.kind == kind and f.label == label), None)

    def table_row(self, cells: list[Block]) -> None:
        """A table restating recommendations: a label cell then the text, or a cell holding both."""
        self.close()
        if not cells:
            return
        count = len(self.findings)
        self.table_cells(cells)
        for finding in self.findings[count:]:
            finding.evidence.append("a row of a table of findings")

    def table_cells(self, cells: list[Block]) -> None:
        first = cells[0].text.strip()
        labelled = match_label(first)
        if labelled and not labelled[2] and len(cells) > 1:
            self.start(labelled[0], labelled[1], cells[1].text.strip(), cells[1], confidence=0.85)
        elif re.fullmatch(r"\d{1,3}[a-z]?\.?", first) and len(cells) > 1 and len(cells[1].text) > 25:
            self.start(
                self.context or REC, first.rstrip("."), cells[1].text.strip(), cells[1], confidence=0.8
            )
        elif labelled and labelled[2]:
            self.start(labelled[0], labelled[1], labelled[2], cells[0], confidence=0.85)
        self.close()


ANNOUNCING = re.compile(
    r"\b(?P<kind>recommendations|areas\s+for\s+improvement|causes\s+of\s+concern|"
    r"(?:examples\s+of\s+)?(?:innovative|promising|good|notable)\s+practice)\b"
    r"(?:[^.:;]{0,60}?\b(?:include|includes|included|are|were|as\s+follows|below|were\s+that|is\s+that)|"
    r"\s*(?:below|as\s+follows)|\s+(?:to|for)\s+[^.:;]{0,60})?\s*:$|"
    r"\b(?:made|makes|make|set\s+out|sets\s+out|identified|gave|gives)\s+(?:the\s+following|these|\w+)\s+"
    r"(?P<kind2>recommendations?|areas?\s+for\s+improvement)[^:]{0,80}:$",
    re.I,
)


LIST_FOLLOWS = re.compile(
    r"\b(?:include|includes|included|are|were|as\s+follows|the\s+following|below|recommends?|proposes?)\b[^:]{0,80}:$",
    re.I,
)
KIND_WORD = re.compile(
    r"\b(recommendations|areas\s+for\s+improvement|causes\s+of\s+concern|(?:innovative|promising|good|notable)"
    r"\s+practice)\b|\b(recommends?)\b",
    re.I,
)


def announced_kind(text: str) -> str | None:
    """The kind of finding a block announces a list of, judged on its last sentence: "The
    recommendations include:", "The group further recommends:", "…eight recommendations. They also
    include the following:"."""
    if not text.endswith(":") or len(text) > 800:
        return None
    last = re.split(r"(?<=[.!?])\s+", text)[-1]
    announcing = ANNOUNCING.search(last)
    if announcing:
        return announcing.group("kind") or announcing.group("kind2")
    if LIST_FOLLOWS.search(last) and not MODAL_ASK.search(last):
        named = KIND_WORD.search(last) or KIND_WORD.search(text)
        if named:
            return named.group(1) or "recommendations"
    return None


def printing(block: Block) -> str:
    """How a block is printed, as evidence: ", as a heading, in bold, in a box"."""
    parts = [
        word
        for word, present in [
            ("as a heading", block.kind == "heading"),
            ("in bold", block.bold),
            ("in a box", block.box is not None),
        ]
        if present
    ]
    return f", {', '.join(parts)}" if parts else ""


def requests_in(text: str) -> list[str]:
    """A paragraph of requests, one per sentence that opens by asking ("Within three months, the force
    should … By 31 December 2025, the force should …"); other sentences belong to the one before."""
    requests: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
        if not requests or DEADLINE_START.match(sentence) or ASKS.match(sentence):
            requests.append(sentence)
        else:
            requests[-1] = f"{requests[-1]} {sentence}"
    return requests


def kind_named(name: str | None) -> str:
    name = (name or "").lower()
    return AFI if "improvement" in name else COC if "concern" in name else PP if "practice" in name else REC


# "(Paragraph 40)", "(Paras 12–14)": where a committee's conclusion is argued in the body; not its words.
PARAGRAPH_REFERENCE = re.compile(r"\s*\((?:paragraphs?|paras?\.?)\s+[\d.,\s–\-and]+\)\s*$", re.I)

# What a web page prints between a label and its text: the report's name, its date.
ABOUT_LINE = re.compile(
    r"^(?:(?:report\s+)?published|date(?:\s+of\s+\w+)?|last\s+updated|updated)\s*:?\s*\d{1,2}\s+\w+\s+\d{4}$"
    r"|^[^.:]{3,80}:\s+(?:an?\s+)?(?:inspection|review|report|thematic|inquiry)\b[^.]{0,120}$",
    re.I,
)

INLINE_ITEMS = re.compile(r"^(?P<lead>.{20,}?:)\s*(?P<items>\(a\)\s.+\(b\)\s.+)$", re.S)
PLURAL_INLINE = re.compile(
    r"^(?P<kind>recommendations|areas\s+for\s+improvement)\s*:\s*(?P<items>.+;.+)$", re.I | re.S
)

MODAL_ASK = re.compile(
    r"\b(?:should|must|shall|needs?\s+to)\b", re.I
)  # a lead-in asks; an announcement lists

# A sentence that asks someone to act: a deadline first, or a subject of a few words and then "should".
DEADLINE_START = re.compile(
    r"^(?:within\s+(?:the\s+next\s+)?\w+\s+(?:days?|weeks?|months?|years?)|by\s+(?:the\s+end\s+of\s+)?"
    r"(?:\d{1,2}\s+)?[A-Z][a-z]+(?:\s+\d{4})?|immediately|as\s+a\s+matter\s+of\s+urgency)\b",
    re.I,
)
ASKS = re.compile(
    r"^(?:(?:within|by)\s[^,]{3,40},\s*)?(?:[\w'’()&-]+\s+){1,10}?(?:should|must|shall|needs?\s+to)\b(?!\s+have\b)",
    re.I,
)

ASKS_ANYWHERE = re.compile(r"^[^.;:]{0,140}?\b(?:should|must|shall|needs?\s+to)\b(?!\s+have\b)", re.I)

MODAL = re.compile(r"\b(?:should|must|shall|will|would|recommends?|ought|needs?\s+to|to\s+ensure)\b", re.I)


def is_title(rest: str, block: Block) -> bool:
    """What follows a label is a title ("Recommendation 1: Register of experts"), not the finding's text:
    short, not a sentence, asking nothing of anyone, and printed as a heading, in bold or in a box."""
    rest = rest.strip()
    if not rest or len(rest) > 160 or TERMINAL.search(rest.rstrip("”\"'")) or MODAL.search(rest):
        return False
    return block.kind == "heading" or block.bold or block.box is not None or len(rest.split()) <= 12


CONTENTS_HEADING = re.compile(r"^(?:table\s+of\s+)?contents$", re.I)
PAGE_AT_END = re.compile(r"\s\d{1,3}$")


def contents_blocks(blocks: list[Block]) -> set[int]:
    """The blocks of a contents list: after a "Contents" line, the run of short lines that name parts of
    the document (and often their pages) until the first paragraph of prose."""
    found: set[int] = set()
    for start, block in enumerate(blocks):
        if not CONTENTS_HEADING.match(block.text.strip()):
            continue
        for index in range(start + 1, min(len(blocks), start + 400)):
            text = blocks[index].text.strip()
            entry = len(text) < 120 and (not TERMINAL.search(text) or PAGE_AT_END.search(text))
            if not entry and not CONTENTS_LINE.search(text):
                break
            found.add(index)
    return found


def label_number(label: str) -> str:
    match = re.search(r"(\d{1,3}(?:\.\d{1,3})*)$", label)
    return match.group(1) if match else label


def normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"[\s\-–—]+", " ", text).strip()


def finish(findings: list[ExtractedFinding], published_on: date | None) -> list[ExtractedFinding]:
    """Merge findings printed twice, then read each one's addressees and deadline."""
    kept: list[ExtractedFinding] = []
    # Twins are looked for only among findings that share a key (kind and label, or kind and opening
    # words), so merging stays linear in the number of findings.
    index: dict[tuple, list[ExtractedFinding]] = {}
    for finding in findings:
        finding.text = re.sub(r"\s+", " ", finding.text).strip()
        keys = twin_keys(finding)
        candidates = {id(k): k for key in keys for k in index.get(key, [])}.values()
        twin = next((k for k in candidates if same_finding(k, finding)), None)
        if twin:
            for page in finding.pages:
                if page not in twin.pages:
                    twin.pages.append(page)
            if len(finding.text) > len(twin.text):
                twin.text = finding.text
            if "printed twice" not in " ".join(twin.evidence):
                twin.evidence.append("printed twice in the document")
            if finding.printed and not twin.printed:
                twin.label, twin.printed = finding.label, True
            for key in keys:
                index.setdefault(key, []).append(twin)
            continue
        kept.append(finding)
        for key in keys:
            index.setdefault(key, []).append(finding)
    by_label = {finding.label: finding for finding in kept}
    for finding in kept:
        if finding.kind in (REC, AFI, COC):
            finding.addressees = details.addressees(finding.text)
            finding.deadline_text, finding.deadline_on = details.deadline(finding.text, published_on)
            if finding.deadline_text:
                finding.deadline_text = finding.deadline_text[0].upper() + finding.deadline_text[1:]
            inherit(finding, by_label.get(finding.parent))
        if len(finding.text) < 30:
            finding.confidence *= 0.7
    return kept


def inherit(finding: ExtractedFinding, parent: ExtractedFinding | None) -> None:
    """A sub-item under a lead-in ("By 31 March 2026, chief constables should:") is asked of the same
    people by the same date, unless it says otherwise."""
    if parent is None or parent.kind != finding.kind or not parent.text.rstrip().endswith(":"):
        return
    if not finding.addressees or not re.search(r"\b(?:should|must)\b", finding.text):
        finding.addressees = list(parent.addressees)  # "(a) make sure that …" has the lead-in's subject
    if not finding.deadline_text:
        finding.deadline_text, finding.deadline_on = parent.deadline_text, parent.deadline_on


def twin_keys(finding: ExtractedFinding) -> list[tuple]:
    """Where a finding's twin would be filed: under its label, and under its first and last words (a twin
    printed with a different lead-in or ending still shares one of them)."""
    words = normalise(finding.text).split()
    return [
        (finding.kind, "label", finding.label),
        (finding.kind, "start", " ".join(words[:6])),
        (finding.kind, "end", " ".join(words[-6:])),
    ]


def same_finding(a: ExtractedFinding, b: ExtractedFinding) -> bool:
    """Printed twice: the same printed label with the same text, or near-identical text where a label was
    not printed. Two different printed labels are two findings, however alike their words."""
    if a.printed and b.printed and a.label != b.label:
        return False
    ta, tb = normalise(a.text), normalise(b.text)
    if a.label == b.label and (ta in tb or tb in ta):
        return True
    if abs(len(ta) - len(tb)) > 0.1 * max(len(ta), len(tb)):
        return False
    needed = 90 if a.label == b.label else 95
    return fuzz.ratio(ta, tb, score_cutoff=needed) >= needed
