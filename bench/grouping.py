"""The national register's grouping (search/register.py) on a generated national set, against the truth
the generator knows.

    python bench/grouping.py [--seed N] [--distractors 5]

The set, written by this script in the Scrutiny team's words:
- *national*: 20 recommendations, each printed in every force's own report (43 reports a recommendation,
  published over two years), with the edits copies carry: the force's name or "chief constables" or "the
  force" as who is asked, a lead-in ("HMICFRS recommends that", "We recommend that") or none, a deadline
  ("By 31 March 2022,", "Within six months,", "By the end of 2022,") or none, and in some copies "ensure"
  for "make sure", a word dropped, two letters swapped, or a sentence added;
- *re-raised*: 20 more, each printed for one force in an earlier report and again, edited the same way
  and with up to three words or phrases put in other words, in a later one (a third of them
  re-inspections that find it achieved or not achieved); and for 30 forces a later report asking again,
  in other words, for one of the national recommendations its own report carried;
- *distractors*: every report also prints findings on the same subjects that ask for something else,
  written from the same parts (the first half of one demand with the second half of another of the same
  subject); one may be printed in several forces' reports (and is then a national item of its own).

Grouping is scored over pairs of findings: a pair in one national item is right when the generator made
both from one recommendation (precision), and every such pair should be found (recall). Proposals are
scored as (earlier, later) pairs against the re-raised truth, and their relation separately. Each row of
the table is one part; the last line is `grouping precision=<p> recall=<r>`, the worse part's figures.
The baseline, measured in the same run, is the exact match alone: copies whose words are identical once
the force's name, dates and who is asked are set aside.
"""

import argparse
import itertools
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import configure  # noqa: E402  (bench scripts run as files, beside each other)

NATIONAL, RERAISED, RERAISED_NATIONAL = 20, 20, 30
SUBJECTS = {
    "custody": [
        "every child detained overnight is offered local authority accommodation before charge",
        "custody officers record why a child was not released to a parent or carer",
        "an appropriate adult attends every child held in custody within two hours of arrival",
        "detainees who are strip searched have the reason written in their custody record",
        "health care staff see every detainee who has taken drugs or alcohol before interview",
        "cells used for vulnerable detainees are checked against the ligature point standard each month",
    ],
    "missing children": [
        "every return home interview for a missing child is shared with the child's social worker",
        "officers search the home of a missing child at the first report and record what they found",
        "supervisors review the risk grading of every missing child within the first hour",
        "repeat missing episodes are linked so that patterns of exploitation are seen early",
        "information from missing person debriefs is used to disrupt people who exploit children",
    ],
    "domestic abuse": [
        "officers complete a risk assessment with every victim of domestic abuse at the first visit",
        "body-worn video is used at every domestic abuse incident and kept for evidence-led prosecutions",
        "domestic violence protection notices are considered whenever an arrest does not lead to charge",
        "victims are told within a day when a suspect is released on bail or under investigation",
        "cases referred to the multi-agency risk assessment conference are reviewed by a specialist",
    ],
    "call handling": [
        "emergency calls are answered within ten seconds on at least nine calls in ten",
        "call handlers use a structured assessment of vulnerability on every call",
        "callers who abandon a non-emergency call are called back the same day",
        "incidents held in the control room queue beyond their target time are reviewed by an inspector",
        "the control room records the reasons for changing the grade of an incident",
    ],
    "vetting": [
        "every officer and member of staff has vetting clearance at the level their post needs",
        "vetting decisions that go against the adjudicator's advice are reviewed by a senior officer",
        "the counter-corruption unit has enough trained investigators to assess all intelligence it receives",
        "staff who abuse their position for a sexual purpose are identified from data the force holds",
        "the vetting unit reviews the clearance of officers who move into specialist posts",
    ],
    "stop and search": [
        "supervisors review body-worn video footage of a sample of stop and search encounters each month",
        "the grounds recorded for every stop and search are assessed for reasonableness",
        "community scrutiny panels see data on the use of force and stop and search by ethnicity",
        "officers record the outcome of every stop and search and whether the item sought was found",
    ],
    "investigations": [
        "investigation plans are recorded for every crime allocated to an investigator",
        "victims are asked whether they support a prosecution and their answer is recorded",
        "supervisors review open investigations at set intervals and record their direction",
        "digital devices seized as evidence are examined within the time the investigation needs",
        "crimes are recorded within twenty-four hours of the report of the crime",
    ],
}
SUBJECTS |= {
    "child exploitation": [
        "children at risk of criminal exploitation are referred to the national referral mechanism",
        "intelligence about places where children are exploited is shared with licensing authorities",
        "officers who find a child in a county lines setting treat the child as a victim first",
        "the force maps the adults and locations linked to every child at risk of exploitation",
    ],
    "neighbourhood policing": [
        "neighbourhood officers spend most of their working time in the neighbourhood they serve",
        "problem-solving plans are written for every priority the community has set",
        "neighbourhood teams are not routinely taken away to fill gaps in response shifts",
        "residents are told what was done about the issues they raised at local meetings",
    ],
    "use of force": [
        "every use of force is recorded on the day it happens with the reason it was used",
        "training in conflict resolution is refreshed for every frontline officer each year",
        "the use of handcuffs on children is reviewed by an inspector after every arrest",
    ],
}
VERBS = ["make sure that", "put in place arrangements so that", "be able to show that"]
ADDITIONS = [
    " This should include regular audits of compliance.",
    " Progress should be reported to the police and crime commissioner.",
]
# A later report rewording what it asks again: a few of these, each a word or two.
REWORDINGS = {
    "make sure that": "ensure that",
    "every ": "each ",
    "officers": "police officers",
    "record ": "document ",
    "recorded": "documented",
    "reviewed": "checked",
    "child ": "young person ",
    "children": "young people",
    "shared with": "passed to",
    "within": "in no more than",
    "staff": "personnel",
    "is used": "is applied",
    "the force": "the constabulary",
}
DEADLINES = ["By 31 March 2022, ", "Within six months, ", "By the end of 2022, ", "By September 2022, ", ""]


def parts(rng: random.Random) -> list[tuple[str, str]]:
    """(subject, demand) for every demand, shuffled: the first NATIONAL are sent to every force, the next
    RERAISED made again for one force, the rest only ever distractors."""
    found = [(subject, demand) for subject, demands in SUBJECTS.items() for demand in demands]
    rng.shuffle(found)
    return found


def written(
    rng: random.Random, demand: str, verb: str, force: str, *, edits: bool = True, reworded: int = 0
) -> str:
    """One printed copy of a recommendation: who is asked, a lead-in and a deadline vary; with `edits`,
    sometimes a word is changed or dropped, two letters swapped or a sentence added; `reworded` words or
    phrases are put in other words (as a later report asking again does)."""
    choices = [old for old in REWORDINGS if old in f"{verb} {demand} "]
    for old in rng.sample(choices, min(reworded, len(choices))):
        demand = f"{demand} ".replace(old, REWORDINGS[old], 1).strip()
        verb = verb.replace(old, REWORDINGS[old])
    who = rng.choice([force, "the force", "chief constables", f"the chief constable of {force}"])
    lead = rng.choice(["", "", "HMICFRS recommends that ", "We recommend that "])
    deadline = rng.choice(DEADLINES)
    body = f"{verb} {demand}"
    if edits:
        edit = rng.random()
        if edit < 0.15:
            body = body.replace("make sure that", "ensure that")
        elif edit < 0.25:
            words = body.split()
            del words[rng.randrange(len(words) // 2, len(words))]
            body = " ".join(words)
        elif edit < 0.35:
            words = body.split()
            long = [i for i, word in enumerate(words) if len(word) > 5]
            if long:
                i = rng.choice(long)
                j = rng.randrange(1, len(words[i]) - 2)
                word = words[i]
                words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
            body = " ".join(words)
    if lead and deadline:
        deadline = deadline[0].lower() + deadline[1:-2] + ", "
        lead = lead[:-1] + ", "
    sentence = f"{lead}{deadline}{who} should {body}."
    sentence = sentence[0].upper() + sentence[1:]
    if edits and rng.random() < 0.1:
        sentence += rng.choice(ADDITIONS)
    return sentence


def distractors(demands: list[tuple[str, str]]) -> list[str]:
    """Findings on the subjects the set covers that ask for something none of its recommendations asks
    for: the first half of one demand with the second half of another of the same subject. A distractor
    may be printed in several forces' reports (it is then a national item too), never twice for a force."""
    known = {demand for _, demand in demands}
    found = []
    for listed in SUBJECTS.values():
        for one, other in itertools.permutations(listed, 2):
            head, tail = one.split()[: len(one.split()) // 2], other.split()[len(other.split()) // 2 :]
            text = " ".join(head + tail)
            if text not in known:
                found.append(f"The force should {VERBS[len(found) % len(VERBS)]} {text}.")
    return sorted(set(found))


def generate(seed: int, per_report: int):
    """Store the set (reports and findings through the same services as real reports) and return the
    truth: {finding id: what the generator made it from}, the (earlier, later) pairs expected, and the
    relation each should get."""
    from directory.models import Force, ReportType
    from reports.models import Finding
    from reports.services import FindingInput, create_report

    rng = random.Random(seed)
    demands = parts(rng)
    forces = list(Force.objects.order_by("code"))
    peel, revisit = ReportType.objects.get(code="peel"), ReportType.objects.get(code="post-inspection-review")
    pool = distractors(demands)
    used: dict[int, set[str]] = {}
    truth: dict[int, int | str] = {}
    expected: set[tuple[int, int]] = set()
    relations: dict[tuple[int, int], str] = {}
    verb_of = {n: rng.choice(VERBS) for n in range(len(demands))}

    def store(force, published_on, recommendations, *, kind=peel, title="PEEL inspection"):
        findings, owners = [], []
        for number, text in recommendations:
            findings.append(text)
            owners.append(number)
        for text in rng.sample(sorted(set(pool) - used.setdefault(force.pk, set())), per_report):
            used[force.pk].add(text)
            findings.append(text)
            owners.append(f"distractor: {text}")
        order = list(range(len(findings)))
        rng.shuffle(order)
        report = create_report(
            title=f"{title}: {force.name} {published_on.year}",
            report_type=kind,
            published_on=published_on,
            inspectorates=[],
            forces=[force],
            findings=[
                FindingInput(
                    kind=Finding.Kind.RECOMMENDATION, label=f"Recommendation {n + 1}", text=findings[i]
                )
                for n, i in enumerate(order)
            ],
        )
        stored = list(report.findings.order_by("position", "pk"))
        for finding, i in zip(stored, order, strict=True):
            truth[finding.pk] = owners[i]
        return {owners[i]: finding.pk for finding, i in zip(stored, order, strict=True)}

    national_copies = {}
    for force in forces:  # national: every recommendation in each force's own report
        published = date(2021, 1, 1) + timedelta(days=rng.randrange(700))
        national_copies[force.pk] = store(
            force,
            published,
            [(n, written(rng, demands[n][1], verb_of[n], force.name)) for n in range(NATIONAL)],
        )
    chosen = rng.sample(forces, RERAISED)
    for k, force in enumerate(chosen):  # re-raised: one force, an earlier report and a later one
        n = NATIONAL + k
        first = store(
            force,
            date(2017, 6, 1) + timedelta(days=rng.randrange(365)),
            [(n, written(rng, demands[n][1], verb_of[n], force.name))],
        )
        later_text = written(rng, demands[n][1], verb_of[n], force.name, reworded=rng.choice([0, 1, 2, 3]))
        kind, title, relation = peel, "PEEL inspection", "reraised/superseded"
        if k % 3 == 0:
            verdict = rng.choice(["Achieved. ", "Not achieved. ", "Partially achieved. "])
            later_text = verdict + later_text
            kind, title = revisit, "Post-inspection review"
            relation = "closed" if verdict == "Achieved. " else "reraised"
        second = store(
            force,
            date(2023, 6, 1) + timedelta(days=rng.randrange(365)),
            [(n, later_text)],
            kind=kind,
            title=title,
        )
        pair = (first[n], second[n])
        expected.add(pair)
        relations[pair] = relation
    # re-raised from the national set: a later report for a force asks again for one of the national
    # recommendations its own report carried, in other words
    for force in rng.sample(forces, RERAISED_NATIONAL):
        n = rng.randrange(NATIONAL)
        earlier = national_copies[force.pk][n]
        later_text = written(rng, demands[n][1], verb_of[n], force.name, reworded=rng.choice([0, 1, 2, 3]))
        later = store(force, date(2024, 3, 1) + timedelta(days=rng.randrange(300)), [(n, later_text)])
        pair = (earlier, later[n])
        expected.add(pair)
        relations[pair] = "reraised/superseded"
    return truth, expected, relations


def pairs_of(groups: dict) -> set[tuple[int, int]]:
    by_group: dict = {}
    for finding, group in groups.items():
        if group is not None:
            by_group.setdefault(group, []).append(finding)
    return {
        tuple(sorted(pair)) for members in by_group.values() for pair in itertools.combinations(members, 2)
    }


def scored(found: set, expected: set) -> tuple[float, float]:
    right = len(found & expected)
    return (right / len(found) if found else 1.0), (right / len(expected) if expected else 1.0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=20261208)
    parser.add_argument("--distractors", type=int, default=5, help="Distractor findings in each report.")
    options = parser.parse_args()
    configure()
    from django.core.management import call_command

    from directory.services import load_reference_data
    from search.models import Fingerprint, Proposal
    from search.register import compare_new_findings

    call_command("migrate", verbosity=0)
    load_reference_data()
    started = time.perf_counter()
    truth, expected, relations = generate(options.seed, options.distractors)
    stored = time.perf_counter() - started
    Fingerprint.objects.all().delete()  # the saves compared as they went (tasks run at once): again, timed
    Proposal.objects.all().delete()
    started = time.perf_counter()
    outcome = compare_new_findings()
    seconds = time.perf_counter() - started
    true_pairs = pairs_of(truth)
    items = dict(Fingerprint.objects.values_list("finding_id", "item_id"))
    keys = {finding: key or None for finding, key in Fingerprint.objects.values_list("finding_id", "key")}
    found = {
        (e, later): r for e, later, r in Proposal.objects.values_list("earlier_id", "later_id", "relation")
    }
    rows = []
    item_precision, item_recall = scored(pairs_of(items), true_pairs)
    exact_precision, exact_recall = scored(pairs_of(keys), true_pairs)
    proposal_precision, proposal_recall = scored(set(found), expected)
    right_relation = sum(
        1 for pair, relation in relations.items() if pair in found and found[pair] in relation.split("/")
    )
    rows.append(
        {
            "benchmark": "grouping",
            "part": "national items (pairs)",
            "findings": len(truth),
            "expected": len(true_pairs),
            "found": len(pairs_of(items)),
            "precision": round(item_precision, 3),
            "recall": round(item_recall, 3),
            "baseline_precision": round(exact_precision, 3),
            "baseline_recall": round(exact_recall, 3),
            "seconds": round(seconds, 2),
            "ms_per_finding": round(1000 * seconds / max(outcome.findings, 1), 2),
        }
    )
    rows.append(
        {
            "benchmark": "grouping",
            "part": "proposals (earlier, later)",
            "findings": len(truth),
            "expected": len(expected),
            "found": len(found),
            "precision": round(proposal_precision, 3),
            "recall": round(proposal_recall, 3),
            "relation_right": f"{right_relation}/{len(relations)}",
        }
    )
    for row in rows:
        print(json.dumps(row))
        print(
            "  ".join(f"{key}={value}" for key, value in row.items() if key != "benchmark"), file=sys.stderr
        )
    print(f"stored the set in {stored:.1f} s", file=sys.stderr)
    line = (
        f"grouping precision={min(item_precision, proposal_precision):.3f} "
        f"recall={min(item_recall, proposal_recall):.3f}"
    )
    print(line, file=sys.stderr)
    print(json.dumps({"benchmark": "grouping", "result": line}))


if __name__ == "__main__":
    main()
