"""Word source: a national thematic inspection with Recommendation N headings and (a), (b) sub-items."""

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

TITLE = "Not taken seriously enough: an inspection of the police response to stalking"


def build(out):
    d = docx.Document()
    d.core_properties.title = TITLE
    d.core_properties.author = "HMICFRS"
    section = d.sections[0]
    section.header.paragraphs[0].text = "Police response to stalking – OFFICIAL"
    section.footer.paragraphs[0].text = "© HMICFRS 2025"
    section.footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    d.add_heading(TITLE, level=0)
    d.add_paragraph("His Majesty's Inspectorate of Constabulary and Fire & Rescue Services")
    d.add_paragraph("Published: 19 June 2025")
    d.add_paragraph("ISBN: 978-1-80099-111-5")

    d.add_heading("Contents", level=1)
    for line in [
        "Foreword",
        "1. About this inspection",
        "2. What we found",
        "3. Recommendations",
        "Annex A: Forces we visited",
    ]:
        d.add_paragraph(line, style="List Paragraph")

    d.add_heading("Foreword", level=1)
    d.add_paragraph(
        "Stalking is a crime of fixation and obsession. It frightens and isolates the people who suffer it, "
        "and it too often comes before a more serious attack. Five years after the first super-complaint "
        "about stalking, we wanted to find out whether victims now get a better service from the police."
    )
    d.add_paragraph(
        "Some do. But in too many of the cases we examined, officers treated stalking as a string of unrelated "
        "nuisance incidents, and victims had to keep a diary of their own suffering before anyone acted."
    )

    d.add_heading("1. About this inspection", level=1)
    paras = [
        (
            "1.1",
            "We inspected six forces between October 2024 and February 2025: Cheshire, Devon and Cornwall, "
            "Hertfordshire, Northumbria, South Wales and Thames Valley.",
        ),
        (
            "1.2",
            "In each force we reviewed a sample of crimes recorded as stalking or harassment, interviewed "
            "officers, staff and supervisors, and spoke to victims and to the services that support them.",
        ),
        (
            "1.3",
            "We also asked every force in England and Wales for data on the number of stalking protection "
            "orders it had applied for in the twelve months to September 2024.",
        ),
    ]
    for num, text in paras:
        d.add_paragraph(f"{num}\t{text}")

    d.add_heading("2. What we found", level=1)
    paras = [
        (
            "2.1",
            "Call handlers mostly recognised stalking when the caller used the word, but rarely when the "
            "caller described the behaviour without naming it.",
        ),
        (
            "2.2",
            "In 61 of the 180 cases we reviewed, the crime was first recorded as harassment or as a "
            "malicious communications offence and was never reconsidered as stalking.",
        ),
        (
            "2.3",
            "Officers told us they should have been given more training on the difference between stalking "
            "and harassment. Several said that the training they had received was an online package they "
            "completed in their own time.",
        ),
        (
            "2.4",
            "Stalking protection orders were used unevenly. One force had applied for more than forty; "
            "another had applied for two. Forces that used the orders well had a named lawyer or officer "
            "who advised investigators on applications.",
        ),
        (
            "2.5",
            "Victims valued specialist stalking advocates highly, but access to them depended on where the "
            "victim lived.",
        ),
    ]
    for num, text in paras:
        d.add_paragraph(f"{num}\t{text}")

    d.add_heading("3. Recommendations", level=1)
    d.add_paragraph(
        "We make five recommendations. Two of them have sub-recommendations, which should be read "
        "together with the recommendation they belong to."
    )

    d.add_heading("Recommendation 1", level=2)
    d.add_paragraph("By 31 December 2025, chief constables should make sure that:")
    for letter, text in [
        (
            "a",
            "call handlers are trained to recognise the behaviours that make up stalking, even when the "
            "caller does not use the word;",
        ),
        (
            "b",
            "every crime of harassment that involves repeated contact from the same suspect is reviewed by a "
            "supervisor to decide whether it should be recorded as stalking; and",
        ),
        (
            "c",
            "victims of stalking are referred to a specialist advocacy service, where one exists, within "
            "two working days of the crime being recorded.",
        ),
    ]:
        d.add_paragraph(f"({letter}) {text}")

    d.add_heading("Recommendation 2", level=2)
    d.add_paragraph(
        "By 31 March 2026, the College of Policing should revise its authorised professional "
        "practice on stalking and harassment so that it:"
    )
    for letter, text in [
        (
            "a",
            "gives investigators a checklist of the evidence to gather in the first week of a stalking "
            "investigation, including digital evidence from the victim's devices;",
        ),
        ("b", "explains how and when to apply for an interim stalking protection order."),
    ]:
        d.add_paragraph(f"({letter}) {text}")

    d.add_heading("Recommendation 3", level=2)
    d.add_paragraph(
        "Within twelve months, the Home Office should amend the statutory guidance issued under "
        "the Stalking Protection Act 2019 to make clear that the police may apply for a stalking "
        "protection order before a suspect has been charged or even interviewed."
    )

    d.add_heading("Recommendation 4", level=2)
    d.add_paragraph(
        "By 30 June 2026, the National Police Chiefs' Council lead for stalking and harassment "
        "should publish data, force by force, on the number of stalking protection orders applied "
        "for, granted and breached."
    )

    d.add_heading("Recommendation 5", level=2)
    d.add_paragraph(
        "Chief constables should make sure that each force has at least one officer or lawyer "
        "whom investigators can ask for advice about applying for a stalking protection order."
    )

    d.add_heading("Annex A: Forces we visited", level=1)
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Force", "Fieldwork dates"
    for force, dates in [
        ("Cheshire Constabulary", "7–11 October 2024"),
        ("Devon and Cornwall Police", "4–8 November 2024"),
        ("Hertfordshire Constabulary", "18–22 November 2024"),
        ("Northumbria Police", "2–6 December 2024"),
        ("South Wales Police", "13–17 January 2025"),
        ("Thames Valley Police", "3–7 February 2025"),
    ]:
        row = t.add_row().cells
        row[0].text, row[1].text = force, dates

    for p in d.paragraphs:
        for r in p.runs:
            r.font.size = r.font.size or Pt(11)
    d.save(str(out))
