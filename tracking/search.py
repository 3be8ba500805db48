"""Word search of the findings the tracker follows, through the search index (modelsearch keeps it).

The index is SQLite's FTS5 or PostgreSQL's full-text search, whichever database is in use, read in one
pass by `core.fulltext`; a search cluster named in the settings is asked through modelsearch. A finding
reaches the index through the background worker after each save, and `scrutiny search rebuild` refills
it.

A search finds the findings holding every word asked for, in any form English stemming takes to the same
stem ("reviews" finds "review", "reviewing"). `matching_findings` is the one entry point.
"""

import re

from modelsearch.backends import get_search_backend
from modelsearch.query import PlainText

from core import fulltext
from reports.models import Finding

WORD = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    """The words asked for: letters and digits; punctuation and search syntax are not words."""
    return WORD.findall(text.lower())[:20]


def matching_findings(text: str):
    """A query of the ids of findings holding every word of `text` (none, if it holds no word)."""
    words = words_of(text)
    if not words:
        return Finding.objects.none().values("pk")
    query = PlainText(" ".join(words), operator="and")
    if fulltext.supported():  # one query the tracker's filters join
        return fulltext.matching(query, Finding.objects.all()).values("pk")
    results = get_search_backend().search(query, Finding, order_by_relevance=False)
    return Finding.objects.filter(pk__in=[finding.pk for finding in results]).values("pk")  # a cluster
