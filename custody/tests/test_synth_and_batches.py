from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from custody.models import Detention, ImportBatch
from custody.services import delete_batch, purge
from custody.testing import detention_row, import_rows, import_synthetic, synthetic_csv

pytestmark = pytest.mark.django_db


def test_the_synthetic_file_is_the_same_for_the_same_seed():
    assert synthetic_csv(rows=50, seed=4) == synthetic_csv(rows=50, seed=4)
    assert synthetic_csv(rows=50, seed=4) != synthetic_csv(rows=50, seed=5)


def test_the_synthetic_file_imports_cleanly_with_realistic_shapes(tmp_path):
    batch = import_synthetic(tmp_path, rows=3000, seed=2)
    assert batch.state == ImportBatch.State.IMPORTED, batch.errors[:3]
    assert 0 < batch.missing_release < 100
    detentions = Detention.objects.all()
    charged = detentions.filter(post_charge=True).count() / detentions.count()
    assert 0.25 < charged < 0.45
    assert detentions.filter(sex="male").count() > detentions.filter(sex="female").count() * 3
    rates = (
        detentions.filter(transfer_requested_at__isnull=False)
        .values("transfer_authority__name")
        .annotate(asked=Count("pk"), moved=Count("pk", filter=Q(transferred_at__isnull=False)))
    )
    shares = {
        row["transfer_authority__name"]: row["moved"] / row["asked"] for row in rates if row["asked"] >= 10
    }
    assert max(shares.values()) - min(shares.values()) > 0.3  # areas differ in transfers achieved


def test_the_synth_command_writes_a_file(tmp_path, capsys):
    output = tmp_path / "made.csv"
    call_command("custody", "synth", "--rows", "25", "--seed", "9", "--output", str(output))
    assert len(output.read_text().splitlines()) == 26


def test_the_import_command_imports_and_lists_problems(tmp_path, capsys):
    path = tmp_path / "in.csv"
    path.write_text(synthetic_csv(rows=30, seed=1))
    call_command("custody", "import", str(path))
    assert "30 new" in capsys.readouterr().out


def test_deleting_a_batch_removes_its_records_in_one_audited_step(tmp_path):
    keep = import_rows(tmp_path, [detention_row(custody_record_number="KEEP")], name="keep.csv")
    wrong = import_rows(
        tmp_path, [detention_row(custody_record_number=f"W/{n}") for n in range(20)], name="wrong.csv"
    )
    before = LogEntry.objects.count()
    assert delete_batch(batch=wrong, user=None) == 20
    assert list(Detention.objects.values_list("batch", flat=True)) == [keep.pk]
    entries = LogEntry.objects.order_by("pk")[before:]
    assert [entry.action for entry in entries] == [LogEntry.Action.DELETE]
    assert entries[0].additional_data == {"records deleted": 20}


def test_the_purge_deletes_records_older_than_the_retention_period(tmp_path, settings):
    settings.SCRUTINY_CUSTODY_RETENTION_DAYS = 365
    now = timezone.now()
    old = (now - timedelta(days=400)).strftime("%Y-%m-%d %H:%M")
    recent = (now - timedelta(days=30)).strftime("%Y-%m-%d %H:%M")
    import_rows(
        tmp_path, [detention_row(custody_record_number="OLD", arrived_at=old, released_at="")], name="o.csv"
    )
    import_rows(tmp_path, [detention_row(custody_record_number="NEW", arrived_at=recent, released_at="")])
    assert purge(dry_run=True) == 1 and Detention.objects.count() == 2
    assert purge() == 1
    assert Detention.objects.count() == 1 and ImportBatch.objects.count() == 1
    assert LogEntry.objects.filter(object_repr__startswith="Retention purge: 1 detentions").exists()
