"""Reading an answer's stance (accepted, accepted in part, noted, not accepted) with a small learned model:
logistic regression over the answer's words and word pairs, negation marked ("not accepted" is the word
`not_accept`, never `accept`), and over the phrases responses take a stance in ("we accept this in part",
"a matter for the Home Office", "we will consider"), anywhere and in the first sentence, where a stance
most often is. The phrases are hand rules; the model weighs them against each other and the words.

The shipped weights (`trained/stance.json`, with what they were trained on) are read without
scikit-learn; `train` (scikit-learn) makes new ones from labelled answers: the corpus's, those written
for Scrutiny in `trained/answers.txt`, and the development set's real responses where present
(`bench/matching.py --train`). A status column's word wins over the prose, and an answer that refuses
("not accepted", "we do not agree") is never read as accepted.
"""

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TRAINED = Path(__file__).resolve().parent / "trained"
STANCES = ("accepted", "partially accepted", "noted", "not accepted")

# Phrases a response takes its stance in, each a feature (anywhere, and in the first sentence): the one
# that weighs most for the stance read is quoted as the reason. Each is one pattern
# written in pieces; case matters only where it says (?-i:…).
PHRASES = {
    "refuses": (
        r"\b(?:do(?:es)?\s+not|did\s+not|cannot|can\s*not|will\s+not|won't|(?:is|are)\s+(?:not\s+able|unable)\s+to|",
        r"(?:is|are)\s+not\s+minded\s+to)\s+(?:accept|agree|support|endorse|adopt|implement|intend)|",
        r"\bnot\s+(?:accepted|agreed|supported)\b|\breject(?:s|ed)?\b|\bdecline[sd]?\b|\bdisagree[sd]?\b|",
        r"\bdecision\s+(?:is|was|has\s+been)\s+not\s+to\b|\b(?:decided|chosen)\s+not\s+to\b|",
        r"\bnot\s+be\s+taking\s+(?:this|the|it)\b|\bunable\s+to\s+(?:accept|agree|support)\b",
    ),
    "refuses it": (
        r"\b(?:not|cannot|never)\s+(?:accept|agree\s+with|support)\s+(?:this|the)\s+recommendations?\b|",
        r"\brejects?\s+(?:this|the)\s+recommendation|^\W*(?:not\s+(?:accepted|agreed)|rejected)\b",
    ),
    "partly": (
        r"\b(?:partially|partly|in\s+part)\s+(?:accept|agree)\w*|\baccept(?:s|ed)?\s+(?:(?:it|this|that|the)(?:\s+recommendation)?\s+)?in\s+part\b|",
        r"\b(?:partially|partly)\s+(?:accepted|agreed)\b|\baccept(?:s|ed)?\s+(?:the\s+)?(?:first|second|spirit)\b|",
        r"\b(?:accept|agree|support)(?:s|ed)?\s+(?:(?:it|this|the)\s+(?:recommendation\s+)?)?in\s+principle\b|",
        r"\bsupports?\s+the\s+(?:spirit|principle|aim)\b|\bagree[sd]?\s+with\s+the\s+aim\b|\bpart\s+\([a-z]\)",
    ),
    "accepts it": (
        r"^\W*(?:fully\s+)?(?:accepted|agreed|supported|complete[d]?|implemented|yes)\b|",
        r"\b(?:we|i)\s+(?:fully\s+|also\s+)?(?:accept|agree|support|welcome|endorse)\b|",
        r"\b(?:has|have)\s+(?:already\s+)?(?:accepted|agreed\s+to)\b|",
        r"(?<!not\s)(?<!never\s)\b(?:accept|agree\s+with|support|welcome|endorse)s?\s+(?:this|the|these)\s+recommendations?\b|",
        r"\brecommendation\s+(?:is|has\s+been)\s+(?:accepted|agreed|implemented)\b",
    ),
    "accept word": (r"\baccept(?:s|ed)?\b|\bagree[sd]?\b|\bwelcome[sd]?\b|\bsupport(?:s|ed)?\b",),
    "notes": (
        r"^\W*(?:noted|we\s+note|i\s+note)\b|\bnote[sd]?\s+(?:this|the)\s+(?:recommendation|committee)|\bnoted\b|",
        r"\bnote\s+(?:it|them|these|both)\b",
    ),
    "for others": (
        r"\b(?:this|the)\s+recommendation\s+is\s+(?:for|addressed\s+to|a\s+matter\s+for)\b|",
        r"\brecommendations\s+(?:\S+\s+){0,8}?are\s+(?:for|addressed\s+to|matters\s+for)\b|",
        r"\bis\s+a\s+matter\s+for\s+(?:the\s+)?(?!force)|\b(?:is|are)\s+for\s+the\s+[A-Z]|\bfalls\s+to\b",
    ),
    "considers": (
        r"\b(?:will|to)\s+(?:consider|look\s+at|explore|reflect)\b|\bunder\s+(?:consideration|review)\b|",
        r"\b(?:give|given)\s+(?:careful\s+)?(?:thought|consideration)\b",
    ),
    "elsewhere": (r"\b(?:this|the)\s+(?:action|work)\s+is\s+(?:for|a\s+matter\s+for)\b",),
    "leans": (r"\brecognises?\s+the\s+(?:importance|need|value|concerns?)\b|\bis\s+committed\s+to\b",),
    "already": (r"\balready\s+(?:in\s+place|\w+s\b|does|do|has|have|meets?)",),
    # agreement with something else ("The Attorney General agrees with the Committee")
    "someone agrees": (
        r"(?-i:\b[A-Z]\w+(?:\s+[A-Z]\w+){0,3})\s+(?:fully\s+|also\s+)?(?:accepts|agrees|supports|welcomes|endorses)\b",
    ),
    "but": (r"\b(?:but|however|although|subject\s+to|rather\s+than|instead)\b",),
}
CUES = {name: re.compile("".join(parts), re.I) for name, parts in PHRASES.items()}
# Phrases that say more together (the hand rules the learned model replaced): refusing part of it
# while accepting or recognising the rest; accepting it, with the doing left to others; someone agreeing
# to do what is for them. Name, phrases all present, phrases absent.
CONJUNCTIONS = (
    ("refuses part, accepts rest", ("refuses", "accept word"), ("refuses it",)),
    ("refuses part, recognises rest", ("refuses", "leans"), ("refuses it",)),
    ("accepts, for others to do", ("elsewhere", "accept word"), ()),
    ("for others, who agreed", ("for others", "accepts it"), ("elsewhere",)),
)
# Cues that mark a sentence as taking a stance at all (where an answer begins after its restatement).
STANCE_CUES = ("refuses", "partly", "accept word", "notes", "for others", "considers")

SENTENCE = re.compile(r"(?<=[.!?;:])\s+")
TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|n't|[.,;:!?]")
NEGATORS = {"not", "no", "never", "cannot", "n't", "unable", "nor", "neither", "without"}
PHRASE = 3.0  # a stance phrase's value beside a word's (at most 1): regularised less, it weighs more
NEGATION_REACH = 3  # words after "not" that it negates, up to a stop


def stem(word: str) -> str:
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def words(text: str) -> list[tuple[str, int, int]]:
    """The answer's words, stemmed, each negated word marked `not_` ("does not accept" has `not_accept`),
    with where it is in the text (a negated word's span starts at its "not")."""
    found, negated, since = [], 0, 0
    for token in TOKEN.finditer(text.lower().replace("’", "'")):
        word = token.group(0)
        if word in ".,;:!?":
            negated = 0
            continue
        if word in NEGATORS or word.endswith("n't"):
            negated, since = NEGATION_REACH, token.start()
            continue
        if negated:
            found.append((f"not_{stem(word)}", since, token.end()))
            negated -= 1
        else:
            found.append((stem(word), token.start(), token.end()))
    return found


def features(text: str) -> dict[str, tuple[float, tuple[int, int]]]:
    """Feature → (value, the span of text that shows it): phrases (`cue:`, and `first:` in the first
    sentence), words and word pairs (`w:`)."""
    found: dict[str, tuple[float, tuple[int, int]]] = {}
    first = SENTENCE.split(text.strip(), maxsplit=1)[0]
    offset = text.find(first) if first else 0
    for name, pattern in CUES.items():
        match = pattern.search(text)
        if match:
            found[f"cue:{name}"] = (PHRASE, match.span())
        match = pattern.search(first)
        if match:
            found[f"first:{name}"] = (PHRASE, (match.start() + offset, match.end() + offset))
    for name, parts, absent in CONJUNCTIONS:
        if all(f"cue:{part}" in found for part in parts) and not any(f"cue:{a}" in found for a in absent):
            found[f"cue:{name}"] = (PHRASE, found[f"cue:{parts[0]}"][1])
    tokens = words(text)
    # Each word weighs less in a longer answer: a long answer's stance is still in a phrase or two.
    value = 1 / math.sqrt(len({word for word, _, _ in tokens}) or 1)
    for word, start, end in tokens:
        found.setdefault(f"w:{word}", (value, (start, end)))
    for (one, start, _), (two, _, end) in zip(tokens, tokens[1:], strict=False):
        found.setdefault(f"w:{one} {two}", (value, (start, end)))
    return found


@cache
def values(text: str) -> dict[str, float]:
    """An answer's features and their values, for training (kept: folds learn from the same answers)."""
    return {name: value for name, (value, _) in features(text).items()}


@dataclass
class StanceModel:
    """Logistic regression weights: per stance an intercept, and per feature a weight for each stance."""

    stances: tuple[str, ...]
    intercepts: list[float]
    weights: dict[str, list[float]]
    trained_on: dict

    def read(self, text: str, status: str = "") -> tuple[str, float, str]:
        """The stance of an answer, how sure (the model's probability), and the words that decided it; a
        status cell ("Partially accepted") decides alone, whatever the prose says."""
        if status.strip():
            stance, sure, _ = self.read(status)
            return stance, max(sure, 0.95), status.strip()
        if not text.strip():
            return "none", 0.9, ""
        present = features(text)
        scores = list(self.intercepts)
        for name, (value, _) in present.items():
            for at, weight in enumerate(self.weights.get(name, ())):
                scores[at] += weight * value
        order = sorted(range(len(scores)), key=lambda at: -scores[at])
        best = order[0]
        refusal = present.get("cue:refuses")
        if self.stances[best] == "accepted" and refusal:  # "not accepted" is never "accepted"
            best = order[1]
        top = max(scores)
        total = sum(math.exp(score - top) for score in scores)
        sure = math.exp(scores[best] - top) / total
        return self.stances[best], round(sure, 2), self.reason(text, present, best)

    def reason(self, text: str, present: dict, best: int) -> str:
        """The phrase that weighed most for the stance read, over the others: a stance phrase if one
        weighed for it, else a word or word pair."""

        def weight(name: str) -> float:
            row = self.weights.get(name)
            if not row:
                return 0.0
            others = [w for at, w in enumerate(row) if at != best]
            return row[best] - max(others)

        ranked = sorted(present, key=weight, reverse=True)
        cues = [name for name in ranked if not name.startswith("w:") and weight(name) > 0]
        chosen = cues[0] if cues else next((name for name in ranked if weight(name) > 0), None)
        if chosen is None:
            return ""
        start, end = present[chosen][1]
        return text[start:end].strip()

    def as_json(self) -> dict:
        return {
            "stances": list(self.stances),
            "intercepts": self.intercepts,
            "weights": self.weights,
            "trained_on": self.trained_on,
        }


@cache
def shipped() -> StanceModel:
    data = json.loads((TRAINED / "stance.json").read_text(encoding="utf-8"))
    return StanceModel(tuple(data["stances"]), data["intercepts"], data["weights"], data["trained_on"])


def read_stance(text: str, status: str = "", model: StanceModel | None = None) -> tuple[str, float, str]:
    """The stance of an answer by the shipped model (or `model`): (stance, how sure, the deciding words)."""
    return (model or shipped()).read(text, status)


def answers_in(text: str) -> bool:
    """Whether a sentence answers in the first person of a response ("we accept", "this recommendation
    is for", "we do not agree"), not just agreeing as a recommendation asks someone to."""
    return any(
        CUES[name].search(text)
        for name in ("refuses", "partly", "accepts it", "notes", "for others", "considers", "leans")
    )


def takes_a_stance(text: str) -> bool:
    """Whether a sentence takes a stance at all ("The government supports the recommendation", "We do
    not accept this"): where an answer begins, not more of the recommendation."""
    return any(CUES[name].search(text) for name in STANCE_CUES)


@dataclass(frozen=True)
class Labelled:
    """One labelled answer and where it came from (for holding out its document, or its shape)."""

    text: str
    stance: str
    source: str
    shape: str = ""


def written_answers() -> list[Labelled]:
    """The answers written for Scrutiny (`trained/answers.txt`), each its own source."""
    found = []
    for number, line in enumerate((TRAINED / "answers.txt").read_text(encoding="utf-8").splitlines()):
        if line.strip() and not line.startswith("#"):
            stance, text = line.split("\t", 1)
            found.append(Labelled(text.strip(), stance, f"written {number}"))
    return found


def train(
    examples: list[Labelled], trained_on: dict | None = None, least: int = 2, C: float = 0.3
) -> StanceModel:
    """Logistic regression (scikit-learn) on labelled answers; words and pairs seen in fewer than `least`
    answers are left out (the phrases always count). Classes are weighed by how rare they are."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    examples = [example for example in examples if example.stance in STANCES and example.text.strip()]
    rows = [values(example.text) for example in examples]
    seen: dict[str, int] = {}
    for row in rows:
        for name in row:
            seen[name] = seen.get(name, 0) + 1
    rows = [{n: v for n, v in row.items() if not n.startswith("w:") or seen[n] >= least} for row in rows]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    labels = [example.stance for example in examples]
    model = LogisticRegression(C=C, class_weight="balanced", solver="newton-cg", max_iter=200)
    model.fit(matrix, labels)
    classes = list(model.classes_)
    coef = model.coef_ if len(classes) > 2 else None
    if coef is None:  # two stances only: scikit-learn keeps one row; make it one per stance
        coef = [-model.coef_[0] / 2, model.coef_[0] / 2]
        intercepts = [-model.intercept_[0] / 2, model.intercept_[0] / 2]
    else:
        intercepts = list(model.intercept_)
    coef = np.asarray(coef).round(4)
    kept = np.abs(coef).max(axis=0) >= 0.005  # weights too small to matter are not shipped
    weights = {
        name: coef[:, column].tolist() for name, column in vectorizer.vocabulary_.items() if kept[column]
    }
    return StanceModel(
        tuple(classes), [round(float(value), 4) for value in intercepts], weights, trained_on or {}
    )
