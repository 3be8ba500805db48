"""Bad input gets a clear message naming the file and the problem, and nothing is stored for it."""

import pytest
from django.core.management import call_command

from documents import DocumentError
from documents.testing import hand_made_pdf, make_pdf
from reports.models import Report
from reports.services import ingest_file

RECOMMENDATION = (
    "<h1>A report</h1><p>Published 3 March 2025</p><p>Recommendation 1: Chief constables should act.</p>"
)


@pytest.mark.django_db
def test_a_report_with_no_findings_is_not_stored(tmp_path):
    path = make_pdf(
        tmp_path / "news.pdf", "<h1>News</h1><p>Published 3 March 2025</p><p>The force did well.</p>"
    )
    with pytest.raises(DocumentError, match="news.pdf: no recommendations"):
        ingest_file(path)
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_ingesting_the_same_file_twice_changes_nothing(tmp_path):
    path = make_pdf(tmp_path / "report.pdf", RECOMMENDATION)
    first = ingest_file(path)
    second = ingest_file(path)
    assert first.created and not second.created and first.report == second.report
    assert Report.objects.count() == 1 and first.report.findings.get().label == "Recommendation 1"
    assert first.report.published_on.isoformat() == "2025-03-03"


@pytest.mark.django_db
def test_a_batch_goes_on_past_bad_files_and_lists_them(tmp_path, capsys):
    folder = tmp_path / "inbox"
    folder.mkdir()
    make_pdf(folder / "good.pdf", RECOMMENDATION)
    hand_made_pdf(folder / "locked.pdf", encrypted=True)
    (folder / "notes.txt").write_text("Nothing to see here, only notes about the weather.\n")
    with pytest.raises(SystemExit) as exit_status:
        call_command("ingest", str(folder))
    out, err = capsys.readouterr()
    assert exit_status.value.code == 1
    assert "stored  good.pdf" in out and "1 stored, 0 already stored, 2 failed" in out
    assert "locked.pdf: the PDF is password-protected" in err and "notes.txt: no recommendations" in err
    assert Report.objects.count() == 1
