"""Details read from a finding's or report's text: dates, stated deadlines, addressees, report metadata."""

import calendar
import re
from datetime import date

from core.text import sentence_case

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
FULL_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+(\d{{4}})\b", re.I)
MONTH_YEAR = re.compile(rf"\b{MONTH}\s+(\d{{4}})\b", re.I)
UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
NUMBER_WORDS = {word: n for n, word in enumerate(UNITS, start=1)} | {
    word: n for n, word in enumerate(TEENS, 10)
}
for tens_word, tens_value in TENS.items():
    NUMBER_WORDS[tens_word] = tens_value
    for n, unit in enumerate(UNITS, start=1):
        NUMBER_WORDS[f"{tens_word}-{unit}"] = NUMBER_WORDS[f"{tens_word} {unit}"] = tens_value + n
NUMBER_WORD = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
LEADING_NUMBER = rf"(?:\d{{1,3}}|{NUMBER_WORD})"
# "Within 28 days, the force should …" opens with its deadline; "returned within 28 days" is a standard.
LEADING_SHORT_DEADLINE = re.compile(rf"^within\s+{LEADING_NUMBER}\s+(?:working\s+)?(?:days?|weeks?)\b", re.I)
NUMBERS = NUMBER_WORDS  # "six months", "twenty-eight days": any number a report writes in words
DEADLINE = re.compile(
    rf"\b(?:(?:by|before|no later than)\s+(?:the\s+end\s+of\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{MONTH}\s+\d{{4}}"
    rf"|within\s+(?:the\s+next\s+)?(?:\d{{1,2}}|{NUMBER_WORD})\s+(?:calendar\s+)?(?:months?|years?)"
    rf"(?:\s+of\s+(?:the\s+)?(?:publication\s+of\s+)?(?:this|the|our)\s+(?:report|inspection|publication)(?:['’]s\s+publication)?)?"
    rf"|within\s+(?:\d{{1,2}}|{NUMBER_WORD})\s+(?:weeks?|days?)\s+of\s+(?:the\s+)?(?:publication\s+of\s+)?(?:this|the|our)\s+(?:report|inspection|publication)(?:['’]s\s+publication)?"
    rf"|immediately)",
    re.I,
)


def parse_date(text: str) -> date | None:
    match = FULL_DATE.search(text)
    if not match:
        return None
    name = match.group(2).lower()
    day, month, year = int(match.group(1)), MONTHS.get(name) or MONTHS[name[:3]], int(match.group(3))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def deadline(text: str, published_on: date | None) -> tuple[str, date | None]:
    """The deadline a finding states, as printed and as a date (relative ones from the publication date)."""
    match = DEADLINE.search(text) or LEADING_SHORT_DEADLINE.match(text)
    if not match:
        return "", None
    printed = match.group(0)
    lowered = printed.lower()
    rule = re.match(r"\s+of\s+(?:each|every|any|a|receiving|the\s+(?!publication))", text[match.end() :])
    if lowered.startswith("within") and rule:
        return "", None  # "within twelve months of each response": a rule, not a date
    if lowered.startswith("within"):
        amount = re.search(
            rf"(\d{{1,3}}|{NUMBER_WORD})\s+(?:calendar\s+|working\s+)?(month|year|week|day)", lowered
        )
        count = int(amount.group(1)) if amount.group(1).isdigit() else NUMBERS[amount.group(1)]
        if published_on is None:
            return printed, None
        from datetime import timedelta

        unit = amount.group(2)
        if unit in ("month", "year"):
            return printed, add_months(published_on, count * (12 if unit == "year" else 1))
        return printed, published_on + timedelta(days=count * (7 if unit == "week" else 1))
    if lowered == "immediately":
        return printed, published_on
    exact = parse_date(printed)
    if exact:
        return printed, exact
    month_year = MONTH_YEAR.search(printed)
    if month_year:
        name = month_year.group(1).lower()
        month = MONTHS.get(name, MONTHS.get(name[:3]))
        year = int(month_year.group(2))
        return printed, date(year, month, calendar.monthrange(year, month)[1])
    return printed, None


ADDRESSEES = [
    (re.compile(r"\b(all\s+)?chief\s+constables\b", re.I), "Chief constables"),
    (
        re.compile(
            r"\b(?:the\s+)?chief\s+constable\s+of\s+((?:[A-Z][\w'-]*\s?)+(?:(?:and|&)\s+(?:[A-Z][\w'-]*\s?)+)?)",
            re.U,
        ),
        "Chief Constable of {0}",
    ),
    (re.compile(r"\b(?:all\s+)?forces\s+should\b", re.I), "Chief constables"),
    (re.compile(r"\bthe\s+force\b(?!['’]s)", re.I), "The force"),
    (re.compile(r"\bthe\s+chief\s+constable\b(?!s)(?!\s+of\s+[A-Z])", re.I), "The chief constable"),
    (re.compile(r"\bNHS\s+England\b"), "NHS England"),
    (re.compile(r"\bintegrated\s+care\s+boards?\b", re.I), "Integrated care board"),
    (re.compile(r"\b(?:commissioned\s+)?health\s*care\s+providers?\b", re.I), "Healthcare provider"),
    (re.compile(r"\bHome\s+Office\b|\bHome\s+Secretary\b"), "Home Office"),
    (
        re.compile(
            r"\b(?:the\s+)?(?:National\s+Police\s+Chiefs'?\s+Council|NPCC)\s+(?:national\s+)?lead\s+for\s+([a-z][\w\s'-]*?)(?=,|\s+and\s+the\b|\s+should|\s+must|\s+develop|\s+working|\s+with|\.|$)",
            re.I,
        ),
        "NPCC lead for {0}",
    ),
    (
        re.compile(
            r"\b(?:the\s+)?(?:National\s+Police\s+Chiefs'?\s+Council|NPCC)\b(?!\s+(?:national\s+)?lead)", re.I
        ),
        "National Police Chiefs' Council",
    ),
    (re.compile(r"\bCollege\s+of\s+Policing\b", re.I), "College of Policing"),
    (re.compile(r"\bHMICFRS\b|\bInspectorate\s+of\s+Constabulary\b"), "HMICFRS"),
    (re.compile(r"\bthe\s+(?:police\s+and\s+crime\s+)?commissioner\b(?!s)", re.I), "The Commissioner"),
    (
        re.compile(r"\bAssociation\s+of\s+Police\s+and\s+Crime\s+Commissioners\b|\bAPCC\b"),
        "Association of Police and Crime Commissioners",
    ),
    (
        re.compile(r"(?<!Association of )\b(?:police\s+and\s+crime\s+commissioners|PCCs)\b", re.I),
        "Police and crime commissioners",
    ),
    (
        re.compile(
            r"^(?:all\s+)?(?:police\s+)?forces\b|\b(?:all\s+)?(?:police\s+)?forces\s+(?=and\b|should\b|must\b)",
            re.I,
        ),
        "Chief constables",
    ),
    (re.compile(r"\blocal\s+authorit(?:y|ies)\b", re.I), "Local authorities"),
    (
        re.compile(r"\bdirectors?\s+of\s+children[’']?s\s+services\b", re.I),
        "Directors of children's services",
    ),
    (
        re.compile(r"\b(?:local\s+)?safeguarding\s+(?:children\s+)?partner(?:s|ships?)\b", re.I),
        "Local safeguarding partners",
    ),
    (re.compile(r"\bCrown\s+Prosecution\s+Service\b|\bCPS\b"), "Crown Prosecution Service"),
    (re.compile(r"\b(?:the\s+)?Government\b"), "The Government"),
    (re.compile(r"\bMinistry\s+of\s+Justice\b"), "Ministry of Justice"),
    (re.compile(r"\bDepartment\s+for\s+Education\b"), "Department for Education"),
    (re.compile(r"\bIndependent\s+Office\s+for\s+Police\s+Conduct\b|\bIOPC\b"), "IOPC"),
]
NAMED_FORCE = re.compile(
    r"\b((?:[A-Z][\w'’-]*\s+(?:of\s+|and\s+)?){1,4}(?:Police|Constabulary))\b(?!\s+and\s+[Cc]rime)(?!\s+Chiefs)"
)
VERB = (
    r"(?:includes?|place|agree|revises?|develop|publish|extends?|asks?|convene|review|make|sets?|ensure|work|"
    r"consider|establish|fund|collect|introduce|provide|report|write|commission|appoint|designate|adopt|issue|"
    r"undertake|bring|take|use|give|seek|create|produce|add|begin|assess|clarify|require|reconsider)"
)
RECOMMENDS_THAT = re.compile(rf"\brecommends?\s+that\s+(.{{3,160}}?)\s+(?:should|must|be|{VERB})\b")
SECOND_ACTOR = re.compile(r"(?:,|;)\s+and\s+((?:the\s+)?[A-Z][\w'’ ]{2,80}?)\s+(?:should|must)\b")
ACTOR_WINDOW = re.compile(
    r"^(.{0,220}?)\b(should|must|needs?\s+to|to\s+(?:work|ensure|review|develop|publish|agree))\b", re.S
)


def addressees(text: str) -> list[str]:
    """Who a finding asks to act, from the words before its first "should" (or the whole text)."""
    text = text.replace("’", "'")
    recommends = RECOMMENDS_THAT.search(text)
    head = ACTOR_WINDOW.match(text)
    window = recommends.group(1) if recommends else head.group(0) if head else text[:250]
    window = re.sub(r"^(by|before|within)\s[^,]*,\s*", "", window, flags=re.I)
    # "the Commissioner, with the local authorities, extends": those named in passing are not asked to act
    window = re.sub(
        r",\s*(?:with|working\s+with|together\s+with|in\s+partnership\s+with|as)\s+[^,]+,", " ", window
    )
    # "…, and the Department for Education should write …": a second body asked to act
    window += " " + " ".join(SECOND_ACTOR.findall(text))
    found: list[str] = []
    for pattern, name in ADDRESSEES:
        for match in pattern.finditer(window):
            label = (
                name.format(*(group.strip() for group in match.groups() if group)) if "{0}" in name else name
            )
            if "{0}" in name and not match.groups()[-1]:
                continue
            if label not in found:
                found.append(label)
    for match in NAMED_FORCE.finditer(window):
        name = match.group(1)
        if not name.lower().startswith(("the ", "all ")) and "Inspectorate" not in name and name not in found:
            found.append(name)
    if "Chief constables" in found:
        found = [name for name in found if name not in ("The chief constable",)]
    return found or subjects(window)


SUBJECT = re.compile(
    r"^(?:(?:by|before|within|during|in|from)\s[^,]{3,60},\s*)?(?P<subject>[^.;:]{2,120}?)\s+(?:should|must|shall|needs?\s+to)\b"
)
PRONOUN = re.compile(r"^(?:it|this|these|they|that|there|we|you|he|she|which|who|more\s+work)\b", re.I)


def subjects(window: str) -> list[str]:
    """Who is asked, where no body Scrutiny knows is named: the subject of the sentence that asks ("NHS
    England should …", "ICSs and provider collaboratives should …"), one name per part."""
    match = SUBJECT.match(window.strip())
    if not match or PRONOUN.match(match.group("subject")):
        return []
    subject = re.sub(r"\s*\((?:in|with|working|where|through|after|as)\b[^)]*\)", "", match.group("subject"))
    parts = [part.strip() for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", subject) if part.strip()]
    names = [re.sub(r"^the\s+", "", part, flags=re.I) for part in parts]
    if not names or any(len(name.split()) > 8 for name in names):
        return []
    return [
        sentence_case(name) if name[:1].islower() and name.split()[0].islower() else name for name in names
    ]
