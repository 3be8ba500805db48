"""The demo's reference data: the shipped forces, bodies and local authorities, and the four Cheshire
safeguarding partnerships of the scenario (design.md)."""

from datetime import date

from directory.models import Force, LocalAuthority, SafeguardingPartnership
from directory.services import load_reference_data

SCENARIO_DAY = date(2020, 2, 27)  # the report's publication: the office is the body in office that day

CHESHIRE_PARTNERSHIPS = {
    "E06000049": "Cheshire East Safeguarding Children Partnership",
    "E06000050": "Cheshire West and Chester Safeguarding Children Partnership",
    "E06000006": "Halton Safeguarding Children Partnership",
    "E06000007": "Warrington Safeguarding Children Partnership",
}


def load(demo: dict) -> None:
    """Reference data, the Cheshire office and its partnerships; running it again changes nothing."""
    load_reference_data()
    cheshire = Force.objects.get(code="cheshire")
    for code, name in CHESHIRE_PARTNERSHIPS.items():
        partnership, _ = SafeguardingPartnership.objects.get_or_create(name=name)
        if not partnership.local_authorities.exists():
            partnership.local_authorities.set([LocalAuthority.objects.get(code=code)])
    demo["force"] = cheshire
    demo["office"] = cheshire.body_on(SCENARIO_DAY)
