"""Joint police custody inspection (HMI Prisons and HMICFRS), as a Word document.

Source of custody-cumbria-joint.docx: make.py calls build(path).
"""

from datetime import datetime

from docxkit import write

TITLE = "Report on an unannounced inspection visit to police custody suites in Cumbria"
BLOCKS = [
    ("title", "Report on an unannounced inspection visit to police custody suites in Cumbria"),
    (
        "p",
        "by HM Inspectorate of Prisons and His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
    ),
    ("p", "Inspection dates: 4–15 September 2023"),
    (
        "p",
        "This report was published on 23 January 2024. It is based on an unannounced inspection of the custody "
        "suites at Carlisle, Workington, Barrow-in-Furness and Kendal.",
    ),
    ("h1", "Contents"),
    ("number", "Introduction"),
    ("number", "Summary"),
    ("number", "Leadership, accountability and partnerships"),
    ("number", "Pre-custody: first point of contact"),
    ("number", "In the custody suite: booking in, individual needs and legal rights"),
    ("number", "In the custody suite: ensuring safety"),
    ("number", "Release and transfer from custody"),
    ("pagebreak",),
    ("h1", "Introduction"),
    (
        "p",
        "This report describes our findings following an unannounced inspection of the four custody suites in "
        "Cumbria. The inspection was conducted jointly by HM Inspectorate of Prisons and His Majesty’s Inspectorate "
        "of Constabulary and Fire & Rescue Services. It is part of a programme of inspections of all police custody "
        "facilities in England and Wales, carried out at least once every six years.",
    ),
    (
        "p",
        "We assessed custody against our published Expectations for police custody, which set out what we expect a "
        "good custody service to look like. We found a committed and caring custody staff group working in buildings "
        "that were mostly in a reasonable condition. However, we identified four causes of concern, each followed by "
        "recommendations, and a number of areas for improvement.",
    ),
    ("h1", "Summary"),
    ("h2", "Causes of concern and recommendations"),
    (
        "label",
        "Cause of concern 1:",
        "Children who had been charged and refused bail were held in custody overnight far too often. In the year "
        "before our inspection, 41 children were detained after charge, and only two were moved to local authority "
        "accommodation. Custody records rarely showed that accommodation had been asked for, and neither the force "
        "nor the two local authorities monitored what happened.",
    ),
    (
        "label",
        "Recommendation 1:",
        "By 31 July 2024, the chief constable and the directors of children’s services for Cumberland and for "
        "Westmorland and Furness should agree and put in place arrangements that make sure children who are charged "
        "and refused bail are moved to local authority accommodation, as the law requires.",
    ),
    (
        "label",
        "Recommendation 2:",
        "The force should record every request it makes for local authority accommodation for a child, with the time "
        "of the request, the type of accommodation requested and the outcome, and should report these figures to its "
        "custody governance meeting every quarter.",
    ),
    (
        "label",
        "Cause of concern 2:",
        "Some detainees at risk of self-harm were not observed as often as their risk assessment required. In 15 of "
        "the 60 records we examined, there were gaps of more than 30 minutes in observations set at 30-minute "
        "intervals, and in two cases detainees who had been assessed as needing constant supervision were left "
        "unobserved for short periods.",
    ),
    (
        "label",
        "Recommendation 3:",
        "The force should make sure that detainees are observed at the frequency set in their risk assessment, and "
        "that custody sergeants check that this is happening during each shift.",
    ),
    (
        "label",
        "Recommendation 4:",
        "Within three months, the force should audit the observation records of all detainees assessed as at risk of "
        "self-harm, and should act on the findings.",
    ),
    (
        "label",
        "Cause of concern 3:",
        "Detainees with mental health needs waited too long for assessment. Health care professionals were not "
        "always available at the smaller suites, and detainees who needed a Mental Health Act assessment waited on "
        "average more than nine hours for one.",
    ),
    (
        "label",
        "Recommendation 5:",
        "The force and its commissioned healthcare provider should make sure that every detainee who needs to see a "
        "healthcare professional is seen promptly, whichever suite they are held in.",
    ),
    (
        "label",
        "Recommendation 6:",
        "NHS England and the local integrated care board should work with the force to reduce the time that "
        "detainees wait in custody for a Mental Health Act assessment.",
    ),
    (
        "label",
        "Cause of concern 4:",
        "The force could not show that force used in custody was justified and proportionate. Use of force was not "
        "always recorded, the records that were made were not always complete, and there was no regular review of "
        "footage from the custody suites.",
    ),
    (
        "label",
        "Recommendation 7:",
        "The force must make sure that every use of force in custody is recorded fully and promptly.",
    ),
    (
        "label",
        "Recommendation 8:",
        "By 30 April 2024, the force should put in place a regular review of use of force in custody, including a "
        "review of closed-circuit television footage, and should report the results to its custody governance "
        "meeting.",
    ),
    ("h2", "Areas for improvement"),
    (
        "bullet",
        "The force should make sure that custody staff consider the individual needs of women detainees, including "
        "offering them the opportunity to speak to a female member of staff.",
    ),
    (
        "bullet",
        "The force should make sure that detainees are told about their rights and entitlements in a way they can "
        "understand, using interpreters when needed.",
    ),
    (
        "bullet",
        "The force should improve the cleanliness of the cells at Workington and remove the graffiti found in "
        "several of them.",
    ),
    (
        "bullet",
        "The force should make sure that detainees released from custody have a safe way of getting home, "
        "particularly children and vulnerable adults released late at night.",
    ),
    ("h2", "Notable positive practice"),
    (
        "p",
        "The force had arranged for a youth worker from a local charity to visit the Carlisle suite each evening to "
        "speak with any child detained there, to help the child understand what was happening and to offer support "
        "after release.",
    ),
    ("pagebreak",),
    ("h1", "Leadership, accountability and partnerships"),
    (
        "p",
        "3.1 The force had a clear governance structure for custody, led by a chief superintendent. A custody "
        "governance meeting met every two months and reviewed a range of performance information.",
    ),
    (
        "p",
        "3.2 The force did not collect enough information about children in custody. It did not know how many "
        "children had been held overnight, or how many requests for local authority accommodation it had made (see "
        "cause of concern 1).",
    ),
    (
        "p",
        "3.3 Leaders should have been aware of the number of children held after charge, as this had been raised in "
        "the previous inspection. We were told that a working group with the two local authorities had met twice, "
        "but it had not agreed any changes.",
    ),
    (
        "p",
        "3.4 Partnership work with the appropriate adult scheme was good, and volunteers usually arrived within two "
        "hours during the day. Out of hours, family members or social workers acted as appropriate adults, and "
        "delays were more common.",
    ),
    (
        "table",
        [
            ["Measure (year to 31 August 2023)", "Cumbria", "Comparator forces"],
            ["Children detained", "612", "650"],
            ["Children detained after charge and refused bail", "41", "38"],
            ["Transferred to local authority accommodation", "2", "9"],
            ["Average time in custody for children (hours)", "13.2", "11.8"],
        ],
    ),
    ("h1", "Pre-custody: first point of contact"),
    (
        "p",
        "4.1 Officers generally considered alternatives to custody, particularly for children and for people in "
        "mental health crisis. Response officers could describe the voluntary attendance process.",
    ),
    (
        "p",
        "4.2 Street triage arrangements were available for part of the day. Officers told us that outside those "
        "hours they sometimes had little choice but to use section 136 of the Mental Health Act 1983.",
    ),
    ("h1", "In the custody suite: booking in, individual needs and legal rights"),
    (
        "p",
        "5.1 Staff were polite and respectful. Booking-in took place at open desks, and there was little privacy for "
        "detainees disclosing sensitive information.",
    ),
    (
        "p",
        "5.2 Detainees were told about their rights, but some were given the information quickly and without "
        "checking that they had understood it. Interpreting services were used by telephone and worked well.",
    ),
    (
        "p",
        "5.3 Women detainees were not routinely offered the chance to speak to a female member of staff, and "
        "menstrual products were not offered unless asked for.",
    ),
    ("h1", "In the custody suite: ensuring safety"),
    (
        "p",
        "6.1 Risk assessments on arrival were thorough. Observation levels were set appropriately, but were not "
        "always carried out (see cause of concern 2).",
    ),
    (
        "p",
        "6.2 We examined 22 incidents in which force was used in custody. In nine, the use of force had not been "
        "recorded on the force’s system, and in others the account was brief. Custody sergeants should review every "
        "such incident, but did not do so consistently.",
    ),
    ("h1", "Release and transfer from custody"),
    (
        "p",
        "7.1 Pre-release risk assessments were completed in most cases. Some detainees were released late at night "
        "without any check on how they would get home.",
    ),
    (
        "p",
        "7.2 Children charged and refused bail were almost always kept in custody until their court appearance. We "
        "discuss this under cause of concern 1.",
    ),
]


def build(path):
    write(
        path, BLOCKS, title=TITLE, author="HM Inspectorate of Prisons", created=datetime(2024, 1, 19, 9, 0, 0)
    )
