"""The demo scenario's report: the 2019 child protection thematic (design.md).

The report's date, publisher and coverage are public facts. Its summary and findings below are written by
the Scrutiny team for the demo, in the formats such reports use; they are not quotations from the report.
"""

from datetime import date

from directory.models import Inspectorate, ReportType
from reports.models import Finding, Report
from reports.services import FindingInput, create_report

REPORT_TITLE = "National child protection inspections: 2019 thematic report"
PUBLISHED_ON = date(2020, 2, 27)

SUMMARY = (
    "Brings together what 64 inspections found about how forces protect children: 17 further national child "
    "protection inspections, 21 post-inspection reviews and 26 joint targeted area inspections since 2016. "
    "Forces understand risk to children better than before, and leaders treat child protection as a "
    "priority, but the work is under-resourced, too often reactive and blind to harm that builds up over "
    "time, and it cannot be sustained without partner agencies. A chapter on children detained in police "
    "custody finds children held overnight because no alternative accommodation was found for them."
)

R, AFI, PP = Finding.Kind.RECOMMENDATION, Finding.Kind.AREA_FOR_IMPROVEMENT, Finding.Kind.PROMISING_PRACTICE
CHIEF_CONSTABLES = ["Chief constables"]

FINDINGS = [
    FindingInput(
        R,
        "Recommendation 1",
        (
            "Within six months, chief constables should be able to show how their force has assessed the demand "
            "that child protection work places on officers and staff, and how they have resourced that work to "
            "meet it."
        ),
        CHIEF_CONSTABLES,
        "Within six months",
        date(2020, 8, 27),
        anchors=[{"page": 9}, {"page": 31}],
    ),
    FindingInput(
        R,
        "Recommendation 2",
        (
            "By 31 December 2020, chief constables should make sure that officers who attend incidents record the "
            "risks to every child present, including harm that builds up over repeated incidents, and pass that "
            "information to partner agencies without delay."
        ),
        CHIEF_CONSTABLES,
        "By 31 December 2020",
        date(2020, 12, 31),
        anchors=[{"page": 9}, {"page": 44}],
    ),
    FindingInput(
        R,
        "Recommendation 3",
        (
            "Chief constables should agree with their local safeguarding partners how strategy discussions are "
            "arranged, so that the police take part in every discussion about a child who may be at risk of "
            "significant harm."
        ),
        ["Chief constables", "Local safeguarding partners"],
        anchors=[{"page": 10}],
    ),
    FindingInput(
        R,
        "Recommendation 4",
        (
            "By 30 September 2020, the National Police Chiefs' Council lead for child protection, working with the "
            "College of Policing, should publish guidance on managing people who pose a risk to children, "
            "including those who offend online."
        ),
        ["National Police Chiefs' Council lead for child protection", "College of Policing"],
        "By 30 September 2020",
        date(2020, 9, 30),
        anchors=[{"page": 10}, {"page": 63}],
    ),
    FindingInput(
        R,
        "Recommendation 5",
        (
            "Within three months, chief constables should make sure that whenever a child is charged and refused "
            "bail, the custody officer asks the local authority for accommodation under section 38(6) of the "
            "Police and Criminal Evidence Act 1984, and records the request, the reply and the time of each."
        ),
        CHIEF_CONSTABLES,
        "Within three months",
        date(2020, 5, 27),
        anchors=[{"page": 11}, {"page": 72}],
    ),
    FindingInput(
        R,
        "5a",
        (
            "Where a child stays in custody overnight, the custody record should give the reason, and the force "
            "should tell the local authority's director of children's services the next working day."
        ),
        CHIEF_CONSTABLES,
        parent_label="Recommendation 5",
        anchors=[{"page": 72}],
    ),
    FindingInput(
        R,
        "Recommendation 6",
        (
            "Chief constables should agree with the local authorities in their area how they will collect and "
            "share figures on children detained overnight and on transfers to local authority accommodation, in "
            "line with the Concordat on Children in Custody."
        ),
        ["Chief constables", "Local authorities"],
        anchors=[{"page": 11}, {"page": 74}],
    ),
    FindingInput(
        AFI,
        "Area for improvement 1",
        (
            "Forces should improve how supervisors oversee child abuse investigations, so that plans are set early, "
            "reviewed regularly and followed."
        ),
        CHIEF_CONSTABLES,
        anchors=[{"page": 52}],
    ),
    FindingInput(
        AFI,
        "Area for improvement 2",
        (
            "Forces should improve the quality of referrals they make to children's social care, so that each says "
            "clearly what the concern is and what the child has said."
        ),
        CHIEF_CONSTABLES,
        anchors=[{"page": 47}],
    ),
    FindingInput(
        PP,
        "Promising practice: daily risk meeting",
        (
            "One force holds a short meeting each morning with children's social care and health staff to review "
            "every incident involving a child from the previous day, and agree who will act."
        ),
        anchors=[{"page": 45}],
    ),
    FindingInput(
        PP,
        "Promising practice: custody liaison",
        (
            "One force has placed a liaison officer in its main custody suite who contacts the local authority as "
            "soon as a child is detained, which has cut the time children wait for accommodation."
        ),
        anchors=[{"page": 73}],
    ),
]


def load(demo: dict) -> None:
    """The report and its findings, recorded once."""
    report = Report.objects.filter(title=REPORT_TITLE, published_on=PUBLISHED_ON).first()
    if report is None:
        report = create_report(
            title=REPORT_TITLE,
            report_type=ReportType.objects.get(code="national-thematic"),
            published_on=PUBLISHED_ON,
            published_on_source=Report.DateSource.LANDING_PAGE,
            inspectorates=[Inspectorate.objects.get(code="hmicfrs")],
            all_forces=True,
            summary=SUMMARY,
            findings=FINDINGS,
        )
    demo["report"] = report
