"""The import file's columns: what each holds, how it is read, and the columns refused outright.

The same table is the documentation (the import page and `docs/reference.md`), the downloadable template
and the validator, so they cannot drift apart. Times are UK local wall-clock times ("2024-03-01 23:15"), or
ISO 8601 with an offset; Excel cells may hold real dates and times.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")

# The 18+1 census groups (England and Wales), and the five groups the figures roll them up into.
ETHNICITY = {
    "A1": "Asian: Indian",
    "A2": "Asian: Pakistani",
    "A3": "Asian: Bangladeshi",
    "A4": "Asian: Chinese",
    "A9": "Asian: any other Asian background",
    "B1": "Black: Caribbean",
    "B2": "Black: African",
    "B9": "Black: any other Black background",
    "M1": "Mixed: White and Black Caribbean",
    "M2": "Mixed: White and Black African",
    "M3": "Mixed: White and Asian",
    "M9": "Mixed: any other mixed background",
    "O1": "Other: Arab",
    "O9": "Other: any other ethnic group",
    "W1": "White: English, Welsh, Scottish, Northern Irish or British",
    "W2": "White: Irish",
    "W3": "White: Gypsy or Irish Traveller",
    "W9": "White: any other White background",
    "NS": "Not stated",
}
ETHNIC_GROUPS = {
    "asian": "Asian",
    "black": "Black",
    "mixed": "Mixed",
    "white": "White",
    "other": "Other",
    "unknown": "Not stated",
}
GROUP_OF = {"A": "asian", "B": "black", "M": "mixed", "W": "white", "O": "other", "N": "unknown"}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, age, sex, ethnicity, yesno, authority, time, choice
    required: bool
    meaning: str
    choices: tuple[str, ...] = ()


COLUMNS = [
    Column("custody_record_number", "text", True, "The custody record number; kept only as a keyed hash"),
    Column("person_id", "text", True, "The force's identifier for the child; kept only as a keyed hash"),
    Column("suite", "text", True, "The custody suite"),
    Column("age", "age", True, "Age in whole years at arrival, 10 to 17"),
    Column("sex", "sex", True, "female, male, or other (other or not known)"),
    Column("ethnicity", "ethnicity", False, "The 18+1 census code (A1 … W9, NS)"),
    Column("looked_after", "yesno", False, "yes or no: looked after by a local authority"),
    Column("home_local_authority", "authority", False, "ONS code or name of the child's home authority"),
    Column("arrived_at", "time", True, "Arrival at the custody suite"),
    Column("authorised_at", "time", False, "Detention authorised"),
    Column("charged_at", "time", False, "Charged"),
    Column("released_at", "time", False, "Released, transferred or taken to court; warned about if empty"),
    Column("bail", "choice", False, "granted, refused, or none", ("granted", "refused", "none")),
    Column("aa_requested_at", "time", False, "Appropriate adult requested"),
    Column("aa_arrived_at", "time", False, "Appropriate adult arrived"),
    Column("transfer_requested_at", "time", False, "PACE s38(6) request to the local authority"),
    Column("transfer_local_authority", "authority", False, "ONS code or name of the authority asked"),
    Column(
        "accommodation",
        "choice",
        False,
        "secure or non-secure (what was asked for)",
        ("secure", "non-secure"),
    ),
    Column("reply", "choice", False, "accepted, refused or no-reply", ("accepted", "refused", "no-reply")),
    Column("placement", "text", False, "Placement type offered (e.g. foster, residential, secure)"),
    Column("transferred_at", "time", False, "Transfer to local-authority accommodation"),
    Column("certificate", "choice", False, "s38(7) certificate ground where no transfer: a or b", ("a", "b")),
    Column("certificate_reason", "text", False, "The certificate's reason, in short"),
]
BY_NAME = {column.name: column for column in COLUMNS}
TIME_ORDER = [
    ("arrived_at", "authorised_at"),
    ("arrived_at", "charged_at"),
    ("arrived_at", "released_at"),
    ("arrived_at", "aa_requested_at"),
    ("aa_requested_at", "aa_arrived_at"),
    ("charged_at", "transfer_requested_at"),
    ("arrived_at", "transfer_requested_at"),
    ("transfer_requested_at", "transferred_at"),
]

# A column whose heading says it holds a name or a date of birth refuses the whole file.
PERSONAL = re.compile(
    r"(^|[^a-z])(name|forename|surname|first.?name|last.?name|given|dob|d\.o\.b|birth|born)([^a-z]|$)", re.I
)


class Invalid(ValueError):
    """A cell that cannot be read; the message says what was wrong."""


def normalise_heading(heading) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(heading or "").strip().lower()).strip("_")


def parse_time(value) -> datetime | None:
    """A UK local time (or a time with an offset) as an aware datetime; refuses times the clocks skip."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        text = str(value).strip().replace("/", "-")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            moment = None
            for pattern in ("%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S"):
                try:
                    moment = datetime.strptime(text, pattern)
                    break
                except ValueError:
                    continue
            if moment is None:
                raise Invalid(f"“{text[:40]}” is not a date and time (use 2024-03-01 23:15)") from None
    if moment.microsecond:  # Excel keeps times as fractions of a day: the nearest whole second, as stored
        moment = (moment + timedelta(microseconds=500_000)).replace(microsecond=0)
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    local = moment.replace(tzinfo=UK).astimezone(UTC)
    if local.astimezone(UK).replace(tzinfo=None) != moment:
        raise Invalid(f"{moment:%Y-%m-%d %H:%M} does not exist in UK time (the clocks went forward)")
    return local  # in UTC: times of one zone compare by wall clock in Python, wrongly across a change


def parse_age(value) -> int:
    try:
        age = int(float(str(value).strip()))
    except ValueError:
        raise Invalid(f"“{str(value)[:20]}” is not a whole number of years") from None
    if not 10 <= age <= 17:
        raise Invalid(f"{age} is not the age of a child in custody (10 to 17)")
    return age


SEXES = {"f": "female", "female": "female", "girl": "female", "m": "male", "male": "male", "boy": "male"}


def parse_sex(value) -> str:
    text = str(value).strip().lower()
    if text in SEXES:
        return SEXES[text]
    if text in ("other", "unknown", "not known", "x", "u"):
        return "other"
    raise Invalid(f"“{text[:20]}” is not female, male or other")


def parse_ethnicity(value) -> str:
    code = str(value or "").strip().upper()
    if not code:
        return ""
    if code not in ETHNICITY:
        raise Invalid(f"“{code[:10]}” is not one of the 18+1 census codes (A1 … W9, NS)")
    return code


def parse_yesno(value) -> bool | None:
    text = str(value if value is not None else "").strip().lower()
    if not text:
        return None
    if text in ("yes", "y", "true", "1"):
        return True
    if text in ("no", "n", "false", "0"):
        return False
    raise Invalid(f"“{text[:20]}” is not yes or no")


def parse_choice(value, choices) -> str:
    text = str(value if value is not None else "").strip().lower()
    if text and text not in choices:
        raise Invalid(f"“{text[:20]}” is not one of {', '.join(choices)}")
    return text


EXAMPLE = {
    "custody_record_number": "01CH/1234/24",
    "person_id": "X0000001",
    "suite": "Middlewich",
    "age": "15",
    "sex": "male",
    "ethnicity": "W1",
    "looked_after": "no",
    "home_local_authority": "E06000007",
    "arrived_at": "2024-03-01 21:40",
    "authorised_at": "2024-03-01 22:05",
    "charged_at": "2024-03-02 09:30",
    "released_at": "2024-03-02 10:15",
    "bail": "refused",
    "aa_requested_at": "2024-03-01 22:10",
    "aa_arrived_at": "2024-03-02 00:20",
    "transfer_requested_at": "2024-03-02 09:45",
    "transfer_local_authority": "Warrington",
    "accommodation": "non-secure",
    "reply": "accepted",
    "placement": "foster",
    "transferred_at": "2024-03-02 10:15",
    "certificate": "",
    "certificate_reason": "",
}


def template_csv() -> str:
    """The template people download: the headings, then one made-up example row."""
    header = ",".join(column.name for column in COLUMNS)
    return header + "\n" + ",".join(EXAMPLE[column.name] for column in COLUMNS) + "\n"
