"""The search (search/finder.py) over many findings: p50 and p95 of five kinds of query, each as an officer
(every report), as a force contributor (the reports that concern one force: the visibility rule in the
query) and, but for the facets, as the public (the findings of the 30% of reports with a published
response: `/published/search/`), beside a baseline measured in the same run on the same queries: the plain `icontains` scan the
finding list's word filter does (the first page and the count).

    python bench/search.py [--findings 600000] [--queries 200]   (60,000 findings by default)

Findings are generated: 30 to a report, their words drawn from a made-up vocabulary with a Zipf spread,
so that the common words are in 5-10% of findings and the rare ones in a handful; 30% of those of
reports naming a force have an action by its office, half of those an update whose note is searched too. The index is built by
`scrutiny search rebuild`'s code (timed, with its size). Each database's part ends with one line
`search db=<sqlite|postgresql> findings=<n> p95_ms=<worst kind's p95> baseline_p95_ms=<its p95>`.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import configure  # noqa: E402  (bench scripts run as files, beside each other)

PER_REPORT = 30
BASELINE_QUERIES = 20  # the scan takes a second or more at 600,000 findings: 20 of each kind are enough
SYLLABLES = ["ka", "lo", "mi", "ter", "vun", "sa", "dre", "pol", "quin", "ba", "re", "to", "nix", "fe", "gu"]


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def make_findings(total: int, rng: random.Random, words: list[str]) -> None:
    from directory.models import Force, ReportType
    from reports.models import Finding, Report

    kinds = [kind for kind, _ in Finding.Kind.choices]
    labels = dict(Finding.Kind.choices)  # a finding's label names its kind, as reports print them
    report_type = ReportType.objects.get(code="peel")
    forces = list(Force.objects.all())
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf: the first words are the common ones
    start = date(2014, 1, 1)
    for first in range(0, total // PER_REPORT, 1000):
        batch = Report.objects.bulk_create(
            Report(
                title=f"Inspection of {rng.choice(words)} {rng.choice(words)} {n:05d}",
                report_type=report_type,
                published_on=start + timedelta(days=rng.randrange(4300)),
                all_forces=rng.random() < 0.1,
            )
            for n in range(first, min(first + 1000, total // PER_REPORT))
        )
        named = {report.pk: rng.choice(forces) for report in batch if not report.all_forces}
        Report.forces.through.objects.bulk_create(
            Report.forces.through(report_id=pk, force_id=force.pk) for pk, force in named.items()
        )
        publish(batch, rng)
        Finding.objects.bulk_create(
            (
                Finding(
                    report_id=report.pk,
                    kind=kinds[
                        n % 4 if n < 8 else 0
                    ],  # the first eight alternate kinds, then recommendations
                    label=f"{labels[kinds[n % 4 if n < 8 else 0]]} {n + 1}",
                    position=n + 1,
                    text="The force should "
                    + " ".join(rng.choices(words, weights, k=rng.randint(12, 30)))
                    + ".",
                )
                for report in batch
                for n in range(PER_REPORT)
            ),
            batch_size=5000,
        )
        track(batch, named, rng, words, weights)


PUBLISHED = 0.3  # the share of reports with a published response: what the public search covers


def publish(reports, rng: random.Random) -> None:
    """A published response by the office of one force the report names, for PUBLISHED of the reports."""
    from directory.models import LocalPolicingBody
    from responses.models import ResponseObligation

    bodies = list(LocalPolicingBody.objects.current().select_related("force"))
    ResponseObligation.objects.bulk_create(
        ResponseObligation(
            report_id=report.pk,
            body=rng.choice(bodies),
            statutory=True,
            published_on=report.published_on + timedelta(days=50),
        )
        for report in reports
        if rng.random() < PUBLISHED
    )


TRACKED, NOTED = 0.3, 0.5  # findings with an action by their force's office; actions with an update


def track(reports, named, rng: random.Random, words: list[str], weights: list[float]) -> None:
    """Actions on TRACKED of the findings of the reports naming a force, by that force's office (open,
    some past their target date, or done), and on NOTED of them an update whose note is searched too."""
    from accounts.models import User
    from directory.models import LocalPolicingBody
    from reports.models import Finding
    from tracking.models import Action, ActionUpdate

    offices = {body.force_id: body for body in LocalPolicingBody.objects.current()}
    author = User.objects.get_or_create(username="benchauthor", defaults={"first_name": "Bench"})[0]
    published = {report.pk: report.published_on for report in reports}
    actions = Action.objects.bulk_create(
        (
            Action(
                office=offices[named[report_id].pk],
                force=named[report_id],
                finding_id=pk,
                target_on=published[report_id] + timedelta(days=rng.choice([180, 365, 730, 4000])),
                category=rng.choice(["open", "open", "done"]),
            )
            for pk, report_id in Finding.objects.filter(report__in=list(named)).values_list("pk", "report_id")
            if rng.random() < TRACKED and named[report_id].pk in offices
        ),
        batch_size=5000,
    )
    ActionUpdate.objects.bulk_create(
        (
            ActionUpdate(
                action=action,
                author=author,
                author_name="Bench",
                effective_on=action.target_on - timedelta(days=90),
                text="Work has started: " + " ".join(rng.choices(words, weights, k=rng.randint(8, 20))) + ".",
            )
            for action in actions
            if rng.random() < NOTED
        ),
        batch_size=5000,
    )


def index_size() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('modelsearch_indexentry')")
            return cursor.fetchone()[0]
        cursor.execute(
            "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'modelsearch_%' OR name LIKE 'modelsearch_sqlitefts%'"
        )
        return cursor.fetchone()[0] or 0


def queries(rng: random.Random, words: list[str], count: int) -> dict[str, list[tuple[str, dict]]]:
    from reports.models import Finding, Report

    frequency = {}
    sample = list(Finding.objects.order_by("?").values_list("text", flat=True)[:2000])
    for text in sample:
        for word in set(text.rstrip(".").split()[3:]):
            frequency[word] = frequency.get(word, 0) + 1
    common = [word for word, n in frequency.items() if 0.05 <= n / len(sample) <= 0.10] or words[:5]
    rare = [word for word in words[2000:] if word not in frequency][:1000] or words[-50:]
    titles = list(Report.objects.order_by("?").values_list("title", flat=True)[:count])
    pairs = []
    for text in rng.sample(sample, min(count, len(sample))):
        body = text.rstrip(".").split()[3:]
        at = rng.randrange(len(body) - 1)
        pairs.append(f'"{body[at]} {body[at + 1]}"')
    years = [str(year) for year in range(2014, 2026)]
    return {
        "rare word": [(rng.choice(rare), {}) for _ in range(count)],
        "common word": [(rng.choice(common), {}) for _ in range(count)],
        "phrase": [(rng.choice(pairs), {}) for _ in range(count)],
        "reference": [
            (f"{rng.choice(titles).rsplit(' ', 1)[1]} recommendation {rng.randint(9, PER_REPORT)}", {})
            for _ in range(count)
        ],
        "two facets": [
            (rng.choice(common), {"kind": "recommendation", "year": rng.choice(years)}) for _ in range(count)
        ],
    }


def timed(call, asked) -> list[float]:
    timings = []
    for text, chosen in asked:
        started = time.perf_counter()
        call(text, chosen)
        timings.append((time.perf_counter() - started) * 1000)
    return sorted(timings)


def p95(timings: list[float]) -> float:
    return round(timings[max(0, int(len(timings) * 0.95) - 1)], 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    # 60,000 by default, so `make bench` stays within minutes; --findings 600000 for the full run
    default = int(os.environ.get("SCRUTINY_BENCH_SEARCH_FINDINGS", "60000"))
    parser.add_argument("--findings", type=int, default=default)
    parser.add_argument("--queries", type=int, default=200)
    options = parser.parse_args()
    configure()
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import User
    from accounts.roles import Role
    from accounts.testing import make_user
    from directory.models import Force, LocalPolicingBody
    from directory.services import load_reference_data
    from reports.models import Finding
    from search.finder import public_search, search
    from search.services import rebuild_index

    call_command("migrate", verbosity=0)
    load_reference_data()
    rng = random.Random(20261208)
    words = vocabulary(rng)
    written = rebuilt = 0.0
    if Finding.objects.count() != options.findings:  # else a database kept from an earlier run
        started = time.perf_counter()
        make_findings(options.findings, rng, words)
        written = time.perf_counter() - started
        started = time.perf_counter()
        rebuild_index(batch_size=5000)
        rebuilt = time.perf_counter() - started
    database = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    findings = Finding.objects.count()
    print(
        json.dumps(
            {
                "benchmark": "search: index",
                "findings": findings,
                "rows written s": round(written, 1),
                "rebuild s": round(rebuilt, 1),
                "index MB": round(index_size() / 1e6, 1),
            }
        ),
        flush=True,
    )
    User.objects.filter(username__startswith="bench-").delete()
    people = {
        "officer": make_user(  # of Cheshire's office: its actions' status, themes and updates count
            username="bench-officer",
            role=Role.OPCC_OFFICER,
            office=LocalPolicingBody.objects.current().get(force__code="cheshire"),
        ),
        "force contributor": make_user(
            username="bench-force", role=Role.FORCE_CONTRIBUTOR, force=Force.objects.get(code="cheshire")
        ),
    }
    asked = queries(rng, words, options.queries)
    public = "the public (published responses)"
    people[public] = None

    def baseline(text, chosen):
        word = text.strip('"').split(" recommendation ")[0]
        matching = Finding.objects.filter(text__icontains=word)
        if chosen:
            matching = matching.filter(kind=chosen["kind"], report__published_on__year=int(chosen["year"]))
        list(matching.order_by("-pk")[:20])
        matching.count()

    worst, worst_baseline = 0.0, 0.0
    for kind, cases in asked.items():
        base = timed(baseline, cases[:BASELINE_QUERIES])
        worst_baseline = max(worst_baseline, p95(base))
        for role, person in people.items():
            if person is None and kind == "two facets":
                continue  # the public search has no facets
            if person is None:
                timings = timed(lambda text, chosen: public_search(text), cases)
            else:
                timings = timed(lambda text, chosen, person=person: search(person, text, chosen), cases)
            worst = max(worst, p95(timings))
            print(
                json.dumps(
                    {
                        "benchmark": f"search: {kind}",
                        "as": role,
                        "findings": findings,
                        "p50 ms": round(statistics.median(timings), 1),
                        "p95 ms": p95(timings),
                        "baseline p95 ms (icontains)": p95(base),
                        "x baseline": round(p95(timings) / max(p95(base), 0.1), 2),
                    }
                ),
                flush=True,
            )
    line = f"search db={database} findings={findings} p95_ms={worst} baseline_p95_ms={worst_baseline}"
    print(line, file=sys.stderr)
    print(json.dumps({"benchmark": "search", "result": line}))


if __name__ == "__main__":
    main()
