"""The event contract: every signal a domain sends is declared in its `events` module with the apps that
must hear it, and each of those apps is connected (dispatch_uid "<app>.<signal>"); no app listens to a
signal that is not declared."""

import importlib
import itertools

import pytest
from django.conf import settings
from django.dispatch import Signal
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

OWN_APPS = [app for app in settings.INSTALLED_APPS if "." not in app and (settings.BASE_DIR / app).is_dir()]


def event_modules():
    found = []
    for app in OWN_APPS:
        try:
            found.append(importlib.import_module(f"{app}.events"))
        except ModuleNotFoundError:
            continue
    return found


def listening_apps(signal: Signal) -> set[str]:
    """The apps connected to the signal, by their receivers' dispatch_uid."""
    apps = set()
    for lookup_key, *_ in signal.receivers:
        uid = lookup_key[0]
        assert isinstance(uid, str) and "." in uid, (
            f"a receiver without a '<app>.<signal>' dispatch_uid: {uid!r}"
        )
        apps.add(uid.split(".", 1)[0])
    return apps


def test_the_walk_finds_the_event_modules():
    assert {module.__name__ for module in event_modules()} >= {"reports.events", "accounts.events"}


@pytest.mark.parametrize("module", event_modules(), ids=lambda module: module.__name__)
def test_every_signal_is_declared_and_heard_by_exactly_the_apps_declared(module):
    signals = {name: value for name, value in vars(module).items() if isinstance(value, Signal)}
    declared = getattr(module, "LISTENERS", {})
    assert set(signals) == set(declared), (
        f"{module.__name__}: declare every signal in LISTENERS, and only those"
    )
    for name, signal in signals.items():
        assert listening_apps(signal) == declared[name], f"{module.__name__}.{name}"


def test_a_split_finding_is_tracked_like_its_sibling(db):
    from reports.services import split_finding
    from reports.testing import make_finding
    from tracking.models import Action

    finding = make_finding(text="The force should do one thing. The force should do another.")
    from tracking.services import open_actions

    open_actions(report=finding.report)
    before = Action.objects.filter(finding=finding).count()
    assert before > 0
    new = split_finding(
        finding=finding,
        first_text="The force should do one thing.",
        second_text="The force should do another.",
        second_label="Recommendation 1b",
    )
    assert Action.objects.filter(finding=new).count() == before


def test_a_finding_reclassified_in_or_out_of_tracking_gains_or_loses_its_actions(db):
    from reports.models import Finding
    from reports.services import update_finding
    from reports.testing import make_finding
    from tracking.models import Action
    from tracking.services import open_actions

    finding = make_finding(kind=Finding.Kind.PROMISING_PRACTICE, label="GP 1", text="A thing done well.")
    open_actions(report=finding.report)
    assert not Action.objects.filter(finding=finding).exists()
    update_finding(finding=finding, kind=Finding.Kind.RECOMMENDATION, label="Recommendation 1")
    assert Action.objects.filter(finding=finding).exists()
    update_finding(finding=finding, kind=Finding.Kind.PROMISING_PRACTICE, label="GP 1")
    assert not Action.objects.filter(finding=finding).exists()


OPERATIONS = ["add", "split", "merge", "delete", "reclassify"]


REPORTS = itertools.count()


@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 5), st.integers(0, 5)), max_size=8)
)
def test_whatever_is_done_to_findings_every_tracked_finding_is_followed_and_no_other(db, steps):
    """The property the event contract keeps: after any sequence of adding, splitting, merging, deleting and
    reclassifying findings, each finding of a tracked kind has one action for each office the report
    concerns, and a finding of another kind has none."""
    from reports.models import Finding
    from reports.services import (
        FindingInput,
        FindingRefused,
        add_findings,
        delete_finding,
        merge_findings,
        split_finding,
        update_finding,
    )
    from reports.testing import make_report
    from tracking.models import Action
    from tracking.services import TRACKED_KINDS, offices_for

    report = make_report(title=f"Report {next(REPORTS)}")
    kinds = [Finding.Kind.RECOMMENDATION, Finding.Kind.AREA_FOR_IMPROVEMENT, Finding.Kind.PROMISING_PRACTICE]
    for step, (operation, first, second) in enumerate(steps):
        findings = list(report.findings.order_by("position", "id"))
        pick = findings[first % len(findings)] if findings else None
        other = findings[second % len(findings)] if findings else None
        try:
            if operation == "add" or pick is None:
                add_findings(
                    report=report,
                    findings=[FindingInput(kind=kinds[first % 3], label=f"F{step}", text=f"Text {step}.")],
                )
            elif operation == "split":
                split_finding(
                    finding=pick, first_text="One part.", second_text="Another part.", second_label=f"S{step}"
                )
            elif operation == "merge" and other.pk != pick.pk:
                merge_findings(first=pick, second=other)
            elif operation == "delete":
                delete_finding(finding=pick)
            elif operation == "reclassify":
                update_finding(finding=pick, kind=kinds[second % 3])
        except FindingRefused:
            pass  # a refusal changes nothing
    offices = {office.pk for office in offices_for(report)}
    for finding in report.findings.all():
        followed = set(Action.objects.filter(finding=finding).values_list("office_id", flat=True))
        assert followed == (offices if finding.kind in TRACKED_KINDS else set()), (
            finding.label,
            finding.kind,
        )
