"""Extraction against the labelled corpus: the score must not fall below the level already reached."""

import json
from pathlib import Path

import pytest

from documents import read_document
from documents.ocr import tesseract
from reports.extraction import extract
from reports.extraction.scoring import CORPUS, Score, corpus_documents, score_document
from reports.services import force_names

BASELINE = json.loads((CORPUS / "baseline.json").read_text())


@pytest.fixture(scope="module")
def score() -> Score:
    score = Score()
    for path, expected in corpus_documents():
        if expected["input"] == "scanned-pdf" and tesseract() is None:
            continue
        extraction = extract(read_document(path), forces=force_names()).as_dict()
        score_document(score, path, expected, extraction)
    return score


def test_the_corpus_has_every_family_and_input_kind():
    documents = corpus_documents()
    assert len(documents) >= 20
    assert {e["family"] for _, e in documents} == {
        "inspectorate",
        "recommendation-blocks",
        "committee",
        "response",
        "reinspection",
    }
    assert {e["input"] for _, e in documents} >= {"pdf", "scanned-pdf", "html", "docx", "text", "markdown"}


def test_overall_f1_holds(score):
    assert score.overall.f1 >= BASELINE["overall_f1"], "\n".join(score.misses)


@pytest.mark.parametrize(
    "family", ["inspectorate", "recommendation-blocks", "committee", "response", "reinspection"]
)
def test_each_family_f1_holds(score, family):
    assert score.by_family[family].f1 >= BASELINE["family_f1"][family], "\n".join(
        miss
        for miss in score.misses
        if Path(miss.split(":")[0]).stem in {p.stem for p, e in corpus_documents() if e["family"] == family}
    )


@pytest.mark.parametrize("detail", ["label", "page", "parent", "deadline date", "publication date"])
def test_details_of_matched_findings_hold(score, detail):
    right, compared = score.details[detail]
    assert compared and right / compared >= BASELINE["details"][detail]
