"""How well response matching does on the labelled report/response pairs in tests/corpus/pairs/, and on
the real response documents of the development set (../shared/realdocs, its `.responses.json` labels)."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from documents import read_document
from reports.extraction.scoring import CORPUS
from responses.linking import link_answers, match_response
from responses.matching import same_answer
from responses.models import Stance

PAIRS = CORPUS / "pairs"


@dataclass
class PairScore:
    compared: int = 0
    matched: int = 0
    stance_right: int = 0
    misses: list = field(default_factory=list)

    def tally(self, name: str, answer: str, stance: str, got) -> None:
        """Count one labelled answer against the match proposed for its recommendation (or None)."""
        linked = got is not None and same_answer(answer, got.response)
        stance_right = got is not None and got.stance == stance
        self.compared += 1
        self.matched += linked
        self.stance_right += stance_right
        if not (linked and stance_right):
            self.misses.append(
                f"{name}: want {stance!r} {answer[:50]!r}, got {got.stance if got else None!r} "
                f"{(got.response[:50] if got else '')!r}"
            )

    @property
    def matching_accuracy(self) -> float:
        return self.matched / self.compared if self.compared else 0.0

    @property
    def stance_accuracy(self) -> float:
        return self.stance_right / self.compared if self.compared else 0.0


def labelled_pairs(folder: Path = PAIRS) -> list[tuple[Path, Path, dict]]:
    pairs = []
    for labels in sorted(folder.glob("*.pairs.json")):
        data = json.loads(labels.read_text())
        report = CORPUS / data["report"]
        response = next(
            (path for path in (folder / data["response"], CORPUS / data["response"]) if path.exists()),
            folder / data["response"],
        )
        pairs.append((report, response, data))
    return pairs


def score_pairs(forces=None) -> PairScore:
    score = PairScore()
    for report, response, data in labelled_pairs():
        found = {match.label: match for match in match_response(report, response, forces=forces)}
        for expected in data["answers"]:
            score.tally(
                f"{response.name} {expected['label']}",
                expected["response"],
                expected["stance"],
                found.get(expected["label"]),
            )
    return score


# The development set's stance scale, in Scrutiny's words.
STANCES = {
    "accepted": Stance.ACCEPTED,
    "accepted-in-part": Stance.PARTIALLY_ACCEPTED,
    "noted": Stance.NOTED,
    "rejected": Stance.NOT_ACCEPTED,
}


@dataclass
class RealResponse:
    """One real response document scored: its answers linked to the passage labelled, and stances read."""

    name: str
    score: PairScore


def real_responses(folder: Path) -> list[tuple[Path, list[tuple[str, str]], list[dict]]]:
    """Each `<name>.responses.json` in `folder` with its response document, the recommendations it answers
    (as labelled in the report it answers when that is here, else as the response restates them) and the
    labelled answers, each tied to its recommendation's label (by its own label, else by order)."""
    found = []
    for labels in sorted(folder.glob("*.responses.json")):
        data = json.loads(labels.read_text(encoding="utf-8"))
        document = folder / data["document"]
        answered = data.get("answers_document")
        source = folder / (Path(answered).stem if answered else document.stem)
        expected = source.with_name(source.name + ".expected.json")
        if not document.is_file() or not expected.is_file():
            continue
        findings = [
            finding
            for finding in json.loads(expected.read_text(encoding="utf-8")).get("findings", [])
            if finding.get("kind") == "recommendation"
        ]
        recommendations = [
            (finding.get("label") or f"Recommendation {number}", finding["text"])
            for number, finding in enumerate(findings, start=1)
        ]
        labels_given = {label for label, _ in recommendations}
        answers = []
        for number, answer in enumerate(data.get("responses", []), start=1):
            label = answer.get("answers")
            if label not in labels_given:
                label = recommendations[number - 1][0] if number <= len(recommendations) else None
            if label is not None:
                answers.append({**answer, "label": label})
        found.append((document, recommendations, answers))
    return found


def score_real_responses(folder: Path, forces=None, held_out=None) -> list[RealResponse]:
    """Link and stance on every real response document in `folder`: an answer is linked when the passage
    proposed for its recommendation holds the labelled answer (or most of it), and its stance is right
    when it is the labelled stance in Scrutiny's words. With `held_out` (shapes.HeldOut), each document
    is read by models trained without it (leave one document out), else by the shipped ones."""
    results = []
    for document, recommendations, answers in real_responses(folder):
        score = PairScore()
        if held_out:
            linked = held_out.link(document.name, "", recommendations, read_document(document), forces)
        else:
            linked = link_answers(recommendations, read_document(document), forces)
        matches = {match.label: match for match in linked}
        for answer in answers:
            score.tally(
                f"{document.name} {answer['label']}",
                answer["response_text"],
                STANCES.get(answer["stance"], answer["stance"]),
                matches.get(answer["label"]),
            )
        results.append(RealResponse(document.name, score))
    return results
