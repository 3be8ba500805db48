"""Post-inspection review restating 2021 recommendations, with progress and new findings.

Source of reinspection-north-wales-missing.docx: make.py calls build(path).
"""

from datetime import datetime

from docxkit import write

TITLE = "North Wales Police: post-inspection review of the response to missing children"
BLOCKS = [
    ("title", "North Wales Police: post-inspection review of the response to missing children"),
    ("p", "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services"),
    ("p", "Published 28 February 2023"),
    ("h1", "Introduction"),
    (
        "p",
        "In March 2021 we published our inspection of how North Wales Police responds to children who go missing "
        "from home or care. We made six recommendations. We returned to the force in November 2022 to review its "
        "progress. This report sets out each of the 2021 recommendations, what we found, and our assessment. It then "
        "sets out one new recommendation and two areas for improvement.",
    ),
    (
        "p",
        "The force area includes six local authorities: Isle of Anglesey, Gwynedd, Conwy, Denbighshire, Flintshire "
        "and Wrexham. Children placed in care homes in North Wales by local authorities in England make up a "
        "significant share of missing episodes.",
    ),
    ("h1", "Progress against our 2021 recommendations"),
    ("h3", "Recommendation 1 from our 2021 inspection"),
    (
        "quote",
        "Within six months, the force should make sure that every report of a missing child is risk assessed by a "
        "supervisor, taking into account the child’s history and any known risk of exploitation.",
    ),
    ("label", "Our assessment:", "Substantial progress"),
    (
        "p",
        "Supervisors now review the risk assessment in almost every case. The quality of assessments has improved, "
        "although some still did not refer to information held about the child’s associates.",
    ),
    ("h3", "Recommendation 2 from our 2021 inspection"),
    (
        "quote",
        "The force should make sure that the findings of return home interviews are recorded on police systems and "
        "used when the child next goes missing.",
    ),
    ("label", "Our assessment:", "Some progress"),
    (
        "p",
        "Return home interviews were recorded on police systems in about half of the cases we examined, compared "
        "with a fifth in 2021. They were rarely referred to when the child went missing again.",
    ),
    ("h3", "Recommendation 3 from our 2021 inspection"),
    (
        "quote",
        "By 31 December 2021, the force should agree with the six local authorities a shared approach to identifying "
        "children at risk of exploitation.",
    ),
    ("label", "Our assessment:", "Achieved"),
    ("p", "A shared approach was agreed in October 2021 and is used in all six areas."),
    ("h3", "Recommendation 4 from our 2021 inspection"),
    (
        "quote",
        "The force should improve how it responds to children placed in North Wales by other local authorities, by:",
    ),
    (
        "quote",
        "(a) asking every placing authority to notify the force when a child is placed in the force area.",
    ),
    (
        "quote",
        "(b) agreeing with placing authorities what information will be shared when a child goes missing.",
    ),
    ("label", "Our assessment:", "Some progress"),
    (
        "p",
        "The force now receives notification of most placements, but it has not yet agreed with placing authorities "
        "how information will be shared when a child goes missing.",
    ),
    ("h3", "Recommendation 5 from our 2021 inspection"),
    (
        "quote",
        "The force should provide Welsh-language support for children who prefer to speak Welsh during return home "
        "interviews and safe and well checks.",
    ),
    ("label", "Our assessment:", "Achieved"),
    (
        "p",
        "Welsh-speaking officers and staff are now identified on the force’s duty system, and children are asked "
        "which language they prefer.",
    ),
    ("h3", "Recommendation 6 from our 2021 inspection"),
    (
        "quote",
        "The force should make sure that its leaders receive regular information about missing children, including "
        "the number of repeat episodes and the outcomes of investigations into exploitation.",
    ),
    ("label", "Our assessment:", "Limited progress"),
    (
        "p",
        "Leaders receive a monthly report on the number of missing episodes, but it does not include repeat episodes "
        "or the outcomes of investigations.",
    ),
    ("h1", "New findings"),
    (
        "p",
        "During our review we found that the force was not using the powers available to it to disrupt adults who "
        "exploit missing children. We make one new recommendation.",
    ),
    ("h3", "Recommendation 7"),
    (
        "p",
        "By 30 September 2023, the force should make sure that child abduction warning notices and other disruption "
        "tactics are considered whenever a child who goes missing is found with an adult who may be exploiting "
        "them.",
    ),
    ("h3", "Areas for improvement"),
    (
        "bullet",
        "The force should make sure that officers record whether a missing child prefers to speak Welsh or English.",
    ),
    (
        "bullet",
        "The force should make sure that information about missing children placed by English local authorities is "
        "shared with the placing authority on the same day.",
    ),
]


def build(path):
    write(path, BLOCKS, title=TITLE, author="HMICFRS", created=datetime(2023, 2, 24, 9, 0, 0))
