"""The demo scenario's tracker: the Cheshire office follows the national report's recommendations with
the force from 2020 into 2021: owners, a mix of statuses in the three views, updates with evidence files,
and one target date revised. Every word is the Scrutiny team's, written for the demo.
"""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.demo import DEMO_PASSWORD
from accounts.models import Role, User
from tracking import evidence
from tracking.choosing import choose
from tracking.models import Action, ActionUpdate, Status, View
from tracking.services import Change, publish, record_update, revise_target, set_owner

FORCE_USERNAME = "demo-force"

# label: owner, [(effective date, view, status, progress, text, evidence file, extra)]
PLAN = {
    "Recommendation 1": (
        "Head of Public Protection",
        [
            (
                date(2020, 5, 1),
                View.FORCE,
                "In progress",
                40,
                "Demand model drafted; staffing review under way.",
                None,
                {},
            ),
            (
                date(2020, 8, 20),
                View.FORCE,
                "Force reports complete",
                100,
                "The demand assessment is finished and two posts were added to the child protection teams.",
                "demand-assessment-summary.txt",
                {"public": True},
            ),
            (
                date(2020, 9, 15),
                View.OPCC,
                "Assured",
                None,
                "Scrutiny board saw the assessment and the new posts.",
                None,
                {},
            ),
            (
                date(2020, 10, 1),
                View.OPCC,
                "Closed",
                None,
                "Closed at the October scrutiny board.",
                None,
                {"public": True},
            ),
        ],
    ),
    "Recommendation 2": (
        "Detective Superintendent, Vulnerability",
        [
            (
                date(2020, 9, 1),
                View.FORCE,
                "In progress",
                60,
                "New risk questions added to the incident app.",
                "incident-app-change-note.txt",
                {},
            ),
            (
                date(2021, 2, 1),
                View.OPCC,
                "Partly assured",
                None,
                "Dip sample found risks recorded for most but not all children.",
                None,
                {"public": True},
            ),
        ],
    ),
    "Recommendation 3": (
        "Partnerships Manager",
        [
            (
                date(2020, 7, 10),
                View.FORCE,
                "In progress",
                20,
                "Draft protocol shared with the four partnerships.",
                None,
                {"waiting_on": "Cheshire safeguarding partnerships"},
            ),
        ],
    ),
    "Recommendation 4": (
        "Head of Public Protection",
        [
            (
                date(2020, 6, 1),
                View.FORCE,
                "No action",
                None,
                "Addressed to national bodies; the force will adopt the guidance when it is issued.",
                None,
                {},
            ),
        ],
    ),
    "Recommendation 5": (
        "Head of Custody",
        [
            (
                date(2020, 11, 2),
                View.FORCE,
                "In progress",
                30,
                "Joint accommodation protocol drafted with the local authorities.",
                "custody-protocol-draft.txt",
                {},
            ),
            (
                date(2021, 4, 12),
                View.INSPECTORATE,
                "Being progressed",
                None,
                "",
                None,
                {"source": "HMICFRS letter to the chief constable, April 2021"},
            ),
        ],
    ),
    "Recommendation 6": (
        "Head of Custody",
        [
            (
                date(2021, 1, 15),
                View.FORCE,
                "Force reports complete",
                100,
                "Monthly overnight detention figures now go to each local authority.",
                "monthly-figures-sample.txt",
                {},
            ),
            (
                date(2021, 2, 20),
                View.OPCC,
                "Assured",
                None,
                "Figures checked against custody records for three months.",
                None,
                {},
            ),
        ],
    ),
}

EVIDENCE_TEXT = "Synthetic evidence written for the Scrutiny demo. It names no person.\n"


def force_contributor(office) -> User:
    person = User.objects.filter(username=FORCE_USERNAME).first()
    if person is None:
        person = User.objects.create_user(
            username=FORCE_USERNAME,
            email="demo-force@example.org",
            first_name="Demo",
            last_name="Force Contributor",
            office=office,
            role=Role.FORCE_CONTRIBUTOR,
            force=office.force,
            password=DEMO_PASSWORD,  # demo data only: printed by `scrutiny demo`
        )
    if not person.has_usable_password():  # demos loaded before it could sign in
        person.set_password(DEMO_PASSWORD)
        person.save(update_fields=["password"])
    return person


def load(demo: dict) -> None:
    """Each step once: running the demo again changes nothing."""
    office, officer, report = demo["office"], demo["officer"], demo["report"]
    # The office chose to follow every recommendation, those addressed only to national bodies too (the
    # force's answer to one of them is that it needs no action), as an officer does on the checklist.
    choose(report=report, office=office, chosen=set(report.findings.values_list("pk", flat=True)))
    actions = {
        action.finding.label: action
        for action in Action.objects.filter(office=office, finding__report=report).select_related("finding")
    }
    demo["actions"] = actions
    force = force_contributor(office)  # made (or given the demo password) on every run
    if ActionUpdate.objects.filter(action__in=actions.values()).exists():
        return
    for label, (owner, steps) in PLAN.items():
        action = actions[label]
        set_owner(action=action, owner=owner, user=officer, today=steps[0][0])
        for effective_on, view, name, progress, text, filename, extra in steps:
            author = force if view == View.FORCE else officer
            files = [SimpleUploadedFile(filename, EVIDENCE_TEXT.encode())] if filename else []
            with evidence.staged_files(files) as staged:
                record_update(
                    action=action,
                    change=Change(
                        effective_on=effective_on,
                        text=text,
                        view=view,
                        status=Status.objects.get(office=action.office, view=view, name=name),
                        progress=progress,
                        files=staged,
                        **extra,
                    ),
                    user=author,
                )
            action.refresh_from_db()
    revise_target(
        action=actions["Recommendation 2"],
        new_on=date(2021, 6, 30),
        agreed_by="Chief Executive of the OPCC",
        reason="The incident app change needed a second release; agreed at the December scrutiny board.",
        user=officer,
        today=date(2020, 12, 10),
    )
    publish(office=office, report=report, user=officer, public=True)
