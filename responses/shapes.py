"""Responses generated in each shape real ones are written in, from labelled recommendations and their
answers, so that linking and stance are scored shape by shape: the development set holds few responses
of most shapes, and an office meets all of them.

The shapes: each recommendation restated and then answered; a table (recommendation, answer, status);
answers under headings that number the recommendations another way ("Recommendation three", "R3");
one answer for a group of recommendations; a narrative letter that never cites a number; the restated
shape typed into the page; and a response that answers only some of the recommendations. The words
are the labelled ones: the recommendations as the report prints them and the answers as the response
gave them (read from the labelled folders at run time, never stored).
"""

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from documents import Document, read_document
from responses.comments import typed_document
from responses.linking import LinkModel, Prepared, decide, link_answers, prepare, training_pairs
from responses.linking import train as train_links
from responses.match_scoring import PAIRS, STANCES, labelled_pairs, real_responses
from responses.matching import NUMBER_WORDS, number_of, same_answer
from responses.models import Stance
from responses.paragraphs import ParagraphModel
from responses.paragraphs import train as train_paragraphs
from responses.paragraphs import training_pairs as paragraph_pairs
from responses.stance import Labelled, StanceModel, train, written_answers

SHAPES = ("restated", "table", "renumbered", "grouped", "narrative", "typed", "in-part")
STATUS = {
    Stance.ACCEPTED: "Accepted",
    Stance.PARTIALLY_ACCEPTED: "Partially accepted",
    Stance.NOTED: "Noted",
    Stance.NOT_ACCEPTED: "Not accepted",
}


@dataclass
class Answered:
    """A recommendation and what linking should give for it: the answer's words and its stance (an empty
    answer and no stance where the response leaves it unanswered)."""

    label: str
    recommendation: str
    answer: str
    stance: str


@dataclass
class Source:
    """The labelled recommendations and answers of one real or corpus response."""

    name: str
    answered: list[Answered]


@dataclass
class Case:
    source: str
    shape: str
    document: Document
    expected: list[Answered]


@dataclass
class ShapeScore:
    compared: int = 0
    linked: int = 0
    stance_right: int = 0

    def add(self, other: "ShapeScore") -> None:
        self.compared += other.compared
        self.linked += other.linked
        self.stance_right += other.stance_right

    @property
    def link(self) -> float:
        return self.linked / self.compared if self.compared else 0.0

    @property
    def stance(self) -> float:
        return self.stance_right / self.compared if self.compared else 0.0


def sources(realdocs: Path | None, pairs: Path = PAIRS, least: int = 2) -> list[Source]:
    """Every labelled response with at least `least` answered recommendations: the development set's real
    responses (when the folder is given) and the corpus's pairs."""
    found = []
    if realdocs is not None:
        for document, recommendations, answers in real_responses(realdocs):
            texts = dict(recommendations)
            answered = [
                Answered(
                    answer["label"],
                    texts[answer["label"]],
                    answer["response_text"],
                    STANCES.get(answer["stance"], answer["stance"]),
                )
                for answer in answers
                if answer["response_text"].strip()
            ]
            found.append(Source(document.name, answered))
    for report, response, data in labelled_pairs(pairs):
        expected = report.with_name(report.name.rsplit(".", 1)[0] + ".expected.json")
        if not expected.is_file():
            continue
        texts = {
            finding.get("label"): finding["text"]
            for finding in json.loads(expected.read_text(encoding="utf-8")).get("findings", [])
        }
        answered = [
            Answered(answer["label"], texts[answer["label"]], answer["response"], answer["stance"])
            for answer in data["answers"]
            if answer["response"].strip() and answer["label"] in texts
        ]
        found.append(Source(response.name, answered))
    return [source for source in found if len(source.answered) >= least]


def heading(answered: Answered, scheme: str = "") -> str:
    number = number_of(answered.label)
    if scheme == "words" and number.isdigit() and 0 < int(number) <= len(NUMBER_WORDS):
        return f"Recommendation {NUMBER_WORDS[int(number) - 1]}"
    if scheme == "short":
        return f"R{number}"
    return f"Recommendation {number}"


def letter(paragraphs: list[str]) -> str:
    return "\n\n".join(["Response to the report's recommendations", *paragraphs, "Yours sincerely,"]) + "\n"


def restated(answered: list[Answered]) -> str:
    return letter([part for a in answered for part in (heading(a), a.recommendation, a.answer)])


def renumbered(answered: list[Answered], scheme: str) -> str:
    return letter([part for a in answered for part in (heading(a, scheme), a.answer)])


def grouped(answered: list[Answered]) -> str:
    """Neighbours that take the same stance answered together under one heading naming both."""
    parts, at = [], 0
    while at < len(answered):
        first = answered[at]
        second = answered[at + 1] if at + 1 < len(answered) else None
        if second is not None and second.stance == first.stance:
            names = f"Recommendations {number_of(first.label)} and {number_of(second.label)}"
            parts += [names, f"{first.answer} {second.answer}"]
            at += 2
        else:
            parts += [heading(first), first.answer]
            at += 1
    return letter(parts)


def narrative(answered: list[Answered]) -> str:
    """By topic, citing no number: an answer given to several recommendations (a parent and its parts) is
    written once, as a letter would."""
    return letter(["Dear Commissioner,", *dict.fromkeys(a.answer for a in answered)])


def table(answered: list[Answered], path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Response to the report's recommendations", 1)
    grid = document.add_table(rows=1, cols=3)
    for cell, title in zip(grid.rows[0].cells, ("Recommendation", "Response", "Status"), strict=True):
        cell.text = title
    for a in answered:
        row = grid.add_row().cells
        row[0].text, row[1].text, row[2].text = (
            f"{heading(a)}: {a.recommendation}",
            a.answer,
            STATUS.get(a.stance, ""),
        )
    document.save(str(path))
    return path


def cases(source: Source, number: int, folder: Path) -> Iterator[Case]:
    """The source's answers in every shape; `number` picks the renumbering scheme, so both are used."""
    answered = source.answered

    def written(shape: str, text: str) -> Document:
        path = folder / f"{number}-{shape}.txt"
        path.write_text(text, encoding="utf-8")
        return read_document(path)

    yield Case(source.name, "restated", written("restated", restated(answered)), answered)
    yield Case(source.name, "table", read_document(table(answered, folder / f"{number}.docx")), answered)
    scheme = "words" if number % 2 == 0 else "short"
    yield Case(source.name, "renumbered", written("renumbered", renumbered(answered, scheme)), answered)
    yield Case(source.name, "grouped", written("grouped", grouped(answered)), answered)
    yield Case(source.name, "narrative", written("narrative", narrative(answered)), answered)
    yield Case(source.name, "typed", typed_document(restated(answered)), answered)
    # A national report's response that answers only some of its recommendations: the report's
    # recommendations are all there, in the report's order, every other one unanswered.
    kept = answered[::2]
    report = [
        a if at % 2 == 0 else Answered(a.label, a.recommendation, "", Stance.NONE)
        for at, a in enumerate(answered)
    ]
    yield Case(source.name, "in-part", written("in-part", restated(kept)), report)


def labelled_answers(realdocs: Path | None) -> list[Labelled]:
    """Every labelled answer to learn stance from: those written for Scrutiny, the corpus's pairs and the
    development set's real responses (where present), each tagged with its response; and their shape
    variants, tagged with the shape: a table's status cell, two neighbours answered together."""
    found = written_answers()
    for source in sources(realdocs, least=1):
        answered = source.answered
        found += [Labelled(a.answer, a.stance, source.name) for a in answered]
        found += [
            Labelled(STATUS[a.stance], a.stance, source.name, "table") for a in answered if a.stance in STATUS
        ]
        found += [
            Labelled(f"{one.answer} {two.answer}", one.stance, source.name, "grouped")
            for one, two in zip(answered, answered[1:], strict=False)
            if one.stance == two.stance
        ]
    unique = {(example.text, example.stance, example.source, example.shape): example for example in found}
    return list(unique.values())


@dataclass
class Reading:
    """A labelled response read once against its recommendations (the linking signals of every passage),
    with the labelled answer to each recommendation ("" where it has none)."""

    source: str
    shape: str  # "" for a real document as it was published
    prepared: Prepared
    answers: list[str]


def readings(realdocs: Path | None, forces=None) -> list[Reading]:
    """Every real response (where the development set is present) and every generated shape, read."""
    found = []
    if realdocs is not None:
        for document, recommendations, answers in real_responses(realdocs):
            given = {answer["label"]: answer["response_text"] for answer in answers}
            prepared = prepare(recommendations, read_document(document), forces)
            found.append(
                Reading(document.name, "", prepared, [given.get(label, "") for label, _ in recommendations])
            )
    for report, response, data in labelled_pairs():  # the corpus's responses as written, not only reshaped
        expected = report.with_name(report.name.rsplit(".", 1)[0] + ".expected.json")
        if not expected.is_file():
            continue
        texts = {
            finding.get("label"): finding["text"]
            for finding in json.loads(expected.read_text(encoding="utf-8")).get("findings", [])
        }
        given = [answer for answer in data["answers"] if answer["label"] in texts]
        recommendations = [(answer["label"], texts[answer["label"]]) for answer in given]
        prepared = prepare(recommendations, read_document(response), forces)
        found.append(Reading(response.name, "", prepared, [answer["response"] for answer in given]))
    with tempfile.TemporaryDirectory() as folder:
        for number, source in enumerate(sources(realdocs)):
            for case in cases(source, number, Path(folder)):
                prepared = prepare(
                    [(a.label, a.recommendation) for a in case.expected], case.document, forces
                )
                found.append(Reading(case.source, case.shape, prepared, [a.answer for a in case.expected]))
    return found


class HeldOut:
    """Models trained without a response (and without a shape), made once each: what is scored is never
    what was learned from. Stance learns from labelled answers, linking from read responses."""

    def __init__(self, examples: list[Labelled], read: list[Reading] | None = None):
        self.examples, self.made = examples, {}
        self.shapes = {example.shape for example in examples}
        self.read = {(reading.source, reading.shape): reading for reading in read or []}
        self.links_made, self.paragraphs_made, self.paragraph_pairs = {}, {}, {}

    def stance(self, source: str, shape: str = "") -> StanceModel:
        key = (source, shape if shape in self.shapes else "")  # no variants of it: the same model
        if key not in self.made:
            kept = [e for e in self.examples if e.source != source and (not key[1] or e.shape != key[1])]
            self.made[key] = train(kept, {"held out": list(key)})
        return self.made[key]

    def links(self, source: str, shape: str = "") -> LinkModel:
        """Linking learns numeric signals, not words: a real document is left out with what was made of
        it; a shape is left out whole (every response written in it), the other shapes kept."""
        key = ("", shape) if shape else (source, "")
        if key not in self.links_made:
            rows, labels = [], []
            for reading in self.read.values():
                if (shape and reading.shape != shape) or (not shape and reading.source != source):
                    more_rows, more_labels = training_pairs(reading.prepared, reading.answers)
                    rows += more_rows
                    labels += more_labels
            self.links_made[key] = train_links(rows, labels, {"held out": list(key)})
        return self.links_made[key]

    def paragraphs(self, source: str, shape: str = "") -> ParagraphModel:
        """The paragraph round learns how alike an answer's words are to its recommendation's, so the
        response is left out in every shape it was written in (and, for a shape, the shape too)."""
        key = (source, shape)
        if key not in self.paragraphs_made:
            rows, labels = [], []
            for at, reading in self.read.items():
                if reading.source == source or (shape and reading.shape == shape):
                    continue
                if at not in self.paragraph_pairs:
                    self.paragraph_pairs[at] = paragraph_pairs(
                        [text for _, text in reading.prepared.recommendations],
                        reading.prepared.document,
                        reading.answers,
                    )
                rows += self.paragraph_pairs[at][0]
                labels += self.paragraph_pairs[at][1]
            self.paragraphs_made[key] = train_paragraphs(rows, labels, {"held out": list(key)})
        return self.paragraphs_made[key]

    def link(self, source: str, shape: str, recommendations, document: Document, forces=None) -> list:
        """The response linked and its stances read by models trained on neither it nor its shape."""
        reading = self.read.get((source, shape))
        prepared = reading.prepared if reading else prepare(recommendations, document, forces)
        if not self.read:
            return decide(prepared, None, self.stance(source, shape))
        links, paragraphs = self.links(source, shape), self.paragraphs(source, shape)
        return decide(prepared, links, self.stance(source, shape), paragraphs)


def score_case(case: Case, forces=None, held_out: HeldOut | None = None) -> ShapeScore:
    recommendations = [(a.label, a.recommendation) for a in case.expected]
    if held_out:
        linked = held_out.link(case.source, case.shape, recommendations, case.document, forces)
    else:
        linked = link_answers(recommendations, case.document, forces)
    got = {match.label: match for match in linked}
    score = ShapeScore()
    for want in case.expected:
        match = got.get(want.label)
        score.compared += 1
        score.linked += match is not None and same_answer(want.answer, match.response)
        score.stance_right += match is not None and match.stance == want.stance
    return score


def score_shapes(
    realdocs: Path | None, forces=None, held_out: HeldOut | None = None
) -> dict[str, dict[str, ShapeScore]]:
    """Shape → source → score, over every labelled response in every shape; with `held_out`, each case
    is read by models trained on neither its response nor its shape (leave one shape and one response
    out), else by the shipped ones."""
    scores: dict[str, dict[str, ShapeScore]] = {shape: {} for shape in SHAPES}
    with tempfile.TemporaryDirectory() as folder:
        for number, source in enumerate(sources(realdocs)):
            for case in cases(source, number, Path(folder)):
                scores[case.shape][case.source] = score_case(case, forces, held_out)
    return scores
