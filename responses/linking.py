"""Linking answers to recommendations with learned weights: every passage found by restatement (the
answer after it) or by number (a passage naming it) is scored against every recommendation by a logistic
regression over the signals (how alike the restatement is to the recommendation, the number it carries
or names after numbering is normalised, or another's, whether the
passage itself restates a recommendation), and passages are assigned one to one for the greatest total
log-odds (scipy's linear_sum_assignment), a passage naming several numbers answering each of them. The
recommendations left go to the paragraph most like them when it is alike enough in words
(matching.answers_by_likeness, hand-weighted), then those still left to the paragraphs still free by a
learned paragraph round (responses/paragraphs.py: likeness, order, voice, stance and prose weighed); a
recommendation's parts and the stem that leads into them share the paragraph one of them was given.

`prepare` does the reading (extraction, candidates, signals) once; `decide` weighs and assigns, so that
the benchmark can score the same reading with models trained without it. The shipped weights
(`trained/links.json`, with what they learned from) are read without scikit-learn.
"""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from documents import Document, read_document
from reports.extraction import extract, normalise
from responses.matching import (
    Match,
    answers_after_restatements,
    answers_by_likeness,
    answers_by_mention,
    number_of,
    same_answer,
    stance_of,
    unrestated,
    words_in_common,
)
from responses.paragraphs import ParagraphModel, answers_by_topic
from responses.stance import TRAINED, StanceModel

FEATURES = (
    "restatement alike",  # how alike the restatement the passage follows is to the recommendation
    "restatement most alike",  # the recommendation is the one its restatement is most like
    "same label",  # the restatement carries the recommendation's number
    "names its number",  # the passage names the recommendation's number
    "names its parent",  # … or the number it is a part of ("5" for "5.1")
    "another number",  # the passage names, or its restatement carries, another recommendation's number
    "restates one",  # the passage is itself a recommendation, restated
    "after a restatement",
    "naming numbers",
    # What one signal means depends on another: a linear model is told the combinations.
    "names its number, not restating",  # the passage after "Recommendation 3", not the restated text
    "same label, alike",
)


@dataclass
class Candidate:
    text: str
    kind: str  # "restated" or "named"
    key: str = ""  # the restatement's label, or the number named
    restatement: str = ""
    status: str = ""


@dataclass
class Prepared:
    """A response read against the recommendations: its candidate passages, and per recommendation and
    passage the signals (rows × columns × FEATURES)."""

    recommendations: list[tuple[str, str]]
    candidates: list[Candidate]
    signals: list = field(default_factory=list)  # numpy array
    document: Document | None = None


def candidates_of(response: Document, forces=None) -> list[Candidate]:
    """The passages that may answer: each restatement's answer (with its table row's status), and each
    number's passage where the comments name it."""
    restated = [f for f in extract(response, forces=forces).findings if f.kind == "recommendation"]
    statuses: dict[str, str] = {}
    after = answers_after_restatements(response, restated, statuses)
    found, seen = [], set()
    for finding in restated:
        if after.get(finding.label) and finding.label not in seen:
            seen.add(finding.label)
            status = statuses.get(finding.label, "")
            found.append(Candidate(after[finding.label], "restated", finding.label, finding.text, status))
    for number, passages in answers_by_mention(response).items():
        text = " ".join(passages).strip()
        if text:
            found.append(Candidate(text, "named", number))
    return found


def prepare(recommendations: list[tuple[str, str]], response: Document, forces=None) -> Prepared:
    """Read the response once: its candidate passages and the signals of each against each
    recommendation."""
    import numpy as np

    candidates = candidates_of(response, forces)
    rows, columns = len(recommendations), len(candidates)
    signals = np.zeros((rows, columns, len(FEATURES)))
    if not rows or not columns:
        return Prepared(recommendations, candidates, signals, response)
    texts = [normalise(text) for _, text in recommendations]
    column = {name: at for at, name in enumerate(FEATURES)}
    restated = [at for at, c in enumerate(candidates) if c.kind == "restated"]
    if restated:
        alike = (
            process.cdist(
                texts, [normalise(candidates[at].restatement) for at in restated], scorer=fuzz.ratio
            )
            / 100
        )
        signals[:, restated, column["restatement alike"]] = alike
        signals[:, restated, column["restatement most alike"]] = alike >= alike.max(axis=0, keepdims=True)
    numbers = np.array([number_of(label) for label, _ in recommendations])
    parents = np.array([(re.match(r"\d+", number) or [""])[0] for number in numbers])
    known = set(numbers.tolist())
    for at, candidate in enumerate(candidates):
        named = number_of(candidate.key) if candidate.kind == "restated" else candidate.key
        own = numbers == named
        signals[own, at, column["same label" if candidate.kind == "restated" else "names its number"]] = 1
        parent = ~own & (parents == named) if candidate.kind == "named" else np.zeros(rows, bool)
        signals[parent, at, column["names its parent"]] = 1
        if named in known:
            signals[~own & ~parent, at, column["another number"]] = 1
    restates = (
        process.cdist([normalise(c.text) for c in candidates], texts, scorer=fuzz.ratio).max(axis=1) / 100
    )
    signals[:, :, column["restates one"]] = restates[None, :]
    for kind, name in (
        ("restated", "after a restatement"),
        ("named", "naming numbers"),
    ):
        signals[:, [c.kind == kind for c in candidates], column[name]] = 1
    combine = (
        ("names its number, not restating", "names its number", None),
        ("same label, alike", "same label", "restatement alike"),
    )
    for name, one, other in combine:
        two = 1 - signals[:, :, column["restates one"]] if other is None else signals[:, :, column[other]]
        signals[:, :, column[name]] = signals[:, :, column[one]] * two
    return Prepared(recommendations, candidates, signals, response)


@dataclass
class LinkModel:
    """Logistic regression weights over FEATURES: the chance that a passage answers a recommendation."""

    weights: dict[str, float]
    intercept: float
    trained_on: dict

    def chances(self, signals):
        import numpy as np

        vector = np.array([self.weights.get(name, 0.0) for name in FEATURES])
        return 1 / (1 + np.exp(-(signals @ vector + self.intercept)))

    def as_json(self) -> dict:
        return {"weights": self.weights, "intercept": self.intercept, "trained_on": self.trained_on}


@cache
def shipped() -> LinkModel:
    data = json.loads((TRAINED / "links.json").read_text(encoding="utf-8"))
    return LinkModel(data["weights"], data["intercept"], data["trained_on"])


def train(rows: list, labels: list, trained_on: dict | None = None, weight="balanced") -> LinkModel:
    """Logistic regression (scikit-learn) on (signals, answers-it) pairs."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, class_weight=weight, max_iter=1000)
    model.fit(np.asarray(rows), np.asarray(labels))
    weights = {name: round(float(w), 4) for name, w in zip(FEATURES, model.coef_[0], strict=True)}
    return LinkModel(weights, round(float(model.intercept_[0]), 4), trained_on or {})


def training_pairs(prepared: Prepared, answers: list[str]) -> tuple[list, list]:
    """Every (recommendation, passage) pair's signals, and whether the passage holds the labelled answer
    (`answers`, one per recommendation, empty where none)."""

    rows, labels = [], []
    another = FEATURES.index("another number")
    for row, answer in enumerate(answers):
        for at, candidate in enumerate(prepared.candidates):
            signals = prepared.signals[row, at]
            rows.append(signals.tolist())
            # A passage naming several numbers is a column per number: only its own answers.
            labels.append(
                bool(answer.strip()) and not signals[another] and same_answer(answer, candidate.text)
            )
    return rows, labels


def assign(chances, rows: list[int], columns: list[int], least: float = 0.5) -> dict[int, int]:
    """Rows to columns one to one for the greatest total log-odds; a pairing less likely than not is left."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not rows or not columns:
        return {}
    part = chances[np.ix_(rows, columns)].clip(1e-6, 1 - 1e-6)
    chosen_rows, chosen_columns = linear_sum_assignment(np.log(part / (1 - part)), maximize=True)
    return {
        rows[r]: columns[c] for r, c in zip(chosen_rows, chosen_columns, strict=True) if part[r, c] >= least
    }


EVIDENCE = {
    "restated": "the answer after the comments restate it (as {key})",
    "named": "where the comments name recommendation {key}",
}


def families(recommendations: list[tuple[str, str]]) -> dict[int, int]:
    """Row → the row of the stem it belongs to: a recommendation whose text leads into parts (ends with a
    colon) and the recommendations after it numbered as its parts ("3" and "3a", "3b"; "5" and "5.1")."""
    found = {}
    for row, (label, text) in enumerate(recommendations):
        if not text.rstrip().endswith(":"):
            continue
        stem = number_of(label)
        found[row] = row
        for part in range(row + 1, len(recommendations)):
            number = number_of(recommendations[part][0])
            if number == stem or not re.match(rf"{re.escape(stem)}[.]?[a-z0-9]", number):
                break
            found[part] = row
    return found


def decide(
    prepared: Prepared,
    model: LinkModel | None = None,
    stance_model: StanceModel | None = None,
    paragraph_model: ParagraphModel | None = None,
) -> list[Match]:
    """Weigh every pairing, assign passages to recommendations, and read each answer's stance."""
    model = model or shipped()
    recommendations, candidates = prepared.recommendations, prepared.candidates
    chances = model.chances(prepared.signals) if candidates else None
    everyone = list(range(len(recommendations)))
    found = assign(chances, everyone, list(range(len(candidates))))
    # One answer for several ("Recommendations 3, 4, 5 and 8 are …"): a passage naming numbers may also
    # answer a recommendation left, when it is more likely than not to.
    named = [at for at, c in enumerate(candidates) if c.kind == "named"]
    for row in everyone:
        best = max(named, key=lambda at: chances[row, at], default=None)
        if row not in found and best is not None and chances[row, best] >= 0.5:
            found[row] = best
    # A letter answering by topic: the recommendations left, each to the paragraph most like it.
    left = [row for row in everyone if row not in found]
    taken = [candidates[at].text for at in found.values()]
    taken += [c.restatement for c in candidates if c.kind == "restated"]
    alike = (
        answers_by_likeness(
            [recommendations[row][1] for row in left],
            prepared.document,
            taken,
            every=[text for _, text in recommendations],
        )
        if left
        else {}
    )
    by_likeness = {left[at]: (text, min(0.6, 0.3 + likeness)) for at, (text, likeness) in alike.items()}
    # Those still left: the paragraphs still free, weighed by the learned paragraph round.
    rest = [row for row in left if row not in by_likeness]
    if rest:
        taken += [text for text, _ in by_likeness.values()]
        every = [text for _, text in recommendations]
        by_likeness |= answers_by_topic(every, rest, prepared.document, taken, paragraph_model)
    # A letter by topic answers a recommendation and its parts once: a stem ("Chief constables should:")
    # or part left without a paragraph shares the one given to another of its family.
    family = families(recommendations)
    for row in left:
        kin = [
            other
            for other in by_likeness
            if family.get(other) is not None and family.get(other) == family.get(row)
        ]
        if row not in by_likeness and kin:
            by_likeness[row] = by_likeness[kin[0]]
    matches = []
    for row, (label, recommendation) in enumerate(recommendations):
        if row in by_likeness:
            text, likely = by_likeness[row]
            shared = words_in_common(recommendation, text)
            evidence = "the passage most like it" + (
                f" (words in common: {', '.join(shared)})" if shared else ""
            )
            stance, sure, reason = stance_of(unrestated(text, recommendation), "", stance_model)
            chance = min(0.6, likely)  # never more than a possible match
            matches.append(
                Match(label, recommendation, text, stance, round(min(chance, sure), 2), reason, evidence)
            )
            continue
        at = found.get(row)
        if at is None:
            stance, sure, reason = stance_of("", "", stance_model)
            matches.append(Match(label, recommendation, "", stance, sure, reason, ""))
            continue
        candidate, chance = candidates[at], float(chances[row, at])
        text = candidate.text
        evidence = EVIDENCE[candidate.kind].format(key=candidate.key)
        if candidate.status:
            evidence = f"the table row that restates it (as {candidate.key})"
        # A status column says it in so many words, whatever the prose says.
        stance, sure, reason = stance_of(unrestated(text, recommendation), candidate.status, stance_model)
        matches.append(
            Match(label, recommendation, text, stance, round(min(chance, sure), 2), reason, evidence)
        )
    return matches


def match_response(report_path: Path, response_path: Path, forces=None) -> list[Match]:
    """Match two files: the report's recommendations, read by intake's extractor, and a response."""
    report = extract(read_document(report_path), forces=forces)
    recommendations = [(f.label, f.text) for f in report.findings if f.kind == "recommendation"]
    return link_answers(recommendations, read_document(response_path), forces=forces)


def link_answers(
    recommendations: list[tuple[str, str]],
    response: Document,
    forces=None,
    stance_model: StanceModel | None = None,
    link_model=None,
) -> list[Match]:
    """For each (label, text) recommendation, the passage of the response that answers it and its stance:
    the answer after its restatement, the passage that names its number, or (a letter answering by topic)
    the paragraph most like it, weighed by the learned linking model (responses/linking.py) and assigned
    one to one."""
    return decide(prepare(recommendations, response, forces), link_model, stance_model)
