"""Training the shipped model: on every labelled document given (by default the development set beside the
checkout, the synthetic corpus in tests/corpus and the short shapes in `shapes/`), written with a manifest naming each document and its
hash, so that CI retrains only when the documents change and anyone can see what the model learned from.
"""

import hashlib
import json
import platform
from importlib.metadata import version
from pathlib import Path

import documents as documents_package
from reports.extraction import sequence
from reports.extraction.evaluation import Example, examples, sequences
from reports.extraction.labelled import labelled_documents
from reports.extraction.scoring import CORPUS, realdocs_folder

# Labelled documents written for training only, in shapes the other sets lack (a report of one or two lines
# pasted as text: its printed labels are all there is to go on); never scored.
SHAPES = Path(__file__).resolve().parent / "shapes"


def default_folders() -> list[Path]:
    folders = [realdocs_folder(), CORPUS, SHAPES]
    return [folder for folder in folders if folder is not None and folder.is_dir()]


def own_corpus(on_skip=None) -> list[Example]:
    """The synthetic corpus (police reports written for the tests) and the short shapes written for
    training: used for training and never scored."""
    return [
        example for folder in (CORPUS, SHAPES) if folder.is_dir() for example in examples(folder, on_skip)
    ]


def inputs(folders: list[Path]) -> list[dict]:
    """Each labelled document: its folder's name, its name, family and hash (document and labels)."""
    return [
        {"folder": folder.name, "name": item.name, "family": item.family, "sha256": item.digest}
        for folder in folders
        for item in labelled_documents(folder)
    ]


def fingerprint(documents: list[dict]) -> str:
    listed = "\n".join(f"{d['folder']}/{d['name']} {d['sha256']}" for d in documents)
    return hashlib.sha256(
        (listed + "\n" + json.dumps(sequence.PARAMETERS, sort_keys=True) + feature_version()).encode()
    ).hexdigest()


READERS = ("docx.py", "html.py", "model.py", "ocr.py", "pdf.py", "pdf_layout.py", "readers.py", "text.py")


def feature_version() -> str:
    """The code that reads documents into blocks and turns blocks into features and labels: a model trained
    by other code is stale."""
    here = Path(__file__).resolve().parent
    documents = Path(documents_package.__file__).resolve().parent
    parts = [here / name for name in ("features.py", "labelled.py", "sequence.py")]
    parts += [documents / name for name in READERS]
    return hashlib.sha256(b"".join(part.read_bytes() for part in parts)).hexdigest()


def manifest() -> dict | None:
    if not sequence.MANIFEST.is_file():
        return None
    return json.loads(sequence.MANIFEST.read_text(encoding="utf-8"))


def up_to_date(folders: list[Path]) -> bool:
    shipped = manifest()
    return (
        shipped is not None
        and sequence.MODEL.is_file()
        and sequence.text_model(sequence.MODEL).is_file()
        and shipped.get("fingerprint") == fingerprint(inputs(folders))
    )


def train(folders: list[Path], output: Path | None = None, on_skip=None) -> dict:
    """Train on every labelled document in `folders`; write the model (and, for the shipped one, its
    manifest). Returns the manifest."""
    documents = inputs(folders)
    prepared = [example for folder in folders for example in examples(folder, on_skip)]
    target = output or sequence.MODEL
    target.parent.mkdir(parents=True, exist_ok=True)
    sequence.train(sequences(prepared), target)
    written = {
        "model": target.name,
        "text_model": sequence.text_model(target).name,
        "bytes": target.stat().st_size,
        "text_bytes": sequence.text_model(target).stat().st_size,
        "trained_with": f"python-crfsuite {version('python-crfsuite')} on Python {platform.python_version()}",
        "parameters": sequence.PARAMETERS,
        "fingerprint": fingerprint(documents),
        "labels": sorted({label for example in prepared for label in example.labels}),
        "blocks": sum(len(example.labels) for example in prepared),
        "documents": documents,
    }
    if output is None:
        sequence.MANIFEST.write_text(json.dumps(written, indent=1) + "\n", encoding="utf-8")
        sequence.shipped.cache_clear()
    return written


def record_scores(scores: dict) -> None:
    """Add the held-out scores of the shipped model to its manifest."""
    written = manifest()
    if written is None:
        return
    written["scores"] = scores
    sequence.MANIFEST.write_text(json.dumps(written, indent=1) + "\n", encoding="utf-8")
