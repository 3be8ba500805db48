"""The demo scenario from design.md: the 2019 child protection thematic report and the Cheshire office.

The report's date, publisher and coverage are public facts. Its summary and findings below are written by
the Scrutiny team for the demo, in the formats such reports use; they are not quotations from the report.
"""

import io
from datetime import date

import docx
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.models import Role
from directory.models import Force, Inspectorate, LocalAuthority, ReportType, SafeguardingPartnership
from directory.services import load_reference_data
from reports.models import Finding, Report
from reports.services import FindingInput, create_report
from responses.comments import confirm_links, receive_comments, recommendation_sections
from responses.models import ResponseSection
from responses.services import (
    add_free_section,
    approve,
    invite_chief_officer,
    prepare_response,
    record_published,
    save_section,
)

DEMO_USERNAME = "demo-officer"
DEMO_PASSWORD = "scrutiny-demo-2020"  # demo data only; printed by `scrutiny demo`

REPORT_TITLE = "National child protection inspections: 2019 thematic report"
PUBLISHED_ON = date(2020, 2, 27)
RESPONSE_PUBLISHED_ON = date(2020, 4, 17)

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

CHIEF_CONSTABLE_LETTER = [
    "Comments of the Chief Constable of Cheshire Constabulary",
    "30 March 2020",
    "Dear Commissioner,",
    (
        "Thank you for inviting my comments on the national thematic report on child protection. I welcome "
        "the report and set out below the force's position on each recommendation for chief constables."
    ),
    (
        "Recommendation 1: I accept this recommendation. Cheshire Constabulary has already reviewed the "
        "staffing of its child protection teams and will report progress to your scrutiny board each quarter."
    ),
    (
        "Recommendations 2 and 3: I accept both. Officers now record the risks to each child present at an "
        "incident, and the force is agreeing with the four safeguarding partnerships how strategy discussions "
        "are arranged."
    ),
    (
        "Recommendation 4 is a matter for the National Police Chiefs' Council and the College of Policing. "
        "I note it, and the force will follow their guidance once it is issued."
    ),
    (
        "Recommendation 5 and 5a: I accept these. The force shares your concern about children kept in "
        "custody overnight and is working with the four local authorities on a joint protocol for "
        "accommodation under section 38(6) of the Police and Criminal Evidence Act 1984."
    ),
    (
        "Recommendation 6: I accept this recommendation in part. The force will share its monthly figures on "
        "overnight detentions with the local authorities, but cannot yet share record-level data."
    ),
    "Yours sincerely,",
    "Chief Constable, Cheshire Constabulary",
]


def chief_constable_letter() -> SimpleUploadedFile:
    """The chief constable's comments as the Word letter an office receives."""
    letter = docx.Document()
    letter.add_heading(CHIEF_CONSTABLE_LETTER[0], 1)
    for paragraph in CHIEF_CONSTABLE_LETTER[1:]:
        letter.add_paragraph(paragraph)
    buffer = io.BytesIO()
    letter.save(buffer)
    return SimpleUploadedFile("chief-constable-comments.docx", buffer.getvalue())


CHESHIRE_PARTNERSHIPS = {
    "E06000049": "Cheshire East Safeguarding Children Partnership",
    "E06000050": "Cheshire West and Chester Safeguarding Children Partnership",
    "E06000006": "Halton Safeguarding Children Partnership",
    "E06000007": "Warrington Safeguarding Children Partnership",
}


@transaction.atomic
def load_demo() -> dict:
    """Load reference data and the scenario; running it again changes nothing."""
    load_reference_data()
    cheshire = Force.objects.get(code="cheshire")
    office = cheshire.body_on(PUBLISHED_ON)
    for code, name in CHESHIRE_PARTNERSHIPS.items():
        partnership, _ = SafeguardingPartnership.objects.get_or_create(name=name)
        if not partnership.local_authorities.exists():
            partnership.local_authorities.set([LocalAuthority.objects.get(code=code)])

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

    obligation = report.obligations.get(body=office)
    if obligation.invitation_sent_on is None:
        invite_chief_officer(
            obligation=obligation,
            to="chief.constable@cheshire.police.example",
            sent_on=date(2020, 3, 3),
            comments_due_on=date(2020, 3, 31),
            user=None,
            send=False,
        )
    if obligation.comments_received_on is None:
        # Read, linked to the recommendations, and the links confirmed by the office's officer.
        receive_comments(
            obligation=obligation, received_on=date(2020, 3, 30), upload=chief_constable_letter(), user=None
        )
        links = {s.pk: (s.comments_passage, s.comments_stance) for s in recommendation_sections(obligation)}
        confirm_links(obligation=obligation, links=links, user=demo_officer(office))
    if obligation.published_on is None:
        write_response(obligation)
        approve(obligation=obligation, on=date(2020, 4, 15), user=None)
        # The scenario's outcome: the response letter published on 17 April 2020, day 51 of 56.
        record_published(obligation=obligation, published_on=RESPONSE_PUBLISHED_ON)

    return {"report": report, "officer": demo_officer(office), "office": office}


def demo_officer(office):
    """The person the demo signs in as: an officer of the Cheshire office (administrators and custody
    users must also use two-factor sign-in, which a demo cannot set up for them)."""
    User = get_user_model()
    officer = User.objects.filter(username=DEMO_USERNAME).first()
    if officer is None:
        officer = User.objects.create_user(
            username=DEMO_USERNAME,
            password=DEMO_PASSWORD,
            email="demo-officer@example.org",
            first_name="Demo",
            last_name="Officer",
            office=office,
            role=Role.OPCC_OFFICER,
        )
    return officer


INTRODUCTION = (
    "This is my response, as Police and Crime Commissioner for Cheshire, to the national thematic report on "
    "child protection published by HMICFRS on 27 February 2020, made under section 55 of the Police Act 1996. "
    "Cheshire Constabulary was not among the forces inspected, but the recommendations are addressed to every "
    "chief constable, and I have asked the Chief Constable what the force has done and will do about each of "
    "them. His comments are published with this response."
)
ANSWERS = {
    "Recommendation 1": (
        "The force completed a review of demand in its child protection teams in March 2020. Eleven vacant "
        "investigator posts are being filled and the work will be complete by September 2020. I will check "
        "progress at my quarterly scrutiny board."
    ),
    "Recommendation 2": (
        "Officers now record the risks to each child present at an incident on the force's public protection "
        "notice, and the notice goes to children's social care the same day. The force will audit a sample "
        "of notices in December 2020 and report the results to me."
    ),
    "Recommendation 3": (
        "The force has asked each of the four safeguarding partnerships in Cheshire to agree how strategy "
        "discussions are arranged. I have written to each partnership with the report."
    ),
    "Recommendation 4": (
        "This recommendation is for the National Police Chiefs' Council and the College of Policing. Locally, "
        "the force will adopt the national guidance when it is published and will brief its offender managers."
    ),
    "Recommendation 5": (
        "Custody officers now record every request for local authority accommodation, the reply and the time "
        "of each on the custody record. The force reports the figures to me every month."
    ),
    "5a": (
        "Where a child stays overnight, the custody record gives the reason and the force tells the director "
        "of children's services the next working day. I will publish the number of such cases each quarter."
    ),
    "Recommendation 6": (
        "The force and the four local authorities have agreed to share figures on overnight detentions and "
        "transfers each month, starting in May 2020, in line with the Concordat on Children in Custody."
    ),
}
FREE_SECTIONS = [
    (
        "Working with the safeguarding partnerships",
        (
            "I have discussed the report with the Chief Constable and sent its findings to the safeguarding "
            "partnership of each of Cheshire's four local authority areas: Cheshire East, Cheshire West and "
            "Chester, Halton and Warrington."
        ),
    ),
    (
        "Inspection coverage in Cheshire",
        (
            "Two of the four areas have had a joint targeted area inspection: one published in November 2017 and "
            "one in August 2019. The other two have not, and I have asked the partnerships there for their own "
            "assessment of how well children are protected."
        ),
    ),
    (
        "Children kept in custody overnight",
        (
            "The report confirms a concern I have raised before: children are kept in police custody, often "
            "overnight, because the local authority could not provide other accommodation. I will monitor the "
            "figures each month and report them to the Police and Crime Panel."
        ),
    ),
]


def write_response(obligation) -> None:
    """The scenario's response: an introduction, an answer to each recommendation, three sections."""
    prepare_response(obligation=obligation)
    for section in obligation.sections.all():
        text = (
            INTRODUCTION
            if section.kind == ResponseSection.Kind.INTRODUCTION
            else ANSWERS.get(section.title, "")
        )
        if text and not section.body:
            save_section(section=section, body=text, user=None)
    if not obligation.sections.filter(kind=ResponseSection.Kind.FREE).exists():
        for title, body in FREE_SECTIONS:
            add_free_section(obligation=obligation, title=title, body=body, user=None)
