"""How well extraction does against the labelled corpus (tests/corpus): used by the test and the benchmark."""

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus"
THRESHOLD = 0.9


@dataclass
class Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def add(self, other: "Tally") -> None:
        self.true_positive += other.true_positive
        self.false_positive += other.false_positive
        self.false_negative += other.false_negative

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    by_kind: dict = field(default_factory=lambda: defaultdict(Tally))
    by_family: dict = field(default_factory=lambda: defaultdict(Tally))
    by_input: dict = field(default_factory=lambda: defaultdict(Tally))
    overall: Tally = field(default_factory=Tally)
    details: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # name: [right, compared]
    misses: list = field(default_factory=list)
    wrong_details: list = field(default_factory=list)


def blind_sets(folder: Path = CORPUS) -> list[Path]:
    """Sets written by someone who had not seen the extractor: each keeps its first score beside it and
    is measured by the benchmark, not held to the test's floor (that would tune the extractor to it)."""
    return sorted(score.parent for score in folder.glob("*/first_score.json"))


def corpus_documents(folder: Path = CORPUS, *, blind: bool = False) -> list[tuple[Path, dict]]:
    """The labelled documents under `folder`; blind sets only when asked for."""
    skipped = set() if blind else set(blind_sets(folder))
    documents = []
    for expected in sorted(folder.rglob("*.expected.json")):
        if "src" in expected.relative_to(folder).parts or skipped & set(expected.parents):
            continue
        name = expected.name.removesuffix(".expected.json")
        matches = [p for p in expected.parent.glob(f"{name}.*") if not p.name.endswith(".json")]
        if matches:
            documents.append((matches[0], json.loads(expected.read_text())))
    return documents


def fold(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"[\s\-–—‐]+", " ", text).strip()


def similarity(a: str, b: str) -> float:
    a, b = fold(a), fold(b)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
        return matcher.quick_ratio() * 0.99
    return matcher.ratio()


def match(expected: list[dict], extracted: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs of (expected, extracted) of the same kind whose texts agree; each used at most once."""
    candidates = []
    for i, want in enumerate(expected):
        for j, got in enumerate(extracted):
            if want["kind"] == got["kind"]:
                ratio = similarity(want["text"], got["text"])
                if ratio >= THRESHOLD:
                    candidates.append((ratio, i, j))
    pairs, used_i, used_j = [], set(), set()
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            pairs.append((expected[i], extracted[j]))
    return pairs


def score_document(score: Score, path: Path, expected: dict, extraction: dict) -> None:
    want, got = expected["findings"], extraction["findings"]
    pairs = match(want, got)
    matched_want = {id(w) for w, _ in pairs}
    matched_got = {id(g) for _, g in pairs}
    for kind_of, items, attribute in [
        (w["kind"], w, "false_negative") for w in want if id(w) not in matched_want
    ] + [(g["kind"], g, "false_positive") for g in got if id(g) not in matched_got]:
        tally = Tally(**{attribute: 1})
        for bucket in (
            score.by_kind[kind_of],
            score.by_family[expected["family"]],
            score.by_input[expected["input"]],
            score.overall,
        ):
            bucket.add(tally)
        score.misses.append(
            f"{path.name}: {'missed' if attribute == 'false_negative' else 'extra'} {kind_of} "
            f"{items['label']!r}: {items['text'][:70]}"
        )
    for w, g in pairs:
        tally = Tally(true_positive=1)
        for bucket in (
            score.by_kind[w["kind"]],
            score.by_family[expected["family"]],
            score.by_input[expected["input"]],
            score.overall,
        ):
            bucket.add(tally)
        where = f"{path.name} {w.get('label')}"
        compare(score, "label", w.get("label"), g.get("label"), where)
        if w.get("pages"):
            compare(score, "page", w["pages"][0], g.get("page"), where)
        compare(score, "parent", w.get("parent"), g.get("parent"), where)
        if w.get("deadline_on") or g.get("deadline_on"):
            compare(score, "deadline date", w.get("deadline_on"), g.get("deadline_on"), where)
        if w.get("addressees"):
            compare(
                score,
                "addressees",
                sorted(map(addressee_key, w["addressees"])),
                sorted(map(addressee_key, g.get("addressees") or [])),
                where,
            )
    metadata = expected.get("metadata", {})
    if metadata.get("published_on"):
        compare(
            score, "publication date", metadata["published_on"], extraction.get("published_on"), path.name
        )
    if metadata.get("title"):
        compare(score, "title", fold(metadata["title"]), fold(extraction.get("title") or ""), path.name)


def addressee_key(name: str) -> str:
    """Addressees compare without a leading "the" and with the NPCC's name in short."""
    name = re.sub(r"^the\s+", "", fold(name))
    return name.replace("national police chiefs' council lead", "npcc lead")


def compare(score: Score, name: str, want, got, where: str) -> None:
    right = want == got if not isinstance(want, str) or not isinstance(got, str) else fold(want) == fold(got)
    score.details[name][0] += int(right)
    score.details[name][1] += 1
    if not right:
        score.wrong_details.append(f"{where}: {name} should be {want!r}, not {got!r}")


# -- real documents ----------------------------------------------------------------------------------------
# ../shared/realdocs holds real published documents with hand labels (never copied into the repository).
# They are scored as their own score.py scores `scrutiny extract`: a labelled finding is found when one
# extracted finding (good practice aside) holds at least 80% of its first 40 words, as a bag of lower-case
# words; each extracted finding is used once; one that is more than six times the label's length finds
# nothing; an extracted finding that matches nothing counts against precision.

REALDOCS = Path(__file__).resolve().parents[3] / "shared" / "realdocs"  # beside the checkout: ../shared
NOT_COUNTED = {"good practice", "promising practice", "innovative practice", "conclusion"}
WORD = re.compile(r"[a-z0-9]+")


def realdocs_folder() -> Path | None:
    import os

    folder = Path(os.environ.get("SCRUTINY_REALDOCS") or REALDOCS)
    return folder if folder.is_dir() and any(folder.glob("*.expected.json")) else None


# The five real documents the rule-based extractor was written against, before the folder grew to forty.
# The tests hold the rules' floor on these; the others are scored by `make bench` until intake learns
# (and is then scored on the documents it did not learn from).
FIRST_REALDOCS = frozenset(
    {
        "covid-inquiry-m2-chair-statement",
        "covid-inquiry-m2-in-brief",
        "covid-inquiry-m2-volume-2",
        "mental-health-data-review",
        "mental-health-data-review-response",
    }
)


def realdocs(only: frozenset[str] | None = None) -> list[tuple[Path, dict]]:
    """The labelled real documents beside the checkout (those named in `only`, when given)."""
    folder = realdocs_folder()
    if folder is None:
        return []
    documents = []
    for expected in sorted(folder.glob("*.expected.json")):
        name = expected.name.removesuffix(".expected.json")
        if only is not None and name not in only:
            continue
        path = next((p for p in folder.glob(f"{name}.*") if not p.name.endswith(".json")), None)
        if path:
            documents.append((path, json.loads(expected.read_text())))
    return documents


def bag(text: str | None) -> list[str]:
    return WORD.findall((text or "").lower().replace("’", "'"))


def share_held(wanted: list[str], have: list[str]) -> float:
    wanted = wanted[:40]
    counts: dict[str, int] = {}
    for word in have:
        counts[word] = counts.get(word, 0) + 1
    held = 0
    for word in wanted:
        if counts.get(word, 0) > 0:
            counts[word] -= 1
            held += 1
    return held / max(1, len(wanted))


@dataclass
class RealScore:
    """One real document: found and extracted counts, and the details right on matched findings."""

    labelled: int = 0
    extracted: int = 0
    found: int = 0
    details: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.found / self.extracted if self.extracted else (1.0 if not self.labelled else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "RealScore") -> None:
        self.labelled += other.labelled
        self.extracted += other.extracted
        self.found += other.found
        for name, (right, compared) in other.details.items():
            self.details[name][0] += right
            self.details[name][1] += compared
        self.misses += other.misses


def score_real(expected: dict, extraction: dict, name: str = "") -> RealScore:
    labels = [
        f
        for f in expected["findings"]
        if f["kind"].replace("-", " ").replace("_", " ") not in NOT_COUNTED and not f.get("optional")
    ]
    extracted = [
        f
        for f in extraction["findings"]
        if str(f.get("kind", "")).replace("-", " ").replace("_", " ") not in NOT_COUNTED
    ]
    words = [bag(f.get("text")) for f in extracted]
    score, used = RealScore(labelled=len(labels), extracted=len(extracted)), set()
    for label in labels:
        wanted = bag(label["text"])
        best, best_at = 0.0, None
        for at, have in enumerate(words):
            if at in used or len(have) > 6 * max(40, len(wanted)):
                continue
            held = share_held(wanted, have)
            if held > best:
                best, best_at = held, at
        if best < 0.8:
            score.misses.append(f"{name}: missed {label.get('label')!r}: {label['text'][:70]}")
            continue
        used.add(best_at)
        score.found += 1
        got = extracted[best_at]
        compare_detail(score, "kind", label["kind"], got.get("kind"))
        if label.get("label"):
            compare_detail(score, "label", fold(label["label"]), fold(got.get("label") or ""))
        if label.get("pages"):
            compare_detail(score, "page", True, got.get("page") in label["pages"])
    for at, got in enumerate(extracted):
        if at not in used:
            score.misses.append(f"{name}: extra {got.get('label')!r}: {got.get('text', '')[:70]}")
    return score


def compare_detail(score: RealScore, name: str, want, got) -> None:
    score.details[name][0] += int(want == got)
    score.details[name][1] += 1
