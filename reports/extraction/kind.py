"""What kind of document this is: a report that makes findings (which an office may owe a response to),
a response answering one, or a statement announcing one.

Offices keep response letters, government responses, chief constables' letters and press releases in
the same folders as the reports. They restate recommendations, so the extractor finds findings in them;
stored as reports they would each be owed a response. The rule, from the document's own words:

- **a response** says so where a title does ("Response of the Police and Crime Commissioner for Cheshire
  to HMICFRS: …", "Government response to the … review", "PCC statement on the HMICFRS revisit"), or is
  a letter that answers a report ("Dear Chair, … Thank you for sending me the committee's report"), or
  follows the recommendations it restates with its answers ("Response: …", "Government response to
  recommendation 3").
- **a statement** announces a publication rather than being it: a press release or news story, or a
  statement that speaks of a report "published today" and makes no findings of its own.

Everything else is a report. A report's own subject may be a response ("the police response to
stalking", "Staffordshire Police's response to children …"): only an answering party (a commissioner,
the government, a department, a chief constable) or a title that starts with the word counts.
"""

import re
from dataclasses import dataclass

from documents.model import Document

REPORT, RESPONSE, STATEMENT = "report", "response", "statement"

ANSWERER = (
    r"(?:the\s+)?(?:government|(?:deputy\s+)?mayor|(?:police,?\s+(?:fire\s+)?and\s+crime\s+)?commissioner|"
    r"p(?:f)?cc|opcc|chief\s+constable|department|ministry|home\s+office|home\s+secretary|minister)['’]?s?"
)
# What a response answers: a report, an inspection, its recommendations, or the inspectorate by name.
ANSWERED = (
    r"(?:the\s+)?(?:section\s+55\b|hmicfrs\b|hmi\b|hm\s+inspectorate|his\s+majesty|her\s+majesty|"
    r"(?:[\w,'’&–-]+\s+){0,12}?(?:report|inspection|review|recommendations?|inquiry|revisit|findings)\b)"
)
RESPONSE_TITLE = re.compile(
    rf"^(?:{ANSWERER}\s+)?(?:response|reply|statement|letter|comments)\b"
    rf"(?:\s+(?:of|from|by)\b[^:]{{0,160}}?)?\s+(?:to|on|under|about)\s+{ANSWERED}",
    re.I,
)
SALUTATION = re.compile(r"^dear\s+\S", re.I)
# A letter that answers: it gives the writer's response, or thanks the reader for the report. Not "the
# action they will take in response to this letter": an inspectorate's letter asks for a response.
ANSWERS = re.compile(
    r"\b(?:my|our)\s+(?:response|comments|reply)\s+(?:to|on)\b|\bwith\s+(?:my|our)\s+(?:response|comments)\b|"
    r"\bsection\s+55\b|\bthank\s+you\s+for\b[^.]{0,80}?\breport\b",
    re.I,
)
# An answer printed after a restated recommendation: "Response:", "Our response", "PCC response",
# "Government response to recommendation 3".
ANSWER_LABEL = re.compile(
    rf"^(?:(?:our|the|joint|force['’]?s?|{ANSWERER})\s+)*(?:response|reply|answer)\b"
    r"(?:\s+to\s+(?:the\s+)?recommendations?\s+\d+[a-z]?(?:\.\d+)?)?\s*(?:[:.–—-]|$)",
    re.I,
)
PRESS = re.compile(
    r"^(?:press|news|media)\s+(?:release|story|statement)\b|^newsletter\b|\bfor\s+immediate\s+release\b|"
    r"^notes?\s+to\s+editors\b|^media\s+enquiries\b",
    re.I,
)
ANNOUNCES = re.compile(
    r"\b(?:published|publishe[sd]|released?)\s+today\b|\btoday\s+(?:i|we)\s+publish\b|^statement\s+(?:from|by)\b",
    re.I,
)


@dataclass(frozen=True)
class DocumentKind:
    kind: str
    reason: str

    @property
    def is_report(self) -> bool:
        return self.kind == REPORT

    @property
    def description(self) -> str:
        """In words, for messages: "a response to a report (its title says …)"."""
        what = {RESPONSE: "a response to a report", STATEMENT: "a statement or press release"}
        return f"{what.get(self.kind, 'a report')} ({self.reason})"


def quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:80]}{'…' if len(text) > 80 else ''}”"


def document_kind(document: Document, title: str, finding_count: int) -> DocumentKind:
    """Whether the document is a report, a response to one, or a statement announcing one, with the
    words that decided it."""
    opening = [block.text.strip() for block in document.blocks[:40] if block.text.strip()]
    lines = [title] + [text for text in opening if len(text) <= 200]
    for line in lines:
        if RESPONSE_TITLE.search(line):
            return DocumentKind(RESPONSE, f"it is titled {quoted(line)}")
    salutation = next((text for text in opening[:30] if SALUTATION.match(text)), None)
    if salutation:
        after = " ".join(opening[opening.index(salutation) :])
        if match := ANSWERS.search(after):
            return DocumentKind(
                RESPONSE, f"it is a letter ({quoted(salutation)}) that says {quoted(match.group(0))}"
            )
    answers = [block.text.strip() for block in document.blocks if ANSWER_LABEL.match(block.text.strip())]
    if len(answers) >= 2 and finding_count:
        return DocumentKind(
            RESPONSE,
            f"it answers the recommendations it restates ({len(answers)} answers such as {quoted(answers[0])})",
        )
    for text in opening:
        if PRESS.search(text):
            return DocumentKind(STATEMENT, f"it says {quoted(text)}")
    if not finding_count:
        for text in opening:
            if match := ANNOUNCES.search(text):
                return DocumentKind(
                    STATEMENT, f"it announces a publication ({quoted(match.group(0))}) and makes no findings"
                )
    return DocumentKind(REPORT, "it makes findings of its own" if finding_count else "it makes no findings")
