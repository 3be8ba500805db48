"""Labelled documents: a document beside its `<name>.expected.json`, read once into blocks, with each block
given the label a careful reader would give it (where a finding starts, continues, or nothing).

Two label formats are read: the development set's (`../shared/realdocs`, an office's exported labels)
and the synthetic corpus's (`tests/corpus`), which differ only in how kinds are spelled. A labelled
finding is placed on the blocks that print it by its words: the block holding its opening words starts
it, and the blocks that carry on its words continue it. A finding printed twice (summary and body) is
placed at both. Findings not counted as truth (optional narrative weaknesses, conclusions, good practice)
are left as "other", so a model learns not to take them.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from documents import Block, Document, read_document

DOCUMENT_SUFFIXES = (".pdf", ".html", ".htm", ".txt", ".md", ".docx")
WORD = re.compile(r"[a-z0-9]+")
KINDS = {  # as a label spells a kind → as the extractor does
    "recommendation": "recommendation",
    "area for improvement": "area-for-improvement",
    "cause of concern": "cause-of-concern",
}
PRACTICE = {"good practice", "promising practice", "innovative practice", "notable practice"}
NOT_TRUTH = {"good practice", "promising practice", "innovative practice", "conclusion"}

START, INSIDE, OTHER = "B", "I", "O"  # a label is START + "-" + kind, INSIDE or OTHER


def words(text: str | None) -> list[str]:
    return WORD.findall((text or "").lower().replace("’", "'"))


def kind_of(name: str) -> str | None:
    """The kind a label names, in the extractor's spelling; None for what is not counted as a finding."""
    spoken = name.replace("_", " ").replace("-", " ").lower()
    return KINDS.get(spoken)


def counted(finding: dict) -> bool:
    """A finding the scorer counts: a recommendation, area for improvement or cause of concern."""
    return kind_of(finding.get("kind", "")) is not None and not finding.get("optional")


def learned(finding: dict) -> bool:
    """A finding the model learns to take: those counted, and good practice (kept, though not scored)."""
    spoken = finding.get("kind", "").replace("_", " ").replace("-", " ").lower()
    return (counted(finding) or spoken in PRACTICE) and not finding.get("optional")


@dataclass
class Labelled:
    """One labelled document: where it is, its family, its report details and its findings."""

    name: str
    path: Path
    family: str
    metadata: dict
    findings: list[dict]
    digest: str = ""
    document: Document | None = None
    labels: list[str] = field(default_factory=list)  # one per block, once placed
    unplaced: list[dict] = field(default_factory=list)  # counted findings whose words were not found

    @property
    def truth(self) -> list[dict]:
        return [finding for finding in self.findings if counted(finding)]


def labelled_documents(folder: Path) -> list[Labelled]:
    """Every `<name>.expected.json` in `folder` (and below it) with its document beside it, by name."""
    found = []
    for expected in sorted(Path(folder).rglob("*.expected.json")):
        name = expected.name.removesuffix(".expected.json")
        document = next(
            (
                path
                for suffix in DOCUMENT_SUFFIXES
                for path in [expected.with_name(name + suffix)]
                if path.is_file()
            ),
            None,
        )
        if document is None:
            continue
        data = json.loads(expected.read_text(encoding="utf-8"))
        digest = hashlib.sha256(document.read_bytes() + expected.read_bytes()).hexdigest()
        found.append(
            Labelled(
                name=name,
                path=document,
                family=data.get("family") or "unknown",
                metadata=data.get("metadata") or {},
                findings=data.get("findings") or [],
                digest=digest,
            )
        )
    return found


def read(labelled: Labelled) -> Labelled:
    """Read the document into blocks and label each block."""
    if labelled.document is None:
        labelled.document = read_document(labelled.path)
    taken = [finding for finding in labelled.findings if learned(finding)]
    labelled.labels, labelled.unplaced = place(labelled.document.blocks, taken, parts(taken))
    return labelled


def parts(findings: list[dict]) -> list[dict]:
    """Sub-items labelled as findings of their own under a parent finding ("(a)" under "Recommendation
    3"), as some label sets do. The development set's convention is one finding for a stem and its
    sub-items, and the model learns that one: the rules split printed sub-items again when reading."""
    stems = {
        finding["label"]
        for finding in findings
        if finding.get("label") and finding.get("text", "").rstrip().endswith(":")
    }  # a parent that ends in ":" is a stem; others (a cause of concern) own findings in their own right
    return [finding for finding in findings if finding.get("parent") in stems]


def place(blocks: list[Block], findings: list[dict], inside: list[dict] = ()) -> tuple[list[str], list[dict]]:
    """A label for each block, and the findings that could not be placed. Findings in `inside` carry on
    the finding before them rather than start one."""
    inside_ids = {id(finding) for finding in inside}
    stream: list[str] = []
    owner: list[int] = []  # the block each word of the stream belongs to
    for index, block in enumerate(blocks):
        block_words = words(block.text)
        stream += block_words
        owner += [index] * len(block_words)
    text = " " + " ".join(stream) + " "
    offsets = word_offsets(stream)
    labels = [OTHER] * len(blocks)
    unplaced = []
    for finding in findings:
        wanted = words(finding["text"])
        if not wanted:
            continue
        starts = occurrences(text, offsets, wanted[: min(8, len(wanted))])
        if not starts:
            unplaced.append(finding)
            continue
        for start in starts:
            end = last_word(stream, start, wanted)
            first, last = owner[start], owner[end]
            if id(finding) in inside_ids:
                if labels[first] == OTHER:
                    labels[first] = INSIDE
            elif labels[first] == OTHER or labels[first] == INSIDE:
                labels[first] = f"{START}-{kind_of(finding['kind']) or 'promising-practice'}"
            for index in range(first + 1, last + 1):
                if labels[index] == OTHER:
                    labels[index] = INSIDE
    return labels, unplaced


def word_offsets(stream: list[str]) -> dict[int, int]:
    """Character offset in " ".join(stream) (with a leading space) → word index."""
    offsets, at = {}, 1
    for index, word in enumerate(stream):
        offsets[at] = index
        at += len(word) + 1
    return offsets


def occurrences(text: str, offsets: dict[int, int], opening: list[str]) -> list[int]:
    """Word indexes where the opening words appear in a row."""
    needle = " " + " ".join(opening) + " "
    found, at = [], text.find(needle)
    while at >= 0:
        if at + 1 in offsets:
            found.append(offsets[at + 1])
        at = text.find(needle, at + 1)
    return found


def last_word(stream: list[str], start: int, wanted: list[str]) -> int:
    """The last word of the stream, from `start`, that the finding's words reach (small gaps allowed)."""
    window = stream[start : start + int(len(wanted) * 1.3) + 10]
    matcher = SequenceMatcher(None, window, wanted, autojunk=False)
    end = 0
    for block in matcher.get_matching_blocks():
        if block.size:
            end = block.a + block.size - 1
    return start + end
