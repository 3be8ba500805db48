"""What a model is told about each block of a document, to say whether a finding starts there.

Features are of three sorts, and the model weighs them; none decides alone:
- how the block is printed: heading or paragraph, bold, in a box or a table cell, what opens it (a bullet,
  a number, a printed label), how long it is and how it ends;
- its words: the first words (an imperative "Ensure", a subject "The council"), asking words ("should",
  "must", "we recommend") and the vocabulary of findings;
- its context: the words of the headings above it, the lead-in sentence that introduces its list, what
  the blocks before and after it look like, and what the rule-based extractor made of it.

The same block read from a PDF, a web page or plain text gets the same features where the format can say
the same thing (heading, list item, words); what only one format can say (a box) is a feature like others.
"""

import re
from collections import Counter

from documents import Block
from reports.extraction.findings import (
    Extractor,
    announced_kind,
    contents_blocks,
    context_of,
    match_label,
)

WORD = re.compile(r"[a-z][a-z']+")
GLYPHS = [
    ("bullet", re.compile(r"^[•▪◦●■◼▶►✓✔–\-*·\ue000-\uf8ff]\s*")),
    ("decimal", re.compile(r"^\d{1,3}\.\d{1,3}\.?\s")),
    ("number", re.compile(r"^\(?\d{1,3}[.):]\s*(?=\D)|^\d{1,3}\s(?=[A-Z])")),
    ("letter", re.compile(r"^\(?[a-z]\)\s|^[a-z][.)]\s")),
    ("roman", re.compile(r"^\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)]\s", re.I)),
    ("code", re.compile(r"^(?:R|AFI|CoC|PA)\s?\d{1,3}\b[.:]?")),
]
CUES = {
    "should": re.compile(r"\bshould\b", re.I),
    "must": re.compile(r"\bmust\b", re.I),
    "needs-to": re.compile(r"\bneeds?\s+to\b", re.I),
    "recommend": re.compile(r"\brecommend", re.I),
    "we-recommend": re.compile(r"\b(?:we|I)\s+recommend|\brecommends?\s+that\b", re.I),
    "ensure": re.compile(r"\bensur", re.I),
    "improve": re.compile(r"\bimprov", re.I),
    "by-date": re.compile(
        r"\b(?:by|within)\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}\s+)?(?:january|february|march|april|may|june|july|"
        r"august|september|october|november|december|\d+\s+(?:days|weeks|months|years)|\w+\s+months)",
        re.I,
    ),
    "percent": re.compile(r"\d\s?%|\bper\s?cent\b", re.I),
    "we-found": re.compile(r"\bwe\s+(?:found|saw|were|heard|spoke)\b|\binspectors\b", re.I),
    "year": re.compile(r"\b(?:19|20)\d\d\b"),
    "quote": re.compile(r"[“”\"]"),
}
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "is",
        "are",
        "be",
        "that",
        "this",
        "it",
        "its",
        "their",
        "they",
        "what",
        "which",
        "how",
        "who",
        "where",
        "when",
        "do",
        "does",
        "has",
        "have",
        "was",
        "were",
        "not",
    ]
)
ASKING = re.compile(r"\b(?:should|must|needs?\s+to|we\s+recommend)\b", re.I)
SENTENCE_END = re.compile(r"[.!?][”\"’')\]]*$")


def glyph(text: str) -> tuple[str, str]:
    """What opens the block (bullet, number, printed label…) and the text after it."""
    labelled = match_label(text) or numbered_label(text)
    if labelled:
        return "label:" + labelled[0], labelled[2]
    for name, pattern in GLYPHS:
        opening = pattern.match(text)
        if opening:
            return name, text[opening.end() :]
    return "none", text


def numbered_label(text: str) -> tuple[str, str, str] | None:
    """A printed label behind a paragraph number ("1. Recommendation 1: …", as web pages that number every
    paragraph print a recommendation they restate): the label, not the number, says what the block is."""
    number = NUMBER.match(text)
    return match_label(text[number.end() :]) if number else None


NUMBER = re.compile(r"^\(?\d{1,3}[.)]\s+")


def bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def content_words(text: str, limit: int = 12) -> list[str]:
    return [word for word in WORD.findall(text.lower().replace("’", "'")) if word not in STOPWORDS][:limit]


def ruled(document) -> list:
    """The findings the rule-based extractor takes, each with the blocks it spans (before twins merge)."""
    extractor = Extractor(document, None)
    try:
        extractor.run()
    except Exception:  # noqa: BLE001 - the rules are one opinion among the features; their failure is not the reader's
        return []
    return extractor.findings


def rule_labels(document, blocks: list[Block], findings: list | None = None) -> list[str]:
    """What the rules make of each block: where a finding they took starts ("B-kind") or continues
    ("I"), else "O"."""
    labels = ["O"] * len(blocks)
    for finding in ruled(document) if findings is None else findings:
        first, last = finding.span
        if first < 0:
            continue
        if labels[first] == "O":
            labels[first] = "B-" + finding.kind
        for index in range(first + 1, max(first, last) + 1):
            if index < len(labels) and labels[index] == "O":
                labels[index] = "I"
    return labels


def block_features(document, rule_findings: list | None = None) -> list[dict[str, float]]:
    """One dict of features per block of the document, in order (`rule_findings`: the rules' findings,
    when they have been taken already)."""
    blocks = document.blocks
    rules = rule_labels(document, blocks, rule_findings)
    contents = contents_blocks(blocks)
    repeated = Counter(" ".join(block.text.lower().split()[:12]) for block in blocks if len(block.text) > 40)
    own = [own_features(block) for block in blocks]
    features = []
    headings: list[tuple[int, str]] = []  # (level, text): the heading path above the block
    since_heading = 0
    lead_in = ""  # the latest paragraph ending in ":" under the nearest heading
    list_run = 0  # blocks in a row that open with the same glyph
    stem: str | None = None  # the glyph of the latest block ending in ":" (a stem whose items follow)
    stem_text = stem_mark = ""
    heading_list = False  # the blocks since a heading ending in ":" are all list items
    total = max(1, len(blocks))
    for index, block in enumerate(blocks):
        text = block.text.strip()
        f = dict(own[index])
        f["rule=" + rules[index].split("-", 1)[0]] = 1.0
        if rules[index].startswith("B-"):
            f["rule-kind=" + rules[index][2:]] = 1.0
        if index in contents:
            f["contents"] = 1.0
        if len(text) > 40 and repeated[" ".join(text.lower().split()[:12])] > 1:
            f["printed-twice"] = 1.0
        f["where=" + str(min(9, index * 10 // total))] = 1.0
        # the heading path
        for depth, (_, heading) in enumerate(reversed(headings[-2:])):
            for word in content_words(heading, 8):
                f[f"h{depth}:{word}"] = 1.0
            named = context_of(heading)
            if named:
                f[f"h{depth}-names={named}"] = 1.0
            if heading.rstrip().endswith("?"):
                f[f"h{depth}-question"] = 1.0
        if not headings:
            f["no-heading"] = 1.0
        f["since-heading=" + bucket(since_heading, (0, 1, 2, 4, 8, 16, 40))] = 1.0
        if lead_in:
            for word in content_words(lead_in.split(".")[-1], 8):
                f["lead:" + word] = 1.0
            announced = announced_kind(lead_in)
            if announced:
                f["lead-announces=" + announced.lower()] = 1.0
        f["run=" + bucket(list_run, (0, 1, 3, 8))] = 1.0
        mine = own_glyph(own[index])
        if mine != "none" and block.kind != "heading":
            if f.pop("lower", None):  # a lower-case item is not a broken line's second half
                f["item-lower"] = 1.0
            if (
                index
                and rules[index][:1] == rules[index - 1][:1] == "B"
                and own[index - 1].get("glyph=" + mine)
            ):
                f["rule-peers"] = 1.0  # the rules read the item and the one before as findings side by side
        if heading_list and mine != "none" and block.kind != "heading":
            # an item of the list a heading ending in ":" opens ("What needs to improve:"), however it is
            # written: the heading, not a stem sentence, is what its items complete
            f["heading-list"] = 1.0
            f["heading-list-" + ("capital" if "capital" in own[index] else "lower")] = 1.0
        if stem is not None and mine != "none" and block.kind != "heading":
            # an item under a stem ("…to demonstrate:" then "- an understanding…") or the stem's next sibling
            place = "under-stem" if (mine, mark(text)) != (stem, stem_mark) else "stem-sibling"
            f[place] = 1.0
            f[f"stem-glyph={stem}>{mine}"] = 1.0
            # an item that carries on the stem's sentence ("…need to ensure that they:" "• prioritise …")
            f[f"{place}-{'capital' if 'capital' in own[index] else 'lower'}"] = 1.0
            f[f"{place}-stem-len=" + bucket(len(stem_text.split()), (6, 12, 25))] = 1.0
            if ASKING.search(stem_text):  # the stem asks something itself: its items are its parts
                f[f"{place}-stem-asks"] = 1.0
                f[f"{place}-stem-asks-{'capital' if 'capital' in own[index] else 'lower'}"] = 1.0
        if index and blocks[index - 1].text.rstrip().endswith(":"):
            # what ends in ":" just before: a heading over a list ("What needs to improve:") or a stem
            # whose items carry on its sentence ("…need to ensure that they:")
            before = "heading" if blocks[index - 1].kind == "heading" else "text"
            case = "capital" if "capital" in own[index] else "lower"
            f[f"after-{before}-colon"] = 1.0
            f[f"after-{before}-colon-{case}"] = 1.0
        # neighbours
        for offset, name in ((-1, "prev"), (1, "next"), (-2, "prev2")):
            at = index + offset
            if 0 <= at < len(blocks):
                for key in ("kind", "glyph", "end", "bold", "box", "cell", "len"):
                    for feature in own[at]:
                        if feature.startswith(key):
                            f[f"{name}:{feature}"] = 1.0
                f[f"{name}:rule=" + rules[at].split("-", 1)[0]] = 1.0
                if own[at].get("glyph=" + own_glyph(own[index])):
                    f[f"{name}:same-glyph"] = 1.0
            else:
                f[f"{name}:none"] = 1.0
        features.append(f)
        # what this block means for the ones after it
        if block.kind == "heading" or (len(text) < 80 and context_of(text) is not None):
            level = block.level or 2
            headings = [(lv, h) for lv, h in headings if lv < level] + [(level, text)]
            since_heading, lead_in, list_run, stem = 0, "", 0, None
            heading_list = text.endswith(":")
        else:
            heading_list = heading_list and own_glyph(own[index]) != "none"
            since_heading += 1
            if text.endswith(":") and len(text) < 600:
                lead_in = stem_text = text
                stem, stem_mark = own_glyph(own[index]), mark(text)
            elif stem is not None and (
                own_glyph(own[index]) == "none" or (own_glyph(own[index]), mark(text)) == (stem, stem_mark)
            ):
                stem = None  # the next item at the stem's level, or prose: the stem's items have ended
            previous = own[index - 1] if index else {}
            same = own_glyph(own[index]) != "none" and previous.get("glyph=" + own_glyph(own[index]))
            list_run = list_run + 1 if same else 0
    return features


def mark(text: str) -> str:
    """The character a bulleted block opens with: a "-" item under a "◼" stem is its sub-item, though
    both are bullets."""
    text = text.strip()
    return text[:1] if glyph(text)[0] == "bullet" else ""


def own_glyph(features: dict) -> str:
    return next((key[6:] for key in features if key.startswith("glyph=")), "none")


def own_features(block: Block) -> dict[str, float]:
    """What the block itself shows, without its neighbours."""
    text = block.text.strip()
    opening, rest = glyph(text)
    words = WORD.findall(rest.lower().replace("’", "'"))
    f = {
        "bias": 1.0,
        "kind=" + block.kind: 1.0,
        f"level={block.level}": 1.0,
        "glyph=" + opening: 1.0,
        "len=" + bucket(len(text.split()), (3, 8, 20, 50, 120)): 1.0,
        "end="
        + (
            "colon"
            if text.endswith(":")
            else "stop"
            if SENTENCE_END.search(text)
            else "?"
            if text.endswith("?")
            else "none"
        ): 1.0,
    }
    if opening.startswith("label:") and not match_label(text):
        f["numbered-label"] = 1.0  # "1. Recommendation 1: …": a paragraph number, then the printed label
    if block.bold:
        f["bold"] = 1.0
    if block.bold_start:
        f["bold-start"] = 1.0
    if block.box:
        f["box"] = 1.0
    if block.kind == "table-cell" or block.column is not None:
        f["cell-column=" + str(min(block.column or 0, 3))] = 1.0
    if rest[:1].isupper():
        f["capital"] = 1.0
    elif rest[:1].islower():
        f["lower"] = 1.0
    if words:
        f["w0=" + words[0]] = 1.0
        f["w0-end=" + words[0][-3:]] = 1.0
        if len(words) > 1:
            f["w01=" + words[0] + " " + words[1]] = 1.0
    for word in words[:6]:
        if word not in STOPWORDS:
            f["open:" + word] = 1.0
    for name, pattern in CUES.items():
        if pattern.search(rest):
            f["cue=" + name] = 1.0
    if re.search(r"\b(?:should|must)\b", " ".join(words[:12])):
        f["asks-early"] = 1.0
    named = context_of(text) if len(text) < 80 else None
    if named:
        f["names=" + named] = 1.0
    return f


PRINTING = ("bold", "box", "cell-column", "level=")


def without_printing(features: dict[str, float]) -> dict[str, float]:
    """A block's features as plain text would give them: what only a printed page shows is dropped."""
    return {key: value for key, value in features.items() if not key.split(":", 1)[-1].startswith(PRINTING)}
