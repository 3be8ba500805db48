"""The demo's custody data: a year of synthetic Cheshire detentions (February 2019 to January 2020, the
twelve months before the thematic report), made by the synthetic generator and brought in through the
real import, so the four local authorities differ visibly in transfers achieved. Nothing in it is real."""

import tempfile
from datetime import date
from pathlib import Path

from custody.disclosure import control_office
from custody.models import ImportBatch
from custody.testing import import_synthetic

DEMO_ROWS = 1500
DEMO_SEED = 2020
DEMO_START = date(2019, 2, 1)


def load(demo: dict) -> None:
    """Once: running the demo again changes nothing."""
    office = demo["office"]
    if ImportBatch.objects.filter(office=office, state=ImportBatch.State.IMPORTED).exists():
        return
    with tempfile.TemporaryDirectory() as folder:
        import_synthetic(Path(folder), rows=DEMO_ROWS, seed=DEMO_SEED, office=office, start=DEMO_START)
    control_office(office.pk)  # as the worker does after an import
