"""Report and finding pages with 2,000 reports and 60,000 findings: server time and queries per request.

Prints one JSON object per case. Server time is the time Django takes to answer a request in-process
(test client: URL routing, middleware, views, templates, database), without network or browser.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPORTS, FINDINGS_PER_REPORT, REQUESTS = 2000, 30, 60


def configure() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["SCRUTINY_DATA_DIR"] = tempfile.mkdtemp(prefix="scrutiny-bench-")
    url = os.environ.get("SCRUTINY_BENCH_DATABASE_URL")
    if url:
        os.environ["DATABASE_URL"] = url
        if not os.environ.get("SCRUTINY_BENCH_KEEP_DATABASE"):  # set to time queries again on a loaded one
            recreate_postgres_database(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    import django

    django.setup()


def recreate_postgres_database(url: str) -> None:
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def measure(client, url: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        client.get(url)
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    return {
        "median ms": round(statistics.median(timings), 1),
        "p95 ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "queries": len(queries),
    }


def main() -> None:
    configure()
    from django.core.management import call_command
    from django.test import Client

    from accounts.testing import make_user
    from directory.services import load_reference_data
    from reports.models import Finding, Report
    from reports.testing import make_finding, make_many_reports

    call_command("migrate", verbosity=0)
    load_reference_data()
    make_many_reports(reports=REPORTS, findings_per_report=FINDINGS_PER_REPORT)
    big = Report.objects.order_by("pk").first()
    for n in range(FINDINGS_PER_REPORT, 300):
        make_finding(report=big, label=f"Extra {n}")
    small = Report.objects.order_by("pk").last()
    assert Report.objects.count() == REPORTS and Finding.objects.count() >= REPORTS * FINDINGS_PER_REPORT

    client = Client()
    client.force_login(make_user(username="bench"))
    cases = [
        ("baseline: accessibility statement (no data)", "/accessibility/", 0),
        ("report list, page 1", "/reports/", 50),
        ("report list, page 40", "/reports/?page=40", 50),
        ("report list, filtered to one report", f"/reports/?q={small.title[-5:]}", 1),
        ("report list, force filter", "/reports/?force=cheshire", 50),
        (f"report detail, {FINDINGS_PER_REPORT} findings", f"/reports/{small.pk}/", FINDINGS_PER_REPORT),
        ("report detail, 300 findings", f"/reports/{big.pk}/", 300),
        ("finding list, page 1", "/findings/", 50),
        ("finding list, kind filter", "/findings/?kind=recommendation", 50),
    ]
    baseline = None
    for case, url, shown in cases:
        row = {"benchmark": "pages", "case": case, "rows shown": shown, **measure(client, url)}
        baseline = baseline or row["median ms"]
        row["x baseline"] = round(row["median ms"] / baseline, 1)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
