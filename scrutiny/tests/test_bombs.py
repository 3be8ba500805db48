"""Decompression bombs: a small Word or Excel file that unpacks to hundreds of megabytes is refused by
every import and upload that takes one, from the archive's directory alone (nothing is inflated), with a
message naming the file; the worker that would have read it goes on to the next job."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.testing import client_as, make_user
from documents import DocumentError
from documents.testing import office_bomb

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def workbook_bomb():
    return office_bomb("xlsx", 200)


@pytest.fixture(scope="module")
def word_bomb():
    return office_bomb("docx", 200)


def test_the_bombs_are_small_and_unpack_past_every_limit(workbook_bomb, word_bomb):
    assert len(workbook_bomb) < 300_000 and len(word_bomb) < 300_000


def test_a_custody_import_refuses_a_workbook_bomb_at_once_and_the_worker_lives(workbook_bomb, tmp_path):
    from core.models import Job
    from custody.imports import import_file
    from custody.models import Detention

    analyst = make_user(username="analyst", custody_access=True)
    upload = SimpleUploadedFile("detentions.xlsx", workbook_bomb)
    started = time.perf_counter()
    page = client_as(analyst).post("/custody/import/", {"document": upload})
    elapsed = time.perf_counter() - started
    assert page.status_code == 200 and "decompression bomb" in page.content.decode()
    assert "detentions.xlsx" in page.content.decode()
    assert not Job.objects.exists() and not Detention.objects.exists()  # refused before the worker
    print(f"custody page refusal: {elapsed:.3f} s")
    path = tmp_path / "direct.xlsx"  # the command line and the worker read through the same check
    path.write_bytes(workbook_bomb)
    with pytest.raises(DocumentError, match="decompression bomb"):
        import_file(path=path, office=analyst.office)


def test_the_custody_api_refuses_a_workbook_bomb(workbook_bomb):
    from django.test import Client

    from accounts.testing import token_for

    analyst = make_user(username="analyst", custody_access=True)
    caller = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(analyst)}")
    answer = caller.post("/api/custody/imports", {"document": SimpleUploadedFile("api.xlsx", workbook_bomb)})
    assert answer.status_code == 422 and "decompression bomb" in answer.json()["detail"]


def test_the_tracker_import_refuses_a_workbook_bomb(workbook_bomb):
    from tracking.imports import read_table

    with pytest.raises(DocumentError, match="decompression bomb") as refused:
        read_table(SimpleUploadedFile("tracker.xlsx", workbook_bomb))
    assert "tracker.xlsx" in str(refused.value)


def test_a_word_bomb_is_refused_on_arrival_as_a_report_or_as_evidence(word_bomb):
    from documents.uploads import stage

    with pytest.raises(DocumentError, match="decompression bomb") as refused:
        stage(SimpleUploadedFile("report.docx", word_bomb))
    assert "report.docx" in str(refused.value)


def test_the_coverage_import_refuses_a_workbook_bomb_as_not_a_csv(workbook_bomb):
    from partnerships.tasks import import_coverage_later

    with pytest.raises(DocumentError) as refused:
        import_coverage_later(upload=SimpleUploadedFile("coverage.xlsx", workbook_bomb), user=None)
    assert "coverage.xlsx" in str(refused.value)


def test_an_archive_whose_xml_declares_entities_is_refused():
    import io
    import zipfile

    from documents.archives import ArchiveRefused, check_archive

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook>&a;</workbook>')
    with pytest.raises(ArchiveRefused, match="declares entities"):
        check_archive(buffer.getvalue(), "the Excel workbook", 10**9)


def test_an_archive_of_too_many_parts_is_refused():
    import io
    import zipfile

    from documents.archives import MAX_MEMBERS, ArchiveRefused, check_archive

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(MAX_MEMBERS + 1):
            archive.writestr(f"p/{n}", "")
    with pytest.raises(ArchiveRefused, match="parts"):
        check_archive(buffer.getvalue(), "the Word document", 10**9)


def test_a_bomb_that_reaches_the_worker_fails_its_job_and_the_next_job_runs(workbook_bomb, tmp_path):
    """Were a bomb staged some other way, the worker's import refuses it as a failed job, not a crash."""
    from core import jobs
    from custody.tasks import import_detentions
    from custody.testing import cheshire, synthetic_csv
    from documents.uploads import staging_root

    def staged(name, content):
        folder = staging_root() / name.replace(".", "-")
        folder.mkdir(mode=0o700)
        (folder / name).write_bytes(content)
        return str(folder / name)

    bomb = jobs.start(
        import_detentions, kind="custody-import", label="Bomb", office_id=cheshire().pk,
        path=staged("bomb.xlsx", workbook_bomb), original_name="bomb.xlsx", mapping={},
    )  # fmt: skip
    assert bomb.state == "failed" and "decompression bomb" in bomb.message
    after = jobs.start(
        import_detentions, kind="custody-import", label="Next", office_id=cheshire().pk,
        path=staged("next.csv", synthetic_csv(rows=5).encode()), original_name="next.csv", mapping={},
    )  # fmt: skip
    assert after.state == "done"
