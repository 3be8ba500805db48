"""The same report in two files: a web page and its PDF, a Word copy. Titles that agree, findings that agree,
the same publication date; in words, what agreed."""

import re
from datetime import date

from django.db.models import Q
from rapidfuzz import fuzz, process

from reports.extraction import normalise
from reports.models import Report


def fold_title(title: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", title.lower()).split())


def titles_agree(first: str, second: str) -> bool:
    """The same title, or one the start of the other ("Held too long" and "Held too long: a joint
    thematic inspection …", a web page's heading and the PDF's cover)."""
    a, b = fold_title(first), fold_title(second)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= 8 and long.startswith(short + " ")) or fuzz.ratio(a, b) >= 92


def findings_agreement(texts: list[str], report: Report) -> tuple[float, float]:
    """How far two lists of findings agree: the share of the shorter list whose text the other has too
    (90% alike after folding case, spaces, quotes and dashes), and the share of the longer list that is
    matched. (1.0, 1.0) when both hold the same findings."""
    stored = [normalise(text) for text in report.findings.values_list("text", flat=True)]
    read = [normalise(text) for text in texts]
    if not stored or not read:
        return 0.0, 0.0
    shorter, longer = sorted((stored, read), key=len)
    found = sum(1 for text in shorter if process.extractOne(text, longer, scorer=alike, score_cutoff=90))
    return found / len(shorter), found / len(longer)


def alike(first: str, second: str, **_) -> float:
    """90% alike, or one finding held whole in the other: two findings one file's reading joined ("6.10 The
    College should … 6.11 Chief constables should …") still agree with each as the other file reads it.
    Whole: the held one of 60 characters or more, 95% alike where it stands."""
    if min(len(first), len(second)) >= 60 and fuzz.partial_ratio(first, second) >= 95:
        return 100.0
    return fuzz.ratio(first, second)


# Two files are one report when the titles agree, the publication dates are the same and this share of
# the shorter list of findings agree. With different dates (one file misstates its date) the findings
# must agree this much both ways: a re-inspection restates its earlier report's recommendations, but
# adds findings of its own, so it stays a report of its own.
SAME_FINDINGS, SAME_FINDINGS_OTHER_DATE = 0.6, 0.9


def same_report(*, title: str, published_on: date, texts: list[str]) -> tuple[Report | None, str]:
    """A report already stored from another file (the HTML page of a PDF, a Word copy): the titles agree,
    the publication dates are the same, and most findings agree; or the very same title on the same day.
    Returns the report and, in words, what agreed."""
    head = title.split(":")[0].strip()
    if not head:
        return None, ""
    candidates = Report.objects.filter(Q(published_on=published_on) | Q(title__istartswith=head[:100]))
    best, best_share = None, -1.0
    for report in candidates.order_by("pk")[:50]:
        if not titles_agree(title, report.title):
            continue
        share, both_ways = findings_agreement(texts, report)
        if report.published_on == published_on:
            # The very same title on the same day is the same report even when one file's findings were
            # misread (a web page's list of witnesses taken for recommendations): the stored ones stay.
            same = share >= SAME_FINDINGS or fold_title(title) == fold_title(report.title)
        else:
            same = min(share, both_ways) >= SAME_FINDINGS_OTHER_DATE
        if same and share > best_share:
            best, best_share = report, share
    if best is None:
        return None, ""
    if not texts:
        return best, (
            f"the very same title and publication date, {published_on:%-d %B %Y}; no findings were read "
            "from this file, so the stored ones are kept"
        )
    if best_share < SAME_FINDINGS:
        return best, (
            f"the very same title and publication date, {published_on:%-d %B %Y}; only "
            f"{round(best_share * 100)}% of the findings read from this file agree, so the stored ones are kept"
        )
    if best.published_on == published_on:
        return best, (
            f"the title, {round(best_share * 100)}% of the findings and the publication date, "
            f"{published_on:%-d %B %Y}, agree"
        )
    return best, (
        f"the title and {round(best_share * 100)}% of the findings agree; the publication dates differ "
        f"({published_on:%-d %B %Y} here, {best.published_on:%-d %B %Y} stored): check the date"
    )
