"""The tracker with 50,000 actions: the list filtered and sorted (server time and queries per request,
beside the baseline page), and the quarterly panel report built from the same data.

Prints one JSON object per case. Server time is Django answering in-process (test client), as in
pages.py; the panel report is timed from the database to the finished Word file, charts included.
"""

import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import configure, measure  # noqa: E402  (bench scripts run as files, beside each other)

ACTIONS = 50_000


def make_actions(office, user) -> None:
    """50,000 actions of the office on synthetic reports, with a spread of targets, statuses, progress,
    owners and updates (bulk-created: the services would take an hour to write them)."""
    from reports.models import Finding
    from reports.testing import make_many_reports
    from tracking.models import Action, ActionUpdate, Category, Status, View
    from tracking.services import ensure_statuses

    rng = random.Random(20200227)
    make_many_reports(reports=2000, findings_per_report=25)
    ensure_statuses([office])
    statuses = {view: list(Status.objects.filter(office=office, view=view)) for view in View.values}
    today = date.today()
    findings = Finding.objects.order_by("pk").values_list("pk", flat=True)[:ACTIONS]
    actions = []
    for finding_id in findings:
        force_status = rng.choice(statuses[View.FORCE])
        opcc_status = rng.choice(statuses[View.OPCC] + [None, None])
        target = today + timedelta(days=rng.randrange(-700, 400)) if rng.random() < 0.9 else None
        category = (
            Category.CLOSED
            if opcc_status and opcc_status.category == Category.CLOSED
            else (
                opcc_status.category
                if opcc_status and opcc_status.category != Category.OPEN
                else force_status.category
            )
        )
        actions.append(
            Action(
                office=office,
                force=office.force,
                finding_id=finding_id,
                owner=rng.choice(["Custody team", "Public protection", "Head of crime", ""]),
                original_target_on=target - timedelta(days=90) if target and rng.random() < 0.1 else target,
                target_on=target,
                force_status=force_status,
                opcc_status=opcc_status,
                category=category,
                progress=rng.choice([0, 0, 20, 50, 80, 100]),
                waiting_on="The local authority" if rng.random() < 0.05 else "",
                last_update_on=today - timedelta(days=rng.randrange(400)),
            )
        )
    made = Action.objects.bulk_create(actions, batch_size=5000)
    updates = [
        ActionUpdate(
            action=action,
            author=user,
            author_name="Bench",
            effective_on=action.last_update_on,
            view=View.OPCC if action.opcc_status_id else View.FORCE,
            status_id=action.opcc_status_id or action.force_status_id,
            text="Synthetic update.",
        )
        for action in made
    ]
    ActionUpdate.objects.bulk_create(updates, batch_size=5000)


def settle() -> None:
    """Statistics for the planner, as a database in use has them: autovacuum would do this on PostgreSQL
    (its visibility map is what lets an index-only scan skip the table), ANALYZE on SQLite."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def main() -> None:
    configure()
    from django.core.management import call_command
    from django.test import Client

    from accounts.testing import make_user
    from directory.models import LocalPolicingBody
    from directory.services import load_reference_data
    from tracking import panel_documents, panel_report
    from tracking.models import Action

    call_command("migrate", verbosity=0)
    load_reference_data()
    office = LocalPolicingBody.objects.filter(force__code="cheshire").current().get()
    user = make_user(username="bench", office=office)
    make_actions(office, user)
    assert Action.objects.filter(office=office).count() == ACTIONS
    settle()

    client = Client()
    client.force_login(user)
    cases = [
        ("baseline: accessibility statement (no data)", "/accessibility/", 0),
        ("tracker, page 1 by target date", "/tracker/", 50),
        ("tracker, page 500", "/tracker/?page=500", 50),
        ("tracker, overdue, by force", "/tracker/?late=overdue&sort=force", 50),
        ("tracker, newly overdue", "/tracker/?late=newly", 50),
        ("tracker, red RAG, latest first", "/tracker/?rag=red&sort=-target", 50),
        ("tracker, open, owner filter", "/tracker/?category=open&owner=custody", 50),
        ("tracker, words in the finding", "/tracker/?q=report+1999", 25),
    ]
    baseline = None
    for case, url, shown in cases:
        row = {"benchmark": "tracking", "case": case, "rows shown": shown, **measure(client, url)}
        baseline = baseline or row["median ms"]
        row["x baseline"] = round(row["median ms"] / baseline, 1)
        print(json.dumps(row), flush=True)

    today = date.today()
    start = time.perf_counter()
    report = panel_report.build(office=office, quarter=panel_report.Quarter.of(today), today=today)
    document = panel_documents.as_docx(report)
    annex = panel_documents.annex_xlsx(report)
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "benchmark": "tracking",
                "case": f"panel report (Word + Excel annex), {ACTIONS:,} actions",
                "rows shown": len(report.overdue_shown),
                "seconds": round(seconds, 2),
                "overdue in annex": len(report.overdue),
                "Word KB": len(document) // 1024,
                "annex KB": len(annex) // 1024,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
