"""The learned reader: a conditional random field over a document's blocks (python-crfsuite), trained on
labelled documents, that says of each block whether a finding starts there (and of which kind), carries
on there, or neither; and the reading of those labels back into findings.

The shipped models (`model/findings.crfsuite` for printed formats and `model/findings-text.crfsuite` for plain
text, beside their `manifest.json`) are trained by `scrutiny intake train` and loaded once per process.
"""

import functools
import re
import tempfile
from pathlib import Path

import pycrfsuite

from documents import Block, Document
from reports.extraction.features import block_features, glyph, numbered_label
from reports.extraction.findings import ExtractedFinding, match_label

MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL = MODEL_DIR / "findings.crfsuite"
MANIFEST = MODEL_DIR / "manifest.json"
# Chosen once on the development set, left-one-document-out, and not tuned per document.
PARAMETERS = {
    "c1": 0.05,
    "c2": 0.02,
    "max_iterations": 200,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}
NUMBERED = re.compile(r"^\(?(?P<num>\d{1,3}(?:\.\d{1,3})?|[a-z]|R\s?\d{1,3})[.):]\s+", re.I)


Sequences = list[tuple[list[dict], list[str]]]


def train(sequences: dict[str, Sequences], path: Path) -> None:
    """Train the two models on (features, labels) per document: the printed one (`sequences["P"]`) to
    `path`, the plain-text one (`sequences["T"]`) beside it (`text_model(path)`). Deterministic: the same
    documents in the same order give the same models."""
    for domain_, target in (("P", path), ("T", text_model(path))):
        trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
        for features, labels in sequences[domain_]:
            trainer.append(features, labels)
        trainer.set_params(PARAMETERS)
        trainer.train(str(target))


def text_model(path: Path) -> Path:
    return Path(path).with_name(Path(path).stem + "-text" + Path(path).suffix)


class Reader:
    """The trained models, ready to label documents: one for printed formats (PDF, Word, HTML), one for
    plain text, which learned from every format but weighs what plain text shows on its own."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.taggers = {"P": pycrfsuite.Tagger()}
        self.taggers["P"].open(str(self.path))
        if text_model(self.path).is_file():
            self.taggers["T"] = pycrfsuite.Tagger()
            self.taggers["T"].open(str(text_model(self.path)))

    def label(self, features: list[dict], of: str = "P") -> tuple[list[str], list[float]]:
        """Each block's label and the model's confidence in it (its marginal probability)."""
        if not features:
            return [], []
        if of == "T" and "T" in self.taggers:
            tagger, features = self.taggers["T"], adapted(features, "T")
        else:
            tagger = self.taggers["P"]
        labels = tagger.tag(features)
        confidence = [tagger.marginal(label, index) for index, label in enumerate(labels)]
        return labels, confidence

    def read(self, document: Document, features: list[dict] | None = None) -> list[ExtractedFinding]:
        features = block_features(document) if features is None else features
        labels, confidence = self.label(features, domain(document))
        return findings_from(document.blocks, labels, confidence)


def domain(document: Document) -> str:
    """Plain text ("T") or a printed format that shows headings, weights and boxes ("P": PDF, Word, HTML)."""
    return "T" if document.input_kind in ("text", "markdown") else "P"


def adapted(features: list[dict], of: str) -> list[dict]:
    """Each feature twice: once as every format shares it, once as this domain's own. A model trained on
    both domains learns what they share, and where plain text differs (its paragraphs broken by line,
    its headings unranked) weighs its own copies, without unlearning how a printed page reads."""
    return [{**f, **{f"{of}|{name}": value for name, value in f.items()}} for f in features]


@functools.cache
def shipped() -> Reader | None:
    """The model trained on the development set, once per process; None before one has been trained."""
    return Reader(MODEL) if MODEL.is_file() else None


def trained_on(sequences, directory: str | None = None) -> Reader:
    """A model trained on `sequences` in a temporary file, for evaluation."""
    with tempfile.NamedTemporaryFile(suffix=".crfsuite", dir=directory, delete=False) as handle:
        path = Path(handle.name)
    train(sequences, path)
    reader = Reader(path)
    path.unlink()  # the taggers hold them open
    text_model(path).unlink()
    return reader


def findings_from(blocks: list[Block], labels: list[str], confidence: list[float]) -> list[ExtractedFinding]:
    """Blocks labelled B-kind open a finding; the I blocks after it carry it on."""
    findings: list[ExtractedFinding] = []
    current: ExtractedFinding | None = None
    scores: list[float] = []
    for index, (block, label) in enumerate(zip(blocks, labels, strict=True)):
        if label == "B" or label.startswith("B-"):
            if current is not None:
                current.confidence = min(scores)
            current = start(block, label[2:] or "recommendation", index)
            scores = [confidence[index]]
            findings.append(current)
        elif label == "I" and current is not None:
            current.text = f"{current.text} {block.text.strip()}"
            if block.page and block.page not in current.pages:
                current.pages.append(block.page)
            current.span[1] = index
            scores.append(confidence[index])
        else:
            if current is not None:
                current.confidence = min(scores)
            current = None
    if current is not None:
        current.confidence = min(scores)
    return [finding for finding in findings if finding.text.strip()]


def start(block: Block, kind: str, index: int) -> ExtractedFinding:
    text = block.text.strip()
    label = ""
    title = ""
    labelled = match_label(text) or numbered_label(text)
    if labelled:
        label, rest = labelled[1], labelled[2]
    else:
        numbered = NUMBERED.match(text)
        if numbered:
            label, rest = numbered.group("num"), text[numbered.end() :]
        else:
            rest = glyph(text)[1]
    finding = ExtractedFinding(
        kind=kind,
        label=label,
        text=rest.strip(),
        pages=[block.page] if block.page else [],
        section=block.section,
        box=block.box,
        title=title,
        printed=bool(label),
    )
    finding.span = [index, index]
    finding.evidence.append("read by the model trained on labelled reports")
    return finding
