"""Loading a folder of past reports as history, as an office does on its first day: the whole corpus
(reports, the web pages the PDFs were printed from, response letters, press releases, notes) goes in with
`scrutiny ingest --history`, and leaves the deadlines page with nothing overdue and one report for each
distinct report."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.testing import get_page
from documents.ocr import tesseract
from documents.uploads import file_hash
from reports.extraction.scoring import CORPUS, corpus_documents
from reports.models import Report, SourceDocument
from responses.models import ResponseObligation
from responses.services import deadlines

pytestmark = pytest.mark.django_db

NOT_REPORTS = {"response"}


def readable(documents):
    return [
        (path, expected)
        for path, expected in documents
        if expected["input"] != "scanned-pdf" or tesseract() is not None
    ]


def test_loading_the_corpus_as_history_leaves_nothing_overdue_and_one_report_per_distinct_report(
    signed_in, user, capsys
):
    with pytest.raises(SystemExit) as status:  # the folders' README files are no reports: listed as failed
        call_command("ingest", str(CORPUS), "--history")
    out, err = capsys.readouterr()
    assert status.value.code == 1
    failed = [
        line.split(":")[0].removeprefix("failed  ") for line in err.splitlines() if line.startswith("failed")
    ]
    every = corpus_documents(CORPUS, blind=True)
    labelled = {path.name for path, _ in readable(every)}  # a scan fails where Tesseract is not installed
    assert "README.md" in failed and not labelled & set(failed)  # no readable labelled document failed

    documents = readable(every)
    reports = [(path, e) for path, e in documents if e["family"] not in NOT_REPORTS and e["findings"]]
    others = [(path, e) for path, e in documents if (path, e) not in reports]
    by_file = dict(SourceDocument.objects.values_list("sha256", "report_id"))

    # One report per distinct report: each labelled report is a source of exactly one stored report,
    # no two share one, and nothing else was stored (the web pages the PDFs were printed from are
    # further sources of the same reports).
    stored = [by_file.get(file_hash(path)) for path, _ in reports]
    assert None not in stored, [
        path.name for (path, _), pk in zip(reports, stored, strict=True) if pk is None
    ]
    assert len(set(stored)) == len(reports) == Report.objects.count()
    assert SourceDocument.objects.count() > Report.objects.count()  # both formats kept
    assert "another format of report" in out

    # Response letters, the government's response and the news items were recognised, not stored.
    assert not [path.name for path, _ in others if file_hash(path) in by_file]
    assert "skipped response-essex-intrafamilial-letter.txt: a response to a report" in out

    # Every obligation is history: the deadlines page has nothing overdue and no on-time figures.
    assert not ResponseObligation.objects.filter(history=False).exists()
    mine = ResponseObligation.objects.visible_to(user)
    summary = deadlines(mine, timezone.localdate())
    assert not summary.buckets["overdue"] and not summary.by_year
    page = get_page(signed_in, "/deadlines/")
    assert "Overdue (0)" in page
    assert f"History: past reports kept for the record ({mine.count()})" in page and mine.count() > 20
    assert "No periods have ended yet." in page
