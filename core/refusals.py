"""A service's refusal, in words for the person it refuses.

Services raise a `Refused` (each domain has its own kind: ObligationRefused, ReportRefused…) with a
message written to sit mid-sentence after the thing it is about ("the response has been withdrawn; it can
no longer be changed"), so that logs, jobs and API errors read naturally. Where a person is shown it on
its own, `sentence` gives it as a sentence; nothing else capitalises an exception's text.
"""

from core.text import sentence_case


class Refused(Exception):
    @property
    def sentence(self) -> str:
        return sentence(str(self))


def sentence(text: str) -> str:
    """The text with its first letter a capital (the rest as written: names and codes keep their case)."""
    return sentence_case(text)
