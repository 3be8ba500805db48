"""Linking a response document (the chief officer's comments, or any published response) to the report's
recommendations, and reading each answer's stance. Stores nothing: people confirm what it proposes.

The recommendations come from the report by intake's extractor. The response's own restatements of them
are found the same way; each answer is what follows its restatement (or the rest of its table row) up
to the next restatement or heading. A letter that answers several together ("Recommendations 1 and 2 …")
is matched by the numbers it names.
"""

import re
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from pathlib import Path

from documents import Document, read_document
from reports.extraction import ANSWER_BLOCK, ANSWER_INLINE, extract, normalise

ANSWER_HEADING = re.compile(
    r"^(?:(?:our|the|pcc'?s?|opcc|force'?s?|chief\s+constable'?s?|commissioner'?s?|joint|police\s+and\s+crime\s+"
    r"commissioner'?s?)\s+)*(?:response|comments?|answer|update|reply)\s*[:.\-–]?\s*",
    re.I,
)
CLOSING = re.compile(r"^(yours\s+(sincerely|faithfully)|signed\b|kind\s+regards)", re.I)
MENTIONS = re.compile(r"\brecommendations?\s+((?:\d+[a-z]?(?:\s*(?:,|and|&|to|-|–)\s*)?)+)", re.I)
STANCES = [
    (
        "not accepted",
        re.compile(
            r"\b(?:do(?:es)?\s+not|cannot|will\s+not|won't|is\s+not\s+able\s+to)\s+(?:accept|agree|support)|"
            r"\bnot\s+accepted\b|\breject(?:s|ed)?\b|\bdecline[sd]?\b",
            re.I,
        ),
    ),
    (
        "partially accepted",
        re.compile(
            r"\b(?:partially|partly|in\s+part)\s+(?:accept|agree)|\baccept(?:s|ed)?\s+(?:(?:it|this|that|the)(?:\s+recommendation)?\s+)?in\s+part\b|"
            r"\bpartially\s+accepted\b|\baccept(?:s|ed)?\s+(?:the\s+)?(?:first|second|spirit)\b",
            re.I,
        ),
    ),
    (
        "noted",
        re.compile(
            r"^(?:noted|we\s+note|i\s+note)\b|\b(?:this|the)\s+recommendation\s+is\s+(?:for|addressed\s+to|a\s+matter\s+for)\b|"
            r"\brecommendations\s+(?:\S+\s+){0,8}?are\s+(?:for|addressed\s+to|matters\s+for)\b|"
            r"\bis\s+a\s+matter\s+for\s+(?:the\s+)?(?!force)|\bnote[sd]?\s+(?:this|the)\s+recommendation\b",
            re.I,
        ),
    ),
    (
        "accepted",
        re.compile(r"\baccept(?:s|ed)?\b|\bagree[sd]?\b|\bwelcome[sd]?\b|\bsupport(?:s|ed)?\b", re.I),
    ),
]


@dataclass
class Match:
    label: str
    recommendation: str
    response: str
    stance: str
    confidence: float


def stance_of(text: str) -> tuple[str, float]:
    if not text.strip():
        return "none", 0.9
    for stance, pattern in STANCES:
        if pattern.search(text):
            return stance, 0.85
    return "accepted", 0.6  # an answer that says what is being done, without the word


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, normalise(a), normalise(b), autojunk=False).ratio()


def locate(blocks: list, text: str, start: int) -> tuple[int, int]:
    """The blocks a restated recommendation runs over, searching from `start`."""
    head, tail = normalise(text)[:40], normalise(text)[-30:]
    first = next((i for i in range(start, len(blocks)) if head and head in normalise(blocks[i].text)), None)
    if first is None:
        return -1, -1
    last = next(
        (i for i in range(first, min(first + 8, len(blocks))) if tail in normalise(blocks[i].text)), first
    )
    return first, last


def clean(answer: list[str]) -> str:
    text = " ".join(part.strip() for part in answer if part.strip())
    return re.sub(r"\s+", " ", ANSWER_HEADING.sub("", text, count=1)).strip()


def answers_after_restatements(document: Document, restated: list) -> dict[str, str]:
    """Label → the answer that follows the response's restatement of that recommendation."""
    blocks, found, cursor = document.blocks, {}, 0
    spans = []
    for finding in restated:
        first, last = locate(blocks, finding.text, cursor)
        if first >= 0:
            spans.append((finding, first, last))
            cursor = last + 1
    for number, (finding, _first, last) in enumerate(spans):
        end = spans[number + 1][1] if number + 1 < len(spans) else len(blocks)
        block = blocks[last]
        if block.kind == "table-cell":  # the rest of the row answers it
            row = [
                b.text
                for b in blocks
                if b.kind == "table-cell" and b.row == block.row and (b.column or 0) > (block.column or 0)
            ]
            found[finding.label] = clean(row)
            continue
        answer = []
        inline = ANSWER_INLINE.search(block.text)  # "Recommendation 1: … Response: …" in one block
        if inline and inline.start() > 0:
            answer.append(block.text[inline.start() :])
        for following in blocks[last + 1 : end]:
            if CLOSING.match(following.text) or (
                following.kind == "heading" and not ANSWER_HEADING.match(following.text)
            ):
                break
            opening = MENTIONS.match(following.text)  # "Recommendation 3 is …": the next one's answer
            if opening and number_of(finding.label) not in mentioned_numbers(opening.group(0)):
                break
            if following.kind == "heading" or (
                ANSWER_BLOCK.match(following.text) and not clean([following.text])
            ):
                continue  # "Our response": a heading, not the answer
            answer.append(following.text)
        found[finding.label] = clean(answer)
    # A recommendation with sub-items is often answered once, after the last of them: they share it.
    for finding in restated:
        family = [
            f
            for f in restated
            if f.label == finding.label
            or f.parent == finding.label
            or (finding.parent and f.parent == finding.parent)
            or f.label == finding.parent
        ]
        shared = next((found[f.label] for f in reversed(family) if found.get(f.label)), "")
        if not found.get(finding.label) and shared:
            found[finding.label] = shared
    return found


def number_of(label: str) -> str:
    match = re.search(r"(\d+(?:\.\d+)*[a-z]?)$", label)
    return match.group(1) if match else label


SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
LABEL_BLOCK = re.compile(r"^(?:recommendation|area\s+for\s+improvement|afi)\s*\d", re.I)


def mentioned_numbers(text: str) -> list[str]:
    numbers = []
    for mention in MENTIONS.finditer(text):
        found = re.findall(r"\d+[a-z]?", mention.group(1))
        if (
            re.search(r"\bto\b|[-–]", mention.group(1))
            and len(found) == 2
            and all(n.isdigit() for n in found)
        ):
            found = [str(n) for n in range(int(found[0]), int(found[1]) + 1)]
        numbers += [number for number in found if number not in numbers]
    return numbers


def answers_by_mention(document: Document) -> dict[str, list[str]]:
    """A letter answering several together: the words that name a recommendation answer it, from that
    sentence to the next one naming others; a heading that names them is answered by what follows."""
    found: dict[str, list[str]] = {}
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if LABEL_BLOCK.match(block.text) and not MENTIONS.match(block.text):
            continue  # a restated recommendation, not an answer
        if block.kind == "heading" or len(block.text) < 60 and not block.text.rstrip().endswith("."):
            numbers = mentioned_numbers(block.text)
            following = next((b.text for b in blocks[index + 1 : index + 3] if b.kind != "heading"), "")
            for number in numbers:
                found.setdefault(number, []).append(following)
            continue
        sentences = SENTENCE.split(block.text)
        for at, sentence in enumerate(sentences):
            numbers = mentioned_numbers(sentence)
            if not numbers:
                continue
            end = next(
                (k for k in range(at + 1, len(sentences)) if mentioned_numbers(sentences[k])), len(sentences)
            )
            passage = " ".join(sentences[at:end])
            for number in numbers:
                found.setdefault(number, [])
                if passage not in found[number]:
                    found[number].append(passage)
    return found


def match_response(report_path: Path, response_path: Path, forces=None) -> list[Match]:
    """Match two files: the report's recommendations, read by intake's extractor, and a response."""
    report = extract(read_document(report_path), forces=forces)
    recommendations = [(f.label, f.text) for f in report.findings if f.kind == "recommendation"]
    return link_answers(recommendations, read_document(response_path), forces=forces)


def link_answers(recommendations: list[tuple[str, str]], response: Document, forces=None) -> list[Match]:
    """For each (label, text) recommendation, the passage of the response that answers it and its stance."""
    restated = [f for f in extract(response, forces=forces).findings if f.kind == "recommendation"]
    after = answers_after_restatements(response, restated)
    mentioned = answers_by_mention(response)
    matches = []
    for label, recommendation in recommendations:
        twin = next((r for r in restated if r.label == label), None)
        if twin is None or similarity(twin.text, recommendation) < 0.6:
            best = max(restated, key=lambda r: similarity(r.text, recommendation), default=None)
            twin = best if best is not None and similarity(best.text, recommendation) >= 0.8 else None
        text, confidence = (after.get(twin.label, ""), 0.9) if twin is not None else ("", 0.0)
        if not text:  # named in a paragraph that answers several ("Recommendations 3, 4 and 8 are …")
            number = number_of(label)
            parent = re.match(r"\d+", number)  # "5.1" and "2a" fall back to 5 and 2
            text = " ".join(mentioned.get(number) or (mentioned.get(parent.group(0), []) if parent else []))
            confidence = 0.7
        stance, sure = stance_of(text)
        matches.append(Match(label, recommendation, text, stance, round(min(confidence, sure), 2)))
    return matches


def as_json(matches: list[Match]) -> list[dict]:
    return [asdict(match) for match in matches]
