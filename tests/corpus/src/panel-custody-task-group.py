"""Police and crime panel task group report: numbered conclusions, some of them recommendations.

Source of panel-custody-task-group.docx: make.py calls build(path).
"""

from datetime import datetime

from docxkit import write

TITLE = "West Mercia Police and Crime Panel: report of the task group on children in police custody"
BLOCKS = [
    ("title", "West Mercia Police and Crime Panel"),
    ("p", "Report of the task group on children in police custody"),
    ("p", "Published: 15 September 2023"),
    ("p", "For consideration at the meeting of the Panel on 3 October 2023"),
    ("h1", "1. Background"),
    (
        "p",
        "1.1 At its meeting in January 2023 the Panel agreed to set up a task group to examine how the Police and "
        "Crime Commissioner holds the Chief Constable to account for the treatment of children in police custody.",
    ),
    (
        "p",
        "1.2 The task group’s role is to scrutinise the Commissioner, not the force. Our recommendations are "
        "therefore addressed to the Commissioner, though several concern matters on which we would expect the "
        "Commissioner to seek action from the Chief Constable.",
    ),
    (
        "p",
        "1.3 The task group met six times between February and July 2023. Members visited the custody suites at "
        "Worcester and Shrewsbury, and received evidence from the Commissioner’s office, the force, the four local "
        "authorities in the force area and the youth justice services.",
    ),
    ("h1", "2. What we found"),
    (
        "p",
        "2.1 The Commissioner’s police and crime plan refers to protecting vulnerable people but says nothing "
        "specifically about children in custody.",
    ),
    (
        "p",
        "2.2 The Commissioner’s office receives a quarterly custody report from the force. The report includes the "
        "number of children detained but not the number held overnight or the number transferred to local authority "
        "accommodation.",
    ),
    (
        "p",
        "2.3 The force told us that 58 children were held overnight after charge in 2022. Only five were transferred "
        "to local authority accommodation. The force and the local authorities gave us different explanations for "
        "this.",
    ),
    (
        "p",
        "2.4 Independent custody visitors, whose scheme the Commissioner runs, visit the custody suites regularly. "
        "They told us that they did not routinely speak to children, and that their reports did not record whether "
        "children were present.",
    ),
    (
        "p",
        "2.5 The Commissioner chairs the local criminal justice board. The board has not discussed children in "
        "custody since 2020. Officers told us the force should raise the issue there; we agree that someone should.",
    ),
    (
        "p",
        "2.6 The Commissioner funds an appropriate adult scheme jointly with the local authorities. It operates from "
        "8am to 10pm. Outside those hours, children wait for a parent or a social worker, sometimes for many hours.",
    ),
    (
        "p",
        "2.7 His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services made recommendations about "
        "children in custody in its national child protection thematic report of February 2020. The Commissioner’s "
        "published response accepted them, but we found no record of how progress had been checked.",
    ),
    ("h1", "3. Conclusions and recommendations"),
    (
        "p",
        "Our conclusions and recommendations are set out below. The numbers of the paragraphs that contain a "
        "recommendation are shown in bold.",
    ),
    (
        "p",
        "1. Children in custody are not visible in the Commissioner’s plan or in the information the Commissioner "
        "receives from the force.",
    ),
    (
        "label",
        "2.",
        "The Panel recommends that the Commissioner includes, in the next refresh of the police and crime plan, a "
        "commitment to reducing the number of children held overnight in police custody.",
    ),
    (
        "label",
        "3.",
        "The Panel recommends that the Commissioner asks the Chief Constable to include, in the quarterly custody "
        "report, the number of children held overnight after charge and the number transferred to local authority "
        "accommodation.",
    ),
    ("p", "4. The force and the local authorities do not agree on why so few children are transferred."),
    (
        "label",
        "5.",
        "The Commissioner should convene a meeting of the force and the four local authorities by 31 December 2023 "
        "to agree a shared account of the problem and a plan to address it.",
    ),
    (
        "label",
        "6.",
        "The Commissioner should report to the Panel on the outcome of that meeting within three months of this "
        "report.",
    ),
    (
        "p",
        "7. Independent custody visitors are well placed to see how children are treated, but the scheme does not at "
        "present ask them to look.",
    ),
    (
        "label",
        "8.",
        "We recommend that the Commissioner revises the guidance for independent custody visitors so that they speak "
        "to any child in custody, with the child’s agreement, and record what they find.",
    ),
    (
        "p",
        "9. The local criminal justice board is the right place for partners to discuss this issue, and it has not "
        "done so for three years.",
    ),
    (
        "label",
        "10.",
        "The Commissioner should place children in custody on the agenda of the local criminal justice board at "
        "least twice a year.",
    ),
    ("p", "11. The gap in the appropriate adult scheme overnight is a significant cause of delay."),
    (
        "label",
        "12.",
        "The Panel recommends that the Commissioner, with the local authorities, extends the appropriate adult "
        "scheme to cover the whole night by 1 April 2024.",
    ),
    (
        "p",
        "13. The Commissioner accepted the inspectorate’s recommendations in 2020 but has not shown the Panel how "
        "they were followed up.",
    ),
    (
        "label",
        "14.",
        "The Commissioner should publish, on the Commissioner’s website, the progress made against each inspectorate "
        "recommendation that the Commissioner has accepted.",
    ),
    (
        "label",
        "15.",
        "The Commissioner should report to the Panel annually on children in custody, starting at the Panel’s "
        "meeting in June 2024.",
    ),
    ("p", "16. We thank all those who gave evidence to the task group."),
    ("h1", "Appendix: task group membership"),
    (
        "table",
        [
            ["Member", "Role"],
            ["Councillor A. Example", "Chair of the task group"],
            ["Councillor B. Sample", "Panel member"],
            ["Ms C. Instance", "Independent co-opted member"],
        ],
    ),
]


def build(path):
    write(
        path,
        BLOCKS,
        title=TITLE,
        author="West Mercia Police and Crime Panel",
        created=datetime(2023, 9, 12, 9, 0, 0),
    )
