"""The demo scenario from design.md, composed from every app's demo step (see `core.registry.demo_steps`).

Each step takes the shared dict the earlier steps filled (the office, its officer, the report…) and adds
its own. The whole demo is one transaction, and running it again changes nothing.
"""

from django.db import transaction

from accounts.demo import DEMO_PASSWORD, DEMO_USERNAME
from core import registry
from reports.demo import REPORT_TITLE

__all__ = ["DEFAULT_BASE_URL", "DEMO_PASSWORD", "DEMO_USERNAME", "REPORT_TITLE", "load_demo"]

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


@transaction.atomic
def load_demo(base_url: str = DEFAULT_BASE_URL) -> dict:
    """Load reference data and the scenario; running it again changes nothing. `base_url` is where the
    service will be served, for the addresses the demo records (the published response's)."""
    demo: dict = {"base_url": base_url.rstrip("/")}
    for step in registry.demo_steps:
        registry.resolve(step.function)(demo)
    return demo
