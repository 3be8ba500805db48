"""Who may open each of custody's pages and call its API operations (see core/matrix.py). Figures are
for the office's staff and panel (controlled); records, imports, batches and the office's own overnight
rules need the custody permission,
which in the matrix's world only the deployment administrator holds."""

from core.tests.matrix import DENIED, MISSING, UNAUTHENTICATED, outcomes
from custody.models import ImportBatch, OvernightRule

FIGURES = outcomes(force=DENIED, partnership=DENIED)
RECORDS = outcomes(
    admin=DENIED, officer=DENIED, force=DENIED, partnership=DENIED, panel=DENIED, other_office=DENIED
)
API_FIGURES = FIGURES | {"anonymous": UNAUTHENTICATED}
API_RECORDS = RECORDS | {"anonymous": UNAUTHENTICATED}

PAGES = {
    "custody:figures": ("get", lambda w: {}, FIGURES),
    "custody:return": (
        "get",
        lambda w: {"kind": "csv"},
        FIGURES | {"other-office": MISSING},
    ),  # nothing imported
    "custody:briefing": ("get", lambda w: {}, FIGURES),
    "custody:rules": ("get", lambda w: {}, RECORDS),  # office rules: only with the custody permission
    "custody:rule-delete": ("post", lambda w: {"pk": w["custody_rule"].pk}, RECORDS),
    "custody:import": ("get", lambda w: {}, RECORDS),
    "custody:template": ("get", lambda w: {}, RECORDS),
    "custody:batches": ("get", lambda w: {}, RECORDS),
    "custody:batch": ("get", lambda w: {"pk": w["custody_batch"].pk}, RECORDS),
    "custody:batch-delete": ("get", lambda w: {"pk": w["custody_batch"].pk}, RECORDS),
    "custody:records": ("get", lambda w: {}, RECORDS),
    "custody:records-export": ("get", lambda w: {"kind": "csv"}, RECORDS),
}

OPERATIONS = {
    "custody_api_figures": (lambda w: {}, API_FIGURES),
    "custody_api_list_imports": (lambda w: {}, API_RECORDS),
    "custody_api_get_import": (lambda w: {"batch_id": w["custody_batch"].pk}, API_RECORDS),
    "custody_api_start_import": (lambda w: {}, API_RECORDS),
}

ADMIN_SAMPLE = []


def world(world: dict) -> None:
    world["custody_batch"] = ImportBatch.objects.filter(office=world["office"]).first()
    world["custody_rule"], _ = OvernightRule.objects.get_or_create(
        office=world["office"],
        name="Brought in at night",
        defaults={"kind": "arrived", "starts": "22:00", "ends": "06:00"},
    )
