"""A commissioner's response as a table: each recommendation restated, then the answer.

Source of response-cumbria-custody-table.docx: make.py calls build(path).
"""

from datetime import datetime

from docxkit import write

TITLE = "Response to the joint inspection of police custody in Cumbria"
BLOCKS = [
    ("title", "Cumbria Police, Fire and Crime Commissioner"),
    ("p", "Response to the joint inspection of police custody in Cumbria"),
    ("p", "Date: 12 March 2024"),
    ("h1", "Introduction"),
    (
        "p",
        "HM Inspectorate of Prisons and His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services "
        "published their report on an unannounced inspection of police custody suites in Cumbria on 23 January 2024. "
        "As Police, Fire and Crime Commissioner I am required to publish comments on the report, and the comments of "
        "the Chief Constable, within 56 days of its publication.",
    ),
    (
        "p",
        "The table below sets out each recommendation in the report, the response of Cumbria Constabulary, and my "
        "own comments. I have also included the two areas for improvement that concern children and vulnerable "
        "adults, because they relate closely to the recommendations. The target dates are the force’s own and are "
        "not set by the inspectorates.",
    ),
    ("h1", "Recommendations, responses and actions"),
    (
        "table",
        [
            ["Ref", "Recommendation", "Force response", "Lead", "Target date", "Status"],
            [
                "Recommendation 1",
                "By 31 July 2024, the chief constable and the directors of children’s services for Cumberland and for "
                "Westmorland and Furness should agree and put in place arrangements that make sure children who are "
                "charged and refused bail are moved to local authority accommodation, as the law requires.",
                "Accepted. A joint protocol with Cumberland Council and Westmorland and Furness Council was agreed in "
                "principle on 28 February 2024 and will be signed in April. Each council has identified an emergency "
                "placement that can be used at any hour.\n"
                "\n"
                "PFCC comment: I will chair the first quarterly review of the protocol in July 2024.",
                "Chief Superintendent, Criminal Justice",
                "31/07/2024",
                "In progress",
            ],
            [
                "Recommendation 2",
                "The force should record every request it makes for local authority accommodation for a child, with the "
                "time of the request, the type of accommodation requested and the outcome, and should report these figures "
                "to its custody governance meeting every quarter.",
                "Accepted. The custody system has been changed so that each request is recorded with its time, the type of "
                "accommodation requested and the outcome. Figures will be reported to the custody governance meeting from "
                "April 2024.",
                "Custody Inspector",
                "01/04/2024",
                "Complete",
            ],
            [
                "Recommendation 3",
                "The force should make sure that detainees are observed at the frequency set in their risk assessment, and "
                "that custody sergeants check that this is happening during each shift.",
                "Accepted. Sergeants now confirm at each shift handover that observations have been carried out as set.",
                "Custody Sergeants",
                "Immediate",
                "Complete",
            ],
            [
                "Recommendation 4",
                "Within three months, the force should audit the observation records of all detainees assessed as at risk "
                "of self-harm, and should act on the findings.",
                "Accepted. An audit of all detainees assessed as at risk of self-harm since October 2023 has been "
                "completed and its findings shared with all custody staff.",
                "Head of Custody",
                "23/04/2024",
                "Complete",
            ],
            [
                "Recommendation 5",
                "The force and its commissioned healthcare provider should make sure that every detainee who needs to see "
                "a healthcare professional is seen promptly, whichever suite they are held in.",
                "Accepted. The healthcare contract is being reviewed, with a new requirement that a healthcare "
                "professional attends the smaller suites within two hours of a request.\n"
                "\n"
                "PFCC comment: the contract is jointly managed by my office and I will monitor attendance times.",
                "Head of Custody / OPFCC Contracts",
                "30/09/2024",
                "In progress",
            ],
            [
                "Recommendation 6",
                "NHS England and the local integrated care board should work with the force to reduce the time that "
                "detainees wait in custody for a Mental Health Act assessment.",
                "This recommendation is for NHS England and the integrated care board. The force has written to both and a "
                "meeting is arranged for April.",
                "Chief Superintendent",
                "30/06/2024",
                "In progress",
            ],
            [
                "Recommendation 7",
                "The force must make sure that every use of force in custody is recorded fully and promptly.",
                "Accepted. A reminder has been issued and compliance is checked in the monthly dip sample.",
                "Custody Inspector",
                "31/03/2024",
                "Complete",
            ],
            [
                "Recommendation 8",
                "By 30 April 2024, the force should put in place a regular review of use of force in custody, including a "
                "review of closed-circuit television footage, and should report the results to its custody governance "
                "meeting.",
                "Accepted. A quarterly use of force review panel, including an independent member, will begin in April "
                "2024 and will review footage.",
                "Head of Professional Standards",
                "30/04/2024",
                "In progress",
            ],
            [
                "AFI 2",
                "The force should make sure that detainees are told about their rights and entitlements in a way they can "
                "understand, using interpreters when needed.",
                "Accepted. Easy-read rights leaflets for children and adults with learning disabilities have been "
                "introduced.",
                "Custody Inspector",
                "31/05/2024",
                "In progress",
            ],
            [
                "AFI 4",
                "The force should make sure that detainees released from custody have a safe way of getting home, "
                "particularly children and vulnerable adults released late at night.",
                "Accepted. A transport scheme for children and vulnerable adults released at night has been agreed with a "
                "local taxi firm, funded by the PFCC.",
                "Head of Custody",
                "30/06/2024",
                "In progress",
            ],
        ],
    ),
    ("h1", "Commissioner's overall comments"),
    (
        "p",
        "I welcome the inspectors’ recognition of the care shown by custody staff. The number of children held "
        "overnight after charge is a long-standing concern of mine, and I am pleased that the force and both "
        "councils have now agreed to work on it together. I will publish an update on these actions in September "
        "2024.",
    ),
    ("p", "Police, Fire and Crime Commissioner for Cumbria"),
]


def build(path):
    write(path, BLOCKS, title=TITLE, author="OPFCC Cumbria", created=datetime(2024, 3, 11, 9, 0, 0))
