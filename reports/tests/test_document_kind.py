"""Response letters, government responses and press releases are recognised at intake and never stored
as reports that are owed a response; reports, whatever their subject, are. Tested on every labelled
document of the corpus, the response letters beside it, and the real documents where they are present."""

from pathlib import Path

import pytest

from documents import read_document
from documents.ocr import tesseract
from reports.extraction import extract
from reports.extraction.kind import document_kind
from reports.extraction.scoring import CORPUS, FIRST_REALDOCS, corpus_documents, realdocs
from reports.models import Report
from reports.services import NotAReport, force_names, ingest_file

# Families of real documents that answer or announce a report rather than make findings of their own.
NOT_REPORTS = {"response", "government-response", "statement"}


def kind_of(path):
    document = read_document(path)
    extraction = extract(document, forces=force_names())
    return extraction.metadata["document_kind"], extraction.metadata["document_kind_reason"]


def labelled(documents):
    for path, expected in documents:
        if expected["input"] == "scanned-pdf" and tesseract() is None:
            continue
        yield path, expected


def test_every_response_in_the_corpus_is_recognised_and_every_report_is_a_report():
    wrong = []
    for path, expected in labelled(corpus_documents(blind=True)):
        kind, reason = kind_of(path)
        is_report = expected["family"] not in NOT_REPORTS and bool(expected["findings"])
        if (kind == "report") != is_report:
            wrong.append(f"{path.relative_to(CORPUS)} ({expected['family']}): read as {kind}, {reason}")
    assert not wrong, "\n".join(wrong)


def test_letters_answering_a_report_are_responses_with_the_reason():
    letter = kind_of(CORPUS / "pairs" / "response-derbyshire-accountability-letter.txt")
    assert letter[0] == "response" and "Dear Chair" in letter[1]
    statement = kind_of(CORPUS / "pairs" / "response-avon-somerset-vetting-short.txt")
    assert statement[0] == "response" and "PCC statement on the HMICFRS revisit" in statement[1]
    release = kind_of(CORPUS / "set3" / "statement-complaints-review-publication.html")
    assert release[0] == "statement"


def test_an_inspectorates_letter_asking_for_a_response_is_still_a_report():
    # A JTAI's findings come as a letter to the local partners ("Dear Director of Children's Services"),
    # asking them for "a written statement of the action they will take in response to this letter".
    assert kind_of(CORPUS / "set2" / "jtai-kent-youth-violence.html")[0] == "report"


def test_a_report_about_a_response_to_something_is_a_report():
    from documents.model import Block, Document

    def document(title):
        return Document(
            path=Path("report.txt"),
            blocks=[Block(title, kind="heading", level=1), Block("We inspected six forces.")],
            media_type="text/plain",
        )

    for title in [
        "Police super-complaint: the police response to children placed in care away from home",
        "Accelerated cause of concern: Staffordshire Police's response to children reported missing",
        "Joint targeted area inspection of the multi-agency response to serious youth violence in Kent",
    ]:
        assert document_kind(document(title), title, 5).kind == "report", title
    for title in [
        "Government response to the rapid review into data on mental health inpatient settings",
        "Response of the Police and Crime Commissioner for Cheshire to HMICFRS: child protection",
        "Commissioner's response under section 55 of the Police Act 1996",
    ]:
        assert document_kind(document(title), title, 5).kind == "response", title


REAL = realdocs(only=FIRST_REALDOCS)  # the others: the response reader's work to come


@pytest.mark.skipif(not REAL, reason="../shared/realdocs is not beside this checkout")
def test_real_documents_the_government_response_and_the_chairs_statement_are_not_reports():
    kinds = {path.name: kind_of(path)[0] for path, _ in REAL}
    families = {path.name: expected["family"] for path, expected in REAL}
    assert kinds["mental-health-data-review-response.pdf"] == "response"
    assert kinds["covid-inquiry-m2-chair-statement.pdf"] == "statement"
    for name, kind in kinds.items():
        assert (kind == "report") == (families[name] not in NOT_REPORTS), name


@pytest.mark.django_db
def test_a_response_letter_is_refused_at_intake_with_the_reason_and_nothing_is_stored():
    path = CORPUS / "response-essex-intrafamilial-letter.txt"
    with pytest.raises(NotAReport) as refused:
        ingest_file(path)
    assert str(refused.value).startswith("response-essex-intrafamilial-letter.txt: a response to a report")
    assert "RESPONSE TO HMICFRS: BEHIND CLOSED DOORS" in str(refused.value)
    assert not Report.objects.exists()
    # When one is misread, the officer can still store it as a report.
    outcome = ingest_file(path, any_kind=True)
    assert outcome.created and outcome.report.findings.count() == 7


def test_extract_says_when_a_document_is_not_a_report(capsys):
    from django.core.management import call_command

    call_command("extract", str(CORPUS / "set3" / "response-govt-digital-evidence.pdf"))
    out = capsys.readouterr().out
    assert "not a report: a response, it is titled “Government response to the Justice Committee" in out
