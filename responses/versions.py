"""What changed between two versions of a response, section by section and word by word (difflib)."""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from responses.models import ResponseObligation

WORDS = re.compile(r"\s+|[^\s]+")


def current_sections(obligation: ResponseObligation) -> list[dict]:
    """The response as it stands now, in the shape versions keep."""
    return [
        {
            "section": section.pk,
            "kind": section.kind,
            "title": section.title,
            "quoted": section.quoted,
            "body": section.body,
            "version": section.version,
        }
        for section in obligation.sections.select_related("finding").order_by("position", "id")
    ]


@dataclass
class SectionChange:
    title: str
    state: str  # "added", "removed", "changed" or "unchanged"
    pieces: list[tuple[str, str]] = field(default_factory=list)  # ("same" | "added" | "removed", text)
    title_before: str = ""


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The two texts as runs of kept, added and removed words (whitespace kept as it was)."""
    old, new = WORDS.findall(before), WORDS.findall(after)
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(("same", "".join(old[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            pieces.append(("removed", "".join(old[i1:i2])))
        if tag in ("insert", "replace"):
            pieces.append(("added", "".join(new[j1:j2])))
    return pieces


def compare(before: list[dict], after: list[dict]) -> list[SectionChange]:
    """Every section of either version, in the later version's order (removed ones where they were)."""
    earlier = {entry["section"]: entry for entry in before}
    later_ids = {entry["section"] for entry in after}
    changes: list[SectionChange] = []
    for entry in after:
        old = earlier.get(entry["section"])
        if old is None:
            changes.append(SectionChange(entry["title"], "added", [("added", entry["body"])]))
        elif old["body"] == entry["body"] and old["title"] == entry["title"]:
            changes.append(SectionChange(entry["title"], "unchanged", [("same", entry["body"])]))
        else:
            changes.append(
                SectionChange(
                    entry["title"],
                    "changed",
                    word_diff(old["body"], entry["body"]),
                    old["title"] if old["title"] != entry["title"] else "",
                )
            )
    for entry in before:
        if entry["section"] not in later_ids:
            changes.append(SectionChange(entry["title"], "removed", [("removed", entry["body"])]))
    return changes
