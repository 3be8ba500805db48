"""The learned reader: a conditional random field over a document's blocks (python-crfsuite), trained on
labelled documents, that says of each block whether a finding starts there (and of which kind), carries
on there, or neither; and the reading of those labels back into findings.

The shipped model (`model/findings.crfsuite`, beside its `manifest.json`) is trained by
`scrutiny intake train` and loaded once per process.
"""

import functools
import re
import tempfile
from pathlib import Path

import pycrfsuite

from documents import Block, Document
from reports.extraction.features import block_features, glyph
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


def train(sequences: list[tuple[list[dict], list[str]]], path: Path) -> None:
    """Train on (features, labels) per document and write the model to `path`. Deterministic: the same
    documents in the same order give the same model."""
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for features, labels in sequences:
        trainer.append(features, labels)
    trainer.set_params(PARAMETERS)
    trainer.train(str(path))


class Reader:
    """A trained model, ready to label documents."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(self.path))

    def label(self, features: list[dict]) -> tuple[list[str], list[float]]:
        """Each block's label and the model's confidence in it (its marginal probability)."""
        if not features:
            return [], []
        labels = self.tagger.tag(features)
        confidence = [self.tagger.marginal(label, index) for index, label in enumerate(labels)]
        return labels, confidence

    def read(self, document: Document, features: list[dict] | None = None) -> list[ExtractedFinding]:
        features = block_features(document) if features is None else features
        labels, confidence = self.label(features)
        return findings_from(document.blocks, labels, confidence)


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
    path.unlink()  # the tagger holds it open
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
    labelled = match_label(text)
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
