"""National thematic report with Recommendation N blocks, lettered and numbered sub-items.

Source of thematic-digital-forensics.docx: make.py calls build(path).
"""

from datetime import datetime

from docxkit import write

TITLE = "Waiting for evidence: an inspection of police digital forensic services"
BLOCKS = [
    ("title", "Waiting for evidence: an inspection of police digital forensic services"),
    ("p", "Published: 2 April 2025"),
    ("p", "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services"),
    ("h1", "Summary"),
    (
        "p",
        "Almost every crime now leaves digital evidence. Phones, laptops, cameras and cloud accounts can show where "
        "a suspect was, whom they spoke to and what they planned. Victims’ own devices often hold evidence that "
        "could support their account. Forces’ digital forensic services have not kept up.",
    ),
    (
        "p",
        "We inspected eight forces and found more than 20,000 devices waiting to be examined. Some had waited more "
        "than a year. Victims of rape and other serious offences had gone months without their phones. Forces often "
        "did not know how many devices they held, or which cases they related to.",
    ),
    ("p", "We make seven recommendations, set out at the end of this report."),
    ("h1", "1. Demand and backlogs"),
    (
        "p",
        "Forces collected information about devices in different ways. Three of the eight forces could not tell us "
        "how many devices were waiting to be examined without a manual count. Where figures were available, they "
        "showed backlogs growing in every force.",
    ),
    (
        "table",
        [
            ["Force (anonymised)", "Devices waiting", "Longest wait (days)"],
            ["A", "3,412", "402"],
            ["B", "1,980", "611"],
            ["C", "2,705", "288"],
            ["D", "854", "190"],
        ],
    ),
    (
        "p",
        "Investigators told us that they often asked for a full examination of a device when a narrower request "
        "would have been enough, because they did not know what was possible. Requests were rarely challenged.",
    ),
    ("h1", "2. Victims"),
    (
        "p",
        "Victims told us that losing their phone for months had cut them off from friends and family, and for some "
        "it had been a reason to withdraw from the investigation. Few forces had a policy on returning devices to "
        "victims, and none monitored how long victims’ devices were kept.",
    ),
    ("h1", "3. Quality and standards"),
    (
        "p",
        "Since October 2023, digital forensic work has had to meet the statutory code of practice issued by the "
        "Forensic Science Regulator. Most forces had made progress towards accreditation, but only two met the code "
        "for all the work they carried out. Some devices, particularly those with advanced encryption, were beyond "
        "the capability of any local force.",
    ),
    ("h1", "4. Recommendations"),
    ("h3", "Recommendation 1"),
    (
        "p",
        "By 31 December 2025, chief constables should make sure that their forces know how many digital devices are "
        "waiting to be examined, how long each has waited, and which case each relates to.",
    ),
    ("h3", "Recommendation 2"),
    (
        "p",
        "Chief constables should make sure that a victim’s mobile phone is returned, or a replacement provided, "
        "within 28 days, unless a supervisor has recorded a clear investigative reason for keeping it.",
    ),
    ("h3", "Recommendation 3"),
    ("p", "Within six months, the NPCC lead for digital forensics should:"),
    (
        "p",
        "(a) agree with forces a common way of prioritising devices for examination, based on the risk to victims "
        "and the public.",
    ),
    ("p", "(b) publish the average time forces take to examine devices in each category of case."),
    ("h3", "Recommendation 4"),
    (
        "p",
        "The Home Office should, by 31 March 2026, fund a national capability to examine devices that local forces "
        "cannot, such as those protected by advanced encryption.",
    ),
    ("h3", "Recommendation 5"),
    (
        "p",
        "Chief constables should make sure that their digital forensic units meet the Forensic Science Regulator’s "
        "code of practice by 1 October 2025.",
    ),
    ("h3", "Recommendation 6"),
    ("p", "The College of Policing should:"),
    (
        "p",
        "6.1 develop training for investigators on making clear and proportionate requests for digital examination.",
    ),
    (
        "p",
        "6.2 within 12 months, include digital forensic awareness in the initial training of all new officers.",
    ),
    (
        "p",
        "6.3 work with the Crown Prosecution Service to agree what digital evidence is needed in the most common "
        "types of case.",
    ),
    ("h3", "Recommendation 7"),
    (
        "p",
        "Police and crime commissioners should ask their chief constables for regular reports on digital forensic "
        "backlogs, and should hold them to account for reducing them.",
    ),
    ("h1", "Annex: methodology"),
    (
        "p",
        "We inspected Cleveland, Devon and Cornwall, Hertfordshire, Merseyside, Norfolk, South Wales, Sussex and "
        "West Yorkshire. In each force we reviewed 20 cases involving digital evidence and interviewed "
        "investigators, digital forensic staff and their leaders.",
    ),
]


def build(path):
    write(path, BLOCKS, title=TITLE, author="HMICFRS", created=datetime(2025, 3, 28, 9, 0, 0))
