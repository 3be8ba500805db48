"""The last round of linking, for a letter that answers by topic and cites no number: the
recommendations that neither their restatement, their number nor the hand-weighted likeness round
(matching.answers_by_likeness, which takes only paragraphs alike enough in words) has answered, against
the paragraphs still free. A logistic regression weighs each pairing over signals that hold in any
shape: how alike the two are in words, how far ahead of the next the paragraph is for the
recommendation and the recommendation for the paragraph, whether the letter answers at the point the
report asks, whether the paragraph takes a stance or speaks as the responder ("we", "the force"), comes
before the letter names any recommendation, is prose (its words, a sentence's end), or restates a
recommendation; paragraphs are assigned one to one for the greatest total log-odds, and a pairing less
likely than not is left: a response may leave some recommendations unanswered.

It learns from every labelled response in every shape, each read whole (an answer after its
restatement, in a table row or under a number is still a paragraph that answers it), and from the
corpus's responses as they were written, with their openings, courtesies and notes. The shipped weights
are `trained/paragraphs.json`, read without scikit-learn; the benchmark trains them without the response
scored, in any shape, and without its shape.
"""

import json
import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from documents import Document
from reports.extraction import normalise
from responses.matching import (
    CLOSING,
    LABEL_BLOCK,
    MENTIONS,
    RESTATES,
    numbered,
    opens_an_answer,
    same_answer,
    section_around,
    word_likeness,
)
from responses.stance import TRAINED, answers_in

SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")

OWN_VOICE = re.compile(r"\b(?:we|our|us|my)\b|(?-i:\bI\b)|\bthe\s+(?:force|department)\b", re.I)

PARAGRAPH_FEATURES = (
    "likeness",  # TF-IDF cosine over words and word pairs, and letters within words, averaged
    "ahead for the recommendation",  # its likeness less the next most alike paragraph's (below 0: another)
    "ahead for the paragraph",  # its likeness less the next most alike recommendation's
    "in order",  # 1 less the distance between where each stands, in the report and in the letter (0 to 1)
    "takes a stance",  # the paragraph's first sentence takes one ("We accept this", "Noted.")
    "restates one",  # how alike the paragraph is to the recommendation it is most like (rapidfuzz, 0 to 1)
    "answers in it",  # a stance is taken somewhere in the paragraph ("… and we accept both")
    "own voice",  # the responder speaks (we, our, I, my, the force): not the report's words, or a note
    "before any number",  # it comes before the first block that names a recommendation's number: a preamble
    "words",  # how many words the paragraph has (log scale): an answer is prose, a contents line is not
    "ends a sentence",  # the paragraph ends as a sentence does, not as a title, a list's lead-in or a page number
)


def paragraphs_of(response: Document, taken: list[str], every: list[str]) -> list[str]:
    """The paragraphs that may answer by topic: not a heading, a closing or a line too short to answer,
    not held in (or holding) a passage already `taken`, and not restating any of `every` recommendation."""
    used = [normalise(text) for text in taken]
    paragraphs = [
        block.text
        for block in response.blocks
        if block.kind != "heading"
        and len(block.text) >= 40
        and not CLOSING.match(block.text)
        and not any(held(normalise(block.text), text) for text in used)
    ]
    if not paragraphs or not every:
        return []
    restating = process.cdist(
        [normalise(text) for text in paragraphs], [normalise(text) for text in every], scorer=fuzz.ratio
    ).max(axis=1)
    return list(
        dict.fromkeys(text for text, alike in zip(paragraphs, restating, strict=True) if alike < RESTATES)
    )


def held(paragraph: str, passage: str) -> bool:
    """Whether a paragraph is, or holds, a passage taken ("Response: We accept this." holds the answer
    "We accept this.", its heading word cleaned off)."""
    return paragraph in passage or (len(passage) >= 20 and passage in paragraph)


def ahead(alike, axis: int):
    """Each value less the greatest other value along `axis` (itself where it stands alone)."""
    import numpy as np

    if alike.shape[axis] < 2:
        return alike.copy()
    top = np.sort(alike, axis=axis)
    first = np.take(top, [-1], axis=axis)
    second = np.take(top, [-2], axis=axis)
    return np.where(alike >= first, alike - second, alike - first)


def preamble(response: Document) -> set[str]:
    """The paragraphs before the first block that names a recommendation by its number ("Recommendation
    3", "R3", "recommendations 4 to 6"): a letter's opening, where it names one at all."""
    opening = set()
    for block in response.blocks:
        text = numbered(block.text)
        if LABEL_BLOCK.match(text) or MENTIONS.search(text):
            return opening
        opening.add(block.text)
    return set()


def signals_of(every: list[str], paragraphs: list[str], opening: set[str] = frozenset()):
    """Every recommendation × paragraph × PARAGRAPH_FEATURES; `opening`, the letter's preamble."""
    import numpy as np

    alike = word_likeness(every, paragraphs)
    rows, columns = alike.shape
    where_r = np.linspace(0, 1, rows)[:, None] if rows > 1 else np.zeros((1, 1))
    where_c = np.linspace(0, 1, columns)[None, :] if columns > 1 else np.zeros((1, 1))
    stance = np.array([float(opens_an_answer(text)) for text in paragraphs])
    restates = (
        process.cdist(
            [normalise(t) for t in paragraphs], [normalise(t) for t in every], scorer=fuzz.ratio
        ).max(axis=1)
        / 100
    )
    anywhere = np.array([float(answers_in(text)) for text in paragraphs])
    voice = np.array([float(bool(OWN_VOICE.search(text))) for text in paragraphs])
    before = np.array([float(text in opening) for text in paragraphs])
    words = np.array([np.log1p(len(text.split())) / 5 for text in paragraphs])
    ends = np.array([float(bool(SENTENCE_END.search(text))) for text in paragraphs])
    return np.stack(
        [
            alike,
            ahead(alike, 1),
            ahead(alike, 0),
            np.broadcast_to(1 - np.abs(where_r - where_c), alike.shape),
            np.broadcast_to(stance[None, :], alike.shape),
            np.broadcast_to(restates[None, :], alike.shape),
            np.broadcast_to(anywhere[None, :], alike.shape),
            np.broadcast_to(voice[None, :], alike.shape),
            np.broadcast_to(before[None, :], alike.shape),
            np.broadcast_to(words[None, :], alike.shape),
            np.broadcast_to(ends[None, :], alike.shape),
        ],
        axis=2,
    )


@dataclass
class ParagraphModel:
    """Logistic regression weights over PARAGRAPH_FEATURES: the chance a paragraph answers by topic."""

    weights: dict[str, float]
    intercept: float
    trained_on: dict

    def chances(self, signals):
        import numpy as np

        vector = np.array([self.weights.get(name, 0.0) for name in PARAGRAPH_FEATURES])
        return 1 / (1 + np.exp(-(signals @ vector + self.intercept)))

    def as_json(self) -> dict:
        return {"weights": self.weights, "intercept": self.intercept, "trained_on": self.trained_on}


@cache
def shipped() -> ParagraphModel:
    data = json.loads((TRAINED / "paragraphs.json").read_text(encoding="utf-8"))
    return ParagraphModel(data["weights"], data["intercept"], data["trained_on"])


def train(rows: list, labels: list, trained_on: dict | None = None, weight=None) -> ParagraphModel:
    """Logistic regression (scikit-learn) on (signals, answers-it) pairs, unweighted: a chance of one half
    means as likely as not, which is where a pairing is kept (a response may leave some unanswered)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, class_weight=weight, max_iter=1000)
    model.fit(np.asarray(rows), np.asarray(labels))
    weights = {name: round(float(w), 4) for name, w in zip(PARAGRAPH_FEATURES, model.coef_[0], strict=True)}
    return ParagraphModel(weights, round(float(model.intercept_[0]), 4), trained_on or {})


def training_pairs(
    recommendations: list[str], response: Document | None, answers: list[str]
) -> tuple[list, list]:
    """Every (recommendation, paragraph) pair's signals, and whether the paragraph is (part of) the
    labelled answer (`answers`, one per recommendation, empty where none)."""
    if response is None:
        return [], []
    paragraphs = paragraphs_of(response, [], recommendations)
    if not paragraphs or not recommendations:
        return [], []
    signals = signals_of(recommendations, paragraphs, preamble(response))
    rows, labels = [], []
    for row, answer in enumerate(answers):
        for at, paragraph in enumerate(paragraphs):
            rows.append(signals[row, at].tolist())
            labels.append(bool(answer.strip()) and same_answer(answer, paragraph))
    return rows, labels


def answers_by_topic(
    every: list[str],
    left: list[int],
    response: Document,
    taken: list[str],
    model: ParagraphModel | None = None,
) -> dict[int, tuple[str, float]]:
    """Row of `every` still unanswered (`left`) → (the paragraph, with the short section it heads, that
    answers it, and the chance it does): assigned one to one for the greatest total log-odds, a pairing
    less likely than not left."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    model = model or shipped()
    # Signals over every paragraph, as the model learned them (how far ahead of the others a paragraph
    # is, where it stands in the letter), then only those not yet taken are assigned.
    paragraphs = paragraphs_of(response, [], every)
    free = set(paragraphs_of(response, taken, every))
    columns = [at for at, text in enumerate(paragraphs) if text in free]
    if not columns or not left:
        return {}
    chances = model.chances(signals_of(every, paragraphs, preamble(response)))[np.ix_(left, columns)].clip(
        1e-6, 1 - 1e-6
    )
    paragraphs = [paragraphs[at] for at in columns]
    rows, columns = linear_sum_assignment(np.log(chances / (1 - chances)), maximize=True)
    chosen = {
        left[row]: (paragraphs[column], float(chances[row, column]))
        for row, column in zip(rows, columns, strict=True)
        if chances[row, column] >= 0.5
    }
    # A section is answered whole only if no other of its paragraphs answers something else.
    now = {text for text, _ in chosen.values()} | {
        text for text in paragraphs_of(response, [], every) if text not in free
    }
    return {row: (section_around(response, text, now), chance) for row, (text, chance) in chosen.items()}
