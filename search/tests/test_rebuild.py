"""`scrutiny search rebuild` refills the search index in batches: after it was emptied, and after a bulk
load that sent no signals."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from modelsearch.backends import get_search_backend
from modelsearch.models import IndexEntry

from reports.models import Finding
from reports.testing import make_finding, make_many_reports, make_report

pytestmark = pytest.mark.django_db


def found(words: str) -> set[int]:
    return {finding.pk for finding in get_search_backend().search(words, Finding, operator="and")}


def rebuild(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("search", "rebuild", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_rebuilds_an_emptied_index():
    findings = [make_finding(label=f"Recommendation {n}", text=f"Interpreters, point {n}.") for n in range(5)]
    IndexEntry.objects.all().delete()
    assert found("interpreters") == set()
    out, _ = rebuild("--batch-size", "2")
    assert found("interpreters") == {finding.pk for finding in findings}
    assert f"reports.Finding: {Finding.objects.count():,} indexed" in out


def test_it_indexes_what_a_bulk_load_wrote_without_signals(capsys):
    make_many_reports(reports=3, findings_per_report=4)
    assert found("synthetic") == set()
    rebuild("--batch-size", "5")
    synthetic = Finding.objects.filter(text__startswith="Synthetic")
    assert found("synthetic") == set(synthetic.values_list("pk", flat=True))
    total = Finding.objects.count()
    assert f"{total}/{total}" in capsys.readouterr().err  # the progress bar, on standard error


def test_a_rebuild_drops_entries_whose_findings_are_gone():
    finding = make_finding(text="Interpreters in custody.")
    Finding.objects.filter(pk=finding.pk).delete()  # as a raw delete would, leaving the entry behind
    IndexEntry.objects.filter(object_id=str(finding.pk), content_type__model="finding").update(
        body="interpreters"
    )
    rebuild()
    assert not IndexEntry.objects.filter(object_id=str(finding.pk), content_type__model="finding").exists()


def test_a_batch_size_below_one_is_refused():
    with pytest.raises(CommandError, match="--batch-size must be at least 1, not 0"):
        rebuild("--batch-size", "0")


def test_an_upgrade_over_stored_findings_has_the_worker_fill_the_index():
    """Findings stored before the index existed (here: created in bulk, which sends no signals) are not in
    it; `migrate` notices and the worker fills it, so the tracker's search finds them without anyone
    knowing to rebuild. An index already holding entries is left to the saves that keep it."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    from search.services import missing_from_index

    report = make_report()
    Finding.objects.bulk_create(
        [Finding(report=report, kind="recommendation", label="R1", text="Forces should fund interpreters.")]
    )
    assert missing_from_index()
    post_migrate.send(
        sender=apps.get_app_config("search"), app_config=apps.get_app_config("search"), using="default"
    )
    assert not missing_from_index()
    assert [finding.label for finding in get_search_backend().search("interpreters", Finding)] == ["R1"]
