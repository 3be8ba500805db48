"""The demo scenario from design.md, composed from every app's demo step (see `core.registry.demo_steps`).

Each step takes the shared dict the earlier steps filled (the office, its officer, the report…) and adds
its own. The whole demo is one transaction, and running it again changes nothing.
"""

from django.db import transaction

from accounts.demo import DEMO_PASSWORD, DEMO_USERNAME
from core import registry
from reports.demo import REPORT_TITLE

__all__ = ["DEMO_PASSWORD", "DEMO_USERNAME", "REPORT_TITLE", "load_demo"]


@transaction.atomic
def load_demo() -> dict:
    """Load reference data and the scenario; running it again changes nothing."""
    demo: dict = {}
    for step in registry.demo_steps:
        registry.resolve(step.function)(demo)
    return demo
