"""Linking a response document (the chief officer's comments, or any published response) to the report's
recommendations, and reading each answer's stance. Stores nothing: people confirm what it proposes.

The recommendations come from the report by intake's extractor. The response's own restatements of them
are found the same way; each answer is what follows its restatement (or the rest of its table row) up
to the next restatement or heading. A letter that answers several together ("Recommendations 1 and 2 …")
is matched by the numbers it names.
"""

import re
from dataclasses import asdict, dataclass

from rapidfuzz import fuzz, process

from documents import Document
from reports.extraction import ANSWER_BLOCK, ANSWER_INLINE, normalise
from responses.stance import StanceModel, answers_in, read_stance, takes_a_stance

ANSWER_HEADING = re.compile(
    r"^(?:(?:our|the|pcc'?s?|opcc|force'?s?|chief\s+constable'?s?|commissioner'?s?|joint|police\s+and\s+crime\s+"
    r"commissioner'?s?|government'?s?|department'?s?|ministry'?s?)\s+)*(?:response|comments?|answer|update|reply)"
    r"(?:\s+(?:to|on)\s+(?:the\s+)?recommendations?\s+\d+[a-z]?(?:\.\d+)?)?\s*[:.\-–]?\s*",
    re.I,
)
CLOSING = re.compile(r"^(yours\s+(sincerely|faithfully)|signed\b|kind\s+regards)", re.I)
MENTIONS = re.compile(r"\brecommendations?\s+((?:\d+[a-z]?(?:\s*(?:,|and|&|to|-|–)\s*)?)+)", re.I)


@dataclass
class Match:
    label: str
    recommendation: str
    response: str
    stance: str
    confidence: float
    reason: str = ""  # the words that decided the stance ("we accept this in part"; a status cell)
    evidence: str = ""  # how the passage was found: after its restatement, by its number, by likeness


def stance_of(text: str, status: str = "", model: StanceModel | None = None) -> tuple[str, float, str]:
    """The stance of an answer (or of its status cell, which wins), how sure, and the words that decided
    it, read by the learned stance model (responses/stance.py)."""
    return read_stance(text, status, model)


# A table's status cell: the stance in a word or three, which wins over the answer's prose.
STATUS_CELL = re.compile(
    r"^(?:(?:fully|partially|partly|not)\s+)?(?:accepted|agreed|supported|rejected|noted)"
    r"(?:\s+in\s+(?:part|principle))?\.?$",
    re.I,
)


def similarity(a: str, b: str) -> float:
    """How alike two passages are, 0 to 1 (the share of characters in common, in order): rapidfuzz's
    bit-parallel edit distance, linear in the passages' length where difflib was quadratic (a 400 KB
    letter took twelve minutes)."""
    return fuzz.ratio(normalise(a), normalise(b)) / 100


def same_answer(want: str, got: str) -> bool:
    """Whether a passage found is the answer labelled: one holds the other, or they are four fifths alike."""
    want, got = normalise(want), normalise(got)
    if not want or not got:
        return want == got
    return want in got or got in want or similarity(want, got) >= 0.8


def clean(answer: list[str]) -> str:
    text = " ".join(part.strip() for part in answer if part.strip())
    return re.sub(r"\s+", " ", ANSWER_HEADING.sub("", text, count=1)).strip()


def answers_after_restatements(
    document: Document, restated: list, statuses: dict[str, str] | None = None
) -> dict[str, str]:
    """Label → the answer that follows the response's restatement of that recommendation (the blocks the
    extractor read the restatement from end where its answer begins); a table row's status cell, if
    any, goes into `statuses` by label."""
    blocks, found = document.blocks, {}
    spans = sorted(
        ((finding, finding.span[0], finding.span[1]) for finding in restated if finding.span[0] >= 0),
        key=lambda span: span[1],
    )
    for number, (finding, first, last) in enumerate(spans):
        end = spans[number + 1][1] if number + 1 < len(spans) else len(blocks)
        # The reader may run a restatement on into its answer ("The government supports the
        # recommendation that …" has a "should" too): the answer begins at the first block that opens
        # with a stance.
        last = next((at - 1 for at in range(first + 1, last + 1) if opens_an_answer(blocks[at].text)), last)
        block = blocks[last]
        if blocks[first].kind == "table-cell":  # the cells after the recommendation's answer it
            opening = normalise(finding.text)[:30]
            block = next(
                (b for b in blocks[first : last + 1] if opening and opening in normalise(b.text)),
                blocks[first],
            )
            row = [
                b.text
                for b in blocks
                if b.kind == "table-cell" and b.row == block.row and (b.column or 0) > (block.column or 0)
            ]
            found[finding.label] = clean(row)
            status = next((cell.strip() for cell in row if STATUS_CELL.match(cell.strip())), "")
            if status and statuses is not None:
                statuses[finding.label] = status
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
            opening = MENTIONS.match(numbered(following.text))  # "Recommendation 3 is …": the next one's
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


def opens_an_answer(text: str) -> bool:
    """Whether a block's first sentence takes a stance ("The government supports the recommendation",
    "We do not accept this"): an answer, not more of the recommendation."""
    first = SENTENCE.split(text.strip(), maxsplit=1)[0]
    return takes_a_stance(first)


def number_of(label: str) -> str:
    match = re.search(r"(\d+(?:\.\d+)*[a-z]?)$", label)
    return match.group(1) if match else label


SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
PIECES = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])|(?<=\))\s+(?=[A-Z])")  # "… them. (Paragraph 14) I do not …"
LABEL_BLOCK = re.compile(r"^(?:recommendation|area\s+for\s+improvement|afi)\s*\d", re.I)


NUMBER_WORDS = (
    *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen"),
    *("nineteen", "twenty"),
)
WORD = "|".join(NUMBER_WORDS)
WORDED = re.compile(rf"\b(recommendations?\s+)((?:(?:{WORD}|\d+)\b(?:\s*(?:,|and|&|to|-|–)\s*)?)+)", re.I)
IN_WORDS = re.compile(rf"\b(?:{WORD})\b", re.I)
SHORT = re.compile(r"(?<![\w/])R(\d{1,3}[a-z]?)\b")


def numbered(text: str) -> str:
    """A response's other ways of numbering a recommendation in the report's: "Recommendation three" and
    "R3" are "Recommendation 3" (for finding which it names; the passage keeps its own words)."""
    text = WORDED.sub(
        lambda m: (
            m.group(1)
            + IN_WORDS.sub(lambda word: str(NUMBER_WORDS.index(word.group(0).lower()) + 1), m.group(2))
        ),
        text,
    )
    return SHORT.sub(r"Recommendation \1", text)


def mentioned_numbers(text: str) -> list[str]:
    numbers = []
    for mention in MENTIONS.finditer(numbered(text)):
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
        if LABEL_BLOCK.match(numbered(block.text)) and not MENTIONS.match(numbered(block.text)):
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
            end = next(  # to the next sentence naming others, or the letter's closing ("Yours sincerely")
                (
                    k
                    for k in range(at + 1, len(sentences))
                    if mentioned_numbers(sentences[k]) or CLOSING.match(sentences[k])
                ),
                len(sentences),
            )
            passage = " ".join(sentences[at:end])
            for number in numbers:
                found.setdefault(number, [])
                if passage not in found[number]:
                    found[number].append(passage)
    return found


def unrestated(passage: str, recommendation: str) -> str:
    """The passage without its sentences that restate the recommendation (nine tenths the same words in
    order, and no stance taken in them): "The NPCC lead should agree …" is the recommendation's
    agreeing, not the answer's."""
    kept = [
        sentence
        for sentence in PIECES.split(passage)
        if len(sentence) < 30
        or fuzz.partial_ratio(normalise(sentence), normalise(recommendation)) < 90
        or answers_in(sentence)
    ]
    return " ".join(kept) if kept else passage


def words_in_common(recommendation: str, passage: str, most: int = 5) -> list[str]:
    """The longer words a passage shares with the recommendation, in the recommendation's order."""
    theirs = set(re.findall(r"[a-z][a-z'-]{4,}", passage.lower()))
    shared = []
    for word in re.findall(r"[a-z][a-z'-]{4,}", recommendation.lower()):
        if word in theirs and word not in shared and word not in COMMON_WORDS:
            shared.append(word)
    return shared[:most]


# Words every recommendation and answer use: no evidence that one answers the other.
COMMON_WORDS = {
    "should",
    "would",
    "could",
    "which",
    "their",
    "there",
    "these",
    "those",
    "where",
    "about",
    "every",
    "other",
}


RESTATES = 70  # a paragraph this alike to a recommendation (rapidfuzz ratio) restates it: no answer
LIKE_ENOUGH = 0.15  # TF-IDF likeness below which a paragraph is not taken as a recommendation's answer
IN_ORDER = 0.1  # what answering in the report's order adds to a paragraph's likeness: a letter's order


def word_likeness(recommendations: list[str], paragraphs: list[str]):
    """Recommendations × paragraphs: TF-IDF cosine over words and word pairs (stop words aside) and over
    letters within words ("re-examine", "re-examined"), averaged (scikit-learn)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    alike = np.zeros((len(recommendations), len(paragraphs)))
    kinds = (
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english"),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
    )
    for vectorizer in kinds:
        try:
            vectorizer.fit(recommendations + paragraphs)
        except ValueError:  # nothing but stop words
            continue
        both = vectorizer.transform(recommendations) @ vectorizer.transform(paragraphs).T
        alike += both.toarray() / len(kinds)
    return alike


def answers_by_likeness(
    recommendations: list[str], response: Document, taken: list[str], every: list[str]
) -> dict[int, tuple]:
    """A letter that answers by topic and cites no number: each paragraph not already taken as an answer,
    and not restating any of `every` recommendation, is compared with each recommendation still
    unanswered (TF-IDF cosine over words and word pairs, and over letters within words: scikit-learn),
    and paragraphs are assigned to recommendations one to one for the greatest total likeness (scipy's
    linear_sum_assignment), answering in the report's order counting a little. Index in
    `recommendations` → (the paragraph, its likeness); a pairing less alike than LIKE_ENOUGH is left."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    used = [normalise(text) for text in taken]
    paragraphs = [
        block.text
        for block in response.blocks
        if block.kind != "heading"
        and len(block.text) >= 40
        and not CLOSING.match(block.text)
        and not any(paragraph in text for paragraph in [normalise(block.text)] for text in used)
    ]
    if not paragraphs or not recommendations:
        return {}
    # A restatement is no answer: how alike each paragraph is to each recommendation, all pairs at once.
    restating = process.cdist(
        [normalise(text) for text in paragraphs], [normalise(text) for text in every], scorer=fuzz.ratio
    ).max(axis=1)
    candidates = [text for text, alike in zip(paragraphs, restating, strict=True) if alike < RESTATES]
    if not candidates:
        return {}
    # Words and word pairs, and letters within words: an answer seldom repeats its recommendation's words.
    likeness = word_likeness(recommendations, candidates)
    # Letters mostly answer in the report's order: a paragraph at the same point of the letter as the
    # recommendation in the report gains a little, enough to settle a pairing words leave close.
    where_r = np.linspace(0, 1, len(recommendations))[:, None]
    where_c = np.linspace(0, 1, len(candidates))[None, :]
    rows, columns = linear_sum_assignment(
        likeness + IN_ORDER * (1 - np.abs(where_r - where_c)), maximize=True
    )
    chosen = {  # the words alone must be alike enough: order settles pairings, it does not make them
        int(row): candidates[column]
        for row, column in zip(rows, columns, strict=True)
        if likeness[row, column] >= LIKE_ENOUGH
    }
    likeness_at = {int(row): float(likeness[row, column]) for row, column in zip(rows, columns, strict=True)}
    taken_now = set(chosen.values())
    return {
        row: (section_around(response, text, taken_now), likeness_at[row]) for row, text in chosen.items()
    }


def section_around(response: Document, paragraph: str, chosen: set[str]) -> str:
    """A paragraph under a topic heading ("Acknowledgement and apology") answers with the rest of its
    section, to the next heading, when the section is short (six paragraphs at most) and no other of its
    paragraphs was chosen for another recommendation; else the paragraph alone."""
    blocks = response.blocks
    at = next((i for i, block in enumerate(blocks) if block.text == paragraph), None)
    if at is None:
        return clean([paragraph])
    start = at
    while start > 0 and blocks[start - 1].kind != "heading":
        start -= 1
    end = at + 1
    while end < len(blocks) and blocks[end].kind != "heading" and not CLOSING.match(blocks[end].text):
        end += 1
    section = [block.text for block in blocks[start:end]]
    if start == 0 or len(section) > 6 or any(text in chosen and text != paragraph for text in section):
        return clean([paragraph])
    return clean(section)


def as_json(matches: list[Match]) -> list[dict]:
    return [asdict(match) for match in matches]
