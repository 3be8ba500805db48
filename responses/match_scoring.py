"""How well response matching does on the labelled report/response pairs in tests/corpus/pairs/."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from reports.extraction import normalise
from reports.extraction.scoring import CORPUS
from responses.matching import match_response, similarity

PAIRS = CORPUS / "pairs"


@dataclass
class PairScore:
    compared: int = 0
    matched: int = 0
    stance_right: int = 0
    misses: list = field(default_factory=list)

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


def same_answer(want: str, got: str) -> bool:
    want, got = normalise(want), normalise(got)
    if not want or not got:
        return want == got
    return want in got or got in want or similarity(want, got) >= 0.8


def score_pairs(forces=None) -> PairScore:
    score = PairScore()
    for report, response, data in labelled_pairs():
        found = {match.label: match for match in match_response(report, response, forces=forces)}
        for expected in data["answers"]:
            got = found.get(expected["label"])
            score.compared += 1
            answer_right = got is not None and same_answer(expected["response"], got.response)
            stance_right = got is not None and got.stance == expected["stance"]
            score.matched += answer_right
            score.stance_right += stance_right
            if not (answer_right and stance_right):
                score.misses.append(
                    f"{response.name} {expected['label']}: want {expected['stance']!r} "
                    f"{expected['response'][:50]!r}, got {got.stance if got else None!r} "
                    f"{(got.response[:50] if got else '')!r}"
                )
    return score
