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
        call_command("ingest", str(folder), "--current")
    out, err = capsys.readouterr()
    assert exit_status.value.code == 1
    assert "stored  good.pdf" in out
    assert "1 stored, 0 another format of a stored report, 0 already stored, 0 not reports, 2 failed" in out
    assert "locked.pdf: the PDF is password-protected" in err and "notes.txt: no recommendations" in err
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_file_read_twice_at_once_makes_one_report(tmp_path, monkeypatch):
    # Four uploads of one file at once: each looked for the file before any had stored it, and all but
    # one met the database's unique file hash as an IntegrityError. Here the second read misses the first
    # as a simultaneous one would.
    import threading

    from reports.services import ingest as services

    path = make_pdf(tmp_path / "report.pdf", RECOMMENDATION)
    barrier = threading.Barrier(2)
    real_extract = services.extract

    def in_step(*args, **kwargs):
        barrier.wait(timeout=30)  # both have looked for the file and found nothing
        return real_extract(*args, **kwargs)

    monkeypatch.setattr(services, "extract", in_step)
    outcomes, errors = [], []

    def read():
        from django.db import connection

        try:
            outcomes.append(ingest_file(path))
        except Exception as error:  # noqa: BLE001 - any error is the failure this test looks for
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert sorted(outcome.created for outcome in outcomes) == [False, True]
    assert Report.objects.count() == 1 and outcomes[0].report == outcomes[1].report


@pytest.mark.django_db
def test_a_file_name_longer_than_the_database_keeps_is_shortened_not_refused(tmp_path):
    path = make_pdf(tmp_path / "report.pdf", RECOMMENDATION)
    long_name = "é" * 200 + ".pdf"  # 404 bytes
    outcome = ingest_file(path, original_name=long_name)
    source = outcome.report.documents.get()
    assert source.original_name.startswith("éé") and len(source.original_name) <= 255


@pytest.mark.django_db
def test_a_publication_date_read_from_the_document_that_is_still_to_come_is_refused(tmp_path):
    from django.utils import timezone

    later = timezone.localdate().replace(year=timezone.localdate().year + 1)
    html = RECOMMENDATION.replace("3 March 2025", f"{later.day} {later:%B %Y}")
    with pytest.raises(
        DocumentError, match="report.html: the publication date read from it, .* is after today"
    ):
        ingest_file(write(tmp_path / "report.html", html))
    assert not Report.objects.exists()


def write(path, text):
    path.write_text(f"<!doctype html><html lang='en'><body>{text}</body></html>", encoding="utf-8")
    return path
