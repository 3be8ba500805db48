"""The same recommendation across reports and forces, in pure functions (no database): what a finding
says once the words that change from one copy to the next are taken out, the candidates that may say the
same (MinHash bands, `datasketch`), the check that they do (`rapidfuzz`), and what a later copy for the
same force is to an earlier one.

One recommendation printed in many reports differs from copy to copy in the force's name, the dates
("by 31 March 2025", "within six months"), who is asked ("HMICFRS recommends that", "the force should",
"chief constables should") and small slips. `normalise` takes those out, so that copies differing only
there are identical; copies edited beyond that are found as candidates by sharing a band of their MinHash
signatures (Jaccard likeness of their word pairs) and confirmed when their normalised wording agrees
closely (`SAME`). Recommendations about one subject, written alike but asking for different things, fall
below it: the generated national set in `bench/grouping.py` measures where the line is.
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from datasketch import MinHash
from rapidfuzz import fuzz

BANDS, ROWS = 20, 4  # 80 permutations; a pair whose word pairs are 60% alike shares a band 94 times in 100
SAME = 90  # normalised wording this alike (rapidfuzz ratio, 0-100) is the same recommendation
SAME_FORCE = 86  # ... and this alike, between reports for one force, is proposed as asked again
SHORTEST = 6  # fewer normalised words than this say too little to be recognised across reports
SEED = 29  # the permutations: fixed, so that the bands stored for a finding stay comparable

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four"
WHEN = re.compile(
    rf"""
    \b(?:by|before|no\ later\ than|within|in|from|until|during|at\ the\ end\ of|the\ end\ of|end\ of)?\s*
    (?:
        \d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+\d{{4}}      # 31 March 2025
      | (?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}      # March 31, 2025
      | (?:{MONTHS})\.?\s+\d{{4}}                                    # March 2025
      | \d{{1,2}}/\d{{1,2}}/\d{{2,4}}                                # 31/03/2025
      | (?:\d+|{NUMBER_WORDS}|a|an)\s+(?:calendar\s+)?(?:days?|weeks?|months?|years?)  # six months
      | (?:the\ )?(?:financial\ )?year\ \d{{4}}(?:\s*(?:/|-|to)\s*\d{{2,4}})?
      | \d{{4}}(?:\s*(?:/|-|to)\s*\d{{2,4}})?                        # 2025, 2024/25
    )
    (?:\s+of\s+(?:this|the)\s+report(?:'s)?\s+publication|\s+of\s+publication)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
MODAL = re.compile(r"\b(should|must|needs? to|is to|are to|ought to)\b")
LEAD_WORDS = 14  # a modal this near the start follows who is asked: the words before it are dropped
LABEL = re.compile(
    r"^\s*(?:recommendation|area for improvement|afi|cause of concern)?\s*[\divx]*[.:)]?\s*", re.I
)
NOT_WORD = re.compile(r"[^a-z0-9]+")
# A re-inspection's verdict on an earlier recommendation, in its own words.
ACHIEVED = re.compile(
    r"(?<!not )(?<!partially )(?<!partly )\b(?:achieved|discharged|has been met|was met)\b", re.I
)
NOT_ACHIEVED = re.compile(r"\b(?:not|partially|partly)\s+(?:been\s+)?(?:achieved|met|discharged)\b", re.I)
REVISIT_WORDS = re.compile(
    r"\b(?:revisit|re-inspection|reinspection|post-inspection|follow-up inspection)\b", re.I
)


def normalise(text: str, names: Iterable[str] = ()) -> str:
    """The finding's words without what varies between copies of one recommendation: its label, the
    force's name (any of `names`, longest first), dates and periods, who is asked (the words before an
    early "should" or "must"), case and punctuation."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = LABEL.sub("", text, count=1)
    lowered = f" {text.lower()} "
    for name in sorted({name.lower() for name in names if name}, key=len, reverse=True):
        lowered = lowered.replace(f" {name} ", " the force ").replace(f" {name}'s ", " the force's ")
        lowered = lowered.replace(f" {name},", " the force,").replace(f" {name}.", " the force.")
    lowered = WHEN.sub(" ", lowered)
    modal = MODAL.search(lowered)
    if modal and len(lowered[: modal.start()].split()) <= LEAD_WORDS:
        lowered = lowered[modal.start() :]
    return " ".join(NOT_WORD.sub(" ", lowered).split())


SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]'\"])[.;]\s+(?=[A-Z\"'(])")


def main_sentence(text: str) -> str:
    """The sentence that asks for something (the first with a "should" or "must"; else the first): what a
    copy that adds a sentence ("Progress should be reported to…") still shares with the others."""
    sentences = SENTENCE_END.split(text.strip())
    return next((s for s in sentences if MODAL.search(s.lower())), sentences[0])


def fingerprint(normal: str) -> str:
    """The normalised wording's key: equal keys, identical wording."""
    return hashlib.blake2b(normal.encode(), digest_size=8).hexdigest()


def shingles(normal: str) -> set[bytes]:
    words = normal.split()
    return {f"{a} {b}".encode() for a, b in zip(words, words[1:], strict=False)} or {
        w.encode() for w in words
    }


def bands(normal: str) -> list[int]:
    """The MinHash signature of the wording's word pairs, cut in `BANDS` bands of `ROWS`, each band a
    signed 64-bit key (the band's number in it): two findings sharing a key are candidates."""
    signature = MinHash(num_perm=BANDS * ROWS, seed=SEED)
    signature.update_batch(list(shingles(normal)))
    values = signature.hashvalues
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes() + bytes([band])
        keys.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True))
    return keys


def recognisable(normal: str) -> bool:
    return len(normal.split()) >= SHORTEST


def likeness(a: str, b: str, a_main: str = "", b_main: str = "") -> int:
    """How alike two normalised wordings are, 0-100 (100: identical): the whole, or (given) the sentences
    that ask for something, whichever is more alike."""
    if a == b:
        return 100
    whole = fuzz.ratio(a, b)
    return int(max(whole, fuzz.ratio(a_main, b_main)) if a_main and b_main else whole)


@dataclass(frozen=True)
class Copy:
    """What deciding a relation needs to know of one finding."""

    text: str
    normal: str
    revisit: bool  # its report re-inspects earlier work


def relation(earlier: Copy, later: Copy) -> str:
    """What a later copy of a recommendation, for the same force, is to the earlier one: "closed" when a
    re-inspection says it was achieved, "reraised" when it is made again as it was (or a re-inspection
    says it was not achieved), "superseded" when it is made again in new words."""
    if later.revisit and ACHIEVED.search(later.text) and not NOT_ACHIEVED.search(later.text):
        return "closed"
    if later.revisit or earlier.normal == later.normal:
        return "reraised"
    return "superseded"


def is_revisit(report_type_code: str, title: str) -> bool:
    return report_type_code == "post-inspection-review" or bool(REVISIT_WORDS.search(title))


def changed_words(a: str, b: str, most: int = 8) -> tuple[list[str], list[str]]:
    """The words only one of two normalised wordings has: the evidence shown beside a proposal."""
    left, right = a.split(), b.split()
    only_left = [w for w in dict.fromkeys(left) if w not in set(right)]
    only_right = [w for w in dict.fromkeys(right) if w not in set(left)]
    return only_left[:most], only_right[:most]


WORD = re.compile(r"[a-z]{4,40}")


def words(text: str) -> set[str]:
    """The words of four letters or more a finding holds, lower case: the vocabulary typos are corrected to."""
    return set(WORD.findall(text.lower()))
