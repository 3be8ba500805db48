"""The demo scenario's response: the Cheshire office invites the chief constable's comments, links the
letter he sends to the recommendations, writes and approves its response, and publishes it on 17 April
2020, day 51 of 56. Every word is the Scrutiny team's, written for the demo.
"""

import io
import tempfile
from datetime import date
from pathlib import Path

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from responses.comments import confirm_links, read_and_link, recommendation_sections
from responses.models import ResponseSection
from responses.services import (
    add_free_section,
    approve,
    invite_chief_officer,
    prepare_response,
    record_published,
    save_section,
)

RESPONSE_PUBLISHED_ON = date(2020, 4, 17)

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


def load(demo: dict) -> None:
    """Each step once: running the demo again changes nothing."""
    obligation = demo["report"].obligations.get(body=demo["office"])
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
        with tempfile.TemporaryDirectory(prefix="scrutiny-demo-") as folder:
            letter = chief_constable_letter()
            path = Path(folder) / letter.name
            path.write_bytes(letter.read())
            read_and_link(
                obligation=obligation,
                path=path,
                original_name=letter.name,
                received_on=date(2020, 3, 30),
                text="",
                user=None,
            )
        links = {s.pk: (s.comments_passage, s.comments_stance) for s in recommendation_sections(obligation)}
        confirm_links(obligation=obligation, links=links, user=demo["officer"])
    if obligation.published_on is None:
        write_response(obligation)
        approve(obligation=obligation, on=date(2020, 4, 15), user=None)
        # The scenario's outcome: the response letter published on 17 April 2020, day 51 of 56.
        # Its address is the public page Scrutiny serves, so the copies to HM Inspectors can point to it.
        public_page = reverse("responses:public-response", kwargs={"pk": obligation.pk})
        url = f"{demo.get('base_url', 'http://127.0.0.1:8000')}{public_page}"
        record_published(obligation=obligation, published_on=RESPONSE_PUBLISHED_ON, url=url)
    demo["obligation"] = obligation


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
