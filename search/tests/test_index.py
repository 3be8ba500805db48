"""Findings reach the search index through the background worker after they are saved through the
services, edits and deletions follow, and a label or heading ranks above a word of the text."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from modelsearch.backends import get_search_backend
from modelsearch.models import IndexEntry

from reports.models import Finding
from reports.services import delete_finding, update_finding
from reports.testing import make_finding, make_report

pytestmark = pytest.mark.django_db


def index_tasks(label: str = "reports.Finding") -> int:
    """The index tasks queued for one model's rows (a report stored with its findings queues one for the
    report and one for its findings)."""
    tasks = DBTaskResult.objects.filter(task_path="search.tasks.index_records")
    return sum(1 for task in tasks if task.args_kwargs["args"][0] == label)


def found(words: str, within=Finding) -> list[str]:
    results = get_search_backend().search(words, within, operator="and")
    return [finding.label for finding in results]


@pytest.mark.django_db(transaction=True)  # the worker, as in production, runs after the request committed
def test_a_finding_saved_through_the_services_is_found_once_the_worker_ran():
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        make_finding(label="Recommendation 4", text="Forces should fund interpreters in custody.")
        assert found("interpreters") == []  # nothing was indexed inside the request
        assert index_tasks() == 1
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert found("interpreters") == ["Recommendation 4"]


def test_an_edit_reaches_the_index():
    finding = make_finding(text="Forces should fund interpreters in custody.")
    update_finding(finding=finding, text="Forces should record every strip search.")
    assert found("interpreters") == []
    assert found("strip searches") == [finding.label]


def test_a_deletion_reaches_the_index():
    finding = make_finding(text="Forces should fund interpreters in custody.")
    assert IndexEntry.objects.filter(object_id=str(finding.pk), content_type__model="finding").exists()
    delete_finding(finding=finding)
    assert found("interpreters") == []
    assert not IndexEntry.objects.filter(object_id=str(finding.pk), content_type__model="finding").exists()


def test_a_heading_ranks_above_the_text():
    report = make_report()
    make_finding(report=report, label="Recommendation 1", text="Forces should fund interpreters.")
    make_finding(report=report, label="Recommendation 2", title="Interpreters", text="Forces should pay.")
    assert found("interpreters") == ["Recommendation 2", "Recommendation 1"]


def test_a_label_ranks_above_the_text():
    report = make_report()
    make_finding(report=report, label="Recommendation 1", text="See cause of concern 2 first.")
    make_finding(report=report, label="Cause of concern", text="Forces should act.", kind="cause-of-concern")
    assert found("concern")[0] == "Cause of concern"


def test_the_engine_filters_by_report_and_kind():
    first, second = make_report(), make_report(title="Another inspection")
    make_finding(report=first, label="Recommendation 1", text="Check cells hourly.")
    make_finding(report=second, label="Recommendation 1", text="Check cells daily.")
    make_finding(report=second, label="AFI 1", text="Check cells weekly.", kind="area-for-improvement")
    recommendations = Finding.objects.filter(report_id=second.pk, kind="recommendation")
    assert found("cells", recommendations) == ["Recommendation 1"]
    assert sorted(found("cells", Finding.objects.filter(report_id=second.pk))) == [
        "AFI 1",
        "Recommendation 1",
    ]


@pytest.mark.django_db(transaction=True)
def test_a_report_stored_with_its_findings_is_indexed_in_one_task_and_a_failed_one_in_none():
    """The findings of a report are saved together, so the worker indexes them in one task, not one each
    (the SQLite index rescans itself for every task); a report refused half-way queues nothing."""
    from django.db import transaction

    from reports.services import FindingInput

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        texts = [
            "Forces should fund interpreters.",
            "Forces should log strip searches.",
            "Forces should audit.",
        ]
        make_report(
            findings=[FindingInput(kind="recommendation", label=f"R{n}", text=t) for n, t in enumerate(texts)]
        )
        assert index_tasks() == 1
        with pytest.raises(RuntimeError), transaction.atomic():  # refused: its rows and its task go
            make_finding(label="R9", text="Forces should publish waiting times.")
            raise RuntimeError("refused")
        assert index_tasks() == 1
        make_finding(label="R10", text="Forces should publish waiting times.")  # alone: a task of its own
        assert index_tasks() == 2
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert found("interpreters") == ["R0"] and found("strip searches") == ["R1"]
