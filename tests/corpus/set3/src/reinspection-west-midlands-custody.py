"""Word source: a joint custody re-inspection that restates each 2022 recommendation, reports progress and
raises a new cause of concern with an unnumbered recommendation and unnumbered areas for improvement."""

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

TITLE = "West Midlands Police: re-inspection of police custody"


def build(out):
    d = docx.Document()
    d.core_properties.title = TITLE
    d.core_properties.author = "HM Inspectorate of Prisons"
    section = d.sections[0]
    section.header.paragraphs[0].text = "OFFICIAL"
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    section.footer.paragraphs[
        0
    ].text = "Re-inspection of police custody: West Midlands Police – © Crown copyright 2025"
    section.footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    d.add_paragraph("West Midlands Police").runs[0].bold = True
    d.add_heading(TITLE, level=0)
    d.add_paragraph(
        "Progress since the 2022 unannounced inspection of police custody suites. A joint inspection by "
        "His Majesty's Inspectorate of Prisons and His Majesty's Inspectorate of Constabulary and Fire & Rescue Services."
    )
    d.add_paragraph("Revisit carried out: 9 to 11 June 2025")
    d.add_paragraph("Published: 8 October 2025")

    d.add_heading("1. Introduction", level=1)
    for text in [
        "We inspected police custody in the West Midlands in September 2022. Our report, published in January 2023, "
        "found that detainees were generally treated with respect but that the force's custody suites were under "
        "great pressure, that some detainees waited many hours to be booked in, and that the force's oversight of "
        "the use of force in custody was weak.",
        "In that report we made six recommendations and identified fourteen areas for improvement. This re-inspection "
        "looked at the progress the force had made against each of the six recommendations. We did not re-examine "
        "the areas for improvement individually, although we comment on some of them where they are relevant.",
        "We visited the force's four custody suites at Oldbury, Perry Barr, Coventry and Birmingham Central over three "
        "days, examined 60 custody records and spoke to detainees, custody staff, managers and partner agencies. "
        "We rated each recommendation as achieved, partially achieved or not achieved.",
        "Of the six recommendations, we found that two had been achieved, three had been partially achieved and one "
        "had not been achieved. We also found a new and serious problem in the care of detainees at risk of self-harm, "
        "which we have raised as a cause of concern.",
    ]:
        d.add_paragraph(text)

    t = d.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    hdr = t.rows[0].cells
    hdr[0].text, hdr[1].text, hdr[2].text = "2022 recommendation", "Subject", "2025 assessment"
    for row in [
        ("1", "Waiting times at booking in", "Partially achieved"),
        ("2", "Governance of use of force", "Achieved"),
        ("3", "Children held overnight", "Not achieved"),
        ("4", "Health care provision", "Partially achieved"),
        ("5", "Release and aftercare", "Achieved"),
        ("6", "Cell call bells", "Partially achieved"),
    ]:
        cells = t.add_row().cells
        for i, v in enumerate(row):
            cells[i].text = v

    d.add_heading("2. Progress against the 2022 recommendations", level=1)

    recs = [
        (
            "1",
            "The force should reduce the time detainees wait to be booked into custody, so that no detainee waits "
            "in a van or holding room for more than an hour.",
            "The force has opened additional booking-in desks at Perry Barr and Birmingham Central and now monitors "
            "waiting times daily. The average wait has fallen from 74 minutes in 2022 to 41 minutes. However, during "
            "our visit we saw eleven detainees wait more than an hour, two of them in vans in the yard. The force "
            "should continue to monitor waits at the busiest times, when the problem is most acute.",
            "Partially achieved",
        ),
        (
            "2",
            "The force should introduce governance arrangements that allow it to understand how and why force is "
            "used in custody, including regular review of body-worn video footage by managers.",
            "A custody use of force panel now meets every month and reviews a sample of footage, and its minutes show "
            "that it challenges custody staff where the force used appears excessive. Data on use of force in custody "
            "is now recorded separately from data on use of force elsewhere.",
            "Achieved",
        ),
        (
            "3",
            "The force and the local authorities in its area should work together to make sure that children who are "
            "charged and refused bail are transferred to local authority accommodation and are not held overnight "
            "in police cells.",
            "The position is no better than in 2022. In the twelve months before our visit, 187 children were charged "
            "and refused bail, and 9 were transferred to local authority accommodation. Custody staff told us that "
            "they requested accommodation in most cases but that it was rarely available. The force and the seven "
            "local authorities in its area have not met to discuss the issue since 2023.",
            "Not achieved",
        ),
        (
            "4",
            "The force should make sure, with its health care provider, that detainees can see a health care "
            "professional promptly when they need to, and that medicines are administered safely.",
            "Health care staff are now available in all four suites around the clock, and detainees waited less than "
            "an hour to be seen in most cases we examined. Medicines management has improved, but we found gaps in the "
            "records of controlled drugs at one suite.",
            "Partially achieved",
        ),
        (
            "5",
            "The force should make sure that every detainee has a release plan that takes account of their "
            "vulnerability, and that vulnerable detainees are not released without support to get home safely.",
            "Release plans were completed for all the detainees whose records we examined, and they were generally of "
            "good quality. Custody staff routinely arranged transport for vulnerable detainees released at night.",
            "Achieved",
        ),
        (
            "6",
            "The force should make sure that cell call bells are answered within two minutes, and that the time taken "
            "to answer them is monitored.",
            "Call bells were answered promptly in three suites. At Oldbury, we saw bells go unanswered for up to nine "
            "minutes while staff dealt with other detainees, and the suite's monitoring system had not been working "
            "for several weeks.",
            "Partially achieved",
        ),
    ]
    for num, text, found, rating in recs:
        d.add_heading(f"Recommendation {num} from our 2022 report", level=2)
        d.add_paragraph(text, style="Quote")
        d.add_paragraph("What we found in 2025").runs[0].bold = True
        d.add_paragraph(found)
        p = d.add_paragraph("Assessment: ")
        p.add_run(rating).bold = True

    d.add_heading("3. New findings", level=1)
    d.add_paragraph(
        "During our visit we examined the care of detainees who were assessed as being at risk of self-harm. We found "
        "that, in several cases, the level of observation set at booking in was not increased when new information "
        "about the risk became available, and that some observations recorded as completed had not taken place."
    )
    d.add_heading("Cause of concern", level=2)
    d.add_paragraph(
        "Detainees at risk of self-harm are not always observed at the level their risk requires. Observation levels "
        "are not reviewed when new information comes to light, and records show checks that the CCTV footage shows "
        "did not happen."
    )
    d.add_heading("Recommendation", level=2)
    d.add_paragraph(
        "Within three months, the force should make sure that every detainee's observation level is reviewed by a "
        "custody sergeant whenever new information about their risk is received, and that managers check a sample of "
        "recorded observations against CCTV footage every week."
    )

    d.add_heading("Areas for improvement", level=2)
    for text in [
        "The force should make sure that controlled drugs are recorded accurately at every suite.",
        "The force should repair the call bell monitoring system at Oldbury and check that it is working each day.",
        "The force should make sure that detainees who do not speak English are offered a professional interpreter "
        "at booking in, rather than relying on other detainees or staff.",
    ]:
        d.add_paragraph(text, style="List Bullet")

    d.add_heading("4. Next steps", level=1)
    d.add_paragraph(
        "We will ask the force for an action plan addressing the cause of concern within six weeks of the publication "
        "of this report. We will consider the remaining recommendations and the areas for improvement at our next full "
        "inspection of custody in the West Midlands. The force should share this report with the local authorities in "
        "its area, which have an important part to play in meeting the third of our 2022 recommendations."
    )

    for p in d.paragraphs:
        for r in p.runs:
            r.font.size = r.font.size or Pt(11)
    d.save(str(out))
