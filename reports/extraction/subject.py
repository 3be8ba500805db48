"""Who published a report and whom it is about, read from what it prints: the publisher (an inspectorate,
a department, a committee, an inquiry, an investigation branch), the inspected or addressed body and its
kind (police force, local authority, local area partnership, national, other), and whether it is a police
inspection report the commissioner must answer under section 55. Unknown stays unknown: nothing here
defaults to a police report."""

import re
from collections import Counter

from documents import Document

# Publishers by the names they print, most specific first (a committee before the House it belongs to).
PUBLISHERS = [
    (
        "HM Inspectorate of Constabulary and Fire & Rescue Services",
        r"\bHMICFRS\b|HM\s+Inspectorate\s+of\s+Constabulary|Her\s+Majesty'?s\s+Inspectorate\s+of\s+Constabulary"
        r"|His\s+Majesty'?s\s+Inspectorate\s+of\s+Constabulary|\bHMIC\b",
    ),
    ("HM Inspectorate of Probation", r"Inspectorate\s+of\s+Probation|\bHMI\s*Probation\b"),
    ("HM Inspectorate of Prisons", r"Inspectorate\s+of\s+Prisons|\bHMI\s*Prisons\b"),
    (
        "Independent Chief Inspector of Borders and Immigration",
        r"Independent\s+Chief\s+Inspector\s+of\s+Borders|\bICIBI\b",
    ),
    ("Independent Office for Police Conduct", r"Independent\s+Office\s+for\s+Police\s+Conduct|\bIOPC\b"),
    ("Care Quality Commission", r"Care\s+Quality\s+Commission|\bCQC\b"),
    ("Ofsted", r"\bOfsted\b|Office\s+for\s+Standards\s+in\s+Education"),
    ("UK Covid-19 Inquiry", r"\bUK\s+Covid-19\s+Inquiry\b|\bCovid-19\s+Inquiry\b"),
    ("Marine Accident Investigation Branch", r"Marine\s+Accident\s+Investigation\s+Branch|\bMAIB\b"),
    ("Rail Accident Investigation Branch", r"Rail\s+Accident\s+Investigation\s+Branch|\bRAIB\b"),
    ("Air Accidents Investigation Branch", r"Air\s+Accidents?\s+Investigation\s+Branch|\bAAIB\b"),
    (
        "House of Commons Committee of Public Accounts",
        r"Committee\s+of\s+Public\s+Accounts|Public\s+Accounts\s+Committee|-\s+Public\s+Accounts\b",
    ),
    (
        "House of Commons Home Affairs Committee",
        r"Home\s+Affairs\s+Committee|Select\s+Committee\s+on\s+Home\s+Affairs|\bHASC\b",
    ),
    ("House of Commons Justice Committee", r"\bJustice\s+Committee\b"),
    ("Department for Work and Pensions", r"Department\s+for\s+Work\s+and\s+Pensions|\bDWP\b"),
    ("Department of Health and Social Care", r"Department\s+of\s+Health\s+and\s+Social\s+Care|\bDHSC\b"),
    ("Department for Education", r"Department\s+for\s+Education\b"),
    ("Ministry of Justice", r"Ministry\s+of\s+Justice\b"),
    ("Home Office", r"\bHome\s+Office\b"),
    ("College of Policing", r"College\s+of\s+Policing"),
]
PATTERNS = [(name, re.compile(pattern, re.I if "HMIC" not in pattern else 0)) for name, pattern in PUBLISHERS]
DEPARTMENTS = {
    "Department for Work and Pensions",
    "Department of Health and Social Care",
    "Department for Education",
    "Ministry of Justice",
    "Home Office",
}
INSPECTORATE_OF = {
    "HM Inspectorate of Constabulary and Fire & Rescue Services": "hmicfrs",
    "HM Inspectorate of Probation": "hmi-probation",
    "HM Inspectorate of Prisons": "hmi-prisons",
    "Care Quality Commission": "cqc",
    "Ofsted": "ofsted",
}
RESPONSE = re.compile(r"\b(?:government'?s?\s+)?response\b|\bgovernment'?s\s+(?:new\s+)?decision\b", re.I)
PARTNERSHIP = re.compile(r"\blocal\s+area\s+partnership\b|\barea\s+SEND\b", re.I)
LOCAL_AUTHORITY = re.compile(
    r"\b(?:city|county|borough|district|metropolitan|town)\s+(?:borough\s+|district\s+)?council\b|\bcouncil\b"
    r"|\blondon\s+borough\s+of\b|\blocal\s+authority\b|\bchildren'?s\s+(?:social\s+care\s+)?services\b",
    re.I,
)
POLICE = re.compile(
    r"\bconstabulary\b|\bpolice\s+(?:force|service)\b|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s+Police\b"
)
ACCIDENT = re.compile(r"Accidents?\s+Investigation\s+Branch", re.I)


def publisher(document: Document, title: str) -> str:
    """The body that published the report: the one its title, opening and imprint name most, a response
    being published by the department that responds."""
    opening = " ".join(block.text for block in document.blocks[:40])
    closing = " ".join(block.text for block in document.blocks[-25:])
    counts: Counter = Counter()
    for name, pattern in PATTERNS:
        counts[name] += (
            3 * len(pattern.findall(title)) + len(pattern.findall(opening)) + len(pattern.findall(closing))
        )
    named = [name for name, count in counts.most_common() if count]
    if not named:
        return ""
    if "Ofsted" in named and "Care Quality Commission" in named and PARTNERSHIP.search(f"{title} {opening}"):
        return "Ofsted and Care Quality Commission"  # area SEND inspections are joint
    if RESPONSE.search(title):
        responding = [name for name in named if name in DEPARTMENTS]
        if responding:
            return responding[0]
    return named[0]


def subject_kind(title: str, publisher_name: str, forces: list[str], opening: str) -> str:
    """What kind of body the report is about, from what its title and opening name."""
    lead = f"{title}\n{opening[:1500]}"
    if PARTNERSHIP.search(lead):
        return "local-area-partnership"
    if (
        forces
        or POLICE.search(title)
        or (publisher_name.startswith("HM Inspectorate of Constabulary") and POLICE.search(lead))
    ):
        return "police-force"
    if publisher_name == "Ofsted" or LOCAL_AUTHORITY.search(title):
        return "local-authority"
    if ACCIDENT.search(publisher_name):
        return "other"
    if publisher_name:
        return "national"
    return "other"


def police_s55(publisher_name: str, kind: str, title: str) -> bool:
    """A police inspection report: an inspectorate of policing inspected a force (a response to one is
    not itself one)."""
    return (
        kind == "police-force"
        and publisher_name.startswith("HM Inspectorate of Constabulary")
        and not RESPONSE.search(title)
    )


DAY = r"\d{1,2}(?:st|nd|rd|th)?"
INSPECTION_DATES = re.compile(
    rf"\binspection\s+dates?\s*:?\s*(?P<dates>{DAY}(?:\s+[A-Z][a-z]+)?(?:\s+\d{{4}})?\s*(?:to|–|-|and)\s*"
    rf"{DAY}\s+[A-Z][a-z]+\s+\d{{4}})",
    re.I,
)
SUBJECT_IN_TITLE = [
    re.compile(r"\binspection\s+of\s+(?P<subject>.+?\s+local\s+area\s+partnership)\b", re.I),
    re.compile(r"^inspection\s+of\s+(?P<subject>.+?)\s+local\s+authority\s+children", re.I),
    re.compile(r"^(?P<subject>[^:]{3,80}):\s+(?:re-?)?inspection\s+of\b", re.I),
    re.compile(r"\binspection\s+of\s+[^:]*services:\s+(?P<subject>.{3,80})$", re.I),
    re.compile(
        r"^(?:a|an|the)?\s*(?:peel\s+)?(?:inspection|assessment)\s+of\s+(?P<subject>[^,:]+?(?:police|constabulary))\b",
        re.I,
    ),
]


def inspection_dates(document: Document) -> str:
    for block in document.blocks[:40]:
        found = INSPECTION_DATES.search(block.text)
        if found:
            return found.group("dates").strip().rstrip(".")
    return ""


def subject_named(title: str) -> str:
    for pattern in SUBJECT_IN_TITLE:
        found = pattern.search(title)
        if found:
            return found.group("subject").strip()
    return ""


def details(document: Document, title: str, forces: list[str]) -> dict:
    """The report's publisher, subject and its kind, section 55 status and inspection dates."""
    opening = " ".join(block.text for block in document.blocks[:40])
    name = publisher(document, title)
    kind = subject_kind(title, name, forces, opening)
    return {
        "publisher": name,
        "subject": subject_named(title),
        "subject_kind": kind,
        "police_s55": police_s55(name, kind, title),
        "inspection_dates": inspection_dates(document),
    }
